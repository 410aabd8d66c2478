"""Evaluate a workbook's formulas that call lakip_xl functions, with lakip_xl's own rules, without Excel.

What this module owns:

- Which formulas are "lakip formulas": a formula that calls CAPAIAN, PREDIKAT, KETERANGAN,
  CAPAIAN_SASARAN, KUMULATIF, SERAPAN or ANGKA (lakip_xl.udf.UDF), in any of the forms Excel stores:
  `CAPAIAN(D5,E5)` (UDFs imported into the workbook's VBA), `[1]!CAPAIAN(C2,D2)` (a UDF hosted in an
  add-in, with an externalLink part), `'C:\\...\\lakip.xlam'!CAPAIAN(...)` (a broken add-in link),
  `_xludf.CAPAIAN(...)` (written by applications that do not know the function). Names are matched
  case-insensitively, outside string literals. A formula that calls one anywhere inside (e.g.
  `IFERROR(CAPAIAN(D5,E5),"")`) is a lakip formula.
- `evaluasi_rumus(path, semua_rumus=False) -> HasilRumus`: the value of every lakip formula (and, with
  `semua_rumus`, of every formula), with the problems found; and the FROZEN formulas (`beku`): those
  an exported copy cannot keep live, replaced by their cached value, never evaluated:
  a reference into another workbook (`rujuk_eksternal`: an index `[1]Sheet1!A1`, a path
  `'C:\\...\\[lain.xlsx]Data'!B2`, or a defined name that holds one), DDE (`cmd|' /C calc'!A0`),
  and calls that reach outside the workbook (WEBSERVICE, RTD, CALL, REGISTER, EXEC, a HYPERLINK to a
  file or network path: `menjangkau_luar`). Each is reported as a warning naming the cell.
- `hitung_rumus_lakip(path) -> {(sheet, cell): value}`: the lakip formulas only; raises InputError
  (Indonesian, naming sheet and cell) when one cannot be evaluated.

How (decisions others rely on):

- The engine is pycel (ExcelCompiler) with the lakip_xl functions as a plugin: each Excel call goes to
  the very function xlwings calls in Excel (lakip_xl.udf), so the values are the rules' values by
  construction. Arguments are converted the way xlwings passes them (ndim=2 grids; an empty cell is
  None; an Excel error value such as #DIV/0! arrives as None, as xlwings delivers error cells), and a
  None result is an empty cell (pycel would otherwise turn it into 0).
- Cached values are never trusted for lakip formulas: before evaluating, the cached value of EVERY
  formula cell is dropped, so pycel recomputes lakip and native formulas alike from the input cells.
  Native formulas are computed by pycel, including structured table references such as
  `tblRealisasi[Jumlah]` (pycel resolves them from the workbook's Excel Tables).
- Fallback, for native (non-lakip) formulas ONLY: when pycel cannot compute one (a function it does
  not implement, an external-workbook reference, a formula it cannot parse), that cell's cached value
  (what Excel computed when the file was last saved) is used, and a warning names the cell. It is the
  best information available for a formula lakip_xl does not own; the warning makes it visible. Without
  a cached value the lakip cells that depend on it are reported as not computable (an error).
- A lakip formula that cannot be evaluated is an error (GALAT) naming sheet and cell: never replaced by
  its cached value.
- A lakip function's own error text (`#N/A: <pesan>`, e.g. an unreadable target) is a value, as Excel
  would show it; it is reported as a warning so the user can fix the data before sending the copy.

The openpyxl workbooks pycel loads are read only in memory and never saved (see shared/docs/excel.md:
no openpyxl round trip); the package on disk is only read.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from lakip_xl.errors import GALAT, PERINGATAN, BerkasError, InputError, Masalah

# The Excel names of the lakip_xl functions (lakip_xl.udf.UDF), longest first so that
# CAPAIAN_SASARAN is never read as CAPAIAN.
NAMA_FUNGSI = ("CAPAIAN_SASARAN", "CAPAIAN", "PREDIKAT", "KETERANGAN", "KUMULATIF", "SERAPAN", "ANGKA")

_STRING_RE = re.compile(r'"(?:[^"]|"")*"')
# A lakip call, with the prefix Excel may store before it: add-in `[n]!`, a quoted or plain
# add-in file name `'...xlam'!` / `lakip.xlam!`, or `_xludf.` (unknown-function marker).
_PANGGIL_RE = re.compile(
    r"(?<![A-Za-z0-9_.\]!])(?P<awalan>_xludf\.|\[\d+\]!|'[^']*'!|[A-Za-z0-9_.\-]+\.xla[m]?!)?"
    r"(?P<nama>" + "|".join(NAMA_FUNGSI) + r")\s*\(",
    re.IGNORECASE,
)
# A reference into an external workbook: the index Excel stores ([1]Sheet1!A1, [1]!Nama), a bracketed
# file name ([lain.xlsx]Data!A1, with or without a quoted path before it), or a quoted sheet name that
# holds a path ('C:\x\[a.xlsx]Data'!A1, '\\server\share\[a.xlsx]S'!A1, 'https://...'!A1).
_EKSTERNAL_RE = re.compile(
    r"\[\d+\]"
    r"|\[[^\[\]]*\.(?:xl[a-z]{1,2}|xls|csv|ods)\]"
    r"|'[^']*(?:[\\/]|:[\\/])[^']*'!",
    re.IGNORECASE,
)
# DDE (a "|" between application and topic) and functions that reach outside the workbook.
_DDE_RE = re.compile(r"\|")
_LUAR_RE = re.compile(r"(?<![A-Za-z0-9_.])(?:_xlfn\.)?(WEBSERVICE|RTD|CALL|REGISTER(?:\.ID)?|EXEC|DDE\w*)"
                      r"\s*\(", re.IGNORECASE)
_HYPERLINK_RE = re.compile(r"(?<![A-Za-z0-9_.])HYPERLINK\s*\(", re.IGNORECASE)
# A file-system path or file URL inside a string: C:\..., \\server\share, file:/...
_PATH_RE = re.compile(r'"(?:[A-Za-z]:[\\/]|\\\\|file:)', re.IGNORECASE)

# Excel error values (pycel.excelutil.ERROR_CODES holds the same list; repeated here so that the
# classification helpers do not import pycel).
KODE_GALAT_EXCEL = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")


def _di_luar_teks(rumus: str) -> Iterator[tuple[bool, str]]:
    """The formula split into (is_string_literal, piece) pieces, in order."""
    pos = 0
    for m in _STRING_RE.finditer(rumus):
        if m.start() > pos:
            yield False, rumus[pos:m.start()]
        yield True, m.group(0)
        pos = m.end()
    if pos < len(rumus):
        yield False, rumus[pos:]


def panggil_lakip(rumus: str) -> bool:
    """True when the formula text calls a lakip_xl function (outside string literals)."""
    return any(not lit and _PANGGIL_RE.search(bagian) for lit, bagian in _di_luar_teks(rumus or ""))


def rujuk_eksternal(rumus: str) -> bool:
    """True when the formula refers to an external workbook ([n] outside string literals)."""
    return any(not lit and _EKSTERNAL_RE.search(bagian) for lit, bagian in _di_luar_teks(rumus or ""))


def menjangkau_luar(rumus: str) -> str | None:
    """Why a formula reaches outside the workbook (Indonesian, short), or None: DDE, WEBSERVICE / RTD /
    CALL / REGISTER / EXEC, or a HYPERLINK whose target is a file or network path."""
    bagian = [b for lit, b in _di_luar_teks(rumus or "") if not lit]
    kode = "".join(bagian)
    if _DDE_RE.search(kode):
        return "menjalankan program lain lewat DDE"
    m = _LUAR_RE.search(kode)
    if m:
        return f"memanggil {m.group(1).upper()}, yang menjangkau ke luar buku kerja"
    if _HYPERLINK_RE.search(kode) and _PATH_RE.search(rumus or ""):
        return "berisi tautan ke berkas di komputer atau jaringan"
    return None


def _nama_dalam(rumus: str, nama: set[str]) -> str | None:
    """The first of the defined names `nama` (casefolded) the formula uses, outside string literals."""
    if not nama:
        return None
    for lit, bagian in _di_luar_teks(rumus or ""):
        if lit:
            continue
        for m in re.finditer(r"(?<![A-Za-z0-9_.!\]'\\])([A-Za-z_\\][A-Za-z0-9_.\\]*)(?![A-Za-z0-9_.(!\[])", bagian):
            if m.group(1).casefold() in nama:
                return m.group(1)
    return None


def normalkan(rumus: str) -> str:
    """The formula with every lakip call written plainly: `[1]!CAPAIAN(` / `_xludf.CAPAIAN(` /
    `'x.xlam'!CAPAIAN(` -> `CAPAIAN(` (string literals untouched)."""
    return "".join(
        bagian if lit else _PANGGIL_RE.sub(lambda m: m.group("nama").upper() + "(", bagian)
        for lit, bagian in _di_luar_teks(rumus)
    )


# --------------------------------------------------------------------------------------------------
# The pycel plugin: the lakip_xl functions as pycel sees them.

_PLUGIN = "lakip_xl._rumus_pycel"  # a module object registered in sys.modules (pycel imports by name)


def _ke_udf(v: Any) -> Any:
    """One cell value as xlwings would pass it: blank -> None, an Excel error -> None."""
    from pycel.excelutil import EMPTY

    if v is None or v is EMPTY:
        return None
    if isinstance(v, str) and v in KODE_GALAT_EXCEL:
        return None
    return v


def _argumen(a: Any) -> Any:
    if isinstance(a, tuple):  # a range: pycel passes a tuple of row tuples
        return [[_ke_udf(v) for v in row] for row in a]
    return _ke_udf(a)


def _dari_udf(v: Any) -> Any:
    # None is an empty cell; "" keeps it empty through pycel (which turns None into 0).
    if isinstance(v, list):
        return tuple(tuple("" if x is None else x for x in row) for row in v)
    return "" if v is None else v


def _plugin() -> str:
    if _PLUGIN not in sys.modules:
        from lakip_xl.excel import udf

        modul = types.ModuleType(_PLUGIN, "lakip_xl functions for pycel (generated by lakip_xl.excel.rumus)")

        def bungkus(fn):
            def f(*args):
                return _dari_udf(fn(*[_argumen(a) for a in args]))

            f.__name__ = fn.__name__.lower()
            return f

        for fn in udf.UDF:
            setattr(modul, fn.__name__.lower(), bungkus(fn))
        sys.modules[_PLUGIN] = modul
    return _PLUGIN


# --------------------------------------------------------------------------------------------------
# Result


@dataclass
class HasilRumus:
    """Values of the evaluated formula cells and what went wrong."""

    nilai: dict[tuple[str, str], Any] = field(default_factory=dict)  # (sheet, "G5") -> value (None = empty)
    rumus: dict[tuple[str, str], str] = field(default_factory=dict)  # the formula text of each evaluated cell
    lakip: set[tuple[str, str]] = field(default_factory=set)  # which of them call a lakip_xl function
    beku: dict[tuple[str, str], str] = field(default_factory=dict)  # frozen to the cached value -> why
    masalah: list[Masalah] = field(default_factory=list)
    berkas: str = ""

    @property
    def galat(self) -> list[Masalah]:
        return [m for m in self.masalah if m.tingkat == GALAT]

    @property
    def peringatan(self) -> list[Masalah]:
        return [m for m in self.masalah if m.tingkat == PERINGATAN]

    def hentikan_jika_galat(self) -> None:
        if self.galat:
            raise InputError(self.masalah, berkas=self.berkas)


# Loggers that write a traceback for a failing cell: pycel's, and the UDF layer's (a function that
# fails inside returns "#N/A: galat internal (...)" and logs the traceback for the Excel log file).
_LOGGER_DIAM = ("pycel", "lakip_xl.excel.konversi", "lakip_xl.excel.udf")


@contextlib.contextmanager
def _pycel_diam() -> Iterator[None]:
    """No traceback reaches the user: failures are reported as Masalah naming the cell instead."""
    simpan = []
    for nama in _LOGGER_DIAM:
        log = logging.getLogger(nama)
        simpan.append((log, log.level, log.propagate))
        log.setLevel(logging.CRITICAL + 1)
        log.propagate = False
    try:
        yield
    finally:
        for log, level, propagate in simpan:
            log.setLevel(level)
            log.propagate = propagate


def _sebab(exc: BaseException) -> str:
    """A short Indonesian reason for a pycel failure."""
    teks = str(exc)
    m = re.search(r"Function (\S+) is not implemented", teks)
    if m:
        return f"fungsi {m.group(1)} belum dapat dihitung oleh lakip_xl"
    if "FormulaParserError" in type(exc).__name__ or "parse" in teks.lower()[:200]:
        return "rumus tidak dapat dibaca oleh lakip_xl"
    return f"rumus tidak dapat dihitung ({type(exc).__name__})"


def _angka_rapi(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def evaluasi_rumus(path: str | Path, *, semua_rumus: bool = False, data: bytes | None = None) -> HasilRumus:
    """Evaluate the lakip formulas of the workbook at `path` (and with `semua_rumus` every formula;
    formulas with external-workbook references are always included). See the module docstring.
    `data`: the file's bytes when the caller has read them already (then `path` only names the file)."""
    import io
    import warnings
    from unittest import mock

    from openpyxl import load_workbook
    from openpyxl.worksheet.formula import ArrayFormula
    from pycel import ExcelCompiler
    from pycel.excelutil import AddressCell
    from pycel.excelwrapper import ExcelOpxWrapper

    p = Path(path)
    hasil = HasilRumus(berkas=p.name)
    if data is None:
        data = p.read_bytes()
    with _pycel_diam(), warnings.catch_warnings():
        # openpyxl warns about every extension it does not read (x14 validation, sparklines...);
        # irrelevant here: the workbooks are only read, never saved.
        warnings.simplefilter("ignore", UserWarning)
        wrapper = ExcelOpxWrapper(str(p))
        # What ExcelOpxWrapper.load() does, from the bytes: two openpyxl loads (formulas, cached
        # values), in memory only, with pycel's guard against openpyxl's date coercion.
        try:
            with mock.patch("openpyxl.worksheet._reader.from_excel", wrapper.from_excel):
                wrapper.workbook = load_workbook(io.BytesIO(data))
                wrapper.workbook_dataonly = load_workbook(io.BytesIO(data), data_only=True)
            wrapper.load_array_formulas()
        except Exception as exc:  # noqa: BLE001 - whatever openpyxl meets in a damaged package
            raise _tak_terbaca(p.name, exc) from None
        # defined names that point into another workbook: a formula using one is frozen too
        nama_luar = {n.casefold() for n, dn in _nama_terdefinisi(wrapper.workbook) if rujuk_eksternal(dn)}

        tersimpan: dict[str, Any] = {}  # pycel address -> the cached value of a formula cell
        target: list[tuple[str, str, str]] = []  # (sheet, cell, pycel address) to evaluate, in sheet order
        for ws in wrapper.workbook.worksheets:
            ws_nilai = wrapper.workbook_dataonly[ws.title]
            for row in ws.iter_rows():
                for c in row:
                    v = c.value
                    if isinstance(v, ArrayFormula):
                        v = v.text
                    if not (isinstance(v, str) and v.startswith("=")):
                        continue
                    alamat = AddressCell(c.coordinate, sheet=ws.title).address
                    sel_nilai = ws_nilai[c.coordinate]
                    tersimpan[alamat] = sel_nilai.value
                    sel_nilai.value = None  # never start from a cached value
                    key = (ws.title, c.coordinate)
                    lakip = panggil_lakip(v)
                    # a lakip formula is never frozen: computed by the rules, or an error (the add-in
                    # prefix [1]! of `[1]!CAPAIAN(...)` is not a reference into another workbook)
                    sebab = None if lakip else _sebab_beku(v[1:], nama_luar)
                    if sebab is not None:
                        # frozen: the cached value, as a constant pycel will read where others refer to it
                        c.value = tersimpan[alamat]
                        sel_nilai.value = tersimpan[alamat]
                        hasil.rumus[key] = v[1:]
                        hasil.nilai[key] = _nilai_tersimpan(tersimpan[alamat])
                        hasil.beku[key] = sebab
                        hasil.masalah.append(Masalah(
                            pesan=f"Rumus ={v[1:][:_KUTIP]} {sebab}; di salinan diganti nilai terakhir yang disimpan "
                                  f"Excel ({_tampil(tersimpan[alamat])}), tidak dihitung ulang.",
                            saran="Periksa angka itu di Excel sebelum salinan dikirim.",
                            berkas=p.name, sheet=ws.title, sel=c.coordinate, tingkat=PERINGATAN))
                        continue
                    if lakip:
                        c.value = normalkan(v)
                    if lakip or semua_rumus:
                        hasil.rumus[key] = v[1:]
                        if lakip:
                            hasil.lakip.add(key)
                        target.append((ws.title, c.coordinate, alamat))

        if not target:
            return hasil

        gagal_asli: dict[str, str] = {}  # native formula cells that fell back to their cached value

        class _Kompiler(ExcelCompiler):
            def _evaluate(self, address):
                try:
                    return super()._evaluate(address)
                except Exception as exc:  # noqa: BLE001 - a per-cell failure, reported below
                    sel = self.cell_map.get(address)
                    rumus = str(getattr(getattr(sel, "formula", None), "base_formula", "") or "")
                    if sel is None or panggil_lakip(rumus) or tersimpan.get(address) is None:
                        raise
                    gagal_asli[address] = _sebab(exc)
                    sel.value = tersimpan[address]
                    return sel.value

        kompiler = _Kompiler(excel=wrapper, plugins=[_plugin()])
        for sheet, sel, alamat in target:
            key = (sheet, sel)
            try:
                v = kompiler.evaluate(alamat)
            except Exception as exc:  # noqa: BLE001
                sebab = _sebab(exc)
                hasil.masalah.append(Masalah(
                    pesan=f"Rumus ={hasil.rumus[key]} tidak dapat dihitung: {sebab}.",
                    saran="Ganti rumus itu (atau rumus di sel yang dirujuknya) dengan rumus Excel biasa atau "
                          "nilai, lalu ulangi.",
                    berkas=p.name, sheet=sheet, sel=sel, tingkat=GALAT))
                continue
            if isinstance(v, tuple):  # an array result outside an array formula: its first cell, as Excel
                while isinstance(v, tuple):
                    v = v[0] if v else None
            if v == "" or v is None:
                v = None
            hasil.nilai[key] = v
            if key in hasil.lakip and isinstance(v, str) and v.startswith("#N/A: "):
                hasil.masalah.append(Masalah(
                    pesan=f"Fungsi lakip_xl di sel ini menghasilkan pesan galat: {v[6:]}",
                    saran="Perbaiki data yang dirujuk rumus itu agar salinan berisi angka.",
                    berkas=p.name, sheet=sheet, sel=sel, tingkat=PERINGATAN))

        for alamat, sebab in gagal_asli.items():
            sheet, _, sel = alamat.rpartition("!")
            sheet = sheet.strip("'").replace("''", "'")
            hasil.masalah.append(Masalah(
                pesan=f"Rumus Excel di sel ini tidak dapat dihitung ulang ({sebab}); nilai terakhir yang "
                      f"disimpan Excel ({_angka_rapi(tersimpan[alamat])}) dipakai.",
                saran="Periksa angka itu di Excel sebelum salinan dikirim.",
                berkas=p.name, sheet=sheet, sel=sel, tingkat=PERINGATAN))
            if (sheet, sel) in hasil.nilai and (sheet, sel) not in hasil.lakip:
                hasil.nilai[(sheet, sel)] = tersimpan[alamat]
    return hasil


_KUTIP = 80  # characters of a formula quoted in a message


def _tampil(v: Any) -> str:
    return "kosong" if v in (None, "") else _angka_rapi(v)


def _nilai_tersimpan(v: Any) -> Any:
    """A cached value as the copy writes it (a float that is not finite becomes #NUM!, as Excel shows)."""
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return "#NUM!"
    return None if v == "" else v


def _sebab_beku(rumus: str, nama_luar: set[str]) -> str | None:
    """Why a formula is frozen to its cached value (Indonesian), or None when it can stay or be evaluated."""
    luar = menjangkau_luar(rumus)  # first: a DDE topic ('/C calc') also looks like a quoted path
    if luar:
        return luar
    if rujuk_eksternal(rumus):
        return "merujuk buku kerja lain"
    nama = _nama_dalam(rumus, nama_luar)
    if nama:
        return f"memakai nama '{nama}' yang merujuk buku kerja lain"
    return None


def _nama_terdefinisi(wb) -> list[tuple[str, str]]:
    """(name, formula text) of the workbook's defined names, global and sheet-scoped (openpyxl 3.1)."""
    out = []
    with contextlib.suppress(Exception):
        for n, dn in wb.defined_names.items():
            out.append((n, dn.attr_text or ""))
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            for n, dn in ws.defined_names.items():
                out.append((n, dn.attr_text or ""))
    return out


def _tak_terbaca(berkas: str, exc: BaseException) -> BerkasError:
    """The BerkasError for a package openpyxl cannot load (a damaged or hand-made part)."""
    return BerkasError(
        f"Isi buku kerja tidak dapat dibaca untuk menghitung rumusnya ({type(exc).__name__}: {str(exc)[:160]}).",
        saran="Buka berkas di Excel (Excel dapat memperbaiki bagian yang rusak), simpan ulang sebagai .xlsx, lalu "
              "ulangi.", berkas=berkas)


def hitung_rumus_lakip(path: str | Path) -> dict[tuple[str, str], Any]:
    """{(sheet, cell): value} of every formula calling a lakip_xl function, computed by lakip_xl's rules.
    Raises InputError (every cell that cannot be evaluated, in Indonesian) instead of trusting a cached
    value. Values: float (a number), str (text, "n/a", or a lakip "#N/A: ..." message), bool, or None
    (an empty cell)."""
    hasil = evaluasi_rumus(path)
    hasil.hentikan_jika_galat()
    return {k: v for k, v in hasil.nilai.items() if k in hasil.lakip}

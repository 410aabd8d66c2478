"""Evaluate a workbook's formulas that call lakip_xl functions, with lakip_xl's own rules, without Excel.

What this module owns:

- Which formulas are "lakip formulas": a formula that calls CAPAIAN, PREDIKAT, KETERANGAN,
  CAPAIAN_SASARAN, KUMULATIF, SERAPAN, ANGKA or NILAI_AKIP (lakip_xl.udf.UDF), in any of the forms Excel stores:
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

- Two paths, equal values (tests/test_rumus_cepat.py): `jalur="cepat"` (the default) computes
  lakip_xl's own formulas over plain references column-wise without a formula graph, the counted
  Realisasi from the sync's model, and leaves the rest to pycel (lakip_xl.excel.rumus_cepat, whose
  docstring says exactly what goes where); `jalur="pycel"` evaluates every target through pycel, as
  described below. Both share the classification and the result (lakip_xl.excel.rumus_dasar).
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

- pycel's graph is built once for all targets (`_gen_graph` with the list of them): built target by
  target, pycel formats a log line counting every edge of the graph after each piece, even with
  logging off, which is quadratic in the workbook's size. If one formula cannot be parsed the batch
  fails; then the targets are built one by one as before, so each failing cell is reported alone.

The openpyxl workbooks pycel loads are read only in memory and never saved (see shared/docs/excel.md:
no openpyxl round trip); the package on disk is only read.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sys
import types
from pathlib import Path
from typing import Any, Iterator

from lakip_xl.errors import GALAT, PERINGATAN, BerkasError, Masalah
from lakip_xl.excel.rumus_dasar import (  # noqa: F401 - the public names are re-exported here
    _KUTIP,
    KODE_GALAT_EXCEL,
    NAMA_FUNGSI,
    HasilRumus,
    _angka_rapi,
    _nilai_tersimpan,
    _sebab_beku,
    _tampil,
    menjangkau_luar,
    normalkan,
    panggil_lakip,
    rujuk_eksternal,
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


def evaluasi_rumus(path: str | Path, *, semua_rumus: bool = False, data: bytes | None = None,
                   jalur: str = "cepat") -> HasilRumus:
    """Evaluate the lakip formulas of the workbook at `path` (and with `semua_rumus` every formula;
    formulas with external-workbook references are always included). See the module docstring.
    `data`: the file's bytes when the caller has read them already (then `path` only names the file).
    `jalur`: "cepat" (default) computes lakip_xl's own formulas column-wise from the cells and the
    sync's model and leaves only the rest to pycel (lakip_xl.excel.rumus_cepat); "pycel" evaluates
    every target through pycel. Both give the same values (tests/test_rumus_cepat.py)."""
    p = Path(path)
    if data is None:
        data = p.read_bytes()
    if jalur == "cepat":
        from lakip_xl.excel.rumus_cepat import evaluasi_cepat

        return evaluasi_cepat(p, data, semua_rumus, pycel=_evaluasi_pycel)
    if jalur != "pycel":
        raise ValueError(f"jalur {jalur!r}")
    return _evaluasi_pycel(p, data, HasilRumus(berkas=p.name), semua_rumus=semua_rumus)


def _evaluasi_pycel(p: Path, data: bytes, hasil: HasilRumus, *, semua_rumus: bool,
                    hanya: set[tuple[str, str]] | None = None) -> HasilRumus:
    """The pycel path, filling `hasil`. With `hanya`, only those (sheet, cell) targets are evaluated and
    frozen formulas are not recorded again (the fast path has recorded them)."""
    import io
    import warnings
    from unittest import mock

    from openpyxl import load_workbook
    from openpyxl.worksheet.formula import ArrayFormula
    from pycel import ExcelCompiler
    from pycel.excelutil import AddressCell
    from pycel.excelwrapper import ExcelOpxWrapper

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
                        if hanya is not None:
                            continue
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
                    if hanya is not None:
                        if key in hanya:
                            hasil.rumus[key] = v[1:]
                            if lakip:
                                hasil.lakip.add(key)
                            target.append((ws.title, c.coordinate, alamat))
                    elif lakip or semua_rumus:
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
        # The graph is built once for all targets. Evaluating target by target would build it
        # piecewise, and after each piece pycel formats a log line counting every edge of the graph
        # (len(dep_graph.edges()), even with logging off): quadratic in the workbook's size. A
        # formula pycel cannot parse fails the batch; then the targets go one by one as before, so
        # each failing cell is reported on its own.
        try:
            kompiler._gen_graph([alamat for _, _, alamat in target])
        except Exception:  # noqa: BLE001 - a fresh compiler, target by target
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

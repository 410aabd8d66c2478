"""What lakip_xl.excel.rumus and its fast path (lakip_xl.excel.rumus_cepat) share: which formulas are
lakip formulas, which reach outside the workbook (frozen), the result (`HasilRumus`) and the texts of
its messages. lakip_xl.excel.rumus re-exports every public name; see its docstring for the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from lakip_xl.errors import GALAT, PERINGATAN, InputError, Masalah

# The Excel names of the lakip_xl functions (lakip_xl.udf.UDF), longest first so that
# CAPAIAN_SASARAN is never read as CAPAIAN.
NAMA_FUNGSI = ("CAPAIAN_SASARAN", "CAPAIAN", "PREDIKAT", "KETERANGAN", "KUMULATIF", "SERAPAN", "ANGKA",
               "NILAI_AKIP")

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
    jalur: dict[str, int] = field(default_factory=dict)  # how many targets each path computed (fast path)

    @property
    def galat(self) -> list[Masalah]:
        return [m for m in self.masalah if m.tingkat == GALAT]

    @property
    def peringatan(self) -> list[Masalah]:
        return [m for m in self.masalah if m.tingkat == PERINGATAN]

    def hentikan_jika_galat(self) -> None:
        if self.galat:
            raise InputError(self.masalah, berkas=self.berkas)


def _angka_rapi(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


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

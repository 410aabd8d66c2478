"""The Excel functions (xlwings UDFs): CAPAIAN, PREDIKAT, KETERANGAN, CAPAIAN_SASARAN, KUMULATIF,
SERAPAN, ANGKA.

xlwings loads this module by its dotted name (setting "UDF Modules" = `lakip_xl.udf`). Each function is
a thin edge over the pure core: it turns Excel cells into core arguments and core results into Excel
values, nothing else. The rules live in lakip_xl.aturan.capaian / predikat / kumulatif / sasaran / anggaran /
angka (docs/dev/core-api.md).

Conventions shared by every function (docs/panduan.md tells users the same in Bahasa Indonesia):
- Arguments arrive as 2-D lists (`ndim=2`): a single cell is [[v]], a column [[v1], [v2], ...]. A
  plain Python scalar or flat list is accepted too (a flat list is read as a column).
- Element-wise functions broadcast like NumPy: every argument is either 1x1 or has the result's
  rows/columns; a 1x1 result is returned as a scalar, anything else as a list of rows of the same
  shape. So one formula can serve a whole column (spills in Excel 365; Ctrl+Shift+Enter in 2016/2019).
- Results: Decimal -> float (an Excel number); NA -> the text "n/a"; a row whose inputs are all blank
  -> None (an empty cell), so a column formula over spare rows shows nothing there.
- A user mistake (lakip_xl.errors.LakipError) becomes the short text "#N/A: <pesan>" in that cell only;
  any other exception becomes "#N/A: galat internal (...)" and is logged. Never a traceback.
- Excel error cells (#DIV/0!, #N/A...) arrive from xlwings as None, i.e. as blanks: the core's policy
  for missing values applies (by default n/a).
- Text produced by this module that starts with "#" (an upstream error) is passed through unchanged
  by the functions that take a capaian, so the first error shows, not a second one about it.

Import cost matters (xlwings imports this module in its COM server before the first call): the core
modules are imported inside the functions, never pandas/openpyxl at import time. CAPAIAN over 200 or
more number cells uses the vectorised core (lakip_xl.aturan.vektor, numpy/pandas, exact: equal to the scalar
form) on first use; xlwings has imported pandas already in that process. Measurements in
docs/dev/excel-side.md.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any, Callable

import xlwings as xw

from lakip_xl.aturan.nilai import NA, Rentang
from lakip_xl.errors import LakipError

logger = logging.getLogger(__name__)

KATEGORI = "LAKIP"  # the Function Wizard category (written by xlwings' "Import Functions")
NA_TEKS = "n/a"
AWALAN_GALAT = "#N/A: "
PANJANG_PESAN = 120  # characters of a core message kept in a cell

Grid = list  # list[list[Any]]


# --------------------------------------------------------------------------------------------------
# Thin conversions


def _grid(x: Any) -> Grid:
    """Any argument as a rectangular 2-D list. None (an omitted optional argument) is [[None]]."""
    if isinstance(x, (list, tuple)):
        if not x:
            return [[None]]
        if isinstance(x[0], (list, tuple)):
            if len(set(map(len, x))) == 1 and len(x[0]):
                return x  # already rectangular (what xlwings passes): no copy
            width = max(len(r) for r in x) or 1
            return [list(r) + [None] * (width - len(r)) for r in x]
        return [[v] for v in x]  # a flat list (only from Python callers): a column
    return [[x]]


def _bentuk(*grids: Grid) -> tuple[int, int]:
    """The broadcast shape (rows, cols); raises _Ukuran when an argument fits neither 1 nor it."""
    rows = max(len(g) for g in grids)
    cols = max(len(g[0]) for g in grids)
    for g in grids:
        if len(g) not in (1, rows) or len(g[0]) not in (1, cols):
            raise _Ukuran(grids)
    return rows, cols


class _Ukuran(Exception):
    def __init__(self, grids):
        self.teks = AWALAN_GALAT + "ukuran range tidak cocok (" + " dan ".join(
            f"{len(g)}x{len(g[0])}" for g in grids if (len(g), len(g[0])) != (1, 1)
        ) + "); pakai range yang sama panjang atau satu sel"


def _ambil(g: Grid, r: int, c: int) -> Any:
    return g[r if len(g) > 1 else 0][c if len(g[0]) > 1 else 0]


def _ratakan(g: Grid, rows: int, cols: int) -> list[Any]:
    """The broadcast grid as one flat row-major list of rows*cols values."""
    if len(g) == 1 and len(g[0]) == 1:
        return [g[0][0]] * (rows * cols)
    if len(g) == rows and len(g[0]) == cols:
        return [row[0] for row in g] if cols == 1 else [v for row in g for v in row]
    return [_ambil(g, r, c) for r in range(rows) for c in range(cols)]


def _kosong(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _galat_hulu(v: Any) -> bool:
    """An error text produced upstream by one of these functions (or Excel's own error texts)."""
    return isinstance(v, str) and v.lstrip().startswith("#")


def _ke_excel(v: Any) -> Any:
    """A core result as an Excel value."""
    if v is None:
        return None
    if isinstance(v, NA):
        return NA_TEKS
    if isinstance(v, bool):
        return v
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, Rentang):
        return str(v)
    return v


def _pesan(e: BaseException) -> str:
    if isinstance(e, LakipError):
        teks = e.masalah.pesan
    else:
        logger.exception("lakip_xl UDF failed")
        teks = f"galat internal ({type(e).__name__})"
    if len(teks) > PANJANG_PESAN:
        teks = teks[: PANJANG_PESAN - 3].rstrip() + "..."
    return AWALAN_GALAT + teks


def _aman(fn: Callable[..., Any], *args: Any) -> Any:
    """One cell: the core call, its result converted, any exception as a short text."""
    try:
        return _ke_excel(fn(*args))
    except Exception as e:  # noqa: BLE001 - a cell must show a message, never a traceback
        return _pesan(e)


def _hasil(rows: list[list[Any]]) -> Any:
    if len(rows) == 1 and len(rows[0]) == 1:
        return rows[0][0]
    return rows


def _bentuk_ulang(flat: list[Any], rows: int, cols: int) -> Any:
    """A flat row-major list back to the rows x cols shape (a scalar for 1x1)."""
    if cols == 1:
        return flat[0] if rows == 1 else [[v] for v in flat]
    return _hasil([flat[r * cols:(r + 1) * cols] for r in range(rows)])


def _per_sel(sel: Callable[..., Any], *args: Any) -> Any:
    """Apply `sel(*values)` element-wise over broadcast arguments (already per-cell safe)."""
    grids = [_grid(a) for a in args]
    try:
        rows, cols = _bentuk(*grids)
    except _Ukuran as e:
        return e.teks
    flat = [_ratakan(g, rows, cols) for g in grids]
    return _bentuk_ulang([sel(*vals) for vals in zip(*flat)], rows, cols)


def _teks_pilihan(v: Any) -> str | None:
    """An option cell (polaritas, metode, skala, tipe): blank -> None, else its text."""
    if _kosong(v):
        return None
    return str(v).strip()


def _angka_capaian(v: Any) -> Any:
    """A capaian cell for PREDIKAT/KETERANGAN/CAPAIAN_SASARAN: number, "n/a", or Indonesian text."""
    from lakip_xl.aturan.angka import parse_angka  # cached after the first call: sys.modules lookup only

    if isinstance(v, str) and v.strip().lower() == NA_TEKS:
        return NA("tidak dapat dihitung")
    return parse_angka(v)


# --------------------------------------------------------------------------------------------------
# The functions. Names, docstrings and argument docs are what Excel users see: Bahasa Indonesia.


@xw.func(category=KATEGORI)
@xw.arg("target", ndim=2, doc="Target indikator: angka, teks angka Indonesia (\"0,14%\", \"103 M\"), rentang (\"80 - 90\") atau nilai huruf (\"B\"). Satu sel atau satu kolom.")
@xw.arg("realisasi", ndim=2, doc="Realisasi indikator, sel atau kolom sepanjang target.")
@xw.arg("polaritas", ndim=2, doc="Opsional: positif (bawaan), negatif, rentang, atau huruf. Satu sel atau satu kolom.")
@xw.arg("metode", ndim=2, doc="Opsional, untuk polaritas negatif: selisih (bawaan, (2T-R)/T x 100) atau rasio (T/R x 100).")
def CAPAIAN(target, realisasi, polaritas=None, metode=None):
    """Persentase capaian kinerja: realisasi dibanding target (positif R/T x 100; negatif, rentang, huruf sesuai polaritas). Target 0 atau kosong menghasilkan n/a."""
    from lakip_xl.aturan.capaian import capaian

    grids = [_grid(a) for a in (target, realisasi, polaritas, metode)]
    try:
        rows, cols = _bentuk(*grids)
    except _Ukuran as e:
        return e.teks
    t_, r_, p_, m_ = (_ratakan(g, rows, cols) for g in grids)
    out: list[Any] = [None] * (rows * cols)
    angka: list[int] = []  # target and realisasi both plain numbers (or one blank): vectorisable
    lain: list[int] = []  # text cells: Indonesian numbers, grades, ranges, odd types
    for i, (t, r) in enumerate(zip(t_, r_)):
        tt, tr = type(t), type(r)
        if (tt is float or t is None or (tt is int and -_INT_TEPAT <= t <= _INT_TEPAT)) and (
                tr is float or r is None or (tr is int and -_INT_TEPAT <= r <= _INT_TEPAT)):
            if t is not None or r is not None:
                angka.append(i)
        elif _kosong(t) and _kosong(r):
            pass  # a blank row stays blank
        elif _galat_hulu(t):
            out[i] = t  # an upstream error shows as it is
        elif _galat_hulu(r):
            out[i] = r
        else:
            lain.append(i)
    pol = _pilihan_per_sel(grids[2], p_, "positif")
    met = _pilihan_per_sel(grids[3], m_, "selisih")
    if len(angka) < AMBANG_VEKTOR or not _capaian_vektor(out, angka, t_, r_, pol, met):
        lain += angka
    for i in lain:
        out[i] = _aman(capaian, t_[i], r_[i], pol[i], met[i])
    return _bentuk_ulang(out, rows, cols)


AMBANG_VEKTOR = 200  # from this many number cells, CAPAIAN uses lakip_xl.aturan.vektor (numpy), not a loop
_INT_TEPAT = 2**53  # ints up to this are exact in float64 (Excel passes floats anyway)


def _pilihan_per_sel(grid: Grid, xs: list[Any], bawaan: str) -> list[str]:
    """An option column (polaritas, metode) as texts, blank -> `bawaan`; each distinct cell once."""
    if len(grid) == 1 and len(grid[0]) == 1:
        return [_teks_pilihan(grid[0][0]) or bawaan] * len(xs)
    memo: dict[Any, str] = {}
    out = []
    for v in xs:
        try:
            teks = memo[v]
        except KeyError:
            teks = memo[v] = _teks_pilihan(v) or bawaan
        except TypeError:  # an unhashable value (only from Python callers)
            teks = _teks_pilihan(v) or bawaan
        out.append(teks)
    return out


def _capaian_vektor(out: list[Any], idx: list[int], target: list, realisasi: list,
                    polaritas: list[str], metode: list[str]) -> bool:
    """Fill out[i] for i in idx (cells whose target and realisasi are numbers or blank) with the
    core's vectorised capaian, which is exact: equal to the scalar form (lakip_xl/vektor.py and its
    property test). False, with `out` untouched, when it refuses the column as a whole (e.g. one
    unknown polaritas): the per-cell loop then gives each cell its own message."""
    try:
        import numpy as np

        from lakip_xl.aturan.vektor import capaian_vektor

        def kolom(xs):
            return np.array([xs[i] for i in idx], dtype="float64")  # None -> NaN = blank

        def teks(xs):
            pilihan = {xs[i] for i in idx}
            return pilihan.pop() if len(pilihan) == 1 else np.array([xs[i] for i in idx], dtype=object)

        seri = capaian_vektor(kolom(target), kolom(realisasi), teks(polaritas), teks(metode), hasil="float")
        hasil = seri.tolist()
    except Exception:  # noqa: BLE001 - the exact per-cell loop decides
        return False
    for i, x in zip(idx, hasil):
        out[i] = NA_TEKS if x != x else x
    return True


@xw.func(category=KATEGORI)
@xw.arg("nilai_capaian", ndim=2, doc="Persentase capaian (misalnya 44,83) atau n/a. Satu sel atau satu kolom.")
@xw.arg("skala", ndim=2, doc="Opsional: sakip3 (bawaan: Melebihi/Tercapai/Tidak Tercapai), permendagri54, permendagri86, lkjip5, akip.")
def PREDIKAT(nilai_capaian, skala=None):
    """Predikat capaian menurut skala yang dipilih, misalnya "Tercapai / Sesuai Target" atau "Baik"."""
    from lakip_xl.aturan.predikat import predikat

    def sel(v, s):
        if _kosong(v):
            return None
        if _galat_hulu(v):
            return v
        return _aman(lambda: predikat(_angka_capaian(v), _teks_pilihan(s) or "sakip3").label)

    return _per_sel(sel, nilai_capaian, skala)


@xw.func(category=KATEGORI)
@xw.arg("nilai_capaian", ndim=2, doc="Persentase capaian (misalnya 104) atau n/a. Satu sel atau satu kolom.")
def KETERANGAN(nilai_capaian):
    """Kalimat keterangan capaian: "Telah melampaui target", "Telah mencapai target", atau "Perlu upaya lebih dalam mencapai target"."""
    from lakip_xl.aturan.predikat import keterangan

    def sel(v):
        if _kosong(v):
            return None
        if _galat_hulu(v):
            return v
        return _aman(lambda: keterangan(_angka_capaian(v)))

    return _per_sel(sel, nilai_capaian)


@xw.func(category=KATEGORI)
@xw.arg("nilai_capaian", ndim=2, doc="Range capaian indikator-indikator satu sasaran. Sel kosong dan n/a tidak ikut dirata-rata.")
@xw.arg("bobot", ndim=2, doc="Opsional: range bobot, sama ukurannya dengan range capaian. Kosong berarti rata-rata biasa.")
def CAPAIAN_SASARAN(nilai_capaian, bobot=None):
    """Capaian sasaran: rata-rata capaian indikatornya (berbobot bila bobot diisi); n/a tidak ikut dihitung."""
    from lakip_xl.aturan.angka import parse_angka
    from lakip_xl.aturan.sasaran import capaian_sasaran

    nilai = _grid(nilai_capaian)
    sel_nilai = [v for row in nilai for v in row]
    try:
        for v in sel_nilai:
            if _galat_hulu(v):
                return v
        daftar = [None if _kosong(v) else _angka_capaian(v) for v in sel_nilai]
        daftar_bobot = None
        if bobot is not None:
            b = _grid(bobot)
            if (len(b), len(b[0])) != (len(nilai), len(nilai[0])):
                return (AWALAN_GALAT + f"range bobot ({len(b)}x{len(b[0])}) tidak sama ukurannya "
                        f"dengan range capaian ({len(nilai)}x{len(nilai[0])})")
            daftar_bobot = [parse_angka(v) for row in b for v in row]
        return _ke_excel(capaian_sasaran(daftar, daftar_bobot))
    except Exception as e:  # noqa: BLE001
        return _pesan(e)


@xw.func(category=KATEGORI)
@xw.arg("nilai", ndim=2, doc="Nilai tahunan (satu baris atau satu kolom: satu deret). Range banyak baris dan kolom: tiap baris satu deret (tahun ke kanan).")
@xw.arg("tipe", ndim=2, doc="Opsional: kumulatif (bawaan, dijumlah), non kumulatif (nilai akhir), atau rata-rata. Satu sel atau satu kolom per baris.")
@xw.arg("penyebut", ndim=2, doc="Opsional: penyebut persentase (misalnya 1.264.373 penduduk usia produktif); hasil = nilai / penyebut x 100.")
def KUMULATIF(nilai, tipe=None, penyebut=None):
    """Realisasi sampai tahun ini menurut tipe penghitungan: kumulatif dijumlah, non kumulatif nilai terakhir, rata-rata dirata-rata."""
    from lakip_xl.aturan.kumulatif import realisasi_sampai

    g = _grid(nilai)
    if len(g) == 1 or len(g[0]) == 1:
        deret = [[v for row in g for v in row]]  # one row or one column: a single series
    else:
        deret = g  # a block: each row is one indicator's series, years to the right

    from lakip_xl.aturan.angka import parse_angka

    def sel(baris, t, p):
        if all(_kosong(v) for v in baris):
            return None
        for v in baris + [p]:
            if _galat_hulu(v):
                return v

        def hitung():
            angka = [parse_angka(v) for v in baris]
            return realisasi_sampai(angka, _tipe(t), parse_angka(p)).nilai

        return _aman(hitung)

    tg, pg = _grid(tipe), _grid(penyebut)
    try:
        rows, _ = _bentuk([[0]] * len(deret), tg, pg)
    except _Ukuran as e:
        return e.teks
    if len(tg[0]) > 1 or len(pg[0]) > 1:
        return AWALAN_GALAT + "tipe dan penyebut harus satu sel atau satu kolom"
    return _hasil([[sel(list(deret[r if len(deret) > 1 else 0]), _ambil(tg, r, 0), _ambil(pg, r, 0))]
                   for r in range(rows)])


def _tipe(t: Any) -> str:
    teks = _teks_pilihan(t)
    if teks is None:
        return "kumulatif"
    from lakip_xl.aturan import kumulatif

    parse = getattr(kumulatif, "parse_tipe", None)
    return parse(teks) if parse else teks


@xw.func(category=KATEGORI)
@xw.arg("pagu", ndim=2, doc="Pagu anggaran (Rp), satu sel atau satu kolom.")
@xw.arg("realisasi", ndim=2, doc="Realisasi anggaran (Rp), sel atau kolom sepanjang pagu.")
def SERAPAN(pagu, realisasi):
    """Persentase serapan anggaran: realisasi / pagu x 100. Pagu 0 atau kosong menghasilkan n/a."""
    from lakip_xl.aturan.anggaran import serapan
    from lakip_xl.aturan.angka import parse_angka

    def sel(p, r):
        if _kosong(p) and _kosong(r):
            return None
        for v in (p, r):
            if _galat_hulu(v):
                return v

        def hitung():
            return serapan(parse_angka(p), parse_angka(r))

        return _aman(hitung)

    return _per_sel(sel, pagu, realisasi)


@xw.func(category=KATEGORI)
@xw.arg("teks", ndim=2, doc="Angka yang tersimpan sebagai teks: \"1.264.373\", \"34,67%\", \"Rp 4.926.982.500\", \"45,1 M\". Satu sel atau satu kolom.")
def ANGKA(teks):
    """Mengubah teks angka gaya Indonesia menjadi angka Excel ("34,67%" menjadi 34,67; "45,1 M" menjadi 45.100.000.000). "-" dan "n/a" menjadi n/a."""
    from lakip_xl.aturan.angka import parse_angka

    def sel(v):
        if _kosong(v):
            return None

        def baca():
            hasil = parse_angka(v)
            if hasil is None:
                return NA("kosong")
            if isinstance(hasil, Rentang):
                raise _RentangBukanAngka(hasil)
            return hasil

        return _aman(baca)

    return _per_sel(sel, teks)


class _RentangBukanAngka(LakipError):
    def __init__(self, r: Rentang):
        super().__init__(f"rentang {r}, bukan satu angka")


UDF = (CAPAIAN, PREDIKAT, KETERANGAN, CAPAIAN_SASARAN, KUMULATIF, SERAPAN, ANGKA)

"""The eight Excel functions without Excel: cells in, core calls, cell values out.

Both edges of the functions are thin decorations of what is here:
- lakip_xl/excel/udf.py, the classic xlwings UDFs (Windows, Python installed, `lakip_xl.udf`);
- lakip_xl/excel/lite.py, xlwings Lite's custom functions (Python in Excel's add-in runtime, Pyodide).

This module imports the standard library and lakip_xl (errors, aturan) only, never xlwings, and the
rules lazily inside the functions, so it runs unchanged under Pyodide (tests/test_lite_pyodide.py runs
it there). The help texts Excel shows (Bahasa Indonesia) live here too, in `BANTUAN`, so both edges
register the same words.

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
  for missing values applies (by default n/a). Empty cells arrive as None (classic) or "" / None
  (Lite); both are blank here. Lite passes whole numbers as int: read like the float.
- Text produced here that starts with "#" (an upstream error) is passed through unchanged by the
  functions that take a capaian, so the first error shows, not a second one about it.

CAPAIAN over `AMBANG_VEKTOR` or more number cells uses the vectorised core (lakip_xl.aturan.vektor,
numpy/pandas, exact: equal to the scalar form) when numpy is importable; where it is not (Pyodide
without numpy) the per-cell loop gives the same values.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from lakip_xl.aturan.nilai import NA, Rentang, ke_decimal
from lakip_xl.errors import LakipError

logger = logging.getLogger(__name__)

NA_TEKS = "n/a"
AWALAN_GALAT = "#N/A: "
PANJANG_PESAN = 120  # characters of a core message kept in a cell
AMBANG_VEKTOR = 200  # from this many number cells, CAPAIAN uses lakip_xl.aturan.vektor (numpy), not a loop
_INT_TEPAT = 2**53  # ints up to this are exact in float64

Grid = list  # list[list[Any]]


# --------------------------------------------------------------------------------------------------
# What Excel shows: the functions' and arguments' help texts (Bahasa Indonesia)


@dataclass(frozen=True)
class Bantuan:
    """The help of one function: its description (the docstring) and each argument's, in order."""

    keterangan: str
    argumen: dict[str, str]


BANTUAN: dict[str, Bantuan] = {
    "CAPAIAN": Bantuan(
        "Persentase capaian kinerja: realisasi dibanding target (positif R/T x 100; negatif, rentang, huruf sesuai polaritas). Target 0 atau kosong menghasilkan n/a.",
        {
            "target": "Target indikator: angka, teks angka Indonesia (\"0,14%\", \"103 M\"), rentang (\"80 - 90\") atau nilai huruf (\"B\"). Satu sel atau satu kolom.",
            "realisasi": "Realisasi indikator, sel atau kolom sepanjang target.",
            "polaritas": "Opsional: positif (bawaan), negatif, rentang, atau huruf. Satu sel atau satu kolom.",
            "metode": "Opsional, untuk polaritas negatif: selisih (bawaan, (2T-R)/T x 100) atau rasio (T/R x 100).",
            "pengaturan": "Opsional: tabel Pengaturan (kolom Pengaturan dan Nilai, misalnya Pengaturan!$A$6:$B$31), agar Target Nol, Batas Atas/Bawah Capaian, pembulatan dan desimal mengikuti workbook seperti sheet ringkasan.",
        }),
    "PREDIKAT": Bantuan(
        "Predikat capaian menurut skala yang dipilih, misalnya \"Tercapai / Sesuai Target\" atau \"Baik\".",
        {
            "nilai_capaian": "Persentase capaian (misalnya 44,83) atau n/a. Satu sel atau satu kolom.",
            "skala": "Opsional: sakip3 (bawaan: Melebihi/Tercapai/Tidak Tercapai), depok2020 (dulu permendagri54), permendagri86, lkjip5, akip.",
        }),
    "KETERANGAN": Bantuan(
        "Kalimat keterangan capaian: \"Telah melampaui target\", \"Telah mencapai target\", atau \"Perlu upaya lebih dalam mencapai target\".",
        {
            "nilai_capaian": "Persentase capaian (misalnya 104) atau n/a. Satu sel atau satu kolom.",
        }),
    "CAPAIAN_SASARAN": Bantuan(
        "Capaian sasaran: rata-rata capaian indikatornya (berbobot bila bobot diisi); n/a tidak ikut dihitung.",
        {
            "nilai_capaian": "Range capaian indikator-indikator satu sasaran. Sel kosong dan n/a tidak ikut dirata-rata.",
            "bobot": "Opsional: range bobot, sama ukurannya dengan range capaian. Kosong berarti rata-rata biasa.",
            "batas_atas": "Opsional: capaian indikator di atas angka ini dihitung sebesar angka ini dalam rata-rata (misalnya 120); capaian indikatornya sendiri tidak berubah.",
        }),
    "KUMULATIF": Bantuan(
        "Realisasi sampai tahun ini menurut tipe penghitungan: kumulatif dijumlah, non kumulatif nilai terakhir, rata-rata dirata-rata.",
        {
            "nilai": "Nilai tahunan (satu baris atau satu kolom: satu deret). Range banyak baris dan kolom: tiap baris satu deret (tahun ke kanan).",
            "tipe": "Opsional: kumulatif (bawaan, dijumlah), non kumulatif (nilai akhir), atau rata-rata. Satu sel atau satu kolom per baris.",
            "penyebut": "Opsional: penyebut persentase (misalnya 1.264.373 penduduk usia produktif); hasil = nilai / penyebut x 100.",
        }),
    "SERAPAN": Bantuan(
        "Persentase serapan anggaran: realisasi / pagu x 100. Pagu 0 atau kosong menghasilkan n/a.",
        {
            "pagu": "Pagu anggaran (Rp), satu sel atau satu kolom.",
            "realisasi": "Realisasi anggaran (Rp), sel atau kolom sepanjang pagu.",
        }),
    "NILAI_AKIP": Bantuan(
        "Nilai AKIP (PermenPANRB 88/2021) dari skor total LKE 0-100: AA (Sangat Memuaskan) > 90, A (Memuaskan) > 80, BB (Sangat Baik) > 70, B (Baik) > 60, CC (Cukup (Memadai)) > 50, C (Kurang) > 30, D (Sangat Kurang). Bukan untuk capaian indikator.",
        {
            "skor": "Skor total Lembar Kerja Evaluasi SAKIP, 0 sampai 100. Satu sel atau satu kolom.",
            "bentuk": "Opsional: kosong memberi \"BB (Sangat Baik)\"; \"huruf\" memberi \"BB\"; \"uraian\" memberi \"Sangat Baik\".",
        }),
    "ANGKA": Bantuan(
        "Mengubah teks angka gaya Indonesia menjadi angka Excel (\"34,67%\" menjadi 34,67; \"45,1 M\" menjadi 45.100.000.000). \"-\" dan \"n/a\" menjadi n/a.",
        {
            "teks": "Angka yang tersimpan sebagai teks: \"1.264.373\", \"34,67%\", \"Rp 4.926.982.500\", \"45,1 M\". Satu sel atau satu kolom.",
        }),
}


def dok(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Give an edge function its Indonesian description from BANTUAN (by its name). Apply it first
    (innermost), so that xlwings' decorators, which read the docstring when they run, see it."""
    fn.__doc__ = BANTUAN[fn.__name__].keterangan
    return fn


def arg_dok(fungsi: str, argumen: str) -> str:
    """The help text of one argument of one function."""
    return BANTUAN[fungsi].argumen[argumen]


# --------------------------------------------------------------------------------------------------
# Thin conversions


def grid(x: Any) -> Grid:
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


class _Ukuran(Exception):
    def __init__(self, grids):
        self.teks = AWALAN_GALAT + "ukuran range tidak cocok (" + " dan ".join(
            f"{len(g)}x{len(g[0])}" for g in grids if (len(g), len(g[0])) != (1, 1)
        ) + "); pakai range yang sama panjang atau satu sel"


def _bentuk(*grids: Grid) -> tuple[int, int]:
    """The broadcast shape (rows, cols); raises _Ukuran when an argument fits neither 1 nor it."""
    rows = max(len(g) for g in grids)
    cols = max(len(g[0]) for g in grids)
    for g in grids:
        if len(g) not in (1, rows) or len(g[0]) not in (1, cols):
            raise _Ukuran(grids)
    return rows, cols


def _ambil(g: Grid, r: int, c: int) -> Any:
    return g[r if len(g) > 1 else 0][c if len(g[0]) > 1 else 0]


def _ratakan(g: Grid, rows: int, cols: int) -> list[Any]:
    """The broadcast grid as one flat row-major list of rows*cols values."""
    if len(g) == 1 and len(g[0]) == 1:
        return [g[0][0]] * (rows * cols)
    if len(g) == rows and len(g[0]) == cols:
        return [row[0] for row in g] if cols == 1 else [v for row in g for v in row]
    return [_ambil(g, r, c) for r in range(rows) for c in range(cols)]


def kosong(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def galat_hulu(v: Any) -> bool:
    """An error text produced upstream by one of these functions (or Excel's own error texts)."""
    return isinstance(v, str) and v.lstrip().startswith("#")


def ke_excel(v: Any) -> Any:
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


def pesan(e: BaseException) -> str:
    """An exception as the short text a cell shows."""
    if isinstance(e, LakipError):
        teks = e.masalah.pesan
    else:
        logger.exception("lakip_xl function failed")
        teks = f"galat internal ({type(e).__name__})"
    if len(teks) > PANJANG_PESAN:
        teks = teks[: PANJANG_PESAN - 3].rstrip() + "..."
    return AWALAN_GALAT + teks


def aman(fn: Callable[..., Any], *args: Any) -> Any:
    """One cell: the core call, its result converted, any exception as a short text."""
    try:
        return ke_excel(fn(*args))
    except Exception as e:  # noqa: BLE001 - a cell must show a message, never a traceback
        return pesan(e)


def _hasil(rows: list[list[Any]]) -> Any:
    if len(rows) == 1 and len(rows[0]) == 1:
        return rows[0][0]
    return rows


def _bentuk_ulang(flat: list[Any], rows: int, cols: int) -> Any:
    """A flat row-major list back to the rows x cols shape (a scalar for 1x1)."""
    if cols == 1:
        return flat[0] if rows == 1 else [[v] for v in flat]
    return _hasil([flat[r * cols:(r + 1) * cols] for r in range(rows)])


def per_sel(sel: Callable[..., Any], *args: Any) -> Any:
    """Apply `sel(*values)` element-wise over broadcast arguments (already per-cell safe)."""
    grids = [grid(a) for a in args]
    try:
        rows, cols = _bentuk(*grids)
    except _Ukuran as e:
        return e.teks
    flat = [_ratakan(g, rows, cols) for g in grids]
    return _bentuk_ulang([sel(*vals) for vals in zip(*flat)], rows, cols)


def teks_pilihan(v: Any) -> str | None:
    """An option cell (polaritas, metode, skala, tipe): blank -> None, else its text."""
    if kosong(v):
        return None
    return str(v).strip()


def angka_capaian(v: Any) -> Any:
    """A capaian cell for PREDIKAT/KETERANGAN/CAPAIAN_SASARAN: number, "n/a", or Indonesian text."""
    from lakip_xl.aturan.angka import parse_angka  # cached after the first call: sys.modules lookup only

    if isinstance(v, str) and v.strip().lower() == NA_TEKS:
        return NA("tidak dapat dihitung")
    return parse_angka(v)


# --------------------------------------------------------------------------------------------------
# The functions. Each edge (udf.py, lite.py) decorates a one-line call of one of these.


def kebijakan_sel(pengaturan: Any) -> dict[str, Any]:
    """capaian()'s policies (and the default metode) from a range of the Pengaturan table: rows of
    (Pengaturan, Nilai, ...) as the template's sheet has them, read with the reader's labels and choices
    (lakip_xl.sumber.model.kebijakan_kw, pure: it loads under Pyodide too), so that a cell's CAPAIAN
    follows the workbook's settings as the summary does. An empty argument gives {} (the defaults); a
    value the reader would refuse raises its AturanError. The range is read once per distinct content
    (a column of formulas passes the same table to every cell)."""
    g = grid(pengaturan)
    if all(kosong(v) for row in g for v in row):
        return {}
    kunci_cache = tuple(tuple(row[:2]) for row in g)
    try:
        return dict(_KEBIJAKAN_SEL[kunci_cache])
    except (KeyError, TypeError):
        pass
    from lakip_xl.aturan.capaian import Kebijakan
    from lakip_xl.errors import AturanError
    from lakip_xl.sumber import model as m

    if len(g[0]) < 2:
        raise AturanError("range pengaturan harus dua kolom (Pengaturan dan Nilai)")
    nilai = {}
    for row in g:
        if kosong(row[0]):
            continue
        if galat_hulu(row[1]):
            raise AturanError(f"pengaturan {row[0]} berisi galat {row[1]}")
        nilai[m.kunci_rapat(str(row[0]))] = None if kosong(row[1]) else row[1]
    hasil = Kebijakan(**m.kebijakan_kw(nilai)).kwargs_capaian(dengan_metode=True)  # validated as the reader does
    if len(_KEBIJAKAN_SEL) < 64:
        _KEBIJAKAN_SEL[kunci_cache] = hasil
    return dict(hasil)


_KEBIJAKAN_SEL: dict[tuple, dict[str, Any]] = {}


def hitung_capaian(target: Any, realisasi: Any, polaritas: Any = None, metode: Any = None, pengaturan: Any = None,
                   *, ambang: int = AMBANG_VEKTOR, vektor: Callable[..., bool] | None = None) -> Any:
    """CAPAIAN. `ambang` and `vektor` (default `capaian_vektor`) are the long-column path; the classic
    edge passes its own module attributes so they stay patchable there. `pengaturan`: the Pengaturan
    table's range (kebijakan_sel), the same for every cell: it takes no part in the broadcasting."""
    from functools import partial

    from lakip_xl.aturan.capaian import capaian

    try:
        kw = kebijakan_sel(pengaturan)
    except Exception as e:  # noqa: BLE001 - one message for the whole range
        return pesan(e)
    bawaan_metode = kw.pop("metode", "selisih")
    if kw:
        capaian = partial(capaian, **kw)
    grids = [grid(a) for a in (target, realisasi, polaritas, metode)]
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
        elif kosong(t) and kosong(r):
            pass  # a blank row stays blank
        elif galat_hulu(t):
            out[i] = t  # an upstream error shows as it is
        elif galat_hulu(r):
            out[i] = r
        else:
            lain.append(i)
    pol = _pilihan_per_sel(grids[2], p_, "positif")
    met = _pilihan_per_sel(grids[3], m_, bawaan_metode)
    if vektor is None:
        vektor = capaian_vektor
    if len(angka) < ambang or not vektor(out, angka, t_, r_, pol, met, **kw):
        lain += angka
    for i in lain:
        out[i] = aman(capaian, t_[i], r_[i], pol[i], met[i])
    return _bentuk_ulang(out, rows, cols)


def _pilihan_per_sel(g: Grid, xs: list[Any], bawaan: str) -> list[str]:
    """An option column (polaritas, metode) as texts, blank -> `bawaan`; each distinct cell once."""
    if len(g) == 1 and len(g[0]) == 1:
        return [teks_pilihan(g[0][0]) or bawaan] * len(xs)
    memo: dict[Any, str] = {}
    out = []
    for v in xs:
        try:
            teks = memo[v]
        except KeyError:
            teks = memo[v] = teks_pilihan(v) or bawaan
        except TypeError:  # an unhashable value (only from Python callers)
            teks = teks_pilihan(v) or bawaan
        out.append(teks)
    return out


def capaian_vektor(out: list[Any], idx: list[int], target: list, realisasi: list,
                   polaritas: list[str], metode: list[str], **kebijakan: Any) -> bool:
    """Fill out[i] for i in idx (cells whose target and realisasi are numbers or blank) with the
    core's vectorised capaian, which is exact: equal to the scalar form (lakip_xl/aturan/vektor.py and
    its property test). False, with `out` untouched, when it refuses the column as a whole (e.g. one
    unknown polaritas) or numpy is missing: the per-cell loop then gives each cell its value."""
    try:
        import numpy as np

        from lakip_xl.aturan.vektor import capaian_vektor as _vektor

        def kolom(xs):
            return np.array([xs[i] for i in idx], dtype="float64")  # None -> NaN = blank

        def teks(xs):
            pilihan = {xs[i] for i in idx}
            return pilihan.pop() if len(pilihan) == 1 else np.array([xs[i] for i in idx], dtype=object)

        seri = _vektor(kolom(target), kolom(realisasi), teks(polaritas), teks(metode), hasil="float", **kebijakan)
        hasil = seri.tolist()
    except Exception:  # noqa: BLE001 - the exact per-cell loop decides
        return False
    for i, x in zip(idx, hasil):
        out[i] = NA_TEKS if x != x else x
    return True


def _sisanya(out: list[Any], idx: list[int], sel: Callable[..., Any], *kolom: list) -> list[Any]:
    """Every cell the vectorised path did not fill (not in `idx`) through the per-cell rule `sel`."""
    sudah = set(idx)
    for i, vals in enumerate(zip(*kolom)):
        if i not in sudah:
            out[i] = sel(*vals)
    return out


def _angka_polos(v: Any) -> bool:
    """A plain number cell that float64 holds exactly as Excel gave it (the vectorised paths' input)."""
    t = type(v)
    return t is float or (t is int and -_INT_TEPAT <= v <= _INT_TEPAT)


def _label_vektor(out: list[Any], idx: list[int], xs: list, skala: str, peta: dict | None = None) -> bool:
    """Fill out[i] for i in idx (plain number cells) with the predikat label of lakip_xl.aturan.vektor,
    equal to the scalar `predikat` (its property test); `peta` renames labels (KETERANGAN). False, with
    `out` untouched, when the column is refused as a whole (unknown scale, numpy missing)."""
    try:
        import numpy as np

        from lakip_xl.aturan.vektor import predikat_vektor

        label = predikat_vektor(np.array([xs[i] for i in idx], dtype="float64"), skala)["label"].tolist()
    except Exception:  # noqa: BLE001 - the exact per-cell loop decides (and says why)
        return False
    for i, x in zip(idx, label):
        out[i] = peta.get(x, x) if peta else x
    return True


def _per_label(nilai_capaian: Any, skala: Any, sel: Callable[[Any, Any], Any], skala_tetap: str | None,
               peta: dict | None, ambang: int) -> Any:
    """PREDIKAT / KETERANGAN over a range: with one scale for the whole range and at least `ambang`
    plain numbers, those go through the vectorised predikat; every other cell through `sel`."""
    g, gs = grid(nilai_capaian), grid(skala)
    try:
        rows, cols = _bentuk(g, gs)
    except _Ukuran as e:
        return e.teks
    xs, ss = _ratakan(g, rows, cols), _ratakan(gs, rows, cols)
    out: list[Any] = [None] * len(xs)
    idx = [i for i, v in enumerate(xs) if _angka_polos(v)] if len(xs) >= ambang else []
    satu_skala = skala_tetap or (teks_pilihan(gs[0][0]) or "sakip3" if len(gs) == 1 and len(gs[0]) == 1 else None)
    if len(idx) < ambang or satu_skala is None or not _label_vektor(out, idx, xs, satu_skala, peta):
        idx = []
    return _bentuk_ulang(_sisanya(out, idx, sel, xs, ss), rows, cols)


def hitung_predikat(nilai_capaian: Any, skala: Any = None, *, ambang: int = AMBANG_VEKTOR) -> Any:
    from lakip_xl.aturan.predikat import predikat

    def sel(v, s):
        if kosong(v):
            return None
        if galat_hulu(v):
            return v
        return aman(lambda: predikat(angka_capaian(v), teks_pilihan(s) or "sakip3").label)

    return _per_label(nilai_capaian, skala, sel, None, None, ambang)


def hitung_keterangan(nilai_capaian: Any, *, ambang: int = AMBANG_VEKTOR) -> Any:
    from lakip_xl.aturan.predikat import KET_BELUM, KET_MELAMPAUI, KET_MENCAPAI, SKALA_PREDIKAT, keterangan

    def sel(v, _):
        if kosong(v):
            return None
        if galat_hulu(v):
            return v
        return aman(lambda: keterangan(angka_capaian(v)))

    # KETERANGAN's tiers are sakip3's (> 100, = 100 after rounding to 2 decimals, < 100): the same cut
    melampaui, mencapai, belum = (t.label for t in SKALA_PREDIKAT["sakip3"].tingkat)
    peta = {melampaui: KET_MELAMPAUI, mencapai: KET_MENCAPAI, belum: KET_BELUM}
    return _per_label(nilai_capaian, None, sel, "sakip3", peta, ambang)


def hitung_capaian_sasaran(nilai_capaian: Any, bobot: Any = None, batas_atas: Any = None) -> Any:
    from lakip_xl.aturan.angka import parse_angka
    from lakip_xl.aturan.sasaran import capaian_sasaran

    nilai = grid(nilai_capaian)
    sel_nilai = [v for row in nilai for v in row]
    if bobot is None and kosong(grid(batas_atas)[0][0]) and len(sel_nilai) >= AMBANG_VEKTOR:
        angka = [v for v in sel_nilai if v is not None]
        if all(map(_angka_polos, angka)):
            cepat = _rata_rata_cepat(angka)
            if cepat is not None:
                return ke_excel(cepat)
    try:
        for v in sel_nilai:
            if galat_hulu(v):
                return v
        # a plain number is read as the scalar rules read it (ke_decimal), without the text parser
        daftar = [ke_decimal(v) if _angka_polos(v) else None if kosong(v) else angka_capaian(v) for v in sel_nilai]
        daftar_bobot = None
        if bobot is not None:
            b = grid(bobot)
            if (len(b), len(b[0])) != (len(nilai), len(nilai[0])):
                return (AWALAN_GALAT + f"range bobot ({len(b)}x{len(b[0])}) tidak sama ukurannya "
                        f"dengan range capaian ({len(nilai)}x{len(nilai[0])})")
            daftar_bobot = [parse_angka(v) for row in b for v in row]
        batas = grid(batas_atas)[0][0]
        if galat_hulu(batas):
            return batas
        return ke_excel(capaian_sasaran(daftar, daftar_bobot, batas_atas=None if kosong(batas) else parse_angka(batas)))
    except Exception as e:  # noqa: BLE001
        return pesan(e)


def _rata_rata_cepat(xs: list) -> Decimal | None:
    """The unweighted mean of plain numbers rounded half up to 2 decimals, as `capaian_sasaran` gives
    it, from floats: math.fsum is correctly rounded, and each float is within 5e-15 relative of the
    15-digit decimal the scalar rule reads (lakip_xl.aturan.nilai.ke_decimal), so a mean farther than
    1e-12 x max|x| from a rounding tie rounds as the exact one does. None (use the exact rule) near a
    tie, for huge magnitudes and for an empty list."""
    import math

    if not xs:
        return None
    besar = max(map(abs, xs))
    if besar >= 1e12:
        return None
    y = math.fsum(xs) / len(xs) * 100.0
    ay = abs(y)
    tol = besar * 100.0 * 1e-12 + ay * 1e-15
    fr = ay - math.floor(ay)
    if abs(fr - 0.5) <= tol:
        return None
    k = math.floor(ay + 0.5)
    return Decimal(-k if y < 0 else k).scaleb(-2)


def hitung_kumulatif(nilai: Any, tipe: Any = None, penyebut: Any = None) -> Any:
    from lakip_xl.aturan.angka import parse_angka
    from lakip_xl.aturan.kumulatif import realisasi_sampai

    g = grid(nilai)
    if len(g) == 1 or len(g[0]) == 1:
        deret = [[v for row in g for v in row]]  # one row or one column: a single series
    else:
        deret = g  # a block: each row is one indicator's series, years to the right

    def sel(baris, t, p):
        if all(kosong(v) for v in baris):
            return None
        for v in baris + [p]:
            if galat_hulu(v):
                return v

        def hitung():
            angka = [parse_angka(v) for v in baris]
            return realisasi_sampai(angka, _tipe(t), parse_angka(p)).nilai

        return aman(hitung)

    tg, pg = grid(tipe), grid(penyebut)
    try:
        rows, _ = _bentuk([[0]] * len(deret), tg, pg)
    except _Ukuran as e:
        return e.teks
    if len(tg[0]) > 1 or len(pg[0]) > 1:
        return AWALAN_GALAT + "tipe dan penyebut harus satu sel atau satu kolom"
    return _hasil([[sel(list(deret[r if len(deret) > 1 else 0]), _ambil(tg, r, 0), _ambil(pg, r, 0))]
                   for r in range(rows)])


def _tipe(t: Any) -> str:
    teks = teks_pilihan(t)
    if teks is None:
        return "kumulatif"
    from lakip_xl.aturan.kumulatif import parse_tipe

    return parse_tipe(teks)


def hitung_serapan(pagu: Any, realisasi: Any, *, ambang: int = AMBANG_VEKTOR) -> Any:
    from lakip_xl.aturan.anggaran import serapan
    from lakip_xl.aturan.angka import parse_angka

    def sel(p, r):
        if kosong(p) and kosong(r):
            return None
        for v in (p, r):
            if galat_hulu(v):
                return v

        def hitung():
            return serapan(parse_angka(p), parse_angka(r))

        return aman(hitung)

    grids = [grid(pagu), grid(realisasi)]
    try:
        rows, cols = _bentuk(*grids)
    except _Ukuran as e:
        return e.teks
    p_, r_ = (_ratakan(g, rows, cols) for g in grids)
    out: list[Any] = [None] * len(p_)
    # realisasi / pagu x 100 is capaian positif with realisasi against pagu, no bounds, the same NA for an
    # empty or zero pagu and an empty realisasi, the same single rounding: the vectorised capaian computes
    # it exactly. A negative pagu is left to the scalar rule (capaian reads a negative target otherwise).
    idx = [i for i, (p, r) in enumerate(zip(p_, r_))
           if (p is None or (_angka_polos(p) and p >= 0)) and (r is None or _angka_polos(r)) and not (
               p is None and r is None)] if len(p_) >= ambang else []
    if len(idx) >= ambang:
        try:
            import numpy as np

            from lakip_xl.aturan.vektor import capaian_vektor as _vektor

            def kolom(xs):
                return np.array([xs[i] for i in idx], dtype="float64")

            hasil = _vektor(kolom(p_), kolom(r_), "positif", batas_bawah=None, hasil="float").tolist()
        except Exception:  # noqa: BLE001 - the exact per-cell loop decides
            idx = []
        else:
            for i, x in zip(idx, hasil):
                out[i] = NA_TEKS if x != x else x
    else:
        idx = []
    return _bentuk_ulang(_sisanya(out, idx, sel, p_, r_), rows, cols)


def hitung_angka(teks: Any) -> Any:
    from lakip_xl.aturan.angka import parse_angka

    def sel(v):
        if kosong(v):
            return None

        def baca():
            hasil = parse_angka(v)
            if hasil is None:
                return NA("kosong")
            if isinstance(hasil, Rentang):
                raise _RentangBukanAngka(hasil)
            return hasil

        return aman(baca)

    return per_sel(sel, teks)


_BENTUK_AKIP = {"": str, "lengkap": str, "huruf": lambda n: n.huruf, "uraian": lambda n: n.uraian}


def hitung_nilai_akip(skor: Any, bentuk: Any = None) -> Any:
    from lakip_xl.aturan.nilai import NA as _NA
    from lakip_xl.aturan.predikat import nilai_akip

    b = teks_pilihan(grid(bentuk)[0][0]) or ""
    if b.lower() not in _BENTUK_AKIP:
        return AWALAN_GALAT + f"bentuk '{b}' tidak dikenal; gunakan kosong, \"huruf\" atau \"uraian\""
    ubah = _BENTUK_AKIP[b.lower()]

    def sel(v):
        if kosong(v):
            return None
        if galat_hulu(v):
            return v

        def nilai():
            n = nilai_akip(v)
            return n if isinstance(n, _NA) else ubah(n)

        return aman(nilai)

    return per_sel(sel, skor)


class _RentangBukanAngka(LakipError):
    def __init__(self, r: Rentang):
        super().__init__(f"rentang {r}, bukan satu angka")


__all__ = [
    "BANTUAN", "Bantuan", "dok", "arg_dok", "grid", "per_sel", "aman", "pesan", "ke_excel", "kosong",
    "galat_hulu", "teks_pilihan", "angka_capaian", "capaian_vektor", "hitung_capaian", "hitung_predikat",
    "hitung_keterangan", "hitung_capaian_sasaran", "hitung_kumulatif", "hitung_serapan", "hitung_angka",
    "hitung_nilai_akip",
    "NA_TEKS", "AWALAN_GALAT", "PANJANG_PESAN", "AMBANG_VEKTOR", "kebijakan_sel",
]

"""The Excel functions of lakip_xl.udf, called as plain Python (on Linux xlwings' decorators are no-ops).

Expected figures come from the seed LAKIP (shared/docs/seed-figures.md) or are computed by hand in
the comment next to them; shapes follow the xlwings convention for `ndim=2` arguments (a cell is
[[v]], a column [[v1], [v2], ...]).
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap

import pytest

from lakip_xl.excel import udf  # the real module (monkeypatched below); lakip_xl.udf re-exports it
from lakip_xl.udf import ANGKA, CAPAIAN, CAPAIAN_SASARAN, KETERANGAN, KUMULATIF, NILAI_AKIP, PREDIKAT, SERAPAN


def kolom(*values):
    """A column as xlwings passes it with ndim=2."""
    return [[v] for v in values]


# --------------------------------------------------------------------------------------------------
# CAPAIAN

# target, realisasi, polaritas, metode, expected (source)
CAPAIAN_SEL = [
    (40, 85.6, None, None, 214.0),  # seed: P2WKSS 85.6 / 40 = 214
    (77.33, 34.67, None, None, 44.83),  # seed: koperasi aktif 34.67 / 77.33 = 44.834 -> 44.83
    ("103 M", "45,1 M", None, None, 43.79),  # seed: volume usaha 45.1 / 103 = 43.786 -> 43.79
    ("12,50%", "13%", None, None, 104.0),  # seed: naik kelas 13 / 12.5 = 104
    ("B", "B", None, None, 100.0),  # seed: nilai AKIP B against B
    ("BB", "B", None, None, 80.0),  # domain.md: ordinal D=1..AA=7, B=4 / BB=5 = 80.00
    (10, 5, "negatif", None, 150.0),  # domain.md: selisih (2*10 - 5) / 10 = 150
    (10, 5, "Negatif", "rasio", 200.0),  # domain.md: rasio 10 / 5 = 200
    ("80 - 90", 92, "rentang", None, 102.22),  # domain.md: PermenPANRB SKP 92 / 90 = 102.22
    ("80 - 90", 70, "rentang", None, 87.5),  # domain.md: 70 / 80 = 87.5
    (0, 5, None, None, "n/a"),  # domain.md: target 0 -> n/a by default
    (40, None, None, None, "n/a"),  # realisasi missing (or an Excel error cell) -> n/a
    (None, None, None, None, None),  # a blank row stays blank
    ("", "  ", None, None, None),
]


@pytest.mark.parametrize("target, realisasi, polaritas, metode, expected", CAPAIAN_SEL)
def test_capaian_satu_sel(target, realisasi, polaritas, metode, expected):
    # as Excel passes a single cell with ndim=2 (optional arguments left out arrive as None)
    got = CAPAIAN([[target]], [[realisasi]], None if polaritas is None else [[polaritas]],
                  None if metode is None else [[metode]])
    assert got == expected
    if isinstance(expected, float):
        assert type(got) is float  # an Excel number, not a Decimal


def test_capaian_skalar_python():
    assert CAPAIAN(40, 85.6) == 214.0
    assert CAPAIAN(10, 5, "negatif") == 150.0


def test_capaian_kolom_mempertahankan_bentuk():
    got = CAPAIAN(kolom(*[r[0] for r in CAPAIAN_SEL]), kolom(*[r[1] for r in CAPAIAN_SEL]),
                  kolom(*[r[2] for r in CAPAIAN_SEL]), kolom(*[r[3] for r in CAPAIAN_SEL]))
    assert got == kolom(*[r[4] for r in CAPAIAN_SEL])


def test_capaian_satu_sel_disebar_ke_range():
    # one polaritas cell for a whole block (2 rows x 2 columns); (2*10-5)/10 = 150, (2*10-20)/10 = 0,
    # (2*4-2)/4 = 150, (2*4-4)/4 = 100
    got = CAPAIAN([[10, 10], [4, 4]], [[5, 20], [2, 4]], [["negatif"]])
    assert got == [[150.0, 0.0], [150.0, 100.0]]


def test_capaian_baris():
    assert CAPAIAN([[40, 77.33]], [[85.6, 34.67]]) == [[214.0, 44.83]]


def test_capaian_ukuran_tidak_cocok_satu_pesan():
    got = CAPAIAN(kolom(1, 2), kolom(1, 2, 3))
    assert isinstance(got, str) and got.startswith("#N/A: ukuran range tidak cocok")
    assert "2x1" in got and "3x1" in got


def test_capaian_galat_per_sel_tanpa_traceback():
    got = CAPAIAN(kolom(40, 10, True, "abc"), kolom(85.6, 5, 5, 5), kolom(None, "aneh", None, None))
    assert got[0] == [214.0]
    for (teks,) in got[1:]:
        assert isinstance(teks, str) and teks.startswith("#N/A: ")
        assert "Traceback" not in teks and len(teks) <= len("#N/A: ") + udf.PANJANG_PESAN
    assert "aneh" in got[1][0]  # the message names the bad polaritas


def test_capaian_galat_hulu_diteruskan():
    assert CAPAIAN([["#N/A: target 0"]], [[5]]) == "#N/A: target 0"


def test_galat_internal_jadi_teks(monkeypatch):
    import importlib

    cap = importlib.import_module("lakip_xl.aturan.capaian")  # the module (lakip_xl.capaian is the function)

    def rusak(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(cap, "capaian", rusak)
    assert CAPAIAN(1, 1) == "#N/A: galat internal (ZeroDivisionError)"


# --------------------------------------------------------------------------------------------------
# PREDIKAT, KETERANGAN

# capaian, skala, expected (core-api.md scales)
PREDIKAT_SEL = [
    (214, None, "Melebihi Target"),
    (100, None, "Tercapai / Sesuai Target"),
    (44.83, None, "Tidak Tercapai"),
    ("n/a", None, "n/a"),
    (90, "permendagri54", "Baik"),  # seed prints "> 90" for Sangat Baik: 90.00 is Baik
    (90.01, "permendagri54", "Sangat Baik"),
    (90, "akip", "A"),  # PermenPANRB 88/2021: exclusive lower bounds, 90.00 is A
    ("44,83", None, "Tidak Tercapai"),  # Indonesian text is read as a number
]


@pytest.mark.parametrize("capaian, skala, expected", PREDIKAT_SEL)
def test_predikat(capaian, skala, expected):
    assert PREDIKAT([[capaian]], None if skala is None else [[skala]]) == expected


def test_predikat_kolom_dengan_kosong_dan_galat():
    got = PREDIKAT(kolom(214, None, "#N/A: target 0", 100))
    assert got == kolom("Melebihi Target", None, "#N/A: target 0", "Tercapai / Sesuai Target")


def test_predikat_skala_tidak_dikenal():
    got = PREDIKAT(100, "bintang5")
    assert got.startswith("#N/A: ")


# capaian, expected (seed Ket column)
KETERANGAN_SEL = [
    (104, "Telah melampaui target"),
    (100, "Telah mencapai target"),
    (73.55, "Perlu upaya lebih dalam mencapai target"),
    ("n/a", "Tidak dapat dihitung"),
]


def test_keterangan_kolom():
    got = KETERANGAN(kolom(*[c for c, _ in KETERANGAN_SEL]))
    assert got == kolom(*[e for _, e in KETERANGAN_SEL])


# --------------------------------------------------------------------------------------------------
# CAPAIAN_SASARAN, KUMULATIF, SERAPAN, ANGKA


def test_capaian_sasaran_seed():
    # seed-figures.md: sasaran 3 = (44.83 + 43.79) / 2 = 44.31; sasaran 4 = (73.55 + 104 + 75.32) / 3 = 84.29
    assert CAPAIAN_SASARAN(kolom(44.83, 43.79)) == 44.31
    assert CAPAIAN_SASARAN(kolom(73.55, 104, 75.32)) == 84.29


def test_capaian_sasaran_na_dan_kosong_tidak_dihitung():
    assert CAPAIAN_SASARAN(kolom(73.55, 104, 75.32, "n/a", None)) == 84.29
    assert CAPAIAN_SASARAN(kolom("n/a", None)) == "n/a"


def test_capaian_sasaran_berbobot():
    # (80*1 + 100*3) / 4 = 95
    assert CAPAIAN_SASARAN(kolom(80, 100), kolom(1, 3)) == 95.0
    got = CAPAIAN_SASARAN(kolom(80, 100), kolom(1, 3, 1))
    assert got.startswith("#N/A: range bobot")


def test_kumulatif_seed():
    # seed: P2WKSS (100 + 114) / 250 = 85.6 %
    assert KUMULATIF(kolom(100, 114), "Kumulatif", 250) == 85.6
    # seed: naik kelas 7 + 9 + 61 + 53 = 130 of 1000 = 13 %, one row of years
    assert KUMULATIF([[7, 9, 61, 53]], None, 1000) == 13.0
    # non kumulatif: the last filled value (koperasi aktif 2018..2020: 89.93, 44.00, 34.67)
    assert KUMULATIF(kolom(89.93, 44.00, 34.67, None), "non kumulatif") == 34.67


def test_kumulatif_blok_satu_baris_per_indikator():
    # rows = indicators, columns = years; seed: naik kelas 130 / 1000 = 13; legalitas 2222 / 5000 = 44.44
    got = KUMULATIF([[7, 9, 61, 53], [540, 612, 580, 490], [None, None, None, None]],
                    kolom("kumulatif", "Kumulatif", None), kolom(1000, "5.000", None))
    assert got == kolom(13.0, 44.44, None)


def test_kumulatif_ukuran_tidak_cocok():
    got = KUMULATIF([[1, 2], [3, 4]], kolom("kumulatif", "kumulatif", "kumulatif"))
    assert got.startswith("#N/A: ukuran range tidak cocok")


def test_serapan_seed():
    # seed budget: 9.978.832.816 / 11.347.257.853 = 87.94; BTL 88.18; BL 87.62
    assert SERAPAN(11347257853, 9978832816) == 87.94
    got = SERAPAN(kolom(6420275353, "Rp 4.926.982.500", 0, None),
                  kolom(5661716880, "4.317.115.936", 5, None))
    assert got == kolom(88.18, 87.62, "n/a", None)


# text, expected (core-api.md parse_angka examples)
ANGKA_SEL = [
    ("1.264.373", 1264373.0),
    ("34,67%", 34.67),
    ("Rp 4.926.982.500", 4926982500.0),
    ("45,1 M", 45100000000.0),
    (250.0, 250.0),
    ("-", "n/a"),
    ("n/a", "n/a"),
    (None, None),
]


def test_angka_kolom():
    assert ANGKA(kolom(*[t for t, _ in ANGKA_SEL])) == kolom(*[e for _, e in ANGKA_SEL])


def test_angka_rentang_dan_teks_bukan_angka():
    assert ANGKA("80 - 90") == "#N/A: rentang 80 - 90, bukan satu angka"
    assert ANGKA("abc").startswith("#N/A: ")


# --------------------------------------------------------------------------------------------------
# What xlwings and Excel see


def test_setiap_fungsi_berdokumen_indonesia():
    import inspect

    for fn in udf.UDF:
        assert fn.__name__.isupper()
        assert fn.__doc__ and len(fn.__doc__) <= 255  # Excel's MacroOptions Description limit
        for name in inspect.signature(fn).parameters:
            # VBA parameter names: no clash with Excel's object names used in the wrapper body
            assert name.lower() not in {"range", "application", "caller", "type", "err"}


def test_impor_cepat_tanpa_pandas_openpyxl():
    # A fresh interpreter with xlwings replaced by a stub (the real xlwings imports pandas itself):
    # importing lakip_xl.udf and calling every function must not import pandas, numpy or openpyxl.
    code = textwrap.dedent("""
        import sys, types
        xw = types.ModuleType("xlwings")
        xw.func = lambda f=None, **k: f if f else (lambda g: g)
        xw.arg = lambda *a, **k: (lambda g: g)
        xw.ret = lambda *a, **k: (lambda g: g)
        sys.modules["xlwings"] = xw
        import lakip_xl.udf as u
        u.CAPAIAN(1, 1); u.PREDIKAT(1); u.KETERANGAN(1); u.CAPAIAN_SASARAN(1)
        u.KUMULATIF(1); u.SERAPAN(1, 1); u.ANGKA("1")
        print(sorted(m for m in ("pandas", "numpy", "openpyxl") if m in sys.modules))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------------------------------
# The vectorised path for long columns equals the per-cell loop


def _kolom_acak(nilai, polaritas, n=600, seed=5):
    import random

    rnd = random.Random(seed)
    metode = [None, "rasio", "selisih"]
    rows = [(rnd.choice(nilai), rnd.choice(nilai), rnd.choice(polaritas), rnd.choice(metode)) for _ in range(n)]
    # grades and ranges only where they are valid: the exact path inside the vectorised core
    rows += [("BB", "B", None, None), ("B", "B", "huruf", None), ("80 - 90", 92, None, None),
             ("80 - 90", 70, "rentang", None)]
    return [[[r[k]] for r in rows] for k in range(4)]


@pytest.mark.parametrize("nilai, polaritas, vektor_dipakai", [
    # numbers (ties such as 34.665 and 3.4665, zeros, negatives, blanks), Indonesian texts, n/a
    # markers; grades and ranges only where valid (text cells go to the scalar core cell by cell)
    ([None, 0, 10, 34.665, 3.4665, "34,665", "1.264.373", "n/a", "-", -5, 100, "12,5%", 77.33, 34.67,
      0.14], [None, "negatif", "Negatif", "positif", "Tren Negatif"], True),
    # bad cells (TRUE, text that is no number) get their own message; numbers still vectorised
    ([10, 34.67, True, "abc", None], [None, "negatif"], True),
    # one unknown polaritas: the vectorised core refuses the column, the loop gives per-cell messages
    ([10, 34.67, 0, None], [None, "negatif", "aneh"], False),
])
def test_jalur_vektor_sama_dengan_per_sel(monkeypatch, nilai, polaritas, vektor_dipakai):
    cols = _kolom_acak(nilai, polaritas)
    panggilan = []
    asli = udf._capaian_vektor

    def mata_mata(*args, **kw):
        panggilan.append(asli(*args, **kw))
        return panggilan[-1]

    monkeypatch.setattr(udf, "_capaian_vektor", mata_mata)
    monkeypatch.setattr(udf, "AMBANG_VEKTOR", 10**9)
    per_sel = CAPAIAN(*cols)
    monkeypatch.setattr(udf, "AMBANG_VEKTOR", 50)
    vektor = CAPAIAN(*cols)
    assert panggilan == [vektor_dipakai]
    assert vektor == per_sel


def test_setiap_fungsi_ada_di_panduan():
    from pathlib import Path

    panduan = (Path(__file__).resolve().parent.parent / "docs" / "panduan.md").read_text(encoding="utf-8")
    for fn in udf.UDF:
        assert f"### {fn.__name__}(" in panduan, fn.__name__


def test_nilai_akip_dan_batas_rata_rata():
    # NILAI_AKIP over a column: grade, forms, empty, out of range, text
    assert NILAI_AKIP([[72.5], [90], [None], [101]]) == [["BB (Sangat Baik)"], ["A (Memuaskan)"], [None],
                                                          ["#N/A: Skor LKE 101 di luar 0-100."]]
    assert (NILAI_AKIP(90.01, "huruf"), NILAI_AKIP(55, "uraian")) == ("AA", "Cukup (Memadai)")
    assert NILAI_AKIP(55, "warna").startswith("#N/A: bentuk 'warna'")
    # CAPAIAN_SASARAN's third argument: the cap used only in the mean ((120 + 100) / 2)
    assert (CAPAIAN_SASARAN([[214], [100]]), CAPAIAN_SASARAN([[214], [100]], None, 120)) == (157.0, 110.0)
    assert CAPAIAN_SASARAN([[214], [100]], None, "#DIV/0!") == "#DIV/0!"


# --- PREDIKAT, KETERANGAN, SERAPAN, CAPAIAN_SASARAN over long columns (issue 14 item 3) -----------------
# values around every tier bound of every scale (ties at 2 decimals: 90.005, 99.995, 100.004), 0, negatives,
# huge numbers, blanks, Indonesian texts, n/a, upstream errors and a bad cell
_NILAI_LABEL = [None, 0, -5, 50, 64.995, 65, 74.995, 75, 90, 90.004, 90.005, 91, 99.995, 99.9949, 100,
                100.004, 100.005, 214, 1e16, -1e16, 2**53, "n/a", "44,83", "104%", "#N/A: x", True, "abc", ""]


@pytest.mark.parametrize("skala", [None, "sakip3", "depok2020", "permendagri86", "lkjip5", "akip", "aneh"])
def test_predikat_keterangan_vektor_sama_dengan_per_sel(skala):
    from lakip_xl.excel import konversi

    rnd = random.Random(7)
    kolom = [[rnd.choice(_NILAI_LABEL)] for _ in range(3000)]
    s = None if skala is None else [[skala]]
    per_sel = konversi.hitung_predikat(kolom, s, ambang=10**9)
    assert konversi.hitung_predikat(kolom, s, ambang=50) == per_sel
    if skala is None:
        assert konversi.hitung_keterangan(kolom, ambang=50) == konversi.hitung_keterangan(kolom, ambang=10**9)


def test_serapan_vektor_sama_dengan_per_sel():
    from lakip_xl.excel import konversi

    rnd = random.Random(8)
    # pagu 0, negative pagu (scalar rule), blanks, ties (realisasi / pagu x 100 = 34,665), texts, errors
    pagu = [None, 0, 200, 200.0, -100, 1403614500, 11347257853, "Rp 1.000", "#DIV/0!", 3, 1e15, 7]
    real = [None, 0, 69.33, 469.33, 50, 1225241567, 9978832816, "500", True, 1, 2, 1e-9]
    p = [[rnd.choice(pagu)] for _ in range(3000)]
    r = [[rnd.choice(real)] for _ in range(3000)]
    per_sel = konversi.hitung_serapan(p, r, ambang=10**9)
    assert konversi.hitung_serapan(p, r, ambang=50) == per_sel
    assert konversi.hitung_serapan([[200]] * 300, [[69.33]] * 300, ambang=50)[0] == [34.67]  # the tie, half up


def test_capaian_sasaran_angka_polos_sama_dengan_teks():
    # plain numbers skip the text parser: the same mean as the same figures typed as Indonesian text
    rnd = random.Random(9)
    angka = [round(rnd.uniform(0, 250), 2) for _ in range(2000)]
    teks = [f"{x:.2f}".replace(".", ",") for x in angka]
    assert CAPAIAN_SASARAN([[x] for x in angka]) == CAPAIAN_SASARAN([[x] for x in teks])


def test_capaian_sasaran_rata_rata_cepat_sama_dengan_aturan():
    # the float mean is used only far from a rounding tie; the exact rule decides the rest
    from decimal import Decimal as D

    from lakip_xl.aturan.sasaran import capaian_sasaran

    rnd = random.Random(10)
    for _ in range(200):
        n = rnd.choice([200, 201, 999])
        xs = [rnd.choice([round(rnd.uniform(-50, 250), rnd.choice([0, 1, 2, 3])), 34.665, 0.005, 100, 214])
              for _ in range(n)]
        harus = float(capaian_sasaran([D(format(x, ".15g")) for x in xs]))
        assert CAPAIAN_SASARAN([[x] for x in xs]) == harus, xs[:5]
    assert CAPAIAN_SASARAN([[34.665]] * 300) == 34.67  # a tie: the exact rule, half up
    assert CAPAIAN_SASARAN([[-34.665]] * 300) == -34.67

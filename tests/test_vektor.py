"""capaian_vektor / predikat_vektor equal the scalar forms element by element.

The property tests generate columns with exact rounding ties (such as 34,665 at 2 decimals, built as
R = T x (2m + 1) / (2 x 10^(desimal + 2))), zeros, negatives, empty cells, caps and floors, every
rounding rule and NA policy, and compare each element with `capaian(...)` / `predikat(...)` on the very
same cell values. No expected number here comes from the code: the scalar functions are the oracle,
and they are tested against the seed and hand computations in test_capaian.py / test_predikat.py.
"""

from __future__ import annotations

from decimal import Decimal as D

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lakip_xl.aturan.capaian import capaian
from lakip_xl.aturan.nilai import NA, Rentang
from lakip_xl.aturan.predikat import SKALA, predikat, skala_dari_tabel
from lakip_xl.aturan.vektor import capaian_vektor, predikat_vektor
from lakip_xl.errors import AturanError, LakipError

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

angka = st.one_of(
    st.none(),
    st.just(D(0)),
    st.decimals(min_value=-1000, max_value=100000, places=2, allow_nan=False, allow_infinity=False),
    st.integers(-10**7, 10**7).map(lambda i: D(i).scaleb(-4)),
    st.sampled_from([D("200"), D("69.33"), D("469.33"), D("0.14"), D("0.1"), D("70.80"), D("44.44"),
                     D("100"), D("0.001"), D("1264373"), D("1E-7")]),
)


@st.composite
def baris(draw, desimal):
    """(target, realisasi, polaritas, metode), a third of them built to land exactly on a tie."""
    pol = draw(st.sampled_from(["positif", "negatif", "Positif", " NEGATIF "]))
    met = draw(st.sampled_from(["selisih", "rasio", "Rasio"]))
    jenis = draw(st.integers(0, 3))
    if jenis < 2:
        t = draw(st.decimals(min_value=D("0.01"), max_value=D(100000), places=2))
        if draw(st.booleans()):
            t = -t
        if jenis == 0:
            m = draw(st.integers(-20000, 40000))
            q = D(2 * m + 1).scaleb(-(desimal + 2)) / 2  # capaian / 100, exactly on a tie
        else:  # just around a cap, a floor or 100
            pusat = draw(st.sampled_from([D(0), D(100), D(120), D(-50), D("34.665"), D("99.995")]))
            geser = draw(st.sampled_from([D(0), D("0.001"), D("-0.001"), D("0.004"), D("-0.004"), D("0.5"),
                                          D("-0.5"), D("0.9"), D("-0.9"), D("1E-9"), D("-1E-9")]))
            q = (pusat + geser) / 100
        polaritas = pol.strip().lower()
        if polaritas == "positif":
            r = t * q
        elif met.lower() == "selisih":
            r = 2 * t - t * q
        else:  # rasio: T / R = q  ->  pick R, then T
            r, t = t, t * q
        return t, r, pol, met
    return draw(angka), draw(angka), pol, met


def _float(x):
    return np.nan if x is None else float(x)


kebijakan = st.fixed_dictionaries({
    "target_nol": st.sampled_from(["na", "100", "0"]),
    "realisasi_kosong": st.sampled_from(["na", "0"]),
    "rasio_realisasi_nol": st.sampled_from(["na", "100"]),
    "batas_atas": st.sampled_from([None, None, D(100), D(120), D("99.995"), D("34.665")]),
    "batas_bawah": st.sampled_from([None, None, D(0), D(-50), D("34.665")]),
    "pembulatan": st.sampled_from(["half_up", "half_up", "truncate", "half_even"]),
})


def _sama(scalar, vec_float, vec_obj):
    """One element: the float form is the float nearest the Decimal; the object form is identical."""
    if isinstance(scalar, NA):
        return np.isnan(vec_float) and vec_obj == scalar
    return vec_float == float(scalar) and isinstance(vec_obj, D) and str(vec_obj) == str(scalar)


@SETTINGS
@given(data=st.data(), desimal=st.integers(0, 4), kw=kebijakan, kolom_teks=st.booleans(),
       skala=st.sampled_from(sorted(SKALA)))
def test_capaian_vektor_equals_scalar(data, desimal, kw, kolom_teks, skala):
    rows = data.draw(st.lists(baris(desimal), min_size=1, max_size=25))
    t = pd.Series([_float(r[0]) for r in rows], index=[f"IK{i}" for i in range(len(rows))])
    r = pd.Series([_float(r[1]) for r in rows])
    pol = pd.Series([x[2] for x in rows]) if kolom_teks else "negatif"
    met = [x[3] for x in rows] if kolom_teks else "rasio"
    kw = dict(kw, desimal=desimal)
    if kw["batas_atas"] is not None and kw["batas_bawah"] is not None and kw["batas_bawah"] > kw["batas_atas"]:
        with pytest.raises(AturanError, match="lebih besar dari Batas Atas Capaian"):
            capaian(1, 1, **kw)
        with pytest.raises(AturanError, match="lebih besar dari Batas Atas Capaian"):
            capaian_vektor(t, r, pol, met, **kw)
        return
    vf = capaian_vektor(t, r, pol, met, **kw)
    vo = capaian_vektor(t, r, pol, met, hasil="objek", **kw)
    assert list(vf.index) == list(t.index) and vf.dtype == np.float64
    # predikat of the whole column equals predikat of each scalar result (scale drawn per example)
    pv = predikat_vektor(vf, skala)
    pv_rows = list(zip(pv["label"], pv["warna"], pv["nama_warna"], pv["skala"]))
    ts, rs, vfs, vos = t.tolist(), r.tolist(), vf.tolist(), vo.tolist()
    for i in range(len(rows)):
        p = pol.iloc[i] if kolom_teks else pol
        m = met[i] if kolom_teks else met
        s = capaian(ts[i], rs[i], p, m, **kw)
        assert _sama(s, vfs[i], vos[i]), (i, ts[i], rs[i], p, m, kw, s, vfs[i], vos[i])
        ps = predikat(s, skala)
        assert pv_rows[i] == (ps.label, ps.warna, ps.nama_warna, ps.skala), (s, ps, pv_rows[i])


# cells as staff leave them: text, ranges, grades, Decimals with many digits, NA
sel_objek = st.one_of(
    angka,
    st.sampled_from(["34,67", "77.33%", "n/a", "-", "", "  40 ", "45,1 M", "abc", "80 - 90", "B", "BB", "WTP",
                     D("34.6650000000000000001"), D("34.6649999999999999999"), NA("x"), Rentang(D(80), D(90)),
                     float("nan"), float("inf"), 7, True]),
)


@SETTINGS
@given(rows=st.lists(st.tuples(sel_objek, sel_objek,
                               st.sampled_from(["positif", "negatif", "rentang", "huruf", "Nilai Huruf"])),
                     min_size=1, max_size=12),
       desimal=st.integers(0, 3))
def test_capaian_vektor_object_columns_equal_scalar(rows, desimal):
    t = pd.Series([x[0] for x in rows], dtype=object)
    r = pd.Series([x[1] for x in rows], dtype=object)
    pol = pd.Series([x[2] for x in rows], dtype=object)
    scalar, galat = [], False
    for a, b, p in rows:
        try:
            scalar.append(capaian(a, b, p, desimal=desimal))
        except LakipError:
            galat = True
    if galat:  # a cell the scalar form refuses makes the column refused too
        with pytest.raises(LakipError, match="bukan angka|rentang|huruf"):
            capaian_vektor(t, r, pol, desimal=desimal)
        return
    vf = capaian_vektor(t, r, pol, desimal=desimal)
    vo = capaian_vektor(t, r, pol, desimal=desimal, hasil="objek")
    for i, s in enumerate(scalar):
        assert _sama(s, vf.iloc[i], vo.iloc[i]), (rows[i], s, vf.iloc[i], vo.iloc[i])


@SETTINGS
@given(nilai=st.lists(st.one_of(
    st.none(),
    st.decimals(min_value=-200, max_value=300, places=3, allow_nan=False, allow_infinity=False),
    st.sampled_from([D("99.995"), D("100.005"), D("90.005"), D("90.004"), D("90.995"), D("-0.005"),
                     D("50.005"), D("30.005")]),
), min_size=1, max_size=30), skala=st.sampled_from(sorted(SKALA)))
def test_predikat_vektor_equals_scalar(nilai, skala):
    f = np.array([_float(x) for x in nilai])
    pv = predikat_vektor(f, skala)
    for i, x in enumerate(f):
        s = predikat(float(x), skala)
        assert pv["label"].iloc[i] == s.label and pv["warna"].iloc[i] == s.warna, (x, s, pv.iloc[i])
    po = predikat_vektor(pd.Series(nilai, dtype=object), skala)  # Decimal/None objects
    for i, x in enumerate(nilai):
        assert po["label"].iloc[i] == predikat(x, skala).label


# --- explicit cases (expected values from domain.md / the seed, as in test_capaian.py) ----------------
# target, realisasi, polaritas, metode, expected ("n/a" = NA)
KASUS = [
    (200.0, 69.33, "positif", "selisih", 34.67),  # tie 34,665 half up
    (200.0, 469.33, "negatif", "selisih", -34.67),  # tie -34,665
    (10.0, 5.0, "negatif", "selisih", 150.0),  # domain.md T = 10 examples
    (10.0, 5.0, "negatif", "rasio", 200.0),
    (10.0, 0.0, "negatif", "rasio", "n/a"),
    (0.0, 5.0, "positif", "selisih", "n/a"),
    (np.nan, 5.0, "positif", "selisih", "n/a"),
    (10.0, np.nan, "positif", "selisih", "n/a"),
    (40.0, 85.6, "positif", "selisih", 214.0),  # seed
    (70.8, 44.44, "positif", "selisih", 62.77),  # seed 62,768
]


def test_explicit_cases():
    t, r, p, m, e = zip(*KASUS)
    v = capaian_vektor(np.array(t), np.array(r), list(p), list(m), batas_bawah=None)  # -34.67: no floor
    for got, exp in zip(v, e):
        assert (np.isnan(got) if exp == "n/a" else got == exp), (got, exp)


# capaian (%) aimed at, around every cap and floor used below; rows are built from it for each formula
DEKAT_BATAS = [D(c) + D(g) for c in ("0", "100", "120", "-50", "34.665")
               for g in ("0", "0.001", "-0.001", "0.004", "-0.004", "0.5", "-0.5", "1E-9", "-1E-9")]


@pytest.mark.parametrize("atas", [None, D(100), D(120), D("34.665")])
@pytest.mark.parametrize("bawah", [None, D(0), D(-50)])
@pytest.mark.parametrize("pembulatan", ["half_up", "truncate"])
def test_grid_around_caps_and_floors(atas, bawah, pembulatan):
    if atas is not None and bawah is not None and bawah > atas:
        return
    t, r, pol, met = [], [], [], []
    for c in DEKAT_BATAS:
        T = D("37.5")
        t += [T, T, T * c / 100]
        r += [T * c / 100, 2 * T - T * c / 100, T]
        pol += ["positif", "negatif", "negatif"]
        met += ["selisih", "selisih", "rasio"]
    kw = dict(batas_atas=atas, batas_bawah=bawah, pembulatan=pembulatan)
    tf = np.array([float(x) for x in t])
    rf = np.array([float(x) for x in r])
    vf = capaian_vektor(tf, rf, pol, met, **kw).tolist()
    vo = capaian_vektor(tf, rf, pol, met, hasil="objek", **kw).tolist()
    for i in range(len(t)):
        s = capaian(tf[i], rf[i], pol[i], met[i], **kw)
        assert _sama(s, vf[i], vo[i]), (t[i], r[i], pol[i], met[i], s, vf[i])


# target, m, expected: R = 2T - T x (2m + 1) / 20000 makes (2T - R) / T x 100 exactly (2m + 1) / 200,
# a tie, rounded half up by hand. 2T - R cancels: float64 lands on the wrong side of these ties
# (e.g. 0,034999999999997 for the first), so the error bound must scale with T, not with the result.
PEMBATALAN = [
    (D("14.0892"), 3, D("0.04")),
    (D("408.745"), 1, D("0.02")),
    (D("4670.23"), 2, D("0.03")),
    (D("800.799"), 0, D("0.01")),
    (D("4819.30"), -3, D("-0.03")),
    (D("43.6397"), 2, D("0.03")),
]


def test_negatif_selisih_cancellation_at_ties():
    t = [T for T, _, _ in PEMBATALAN]
    r = [2 * T - T * (2 * m + 1) / 20000 for T, m, _ in PEMBATALAN]
    v = capaian_vektor(np.array([float(x) for x in t]), np.array([float(x) for x in r]), "negatif",
                       batas_bawah=None)  # -0.03 stays: no floor
    assert list(v) == [float(e) for _, _, e in PEMBATALAN]


def test_truncate_and_integer_results():
    # exact integers under truncate must not drop a unit: 50 / 100 x 100 = 50; 1 / 3 x 300 = 100
    v = capaian_vektor([100.0, 3.0, 70.8], [50.0, 1.0, 44.44], pembulatan="truncate")
    assert list(v) == [50.0, 33.33, 62.76]


def test_input_kinds():
    # int64 arrays, pandas nullable floats, scalars broadcast, lists
    assert list(capaian_vektor(np.array([4, 10]), np.array([1, 10]))) == [25.0, 100.0]
    s = capaian_vektor(pd.Series([4.0, None], dtype="Float64"), pd.Series([1.0, 2.0], dtype="Float64"))
    assert s.iloc[0] == 25.0 and np.isnan(s.iloc[1])
    assert list(capaian_vektor(10, [5.0, 20.0], "negatif")) == [150.0, 0.0]
    assert list(capaian_vektor([10.0], [5.0], ["Negatif"], ["Rasio"])) == [200.0]


def test_errors_like_scalar():
    with pytest.raises(AturanError, match="Polaritas 'naik' tidak dikenal"):
        capaian_vektor([1.0, 2.0], [1.0, 2.0], ["positif", "naik"])
    with pytest.raises(AturanError, match="Metode polaritas negatif belum diisi"):
        capaian_vektor([1.0, 2.0], [1.0, 2.0], metode=["selisih", None])
    with pytest.raises(AturanError, match="Panjang kolom berbeda"):
        capaian_vektor([1.0, 2.0], [1.0])
    with pytest.raises(AturanError, match="Nilai 'x' untuk pengaturan Target Nol tidak dikenal"):
        capaian_vektor([1.0], [1.0], target_nol="x")
    with pytest.raises(AturanError, match="Kolom target berisi TRUE/FALSE"):
        capaian_vektor(np.array([True]), np.array([1.0]))
    with pytest.raises(AturanError, match="Bentuk hasil 'teks' tidak dikenal"):
        capaian_vektor([1.0], [1.0], hasil="teks")


def test_no_inf_in_float_output():
    v = capaian_vektor([1e-300, 5.0], [1e300, np.inf])
    assert not np.isinf(v).any()


def test_predikat_vektor_ties_below_a_custom_bound():
    # 1,005 x 100 is 100,49999.. in binary floating point; half up on the decimal 1,005 gives 1,01,
    # which reaches a tier starting at 1,01 (a user scale from a sheet table)
    s = skala_dari_tabel([("Atas", "1,01", "ya", "hijau"), ("Bawah", None, "", "merah")])
    nilai = [1.005, 1.015, 1.004, 1.01, 1.0]
    pv = predikat_vektor(np.array(nilai), s)
    assert list(pv["label"]) == [predikat(x, s).label for x in nilai] == ["Atas", "Atas", "Bawah", "Atas", "Bawah"]


def test_predikat_vektor_na_and_index():
    s = pd.Series([np.nan, 100.0, 100.004, 100.005], index=list("abcd"))
    pv = predikat_vektor(s)
    assert list(pv.index) == list("abcd")
    assert list(pv["label"]) == ["n/a", "Tercapai / Sesuai Target", "Tercapai / Sesuai Target", "Melebihi Target"]
    assert pv["warna"].iloc[0] == "BFBFBF"


@pytest.mark.parametrize("kolom,pesan", [
    (["positif", None, "bogus"], "belum diisi"),  # row 2 is the first bad row
    (["positif", "bogus", None], "'bogus' tidak dikenal"),  # row 2 again
    ([np.nan, "negatif", "bogus"], "belum diisi"),  # row 1
    (["negatif", "positif", np.nan], "belum diisi"),
])
def test_first_bad_polaritas_row_is_the_one_reported(kolom, pesan):
    """As the scalar form row by row: the first bad cell's error, an empty cell among the texts."""
    with pytest.raises(AturanError, match=pesan):
        capaian_vektor([10, 10, 10], [5, 5, 5], pd.Series(kolom, dtype=object))

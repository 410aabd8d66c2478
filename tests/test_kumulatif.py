"""Kumulatif / non-kumulatif / rata-rata: realisasi_sampai, target_akhir, seri_menurun, triwulan.

Seed cases (../shared/docs/seed-figures.md, LAKIP Depok 2020): wirausaha baru 270 + 275 + 275 + 475 =
1.295 of 1.264.373 = 0,1024..% (0,10 to 2 decimals); naik kelas 7 + 9 + 61 + 53 = 130 of 1000 = 13,00;
produk tersertifikasi 540 + 612 + 580 + 490 = 2.222 of 5000 = 44,44; P2WKSS 100 + 114 = 214 of 250 =
85,60. Other expected values are hand computations noted on the row.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lakip_xl.aturan.capaian import capaian
from lakip_xl.aturan.kumulatif import (
    TIPE,
    HasilKumulatif,
    parse_tipe,
    realisasi_sampai,
    realisasi_sampai_tiga,
    seri_menurun,
    target_akhir,
    triwulan,
)
from lakip_xl.aturan.nilai import NA
from lakip_xl.errors import AturanError

# counts (yearly increments), penyebut, desimal, expected realisasi s/d (percent)
SEED = [
    ([270, 275, 275, 475], 1264373, 2, D("0.10")),  # wirausaha baru 1.295 / 1.264.373
    ([7, 9, 61, 53], 1000, 2, D("13.00")),  # naik kelas
    ([540, 612, 580, 490], 5000, 2, D("44.44")),  # produk tersertifikasi
    ([100, 114], 250, 2, D("85.60")),  # P2WKSS
    ([270, 275, 275, 475], 1264373, 4, D("0.1024")),  # 0,102422...
    ([7, 9, 61], 1000, 2, D("7.70")),  # naik kelas s/d 2019 (table 3.2)
]


@pytest.mark.parametrize("jumlah,penyebut,desimal,expected", SEED)
def test_seed_kumulatif(jumlah, penyebut, desimal, expected):
    h = realisasi_sampai([D(x) for x in jumlah], "kumulatif", D(penyebut), desimal=desimal)
    assert h == HasilKumulatif(expected, ())


def test_seed_sums_without_penyebut():
    assert realisasi_sampai([270, 275, 275, 475], "kumulatif").nilai == 1295
    assert realisasi_sampai([540, 612, 580, 490], "Kumulatif").nilai == 2222


def test_wirausaha_unrounded_gives_73_16():
    # seed-figures.md: 1.295 / 1.264.373 = 0,1024% gives 73,16 against the 0,14 target
    r = realisasi_sampai([270, 275, 275, 475], "kumulatif", 1264373).nilai
    assert D("0.10242") < r < D("0.10243")
    assert capaian(D("0.14"), r) == D("73.16")
    assert capaian(D("0.14"), realisasi_sampai([270, 275, 275, 475], "kumulatif", 1264373, desimal=2).nilai) == D("71.43")


# values, tipe, expected (hand)
TIPE_TABEL = [
    ([D("89.93"), D("44.00"), D("34.67")], "non_kumulatif", D("34.67")),  # seed koperasi aktif: last value
    ([D("89.93"), D("44.00"), None], "non kumulatif", D("44.00")),  # last FILLED value
    ([D(10), D(20), D(30)], "kumulatif", D(60)),
    ([D(10), None, D(30)], "kumulatif", D(40)),  # empty is skipped, not 0
    ([D(10), D(20), D(30)], "rata_rata", D(20)),
    ([D(10), D(20), None], "Rata-rata", D(15)),
    ([D(1), D(1), D(2)], "rata_rata", D(4) / D(3)),  # mean to context precision
    (["10", "20,5", "-"], "kumulatif", D("30.5")),  # text cells
    ([NA("x"), D(5)], "kumulatif", D(5)),
]


@pytest.mark.parametrize("nilai,tipe,expected", TIPE_TABEL)
def test_tipe(nilai, tipe, expected):
    assert realisasi_sampai(nilai, tipe).nilai == expected


def test_non_kumulatif_with_penyebut():
    # seed koperasi aktif: 130 of 375 = 34,67
    assert realisasi_sampai([D(130)], "non_kumulatif", D(375), desimal=2).nilai == D("34.67")


def test_penyebut_zero_and_empty_series():
    h = realisasi_sampai([1, 2], "kumulatif", 0)
    assert isinstance(h.nilai, NA) and "penyebut" in h.nilai.alasan
    assert isinstance(realisasi_sampai([None, "", "-"], "kumulatif").nilai, NA)
    assert isinstance(realisasi_sampai([], "non_kumulatif").nilai, NA)


def test_rounding_option():
    # 62,768 style truncation: 2 / 3 x 100 = 66,666..
    assert realisasi_sampai([2], "kumulatif", 3, desimal=2).nilai == D("66.67")
    assert realisasi_sampai([2], "kumulatif", 3, desimal=2, pembulatan="truncate").nilai == D("66.66")


# --- decreases are reported, never summed over silently ---------------------------------------------


def test_kumulatif_negative_increment_is_reported():
    h = realisasi_sampai([D(10), D(-3), D(5), D(-1)], "kumulatif")
    assert h.menurun == (1, 3)
    assert h.nilai == D(11)  # default "lapor": the sum is given with the report
    h_na = realisasi_sampai([D(10), D(-3)], "kumulatif", jika_menurun="na")
    assert isinstance(h_na.nilai, NA) and h_na.menurun == (1,)
    with pytest.raises(AturanError, match="Realisasi kumulatif menurun") as e:
        realisasi_sampai([D(10), D(-3)], "kumulatif", jika_menurun="galat")
    assert "Non Kumulatif" in e.value.masalah.saran


def test_non_kumulatif_may_decrease():
    # seed koperasi aktif 89,93 -> 44,00 -> 34,67 is a stock going down: no report
    assert realisasi_sampai([D("89.93"), D("44"), D("34.67")], "non_kumulatif").menurun == ()


# s/d series, expected indices where it decreases
SERI = [
    ([D(10), D(20), D(30)], ()),
    ([D(10), D(20), D(15), D(30)], (2,)),
    ([D(10), None, D(9), D(9)], (2,)),  # compared with the last filled value
    ([D(5), D(5)], ()),  # equal is not a decrease
    ([D(30), D(20), D(10)], (1, 2)),
    ([], ()),
]


@pytest.mark.parametrize("seri,expected", SERI)
def test_seri_menurun(seri, expected):
    assert seri_menurun(seri) == expected


# targets, tipe, expected end target
TARGET_AKHIR = [
    ([D(100), D(100), D(50)], "kumulatif", D(250)),  # P2WKSS style: yearly targets summed
    ([D("69.93"), D("73.63"), D("77.33"), D("81.04")], "non_kumulatif", D("81.04")),  # seed koperasi
    ([D(10), D(20)], "rata_rata", D(15)),
    ([D(10), None], "non_kumulatif", D(10)),
]


@pytest.mark.parametrize("target,tipe,expected", TARGET_AKHIR)
def test_target_akhir(target, tipe, expected):
    assert target_akhir(target, tipe) == expected


def test_target_akhir_empty():
    assert isinstance(target_akhir([None, None], "kumulatif"), NA)


# --- triwulan ---------------------------------------------------------------------------------------
# target per quarter, realisasi per quarter, tipe, expected (target, realisasi)
TRIWULAN = [
    ([25, 25, 25, 25], [20, 30, None, None], "kumulatif", (D(50), D(50))),  # filled quarters only
    ([25, 25, 25, 25], [20, 30, 10, 40], "kumulatif", (D(100), D(100))),
    ([10, 20, 30, 40], [12, 18, None, None], "non_kumulatif", (D(20), D(18))),  # last filled quarter
    ([10, 20, 30, 40], [12, None, 33, None], "nilai akhir", (D(30), D(33))),
    ([10, 20, 30, 40], [12, 18, None, None], "rata_rata", (D(15), D(15))),
]


@pytest.mark.parametrize("target,realisasi,tipe,expected", TRIWULAN)
def test_triwulan(target, realisasi, tipe, expected):
    assert triwulan(target, realisasi, tipe) == expected


def test_triwulan_missing_target_of_a_filled_quarter_is_na():
    t, r = triwulan([25, None, 25, 25], [20, 30, None, None], "kumulatif")
    assert isinstance(t, NA) and "II" in t.alasan
    assert r == 50


def test_triwulan_nothing_filled_and_bad_shapes():
    t, r = triwulan([25, 25], [None, None], "kumulatif")
    assert isinstance(t, NA) and isinstance(r, NA)
    with pytest.raises(AturanError, match=r"Jumlah target triwulan \(3\) berbeda dengan jumlah realisasi triwulan \(2\)"):
        triwulan([1, 2, 3], [1, 2], "kumulatif")
    with pytest.raises(AturanError, match="Satu tahun hanya memiliki 4 triwulan"):
        triwulan([1] * 5, [1] * 5, "kumulatif")


# --- parse_tipe -------------------------------------------------------------------------------------
# text, expected
TIPE_TEKS = [
    ("Kumulatif", "kumulatif"), ("kumulatif ", "kumulatif"), ("akumulatif", "kumulatif"),
    ("non kumulatif", "non_kumulatif"), ("Non Kumulatif", "non_kumulatif"), ("non-kumulatif", "non_kumulatif"),
    ("NON_KUMULATIF", "non_kumulatif"), ("nilai akhir", "non_kumulatif"), ("Take last known", "non_kumulatif"),
    ("rata-rata", "rata_rata"), ("Rata Rata", "rata_rata"), ("rata_rata", "rata_rata"),
]


@pytest.mark.parametrize("teks,expected", TIPE_TEKS)
def test_parse_tipe(teks, expected):
    assert parse_tipe(teks) == expected
    assert expected in TIPE


@pytest.mark.parametrize("teks", ["", None, "bertambah", "kumulatif tahunan"])
def test_parse_tipe_refuses(teks):
    with pytest.raises(AturanError, match="Tipe penghitungan .*(belum diisi|tidak dikenal)") as e:
        parse_tipe(teks)
    assert "Kumulatif" in e.value.masalah.saran


def test_top_level_kumulatif_is_a_function_like_capaian():
    """`from lakip_xl import kumulatif` gave a module (calling it failed) beside the functions capaian and
    predikat (issue 12); it is the rule now, returning the value as KUMULATIF() does."""
    from decimal import Decimal

    from lakip_xl import capaian, kumulatif

    # seed: P2WKSS 100 + 114 = 214 of 250 households = 85,6 %, capaian against 40 % = 214
    r = kumulatif([100, 114], "kumulatif", 250, desimal=2)
    assert r == Decimal("85.60") and capaian(40, r) == Decimal("214.00")
    assert kumulatif([89.93, 44.00, 34.67], "Non Kumulatif") == Decimal("34.67")


def _sama(a, b):
    return (str(a), type(a)) == (str(b), type(b))  # NA compares by its reason; Decimal by its digits too


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.decimals(-10**6, 10**7, places=3, allow_nan=False)), max_size=6),
       st.sampled_from(["kumulatif", "non_kumulatif", "rata_rata"]),
       st.one_of(st.none(), st.just(D(0)), st.decimals(1, 10**7, places=2, allow_nan=False)),
       st.sampled_from([None, 0, 2, 4]), st.sampled_from(["half_up", "truncate"]))
@example([D("-0.000")], "non_kumulatif", None, None, "half_up")  # a negative zero loses its sign in all three
@example([D(1), D(1), D(2)], "rata_rata", D(3), None, "half_up")  # 4/3 and 400/9: to 28 digits when unrounded
def test_realisasi_sampai_tiga_sama_dengan_tiga_panggilan(nilai, tipe, penyebut, desimal, pembulatan):
    # hitung's one pass gives what three calls of realisasi_sampai give (the audit reads the second)
    dibulatkan, penuh, jumlah = realisasi_sampai_tiga(nilai, tipe, penyebut, desimal=desimal, pembulatan=pembulatan)
    satu = realisasi_sampai(nilai, tipe, penyebut, desimal=desimal, pembulatan=pembulatan)
    assert _sama(dibulatkan.nilai, satu.nilai) and dibulatkan.menurun == satu.menurun
    assert _sama(penuh, realisasi_sampai(nilai, tipe, penyebut).nilai)
    assert _sama(jumlah, realisasi_sampai(nilai, tipe).nilai)

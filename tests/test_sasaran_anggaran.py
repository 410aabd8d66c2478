"""capaian_sasaran (mean of the indicators' capaian), serapan and efisiensi.

Seed figures: ../shared/docs/seed-figures.md (LAKIP Depok 2020): sasaran 3 = (44,83 + 43,79) / 2 =
44,31; sasaran 4 = (73,55 + 104 + 75,32) / 3 = 84,29; serapan 87,94 / 88,18 / 87,62. Other values are
hand computations (bc, 8 decimals) noted on the row.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from lakip_xl.aturan.anggaran import efisiensi, kategori_efisiensi, serapan
from lakip_xl.aturan.nilai import NA
from lakip_xl.aturan.sasaran import capaian_sasaran
from lakip_xl.errors import AturanError

# capaian of the indicators, expected mean
RATA = [
    ([D("100")], D("100.00")),  # seed sasaran 1
    ([D("214")], D("214.00")),  # seed sasaran 2
    ([D("44.83"), D("43.79")], D("44.31")),  # seed sasaran 3
    ([D("73.55"), D("104"), D("75.32")], D("84.29")),  # seed sasaran 4
    ([D("44.83"), NA("target bernilai 0"), D("43.79")], D("44.31")),  # NA excluded, not 0
    ([D("44.83"), None, D("43.79")], D("44.31")),
    ([D("44.83"), "n/a", "43,79"], D("44.31")),  # text cells
    ([D(1), D(2)], D("1.50")),
    ([D("0.005"), D("0.005")], D("0.01")),  # half up at the tie 0,005
]


@pytest.mark.parametrize("nilai,expected", RATA)
def test_capaian_sasaran_mean(nilai, expected):
    assert capaian_sasaran(nilai) == expected


def test_all_na_is_na():
    hasil = capaian_sasaran([NA(), None])
    assert isinstance(hasil, NA) and hasil.alasan
    assert isinstance(capaian_sasaran([]), NA)


def test_weighted_mean():
    # (44,83 x 1 + 43,79 x 3) / 4 = 44,05
    assert capaian_sasaran([D("44.83"), D("43.79")], [D(1), D(3)]) == D("44.05")
    # the NA indicator's weight leaves with it: (44,83 x 1 + 43,79 x 3) / 4
    assert capaian_sasaran([D("44.83"), NA(), D("43.79")], [D(1), D(5), D(3)]) == D("44.05")
    # all weights empty: plain mean
    assert capaian_sasaran([D("44.83"), D("43.79")], [None, None]) == D("44.31")


@pytest.mark.parametrize("bobot", [[D(1)], [D(1), None], [D(-1), D(2)], [D(0), D(0)]])
def test_bad_weights(bobot):
    with pytest.raises(AturanError, match="(?i)bobot") as e:
        capaian_sasaran([D("44.83"), D("43.79")], bobot)
    assert e.value.masalah.saran


def test_rounding_options():
    # (1 + 2 + 2) / 3 = 1,6666..
    assert capaian_sasaran([D(1), D(2), D(2)], desimal=1) == D("1.7")
    assert capaian_sasaran([D(1), D(2), D(2)], pembulatan="truncate") == D("1.66")


# --- serapan ----------------------------------------------------------------------------------------
# pagu, realisasi, expected serapan
SERAPAN = [
    (D(11347257853), D(9978832816), D("87.94")),  # seed total (bc: 87,94047817)
    (D(6420275353), D(5661716880), D("88.18")),  # seed Belanja Tidak Langsung (88,18495420)
    (D(4926982500), D(4317115936), D("87.62")),  # seed Belanja Langsung (87,62190521)
    (D(102631900), D(102631900), D("100.00")),  # seed P2WKSS row of table 3.6
    (D(1227414800), D(1142860569), D("93.11")),  # seed koperasi row (bc: 93,11119346)
    ("Rp. 11.347.257.853", "Rp. 9.978.832.816", D("87.94")),  # text as printed
    (D(1000), D(0), D("0.00")),
]


@pytest.mark.parametrize("pagu,realisasi,expected", SERAPAN)
def test_serapan(pagu, realisasi, expected):
    assert serapan(pagu, realisasi) == expected


# pagu, realisasi, NA alasan fragment
SERAPAN_NA = [
    (D(0), D(5), "pagu bernilai 0"),
    (None, D(5), "pagu belum diisi"),
    ("Rp -", D(5), "pagu belum diisi"),
    (D(100), None, "realisasi anggaran belum diisi"),
]


@pytest.mark.parametrize("pagu,realisasi,alasan", SERAPAN_NA)
def test_serapan_na(pagu, realisasi, alasan):
    hasil = serapan(pagu, realisasi)
    assert isinstance(hasil, NA) and hasil.alasan == alasan


# --- efisiensi = capaian - serapan (percentage points) ------------------------------------------------
# capaian, serapan, expected
EFISIENSI = [
    (D("214"), D("100.00"), D("114.00")),  # seed P2WKSS: 214 against full absorption
    (D("44.83"), D("93.11"), D("-48.28")),  # seed koperasi aktif: less output than money spent
    (D("100"), D("100"), D("0.00")),
    ("75,32", "98,67", D("-23.35")),
]


@pytest.mark.parametrize("capaian,serapan_,expected", EFISIENSI)
def test_efisiensi(capaian, serapan_, expected):
    assert efisiensi(capaian, serapan_) == expected


def test_efisiensi_na():
    assert isinstance(efisiensi(NA(), D(90)), NA)
    assert isinstance(efisiensi(D(90), None), NA)


def test_batas_atas_hanya_saat_rata_rata():
    # issue 12: 214 and 100 average 157; with a cap of 120 used only in the mean, (120 + 100) / 2 = 110;
    # a capaian under the cap and n/a are untouched
    assert capaian_sasaran([D("214"), D("100")]) == D("157.00")
    assert capaian_sasaran([D("214"), D("100")], batas_atas=120) == D("110.00")
    assert capaian_sasaran([D("214"), NA(), D("80")], batas_atas="120") == D("100.00")
    assert capaian_sasaran([D("214"), D("100")], [1, 3], batas_atas=100) == D("100.00")


# --- efisiensi, rasio form and the Efisien / Cukup Efisien / Tidak Efisien label (issue 12) ----------
# capaian, serapan, expected ratio (capaian / serapan)
RASIO = [
    (D("214"), D("100.00"), D("2.14")),
    (D("44.83"), D("93.11"), D("0.48")),  # 0,4814...
    (D("100"), D("100"), D("1.00")),
    ("75,32", "98,67", D("0.76")),  # 0,7633...
]


@pytest.mark.parametrize("capaian,serapan_,expected", RASIO)
def test_efisiensi_rasio(capaian, serapan_, expected):
    assert efisiensi(capaian, serapan_, metode="rasio") == expected


def test_efisiensi_rasio_serapan_nol_dan_metode_salah():
    assert isinstance(efisiensi(D(90), D(0), metode="rasio"), NA)
    assert efisiensi(D(90), D(0)) == D("90.00")  # the difference needs no division
    with pytest.raises(AturanError, match="Metode efisiensi"):
        efisiensi(D(90), D(80), metode="bagi")


# value, metode, bounds (efisien, cukup) or None for the defaults, expected label
KATEGORI = [
    (D("0"), "selisih", None, "Efisien"),  # bounds inclusive: 0 >= 0
    (D("-0.01"), "selisih", None, "Cukup Efisien"),
    (D("-10"), "selisih", None, "Cukup Efisien"),
    (D("-10.01"), "selisih", None, "Tidak Efisien"),
    (D("1"), "rasio", None, "Efisien"),
    (D("0.9"), "rasio", None, "Cukup Efisien"),
    (D("0.89"), "rasio", None, "Tidak Efisien"),
    (D("4"), "selisih", (D(5), D(0)), "Cukup Efisien"),
    (D("-1"), "selisih", (D(5), D(0)), "Tidak Efisien"),
]


@pytest.mark.parametrize("nilai,metode,batas,expected", KATEGORI)
def test_kategori_efisiensi(nilai, metode, batas, expected):
    kw = {} if batas is None else {"batas_efisien": batas[0], "batas_cukup": batas[1]}
    assert kategori_efisiensi(nilai, metode=metode, **kw) == expected


def test_kategori_efisiensi_na_dan_batas_terbalik():
    assert isinstance(kategori_efisiensi(NA()), NA)
    with pytest.raises(AturanError, match="Batas Cukup Efisien"):
        kategori_efisiensi(D(1), batas_efisien=0, batas_cukup=5)

"""predikat(), keterangan() and user-defined scales.

Scales and boundaries: docs/dev/core-api.md and ../shared/docs/domain.md section 2 (seed LAKIP Depok
2020 BAB III.A; Permendagri 54/2010 as printed in the seed; Permendagri 86/2017 / LKjIP Sampang 2019;
PermenPANRB 88/2021 for nilai AKIP with exclusive lower bounds). Every tier edge has a row on each side.
"""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from lakip_xl.aturan.nilai import NA
from lakip_xl.aturan.predikat import SKALA, Predikat, keterangan, nilai_akip, predikat, skala_dari_tabel
from lakip_xl.errors import AturanError

# skala, capaian, expected label
TEPI = [
    # sakip3 (seed): < 100 Tidak Tercapai, = 100 Tercapai / Sesuai Target, > 100 Melebihi Target;
    # "= 100" means rounded to 2 decimals is 100,00
    ("sakip3", D("99.99"), "Tidak Tercapai"),
    ("sakip3", D("99.994"), "Tidak Tercapai"),  # -> 99,99
    ("sakip3", D("99.995"), "Tercapai / Sesuai Target"),  # -> 100,00
    ("sakip3", D("100"), "Tercapai / Sesuai Target"),
    ("sakip3", D("100.004"), "Tercapai / Sesuai Target"),  # -> 100,00
    ("sakip3", D("100.005"), "Melebihi Target"),  # -> 100,01
    ("sakip3", D("100.01"), "Melebihi Target"),
    ("sakip3", D("214"), "Melebihi Target"),  # seed P2WKSS
    ("sakip3", D("0"), "Tidak Tercapai"),
    ("sakip3", D("-50"), "Tidak Tercapai"),
    # depok2020, formerly permendagri54 (seed as printed): > 90 Sangat Baik; 75,00-89,99 Baik (90,00 placed in Baik);
    # 65,00-74,99 Cukup; 50,00-64,99 Kurang; 0-49,99 Sangat Kurang
    ("depok2020", D("90.01"), "Sangat Baik"),
    ("depok2020", D("90.005"), "Sangat Baik"),  # -> 90,01
    ("depok2020", D("90.00"), "Baik"),
    ("depok2020", D("90.004"), "Baik"),  # -> 90,00
    ("depok2020", D("89.99"), "Baik"),
    ("depok2020", D("75.00"), "Baik"),
    ("depok2020", D("74.99"), "Cukup"),
    ("depok2020", D("65.00"), "Cukup"),
    ("depok2020", D("64.99"), "Kurang"),
    ("depok2020", D("50.00"), "Kurang"),
    ("depok2020", D("49.99"), "Sangat Kurang"),
    ("depok2020", D("0"), "Sangat Kurang"),
    ("depok2020", D("-1"), "Sangat Kurang"),
    ("depok2020", D("44.31"), "Sangat Kurang"),  # seed sasaran 3 mean
    ("depok2020", D("84.29"), "Baik"),  # seed sasaran 4 mean
    # permendagri86 / lkjip5: inclusive lower bounds 91 / 76 / 66 / 51
    ("permendagri86", D("91"), "Sangat Tinggi"),
    ("permendagri86", D("90.99"), "Tinggi"),
    ("permendagri86", D("76"), "Tinggi"),
    ("permendagri86", D("75.99"), "Sedang"),
    ("permendagri86", D("66"), "Sedang"),
    ("permendagri86", D("65.99"), "Rendah"),
    ("permendagri86", D("51"), "Rendah"),
    ("permendagri86", D("50.99"), "Sangat Rendah"),
    ("lkjip5", D("91"), "Sangat Baik"),
    ("lkjip5", D("90.995"), "Sangat Baik"),  # -> 91,00
    ("lkjip5", D("90.99"), "Baik"),
    ("lkjip5", D("76"), "Baik"),
    ("lkjip5", D("75.99"), "Cukup"),
    ("lkjip5", D("66"), "Cukup"),
    ("lkjip5", D("65.99"), "Kurang"),
    ("lkjip5", D("51"), "Kurang"),
    ("lkjip5", D("50.99"), "Sangat Kurang"),
    # akip (PermenPANRB 88/2021): exclusive lower bounds; 90,00 is A, 90,01 is AA
    ("akip", D("100"), "AA"),
    ("akip", D("90.01"), "AA"),
    ("akip", D("90.00"), "A"),
    ("akip", D("80.01"), "A"),
    ("akip", D("80"), "BB"),
    ("akip", D("70.01"), "BB"),
    ("akip", D("70"), "B"),
    ("akip", D("60.01"), "B"),
    ("akip", D("60"), "CC"),
    ("akip", D("50.01"), "CC"),
    ("akip", D("50"), "C"),
    ("akip", D("30.01"), "C"),
    ("akip", D("30"), "D"),
    ("akip", D("0"), "D"),
]


@pytest.mark.parametrize("skala,nilai,label", TEPI, ids=[f"{s}-{v}" for s, v, _ in TEPI])
def test_tier_edges(skala, nilai, label):
    p = predikat(nilai, skala)
    assert p.label == label
    assert p.skala == skala


# skala, capaian, expected (warna, nama_warna)
WARNA = [
    ("sakip3", D("50"), ("FF0000", "Merah")),
    ("sakip3", D("100"), ("00B050", "Hijau")),
    ("sakip3", D("101"), ("0070C0", "Biru")),
    ("depok2020", D("95"), ("1F4E79", "Biru Tua")),
    ("depok2020", D("80"), ("00B050", "Hijau")),
    ("depok2020", D("70"), ("FFC000", "Jingga")),
    ("permendagri86", D("95"), ("29AF28", "Hijau Tua")),
    ("permendagri86", D("80"), ("8EC189", "Hijau Muda")),
    ("permendagri86", D("70"), ("E1C027", "Kuning")),
    ("permendagri86", D("60"), ("D49DC5", "Ungu Muda")),
    ("permendagri86", D("10"), ("B71B1C", "Merah Tua")),
]


@pytest.mark.parametrize("skala,nilai,warna", WARNA)
def test_colours(skala, nilai, warna):
    p = predikat(nilai, skala)
    assert (p.warna, p.nama_warna) == warna


# input, expected label (sakip3): NA, empty and text
TIDAK_BIASA = [
    (NA("target bernilai 0"), "n/a"),
    (None, "n/a"),
    ("", "n/a"),
    ("n/a", "n/a"),
    (float("nan"), "n/a"),
    ("100,00", "Tercapai / Sesuai Target"),
    ("104%", "Melebihi Target"),
    (100, "Tercapai / Sesuai Target"),
    (99.999, "Tercapai / Sesuai Target"),  # float -> 99,999 -> 100,00
]


@pytest.mark.parametrize("nilai,label", TIDAK_BIASA)
def test_na_and_text(nilai, label):
    assert predikat(nilai).label == label


def test_na_is_grey():
    assert predikat(NA()) == Predikat("n/a", "BFBFBF", "Abu-abu", "sakip3")


def test_unknown_scale():
    with pytest.raises(AturanError, match="Skala predikat 'bintang5' tidak dikenal") as e:
        predikat(D(50), "bintang5")
    assert "sakip3" in e.value.masalah.saran


def test_scale_name_tolerant():
    assert predikat(D(80), "Permendagri 54").label == "Baik"
    assert predikat(D(80), " LKJIP5 ").label == "Baik"


def test_builtin_scales_are_data():
    assert set(SKALA) == {"sakip3", "depok2020", "permendagri86", "lkjip5", "akip"}


def test_former_scale_name_is_still_read():
    """'permendagri54' was the seed's own cut-offs under a regulation's name; renamed depok2020, the old
    name still reads (workbooks and formulas in the field)."""
    from lakip_xl.aturan.predikat import skala_dari

    assert skala_dari("permendagri54") is skala_dari("depok2020") is SKALA["depok2020"]
    assert "Depok" not in skala_dari("sakip3").judul
    for s in SKALA.values():
        assert s.tingkat[-1].bawah is None  # the lowest tier catches the rest
        assert all(len(t.warna) == 6 for t in s.tingkat)


# capaian, expected Ket (seed table 3.1)
KET = [
    (D("214"), "Telah melampaui target"),
    (D("100.01"), "Telah melampaui target"),
    (D("100"), "Telah mencapai target"),
    (D("100.004"), "Telah mencapai target"),
    (D("99.99"), "Perlu upaya lebih dalam mencapai target"),
    (D("44.83"), "Perlu upaya lebih dalam mencapai target"),
    (NA(), "Tidak dapat dihitung"),
    (None, "Tidak dapat dihitung"),
]


@pytest.mark.parametrize("nilai,ket", KET)
def test_keterangan(nilai, ket):
    assert keterangan(nilai) == ket


# --- user scales from a table -----------------------------------------------------------------------


def test_skala_dari_tabel_reproduces_permendagri54():
    # label, batas bawah, inklusif, warna (the seed's table, with 90,00 in Baik as the built-in)
    rows = [
        ("Sangat Baik", "90", "tidak", "1F4E79"),
        ("Baik", "75", "ya", "#00b050"),
        ("Cukup", "65,00", True, "jingga"),
        ("Kurang", 50, None, "kuning"),
        ("Sangat Kurang", None, None, "merah"),
    ]
    s = skala_dari_tabel(rows, nama="depok")
    for nilai in ["95", "90.01", "90", "75", "74.99", "65", "64.99", "50", "49.99", "-3"]:
        assert predikat(D(nilai), s).label == predikat(D(nilai), "permendagri54").label
    assert s.tingkat[1].warna == "00B050"
    assert s.tingkat[2].warna == "FFC000"
    assert predikat(D(95), s).skala == "depok"


def test_skala_dari_tabel_lowest_row_with_bound_still_catches_the_rest():
    s = skala_dari_tabel([("Tercapai", 100, "ya", "hijau"), ("Belum", 0, "ya", "merah")])
    assert predikat(D(-5), s).label == "Belum"


def test_skala_dari_tabel_dict_rows():
    s = skala_dari_tabel([{"label": "Ya", "batas_bawah": 50, "inklusif": "ya", "warna": "hijau"},
                          {"label": "Tidak", "batas_bawah": None, "warna": "merah"}])
    assert predikat(D(50), s).label == "Ya" and predikat(D("49.99"), s).label == "Tidak"


# rows that must be refused, and a word the message must contain
TABEL_SALAH = [
    ([], "kosong"),
    ([("Baik", 75, "ya", "hijau")], "satu tingkat"),
    ([("Baik", 75, "ya", "hijau"), ("Baik", 50, "ya", "merah")], "dua kali"),
    ([("Baik", 75, "ya", "hijau"), ("Cukup", 80, "ya", "merah")], "baris ke-2"),  # bounds go up
    ([("A", 75, "ya", "hijau"), ("B", 75, "ya", "merah")], "baris ke-2"),  # equal, both >=
    ([("A", 75, "ya", "hijau"), ("B", None, "ya", "merah"), ("C", None, "ya", "merah")], "baris ke-2"),
    ([("A", 75, "ya", "ungu tua sekali"), ("B", None, "ya", "merah")], "Warna"),
    ([("A", 75, "mungkin", "hijau"), ("B", None, "ya", "merah")], "inklusif"),
    ([("A", "tujuh", "ya", "hijau"), ("B", None, "ya", "merah")], "baris ke-1"),
    ([("", 75, "ya", "hijau"), ("B", None, "ya", "merah")], "Label"),
    ([("A",), ("B", None)], "kolom"),
]


@pytest.mark.parametrize("rows,kata", TABEL_SALAH)
def test_skala_dari_tabel_refuses(rows, kata):
    with pytest.raises(AturanError, match="(?i)" + re.escape(kata)) as e:
        skala_dari_tabel(rows)
    assert kata.lower() in str(e.value).lower()
    assert e.value.masalah.saran


def test_equal_bounds_allowed_as_exclusive_over_inclusive():
    # the sakip3 pattern: "> 100" above ">= 100"
    s = skala_dari_tabel([("Lebih", 100, "tidak", "biru"), ("Pas", 100, "ya", "hijau"), ("Kurang", None, "", "merah")])
    assert [predikat(D(v), s).label for v in ("100.01", "100", "99.99")] == ["Lebih", "Pas", "Kurang"]


# --- nilai AKIP of an LKE score (PermenPANRB 88/2021): bounds exclusive, official interpretations ------
@pytest.mark.parametrize("skor,huruf,uraian", [
    ("100", "AA", "Sangat Memuaskan"), ("90,01", "AA", "Sangat Memuaskan"), (90, "A", "Memuaskan"),
    ("80,01", "A", "Memuaskan"), (80, "BB", "Sangat Baik"), ("72,5", "BB", "Sangat Baik"), (70, "B", "Baik"),
    (60, "CC", "Cukup (Memadai)"), (50, "C", "Kurang"), ("30,01", "C", "Kurang"), (30, "D", "Sangat Kurang"),
    (0, "D", "Sangat Kurang"),
])
def test_nilai_akip(skor, huruf, uraian):
    n = nilai_akip(skor)
    assert (n.huruf, n.uraian, str(n)) == (huruf, uraian, f"{huruf} ({uraian})")


def test_nilai_akip_bukan_capaian():
    # a capaian passes 100; an LKE score cannot: refused with the way out named
    with pytest.raises(AturanError, match="0-100") as e:
        nilai_akip(214)
    assert "PREDIKAT" in e.value.masalah.saran
    with pytest.raises(AturanError):
        nilai_akip("-1")
    assert isinstance(nilai_akip(None), NA)

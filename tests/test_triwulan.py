"""The Capaian Triwulan summary sheet (issue 12): quarterly realisasi, s/d each quarter by Tipe
Penghitungan, capaian s/d against the annual target (lakip_xl.laporan.triwulan, docs/aturan.md).

Expected figures are computed by hand from the rows typed below; the kumulatif count also has to meet
the yearly figure the other sheets show (s/d TW IV = the year when the quarters add up to it)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from test_satu_jawaban import _baris, _buku, _ringkasan

from lakip_xl.laporan.lembar import SHEET_RINGKASAN, SHEET_TRIWULAN
from lakip_xl.sync import sinkron
from lakip_xl.xlsx.workbook import owned_sheets

ROOT = Path(__file__).resolve().parents[1]

TAMBAHAN_IND = (
    ("S3", "Pelayanan pasar", "IKH", "Rata-rata waktu layanan", "Hari", "negatif", "Rata-rata", "", "", "3"),
)
TAMBAHAN = (
    # IKE: kumulatif count over Penyebut 40; 2018-2019 counts 5 + 6; 2020's quarters 2 + 2 + 1 + 3 = its 8
    ("IKE", "2020", "I", "", "", "2"), ("IKE", "2020", "II", "", "", "2"),
    ("IKE", "2020", "III", "", "", "1"), ("IKE", "2020", "IV", "", "", "3"),
    # IKD: a grade, the last filled quarter
    ("IKD", "2020", "I", "BB", "B", ""), ("IKD", "2020", "II", "BB", "BB", ""),
    # IKH: rata-rata, negatif (selisih), annual target 3 from its yearly row
    ("IKH", "2020", "", "3", "3,5", ""),
    ("IKH", "2020", "I", "3", "4", ""), ("IKH", "2020", "II", "3", "3", ""), ("IKH", "2020", "III", "3", "3,5", ""),
)


@pytest.fixture(scope="module")
def tabel(tmp_path_factory):
    buku = _buku(tmp_path_factory.mktemp("tw") / "dinas.xlsx", "selisih", tambahan=TAMBAHAN,
                 indikator=TAMBAHAN_IND)
    sinkron(buku, backups=0)
    rows = _baris(buku, SHEET_TRIWULAN)
    h = next(i for i, r in enumerate(rows) if r[:3] == ["No", "Sasaran Strategis", "Indikator Kinerja"])
    per_nama = {r[2]: r for r in rows[h + 2:] if str(r[2]).strip() and not str(r[0]).startswith("Catatan")}
    return buku, per_nama


def _d(v) -> Decimal:
    return Decimal(str(v)).quantize(Decimal("0.01"))


def test_kumulatif_count_runs_over_the_years_and_meets_the_yearly_figure(tabel):
    buku, t = tabel
    r = t["Pasar ber-SNI"]
    assert r[4] == "Kumulatif" and _d(r[5]) == Decimal("50.00")
    # s/d TW I = (5 + 6 + 2) / 40 x 100 = 32.5; II 37.5; III 40; IV (5 + 6 + 8) / 40 x 100 = 47.5
    assert [_d(x) for x in r[10:14]] == [Decimal("32.50"), Decimal("37.50"), Decimal("40.00"), Decimal("47.50")]
    # capaian against 50: 65, 75, 80, 95
    assert [_d(x) for x in r[14:18]] == [Decimal("65.00"), Decimal("75.00"), Decimal("80.00"), Decimal("95.00")]
    _, laporan = _ringkasan(buku)
    assert laporan["Pasar ber-SNI"][0] == _d(r[17])  # the year's capaian on Pengukuran Kinerja
    assert r[18] == "Tidak Tercapai (TW IV)"


def test_non_kumulatif_takes_the_quarter_and_its_last_is_the_year(tabel):
    buku, t = tabel
    r = t["Persentase pedagang terdaftar"]
    assert [_d(x) for x in r[10:14]] == [Decimal("70.00"), Decimal("80.00"), Decimal("85.00"), Decimal("88.00")]
    # 70 / 92 x 100 = 76.086.. -> 76.09; 88 / 92 x 100 = 95.652.. -> 95.65
    assert _d(r[14]) == Decimal("76.09") and _d(r[17]) == Decimal("95.65")
    _, laporan = _ringkasan(buku)
    assert laporan["Persentase pedagang terdaftar"][0] == _d(r[17])


def test_rata_rata_negatif_and_empty_quarter(tabel):
    _, t = tabel
    r = t["Rata-rata waktu layanan"]
    # means: 4; (4 + 3) / 2 = 3.5; (4 + 3 + 3.5) / 3 = 3.5; TW IV empty
    assert [_d(x) for x in r[10:13]] == [Decimal("4.00"), Decimal("3.50"), Decimal("3.50")] and r[13] == ""
    # negatif selisih against 3: 100 + (3 - 4) / 3 x 100 = 66.67; 100 + (3 - 3.5) / 3 x 100 = 83.33
    assert [_d(x) for x in r[14:17]] == [Decimal("66.67"), Decimal("83.33"), Decimal("83.33")] and r[17] == ""
    assert r[18].endswith("(TW III)")


def test_grade_takes_the_last_filled_quarter(tabel):
    _, t = tabel
    r = t["Nilai SAKIP"]
    assert r[10:12] == ["B", "BB"] and r[5] == "BB"
    # akip scale: B against BB = 75 / 100 ... as CAPAIAN gives it on the yearly rows
    from lakip_xl import capaian

    assert _d(r[14]) == _d(capaian("BB", "B", "huruf")) and _d(r[15]) == Decimal("100.00")


def test_only_indicators_with_quarters_are_listed(tabel):
    _, t = tabel
    assert set(t) == {"Pasar ber-SNI", "Persentase pedagang terdaftar", "Rata-rata waktu layanan", "Nilai SAKIP"}


def test_sheet_without_quarters_says_how_to_fill_them(tmp_path):
    buku = tmp_path / "contoh.xlsx"
    shutil.copyfile(ROOT / "workbooks" / "contoh_depok_2020.xlsx", buku)
    sinkron(buku, backups=0)
    assert SHEET_TRIWULAN in SHEET_RINGKASAN and SHEET_TRIWULAN in owned_sheets(buku)
    teks = " ".join(str(v) for row in _baris(buku, SHEET_TRIWULAN) for v in row)
    assert "Belum ada baris triwulan tahun 2020" in teks and "Triwulan" in teks

"""One answer everywhere (issue 12): for indicators of every kind, the data sheet's own lakip_xl
formulas (evaluated through pycel with the UDFs, and through the fast path), the summary sheets and the
values-only export all show the same capaian and predikat for the same indicator and year.

The workbooks are built from workbooks/src's sample settings with a second agency's indicators typed
as docs/template.md says: negatif (both methods), rentang, huruf, a kumulatif count over a Penyebut,
a zero target, quarterly rows, a plain positif %. Nothing here is compared with a number typed in the
test: every side is lakip_xl's own output, and they must agree with each other."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from lakip_xl.excel.buku import Sumber, buat_buku, sumber_dari_folder
from lakip_xl.excel.rumus import evaluasi_rumus
from lakip_xl.sync import sinkron

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "workbooks" / "src"

_IND = ["Kode Sasaran", "Sasaran Strategis", "Kode Indikator", "Indikator Kinerja", "Satuan", "Polaritas",
        "Tipe Penghitungan", "Skala Nilai", "Penyebut", "Target Renstra"]
INDIKATOR = [
    ("S1", "Terkendalinya harga", "IKA", "Tingkat inflasi", "%", "negatif", "Non Kumulatif", "", "", "3"),
    ("S1", "Terkendalinya harga", "IKB", "Inflasi yang melonjak", "%", "negatif", "Non Kumulatif", "", "", "3"),
    ("S1", "Terkendalinya harga", "IKC", "Rasio stok beras", "%", "rentang", "Non Kumulatif", "", "", "80 - 90"),
    ("S2", "Akuntabilitas kinerja", "IKD", "Nilai SAKIP", "Nilai", "huruf", "Non Kumulatif", "akip", "", "A"),
    ("S2", "Akuntabilitas kinerja", "IKE", "Pasar ber-SNI", "%", "positif", "Kumulatif", "", "40", "60"),
    ("S3", "Pelayanan pasar", "IKF", "Pengaduan tak terselesaikan", "Kasus", "positif", "Non Kumulatif", "", "",
     "0"),
    ("S3", "Pelayanan pasar", "IKG", "Persentase pedagang terdaftar", "%", "positif", "Non Kumulatif", "", "",
     "95"),
]
_REAL = ["Kode Indikator", "Tahun", "Triwulan", "Target", "Realisasi", "Jumlah"]
REALISASI = [
    ("IKA", "2019", "", "4", "3,2", ""), ("IKA", "2020", "", "3,5", "5", ""),
    ("IKB", "2020", "", "10", "25", ""),
    ("IKC", "2019", "", "80 - 90", "85", ""), ("IKC", "2020", "", "80 - 90", "95", ""),
    ("IKD", "2019", "", "B", "BB", ""), ("IKD", "2020", "", "BB", "BB", ""),
    ("IKE", "2018", "", "10", "", "5"), ("IKE", "2019", "", "25", "", "6"), ("IKE", "2020", "", "50", "", "8"),
    ("IKF", "2019", "", "0", "0", ""), ("IKF", "2020", "", "0", "2", ""),
    ("IKG", "2019", "", "90", "91,5", ""), ("IKG", "2020", "", "92", "88", ""),
    ("IKG", "2020", "I", "92", "70", ""), ("IKG", "2020", "II", "92", "80", ""),
    ("IKG", "2020", "III", "92", "85", ""), ("IKG", "2020", "IV", "92", "88", ""),
]


# Policies other than the defaults, each one touching an indicator above: IKF's zero target (Target Nol),
# IKB's -50 (no floor), IKC's 105,56 and IKE's 1000 (cap): the data sheet's CAPAIAN cells read them from
# the Pengaturan table (their fifth argument), as the summary does
KEBIJAKAN = {"Target Nol": "100", "Batas Atas Capaian": "120", "Batas Bawah Capaian": "tanpa",
             "Pembulatan": "Potong (TRUNC)"}


def _buku(path: Path, metode: str, *, tambahan: tuple = (), indikator: tuple = (), kebijakan: dict | None = None) -> Path:
    src = sumber_dari_folder(SRC / "contoh_depok_2020", SRC / "beranda.toml")
    peng = dict(src.pengaturan)
    peng.update({"Instansi": "Dinas Perdagangan Kabupaten Contoh", "Kota/Kabupaten": "Kabupaten Contoh",
                 "Metode Negatif": metode, **(kebijakan or {})})
    tabel = {s: [] for s in src.tabel}
    tabel["Indikator"] = [dict(zip(_IND, r)) for r in (*INDIKATOR, *indikator)]
    tabel["Realisasi"] = [dict(zip(_REAL, r)) for r in (*REALISASI, *tambahan)]
    buat_buku(path, Sumber(peng, tabel, src.beranda))
    return path


@pytest.fixture(scope="module", params=["selisih", "rasio", "contoh", "kebijakan"])
def tersinkron(request, tmp_path_factory) -> Path:
    """The second agency's workbook under each negatif method and under non-default policies, and the
    bundled Depok 2020 sample."""
    if request.param == "contoh":
        buku = tmp_path_factory.mktemp("contoh") / "contoh.xlsx"
        shutil.copyfile(ROOT / "workbooks" / "contoh_depok_2020.xlsx", buku)
    elif request.param == "kebijakan":
        buku = _buku(tmp_path_factory.mktemp("kebijakan") / "dinas.xlsx", "selisih", kebijakan=KEBIJAKAN)
    else:
        buku = _buku(tmp_path_factory.mktemp(request.param) / "dinas.xlsx", request.param)
    sinkron(buku, backups=0)
    return buku


def _baris(buku: Path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(str(buku)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _kunci(v) -> object:
    """A shown value as one comparable thing: numbers to 2 decimals, texts as they are."""
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float, Decimal)):
        return Decimal(str(v)).quantize(Decimal("0.01"))
    return str(v).strip()


def _data_sheet(buku: Path, nilai: dict) -> dict[tuple[str, int, str], tuple]:
    """(kode, tahun, triwulan) -> (capaian, predikat) of the Realisasi sheet, values taken from `nilai`
    ((sheet, cell) -> value) where the cell is a formula, else from the file."""
    rows = _baris(buku, "Realisasi")
    head = rows[3]
    ci = {h: i for i, h in enumerate(head)}
    out = {}
    for n, r in enumerate(rows[4:], start=5):
        if not r[0]:
            continue
        cap = nilai.get(("Realisasi", f"G{n}"), r[ci["Capaian"]])
        pred = nilai.get(("Realisasi", f"H{n}"), r[ci["Predikat"]])
        out[(r[0], int(r[1]), str(r[2] or ""))] = (_kunci(cap), _kunci(pred))
    return out


def _ringkasan(buku: Path) -> tuple[dict[tuple[str, int], object], dict[str, tuple]]:
    """Capaian per (indicator name, year) from Perbandingan Tahunan, and (capaian, ket) per indicator
    name from Pengukuran Kinerja."""
    tahunan = _baris(buku, "Perbandingan Tahunan")
    h1 = next(i for i, r in enumerate(tahunan) if "Capaian (%)" in r)
    c0 = tahunan[h1].index("Capaian (%)")
    tahun = [int(y) for y in tahunan[h1 + 1][c0:] if str(y).strip()]
    per_tahun = {}
    for r in tahunan[h1 + 2:]:
        if not str(r[2]).strip() or str(r[0]).startswith("Catatan"):
            continue
        for i, y in enumerate(tahun):
            if r[c0 + i] != "":
                per_tahun[(r[2], y)] = _kunci(r[c0 + i])
    ukur = _baris(buku, "Pengukuran Kinerja")
    h = next(i for i, r in enumerate(ukur) if r[:3] == ["No", "Sasaran Strategis", "Indikator Kinerja"])
    laporan = {}
    for r in ukur[h + 1:]:
        if not str(r[2]).strip():
            break
        laporan[r[2]] = (_kunci(r[5]), _kunci(r[6]))
    return per_tahun, laporan


def _nama(buku: Path) -> dict[str, str]:
    """Kode Indikator -> Indikator Kinerja, from the workbook's Indikator sheet."""
    rows = _baris(buku, "Indikator")
    ci = {h: i for i, h in enumerate(rows[3])}
    return {r[ci["Kode Indikator"]]: r[ci["Indikator Kinerja"]] for r in rows[4:] if r[ci["Kode Indikator"]]}


@pytest.fixture(scope="module")
def dievaluasi(tersinkron):
    pycel = evaluasi_rumus(tersinkron, jalur="pycel")
    cepat = evaluasi_rumus(tersinkron)
    return pycel, cepat


def test_every_indicator_kind_is_in_the_workbook(tmp_path):
    buku = _buku(tmp_path / "dinas.xlsx", "selisih")
    data = _data_sheet(buku, {})
    assert {k for k, _, _ in data} == {r[2] for r in INDIKATOR}
    assert ("IKG", 2020, "IV") in data


def test_pycel_and_fast_path_agree(dievaluasi):
    pycel, cepat = dievaluasi
    assert not pycel.galat and not cepat.galat, (pycel.galat, cepat.galat)
    lakip = {k for k in pycel.lakip if k[0] == "Realisasi"}
    assert len(lakip) >= 2 * len(REALISASI)  # Capaian and Predikat of every row, at least
    assert {k: _kunci(pycel.nilai[k]) for k in lakip} == {k: _kunci(cepat.nilai[k]) for k in lakip}


def test_data_sheet_formulas_equal_the_summary(tersinkron, dievaluasi):
    pycel, _ = dievaluasi
    data = _data_sheet(tersinkron, pycel.nilai)
    per_tahun, laporan = _ringkasan(tersinkron)
    nama = _nama(tersinkron)
    dibanding = 0
    for (kode, tahun, tw), (cap, _pred) in data.items():
        if tw:
            continue  # quarterly rows are not on the yearly summary sheets
        ringkas = per_tahun.get((nama[kode], tahun))
        if ringkas is None:
            continue  # a year outside the three the sheet shows
        assert cap == ringkas, (kode, tahun, cap, ringkas)
        dibanding += 1
    assert dibanding >= 12
    for kode, n in nama.items():
        cap, _ket = data[(kode, 2020, "")]
        assert laporan[n][0] == cap, (kode, cap, laporan[n])
    # the cached values the sync wrote into the data sheet are what Excel would compute
    disimpan = _data_sheet(tersinkron, {})
    assert disimpan == data


def test_export_shows_the_same_numbers(tersinkron, dievaluasi, tmp_path):
    from lakip_xl.surel.ekspor import ekspor

    pycel, _ = dievaluasi
    salinan = tmp_path / "kirim.xlsx"
    shutil.copyfile(tersinkron, tmp_path / "asli.xlsx")
    ekspor(tmp_path / "asli.xlsx", keluar=salinan)
    assert _data_sheet(salinan, {}) == _data_sheet(tersinkron, pycel.nilai)
    assert _ringkasan(salinan) == _ringkasan(tersinkron)


def test_realisasi_komponen_adalah_angka_hitung(tersinkron):
    # the counted realisasi ekspor writes (hitung.realisasi_komponen) are hitung's own, row for row: the
    # same rows (every yearly row with Jumlah) and the same Decimal, digits and exponent included
    from lakip_xl.laporan.hitung import hitung, realisasi_komponen
    from lakip_xl.sumber.baca import baca_workbook

    data = baca_workbook(tersinkron)
    k, komponen = realisasi_komponen(data)
    hasil = hitung(data)
    harapan = {(hi.indikator.kode, nt.tahun): nt.realisasi for hi in hasil.indikator
               for nt in hi.per_tahun.values() if nt.dari_komponen}
    assert harapan, "the workbook has counted rows"
    assert {(ind.kode, b.tahun): str(r) for ind, b, r in komponen} == {kt: str(r) for kt, r in harapan.items()}
    assert k == hasil.kebijakan

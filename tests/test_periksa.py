"""The audit of a lakip_xl workbook (lakip_xl.laporan.periksa).

Two parts:
- the sample workbook (workbooks/contoh_depok_2020.xlsx, always copied to tmp_path first): the findings are
  exactly the mismatches ../shared/docs/seed-figures.md lists, plus the ones lakip_xl found that the list
  missed, each justified by a hand computation in a comment;
- small synthetic workbooks (DataLakip objects built here), one check category at a time: one case that
  fires, one that does not. Expected figures are hand computations written next to them.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lakip_xl.aturan.angka import parse_angka
from lakip_xl.aturan.capaian import Kebijakan
from lakip_xl.errors import AngkaError
from lakip_xl.laporan.hitung import hitung
from lakip_xl.laporan.periksa import (
    FORM,
    SHEET_PEMERIKSAAN,
    banding,
    cetak,
    lembar_pemeriksaan,
    pangkat_satuan,
    penuh,
    periksa,
    periksa_berkas,
)
from lakip_xl.laporan.periksa.renja import FORM as FORM_RENJA
from lakip_xl.laporan.periksa.temuan import GALAT, INFO, PERINGATAN, Hasil, Temuan, format_hasil
from lakip_xl.sumber.model import (
    Anggaran,
    Belanja,
    DataLakip,
    Dilaporkan,
    Indikator,
    Isian,
    Lokasi,
    Pengaturan,
    Program,
    RealisasiBaris,
)
from lakip_xl.xlsx.sheetspec import valid_sheet_name

D = Decimal


# ==================================================================================================
# Builders


def isi(teks, sel: str = "") -> Isian:
    """A typed data cell as the reader keeps it: the parsed number (or the grade text) and the text."""
    if teks is None or teks == "":
        return Isian(None, "", sel, False)
    try:
        v = parse_angka(teks)
    except AngkaError:
        v = teks
    return Isian(v if v is not None else teks, teks, sel, True)


def lap(besaran: str, teks: str, baris: int, *, kode: str = "IK1", tahun: int | None = 2020, tabel: str = "3.1",
        sumber: str = "") -> Dilaporkan:
    """A Dilaporkan row: the figure as printed, in cell E<baris> (as lakip_xl.sumber.baca keeps it)."""
    return Dilaporkan(tabel=tabel, kode=kode, tahun=tahun, besaran=besaran, nilai=isi(teks, f"E{baris}"),
                      sumber=sumber, lokasi=Lokasi("Dilaporkan", baris))


def ind(kode="IK1", sasaran="S1", nama="Indikator uji", satuan="%", polaritas="positif", tipe="non_kumulatif",
        penyebut=None, target_renstra=None, skala_nilai=None, baris=5) -> Indikator:
    return Indikator(kode=kode, kode_sasaran=sasaran, sasaran=f"Sasaran {sasaran}", nama=nama, satuan=satuan,
                     polaritas=polaritas, tipe=tipe, skala_nilai=skala_nilai,
                     penyebut=None if penyebut is None else D(penyebut), target_renstra=isi(target_renstra, "J5"),
                     lokasi=Lokasi("Indikator", baris))


def real(kode, tahun, target=None, realisasi=None, jumlah=None, baris=5) -> RealisasiBaris:
    return RealisasiBaris(kode=kode, tahun=tahun, triwulan=None, target=isi(target, f"D{baris}"),
                          realisasi=isi(realisasi, f"E{baris}"), jumlah=isi(jumlah, f"F{baris}"),
                          lokasi=Lokasi("Realisasi", baris))


def buat(indikator, realisasi, dilaporkan=(), *, anggaran=(), program=(), belanja=(), **kebijakan) -> DataLakip:
    kebijakan.setdefault("skala_sasaran", "lkjip5")  # the seed's permendagri54 adds an info finding of its own
    peng = Pengaturan(instansi="Dinas Uji", tahun=2020, awal_renstra=2016, akhir_renstra=2021,
                      kebijakan=Kebijakan(**kebijakan), lokasi={"skala_sasaran": "B11", "skala_predikat": "B10"})
    return DataLakip(pengaturan=peng, indikator=list(indikator), realisasi=list(realisasi),
                     anggaran=list(anggaran), program=list(program), belanja=list(belanja),
                     dilaporkan=list(dilaporkan), berkas="uji.xlsx")


def di(hasil: Hasil, sel: str, sheet: str = "Dilaporkan") -> list[Temuan]:
    return [t for t in hasil.temuan if t.sheet == sheet and t.sel == sel]


def satu(hasil: Hasil, sel: str, sheet: str = "Dilaporkan") -> Temuan:
    found = di(hasil, sel, sheet)
    assert len(found) == 1, (sel, [t.teks() for t in hasil.temuan])
    return found[0]


def kosong(hasil: Hasil) -> None:
    assert hasil.temuan == [], [t.teks() for t in hasil.temuan]


# ==================================================================================================
# The sample workbook


@pytest.fixture(scope="module")
def sampel(tmp_path_factory, root):
    src = root / "workbooks" / "contoh_depok_2020.xlsx"
    dst = tmp_path_factory.mktemp("periksa") / src.name
    shutil.copyfile(src, dst)
    return dst


@pytest.fixture(scope="module")
def hasil_sampel(sampel) -> Hasil:
    return periksa_berkas(sampel)


# The expected findings on the sample: (sheet, cell, kategori, tingkat), each with its source.
# Columns: sheet | cell (Dilaporkan Nilai cell, or data-sheet cell) | kategori | tingkat
DIHARAPKAN = {
    # seed-figures.md line 16: wirausaha baru 2020 reported 73.55, but 0.10 / 0.14 = 71.43 (and the
    # unrounded 1.295 / 1.264.373 = 0.1024% gives 73.16): neither gives 73.55. Printed five times:
    ("Dilaporkan", "E23", "capaian", GALAT),  # Ikhtisar
    ("Dilaporkan", "E112", "capaian", GALAT),  # table 3.1
    ("Dilaporkan", "E158", "capaian", GALAT),  # table 3.2, 2020 column
    ("Dilaporkan", "E222", "capaian", GALAT),  # III.5 table
    ("Dilaporkan", "E326", "capaian", GALAT),  # LAMPIRAN
    # seed-figures.md line 16: "the yearly counts sum to 1.295, the text says 1.145" (three places)
    ("Dilaporkan", "E45", "jumlah", GALAT),
    ("Dilaporkan", "E171", "jumlah", GALAT),
    ("Dilaporkan", "E202", "jumlah", GALAT),
    # seed-figures.md line 32: volume usaha 2018 102.8, but 128 / 98 = 130.61
    ("Dilaporkan", "E142", "capaian", GALAT),
    # seed-figures.md line 33: wirausaha baru 2019 58.22, but 0.06 / 0.11 = 54.55
    ("Dilaporkan", "E155", "capaian", GALAT),
    # seed-figures.md line 34: naik kelas 2018 realisasi 2.5, but (7 + 9) / 1000 x 100 = 1.6. Its capaian
    # 33,3 (E162) = 2,5 / 7,50 follows from the printed realisasi: folded into this finding.
    ("Dilaporkan", "E161", "realisasi_komponen", GALAT),
    # seed-figures.md lines 36-37: two year splits of the 130 naik kelas, 7/9/61/53 and 9/68/53: they
    # disagree on 2019 (61 vs 68); the data's Jumlah for 2019 is 61, so the 68 (E235) is the one flagged.
    ("Dilaporkan", "E235", "rincian", GALAT),
    # seed-figures.md line 30: AKIP 2018 CC -> B printed 100; ordinal rule gives 4 / 3 x 100 = 133.33: policy
    ("Dilaporkan", "E122", "capaian_huruf", INFO),
    # seed-figures.md line 43: AKIP Renstra BB vs B printed 66.67; ordinal gives 4 / 5 x 100 = 80.00: policy
    ("Dilaporkan", "E180", "capaian_huruf", INFO),
    # seed-figures.md line 49: 44.44 / 70.80 x 100 = 62.768 printed 62.76 (truncated), half-up 62.77
    ("Dilaporkan", "E198", "pembulatan", PERINGATAN),
    # seed-figures.md lines 66-67: "3 sasaran strategis dan 5 indikator kinerja utama" against the PK 2020's
    # 4 sasaran and 7 indicators, and BAB III.A's per-sasaran list. Where the report states such counts:
    ("Dilaporkan", "E34", "struktur", GALAT),  # Ikhtisar: "tiga (3) sasaran strategis" (seed line 33)
    ("Dilaporkan", "E67", "struktur", GALAT),  # Renstra: 3 sasaran
    ("Dilaporkan", "E68", "struktur", GALAT),  # Renstra: 5 IKU
    ("Dilaporkan", "E92", "struktur", GALAT),  # III.A: 3 sasaran
    ("Dilaporkan", "E93", "struktur", GALAT),  # III.A: 5 indikator
    ("Dilaporkan", "E95", "struktur", GALAT),  # III.A: "Sasaran 2 terdiri dari 2 indikator"; S2 (P2WKSS) has 1
    ("Dilaporkan", "E118", "struktur", GALAT),  # table 3.1 lists 3 sasaran (seed lines 576-581)
    ("Dilaporkan", "E119", "struktur", GALAT),  # table 3.1 lists 5 indicators (IK2 and IK7 missing)
    # seed-figures.md line 68: "Tahun 2019" headings in the 2020 report (Ikhtisar, III.A, Penutup)
    ("Dilaporkan", "E33", "tahun_laporan", PERINGATAN),
    ("Dilaporkan", "E97", "tahun_laporan", PERINGATAN),
    ("Dilaporkan", "E307", "tahun_laporan", PERINGATAN),
    # seed-figures.md line 69: the 5-level scale leaves 90.00 unassigned (Pengaturan: Skala Predikat Sasaran
    # = permendagri54, the scale as the seed prints it)
    ("Pengaturan", "B11", "skala_predikat", INFO),
    # seed-figures.md line 70: numbers written in two notations in the same table: one info per table
    ("Dilaporkan", "E58, E62", "notasi", INFO),  # Ikhtisar budget paragraph: "Rp. 11.347.257.853", "87.94 %"
    ("Dilaporkan", "E102, E107", "notasi", INFO),  # 3.1: "77.33%", "45,1 M"
    ("Dilaporkan", "E130, E138", "notasi", INFO),  # 3.2: "69,93", "44.83%"
    ("Dilaporkan", "E241, E244, E250", "notasi", INFO),  # 3.6: "872,835,500", "85.6%", "1.142.860.569"
    ("Dilaporkan", "E269, E272, E278", "notasi", INFO),  # D table: the same three
    ("Dilaporkan", "E295, E299", "notasi", INFO),  # D paragraph: "Rp. 11.347.257.853", "87.94 %"
    # --- found by lakip_xl, missed by seed-figures.md -------------------------------------------------
    # wirausaha baru 2018 realisasi printed 0,03 (table 3.2) while the counts give
    # (270 + 275) / 1.264.373 x 100 = 545 / 1.264.373 x 100 = 0,0431 -> 0,04. The capaian 37,5 (E152)
    # = 0,03 / 0,08 x 100 follows from the printed 0,03: folded into this finding.
    ("Dilaporkan", "E151", "realisasi_komponen", GALAT),
    # seed line 703: "Realisasi 713% merupakan gabungan realisasi 53 ..., 68 ... dan 9 ...": the counts give
    # (7 + 9 + 61 + 53) / 1000 x 100 = 13% (and 9 + 68 + 53 = 130 too): 713 is a typo for 13.
    ("Dilaporkan", "E233", "realisasi_komponen", GALAT),
    # koperasi aktif and volume usaha are typed "Kumulatif" (seed Renstra table, lines 455-460) but their
    # s/d series decrease: 89,93 -> 44,00 -> 34,67 (Realisasi E10:E12) and 128 -> 108 -> 45,1 M (E13:E15)
    ("Realisasi", "E10:E12", "kumulatif_menurun", PERINGATAN),
    ("Realisasi", "E13:E15", "kumulatif_menurun", PERINGATAN),
}


_RINGKASAN = {t: sum(1 for *_, x in DIHARAPKAN if x == t) for t in (GALAT, PERINGATAN, INFO)}


def test_sampel_temuan_tepat(hasil_sampel):
    got = {(t.sheet, t.sel, t.kategori, t.tingkat) for t in hasil_sampel.temuan}
    assert got == DIHARAPKAN, (sorted(got - DIHARAPKAN), sorted(DIHARAPKAN - got))
    assert len(hasil_sampel.temuan) == len(DIHARAPKAN)  # no duplicates at one cell


def test_sampel_angka_temuan(hasil_sampel):
    """The figure that follows and the difference, for the seed's own mismatches (hand computations)."""
    t = satu(hasil_sampel, "E158")
    assert (t.dinyatakan, t.seharusnya, t.selisih) == ("73.55%", "71,43%", "+2,12")  # 0,10 / 0,14 = 71,428..
    assert "73,16" in t.uraian  # 1.295 / 1.264.373 = 0,10242..% ; 0,10242 / 0,14 = 73,16
    t = satu(hasil_sampel, "E142")
    assert (t.seharusnya, t.selisih) == ("130,61%", "-27,81")  # 128 / 98 = 130,612..; 102,8 - 130,61
    assert "128 M / 98 M" in t.uraian  # units shown as the data has them
    t = satu(hasil_sampel, "E155")
    assert (t.seharusnya, t.selisih) == ("54,55%", "+3,67")  # 0,06 / 0,11 = 54,5454..
    t = satu(hasil_sampel, "E161")
    assert (t.dinyatakan, t.seharusnya) == ("2,5", "1,6")  # (7 + 9) / 1000 x 100
    assert "E162" in t.uraian and "21,33" in t.uraian  # the folded capaian: 1,6 / 7,50 = 21,33
    t = satu(hasil_sampel, "E151")
    assert (t.dinyatakan, t.seharusnya, t.selisih) == ("0,03", "0,04", "-0,01")
    assert "E152" in t.uraian and "50,00" in t.uraian  # 0,04 / 0,08 = 50
    t = satu(hasil_sampel, "E171")
    assert (t.dinyatakan, t.seharusnya, t.selisih) == ("1.145", "1.295", "-150")  # 270 + 275 + 275 + 475
    t = satu(hasil_sampel, "E235")
    assert (t.dinyatakan, t.seharusnya) == ("68", "61")
    assert "2019" in t.uraian and "130" in t.uraian
    t = satu(hasil_sampel, "E198")
    assert (t.seharusnya, t.selisih) == ("62,77", "-0,01")  # 44,44 / 70,80 = 62,768.. half up
    t = satu(hasil_sampel, "E122")
    assert t.seharusnya == "133,33%" and "100,00" in t.uraian  # B=4 / CC=3; capped at 100
    t = satu(hasil_sampel, "E180")
    assert t.seharusnya == "80,00" and t.selisih == "-13,33"  # B=4 / BB=5 = 80; 66,67 - 80
    t = satu(hasil_sampel, "E233")
    assert (t.dinyatakan, t.seharusnya) == ("713%", "13%")
    t = satu(hasil_sampel, "E68")
    assert (t.dinyatakan, t.seharusnya) == ("5", "7")


def test_sampel_lokasi_dan_sumber(hasil_sampel):
    """A finding names the table of the report (Tabel + Sumber) in Bahasa Indonesia."""
    t = satu(hasil_sampel, "E142")
    assert t.uraian.startswith("Tabel 3.2 Perbandingan realisasi dan capaian 2018-2020 (hlm. 31)")
    t = satu(hasil_sampel, "E23")
    assert t.uraian.startswith("Ikhtisar")
    for t in hasil_sampel.temuan:
        assert t.uraian and t.saran, t
        if t.sheet == "Dilaporkan" and t.kategori != "notasi":
            assert t.dinyatakan in t.uraian, t  # the sentence quotes the figure as printed


def test_sampel_tidak_dipahami(hasil_sampel):
    """What the audit leaves aside, said so: the AKIP Ket "Capaian Tahun 2019" (a note, seed-figures.md
    lines 20-21, not a Ket sentence) and the 1.620 WUB Renstra target (2021 has no data row)."""
    teks = "\n".join(hasil_sampel.tidak_dipahami)
    assert "E8 " in teks and "E311 " in teks and "E201 " in teks
    assert len(hasil_sampel.tidak_dipahami) == 3


def test_sampel_json_dan_teks(hasil_sampel):
    d = hasil_sampel.to_dict()
    s = json.loads(json.dumps(d))
    assert s["berkas"] == "contoh_depok_2020.xlsx" and s["form"] == FORM
    assert s["ringkasan"] == _RINGKASAN == {"galat": 22, "peringatan": 6, "info": 9}
    assert {"kategori", "sheet", "sel", "uraian", "dinyatakan", "seharusnya", "selisih", "tingkat", "saran"} \
        == set(s["temuan"][0])
    assert hasil_sampel.ada_galat  # the CLI exits non-zero on this
    out = format_hasil(hasil_sampel)
    assert "22 galat, 6 peringatan, 9 info" in out


def test_sampel_tidak_diubah(sampel):
    before = hashlib.sha256(sampel.read_bytes()).hexdigest()
    periksa_berkas(sampel)
    assert hashlib.sha256(sampel.read_bytes()).hexdigest() == before


def test_bukan_buku_lakip_ke_renja(tmp_path, data):
    """A workbook without the Indikator/Realisasi sheets is read as the Permendagri 86 form."""
    src = data / "evaluasi_renja_2025.xlsx"
    dst = tmp_path / src.name
    shutil.copyfile(src, dst)
    h = periksa_berkas(dst)
    assert h.form == FORM_RENJA and h.temuan


def test_berkas_rusak(tmp_path):
    from lakip_xl.errors import BerkasError

    p = tmp_path / "rusak.xlsx"
    p.write_bytes(b"bukan zip")
    with pytest.raises(BerkasError, match="Berkas bukan buku kerja Excel yang utuh"):
        periksa_berkas(p)
    with pytest.raises(BerkasError, match="Berkas 'tidak_ada.xlsx' tidak ditemukan"):
        periksa_berkas(tmp_path / "tidak_ada.xlsx")


# ==================================================================================================
# Printed figures: precision and units


# text, satuan of the context, expected (angka in printed unit, desimal, pangkat)
@pytest.mark.parametrize("teks,satuan,angka,desimal,pangkat", [
    ("129%", "%", D("129"), 0, 0),
    ("33,3%", "%", D("33.3"), 1, 0),
    ("44,00", "%", D("44"), 2, 0),
    ("0,10%", "%", D("0.1"), 2, 0),
    ("1.264.373", "", D("1264373"), 0, 0),
    ("45,1 M", "%", D("45.1"), 1, 9),  # magnitude written: full number 45.100.000.000
    ("108M", "", D("108"), 0, 9),
    ("98", "M", D("98"), 0, 9),  # plain number in a table whose Satuan is M
    ("Rp. 4.926.982.500,-", "", D("4926982500"), 0, 0),
    ("500 jt", "", D("500"), 0, 6),
])
def test_cetak(teks, satuan, angka, desimal, pangkat):
    c = cetak(isi(teks), satuan)
    assert (c.angka, c.desimal, c.pangkat) == (angka, desimal, pangkat)
    assert c.nilai == angka.scaleb(pangkat)


# stated text, exact computed value, workbook rounding, expected outcome
@pytest.mark.parametrize("teks,exact,cara,hasil", [
    ("129%", "128.6003", "half_up", "sama"),  # 89,93 / 69,93 printed as an integer (seed 3.2)
    ("33,3", "33.3333", "half_up", "sama"),
    ("62,76", "62.7683", "half_up", "pembulatan"),  # truncated where ROUND gives 62,77
    ("62,77", "62.7683", "truncate", "pembulatan"),  # the reverse under Potong (TRUNC)
    ("62,76", "62.7683", "truncate", "sama"),
    ("102,8", "130.6122", "half_up", "beda"),
    ("45,1 M", "45100000000", "half_up", "sama"),
    ("45,1 M", "45149999999", "half_up", "sama"),  # 45,149.. M rounds to 45,1 M
    ("45,1 M", "45150000000", "half_up", "pembulatan"),  # 45,15 M: ROUND 45,2, TRUNC 45,1
])
def test_banding(teks, exact, cara, hasil):
    assert banding(cetak(isi(teks)), D(exact), cara) == hasil


@settings(max_examples=400, deadline=None)
@given(st.decimals(min_value=-10**12, max_value=10**12, places=6, allow_nan=False),
       st.one_of(st.none(), st.text(alphabet="0123456789.,% MjtTrbpRp-", max_size=14)),
       st.sampled_from(["", "%", "orang", "unit", "Rp", "persen", "m", "ton"]),
       st.sampled_from(["half_up", "truncate", "half_even"]))
def test_angka_diketik_sama_dengan_hitungan_tidak_pernah_beda(v, teks, satuan, cara):
    """cek_realisasi_data skips reading a typed Realisasi that equals what its counts give, when the
    Satuan names no magnitude: read, it is `exact` at whatever decimals (or magnitude) its text shows."""
    assert pangkat_satuan(satuan) == 0
    x = Isian(v, teks if teks is not None else format(v, "f"))
    c = cetak(x, satuan)
    assert c is not None and banding(c, v, cara) == "sama"


def test_realisasi_data_sama_dengan_hitungan():
    # typed beside counts that give 270 + 275 = 545 (kumulatif, no Penyebut): equal -> nothing; 546 -> a finding;
    # in a Satuan "M" the typed 545 is 545 x 10^9, not the counts' 545 -> a finding
    def data(typed, satuan="orang"):
        rows = [real("IK1", 2017, None, None, "270", 5), real("IK1", 2018, "500", typed, "275", 6)]
        return buat([ind(kode="IK1", tipe="kumulatif", satuan=satuan)], rows)
    kosong(periksa(data("545")))
    kosong(periksa(data("545,00")))
    assert satu(periksa(data("546")), "E6", "Realisasi").kategori == "realisasi_komponen"
    assert satu(periksa(data("545", "M")), "E6", "Realisasi").kategori == "realisasi_komponen"


def test_unit_satuan():
    assert pangkat_satuan("M") == 9 and pangkat_satuan("Rp M") == 9 and pangkat_satuan("juta rupiah") == 6
    assert pangkat_satuan("%") == 0 and pangkat_satuan("m") == 0  # a lone "m" is meter, not miliar
    # typed data: "103 M" is the full number; a plain 103 is in the Satuan
    assert penuh(isi("103 M"), "M") == D("103000000000")
    assert penuh(isi("103"), "M") == D("103000000000")
    assert penuh(isi("103"), "%") == D("103")


# ==================================================================================================
# Synthetic workbooks, one check category at a time


def test_capaian_galat_dan_cocok():
    # target 40, realisasi 85,6: 85,6 / 40 x 100 = 214 (seed P2WKSS)
    data = buat([ind()], [real("IK1", 2020, "40", "85,6")],
                [lap("capaian", "214%", 5), lap("capaian", "210%", 6, tabel="LAMPIRAN")])
    h = periksa(data)
    assert di(h, "E5") == []
    t = satu(h, "E6")
    assert (t.tingkat, t.kategori, t.seharusnya, t.selisih) == (GALAT, "capaian", "214,00%", "-4,00")


def test_capaian_negatif():
    # negatif "selisih": (2 x 10 - 5) / 10 x 100 = 150 (domain.md section 1)
    data = buat([ind(polaritas="negatif")], [real("IK1", 2020, "10", "5")],
                [lap("capaian", "150", 5), lap("capaian", "200", 6, tabel="3.5")])
    h = periksa(data)
    assert di(h, "E5") == [] and satu(h, "E6").seharusnya == "150,00"


def test_capaian_di_bawah_nol():
    # issue 12: (2 x 10 - 25) / 10 x 100 = -50; the default floor (Batas Bawah Capaian 0) shows 0,00, and the
    # audit names the unclamped figure: a report printing -50 gets a warning, another figure an error
    baris = [real("IK1", 2020, "10", "25")]
    h = periksa(buat([ind(polaritas="negatif")], baris,
                     [lap("capaian", "-50,00", 5), lap("capaian", "12,00", 6, tabel="3.5"),
                      lap("capaian", "0,00", 7, tabel="3.6")]))
    t = satu(h, "E5")
    assert (t.tingkat, t.kategori, t.seharusnya) == (PERINGATAN, "batas_capaian", "0,00")
    assert "-50,00" in t.uraian and "Batas Bawah Capaian = 0" in t.uraian and "tanpa" in t.saran
    t = satu(h, "E6")
    assert (t.tingkat, t.kategori, t.seharusnya) == (GALAT, "capaian", "0,00")
    assert "= -50,00, menjadi 0,00 oleh Batas Bawah Capaian = 0" in t.uraian
    assert di(h, "E7") == []
    # "tanpa": the formula's figure is the workbook's
    h = periksa(buat([ind(polaritas="negatif")], baris, [lap("capaian", "-50,00", 5)], batas_bawah="tanpa"))
    kosong(h)


def test_pembulatan():
    # 44,44 / 70,80 x 100 = 62,768..: ROUND 62,77, TRUNC 62,76 (seed 3.3)
    data = buat([ind()], [real("IK1", 2020, "70,80", "44,44")],
                [lap("capaian", "62,76", 5), lap("capaian", "62,77", 6, tabel="LAMPIRAN")])
    h = periksa(data)
    t = satu(h, "E5")
    assert (t.tingkat, t.kategori, t.seharusnya) == (PERINGATAN, "pembulatan", "62,77")
    assert di(h, "E6") == []
    h = periksa(buat([ind()], [real("IK1", 2020, "70,80", "44,44")],
                     [lap("capaian", "62,76", 5), lap("capaian", "62,77", 6, tabel="LAMPIRAN")],
                     pembulatan="truncate"))
    assert di(h, "E5") == [] and satu(h, "E6").kategori == "pembulatan"


WUB = dict(kode="IK1", tipe="kumulatif", penyebut="1264373", nama="Persentase wirausaha baru")


def _wub(dilaporkan, realisasi_2018=None):
    rows = [real("IK1", 2017, None, None, "270", 5), real("IK1", 2018, "0,08", realisasi_2018, "275", 6),
            real("IK1", 2019, "0,11", None, "275", 7), real("IK1", 2020, "0,14", None, "475", 8)]
    return buat([ind(**WUB)], rows, dilaporkan)


def test_realisasi_dari_hitungan():
    # (270 + 275) / 1.264.373 x 100 = 0,0431 -> 0,04; printed 0,03 is wrong, 0,04 right.
    # The capaian 37,5 printed beside 0,03 (0,03 / 0,08 = 37,5) is folded into the realisasi finding.
    h = periksa(_wub([lap("target", "0,08", 5, tahun=2018, tabel="3.2"),
                      lap("realisasi", "0,03", 6, tahun=2018, tabel="3.2"),
                      lap("capaian", "37,5%", 7, tahun=2018, tabel="3.2"),
                      lap("realisasi", "0,04", 8, tahun=2018, tabel="Teks")]))
    t = satu(h, "E6")
    assert (t.kategori, t.seharusnya) == ("realisasi_komponen", "0,04")
    assert "E7" in t.uraian and "50,00" in t.uraian  # 0,04 / 0,08 = 50
    assert di(h, "E7") == [] and di(h, "E8") == [] and di(h, "E5") == []


def test_capaian_dari_realisasi_dibulatkan():
    # 2020: 1.295 / 1.264.373 = 0,1024 -> 0,10; 0,10 / 0,14 = 71,43 (workbook rule, seed 3.3 "58,82");
    # printed 73,16 follows the unrounded realisasi (0,1024 / 0,14): a rounding-policy note, not an error;
    # 73,55 follows from nothing: an error.
    h = periksa(_wub([lap("capaian", "71,43%", 5), lap("capaian", "73,16%", 6, tabel="3.5"),
                      lap("capaian", "73,55%", 7, tabel="LAMPIRAN")]))
    assert di(h, "E5") == []
    assert satu(h, "E6").tingkat == PERINGATAN
    t = satu(h, "E7")
    assert (t.tingkat, t.seharusnya) == (GALAT, "71,43%") and "73,16" in t.uraian


def test_jumlah_kumulatif():
    # 270 + 275 + 275 + 475 = 1.295; the text says 1.145
    h = periksa(_wub([lap("jumlah", "1.145", 5, tabel="Teks"), lap("jumlah", "1.295", 6, tabel="Ikhtisar"),
                      lap("jumlah", "545", 7, tahun=2018, tabel="3.2")]))
    t = satu(h, "E5")
    assert (t.kategori, t.seharusnya, t.selisih) == ("jumlah", "1.295", "-150")
    assert di(h, "E6") == [] and di(h, "E7") == []  # 270 + 275 = 545 s/d 2018


def test_jumlah_tanpa_hitungan_dengan_penyebut():
    # koperasi aktif: no counts in the data; the text's 130 of 375 = 34,666.. -> 34,67 = the realisasi
    data = buat([ind()], [real("IK1", 2020, "77,33", "34,67")],
                [lap("jumlah", "130", 5, tabel="Ikhtisar"), lap("penyebut", "375", 6, tabel="Ikhtisar"),
                 lap("jumlah", "140", 7, tabel="Teks"), lap("penyebut", "375", 8, tabel="Teks")])
    h = periksa(data)
    assert di(h, "E5") == [] and di(h, "E6") == []
    assert satu(h, "E7").kategori == "realisasi_komponen"  # 140 / 375 = 37,33, not 34,67


def test_rincian_dua_versi():
    # naik kelas: data 7 / 9 / 61 / 53; text A the same, text B 9 / 68 / 53 (both sum 130)
    rows = [real("IK1", 2017, None, None, "7", 5), real("IK1", 2018, "7,50", None, "9", 6),
            real("IK1", 2019, "10", None, "61", 7), real("IK1", 2020, "12,5", None, "53", 8)]
    a = [lap("jumlah_tahun", v, 10 + i, tahun=t, tabel="Teks", sumber="III.B")
         for i, (t, v) in enumerate([(2017, "7"), (2018, "9"), (2019, "61"), (2020, "53")])]
    b = [lap("jumlah_tahun", v, 20 + i, tahun=t, tabel="Teks", sumber="III.5")
         for i, (t, v) in enumerate([(2018, "9"), (2019, "68"), (2020, "53")])]
    h = periksa(buat([ind(tipe="kumulatif", penyebut="1000")], rows, a + b))
    assert [t.sel for t in h.temuan] == ["E21"]
    t = h.temuan[0]
    assert (t.kategori, t.seharusnya, t.selisih) == ("rincian", "61", "+7")
    assert "berbeda untuk tahun 2019" in t.uraian


def test_rincian_tanpa_data():
    # no Jumlah in the data: two breakdowns that disagree are an error on the later one, no "seharusnya"
    rows = [real("IK1", 2019, "10", "7,7"), real("IK1", 2020, "12,5", "13")]
    a = [lap("jumlah_tahun", "61", 10, tahun=2019, tabel="Teks", sumber="A"),
         lap("jumlah_tahun", "68", 11, tahun=2019, tabel="Teks", sumber="B")]
    h = periksa(buat([ind(tipe="kumulatif")], rows, a))
    t = satu(h, "E11")
    assert t.tingkat == GALAT and t.seharusnya == "" and di(h, "E10") == []


def test_target_dan_target_renstra():
    data = buat([ind(target_renstra="81,04")], [real("IK1", 2020, "77,33", "34,67")],
                [lap("target", "77.33%", 5), lap("target", "73,63", 6, tabel="3.2"),
                 lap("target_renstra", "81,04", 7, tabel="3.3"), lap("target_renstra", "80", 8, tabel="3.3b")])
    h = periksa(data)
    assert di(h, "E5") == [] and di(h, "E7") == []
    assert satu(h, "E6").kategori == "target" and satu(h, "E8").kategori == "target_renstra"


def test_satuan_besaran():
    # volume usaha, Satuan M: table 3.2 prints plain 98 / 128 with its own Satuan row "M"; 3.1 prints "45,1 M"
    data = buat([ind(satuan="M")], [real("IK1", 2018, "98 M", "128 M", baris=5), real("IK1", 2020, "103", "45,1")],
                [lap("satuan", "M", 4, tahun=None, tabel="3.2"),
                 lap("target", "98", 5, tahun=2018, tabel="3.2"), lap("realisasi", "128", 6, tahun=2018, tabel="3.2"),
                 lap("realisasi", "45,1 M", 7, tabel="3.1"),  # data typed plain 45,1 in Satuan M: same figure
                 lap("target", "97", 8, tahun=2018, tabel="3.2x"),
                 lap("realisasi", "45,2 M", 9, tabel="3.1x")])
    h = periksa(data)
    assert [t.sel for t in h.temuan if t.sheet == "Dilaporkan"] == ["E8", "E9"]
    assert satu(h, "E8").seharusnya == "98 M"
    assert satu(h, "E9").seharusnya == "45,1 M"


def test_huruf_kebijakan():
    # CC -> B: ordinal D=1..AA=7 gives 4 / 3 x 100 = 133,33; capped at 100 gives 100 (seed 3.2, 2018)
    skala = dict(polaritas="huruf", skala_nilai="akip", satuan="Nilai")
    data = buat([ind(**skala)], [real("IK1", 2018, "CC", "B"), real("IK1", 2020, "B", "B", baris=6)],
                [lap("capaian", "100%", 5, tahun=2018, tabel="3.2"), lap("capaian", "100%", 6, tabel="3.2")])
    h = periksa(data)
    t = satu(h, "E5")
    assert (t.tingkat, t.kategori, t.seharusnya) == (INFO, "capaian_huruf", "133,33%")
    assert "100,00" in t.uraian and "batas atas 100" in t.uraian
    assert di(h, "E6") == []  # B -> B = 100 under every rule
    # with Batas Atas Capaian = 100 the workbook's rule gives 100: nothing to report
    assert di(periksa(buat([ind(**skala)], [real("IK1", 2018, "CC", "B")],
                           [lap("capaian", "100%", 5, tahun=2018)], batas_atas=Decimal(100))), "E5") == []


def test_capaian_sasaran():
    # sasaran average: (44,83 + 43,79) / 2 = 44,31 (seed BAB III.A, sasaran 3)
    data = buat([ind("IK1", "S3"), ind("IK2", "S3")],
                [real("IK1", 2020, "77,33", "34,67"), real("IK2", 2020, "103", "45,1", baris=6)],
                [lap("capaian_sasaran", "44,31%", 5, kode="S3"), lap("capaian_sasaran", "44,50%", 6, kode="S3",
                                                                     tabel="3.5")])
    h = periksa(data)
    assert di(h, "E5") == []
    t = satu(h, "E6")
    assert (t.kategori, t.seharusnya) == ("capaian_sasaran", "44,31%")


def test_capaian_sasaran_batas_rata_rata():
    # issue 12: 85,6 / 40 = 214 and 40 / 40 = 100; mean 157; with Batas Atas Capaian Sasaran 120 the mean is
    # (120 + 100) / 2 = 110, while the indicator itself stays 214 (its own capaian row is clean)
    data = buat([ind("IK1", "S3"), ind("IK2", "S3")],
                [real("IK1", 2020, "40", "85,6"), real("IK2", 2020, "40", "40", baris=6)],
                [lap("capaian_sasaran", "110,00%", 5, kode="S3"), lap("capaian_sasaran", "157,00%", 6, kode="S3"),
                 lap("capaian_sasaran", "150,00%", 7, kode="S3"), lap("capaian", "214,00", 8)],
                batas_atas_sasaran="120")
    h = periksa(data)
    assert di(h, "E5") == [] and di(h, "E8") == []
    t = satu(h, "E6")
    assert (t.tingkat, t.kategori, t.seharusnya) == (PERINGATAN, "batas_capaian", "110,00%")
    t = satu(h, "E7")
    assert (t.tingkat, t.kategori, t.seharusnya) == (GALAT, "capaian_sasaran", "110,00%")
    assert "tanpa batas itu 157,00" in t.uraian
    hasil = hitung(data)
    assert hasil.sasaran[0].capaian == D("110.00")
    assert [hi.capaian for hi in hasil.sasaran[0].indikator] == [D("214.00"), D("100.00")]


def test_keterangan_dan_predikat():
    # 85,6 / 40 = 214: Ket "Telah melampaui target", predikat sakip3 "Melebihi Target"
    data = buat([ind()], [real("IK1", 2020, "40", "85,6")],
                [lap("keterangan", "Telah melampaui target", 5), lap("keterangan", "Telah mencapai target", 6,
                                                                     tabel="LAMPIRAN"),
                 lap("predikat", "Melebihi Target", 7), lap("predikat", "Tidak Tercapai", 8, tabel="LAMPIRAN"),
                 lap("keterangan", "Capaian Tahun 2019", 9, tabel="Ikhtisar")])
    h = periksa(data)
    assert di(h, "E5") == [] and di(h, "E7") == []
    assert satu(h, "E6").kategori == "keterangan" and satu(h, "E8").kategori == "predikat"
    assert di(h, "E9") == [] and any("E9 " in s for s in h.tidak_dipahami)  # a note, not a Ket sentence


def test_keterangan_ikut_capaian_tertulis():
    # the table prints capaian 95 (wrong: 214) and, beside it, the Ket for 95: one finding, on the capaian
    data = buat([ind()], [real("IK1", 2020, "40", "85,6")],
                [lap("capaian", "95%", 5), lap("keterangan", "Perlu upaya lebih dalam mencapai target", 6)])
    h = periksa(data)
    assert [t.sel for t in h.temuan] == ["E5"] and "E6" in h.temuan[0].uraian


ANGGARAN = dict(
    anggaran=[Anggaran(2020, "IK1", isi("872835500", "C5"), isi("701535079", "D5"), Lokasi("Anggaran", 5)),
              Anggaran(2020, "IK2", isi("530779000", "C6"), isi("523706488", "D6"), Lokasi("Anggaran", 6))],
    program=[Program(2020, "1", "Program A", isi("872835500", "D5"), "S1", "IK1", lokasi=Lokasi("Program", 5)),
             Program(2020, "2", "Program B", isi("199947000", "D6"), "S2", "IK2", lokasi=Lokasi("Program", 6)),
             Program(2020, "3", "Program C", isi("330832000", "D7"), "S2", "IK2", lokasi=Lokasi("Program", 7))],
)


def _anggaran(dilaporkan, belanja=True, **ubah):
    kw = {**ANGGARAN, **ubah}
    bel = [Belanja(2020, "Belanja Tidak Langsung", isi("6420275353", "C5"), isi("5661716880", "D5"),
                   Lokasi("Belanja", 5)),
           Belanja(2020, "Belanja Langsung", isi("1403614500", "C6"), isi("1225241567", "D6"),
                   Lokasi("Belanja", 6))] if belanja else []
    return buat([ind("IK1", "S1"), ind("IK2", "S2")],
                [real("IK1", 2020, "40", "40"), real("IK2", 2020, "40", "40", baris=6)], dilaporkan,
                belanja=bel, **kw)


def test_anggaran_baris_program_dan_total():
    # BL pagu 872.835.500 + 530.779.000 = 1.403.614.500; realisasi 701.535.079 + 523.706.488 = 1.225.241.567
    # serapan BL 1.225.241.567 / 1.403.614.500 x 100 = 87,29
    h = periksa(_anggaran([
        lap("pagu", "872,835,500", 5, tabel="3.6"), lap("realisasi_anggaran", "701,535,079", 6, tabel="3.6"),
        lap("pagu", "872,835,000", 7, tabel="D"),
        lap("pagu_program", "Rp 199,947,000", 8, kode="IK2", tabel="PK"),
        lap("pagu_program", "Rp 330,832,000", 9, kode="IK2", tabel="PK"),
        lap("pagu_program", "Rp 330,000,000", 10, kode="IK2", tabel="PK2"),
        lap("pagu_bl", "Rp. 1.403.614.500", 11, kode="", tabel="Ikhtisar"),
        lap("serapan_bl", "87,29%", 12, kode="", tabel="Ikhtisar"),
        lap("serapan_bl", "87,30%", 13, kode="", tabel="D2"),
        lap("pagu_total", "Rp. 7.823.889.853", 14, kode="", tabel="Ikhtisar"),  # 6.420.275.353 + 1.403.614.500
    ]))
    assert {t.sel for t in h.temuan} == {"E7", "E10", "E13"}, [t.teks() for t in h.temuan]
    assert (satu(h, "E7").seharusnya, satu(h, "E7").selisih) == ("872.835.500", "-500")
    assert satu(h, "E10").kategori == "anggaran"  # 330.000.000 is no IK2 program's pagu
    assert satu(h, "E13").kategori == "serapan"


def test_anggaran_total_tabel():
    # no Belanja rows: pagu_btl cannot be checked against data; the table's own BTL + BL must make its total
    h = periksa(_anggaran([
        lap("pagu_btl", "Rp 6.420.275.353", 5, kode="", tabel="D"),
        lap("pagu_bl", "Rp 1.403.614.500", 6, kode="", tabel="D"),
        lap("pagu_total", "Rp 7.823.889.853", 7, kode="", tabel="D"),
        lap("pagu_btl", "Rp 6.420.275.353", 8, kode="", tabel="E"),
        lap("pagu_bl", "Rp 1.403.614.500", 9, kode="", tabel="E"),
        lap("pagu_total", "Rp 7.900.000.000", 10, kode="", tabel="E"),
    ], belanja=False))
    assert [t.sel for t in h.temuan] == ["E10"]
    assert h.temuan[0].kategori == "jumlah_anggaran" and h.temuan[0].seharusnya == "Rp 7.823.889.853"


def test_anggaran_total_tanpa_belanja():
    # issue 12: no Belanja rows and no Belanja Tidak Langsung stated: the totals are the Anggaran sums
    # pagu 872.835.500 + 530.779.000 = 1.403.614.500; realisasi 701.535.079 + 523.706.488 = 1.225.241.567;
    # serapan 1.225.241.567 / 1.403.614.500 x 100 = 87,2917... -> 87,29
    benar = periksa(_anggaran([
        lap("pagu_total", "Rp 1.403.614.500", 5, kode="", tabel="Ikhtisar"),
        lap("realisasi_anggaran_total", "Rp 1.225.241.567", 6, kode="", tabel="Ikhtisar"),
        lap("serapan_total", "87,29%", 7, kode="", tabel="Ikhtisar"),
    ], belanja=False))
    kosong(benar)
    assert benar.tidak_dipahami == [], benar.tidak_dipahami
    salah = periksa(_anggaran([
        lap("pagu_total", "Rp 1.403.000.000", 5, kode="", tabel="Ikhtisar"),
        lap("serapan_total", "88,00%", 7, kode="", tabel="Ikhtisar"),
    ], belanja=False))
    t = satu(salah, "E5")
    assert (t.kategori, t.tingkat, t.seharusnya) == ("anggaran", PERINGATAN, "Rp 1.403.614.500")
    assert "sheet Belanja" in t.saran and "jumlah sheet Anggaran" in t.uraian
    assert satu(salah, "E7").seharusnya == "87,29%"
    # a stated Belanja Tidak Langsung means the total holds spending the Anggaran rows lack: not checked
    btl = periksa(_anggaran([
        lap("pagu_btl", "Rp 6.420.275.353", 5, kode="", tabel="D"),
        lap("pagu_total", "Rp 7.823.889.853", 7, kode="", tabel="D"),
    ], belanja=False))
    kosong(btl)
    assert any("E7" in x and "tidak diperiksa" in x for x in btl.tidak_dipahami), btl.tidak_dipahami


def test_anggaran_data():
    # IK2's programs 199.947.000 + 330.832.000 = 530.779.000 = its pagu; change one program: a warning
    assert [t for t in periksa(_anggaran([])).temuan] == []
    prog = list(ANGGARAN["program"])
    prog[2] = Program(2020, "3", "Program C", isi("330000000", "D7"), "S2", "IK2", lokasi=Lokasi("Program", 7))
    h = periksa(_anggaran([], program=prog))
    kat = {(t.sheet, t.sel, t.kategori, t.tingkat) for t in h.temuan}
    assert ("Anggaran", "C6", "anggaran_data", PERINGATAN) in kat  # 530.779.000 vs 529.947.000
    assert ("Belanja", "C6", "anggaran_data", PERINGATAN) in kat  # programs sum 1.402.782.500 vs BL


def test_kumulatif_menurun():
    down = buat([ind(tipe="kumulatif")], [real("IK1", 2018, "69,93", "89,93", baris=5),
                                           real("IK1", 2019, "73,63", "44,00", baris=6)])
    t = satu(periksa(down), "E5:E6", "Realisasi")
    assert (t.tingkat, t.kategori) == (PERINGATAN, "kumulatif_menurun")
    up = buat([ind(tipe="kumulatif")], [real("IK1", 2018, "69,93", "44,00", baris=5),
                                         real("IK1", 2019, "73,63", "89,93", baris=6)])
    kosong(periksa(up))
    flat = buat([ind(tipe="non_kumulatif")], [real("IK1", 2018, "69,93", "89,93", baris=5),
                                               real("IK1", 2019, "73,63", "44,00", baris=6)])
    kosong(periksa(flat))


def test_realisasi_data_dan_hitungan():
    # typed 0,05 beside counts that give (270 + 275) / 1.264.373 x 100 = 0,0431 -> 0,04
    h = periksa(_wub([], realisasi_2018="0,05"))
    t = satu(h, "E6", "Realisasi")
    assert (t.kategori, t.seharusnya) == ("realisasi_komponen", "0,04")
    kosong(periksa(_wub([], realisasi_2018="0,04")))


def test_struktur():
    data = buat([ind("IK1", "S1"), ind("IK2", "S2"), ind("IK3", "S2")],
                [real("IK1", 2020, "1", "1")],
                [lap("jumlah_sasaran", "2", 5, kode=""), lap("jumlah_sasaran", "3", 6, kode=""),
                 lap("jumlah_indikator", "3", 7, kode=""), lap("jumlah_indikator", "5", 8, kode=""),
                 lap("jumlah_indikator", "2", 9, kode="S2"), lap("jumlah_indikator", "2", 10, kode="S1")])
    h = periksa(data)
    assert {t.sel for t in h.temuan} == {"E6", "E8", "E10"}
    assert all(t.kategori == "struktur" and t.tingkat == GALAT for t in h.temuan)


def test_tahun_laporan():
    h = periksa(buat([ind()], [], [lap("tahun_laporan", "2019", 5, kode="", tahun=2019),
                                   lap("tahun_laporan", "2020", 6, kode="")]))
    assert [(t.sel, t.tingkat) for t in h.temuan] == [("E5", PERINGATAN)]


def test_penyebut():
    data = buat([ind(penyebut="1000", tipe="kumulatif")], [real("IK1", 2020, "12,5", None, "130")],
                [lap("penyebut", "1000", 5, tabel="Ikhtisar"), lap("penyebut", "1.100", 6, tabel="Teks")])
    h = periksa(data)
    assert [t.sel for t in h.temuan] == ["E6"] and h.temuan[0].seharusnya == "1.000"


def test_notasi():
    data = buat([ind()], [real("IK1", 2020, "69,93", "89,93")],
                [lap("target", "69,93", 5, tabel="3.2"), lap("realisasi", "89.93%", 6, tabel="3.2"),
                 lap("target", "69,93", 7, tabel="3.3"), lap("realisasi", "89,93", 8, tabel="3.3")])
    h = periksa(data)
    assert [(t.sel, t.kategori, t.tingkat) for t in h.temuan] == [("E5, E6", "notasi", INFO)]


def test_skala_info():
    h = periksa(buat([ind()], [], skala_sasaran="permendagri54"))
    t = satu(h, "B11", "Pengaturan")
    assert (t.tingkat, t.kategori) == (INFO, "skala_predikat") and "90,00" in t.uraian
    kosong(periksa(buat([ind()], [])))


def test_kode_tidak_dikenal_dan_kosong():
    h = periksa(buat([ind()], [], [lap("capaian", "100", 5, kode="IK9")]))
    assert h.temuan == [] and any("IK9" in s for s in h.tidak_dipahami)
    h = periksa(buat([ind()], []))
    assert any("kosong" in s for s in h.tidak_dipahami)


def test_urutan_tingkat():
    """Findings come galat first, then peringatan, then info."""
    data = buat([ind()], [real("IK1", 2020, "70,80", "44,44")],
                [lap("capaian", "62,76", 5), lap("capaian", "50", 6, tabel="X"),
                 lap("tahun_laporan", "2019", 7, kode="", tahun=2019)], skala_sasaran="permendagri54")
    urut = [t.tingkat for t in periksa(data).temuan]
    assert urut == sorted(urut, key=[GALAT, PERINGATAN, INFO].index) and urut[0] == GALAT and urut[-1] == INFO


def test_daftar_satu_cek_per_besaran():
    """The one table of checks (lakip_xl.laporan.periksa.daftar.DAFTAR): every stated figure kind of the
    Dilaporkan sheet has exactly one check; the data sheets' own checks run last, in this order."""
    from lakip_xl.laporan.periksa.daftar import DAFTAR, TAHAP
    from lakip_xl.sumber.model import BESARAN

    besaran = [c.besaran for c in DAFTAR if c.besaran is not None]
    assert sorted(besaran) == sorted(BESARAN)  # each kind once, none unknown
    assert {c.tahap for c in DAFTAR} == set(TAHAP)
    assert [c.fungsi.__name__ for c in DAFTAR if c.tahap == TAHAP[-1]] == [
        "cek_kumulatif_menurun", "cek_realisasi_data", "cek_anggaran_data", "cek_skala"]


# ==================================================================================================
# The Pemeriksaan sheet


def test_lembar_pemeriksaan(hasil_sampel):
    sh = lembar_pemeriksaan(hasil_sampel, 2020)
    assert sh.name == SHEET_PEMERIKSAAN and valid_sheet_name(sh.name)
    assert "2020" in sh.cells[(1, 1)].value
    assert sh.cells[(3, 1)].value == "Ringkasan: 22 galat, 6 peringatan, 9 info."
    header = [sh.cells[(6, c)].value for c in range(1, 11)]
    assert header == ["No", "Tingkat", "Kategori", "Sheet", "Sel", "Uraian", "Dinyatakan", "Seharusnya",
                      "Selisih", "Saran"]
    rows = [r for (r, c), cell in sh.cells.items() if c == 1 and isinstance(cell.value, int)]
    assert len(rows) == len(hasil_sampel.temuan)
    warna = {}
    for r in rows:
        tingkat = sh.cells[(r, 2)].value
        warna.setdefault(tingkat, set()).add(sh.cells[(r, 2)].style.fill)
    assert set(warna) == {"Galat", "Peringatan", "Info"}
    assert all(len(v) == 1 for v in warna.values()) and len({next(iter(v)) for v in warna.values()}) == 3
    first = rows[0]
    assert sh.cells[(first, 7)].value == hasil_sampel.temuan[0].dinyatakan
    assert sh.col_widths[6] >= 60 and sh.freeze == "A7"


def test_lembar_tanpa_temuan():
    sh = lembar_pemeriksaan(Hasil(form=FORM, berkas="x.xlsx"), None)
    teks = [c.value for c in sh.cells.values() if isinstance(c.value, str)]
    assert "Ringkasan: 0 galat, 0 peringatan, 0 info." in teks
    assert any(t.startswith("Tidak ada temuan") for t in teks)
    assert "TAHUN" not in sh.cells[(1, 1)].value

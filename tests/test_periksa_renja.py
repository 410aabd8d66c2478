"""periksa_renja on the real Permendagri 86/2017 "Evaluasi Renja" workbook (tests/data, never edited:
always copied into tmp_path first), on a synthetic form laid out at other columns, and on inputs that
are not the form at all. Expected figures come from the sample's cells read by hand (see each comment),
or from hand arithmetic on the synthetic form; never from this code's own output."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from decimal import Decimal

import pytest

from lakip_xl.errors import BerkasError
from lakip_xl.laporan.periksa.renja import FORM, jenis_satuan, periksa_renja
from lakip_xl.laporan.periksa.temuan import GALAT, INFO, PERINGATAN, Hasil, Temuan, format_hasil

SHEET = "Realisasi TW IV"


def _angka(teks: str) -> Decimal:
    """Read a figure as the findings write it: Indonesian style, optional "Rp " / "%" / "+"."""
    s = teks.replace("Rp", "").replace("%", "").replace("+", "").strip()
    return Decimal(s.replace(".", "").replace(",", "."))


@pytest.fixture(scope="module")
def sampel(tmp_path_factory, data):
    src = data / "evaluasi_renja_2025.xlsx"
    dst = tmp_path_factory.mktemp("renja") / "evaluasi_renja_2025.xlsx"
    shutil.copyfile(src, dst)
    return dst


@pytest.fixture(scope="module")
def hasil(sampel) -> Hasil:
    return periksa_renja(sampel)


def _di(hasil: Hasil, sel: str) -> list[Temuan]:
    return [t for t in hasil.temuan if t.sel == sel]


# ------------------------------------------------------------------------------------- the real sample


def test_sampel_dikenali_tanpa_mengubah_berkas(sampel):
    before = hashlib.sha256(sampel.read_bytes()).hexdigest()
    h = periksa_renja(sampel)
    assert h.dikenali and h.form == FORM
    assert h.berkas == "evaluasi_renja_2025.xlsx"
    assert h.ada_galat
    assert hashlib.sha256(sampel.read_bytes()).hexdigest() == before  # read only, never saved


# The two rows of domain.md section 3, found by hand in the sample (dump of the sheet with
# python-calamine, formulas read with openpyxl read_only):
#   row 14: H14 "Persentase Tertib Pelaporan Capaian Kinerja, ...", I14 "%", J14 = 100 (target Renstra,
#           column 6), L14 = 100 (realisasi s/d 2024, column 7), AB14 = 100 (realisasi 2025, column 13),
#           AD14 = 200 with formula =L14+AB14 (column 14), AF14 = 200 with =(AD14/J14)*100 (column 15).
#   row 23: H23 "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN", I23 "Orang / Bulan", J23 = 45,
#           L23 = 580, AB23 = 45, AD23 = 625 (=L23+AB23), AF23 = 625 / 45 x 100 = 1388.888...
# Non-cumulative rule, by hand: s/d = last value = AB; capaian = AB / J x 100:
#   row 14: 100 and 100 / 100 x 100 = 100; row 23: 45 and 45 / 45 x 100 = 100.
# columns: cell, kategori, stated, should be, difference
KASUS_200_1388 = [
    ("AD14", "kumulatif_bukan_jumlah", "200", "100", "100"),
    ("AF14", "capaian_dari_jumlah", "200", "100", "100"),
    ("AD23", "kumulatif_bukan_jumlah", "625", "45", "580"),
    ("AF23", "capaian_dari_jumlah", "1388.89", "100", "1288.89"),  # 1388.888... rounded half-up
]


@pytest.mark.parametrize("sel, kategori, dinyatakan, seharusnya, selisih", KASUS_200_1388)
def test_baris_200_dan_1388_persen(hasil, sel, kategori, dinyatakan, seharusnya, selisih):
    found = [t for t in _di(hasil, sel) if t.kategori == kategori]
    assert len(found) == 1, [t.teks() for t in hasil.temuan if t.sel == sel]
    t = found[0]
    assert t.sheet == SHEET
    assert t.tingkat == GALAT
    assert _angka(t.dinyatakan) == Decimal(dinyatakan)
    assert _angka(t.seharusnya) == Decimal(seharusnya)
    assert _angka(t.selisih.split()[0]) == Decimal(selisih)


def test_temuan_200_persen_mengutip_rumus_dan_sel(hasil):
    (t,) = [t for t in _di(hasil, "AD14") if t.kategori == "kumulatif_bukan_jumlah"]
    assert "=L14+AB14" in t.uraian  # the formula read from the file
    assert "L14" in t.uraian and "AB14" in t.uraian
    assert "2024" in t.uraian and "2025" in t.uraian  # the years named in the headers
    (c,) = [t for t in _di(hasil, "AF23") if t.kategori == "capaian_dari_jumlah"]
    assert "1.388,89%" == c.dinyatakan  # Indonesian style, as users read it


# Rows whose Satuan (column I) is a level ("%", "Nilai", "Orang / Bulan") and whose L (s/d 2024) and
# AB (2025) are both non-zero, so that AD = L + AB sums two levels: read by hand from the dump of
# columns H, I, L, AB, AD. (Rows 27, 106, 107 are levels too but have L = 0 or AB = 0; rows 108 and
# 110 have no realisasi at all.)
BARIS_TINGKAT = {13, 14, 22, 23, 30, 39, 45, 55, 56, 64, 67, 70, 71, 77, 84, 92, 93, 97, 98, 101, 103}


def test_aturan_kumulatif_hanya_untuk_ukuran_tingkat(hasil):
    rows = {int(re.sub(r"[A-Z]+", "", t.sel)) for t in hasil.temuan if t.kategori == "kumulatif_bukan_jumlah"}
    assert rows == BARIS_TINGKAT
    for t in hasil.temuan:
        if t.kategori == "kumulatif_bukan_jumlah":
            assert t.sel.startswith("AD")  # column 14 of the form sits at AD in this file


def test_persentase_di_bawah_100_hanya_peringatan(hasil):
    # row 103: "Persentase Perangkat Daerah Yang Memiliki Inovasi ...", L103 = 38, AB103 = 45,
    # AD103 = 83 <= 100: summing could be right for increments over a fixed base (seed, naik kelas)
    (t,) = [t for t in _di(hasil, "AD103") if t.kategori == "kumulatif_bukan_jumlah"]
    assert t.tingkat == PERINGATAN
    # row 97: L97 = 78 + AB97 = 81.67 = 159.67 > 100: impossible for a percentage
    (t,) = [t for t in _di(hasil, "AD97") if t.kategori == "kumulatif_bukan_jumlah"]
    assert t.tingkat == GALAT


def test_rumus_yang_salah_kolom(hasil):
    # AE64 holds =M64+AF64 (AF is the capaian %, not the 2025 budget AC): by hand
    # M64 + AC64 = 81.825.657 + 96.043.226 = 177.868.883; the cell shows 81.825.657 + 192 = 81.825.849.
    (t,) = [t for t in _di(hasil, "AE64") if t.kategori == "jumlah"]
    assert t.tingkat == GALAT
    assert _angka(t.dinyatakan) == Decimal("81825849")
    assert _angka(t.seharusnya) == Decimal("177868883")
    assert "=M64+AF64" in t.uraian and "=M64+AC64" in t.saran


def test_angka_ketikan_yang_tidak_sama_dengan_jumlah_triwulan(hasil):
    # AB51 is a typed 0 although its quarters are P51 = S51 = V51 = 0 and Y51 = 35 (13 = 9+10+11+12)
    (t,) = [t for t in _di(hasil, "AB51") if t.kategori == "jumlah"]
    assert _angka(t.dinyatakan) == 0 and _angka(t.seharusnya) == 35
    assert "angka ketikan" in t.uraian


def test_target_nol_dicatat_sebagai_info(hasil):
    # J82 = 0 and K82 = 0: AF82 and AG82 are #DIV/0! in the file
    kinds = {(t.sel, t.kategori, t.tingkat) for t in hasil.temuan if t.sel in ("AF82", "AG82")}
    assert kinds == {("AF82", "target_nol", INFO), ("AG82", "target_nol", INFO)}


def test_setiap_temuan_menyebut_sheet_dan_sel(hasil):
    for t in hasil.temuan:
        assert t.sheet == SHEET
        m = re.fullmatch(r"([A-Z]{1,2})([1-9]\d*)", t.sel)
        assert m, t.sel
        assert 11 <= int(m.group(2)) <= 113  # data rows of the form (signature block from row 116)
        assert m.group(1) <= "AG" or len(m.group(1)) == 1  # numbered columns end at AG
        assert t.uraian and t.dinyatakan
        assert "\n" not in t.teks()


def test_yang_tidak_dipahami_dilaporkan(hasil):
    teks = "\n".join(hasil.tidak_dipahami)
    for row in (108, 109, 110, 111, 112):  # indicators with a target and no realisasi at all
        assert f"baris {row} " in teks
    assert "I40" in teks and "Unir" in teks  # unit typo
    assert "H13" in teks  # two indicators in one cell
    assert "AH, AI, AJ" in teks  # figures outside the numbered columns
    assert "baris 11 ('UNSUR PENUNJANG URUSAN PEMERINTAHAN')" in teks  # urusan row, no indicator
    assert "Lubuk Pakam" not in teks  # the signature block is not data


def test_format_hasil_dan_json(hasil):
    out = format_hasil(hasil)
    assert out.splitlines()[1] == f"Formulir: {FORM}"
    assert "sel AF23" in out and "1.388,89%" in out
    d = json.loads(json.dumps(hasil.to_dict()))
    assert d["dikenali"] is True and d["ada_galat"] is True
    assert d["ringkasan"][GALAT] == sum(1 for t in hasil.temuan if t.tingkat == GALAT)
    assert {"kategori", "sheet", "sel", "uraian", "dinyatakan", "seharusnya", "selisih", "tingkat"} <= set(
        d["temuan"][0])


# ------------------------------------------------------------------------------------- broken inputs


def test_salinan_terpotong_memberi_berkaserror(sampel, tmp_path):
    rusak = tmp_path / "terpotong.xlsx"
    data = sampel.read_bytes()
    rusak.write_bytes(data[: len(data) // 2])
    with pytest.raises(BerkasError, match="Berkas bukan buku kerja Excel yang utuh") as ei:
        periksa_renja(rusak)
    assert ei.value.masalah.berkas == "terpotong.xlsx"
    assert ei.value.masalah.saran


@pytest.mark.parametrize("isi", [b"", b"bukan excel sama sekali", b"PK\x03\x04" + b"\0" * 40])
def test_berkas_bukan_buku_kerja(tmp_path, isi):
    p = tmp_path / "aneh.xlsx"
    p.write_bytes(isi)
    with pytest.raises(BerkasError, match="Berkas bukan buku kerja Excel yang utuh"):
        periksa_renja(p)


def test_zip_yang_bukan_xlsx(tmp_path):
    import zipfile

    p = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("catatan.txt", "halo")
    with pytest.raises(BerkasError, match="Berkas bukan buku kerja Excel yang utuh"):
        periksa_renja(p)


def test_berkas_tidak_ada(tmp_path):
    with pytest.raises(BerkasError, match="Berkas 'tidak_ada.xlsx' tidak ditemukan") as ei:
        periksa_renja(tmp_path / "tidak_ada.xlsx")
    assert "tidak ditemukan" in str(ei.value)


def test_buku_kerja_lain_tidak_dikenali(tmp_path):
    import xlsxwriter

    p = tmp_path / "lain.xlsx"
    wb = xlsxwriter.Workbook(p)
    ws = wb.add_worksheet("Data")
    ws.write_row(0, 0, ["No", "Indikator", "Target", "Realisasi"])
    ws.write_row(1, 0, [1, "Persentase koperasi aktif", 77.33, 34.67])
    ws.write_row(2, 0, [2, "Nilai AKIP", "B", "B"])
    pk = wb.add_worksheet("PK")  # a numbered header row 1..4 only: a PK table, not the Renja form
    pk.write_row(0, 0, ["No", "Sasaran", "Indikator", "Target"])
    pk.write_row(1, 0, [1, 2, 3, 4])
    wb.close()
    h = periksa_renja(p)
    assert not h.dikenali and h.form == ""
    assert h.temuan == [] and not h.ada_galat
    assert "baris judul bernomor" in h.tidak_dipahami[0]
    assert "'Data'" in h.tidak_dipahami[0] and "'PK'" in h.tidak_dipahami[0]
    assert "tidak dikenali" in format_hasil(h)


def test_baris_bernomor_tanpa_kolom_renja(tmp_path):
    import xlsxwriter

    p = tmp_path / "bernomor.xlsx"
    wb = xlsxwriter.Workbook(p)
    ws = wb.add_worksheet("Rekap")
    ws.write_row(0, 0, ["No", "Kode", "Uraian", "Pagu", "Realisasi", "Sisa", "Serapan", "Ket", "PJ", "Catatan"])
    ws.write_row(1, 0, list(range(1, 11)))  # numbered 1..10, but no quarters / realisasi s/d columns
    ws.write_row(2, 0, [1, "1.01", "Belanja", 100, 90, 10, 90, "", "", ""])
    wb.close()
    h = periksa_renja(p)
    assert not h.dikenali and h.temuan == []
    assert any("bukan formulir Evaluasi Renja" in s and "baris 2" in s for s in h.tidak_dipahami)


# ------------------------------------------------------------------------------------- a synthetic form


def _form_sintetis(path):
    """The original Permendagri 86/2017 numbering (no Satuan between 3 and 5 here: Satuan is column 4,
    Target Renstra 5 ... Capaian 14), placed from column C, "K/Rp" labels ABOVE the number row, plain
    numbers with no equations (so the standard algebra applies). Figures are typed, not formulas."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("TW IV 2024")
    ws.write("C2", "No")
    ws.write("D2", "Program/Kegiatan")
    ws.write("E2", "Indikator Kinerja Program (outcome)/ Kegiatan (output)")
    ws.write("F2", "Satuan")
    heads = [
        ("G2:H2", "Target Renstra SKPD pada Tahun 2026 (Akhir Periode Renstra SKPD)"),
        ("I2:J2", "Realisasi Capaian Kinerja Renstra SKPD sampai dengan Renja SKPD Tahun Lalu (2023)"),
        ("K2:L2", "Target Kinerja dan Anggaran Renja SKPD Tahun Berjalan (2024) yang Dievaluasi"),
        ("M2:T2", "Realisasi Kinerja Pada Triwulan"),
        ("U2:V2", "Realisasi Capaian Kinerja dan Anggaran Renja SKPD yang Dievaluasi"),
        ("W2:X2", "Realisasi Kinerja dan Anggaran Renstra SKPD s/d Tahun 2024"),
        ("Y2:Z2", "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra SKPD s/d Tahun 2024 (%)"),
    ]
    for rng, text in heads:
        ws.merge_range(rng, text)
    for rng, text in (("M3:N3", "I"), ("O3:P3", "II"), ("Q3:R3", "III"), ("S3:T3", "IV")):
        ws.merge_range(rng, text)
    for c in range(6, 26):  # G..Z: K, Rp alternating
        ws.write(3, c, "K" if c % 2 == 0 else "Rp.")
    nomor_kol = [2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]  # C D E F G I K M O Q S U W Y
    for n, c in enumerate(nomor_kol, 1):
        ws.write_number(4, c, n)

    # columns: no, indikator, satuan, G target Renstra, I s/d lalu, K target tahun, quarters M O Q S,
    #          U (sum of quarters), W (= I + U), Y (= W / G x 100)
    rows = [
        # row 6: %, one quarter filled; W = 60 + 100 = 160, Y = 160 / 100 x 100 = 160
        (1, "Persentase dokumen tepat waktu", "%", 100, 60, 100, [0, 0, 0, 100], 100, 160, 160),
        # row 7: index reported per quarter as levels; U = 79+80+81+82 = 322, W = 78 + 322 = 400,
        #        Y = 400 / 80 x 100 = 500
        (2, "Indeks Kepuasan Masyarakat", "Indeks", 80, 78, 80, [79, 80, 81, 82], 322, 400, 500),
        # row 8: a count with a cumulative end target (5 > 1 a year): no finding
        (3, "Jumlah laporan evaluasi", "Laporan", 5, 3, 1, [0, 0, 0, 1], 1, 4, 80),
        # row 9: a count whose end target (1) equals one year's target (1): W = 1 + 1, Y = 200
        (4, "Jumlah dokumen Renja", "Dokumen", 1, 1, 1, [0, 0, 0, 1], 1, 2, 200),
        # row 10: no unit, the name says ratio: W = 0.3 + 0.28 = 0.58, Y = 0.58 / 0.3 x 100 = 193.33...
        (5, "Rasio belanja pegawai", "", 0.3, 0.3, 0.3, [0, 0, 0, 0.28], 0.28, 0.58, 0.58 / 0.3 * 100),
        # row 11: text where the Renstra target belongs; Y left blank (Excel would show #VALUE!)
        (6, "Jumlah kegiatan", "Kegiatan", "lima", 2, 5, [1, 1, 1, 2], 5, 7, None),
        # row 12: a typed capaian that does not follow: 6 / 10 x 100 = 60, typed 70
        (7, "Jumlah dokumen kajian", "Dokumen", 10, 4, 2, [0, 1, 0, 1], 2, 6, 70),
        # row 13: a typed capaian rounded to 2 decimals: 2 / 3 x 100 = 66.6666..., typed 66.67
        (8, "Jumlah naskah akademik", "Naskah", 3, 1, 1, [0, 0, 0, 1], 1, 2, 66.67),
    ]
    for i, (no, ind, sat, g, lalu, k, tw, u, w, y) in enumerate(rows):
        r = 5 + i
        ws.write(r, 2, no)
        ws.write(r, 3, "Program X")
        ws.write(r, 4, ind)
        if sat:
            ws.write(r, 5, sat)
        ws.write(r, 6, g)
        ws.write(r, 8, lalu)
        ws.write(r, 10, k)
        for q, v in zip((12, 14, 16, 18), tw):
            ws.write(r, q, v)
        ws.write(r, 20, u)
        ws.write(r, 22, w)
        if y is not None:
            ws.write(r, 24, y)
    ws.write("S16", "Kepala Dinas")  # signature text in a numeric column, after the data
    wb.close()


@pytest.fixture(scope="module")
def sintetis(tmp_path_factory) -> Hasil:
    p = tmp_path_factory.mktemp("sintetis") / "renja_sintetis.xlsx"
    _form_sintetis(p)
    return periksa_renja(p)


# columns: cell, kategori, tingkat, stated, should be (hand arithmetic from the rows above)
SINTETIS = [
    ("W6", "kumulatif_bukan_jumlah", GALAT, "160", "100"),
    ("Y6", "capaian_dari_jumlah", GALAT, "160", "100"),  # 100 / 100 x 100
    ("U7", "triwulan_dijumlah", PERINGATAN, "322", "82"),  # last quarter S7
    ("W7", "kumulatif_bukan_jumlah", GALAT, "400", "82"),
    ("Y7", "capaian_dari_jumlah", GALAT, "500", "102.5"),  # 82 / 80 x 100
    ("Y9", "target_akhir_tahunan", PERINGATAN, "200", None),
    ("W10", "kumulatif_bukan_jumlah", GALAT, "0.58", "0.28"),
    ("Y10", "capaian_dari_jumlah", GALAT, "193.33", "93.33"),  # 0.28 / 0.3 x 100 = 93.333...
    ("Y12", "capaian", GALAT, "70", "60"),  # 6 / 10 x 100
    ("Y13", "rounding", INFO, "66.67", "66.666667"),  # 2 / 3 x 100 shown to 6 decimals
]


def test_form_sintetis_dikenali_dari_nomor_bukan_huruf(sintetis):
    assert sintetis.form == FORM
    got = {(t.sel, t.kategori) for t in sintetis.temuan}
    assert got == {(s, k) for s, k, *_ in SINTETIS}, [t.teks() for t in sintetis.temuan]


@pytest.mark.parametrize("sel, kategori, tingkat, dinyatakan, seharusnya", SINTETIS)
def test_form_sintetis_angka(sintetis, sel, kategori, tingkat, dinyatakan, seharusnya):
    (t,) = [t for t in sintetis.temuan if t.sel == sel and t.kategori == kategori]
    assert t.sheet == "TW IV 2024"
    assert t.tingkat == tingkat
    assert _angka(t.dinyatakan) == Decimal(dinyatakan)
    if seharusnya is None:
        assert t.seharusnya == ""
    else:
        assert _angka(t.seharusnya) == Decimal(seharusnya)


def test_form_sintetis_tidak_dipahami(sintetis):
    teks = "\n".join(sintetis.tidak_dipahami)
    assert "sel G11: teks 'lima' di kolom angka" in teks
    assert "sel F10: satuan kosong" in teks
    assert "Kepala Dinas" not in teks


# ------------------------------------------------------------------------------------- units and records

# columns: satuan, indikator, expected jenis
SATUAN = [
    ("%", "", "persen"),
    ("Persen", "", "persen"),
    ("100,00 Persen", "", "persen"),
    ("0,9 Angka", "", "indeks"),
    ("Nilai", "", "indeks"),
    ("Indeks", "", "indeks"),
    ("Rasio", "", "indeks"),
    ("Predikat", "", "indeks"),
    ("Orang / Bulan", "", "laju"),
    ("orang/bulan", "", "laju"),
    ("Orang per Tahun", "", "laju"),
    ("OB", "", "laju"),
    ("Orang", "Jumlah Orang yang Dibina", "hitungan"),
    ("Dok", "", "hitungan"),
    ("Lap", "", "hitungan"),
    ("Berita Acara", "", "hitungan"),
    ("Kerja Sama", "", "hitungan"),
    ("Unir", "", "hitungan"),  # unknown unit: treated as a count, reported as tak dikenal
    ("", "Persentase Tertib Pelaporan", "persen"),
    ("", "1. Nilai LHE AKIP", "indeks"),
    ("", "Jumlah Laporan", "hitungan"),
    ("", "Pembinaan UMKM", ""),
    (None, None, ""),
]


@pytest.mark.parametrize("satuan, indikator, jenis", SATUAN)
def test_jenis_satuan(satuan, indikator, jenis):
    assert jenis_satuan(satuan, indikator)[0] == jenis


def test_jenis_satuan_tak_dikenal():
    assert jenis_satuan("Unir") == ("hitungan", "tak dikenal")


def test_temuan_satu_baris_dan_tingkat_sah():
    t = Temuan(kategori="capaian", sheet="S", sel="B2", uraian="Baris\npertama.", dinyatakan="200%",
               seharusnya="100%", selisih="+100 poin persen", tingkat=PERINGATAN, saran="Perbaiki.")
    assert t.teks() == ("PERINGATAN sheet 'S', sel B2: Baris pertama. Tertulis 200%; seharusnya 100% "
                        "(selisih +100 poin persen). Perbaikan: Perbaiki.")
    assert Temuan(kategori="x", sheet="", sel="", uraian="u", dinyatakan="").teks() == "GALAT: u"
    with pytest.raises(ValueError, match="tingkat must be one of"):
        Temuan(kategori="x", sheet="S", sel="A1", uraian="u", dinyatakan="1", tingkat="fatal")
    h = Hasil(form="F", temuan=[t])
    assert not h.ada_galat and h.jumlah(PERINGATAN) == 1

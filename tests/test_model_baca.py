"""The workbook reader (lakip_xl.sumber.baca) on tiny workbooks built with XlsxWriter in tmp_path.

Each test builds a minimal valid workbook, changes one thing, and checks that the reader finds it:
the right sheet, the right cell (A1 address from the real row and column), the right level (galat or
peringatan) and a fix in Bahasa Indonesia. Expected numbers come from the seed
(../shared/seeds/000_5e1f9a626bd17cc4.txt): 1.264.373 productive-age residents, "0,14%", "BB".
"""

from __future__ import annotations

import zipfile
from decimal import Decimal as D
from pathlib import Path

import pytest
import xlsxwriter

from lakip_xl.errors import GALAT, PERINGATAN, BerkasError, InputError
from lakip_xl.sumber.baca import SumberCalamine, SumberData, baca_data, baca_workbook
from lakip_xl.sumber.model import DataLakip, Isian

PENGATURAN = [["Pengaturan", "Nilai"], ["Instansi", "Dinas Uji"], ["Tahun Laporan", 2020],
              ["Awal Renstra", 2016], ["Akhir Renstra", 2021]]
IND_HDR = ["Kode Sasaran", "Sasaran Strategis", "Kode Indikator", "Indikator Kinerja", "Satuan", "Polaritas",
           "Tipe Penghitungan", "Skala Nilai", "Penyebut", "Target Renstra"]
# Kode Sasaran, Sasaran Strategis, Kode Indikator, Indikator Kinerja, Satuan, Polaritas, Tipe, Skala Nilai,
# Penyebut, Target Renstra
IND_ROWS = [
    ["S1", "Sasaran satu", "IK1", "Nilai evaluasi AKIP", "", "huruf", "Non Kumulatif", "akip", None, "BB"],
    ["S2", "Sasaran dua", "IK2", "Persentase wirausaha baru", "%", "positif", "Kumulatif", None, 1264373, "0,17"],
]
REAL_HDR = ["Kode Indikator", "Tahun", "Triwulan", "Target", "Realisasi", "Jumlah", "Catatan"]
# Kode Indikator, Tahun, Triwulan, Target, Realisasi, Jumlah, Catatan
REAL_ROWS = [
    ["IK1", 2020, None, "B", "B", None, None],
    ["IK2", 2019, None, "0,11", None, 275, None],
    ["IK2", 2020, None, "0,14%", None, 475, "s/d TW IV"],
]


def lembar(hdr, rows):
    return [list(hdr)] + [list(r) for r in rows]


def tulis(path: Path, sheets: dict[str, list[list]], *, merge: dict[str, str] | None = None,
          asal: dict[str, tuple[int, int]] | None = None) -> Path:
    """Write sheets (lists of rows) with XlsxWriter; `asal` moves a sheet's block to (row, col)."""
    wb = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        r0, c0 = (asal or {}).get(name, (0, 0))
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, str):
                    ws.write_string(r0 + r, c0 + c, v)
                else:
                    ws.write_number(r0 + r, c0 + c, v)
        if merge and name in merge:
            ws.merge_range(merge[name], None)
    wb.close()
    return path


def buku(tmp_path, *, pengaturan=None, indikator=None, realisasi=None, lain=None, nama="uji.xlsx", **kw):
    sheets = {"Pengaturan": pengaturan if pengaturan is not None else PENGATURAN,
              "Indikator": indikator if indikator is not None else lembar(IND_HDR, IND_ROWS),
              "Realisasi": realisasi if realisasi is not None else lembar(REAL_HDR, REAL_ROWS)}
    sheets.update(lain or {})
    sheets = {k: v for k, v in sheets.items() if v is not False}
    return tulis(tmp_path / nama, sheets, **kw)


def galat(path) -> list:
    with pytest.raises(InputError, match="masalah pada data kerja") as e:
        baca_workbook(path)
    return e.value.daftar


def satu(daftar, sheet: str, sel: str, tingkat: str = GALAT):
    hits = [m for m in daftar if m.sheet == sheet and m.sel == sel and m.tingkat == tingkat]
    assert hits, f"no {tingkat} at {sheet}!{sel} in: " + "\n".join(m.teks() for m in daftar)
    return hits[0]


# --- a valid workbook ------------------------------------------------------------------------------

def test_valid_workbook_values_text_and_cells(tmp_path):
    data = baca_workbook(buku(tmp_path))
    assert isinstance(data, DataLakip)
    assert data.berkas == "uji.xlsx"
    p = data.pengaturan
    assert (p.instansi, p.tahun, p.awal_renstra, p.akhir_renstra) == ("Dinas Uji", 2020, 2016, 2021)
    assert p.kebijakan.skala_predikat == "sakip3" and p.kebijakan.metode_negatif == "selisih"  # defaults
    ik1, ik2 = data.indikator
    assert (ik1.kode, ik1.polaritas, ik1.tipe, ik1.skala_nilai) == ("IK1", "huruf", "non_kumulatif", "akip")
    assert ik1.target_renstra == Isian("BB", "BB", "J2", True)  # grade stays text
    assert ik2.penyebut == D("1264373") and ik2.tipe == "kumulatif"
    assert ik2.target_renstra.nilai == D("0.17") and ik2.target_renstra.teks == "0,17"
    assert ik2.lokasi.sheet == "Indikator" and ik2.lokasi.baris == 3
    r = data.baris("IK2", 2020)
    assert r.target == Isian(D("0.14"), "0,14%", "D4", True)  # parsed value, as typed, cell
    assert r.jumlah.nilai == D(475) and r.jumlah.teks == "475" and r.jumlah.sel == "F4"
    assert r.realisasi.kosong and r.realisasi.sel == "E4"
    assert r.catatan == "s/d TW IV" and r.triwulan is None
    assert data.baris("IK1", 2020).realisasi.nilai == "B"
    assert [s.kode for s in data.sasaran()] == ["S1", "S2"]
    assert data.peringatan == []


def test_moved_table_with_user_columns_gives_real_addresses(tmp_path):
    # the Realisasi table starts at C8 and the user added a column "Penanggung Jawab" in the middle
    hdr = ["Kode Indikator", "Tahun", "Penanggung Jawab", "Target", "Realisasi"]
    rows = [["IK2", 2020, "Bidang PUM", "abc", None]]
    path = buku(tmp_path, realisasi=[["Catatan bebas di atas tabel"]] + lembar(hdr, rows),
                asal={"Realisasi": (6, 2)})
    m = satu(galat(path), "Realisasi", "F9")  # Target is the 4th column from C (F), data row 9
    assert "abc" in m.pesan and m.saran


def test_sumber_protocol_in_memory():
    # the xlwings adapter only has to give sheet names and rows of values
    class Memori:
        nama = "terbuka.xlsm"

        def __init__(self, sheets):
            self._s = sheets

        def sheet_names(self):
            return list(self._s)

        def rows(self, sheet):
            return self._s[sheet]

    src = Memori({"Pengaturan": PENGATURAN, "Indikator": lembar(IND_HDR, IND_ROWS),
                  "Realisasi": lembar(REAL_HDR, REAL_ROWS)})
    assert isinstance(src, SumberData)
    data = baca_data(src)
    assert data.berkas == "terbuka.xlsm" and len(data.realisasi) == 3


def test_sample_rows_end_at_first_empty_row(tmp_path):
    rows = lembar(REAL_HDR, REAL_ROWS) + [[None], ["IK9", 2020, None, "1", "1"]]  # below a blank row: not data
    data = baca_workbook(buku(tmp_path, realisasi=rows))
    assert len(data.realisasi) == 3


# --- missing structure -----------------------------------------------------------------------------

def test_missing_sheet(tmp_path):
    m = [x for x in galat(buku(tmp_path, realisasi=False)) if "Realisasi" in x.pesan][0]
    assert "tidak ada" in m.pesan and "template" in m.saran


def test_missing_table(tmp_path):
    path = buku(tmp_path, realisasi=[["hanya catatan"], ["tanpa tabel"]])
    m = [x for x in galat(path) if x.sheet == "Realisasi"][0]
    assert "Tabel tidak ditemukan" in m.pesan and "'Kode Indikator'" in m.pesan


def test_missing_column(tmp_path):
    hdr = [h for h in IND_HDR if h != "Polaritas"]
    rows = [[v for h, v in zip(IND_HDR, r) if h != "Polaritas"] for r in IND_ROWS]
    m = satu(galat(buku(tmp_path, indikator=lembar(hdr, rows))), "Indikator", "1:1")
    assert "'Polaritas'" in m.pesan and "'Polaritas'" in m.saran


def test_header_match_ignores_case_and_spaces(tmp_path):
    hdr = ["  kode   INDIKATOR", "tahun", "Triwulan", "TARGET", "realisasi", "Jumlah", "Catatan"]
    data = baca_workbook(buku(tmp_path, realisasi=lembar(hdr, REAL_ROWS)))
    assert len(data.realisasi) == 3


# --- bad values ------------------------------------------------------------------------------------

def test_text_not_a_number(tmp_path):
    rows = [list(r) for r in REAL_ROWS]
    rows[1][3] = "sebelas"
    m = satu(galat(buku(tmp_path, realisasi=lembar(REAL_HDR, rows))), "Realisasi", "D3")
    assert "'sebelas'" in m.pesan and m.saran


def test_grade_on_a_numeric_indicator_suggests_huruf(tmp_path):
    rows = [list(r) for r in REAL_ROWS]
    rows[2][3] = "B"
    m = satu(galat(buku(tmp_path, realisasi=lembar(REAL_HDR, rows))), "Realisasi", "D4")
    assert "huruf" in m.saran


def test_unknown_grade_lists_the_scale(tmp_path):
    rows = [list(r) for r in REAL_ROWS]
    rows[0][4] = "Z"
    m = satu(galat(buku(tmp_path, realisasi=lembar(REAL_HDR, rows))), "Realisasi", "E2")
    assert "AA" in m.saran and "CC" in m.saran


def test_blank_required_cell(tmp_path):
    rows = [list(r) for r in REAL_ROWS]
    rows[1][0] = None
    m = satu(galat(buku(tmp_path, realisasi=lembar(REAL_HDR, rows))), "Realisasi", "A3")
    assert "Kode Indikator" in m.pesan and "kosong" in m.pesan


def test_dash_is_missing_with_a_warning(tmp_path):
    rows = [list(r) for r in REAL_ROWS]
    rows[0][4] = "-"
    data = baca_workbook(buku(tmp_path, realisasi=lembar(REAL_HDR, rows)))
    assert data.baris("IK1", 2020).realisasi == Isian(None, "-", "E2", True)
    m = satu(data.peringatan, "Realisasi", "E2", PERINGATAN)
    assert "bukan nol" in m.pesan


def test_zero_target_is_a_warning(tmp_path):
    rows = [list(r) for r in REAL_ROWS]
    rows[1][3] = 0
    data = baca_workbook(buku(tmp_path, realisasi=lembar(REAL_HDR, rows)))
    m = satu(data.peringatan, "Realisasi", "D3", PERINGATAN)
    assert "n/a" in m.pesan and "Target Nol" in m.saran


# column, bad value, cell, a value the message must list
PILIHAN_SALAH = [
    ("Polaritas", "naik", "F3", "'negatif'"),
    ("Tipe Penghitungan", "tahunan", "G3", "'Non Kumulatif'"),
    ("Skala Nilai", "bintang", "H2", "'opini_bpk'"),
]


@pytest.mark.parametrize("kolom,nilai,sel,harus", PILIHAN_SALAH)
def test_unknown_drop_down_value_lists_allowed(tmp_path, kolom, nilai, sel, harus):
    rows = [list(r) for r in IND_ROWS]
    rows[int(sel[1:]) - 2][IND_HDR.index(kolom)] = nilai
    m = satu(galat(buku(tmp_path, indikator=lembar(IND_HDR, rows))), "Indikator", sel)
    assert f"'{nilai}'" in m.pesan and harus in m.saran


def test_tipe_synonyms_from_renstra_tables(tmp_path):
    rows = [list(r) for r in IND_ROWS]
    rows[0][6] = "non kumulatif"  # as the seed's Renstra table writes it
    rows[1][6] = "KUMULATIF"
    data = baca_workbook(buku(tmp_path, indikator=lembar(IND_HDR, rows)))
    assert [i.tipe for i in data.indikator] == ["non_kumulatif", "kumulatif"]


def test_unknown_setting_value_lists_allowed(tmp_path):
    peng = PENGATURAN + [["Metode Negatif", "kebalikan"]]
    m = satu(galat(buku(tmp_path, pengaturan=peng)), "Pengaturan", "B6")
    assert "'selisih'" in m.saran and "'rasio'" in m.saran


def test_settings_build_the_kebijakan(tmp_path):
    peng = PENGATURAN + [["Pembulatan", "Potong (TRUNC)"], ["Target Nol", "100"], ["Batas Atas Capaian", 120],
                         ["Skala Predikat Indikator", "permendagri86"], ["Jumlah Desimal", 3]]
    k = baca_workbook(buku(tmp_path, pengaturan=peng)).pengaturan.kebijakan
    assert (k.pembulatan, k.target_nol, k.batas_atas, k.skala_predikat, k.desimal) == \
        ("truncate", "100", D(120), "permendagri86", 3)


def test_batas_settings(tmp_path):
    # issue 12: the floor is 0 by default (an empty cell too), "tanpa" turns it off; the averaging cap is
    # its own setting; "akip" still reads as a predikat scale, with a warning that it grades an LKE score
    k = baca_workbook(buku(tmp_path, pengaturan=PENGATURAN)).pengaturan.kebijakan
    assert (k.batas_bawah, k.batas_atas_sasaran) == (D(0), None)
    peng = PENGATURAN + [["Batas Bawah Capaian", "Tanpa"], ["Batas Atas Capaian Sasaran", 120],
                         ["Skala Predikat Sasaran", "akip"]]
    data = baca_workbook(buku(tmp_path, pengaturan=peng))
    k = data.pengaturan.kebijakan
    assert (k.batas_bawah, k.batas_atas_sasaran, k.skala_sasaran) == (None, D(120), "akip")
    m = [x for x in data.peringatan if "akip" in x.pesan]
    assert len(m) == 1 and "LKE" in m[0].pesan and "NILAI_AKIP" in m[0].saran and m[0].sheet == "Pengaturan"
    peng = PENGATURAN + [["Batas Bawah Capaian", ""]]
    assert baca_workbook(buku(tmp_path, pengaturan=peng)).pengaturan.kebijakan.batas_bawah == D(0)


def test_batas_dan_efisiensi_salah_menyebut_selnya(tmp_path):
    # a word where a bound belongs gets the setting's own fix (a number or 'tanpa'); crossed efisiensi
    # bounds name the cell of the setting the rule names first
    peng = PENGATURAN + [["Batas Bawah Capaian", "nol"], ["Batas Efisien", 0], ["Batas Cukup Efisien", 5]]
    masalah = galat(buku(tmp_path, pengaturan=peng))
    a = next(x for x in masalah if "Batas Bawah Capaian" in x.pesan)
    assert "'nol', bukan angka" in a.pesan and "'tanpa'" in a.saran and "huruf" not in a.saran
    assert a.sheet == "Pengaturan" and a.sel == f"B{len(PENGATURAN) + 1}"  # the first row added below the 5
    b = next(x for x in masalah if "Batas Cukup Efisien (5)" in x.pesan)
    assert b.sheet == "Pengaturan" and b.sel == f"B{len(PENGATURAN) + 3}"  # Batas Cukup Efisien, named first


def test_required_setting_missing(tmp_path):
    peng = [r for r in PENGATURAN if r[0] != "Akhir Renstra"]
    m = [x for x in galat(buku(tmp_path, pengaturan=peng)) if "Akhir Renstra" in x.pesan][0]
    assert m.sheet == "Pengaturan" and "belum diisi" in m.pesan


def test_duplicate_kode_indikator(tmp_path):
    rows = [list(r) for r in IND_ROWS]
    rows[1][2] = "ik1"  # case-insensitive
    m = satu(galat(buku(tmp_path, indikator=lembar(IND_HDR, rows))), "Indikator", "C3")
    assert "dua kali" in m.pesan and "C2" in m.pesan


def test_duplicate_year_row(tmp_path):
    rows = REAL_ROWS + [["IK2", 2020, None, "0,14", None, 1, None]]
    m = satu(galat(buku(tmp_path, realisasi=lembar(REAL_HDR, rows))), "Realisasi", "A5")
    assert "dua kali" in m.pesan


def test_realisasi_for_unknown_indicator(tmp_path):
    rows = REAL_ROWS + [["IK9", 2020, None, "1", "1", None, None]]
    m = satu(galat(buku(tmp_path, realisasi=lembar(REAL_HDR, rows))), "Realisasi", "A5")
    assert "'IK9'" in m.pesan and "IK1" in m.saran


def test_year_outside_renstra(tmp_path):
    rows = REAL_ROWS + [["IK2", 2015, None, "0,05", None, 10, None]]
    m = satu(galat(buku(tmp_path, realisasi=lembar(REAL_HDR, rows))), "Realisasi", "B5")
    assert "2016-2021" in m.pesan


def test_formula_without_cached_value(tmp_path):
    path = buku(tmp_path)
    # rewrite E3 (Realisasi of IK2 2019) as a formula with no <v>, as openpyxl saves formulas
    tmp = tmp_path / "rumus.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet3.xml":
                data = data.replace(b'<c r="F3">', b'<c r="E3"><f>F3/1264373*100</f></c><c r="F3">')
            zout.writestr(item, data)
    m = satu(galat(tmp), "Realisasi", "E3")
    assert "rumus" in m.pesan and "Excel" in m.saran


def test_merged_cells_inside_a_table(tmp_path):
    m = satu(galat(buku(tmp_path, merge={"Indikator": "A2:A3"})), "Indikator", "A2:A3")
    assert "gabungan" in m.pesan and "Unmerge" in m.saran


def test_merged_title_above_a_table_is_fine(tmp_path):
    rows = [["Judul"], [None]] + lembar(IND_HDR, IND_ROWS)
    data = baca_workbook(buku(tmp_path, indikator=rows, merge={"Indikator": "A1:F1"}))
    assert len(data.indikator) == 2


def test_decreasing_kumulatif_series_is_a_warning(tmp_path):
    # the seed's koperasi aktif: 89,93 (2018) -> 44,00 (2019) -> 34,67 (2020), typed Kumulatif
    ind = lembar(IND_HDR, IND_ROWS + [["S3", "Sasaran tiga", "IK3", "Persentase koperasi aktif", "%", "positif",
                                       "Kumulatif", None, None, "81,04"]])
    rows = REAL_ROWS + [["IK3", 2018, None, "69,93", "89,93", None, None],
                        ["IK3", 2019, None, "73,63", "44,00", None, None],
                        ["IK3", 2020, None, "77.33%", "34,67", None, None]]
    data = baca_workbook(buku(tmp_path, indikator=ind, realisasi=lembar(REAL_HDR, rows)))
    assert data.baris("IK3", 2020).realisasi.nilai == D("34.67")  # the sync goes on
    m1 = satu(data.peringatan, "Realisasi", "E6", PERINGATAN)
    satu(data.peringatan, "Realisasi", "E7", PERINGATAN)
    assert "menurun" in m1.pesan and "Non Kumulatif" in m1.saran


def test_all_problems_reported_at_once(tmp_path):
    rows = [list(r) for r in REAL_ROWS]
    rows[0][4] = "Z"  # bad grade
    rows[1][3] = "sebelas"  # not a number
    rows[2][1] = 2030  # outside the Renstra
    daftar = galat(buku(tmp_path, realisasi=lembar(REAL_HDR, rows)))
    assert {m.sel for m in daftar if m.tingkat == GALAT} >= {"E2", "D3", "B4"}
    assert all(m.berkas == "uji.xlsx" for m in daftar)


def test_not_a_workbook_is_berkas_error(tmp_path):
    p = tmp_path / "bukan.xlsx"
    p.write_text("bukan buku kerja")
    with pytest.raises(BerkasError, match="tidak dapat dibaca sebagai buku kerja Excel") as e:
        baca_workbook(p)
    assert "bukan.xlsx" in str(e.value)


def test_sumber_calamine_reports_merges_and_formulas(tmp_path):
    path = buku(tmp_path, merge={"Indikator": "A2:A3"})
    s = SumberCalamine(path)
    assert s.merged_ranges("Indikator") == [(1, 0, 2, 0)]
    assert s.rumus_tanpa_nilai("Indikator") == set()


def test_reader_and_rules_accept_the_same_words():
    # One table of spellings: whatever the rules (and so the UDFs) accept, the reader accepts too.
    from lakip_xl.aturan.capaian import SINONIM_POLARITAS, parse_polaritas
    from lakip_xl.aturan.kumulatif import SINONIM_TIPE, parse_tipe
    from lakip_xl.sumber import model as m
    from lakip_xl.sumber.baca import cocokkan

    for teks in list(SINONIM_POLARITAS) + ["Nilai Huruf", "Tren-Negatif", "POSITIF"]:
        assert cocokkan(teks, m.POLARITAS_LABEL, m.POLARITAS_SINONIM) == parse_polaritas(teks), teks
    for teks in list(SINONIM_TIPE) + ["Non-Kumulatif", "Nilai Akhir", "rata2"]:
        assert cocokkan(teks, m.TIPE_LABEL, m.TIPE_SINONIM) == parse_tipe(teks), teks
    assert cocokkan("naik", m.POLARITAS_LABEL, m.POLARITAS_SINONIM) is None


def test_isian_reader_form_equals_constructor_form_and_stays_frozen():
    """The reader keeps an address as column letters + 0-based row (Isian.di); it must behave exactly
    like the plain frozen value it replaced: same sel, equality, hash, repr, no assignment, pickling."""
    import copy
    import dataclasses
    import pickle

    a = Isian.di(D("0.14"), "0,14%", "D", 3, True)
    b = Isian(D("0.14"), "0,14%", "D4", True)
    assert a.sel == "D4" and a == b and hash(a) == hash(b) and repr(a) == repr(b)
    assert repr(b) == "Isian(nilai=Decimal('0.14'), teks='0,14%', sel='D4', dari_teks=True)"
    assert a != Isian.di(D("0.14"), "0,14%", "D", 4, True) and a != ("0.14",)
    assert Isian().sel == "" and Isian() == Isian(None, "", "", False)
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'nilai'"):
        a.nilai = D(1)
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'teks'"):
        del b.teks
    for x in (a, b, Isian()):
        assert pickle.loads(pickle.dumps(x)) == x and copy.deepcopy(x) == x and copy.copy(x) == x
    assert {a: 1}[b] == 1


def test_rekaman_cepat_sama_dengan_init_dataclass():
    # the records' faster __init__ (model.rekaman_cepat) takes the same arguments as the dataclass's
    # own and gives the same record: every field set, defaults, frozen, equal and hashed alike
    import dataclasses

    from lakip_xl.laporan.hitung import HasilIndikator, NilaiTahun
    from lakip_xl.sumber.model import Anggaran, Indikator, Lokasi, RealisasiBaris, rekaman_cepat

    for cls in (Lokasi, RealisasiBaris, Anggaran, Indikator, NilaiTahun, HasilIndikator):
        fs = dataclasses.fields(cls)
        wajib = [f for f in fs if f.default is dataclasses.MISSING]
        nilai = {f.name: f"nilai {i}" for i, f in enumerate(wajib)}
        x = cls(**nilai)
        asli = dataclasses.make_dataclass("Asli", [(f.name, object, f) for f in fs], frozen=True)
        y = asli(**nilai)
        assert [getattr(x, f.name) for f in fs] == [getattr(y, f.name) for f in fs]
        assert x == cls(*nilai.values()) and hash(x) == hash(cls(**nilai))
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(x, fs[0].name, 1)
        with pytest.raises(TypeError):
            cls(*list(nilai.values())[:-1])  # a required argument missing
        with pytest.raises(TypeError):
            cls(**nilai, tidak_ada=1)

    @dataclasses.dataclass(frozen=True, slots=True)
    class DenganPabrik:
        daftar: list = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="plain fields"):
        rekaman_cepat(DenganPabrik)

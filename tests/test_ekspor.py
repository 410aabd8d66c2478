"""lakip_xl.surel.ekspor: a values-only .xlsx copy, safe to e-mail.

Every exported package goes through periksa_keamanan. Expected numbers come from the rules called
directly (lakip_xl.aturan.capaian / predikat) or from hand computation noted beside them; the LibreOffice
proof opens the copy in a real spreadsheet application forced to recalculate on load.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

xlsxwriter = pytest.importorskip("xlsxwriter")
pytest.importorskip("pyopenvba")
from python_calamine import CalamineWorkbook  # noqa: E402

from lakip_xl import sync  # noqa: E402
from lakip_xl.aturan.capaian import capaian  # noqa: E402
from lakip_xl.aturan.nilai import NA, bulatkan  # noqa: E402
from lakip_xl.aturan.predikat import predikat  # noqa: E402
from lakip_xl.berkas import libreoffice  # noqa: E402
from lakip_xl.errors import BerkasError  # noqa: E402
from lakip_xl.excel import vba  # noqa: E402
from lakip_xl.surel import ekspor as ek  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "workbooks" / "contoh_depok_2020.xlsx"
FIDELITY = ROOT / "tests" / "data" / "fidelity" / "fidelity_excelish.xlsm"
TEKS_JAHAT = '=HYPERLINK("http://contoh.invalid/x","klik")'


def isi(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def nama_bagian(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as z:
        return set(z.namelist())


def tipe_workbook(path: Path) -> str:
    ct = isi(path, "[Content_Types].xml").decode()
    return re.search(r'PartName="/xl/workbook.xml" ContentType="([^"]+)"', ct).group(1)


def sel_xml(path: Path, sheet_part: str, ref: str) -> str:
    xml = isi(path, sheet_part).decode()
    m = re.search(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', xml)
    return m.group(0) if m else ""


# --------------------------------------------------------------------------------------------------
# Workbooks


def _ekspor(asal: Path, **kw):
    sebelum = asal.read_bytes()
    hasil = ek.ekspor(asal, **kw)
    assert asal.read_bytes() == sebelum  # the original is only read
    return hasil


@pytest.fixture(scope="module")
def depok(tmp_path_factory):
    folder = tmp_path_factory.mktemp("depok")
    asal = folder / "contoh_depok_2020.xlsx"
    shutil.copy2(CONTOH, asal)
    return asal, _ekspor(asal)


@pytest.fixture(scope="module")
def xlsm(tmp_path_factory):
    """A macro-enabled workbook as lakip_xl builds it (tambah_vba: VBA, xlwings.conf, button), with
    CAPAIAN formulas whose cached values are deliberately WRONG or missing, and a user's text that
    looks like a formula."""
    folder = tmp_path_factory.mktemp("xlsm")
    asal = folder / "kecil.xlsm"
    wb = xlsxwriter.Workbook(str(asal))
    beranda = wb.add_worksheet("Beranda")
    beranda.write("A1", "Contoh")
    data = wb.add_worksheet("Realisasi")
    data.write_row("A1", ["Target", "Realisasi", "Capaian", "Predikat", "Catatan"])
    data.write_row("A2", [80, 100])
    data.write_formula("C2", "=CAPAIAN(A2,B2)", None, 999)  # wrong
    data.write_formula("D2", "=PREDIKAT(C2)", None, "salah")  # wrong
    data.write_string("A3", "0,14%")
    data.write_string("B3", "0,1")
    data.write_formula("C3", "=CAPAIAN(A3,B3)", None, "")  # missing
    data.write_formula("D3", "=PREDIKAT(C3)", None, "")
    data.write_string("E2", TEKS_JAHAT)  # a user's text: must stay text
    data.write_formula("F2", "=A2+B2", None, 180)  # a native formula: stays a formula
    vba.tambah_vba(wb, beranda, "B6")
    lain = wb.add_worksheet("Ditambah")
    lain.write("A1", 1)
    wb.define_name("Ditambah!Lokal", "=Ditambah!$A$1")  # local to the sheet after xlwings.conf
    wb.define_name("KonfUDF", "='xlwings.conf'!$B$1")  # refers to the sheet that goes
    wb.define_name("Target", "=Realisasi!$A$2:$A$3")
    wb.close()
    return asal, _ekspor(asal)


@pytest.fixture(scope="module")
def fidelity(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fidelity")
    asal = folder / "fidelity_excelish.xlsm"
    shutil.copyfile(FIDELITY, asal)
    return asal, _ekspor(asal)


@pytest.fixture(scope="module")
def semua(depok, xlsm, fidelity):
    return {"depok": depok, "xlsm": xlsm, "fidelity": fidelity}


# --------------------------------------------------------------------------------------------------
# Every export


@pytest.mark.parametrize("nama", ["depok", "xlsm", "fidelity"])
def test_keluaran_bawaan_dan_tipe_konten(semua, nama):
    asal, hasil = semua[nama]
    assert hasil.keluar == asal.with_name(asal.stem + "_ekspor.xlsx")
    assert hasil.ditulis == [hasil.keluar]
    assert tipe_workbook(hasil.keluar) == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    assert not any(p.name.startswith(".") for p in asal.parent.iterdir())  # no temp file left behind


@pytest.mark.parametrize("nama", ["depok", "xlsm", "fidelity"])
def test_pemeriksaan_keamanan_bersih(semua, nama):
    asal, hasil = semua[nama]
    assert ek.periksa_keamanan(hasil.keluar, asli=asal) == []
    assert ek.periksa_keamanan(hasil.keluar) == []


@pytest.mark.parametrize("nama", ["depok", "xlsm", "fidelity"])
def test_dibuka_tanpa_rumus_lakip(semua, nama):
    _, hasil = semua[nama]
    for name in nama_bagian(hasil.keluar):
        if name.startswith("xl/worksheets/sheet"):
            formulas = re.findall(r"<f[^>]*>([^<]*)</f>", isi(hasil.keluar, name).decode())
            assert not [f for f in formulas if re.search(r"CAPAIAN|PREDIKAT", f, re.I)], name


# --------------------------------------------------------------------------------------------------
# The sample workbook


def nilai_aturan_contoh(path: Path) -> dict[str, object]:
    """Realisasi!Gn / Hn by the rules, from the sheet's target and realisasi (E of count rows as its
    formula defines it: ROUND(sum of Jumlah up to that year / Penyebut x 100, 2); seed IK2 2020:
    (100 + 114) / 250 = 85.6)."""
    wb = CalamineWorkbook.from_path(str(path))
    real = wb.get_sheet_by_name("Realisasi").to_python(skip_empty_area=False)
    ind = wb.get_sheet_by_name("Indikator").to_python(skip_empty_area=False)
    penyebut = {r[2]: r[8] for r in ind[4:] if r[2]}
    out = {}
    for i, r in enumerate(real[4:], start=5):
        kode, tahun, _, target, realisasi, jumlah = r[:6]
        if jumlah not in ("", None) and penyebut.get(kode) not in ("", None):
            total = sum(Decimal(str(x[5])) for x in real[4:]
                        if x[0] == kode and x[1] <= tahun and x[2] in ("", None) and x[5] not in ("", None))
            realisasi = float(bulatkan(total / Decimal(str(penyebut[kode])) * 100, 2))
        c = capaian(target or None, realisasi if realisasi != "" else None)
        out[f"G{i}"] = "n/a" if isinstance(c, NA) else float(c)
        out[f"H{i}"] = predikat(c).label
    return out


def test_contoh_nilai_sama_dengan_aturan(depok):
    asal, hasil = depok
    harapan = nilai_aturan_contoh(asal)
    rows = CalamineWorkbook.from_path(str(hasil.keluar)).get_sheet_by_name("Realisasi").to_python(
        skip_empty_area=False)
    dapat = {f"{kol}{i}": rows[i - 1][idx] for i in range(5, 28) for kol, idx in (("G", 6), ("H", 7))}
    assert dapat == harapan
    assert hasil.rumus_diganti == hasil.rumus_lakip == 46


def test_contoh_sel_jadi_nilai_rumus_asli_tetap(depok):
    _, hasil = depok
    part = "xl/worksheets/sheet4.xml"  # Realisasi
    assert sel_xml(hasil.keluar, part, "G5") == '<c r="G5" s="8"><v>133.33</v></c>'
    assert sel_xml(hasil.keluar, part, "H5") == '<c r="H5" s="5" t="inlineStr"><is><t>Melebihi Target</t></is></c>'
    assert sel_xml(hasil.keluar, part, "G8") == '<c r="G8" s="8" t="inlineStr"><is><t>n/a</t></is></c>'
    assert "<f>ROUND(SUMIFS(tblRealisasi[Jumlah]" in sel_xml(hasil.keluar, part, "E8")  # native: kept


def test_contoh_bagian_lain_utuh(depok):
    asal, hasil = depok
    before, after = nama_bagian(asal), nama_bagian(hasil.keluar)
    assert before == after
    for name in before - {"xl/worksheets/sheet4.xml", "docProps/core.xml"}:
        assert isi(asal, name) == isi(hasil.keluar, name), name
    core = isi(hasil.keluar, "docProps/core.xml").decode()
    assert "<dc:creator>" not in core and "<cp:lastModifiedBy>" not in core
    assert "<dc:title>Data Kerja LAKIP</dc:title>" in core


def test_path_pribadi_dibersihkan(tmp_path):
    """Excel's x15ac:absPath and any document property holding a path are removed."""
    asal = tmp_path / "berpath.xlsx"
    abs_path = ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
                '<mc:Choice Requires="x15"><x15ac:absPath xmlns:x15ac="http://schemas.microsoft.com/office/'
                'spreadsheetml/2010/11/ac" url="C:\\Users\\budi\\Documents\\"/></mc:Choice></mc:AlternateContent>')
    with zipfile.ZipFile(CONTOH) as zin, zipfile.ZipFile(asal, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b"<bookViews>", abs_path.encode() + b"<bookViews>")
            elif item.filename == "docProps/core.xml":
                data = data.replace(b"Dibuat oleh lakip_xl", b"Disalin dari D:\\Arsip\\LAKIP\\2020.xlsx")
            zout.writestr(item, data)
    hasil = ek.ekspor(asal)
    wbxml = isi(hasil.keluar, "xl/workbook.xml").decode()
    core = isi(hasil.keluar, "docProps/core.xml").decode()
    assert "absPath" not in wbxml and "budi" not in wbxml and "<bookViews>" in wbxml
    assert "Arsip" not in core and "<dc:title>Data Kerja LAKIP</dc:title>" in core


# --------------------------------------------------------------------------------------------------
# The macro-enabled workbook


def test_xlsm_nilai_benar_bukan_nilai_tersimpan(xlsm):
    _, hasil = xlsm
    rows = CalamineWorkbook.from_path(str(hasil.keluar)).get_sheet_by_name("Realisasi").to_python(
        skip_empty_area=False)
    # 100 / 80 x 100 = 125 (hand), "Melebihi Target" (> 100, sakip3); the cached 999 / "salah" are wrong
    assert rows[1][2:4] == [125.0, "Melebihi Target"]
    # 0,1 / 0,14 x 100 = 71.428.. -> 71.43 (hand), "Tidak Tercapai" (< 100); the cached values were missing
    assert rows[2][2:4] == [71.43, "Tidak Tercapai"]
    assert hasil.rumus_lakip == 4


def test_xlsm_teks_pengguna_tetap_teks(xlsm):
    _, hasil = xlsm
    part = "xl/worksheets/sheet2.xml"  # Realisasi
    e2 = sel_xml(hasil.keluar, part, "E2")
    assert 't="s"' in e2 and "<f>" not in e2
    assert "<f>A2+B2</f>" in sel_xml(hasil.keluar, part, "F2")


def test_xlsm_makro_dan_konfigurasi_dihapus(xlsm):
    asal, hasil = xlsm
    assert "xl/vbaProject.bin" in nama_bagian(asal)
    parts = nama_bagian(hasil.keluar)
    assert not [p for p in parts if "vbaProject" in p or p.endswith(".vml")]
    wbxml = isi(hasil.keluar, "xl/workbook.xml").decode()
    assert re.findall(r'<sheet name="([^"]+)"', wbxml) == ["Beranda", "Realisasi", "Ditambah"]
    assert "xlwings" not in wbxml and "KonfUDF" not in wbxml
    # Ditambah moved from index 3 to 2: its local name follows it
    assert re.search(r'<definedName name="Lokal" localSheetId="2">Ditambah!\$A\$1</definedName>', wbxml)
    assert "Realisasi!$A$2:$A$3" in wbxml
    beranda = isi(hasil.keluar, "xl/worksheets/sheet1.xml").decode()
    assert "legacyDrawing" not in beranda
    ct = isi(hasil.keluar, "[Content_Types].xml").decode()
    assert "vbaProject" not in ct and "macroEnabled" not in ct
    assert "proyek VBA (makro)" in hasil.dihapus and "tombol makro" in hasil.dihapus
    assert any("xlwings.conf" in d for d in hasil.dihapus)
    with zipfile.ZipFile(hasil.keluar) as z:
        assert z.testzip() is None


# --------------------------------------------------------------------------------------------------
# The fidelity sample (add-in call, external link, button, comments, chart, customUI)


def test_fidelity_bagian_berbahaya_dihapus_sisanya_utuh(fidelity):
    asal, hasil = fidelity
    gone = nama_bagian(asal) - nama_bagian(hasil.keluar)
    # docProps/custom.xml: custom properties go whole (where offices keep a compiler's name and NIP)
    assert gone == {"xl/vbaProject.bin", "xl/ctrlProps/ctrlProp1.xml", "xl/externalLinks/externalLink1.xml",
                    "xl/externalLinks/_rels/externalLink1.xml.rels", "xl/calcChain.xml", "customUI/customUI14.xml",
                    "docProps/custom.xml"}
    assert nama_bagian(hasil.keluar) <= nama_bagian(asal)
    for name in ("xl/styles.xml", "xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/comments1.xml",
                 "xl/tables/table1.xml", "xl/media/image1.png", "xl/worksheets/sheet3.xml"):
        assert isi(asal, name) == isi(hasil.keluar, name), name
    wbxml = isi(hasil.keluar, "xl/workbook.xml").decode()
    assert "externalReferences" not in wbxml
    data = isi(hasil.keluar, "xl/worksheets/sheet1.xml").decode()
    assert '<mergeCell ref="J1:L1"/>' in data and "<controls>" not in data and "sparklineGroup" in data
    assert "<legacyDrawing " in data  # the comment's VML stays ...
    vml = isi(hasil.keluar, "xl/drawings/vmlDrawing1.vml")
    assert b'ObjectType="Note"' in vml and b"FmlaMacro" not in vml  # ... without the button
    assert sel_xml(hasil.keluar, "xl/worksheets/sheet1.xml", "M2") == '<c r="M2"><v>80</v></c>'  # [1]!CAPAIAN
    core = isi(hasil.keluar, "docProps/core.xml").decode()
    assert "research" not in core


# --------------------------------------------------------------------------------------------------
# The security scan finds what it must


def test_keamanan_menemukan_makro_dan_tautan(xlsm, fidelity):
    temuan = "\n".join(ek.periksa_keamanan(fidelity[0]))
    for kata in ("proyek VBA", "tautan eksternal", "fungsi lakip_xl belum diganti", "makro"):
        assert kata in temuan
    assert any("proyek VBA" in t for t in ek.periksa_keamanan(xlsm[0]))


def test_keamanan_menemukan_rumus_dari_teks_pengguna(xlsm, tmp_path):
    asal, hasil = xlsm
    rusak = tmp_path / "rusak.xlsx"
    part = "xl/worksheets/sheet2.xml"
    with zipfile.ZipFile(hasil.keluar) as zin, zipfile.ZipFile(rusak, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:  # what a careless writer does with the user's text in E2
                xml = data.decode()
                lama = sel_xml(hasil.keluar, part, "E2")
                data = xml.replace(lama, '<c r="E2"><f>=HYPERLINK("http://contoh.invalid/x","klik")</f></c>').encode()
            zout.writestr(item, data)
    temuan = ek.periksa_keamanan(rusak, asli=asal)
    assert any("teks pengguna" in t and "E2" in t for t in temuan)
    assert any("tidak ada di buku kerja asli" in t and "E2" in t for t in temuan)


# --------------------------------------------------------------------------------------------------
# Refusals and the PDF without LibreOffice


def test_tidak_menimpa_asli(depok):
    asal, _ = depok
    with pytest.raises(BerkasError, match="tidak boleh sama"):
        ek.ekspor(asal, asal)
    with pytest.raises(BerkasError, match="tidak boleh sama"):
        ek.ekspor(asal, asal.parent / "." / asal.name)


def test_keluaran_harus_xlsx(depok, tmp_path):
    asal, _ = depok
    with pytest.raises(BerkasError, match=r"\.xlsx"):
        ek.ekspor(asal, tmp_path / "hasil.xlsm")
    assert not (tmp_path / "hasil.xlsm").exists()


@pytest.fixture(scope="module")
def tersinkron(tmp_path_factory):
    """The sample with its summary sheets (lakip_xl.sync), for the PDF."""
    asal = tmp_path_factory.mktemp("sinkron") / "laporan.xlsx"
    shutil.copy2(CONTOH, asal)
    sync.sinkron(asal, backups=0)
    return asal


def test_pdf_tanpa_libreoffice_xlsx_tetap_ditulis(tersinkron, tmp_path, monkeypatch):
    monkeypatch.setattr(libreoffice, "soffice", lambda: None)
    hasil = ek.ekspor(tersinkron, tmp_path / "kirim.xlsx", pdf=True)
    assert hasil.keluar.exists() and hasil.pdf is None
    assert isinstance(hasil.galat_pdf, libreoffice.LibreOfficeError)
    assert "LibreOffice tidak terpasang" in hasil.ringkasan()
    assert not (tmp_path / "kirim.pdf").exists()


def test_pdf_tanpa_sheet_ringkasan_diberi_tahu(depok, tmp_path):
    asal, _ = depok
    hasil = ek.ekspor(asal, tmp_path / "x.xlsx", pdf=True)
    assert hasil.pdf is None and any("sheet ringkasan" in p for p in hasil.peringatan)


# --------------------------------------------------------------------------------------------------
# Proof in a real spreadsheet application (LibreOffice, recalculation forced on load)


def _csv(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


@pytest.fixture(scope="module")
def csv_lo(depok, tmp_path_factory):
    asal, hasil = depok
    out = tmp_path_factory.mktemp("lo")
    return (_csv(libreoffice.csv_per_sheet(hasil.keluar, out / "ekspor", hitung_ulang=True)["Realisasi"]),
            _csv(libreoffice.csv_per_sheet(asal, out / "asli", hitung_ulang=True)["Realisasi"]))


@pytest.mark.libreoffice
def test_libreoffice_salinan_menampilkan_angka_aturan(depok, csv_lo):
    asal, _ = depok
    harapan = nilai_aturan_contoh(asal)
    ekspor_rows, _ = csv_lo
    for i in range(5, 28):
        g, h = ekspor_rows[i - 1][6], ekspor_rows[i - 1][7]
        assert not g.startswith(("#", "Err:")) and not h.startswith(("#", "Err:"))
        want = harapan[f"G{i}"]
        assert (g == want) if isinstance(want, str) else (float(g) == want), (i, g, want)
        assert h == harapan[f"H{i}"]


@pytest.mark.libreoffice
def test_libreoffice_asli_menampilkan_name_error(csv_lo):
    _, asli_rows = csv_lo
    # measured: LibreOffice writes "#NAME?" for the unknown CAPAIAN/PREDIKAT once recalculated
    sel = [asli_rows[i - 1][c] for i in range(5, 28) for c in (6, 7)]
    assert sel == ["#NAME?"] * 46


@pytest.mark.libreoffice
@pytest.mark.slow
def test_pdf_hanya_sheet_ringkasan(tersinkron, tmp_path):
    hasil = ek.ekspor(tersinkron, tmp_path / "kirim.xlsx", pdf=True)
    assert hasil.pdf == tmp_path / "kirim.pdf" and hasil.galat_pdf is None
    teks = subprocess.run(["pdftotext", str(hasil.pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "IKHTISAR EKSEKUTIF" in teks  # the Ikhtisar sheet
    assert "Target dan Realisasi Indikator Kinerja" not in teks  # the Realisasi data sheet is not printed
    assert ek.periksa_keamanan(hasil.keluar, asli=tersinkron) == []


# --------------------------------------------------------------------------------------------------
# A hostile .xlsm: nothing live survives, and the command says what it removed and froze


def test_buku_jahat_tidak_ada_yang_hidup_di_salinan(tmp_path):
    from click.testing import CliRunner
    from fixtures.buku_rusak import NAMA_JAHAT, PRIBADI, RUMUS_JAHAT, TAUTAN_JAHAT, buku_jahat

    from lakip_xl.cli import main

    asal = buku_jahat(ROOT / "workbooks" / "contoh_depok_2020.xlsm", tmp_path / "jahat.xlsm")
    temuan_asal = "\n".join(ek.periksa_keamanan(asal))
    for kata in ("DDE/web/berkas", "merujuk buku kerja lain", "tautan ke berkas", "Manager", "properti kustom"):
        assert kata in temuan_asal  # the scan sees each kind in the original ...
    keluar = tmp_path / "salinan.xlsx"
    res = CliRunner().invoke(main, ["ekspor", str(asal), "--keluar", str(keluar)])
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    assert ek.periksa_keamanan(keluar, asli=asal) == []  # ... and nothing of it in the copy
    out = res.output
    for ref, (_, cached, _) in RUMUS_JAHAT.items():
        assert f"sel {ref}" in out  # every frozen cell is listed ...
        xml = sel_xml(keluar, "xl/worksheets/sheet1.xml", ref)
        assert "<f>" not in xml and f">{cached}<" in xml, (ref, xml)  # ... as its cached value
    for nama in NAMA_JAHAT:
        assert f"nama '{nama}'" in out
    for ref in TAUTAN_JAHAT:
        assert f"sel {ref}" in out
    assert "properti kustom dokumen (Penyusun, NIP Penyusun)" in out
    with zipfile.ZipFile(keluar) as z:
        semua = b"".join(z.read(n) for n in z.namelist())
    for teks in PRIBADI + ("lain.xlsx", "evil.example", "rahasia", "cmd|"):
        assert teks.encode() not in semua, teks
    wbxml = isi(keluar, "xl/workbook.xml").decode()
    assert "externalReferences" not in wbxml and "LainPath" not in wbxml


def test_sel_rumus_xml_membaca_atribut_dengan_kedua_tanda_kutip():
    # a cell's and a formula's attributes in double quotes, single quotes, empty, and with a prefix, as
    # Excel and other writers produce them (hand-written XML; the values are what the attributes say)
    from lakip_xl.xlsx.nilai_saja import sel_rumus_xml

    xml = (b"<x:row><x:c r='B7' s=\"\" t='str'><x:f t=\"shared\" ref='B7:B9' si='0'>A7*2</x:f>"
           b"<x:v>4</x:v></x:c><x:c r=\"B8\" s='3'><x:f t='shared' si=\"0\"/></x:c></x:row>")
    sel = list(sel_rumus_xml(xml, b"x:"))
    assert [s.attr for s in sel] == [[(b"r", b"B7"), (b"s", b""), (b"t", b"str")], [(b"r", b"B8"), (b"s", b"3")]]
    assert [s.f_attr for s in sel] == [{b"t": b"shared", b"ref": b"B7:B9", b"si": b"0"}, {b"t": b"shared", b"si": b"0"}]
    assert [s.f_teks for s in sel] == [b"A7*2", None] and [s.ref for s in sel] == ["B7", "B8"]

"""The committed macro-enabled workbooks (workbooks/template.xlsm, workbooks/contoh_depok_2020.xlsm):
the VBA project of macros/, the xlwings.conf sheet, the "Perbarui Ringkasan" button on Beranda, the same
data as the .xlsx twins, and a file sync that leaves the VBA side alone.

Expected values come from the sources of truth, not from the built files: the modules' text from
macros/*.bas, the macro name and conf values from lakip_xl.excel.vba (the contract in docs/dev/excel-side.md),
and the data from the .xlsx twins (themselves checked against the seed in tests/test_workbooks_build.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

import pytest
from python_calamine import CalamineWorkbook

pytest.importorskip("oletools.olevba")
from test_vba import modules_olevba, norm  # noqa: E402  (tests/ is on sys.path, as for test_sync_input)

from lakip_xl.errors import InputError  # noqa: E402
from lakip_xl.excel import vba  # noqa: E402
from lakip_xl.sumber.baca import baca_workbook  # noqa: E402
from lakip_xl.sumber.model import SHEET_BERANDA  # noqa: E402
from lakip_xl.sync import sinkron  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WB = ROOT / "workbooks"
MACROS = ROOT / "macros"
NAMA = ["template", "contoh_depok_2020"]
CT_MAKRO = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def bagian_sheet(path: Path, sheet: str) -> str:
    """Zip part name of a sheet, followed through workbook.xml and its relationships."""
    wbxml = part(path, "xl/workbook.xml").decode()
    rid = re.search(rf'<sheet name="{re.escape(sheet)}" sheetId="\d+"(?: state="\w+")? r:id="(rId\d+)"', wbxml)[1]
    rels = part(path, "xl/_rels/workbook.xml.rels").decode()
    target = re.search(rf'<Relationship Id="{rid}" Type="[^"]+" Target="([^"]+)"', rels)[1]
    return "xl/" + target


def vml_beranda(path: Path) -> tuple[str, str]:
    """(zip part name, text) of the VML drawing of the Beranda sheet (its legacyDrawing)."""
    sheet = bagian_sheet(path, SHEET_BERANDA)
    xml = part(path, sheet).decode()
    rid = re.search(r'<legacyDrawing r:id="(rId\d+)"/>', xml)[1]
    p = PurePosixPath(sheet)
    rels = part(path, str(p.parent / "_rels" / (p.name + ".rels"))).decode()
    target = re.search(rf'<Relationship Id="{rid}" Type="[^"]+/vmlDrawing" Target="\.\./([^"]+)"', rels)[1]
    name = "xl/" + target
    return name, part(path, name).decode()


def baris(path: Path, sheet: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def bagian_vba(path: Path) -> dict[str, bytes]:
    """The parts of the VBA side: the project, VML drawings, form-control properties."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()
                if n == "xl/vbaProject.bin" or n.endswith(".vml") or n.startswith("xl/ctrlProps/")}


@pytest.fixture(params=NAMA)
def pasangan(request) -> tuple[Path, Path]:
    """(.xlsm, .xlsx) of one committed workbook."""
    return WB / f"{request.param}.xlsm", WB / f"{request.param}.xlsx"


# --------------------------------------------------------------------------------------------------
# Package and VBA project


def test_tipe_konten_macro_enabled(pasangan):
    xlsm, xlsx = pasangan
    ct = part(xlsm, "[Content_Types].xml").decode()
    assert f'PartName="/xl/workbook.xml" ContentType="{CT_MAKRO}"' in ct
    assert 'Extension="bin" ContentType="application/vnd.ms-office.vbaProject"' in ct
    assert 'Target="vbaProject.bin"' in part(xlsm, "xl/_rels/workbook.xml.rels").decode()
    assert "macroEnabled" not in part(xlsx, "[Content_Types].xml").decode()  # the twin stays a plain .xlsx


def test_setiap_modul_terbaca_ulang_sama_dengan_sumber(pasangan):
    xlsm, _ = pasangan
    assert part(xlsm, "xl/vbaProject.bin")[:8] == bytes.fromhex("D0CF11E0A1B11AE1")  # an OLE compound file
    modules = modules_olevba(xlsm)
    for filename, name in vba.MODUL:
        source = (MACROS / filename).read_bytes().decode("cp1252")
        assert norm(modules[name]) == norm(source), name
    # one document module per sheet code name (12 sheets: 11 of the .xlsx + xlwings.conf) and the workbook
    with zipfile.ZipFile(xlsm) as z:
        sheets = [n for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
        codenames = {re.search(r'<sheetPr[^>]*codeName="([^"]+)"', z.read(n).decode())[1] for n in sheets}
    assert len(sheets) == 12
    assert set(modules) == codenames | {"ThisWorkbook"} | {name for _, name in vba.MODUL}


def test_tombol_di_beranda_terikat_ke_makro(pasangan):
    xlsm, _ = pasangan
    _, vml = vml_beranda(xlsm)
    assert vml.count("<x:ClientData ObjectType=\"Button\">") == 1
    assert f"<x:FmlaMacro>[0]!{vba.MACRO_SINKRON}</x:FmlaMacro>" in vml
    assert f">{vba.CAPTION_TOMBOL}</font>" in vml
    # the button sits in column B on the row of the Beranda line that explains it (column C)
    sheet = CalamineWorkbook.from_path(str(xlsm)).get_sheet_by_name(SHEET_BERANDA)
    r0, c0 = sheet.start  # calamine's grid starts at the first used cell
    r, c = next((r0 + i, c0 + j) for i, row in enumerate(sheet.to_python()) for j, v in enumerate(row)
                if str(v).startswith("Tombol Perbarui Ringkasan"))
    assert c == 2  # column C, beside the button
    assert re.search(rf"<x:Anchor>1, \d+, {r}, \d+, ", vml)  # VML anchor: 0-based column, offset, row


def test_beranda_menjelaskan_tombol_dan_makro(pasangan):
    xlsm, xlsx = pasangan
    teks_m = [str(c) for row in baris(xlsm, SHEET_BERANDA) for c in row if c not in ("", None)]
    teks_x = [str(c) for row in baris(xlsx, SHEET_BERANDA) for c in row if c not in ("", None)]
    tambahan = [t for t in teks_m if t not in teks_x]
    assert teks_x == [t for t in teks_m if t in teks_x]  # everything of the .xlsx, in the same order
    gabung = " ".join(tambahan)
    assert "Perbarui Ringkasan" in gabung and "makro" in gabung.lower()
    assert "Unblock" in gabung and "Properties" in gabung  # file from e-mail: Properties > Unblock


def test_sheet_xlwings_conf(pasangan):
    xlsm, _ = pasangan
    rows = baris(xlsm, vba.NAMA_SHEET_CONF)
    assert rows[0][:2] == ["UDF Modules", "lakip_xl.udf"]
    assert [r[0] for r in rows[:len(vba.KONFIGURASI_XLWINGS)]] == [k for k, _ in vba.KONFIGURASI_XLWINGS]
    assert rows[len(vba.KONFIGURASI_XLWINGS)][0] in ("", None)  # xlwings reads A1 down to the first blank
    wbxml = part(xlsm, "xl/workbook.xml").decode()
    assert re.search(r'<sheet name="xlwings\.conf" sheetId="\d+" state="hidden"', wbxml)


# --------------------------------------------------------------------------------------------------
# Same data as the .xlsx twin


def test_sheet_dan_isi_sama_dengan_xlsx(pasangan):
    xlsm, xlsx = pasangan
    wm, wx = CalamineWorkbook.from_path(str(xlsm)), CalamineWorkbook.from_path(str(xlsx))
    assert wm.sheet_names == wx.sheet_names + [vba.NAMA_SHEET_CONF]  # the conf sheet comes last
    for s in wx.sheet_names:
        if s != SHEET_BERANDA:
            assert wm.get_sheet_by_name(s).to_python() == wx.get_sheet_by_name(s).to_python(), s
    # the data sheets keep their part names, so xl/worksheets/sheet4.xml is Realisasi in both
    for s in wx.sheet_names:
        assert bagian_sheet(xlsm, s) == bagian_sheet(xlsx, s)


def tanpa_berkas(data):
    return replace(data, berkas="", peringatan=[replace(m, berkas="") for m in data.peringatan])


def test_contoh_terbaca_sama_dengan_xlsx():
    dm = baca_workbook(WB / "contoh_depok_2020.xlsm")
    dx = baca_workbook(WB / "contoh_depok_2020.xlsx")
    assert dm.berkas.endswith(".xlsm") and dx.berkas.endswith(".xlsx")
    assert len(dx.realisasi) > 0 and len(dx.peringatan) == 4  # tests/test_workbooks_build.py: 4 warnings
    assert tanpa_berkas(dm) == tanpa_berkas(dx)


def test_template_memberi_kesalahan_yang_sama_dengan_xlsx():
    def masalah(path):
        with pytest.raises(InputError, match="masalah pada data kerja") as e:
            baca_workbook(path)
        return [(m.sheet, m.sel, m.pesan) for m in e.value.daftar]

    got = masalah(WB / "template.xlsm")
    assert len(got) == 3 and got == masalah(WB / "template.xlsx")  # the three required settings


# --------------------------------------------------------------------------------------------------
# The file sync on an .xlsm


@pytest.fixture(scope="module")
def disinkron(tmp_path_factory) -> tuple[Path, Path, object]:
    tmp = tmp_path_factory.mktemp("sinkron")
    xlsm, xlsx = tmp / "contoh.xlsm", tmp / "contoh.xlsx"
    shutil.copyfile(WB / "contoh_depok_2020.xlsm", xlsm)
    shutil.copyfile(WB / "contoh_depok_2020.xlsx", xlsx)
    hasil = sinkron(xlsm, backups=0)
    sinkron(xlsx, backups=0)
    return xlsm, xlsx, hasil


def test_sinkron_xlsm_menambah_ringkasan(disinkron):
    xlsm, _, hasil = disinkron
    assert hasil.perubahan.written and hasil.perubahan.sheets_added
    names = CalamineWorkbook.from_path(str(xlsm)).sheet_names
    assert set(hasil.perubahan.sheets_added) <= set(names) and "Pengukuran Kinerja" in names
    assert (WB / "contoh_depok_2020.xlsm").read_bytes() != xlsm.read_bytes()  # the committed file untouched


def test_sinkron_xlsm_tidak_menyentuh_vba(disinkron):
    xlsm, _, _ = disinkron
    asli = WB / "contoh_depok_2020.xlsm"
    sebelum, sesudah = bagian_vba(asli), bagian_vba(xlsm)
    # XlsxWriter's button is VML only (no xl/ctrlProps parts); any there were would be compared too
    assert "xl/vbaProject.bin" in sebelum and any(n.endswith(".vml") for n in sebelum)
    assert sesudah == sebelum
    assert vml_beranda(xlsm) == vml_beranda(asli)  # still Beranda's legacy drawing
    ct = part(xlsm, "[Content_Types].xml").decode()
    assert f'PartName="/xl/workbook.xml" ContentType="{CT_MAKRO}"' in ct
    assert 'Extension="bin" ContentType="application/vnd.ms-office.vbaProject"' in ct
    assert 'Target="vbaProject.bin"' in part(xlsm, "xl/_rels/workbook.xml.rels").decode()
    assert 'codeName="ThisWorkbook"' in part(xlsm, "xl/workbook.xml").decode()
    assert set(modules_olevba(xlsm)) == set(modules_olevba(asli))


def test_sinkron_xlsm_memberi_codename_sheet_baru(disinkron):
    # Excel writes a codeName on every sheet of a workbook with VBA; each added sheet gets its own,
    # unique among the workbook's and the existing sheets', kept by the next sync
    xlsm, _, hasil = disinkron
    wbxml = part(xlsm, "xl/workbook.xml").decode()
    nama = re.findall(r'<sheet name="([^"]+)"', wbxml)
    kode = {}
    for s in nama:
        m = re.search(rb'<sheetPr[^>]*codeName="([^"]+)"', part(xlsm, bagian_sheet(xlsm, s))[:2000])
        assert m, s
        kode[s] = m.group(1).decode()
    assert len({k.casefold() for k in kode.values()} | {"thisworkbook"}) == len(nama) + 1
    for s in hasil.perubahan.sheets_added:
        assert re.fullmatch(r"Lakip[A-Za-z0-9]{1,26}", kode[s]), kode[s]
    assert kode["Pengukuran Kinerja"] == "LakipPengukuranKinerja"
    sebelum = xlsm.read_bytes()
    assert not sinkron(xlsm, backups=0).perubahan.written  # the same code names: nothing to write
    assert xlsm.read_bytes() == sebelum


def kepala_vba_project(path: Path) -> bytes:
    """The VBA/_VBA_PROJECT stream of a package's vbaProject.bin, read with olefile (not pyopenvba,
    which wrote it)."""
    import io

    import olefile

    with olefile.OleFileIO(io.BytesIO(part(path, "xl/vbaProject.bin"))) as ole:
        return ole.openstream("VBA/_VBA_PROJECT").read()


def periksa_kepala_ms_ovba(stream: bytes) -> None:
    """MS-OVBA 2.3.4.1 as written: Reserved1 0x61CC, Version 0xFFFF, Reserved2 0x00, Reserved3 (2 bytes),
    and no PerformanceCache after them."""
    assert stream[:2] == b"\xcc\x61"  # Reserved1 0x61CC, little-endian
    assert stream[2:4] == b"\xff\xff"  # Version 0xFFFF: every Office build compiles from the sources
    assert stream[4] == 0x00  # Reserved2
    assert len(stream) == 7, len(stream)  # Reserved3, then nothing: no performance cache


def test_vba_project_header_ms_ovba(pasangan):
    periksa_kepala_ms_ovba(kepala_vba_project(pasangan[0]))


def test_sinkron_xlsm_ringkasan_sama_dengan_xlsx(disinkron):
    xlsm, xlsx, hasil = disinkron
    wm, wx = CalamineWorkbook.from_path(str(xlsm)), CalamineWorkbook.from_path(str(xlsx))
    for s in hasil.perubahan.sheets_added:
        assert wm.get_sheet_by_name(s).to_python() == wx.get_sheet_by_name(s).to_python(), s


# --------------------------------------------------------------------------------------------------
# LibreOffice


@pytest.mark.libreoffice
def test_libreoffice_mengimpor_vba_dan_tombol_contoh(tmp_path):
    profile = tmp_path / "profil"
    out = tmp_path / "ods"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "ods",
         "--outdir", str(out), str(WB / "contoh_depok_2020.xlsm")],
        check=True, capture_output=True, timeout=180,
    )
    with zipfile.ZipFile(out / "contoh_depok_2020.ods") as z:
        names = set(z.namelist())
        content = z.read("content.xml").decode()
        lakip = z.read("Basic/VBAProject/LakipXL.xml").decode()
    for _, module in vba.MODUL:
        assert f"Basic/VBAProject/{module}.xml" in names
    assert f"Sub {vba.MACRO_SINKRON}()" in lakip and "lakip_xl.sync.main()" in lakip
    # the button came through as a form button whose action is the imported macro
    assert f'form:label="{vba.CAPTION_TOMBOL}"' in content
    assert f"vnd.sun.star.script:VBAProject.LakipXL.{vba.MACRO_SINKRON}?" in content

"""The VBA project: macros/ is the source of truth, the generated module is fresh, the project built on
Linux reads back identical (oletools' olevba) and imports into LibreOffice.

Normalisation when comparing a module read back with olevba to its .bas file: line endings (CRLF/LF)
and trailing newlines at the end of the module. Nothing else: olevba shows the `Attribute VB_Name`
line as stored, and it must match the file's first line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

xlsxwriter = pytest.importorskip("xlsxwriter")
pytest.importorskip("pyopenvba")
olevba = pytest.importorskip("oletools.olevba")

from lakip_xl import udf  # noqa: E402
from lakip_xl.excel import vba  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MACROS = ROOT / "macros"


def norm(code: str) -> str:
    return code.replace("\r\n", "\n").rstrip("\n")


def modules_olevba(path: Path) -> dict[str, str]:
    """VBA module name -> code, as olevba extracts it from an .xlsm or a vbaProject.bin."""
    parser = olevba.VBA_Parser(str(path))
    try:
        return {stream.split("/")[-1]: code for _, stream, _, code in parser.extract_macros()}
    finally:
        parser.close()


# --------------------------------------------------------------------------------------------------
# Sources in macros/


def test_berkas_hasil_generator_tidak_basi():
    stale = vba.stale_files()
    assert stale == [], f"run `python -m lakip_xl.excel.vba generate`: stale {stale}"


def test_xlwings_bas_sama_persis_dengan_paket_terpasang():
    assert (MACROS / "xlwings.bas").read_bytes() == vba.xlwings_bas_path().read_bytes()


def test_versi_xlwings_dipatok_sama_di_semua_tempat():
    import xlwings

    pin = re.search(r'"xlwings==([^"]+)"', (ROOT / "pyproject.toml").read_text()).group(1)
    assert pin == vba.XLWINGS_VERSION == xlwings.__version__
    text = (MACROS / "xlwings.bas").read_text(encoding="cp1252")
    dlls = set(re.findall(r'"xlwings(?:32|64)-([0-9.]+)\.dll"', text))
    assert dlls == {pin}
    assert f'XLWINGS_VERSION As String = "{pin}"' in text


def test_pembungkus_udf_dari_generator_xlwings():
    import inspect

    text = vba.generate_udf_vba()
    assert text.startswith('Attribute VB_Name = "xlwings_udfs"\r\n')
    assert "\n" not in text.replace("\r\n", "")  # CRLF only, as the VBE exports
    for fn in udf.UDF:
        params = inspect.signature(fn).parameters.values()
        sig = ", ".join(("Optional " if p.default is not p.empty else "") + p.name for p in params)
        assert f"Function {fn.__name__}({sig})\r\n" in text
        assert f'XLPy.CallUDF("lakip_xl.udf", "{fn.__name__}", ' in text
    # exactly the decorated functions, nothing else of the module
    assert len(re.findall(r"^Function ", text, re.M)) == len(udf.UDF)


def test_generator_tidak_membocorkan_stub():
    vba.generate_udf_vba()
    for name in ("pythoncom", "pywintypes", "win32api", "win32com", "xlwings.udfs"):
        if not sys.platform.startswith("win"):
            assert name not in sys.modules
    assert not hasattr(udf.CAPAIAN, "__xlfunc__")  # the module in use keeps Linux's no-op decorators


def test_generate_check_cli(tmp_path, capsys):
    for name in ("LakipXL.bas",):
        shutil.copy(MACROS / name, tmp_path / name)
    assert vba.main(["generate", "--check", "--macros", str(tmp_path)]) == 1
    assert vba.main(["generate", "--macros", str(tmp_path)]) == 0
    assert vba.main(["generate", "--check", "--macros", str(tmp_path)]) == 0
    assert (tmp_path / "xlwings_udfs.bas").read_bytes() == (MACROS / "xlwings_udfs.bas").read_bytes()


def test_lakipxl_bas_memanggil_sync():
    text = (MACROS / "LakipXL.bas").read_text(encoding="cp1252")
    assert re.search(r'^Public Sub PerbaruiRingkasan\(\)\r?\n\s+RunPython "import lakip_xl\.sync; '
                     r'lakip_xl\.sync\.main\(\)"\r?\nEnd Sub', text, re.M)


# --------------------------------------------------------------------------------------------------
# A macro-enabled workbook built with tambah_vba


@pytest.fixture(scope="module")
def xlsm(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("vba") / "kecil.xlsm"
    wb = xlsxwriter.Workbook(str(path))
    beranda = wb.add_worksheet("Beranda")
    beranda.write("A1", "Contoh")
    wb.add_worksheet("Indikator")
    vba.tambah_vba(wb, beranda, "B6")
    wb.add_worksheet("Ditambah Setelahnya")  # the project is built at close(): this sheet is covered too
    wb.close()
    return path


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_tipe_konten_macro_enabled(xlsm):
    ct = part(xlsm, "[Content_Types].xml")
    assert 'PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"' in ct
    assert 'Extension="bin" ContentType="application/vnd.ms-office.vbaProject"' in ct
    assert 'Target="vbaProject.bin"' in part(xlsm, "xl/_rels/workbook.xml.rels")


def test_tombol_terikat_ke_makro(xlsm):
    with zipfile.ZipFile(xlsm) as z:
        rels = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()  # Beranda is sheet1
        vml_name = "xl/" + re.search(r'Target="\.\./(drawings/vmlDrawing\d+\.vml)"', rels).group(1)
        vml = z.read(vml_name).decode()
    assert "<x:FmlaMacro>[0]!PerbaruiRingkasan</x:FmlaMacro>" in vml
    assert "Perbarui Ringkasan" in vml
    assert "<x:Anchor>1, " in vml  # column B (0-based 1)


def test_sheet_xlwings_conf(xlsm):
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(xlsm))
    rows = wb.get_sheet_by_name("xlwings.conf").to_python()
    assert rows[0][:2] == ["UDF Modules", "lakip_xl.udf"]
    keys = [r[0] for r in rows[:4]]
    assert keys == ["UDF Modules", "Debug UDFs", "Use UDF Server", "Show Console"]
    assert rows[4][0] in ("", None)  # xlwings reads A1 down to the first blank cell
    assert not any(str(r[0]).lower().startswith("interpreter") for r in rows)  # per-PC setting
    workbook_xml = part(xlsm, "xl/workbook.xml")
    assert re.search(r'<sheet name="xlwings.conf" sheetId="\d+" state="hidden"', workbook_xml)


def test_nama_kode_cocok_dengan_modul_dokumen(xlsm):
    workbook_xml = part(xlsm, "xl/workbook.xml")
    assert 'codeName="ThisWorkbook"' in workbook_xml
    modules = modules_olevba(xlsm)
    with zipfile.ZipFile(xlsm) as z:
        sheets = sorted(n for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
        codenames = [re.search(r'<sheetPr[^>]*codeName="([^"]+)"', z.read(n).decode()).group(1) for n in sheets]
    assert len(codenames) == 4  # Beranda, Indikator, xlwings.conf, Ditambah Setelahnya
    assert set(codenames) | {"ThisWorkbook"} | {"xlwings", "xlwings_udfs", "LakipXL"} == set(modules)


def test_setiap_modul_terbaca_ulang_sama_dengan_sumber(xlsm):
    modules = modules_olevba(xlsm)
    for filename, name in vba.MODUL:
        source = (MACROS / filename).read_bytes().decode("cp1252")
        assert norm(modules[name]) == norm(source), name


def test_versi_dll_dalam_vba_proyek(xlsm):
    code = modules_olevba(xlsm)["xlwings"]
    assert set(re.findall(r"xlwings(?:32|64)-([0-9.]+)\.dll", code)) == {vba.XLWINGS_VERSION}


def test_build_vba_project_bin(tmp_path):
    out = vba.build_vba_project(tmp_path / "vbaProject.bin", ["Sheet1", "Beranda"])
    assert out.read_bytes()[:8] == bytes.fromhex("D0CF11E0A1B11AE1")  # an OLE compound file
    modules = modules_olevba(out)
    assert set(modules) == {"ThisWorkbook", "Sheet1", "Beranda", "xlwings", "xlwings_udfs", "LakipXL"}


def test_tambah_vba_menolak_xlsx(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "salah.xlsx"))
    ws = wb.add_worksheet()
    with pytest.raises(ValueError, match=r"\.xlsm"):
        vba.tambah_vba(wb, ws)
    wb.close()


@pytest.mark.libreoffice
def test_libreoffice_mengimpor_proyek_vba(xlsm, tmp_path):
    profile = tmp_path / "profil"
    out = tmp_path / "ods"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "ods",
         "--outdir", str(out), str(xlsm)],
        check=True, capture_output=True, timeout=120,
    )
    with zipfile.ZipFile(out / "kecil.ods") as z:
        names = set(z.namelist())
        for module in ("xlwings", "xlwings_udfs", "LakipXL"):
            assert f"Basic/VBAProject/{module}.xml" in names
        lakip = z.read("Basic/VBAProject/LakipXL.xml").decode()
    assert "PerbaruiRingkasan" in lakip and "lakip_xl.sync.main()" in lakip

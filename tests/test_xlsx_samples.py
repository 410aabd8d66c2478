"""update_workbook on copies of the hard cases in tests/data/fidelity (the originals are never edited):
every entry other than the allowed ones stays byte-identical (raw compressed bytes and metadata), in
order, and the VBA project, buttons, x14 extensions, signature and ribbon survive."""

from __future__ import annotations

import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from python_calamine import CalamineWorkbook

from lakip_xl.errors import BerkasError
from lakip_xl.xlsx import update_workbook
from lakip_xl.xlsx.sheetspec import Chart, Series, SheetSpec, Style
from lakip_xl.xlsx.verify import compare

SAMPLES = Path(__file__).resolve().parent / "data" / "fidelity"
FILES = sorted(SAMPLES.glob("*.xlsm"))
SHARED_ALLOWED = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"}
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"

assert FILES, f"no .xlsm in {SAMPLES} (tests/data/README.md)"


def _spec(value=Decimal("87.83")) -> SheetSpec:
    s = SheetSpec("Pengukuran Kinerja")
    s.set(1, 1, "Pengukuran Kinerja", style=Style(bold=True))
    for i in range(3):
        s.set(2 + i, 1, f"IK{i + 1}")
        s.set(2 + i, 2, value + i, formula=f"CAPAIAN({i},{i})", style=Style(number_format='0.00"%"'))
    s.charts.append(Chart("bar", "Capaian", "A2:A4", (Series("Capaian", "B2:B4"),), "D2"))
    return s


def _copy(src: Path, tmp_path: Path) -> Path:
    dst = tmp_path / src.name
    shutil.copyfile(src, dst)  # copyfile: the copy is writable, the original stays read-only
    return dst


@pytest.mark.parametrize("src", FILES, ids=[f.name for f in FILES])
def test_sample_entries_byte_identical(src, tmp_path):
    path = _copy(src, tmp_path)
    before = path.read_bytes()
    per = update_workbook(path, [_spec()], backups=0)
    after = path.read_bytes()
    diff = compare(before, after)
    assert set(diff.changed) <= SHARED_ALLOWED
    assert diff.order_kept
    names_before = zipfile.ZipFile(src).namelist()
    assert diff.removed == (["xl/calcChain.xml"] if "xl/calcChain.xml" in names_before else [])
    assert all(n.startswith(("xl/worksheets/", "xl/drawings/", "xl/charts/")) for n in diff.added)
    z = zipfile.ZipFile(path)
    assert z.testzip() is None
    # macro-enabled content type kept; VBA, VML buttons, signature, ribbon still there and identical
    ct = etree.fromstring(z.read("[Content_Types].xml"))
    over = {o.get("PartName"): o.get("ContentType") for o in ct}
    assert over["/xl/workbook.xml"] == XLSM_MAIN
    for name in names_before:
        if name.endswith((".bin", ".vml")) or name.startswith(("xl/ctrlProps/", "customUI/")):
            assert name not in diff.changed and name in z.namelist(), name
    # re-sync: identical bytes
    update_workbook(path, [_spec()], backups=0)
    assert path.read_bytes() == after
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Pengukuran Kinerja").to_python()
    assert rows[1] == ["IK1", 87.83]
    assert per.sheets_added == ["Pengukuran Kinerja"]


def test_excelish_user_parts_survive(tmp_path):
    src = SAMPLES / "fidelity_excelish.xlsm"
    path = _copy(src, tmp_path)
    update_workbook(path, [_spec()], backups=0)
    z = zipfile.ZipFile(path)
    sheet1 = z.read("xl/worksheets/sheet1.xml")
    assert sheet1 == zipfile.ZipFile(src).read("xl/worksheets/sheet1.xml")
    assert b"x14:dataValidation" in sheet1 or b"x14:dataValidations" in sheet1  # x14 list from another sheet
    assert b"sparkline" in sheet1.lower()
    assert b"<f>CAPAIAN(C5,D5)</f><v>87.83</v>" in sheet1  # cached UDF value untouched
    wbx = z.read("xl/workbook.xml")
    assert b'fullCalcOnLoad="1"' in wbx  # <calcPr> exactly as the user had it
    assert b'state="veryHidden"' in wbx and b'name="LokalNama" localSheetId="0"' in wbx
    # the user's own Ringkasan sheet is not ours: refused, nothing written
    before = path.read_bytes()
    with pytest.raises(BerkasError, match="bukan buatan lakip_xl"):
        update_workbook(path, [SheetSpec("Ringkasan")])
    assert path.read_bytes() == before

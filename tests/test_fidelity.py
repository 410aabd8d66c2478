"""Fidelity: the sync (lakip_xl.xlsx.update_workbook) changes only the parts it owns.

Two groups of tests:

- the fixture itself (tests/fixtures/fidelity.py): that it really holds every hard case it claims to
  (VBA, form buttons with ctrlProps, a text box with a macro, an image, a chart, x14 list validation,
  x14 data bar, sparklines, comments, defined names, hidden / very hidden sheets, calcChain, cached
  CAPAIAN values) and that it is built deterministically;
- the sync run on the fixture and on copies of tests/data/fidelity/*.xlsm: every zip entry
  outside the allowed list is byte-identical, the new sheets read back with the right values, and a
  second run gives identical bytes.

The allowed list (lakip_xl/xlsx/__init__.py and the issue): the generated sheets' own parts (worksheet,
its rels, drawings, charts), xl/workbook.xml, xl/_rels/workbook.xml.rels, [Content_Types].xml,
xl/styles.xml; xl/calcChain.xml may be removed. Nothing else may change.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from fixtures.fidelity import (
    HIDDEN_SHEET,
    MACRO,
    SHEETS,
    VERY_HIDDEN_SHEET,
    build_fidelity_fixture,
)
from lxml import etree
from oletools.olevba import VBA_Parser
from python_calamine import CalamineWorkbook

from lakip_xl.xlsx.sheetspec import Cell, Chart, Series, SheetSpec, Style

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "tests" / "data" / "fidelity"  # tests/data/README.md names their source
SAMPLES = sorted(SAMPLES_DIR.glob("*.xlsm"))

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "x14": "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main",
    "xm": "http://schemas.microsoft.com/office/excel/2006/main",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
MACRO_WORKBOOK_CT = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"

# Entries the sync may modify in place, besides the parts of its own sheets.
ALLOWED_CHANGED = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"}
ALLOWED_REMOVED = {"xl/calcChain.xml"}
# Names a generated sheet's parts may have (new entries must match one and hang off a generated sheet).
GENERATED_PART = re.compile(
    r"xl/worksheets/sheet\d+\.xml|xl/worksheets/_rels/sheet\d+\.xml\.rels"
    r"|xl/drawings/drawing\d+\.xml|xl/drawings/_rels/drawing\d+\.xml\.rels"
    r"|xl/charts/(?:chart|style|colors)\d+\.xml|xl/charts/_rels/chart\d+\.xml\.rels")


# ---------------------------------------------------------------------------------------------------
# helpers


def entries(path: Path) -> dict[str, bytes]:
    """Zip entry name -> its (decompressed) bytes, in package order."""
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def xml(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """Sheet name (worksheets and chartsheets) -> its part name."""
    rels = relationships(parts, "xl/workbook.xml")
    out = {}
    for sheet in xml(parts["xl/workbook.xml"]).iterfind("m:sheets/m:sheet", NS):
        out[sheet.get("name")] = rels[sheet.get(f"{{{NS['r']}}}id")][1]
    return out


def rels_name(part: str) -> str:
    folder, _, base = part.rpartition("/")
    return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"


def relationships(parts: dict[str, bytes], part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, resolved target part) of `part`; external targets are left out."""
    name = rels_name(part)
    if name not in parts:
        return {}
    folder = part.rpartition("/")[0]
    out = {}
    for rel in xml(parts[name]).iterfind("pr:Relationship", NS):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target")
        target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id")] = (rel.get("Type"), target)
    return out


def reachable(parts: dict[str, bytes], start: list[str]) -> set[str]:
    """`start` parts, their .rels and every internal part they lead to (transitively)."""
    seen: set[str] = set()
    todo = list(start)
    while todo:
        part = todo.pop()
        if part in seen or part not in parts:
            continue
        seen.add(part)
        if rels_name(part) in parts:
            seen.add(rels_name(part))
        todo.extend(target for _, target in relationships(parts, part).values())
    return seen


def describe_change(name: str, old: bytes, new: bytes) -> str:
    """One line: entry name, sizes, and the first differing bytes with a little context."""
    at = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    lo = max(0, at - 40)
    return (f"{name}: {len(old)} -> {len(new)} bytes, first difference at byte {at}: "
            f"{old[lo:at + 60]!r} -> {new[lo:at + 60]!r}")


def ext_lists(sheet_xml: bytes) -> list[bytes]:
    """The raw <extLst>..</extLst> blocks of a worksheet, as written (byte strings, in order)."""
    return re.findall(rb"<extLst>.*?</extLst>(?=<|$)", sheet_xml, flags=re.S)


def calamine_rows(path: Path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def value_at(rows: list[list], ref: str):
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    row = int(m.group(2))
    # calamine's to_python() starts at the sheet's first used row/column; our sheets all use A1.
    return rows[row - 1][col - 1]


# ---------------------------------------------------------------------------------------------------
# the fixture itself


@pytest.fixture(scope="module")
def fixture_path(tmp_path_factory) -> Path:
    return build_fidelity_fixture(tmp_path_factory.mktemp("fixture") / "lakip_fidelity.xlsm")


@pytest.fixture(scope="module")
def fixture_parts(fixture_path) -> dict[str, bytes]:
    return entries(fixture_path)


def test_fixture_is_deterministic(tmp_path, fixture_path):
    again = build_fidelity_fixture(tmp_path / "again.xlsm")
    assert again.read_bytes() == fixture_path.read_bytes()


def test_fixture_package_is_consistent(fixture_parts):
    # Every XML part parses; every internal relationship target and every Override part exists.
    for name, data in fixture_parts.items():
        if name.endswith((".xml", ".rels", ".vml")):
            xml(data)
    for name in fixture_parts:
        if name.endswith(".rels"):
            owner = name.replace("_rels/", "").removesuffix(".rels")
            for _, target in relationships(fixture_parts, owner).values():
                assert target in fixture_parts, f"{name} points at missing {target}"
    types = xml(fixture_parts["[Content_Types].xml"])
    for override in types.iterfind("ct:Override", NS):
        assert override.get("PartName")[1:] in fixture_parts, override.get("PartName")


def test_fixture_sheets_and_visibility(fixture_parts):
    sheets = xml(fixture_parts["xl/workbook.xml"]).findall("m:sheets/m:sheet", NS)
    assert len(sheets) >= 12
    states = {s.get("name"): s.get("state", "visible") for s in sheets}
    assert states[HIDDEN_SHEET] == "hidden"
    assert states[VERY_HIDDEN_SHEET] == "veryHidden"
    assert sum(1 for state in states.values() if state == "visible") == len(sheets) - 2


def test_fixture_vba_project(fixture_parts, fixture_path):
    types = xml(fixture_parts["[Content_Types].xml"])
    workbook_ct = types.find("ct:Override[@PartName='/xl/workbook.xml']", NS).get("ContentType")
    assert workbook_ct == MACRO_WORKBOOK_CT
    rels = relationships(fixture_parts, "xl/workbook.xml")
    assert ("http://schemas.microsoft.com/office/2006/relationships/vbaProject", "xl/vbaProject.bin") in rels.values()
    # Read the modules back with oletools (an implementation independent of pyOpenVBA, which built them).
    parser = VBA_Parser(str(fixture_path))
    try:
        modules = {stream.rsplit("/", 1)[-1]: code for _, stream, _, code in parser.extract_macros()}
    finally:
        parser.close()
    assert re.search(rf"^Sub {MACRO}\(\)", modules["Module1"], flags=re.M)
    assert "modLakip" in modules


def test_fixture_form_buttons_and_ctrlprops(fixture_parts):
    names = sheet_parts(fixture_parts)
    for sheet in ("Realisasi", "Lampiran"):  # Lampiran is the 10th sheet: its VML is what openpyxl loses
        part = names[sheet]
        rels = relationships(fixture_parts, part)
        vml = [t for typ, t in rels.values() if typ.endswith("/vmlDrawing")]
        assert len(vml) == 1
        assert f"<x:FmlaMacro>[0]!{MACRO}</x:FmlaMacro>".encode() in fixture_parts[vml[0]]
        ctrl = [t for typ, t in rels.values() if typ.endswith("/ctrlProp")]
        assert len(ctrl) == 1 and b'objectType="Button"' in fixture_parts[ctrl[0]]
        root = xml(fixture_parts[part])
        controls = root.findall(".//m:controls/*/*/m:control", NS)
        assert [c.find("m:controlPr", NS).get("macro") for c in controls] == [f"[0]!{MACRO}"]
    assert names["Lampiran"] == "xl/worksheets/sheet10.xml"


def test_fixture_textbox_image_chart(fixture_parts):
    names = sheet_parts(fixture_parts)
    drawing = [t for typ, t in relationships(fixture_parts, names["Catatan"]).values() if typ.endswith("/drawing")][0]
    root = xml(fixture_parts[drawing])
    textboxes = [sp for sp in root.iter(f"{{{NS['xdr']}}}sp")
                 if sp.find("xdr:nvSpPr/xdr:cNvSpPr", NS).get("txBox") == "1"]
    assert [sp.get("macro") for sp in textboxes] == [f"[0]!{MACRO}"]
    images = [t for typ, t in relationships(fixture_parts, drawing).values() if typ.endswith("/image")]
    assert len(images) == 1 and fixture_parts[images[0]].startswith(b"\x89PNG\r\n\x1a\n")
    drawing = [t for typ, t in relationships(fixture_parts, names["Grafik"]).values() if typ.endswith("/drawing")][0]
    charts = [t for typ, t in relationships(fixture_parts, drawing).values() if typ.endswith("/chart")]
    assert len(charts) == 1
    refs = [f.text for f in xml(fixture_parts[charts[0]]).iter(f"{{{NS['c']}}}f")]
    assert "Realisasi!$F$5:$F$11" in refs


def test_fixture_x14_list_validation_from_other_sheet(fixture_parts):
    root = xml(fixture_parts[sheet_parts(fixture_parts)["Indikator"]])
    ext = root.find("m:extLst/m:ext[@uri='{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}']", NS)
    found = {dv.findtext("xm:sqref", namespaces=NS): dv.findtext("x14:formula1/xm:f", namespaces=NS)
             for dv in ext.iterfind("x14:dataValidations/x14:dataValidation", NS)}
    assert found == {"F2:F50": f"{HIDDEN_SHEET}!$A$1:$A$4", "G2:G50": f"{HIDDEN_SHEET}!$B$1:$B$3"}
    # No cross-sheet list is left in the 2007 form (Excel 2010+ never writes both).
    for dv in root.iterfind("m:dataValidations/m:dataValidation", NS):
        assert dv.get("type") != "list"


def test_fixture_conditional_formatting_and_sparklines(fixture_parts):
    names = sheet_parts(fixture_parts)
    indikator = xml(fixture_parts[names["Indikator"]])
    assert indikator.find("m:conditionalFormatting/m:cfRule[@type='cellIs']", NS) is not None
    realisasi = xml(fixture_parts[names["Realisasi"]])
    bar = realisasi.find("m:conditionalFormatting/m:cfRule[@type='dataBar']", NS)
    x14_id = bar.findtext("m:extLst/m:ext/x14:id", namespaces=NS)
    x14_rule = realisasi.find(
        f"m:extLst/m:ext/x14:conditionalFormattings/x14:conditionalFormatting/x14:cfRule[@id='{x14_id}']", NS)
    assert x14_rule is not None and x14_rule.get("type") == "dataBar"
    sparklines = realisasi.findall(".//x14:sparklineGroups//x14:sparkline", NS)
    assert {s.findtext("xm:sqref", namespaces=NS) for s in sparklines} == {f"H{r}" for r in range(5, 11)}


def test_fixture_comments_and_defined_names(fixture_parts):
    comments = [n for n in fixture_parts if re.fullmatch(r"xl/comments\d+\.xml", n)]
    assert len(comments) == 3
    texts = b"".join(fixture_parts[n] for n in comments)
    assert b"1.264.373" in texts
    wb = xml(fixture_parts["xl/workbook.xml"])
    names = {(d.get("name"), d.get("localSheetId")): d.text for d in wb.iterfind("m:definedNames/m:definedName", NS)}
    assert names[("TahunLaporan", None)] == "Pengaturan!$B$4"
    realisasi_index = str(SHEETS.index("Realisasi"))
    assert names[("DataCapaian", realisasi_index)] == "Realisasi!$F$5:$F$11"
    assert ("_xlnm.Print_Area", realisasi_index) in names


def test_fixture_capaian_formulas_with_cached_values(fixture_parts, fixture_path):
    root = xml(fixture_parts[sheet_parts(fixture_parts)["Realisasi"]])
    cell = root.find(".//m:c[@r='F5']", NS)
    assert cell.findtext("m:f", namespaces=NS) == "CAPAIAN(D5,E5)"
    assert cell.findtext("m:v", namespaces=NS) == "44.83"
    # Seed: koperasi aktif 34.67 / 77.33 x 100 = 44.83 (seed-figures.md, reported 44.83).
    assert value_at(calamine_rows(fixture_path, "Realisasi"), "F5") == 44.83
    # calcChain lists every formula cell, starting with Realisasi!F5.
    chain = xml(fixture_parts["xl/calcChain.xml"])
    first = chain.find("m:c", NS)
    assert (first.get("r"), first.get("i")) == ("F5", str(SHEETS.index("Realisasi") + 1))
    # <calcPr> as Excel saves it: no forced recalculation on load.
    assert b'<calcPr calcId="191029"/>' in fixture_parts["xl/workbook.xml"]


# ---------------------------------------------------------------------------------------------------
# the sync


def _sync():
    """lakip_xl.xlsx.update_workbook, imported per test so that the fixture tests above still run (and
    these fail loudly, never skip) when the sync layer cannot be imported."""
    from lakip_xl.xlsx import update_workbook

    return update_workbook


BOLD = Style(bold=True)
PERSEN = Style(number_format='0.00"%"')


def specs() -> list[SheetSpec]:
    """Two new summary sheets: text, numbers, formulas with cached values, a merge, a chart each.

    Figures from seed-figures.md: koperasi aktif 34.67 / 77.33 -> 44.83; volume usaha 45.1 / 103 ->
    43.79; capaian sasaran 3 = (44.83 + 43.79) / 2 = 44.31.
    """
    pk = SheetSpec(name="Pengukuran Kinerja")
    pk.set(1, 1, "Pengukuran Kinerja Tahun 2020", style=BOLD)
    pk.merges.append("A1:F1")
    for col, text in enumerate(["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian", "Predikat"], start=1):
        pk.set(3, col, text, style=BOLD)
    # row, no, indikator, target, realisasi, capaian (hand computed above), predikat (seed 3-level scale)
    rows = [(4, 1, "Persentase koperasi aktif", Decimal("77.33"), Decimal("34.67"), Decimal("44.83"), "Tidak Tercapai"),
            (5, 2, "Peningkatan volume usaha (M)", Decimal("103"), Decimal("45.1"), Decimal("43.79"), "Tidak Tercapai")]
    for row, no, nama, target, realisasi, capaian, predikat in rows:
        pk.set(row, 1, no)
        pk.set(row, 2, nama)
        pk.set(row, 3, target)
        pk.set(row, 4, realisasi)
        pk.cells[(row, 5)] = Cell(value=capaian, formula=f"ROUND(D{row}/C{row}*100,2)", style=PERSEN)
        pk.set(row, 6, predikat)
    pk.set(7, 2, "=Angka sementara, bukan rumus")  # text that looks like a formula must stay text
    pk.col_widths.update({2: 40, 6: 16})
    pk.charts.append(Chart(kind="bar", title="Capaian Indikator", categories="B4:B5",
                           series=(Series(name="Capaian", values="E4:E5"),), anchor="H3"))

    cs = SheetSpec(name="Capaian Sasaran")
    cs.set(1, 1, "Capaian Sasaran Tahun 2020", style=BOLD)
    cs.merges.append("A1:C1")
    cs.set(3, 1, "Kode Sasaran", style=BOLD)
    cs.set(3, 2, "Sasaran Strategis", style=BOLD)
    cs.set(3, 3, "Capaian", style=BOLD)
    cs.set(4, 1, "S3")
    cs.set(4, 2, "Meningkatnya peran koperasi dalam pengembangan ekonomi")
    cs.cells[(4, 3)] = Cell(value=Decimal("44.31"), formula="AVERAGE('Pengukuran Kinerja'!E4:E5)", style=PERSEN)
    cs.charts.append(Chart(kind="line", title="Capaian Sasaran", categories="A4:A4",
                           series=(Series(name="Capaian", values="C4:C4"),), anchor="E3"))
    return [pk, cs]


NEW_SHEETS = ["Pengukuran Kinerja", "Capaian Sasaran"]


def check_only_allowed_changes(before: dict[str, bytes], after: dict[str, bytes], generated: list[str]) -> None:
    """Fail, listing every offending entry, if anything outside the allowed list changed."""
    old_owned = reachable(before, [p for n, p in sheet_parts(before).items() if n in generated])
    new_owned = reachable(after, [p for n, p in sheet_parts(after).items() if n in generated])
    problems = []
    for name in before:
        if name not in after:
            if name not in ALLOWED_REMOVED and name not in old_owned:
                problems.append(f"{name}: removed")
        elif before[name] != after[name] and name not in ALLOWED_CHANGED and name not in old_owned:
            problems.append(describe_change(name, before[name], after[name]))
    for name in after:
        if name not in before and not (GENERATED_PART.fullmatch(name) and name in new_owned):
            problems.append(f"{name}: added, but it is not a part of a generated sheet")
    assert not problems, "entries changed outside the allowed list:\n" + "\n".join(problems)


def workbook_sheets(parts: dict[str, bytes]) -> list[tuple[str, str, str, str]]:
    """(name, sheetId, state, part) of each sheet, in workbook order."""
    rels = relationships(parts, "xl/workbook.xml")
    return [(s.get("name"), s.get("sheetId"), s.get("state", "visible"), rels[s.get(f"{{{NS['r']}}}id")][1])
            for s in xml(parts["xl/workbook.xml"]).iterfind("m:sheets/m:sheet", NS)]


def local_names(parts: dict[str, bytes]) -> set[tuple[str, str, str]]:
    """(name, sheet it belongs to, formula) of each sheet-local defined name."""
    sheets = [s[0] for s in workbook_sheets(parts)]
    return {(d.get("name"), sheets[int(d.get("localSheetId"))], d.text)
            for d in xml(parts["xl/workbook.xml"]).iterfind("m:definedNames/m:definedName", NS)
            if d.get("localSheetId") is not None}


WORKBOOKS = ["fixture"] + SAMPLES


def _ids(value) -> str:
    return value.name if isinstance(value, Path) else str(value)


def make_workbook(source, folder: Path) -> Path:
    """The fixture built into `folder`, or a copy of a sample of tests/data (never synced in place)."""
    folder.mkdir(parents=True, exist_ok=True)
    if source == "fixture":
        return build_fidelity_fixture(folder / "lakip_fidelity.xlsm")
    path = folder / source.name
    shutil.copyfile(source, path)
    return path


@dataclass
class Run:
    source: object  # "fixture" or the sample's Path
    path: Path  # the synced workbook
    original: Path  # an untouched copy of the workbook before the sync
    before: dict[str, bytes]
    after: dict[str, bytes]
    result: object  # lakip_xl.xlsx.Perubahan


@pytest.fixture
def synced(request, tmp_path) -> Run:
    """One workbook (fixture or sample copy), synced once with specs()."""
    update_workbook = _sync()
    path = make_workbook(request.param, tmp_path / "book")
    original = tmp_path / "original" / path.name
    original.parent.mkdir()
    shutil.copyfile(path, original)
    before = entries(path)
    result = update_workbook(path, specs())
    return Run(request.param, path, original, before, entries(path), result)


@pytest.mark.parametrize("synced", WORKBOOKS, ids=_ids, indirect=True)
def test_sync_changes_only_allowed_entries(synced):
    before, after, result = synced.before, synced.after, synced.result
    assert result.written
    assert list(result.sheets_added) == NEW_SHEETS
    check_only_allowed_changes(before, after, NEW_SHEETS)
    # Perubahan.parts_changed / parts_removed say what really happened.
    really_changed = {n for n in after if before.get(n) != after[n]}
    assert set(result.parts_changed) == really_changed
    assert set(result.parts_removed) == set(before) - set(after)


@pytest.mark.parametrize("synced", WORKBOOKS, ids=_ids, indirect=True)
def test_sync_keeps_sheets_names_and_macro_content_type(synced):
    before, after = synced.before, synced.after
    old, new = workbook_sheets(before), workbook_sheets(after)
    # Existing sheets keep name, sheetId, state and part, in the same order; new ones come after.
    assert new[:len(old)] == old
    assert [s[0] for s in new[len(old):]] == NEW_SHEETS
    assert all(s[2] == "visible" for s in new[len(old):])
    # Sheet-local names still belong to the same sheet (localSheetId is a sheet position).
    assert local_names(before) <= local_names(after)
    # <calcPr> is left alone (no fullCalcOnLoad: UDF cells would fail on PCs without the add-in).
    calc = re.compile(rb"<calcPr\b[^>]*/>")
    assert calc.findall(after["xl/workbook.xml"]) == calc.findall(before["xl/workbook.xml"])
    types = xml(after["[Content_Types].xml"])
    assert types.find("ct:Override[@PartName='/xl/workbook.xml']", NS).get("ContentType") == MACRO_WORKBOOK_CT
    assert "xl/vbaProject.bin" in after
    # The package is still consistent: every relationship target and every Override exists.
    for name in after:
        if name.endswith(".rels"):
            owner = name.replace("_rels/", "").removesuffix(".rels")
            for _, target in relationships(after, owner).values():
                assert target in after, f"{name} points at missing {target}"
    for override in types.iterfind("ct:Override", NS):
        assert override.get("PartName")[1:] in after, f"Override for missing {override.get('PartName')}"


# What must be byte-identical, by kind: (id, how to pick the entries of that kind).
PRESERVED_KINDS = [
    ("vba", lambda n: re.fullmatch(r"xl/vbaProject(Signature)?\.bin|xl/_rels/vbaProject\.bin\.rels", n)),
    ("vml", lambda n: n.endswith(".vml")),
    ("comments", lambda n: re.fullmatch(r"xl/comments\d+\.xml", n)),
    ("ctrlProps", lambda n: n.startswith("xl/ctrlProps/")),
    ("drawings-charts-media", lambda n: n.startswith(("xl/drawings/", "xl/charts/", "xl/media/"))),
    ("tables", lambda n: n.startswith("xl/tables/")),
    ("docProps-theme-sharedStrings", lambda n: n.startswith("docProps/") or n in ("xl/theme/theme1.xml",
                                                                                   "xl/sharedStrings.xml")),
]


@pytest.mark.parametrize("synced", ["fixture"], ids=_ids, indirect=True)
@pytest.mark.parametrize("kind, pick", PRESERVED_KINDS, ids=[k for k, _ in PRESERVED_KINDS])
def test_sync_preserves_fixture_parts_by_kind(synced, kind, pick):
    before, after = synced.before, synced.after
    picked = [n for n in before if pick(n)]
    assert picked, f"the fixture has no {kind} part: the fixture is broken"
    changed = [describe_change(n, before[n], after[n]) if n in after else f"{n}: removed"
               for n in picked if after.get(n) != before[n]]
    assert not changed, f"{kind} parts changed:\n" + "\n".join(changed)


@pytest.mark.parametrize("synced", ["fixture"], ids=_ids, indirect=True)
def test_sync_preserves_x14_extensions_and_sparklines_of_user_sheets(synced):
    before, after = synced.before, synced.after
    checked = 0
    for name, part in sheet_parts(before).items():
        old = ext_lists(before[part])
        if not old:
            continue
        checked += 1
        assert ext_lists(after[part]) == old, f"the x14 extensions of sheet {name!r} ({part}) changed"
        spark = re.compile(rb"<x14:sparklineGroups.*?</x14:sparklineGroups>", re.S)
        assert spark.findall(after[part]) == spark.findall(before[part]), f"sparklines of {name!r} changed"
    assert checked >= 2  # Indikator (x14 lists) and Realisasi (data bar, sparklines)


@pytest.mark.parametrize("synced", WORKBOOKS, ids=_ids, indirect=True)
def test_sync_copies_untouched_entries_raw(synced):
    # lakip_xl/xlsx promises more than equal content: raw compressed data, date_time, compress_type,
    # external_attr and extra of every untouched entry are copied, in the original order.
    before, after = synced.before, synced.after
    original, path = synced.original, synced.path
    with zipfile.ZipFile(original) as zold, zipfile.ZipFile(path) as znew:
        old = {i.filename: i for i in zold.infolist()}
        new_infos = znew.infolist()
        new = {i.filename: i for i in new_infos}
        untouched = [n for n in old if n in new and before[n] == after[n]]
        problems = []
        for n in untouched:
            a, b = old[n], new[n]
            fields = ("date_time", "compress_type", "external_attr", "extra", "CRC", "compress_size")
            diff = [f for f in fields if getattr(a, f) != getattr(b, f)]
            if not diff and _raw(original, a) != _raw(path, b):
                diff = ["compressed bytes"]
            if diff:
                problems.append(f"{n}: {', '.join(diff)} differ")
        assert not problems, "\n".join(problems)
        order = [i.filename for i in new_infos if i.filename in set(untouched)]
        assert order == untouched, "untouched entries were reordered"


def _raw(path: Path, info: zipfile.ZipInfo) -> bytes:
    """The compressed bytes of one entry, read straight from the file (after its local header)."""
    with open(path, "rb") as f:
        f.seek(info.header_offset)
        header = f.read(30)
        name_len, extra_len = int.from_bytes(header[26:28], "little"), int.from_bytes(header[28:30], "little")
        f.seek(info.header_offset + 30 + name_len + extra_len)
        return f.read(info.compress_size)


@pytest.mark.parametrize("synced", ["fixture"], ids=_ids, indirect=True)
def test_sync_keeps_cached_capaian_values(synced):
    rows = calamine_rows(synced.path, "Realisasi")
    # Hand computed from seed-figures.md: R / T x 100 rounded half up (koperasi aktif 44.83, volume
    # usaha 43.79, wirausaha baru 0.10 / 0.14 = 71.43, naik kelas 104, legalitas 75.32, P2WKSS 214,
    # AKIP B = B -> 100).
    expected = {"F5": 44.83, "F6": 43.79, "F7": 71.43, "F8": 104, "F9": 75.32, "F10": 214, "F11": 100,
                "G5": "Tidak Tercapai", "G8": "Melebihi Target", "G11": "Tercapai"}
    assert {ref: value_at(rows, ref) for ref in expected} == expected


@pytest.mark.parametrize("synced", ["fixture"], ids=_ids, indirect=True)
def test_sync_new_sheets_read_back(synced):
    after = synced.after
    book = CalamineWorkbook.from_path(str(synced.path))
    assert book.sheet_names == list(SHEETS) + NEW_SHEETS
    pk = book.get_sheet_by_name("Pengukuran Kinerja").to_python()
    # The values put in by specs() (seed figures, see its docstring).
    assert value_at(pk, "A1") == "Pengukuran Kinerja Tahun 2020"
    assert [value_at(pk, f"{c}3") for c in "ABCDEF"] == ["No", "Indikator Kinerja", "Target", "Realisasi",
                                                        "Capaian", "Predikat"]
    assert [value_at(pk, f"{c}4") for c in "ABCDEF"] == [1, "Persentase koperasi aktif", 77.33, 34.67, 44.83,
                                                        "Tidak Tercapai"]
    assert [value_at(pk, f"{c}5") for c in "ABCDEF"] == [2, "Peningkatan volume usaha (M)", 103, 45.1, 43.79,
                                                        "Tidak Tercapai"]
    assert value_at(pk, "B7") == "=Angka sementara, bukan rumus"
    cs = book.get_sheet_by_name("Capaian Sasaran").to_python()
    assert [value_at(cs, f"{c}4") for c in "ABC"] == ["S3", "Meningkatnya peran koperasi dalam pengembangan ekonomi",
                                                     44.31]
    # In the XML: the formulas with their cached values, the merges, text never as a formula, a chart.
    parts = sheet_parts(after)
    pk_xml = xml(after[parts["Pengukuran Kinerja"]])
    e4 = pk_xml.find(".//m:c[@r='E4']", NS)
    assert (e4.findtext("m:f", namespaces=NS), e4.findtext("m:v", namespaces=NS)) == ("ROUND(D4/C4*100,2)", "44.83")
    assert pk_xml.find(".//m:c[@r='B7']/m:f", NS) is None
    assert [m.get("ref") for m in pk_xml.iterfind("m:mergeCells/m:mergeCell", NS)] == ["A1:F1"]
    cs_xml = xml(after[parts["Capaian Sasaran"]])
    c4 = cs_xml.find(".//m:c[@r='C4']", NS)
    assert c4.findtext("m:f", namespaces=NS) == "AVERAGE('Pengukuran Kinerja'!E4:E5)"
    assert Decimal(c4.findtext("m:v", namespaces=NS)) == Decimal("44.31")
    assert [m.get("ref") for m in cs_xml.iterfind("m:mergeCells/m:mergeCell", NS)] == ["A1:C1"]
    for sheet in NEW_SHEETS:
        owned = reachable(after, [parts[sheet]])
        charts = [n for n in owned if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        assert len(charts) == 1, f"{sheet}: expected one chart part, found {charts}"


@pytest.mark.parametrize("synced", WORKBOOKS, ids=_ids, indirect=True)
def test_sync_twice_gives_identical_bytes(synced, tmp_path):
    update_workbook = _sync()
    first = synced.path.read_bytes()
    again = update_workbook(synced.path, specs())
    assert synced.path.read_bytes() == first, "a second sync with the same specs changed the file"
    assert not again.written
    assert sorted(again.sheets_replaced) == sorted(NEW_SHEETS) and not again.sheets_added
    # The same specs applied to another copy of the same original give the same bytes.
    other = make_workbook(synced.source, tmp_path / "other")
    update_workbook(other, specs())
    assert other.read_bytes() == first


@pytest.mark.parametrize("source", WORKBOOKS, ids=_ids)
def test_dry_run_writes_nothing(source, tmp_path):
    update_workbook = _sync()
    path = make_workbook(source, tmp_path / "book")
    original = path.read_bytes()
    listing = sorted(p.name for p in path.parent.iterdir())
    result = update_workbook(path, specs(), dry_run=True)
    assert not result.written
    assert list(result.sheets_added) == NEW_SHEETS
    assert path.read_bytes() == original
    assert sorted(p.name for p in path.parent.iterdir()) == listing


def changed_specs() -> list[SheetSpec]:
    """specs() with one figure changed and the chart of "Capaian Sasaran" dropped (its parts must go)."""
    pk, cs = specs()
    pk.set(5, 4, Decimal("46"))
    pk.cells[(5, 5)] = Cell(value=Decimal("44.66"), formula="ROUND(D5/C5*100,2)", style=PERSEN)  # 46 / 103
    cs.charts.clear()
    return [pk, cs]


def orphans(parts: dict[str, bytes]) -> set[str]:
    """Parts no relationship leads to from the package root (rels parts and [Content_Types].xml aside)."""
    linked = reachable(parts, [t for _, t in relationships(parts, "").values()])
    return {n for n in parts if n not in linked and not n.endswith(".rels") and n != "[Content_Types].xml"}


@pytest.mark.parametrize("synced", WORKBOOKS, ids=_ids, indirect=True)
def test_sync_replacing_owned_sheets_changes_only_them(synced):
    update_workbook = _sync()
    result = update_workbook(synced.path, changed_specs())
    assert result.written and sorted(result.sheets_replaced) == sorted(NEW_SHEETS) and not result.sheets_added
    after = entries(synced.path)
    check_only_allowed_changes(synced.after, after, NEW_SHEETS)
    # Every user entry is still byte-identical to the original workbook, two syncs later.
    user = [n for n in synced.before if n not in ALLOWED_CHANGED | ALLOWED_REMOVED]
    assert [n for n in user if after.get(n) != synced.before[n]] == []
    # The replaced sheets sit where they were (same position, sheetId, part).
    assert workbook_sheets(after) == workbook_sheets(synced.after)
    # No part is left behind unreferenced (the dropped chart's drawing and chart went with it).
    assert orphans(after) <= orphans(synced.before)
    parts = sheet_parts(after)
    assert not [n for n in reachable(after, [parts["Capaian Sasaran"]]) if n.startswith(("xl/charts/", "xl/drawings/"))]
    rows = CalamineWorkbook.from_path(str(synced.path)).get_sheet_by_name("Pengukuran Kinerja").to_python()
    assert [value_at(rows, "D5"), value_at(rows, "E5")] == [46, 44.66]


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.parametrize("synced", ["fixture"], ids=_ids, indirect=True)
def test_libreoffice_opens_synced_fixture(synced, tmp_path):
    # LibreOffice is a second, independent reader: it opens the synced package, shows the cached
    # values (it does not recalculate xlsx on load), and imports the VBA modules (MS-OVBA) itself.
    out = tmp_path / "ods"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "ods", "--outdir", str(out), str(synced.path)],
                   check=True, capture_output=True, timeout=120)
    with zipfile.ZipFile(out / (synced.path.stem + ".ods")) as z:
        assert f"Sub {MACRO}()" in z.read("Basic/VBAProject/Module1.xml").decode("utf-8")
        assert "Basic/VBAProject/modLakip.xml" in z.namelist()
        content = xml(z.read("content.xml"))
    ods = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
           "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}

    def numbers(sheet: str) -> list[str]:
        table = content.find(f".//table:table[@table:name='{sheet}']", ods)
        assert table is not None, f"LibreOffice shows no sheet {sheet!r}"
        return [c.get(f"{{{ods['office']}}}value") for c in table.iter(f"{{{ods['table']}}}table-cell")
                if c.get(f"{{{ods['office']}}}value-type") in ("float", "percentage")]

    assert "44.83" in numbers("Realisasi")  # CAPAIAN(D5,E5), seed figure
    assert {"44.83", "43.79"} <= set(numbers("Pengukuran Kinerja"))
    assert "44.31" in numbers("Capaian Sasaran")

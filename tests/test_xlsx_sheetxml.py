"""Worksheet XML from a SheetSpec: exact numbers, text that stays text, schema order, read back by
python-calamine and openpyxl (read only; openpyxl never saves here)."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from python_calamine import CalamineWorkbook

from lakip_xl.xlsx import update_workbook
from lakip_xl.xlsx.sheetspec import FMT_PERSEN2, SheetSpec, Style, cell_ref, col_letter, parse_range, parse_ref
from lakip_xl.xlsx.sheetxml import check_merges, col_width, iter_sheet_xml, number_text, ooxml_text, sheet_xml

# CT_Worksheet children in schema order (ECMA-376 Part 1, 18.3.1.99), typed from the standard.
CT_WORKSHEET_ORDER = [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks",
    "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties",
    "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "picture",
    "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
]


# value, text written into <v> (hand-written: the exact decimal, no exponent, no float artefacts)
NUMBERS = [
    (Decimal("44.830"), "44.83"),
    (Decimal("1E+3"), "1000"),
    (Decimal("0.1"), "0.1"),
    (Decimal("-0.50"), "-0.5"),
    (Decimal("1264373"), "1264373"),  # seed: penyebut 1.264.373
    (Decimal("4926982500.00"), "4926982500"),  # seed: Rp 4.926.982.500
    (Decimal("1E-7"), "0.0000001"),
    (Decimal("-0"), "0"),
    (0, "0"),
    (12, "12"),
]


@pytest.mark.parametrize("value, text", NUMBERS)
def test_number_text_exact(value, text):
    assert number_text(value) == text


@settings(max_examples=400, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=None) | st.builds(
    lambda digits, exp, neg: Decimal((neg, tuple(digits), exp)),
    st.lists(st.integers(0, 9), min_size=1, max_size=30), st.integers(-40, 40), st.integers(0, 1)))
def test_number_text_is_the_plain_decimal(x):
    # the definition (format "f", trailing zeros and a bare point dropped, no "-0"), whatever the
    # shortcut number_text takes through str()
    s = format(x, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    assert number_text(x) == ("0" if x == 0 else s)
    assert Decimal(number_text(x)) == x


def test_number_text_refuses_nan_and_float():
    with pytest.raises(ValueError, match="cannot write NaN"):
        number_text(Decimal("NaN"))
    spec = SheetSpec("X")
    spec.set(1, 1, 0.1)  # a float: the writer wants Decimal
    with pytest.raises(TypeError, match="give a Decimal"):
        sheet_xml(spec, lambda st: 0)
    for x in ("NaN", "-Infinity", "sNaN"):  # a Decimal cell that is not a number: refused by the writer too
        spec = SheetSpec("X")
        spec.set(1, 1, Decimal(x))
        with pytest.raises(ValueError, match="cannot write"):
            sheet_xml(spec, lambda st: 0)
    with pytest.raises(TypeError, match="bool"):
        number_text(True)
    assert number_text(7) == "7"


# text, stored form (ECMA-376 ST_Xstring escapes)
ESCAPES = [
    ("a\x01b", "a_x0001_b"),
    ("_x0041_", "_x005F_x0041_"),  # the leading "_" itself is escaped as _x005F_
    ("biasa", "biasa"),
]


@pytest.mark.parametrize("text, stored", ESCAPES)
def test_ooxml_escapes(text, stored):
    assert ooxml_text(text) == stored


# width typed in Excel, width stored (XlsxWriter writes set_column(.., 10) as 10.7109375; 8.43 is
# Excel's default column, stored as 9.140625 in files Excel writes)
@pytest.mark.parametrize("chars, stored", [(10, "10.7109375"), (8.43, "9.140625"), (20, "20.7109375")])
def test_col_width(chars, stored):
    assert col_width(chars) == stored


def test_overlapping_merges_refused():
    with pytest.raises(ValueError, match="overlap"):
        check_merges(["A1:B2", "B2:C3"])
    check_merges(["A1:B2", "C1:D2"])


@pytest.mark.parametrize("r, c", [(0, 3), (1_048_577, 1), (5, 0), (5, 16_385), (-1, -1)])
def test_cell_outside_the_sheet_refused(r, c):
    s = SheetSpec("X")
    s.set(2, 2, "ok")
    s.set(r, c, "x")
    s.set(3, 16_384, "ok")
    with pytest.raises(ValueError, match=rf"cell \({r}, {c}\) outside the sheet"):
        sheet_xml(s, lambda st: 0)
    del s.cells[(r, c)]
    assert b'<dimension ref="A1:XFD3"/>' in sheet_xml(s, lambda st: 0)


def test_col_letter_and_cell_ref():
    assert [col_letter(c) for c in (1, 26, 27, 52, 703, 16_384)] == ["A", "Z", "AA", "AZ", "AAA", "XFD"]
    assert [cell_ref(7, c) for c in (1, 28, 16_384, 16_385)] == ["A7", "AB7", "XFD7", "XFE7"]
    assert col_letter(0) == col_letter(-3) == "" and cell_ref(4, -30) == "4"  # below 1 looped for ever


def test_text_cache_shared_by_sheets_changes_nothing():
    # the package writer hands every sheet of one write the same text cache: each sheet's XML is the one
    # it has alone, whatever the sheets before it wrote (the same texts under other styles, with spaces)
    a, b = SheetSpec("A"), SheetSpec("B")
    for i, t in enumerate(["Indikator 1", " awal", "a & b", "Indikator 1", "", "akhir "], start=1):
        a.set(i, 2, t, style=Style(wrap=True))
        b.set(i + 3, 1, t, style=Style(bold=True) if i % 2 else None)
        b.set(i, 3, f"={t}")
    gaya = {}
    def xf(st):
        return gaya.setdefault(st, len(gaya) + 1) if st is not None else 0
    bersama: dict[str, str] = {}
    dengan = [b"".join(iter_sheet_xml(s, xf, texts=bersama)) for s in (a, b)]
    assert dengan == [sheet_xml(s, xf) for s in (a, b)]
    assert "Indikator 1" in bersama and " awal" in bersama


def _full_spec() -> SheetSpec:
    s = SheetSpec("Pengukuran Kinerja")
    head = Style(bold=True, fill="DDEBF7", halign="center", valign="center", wrap=True, border=True)
    s.set(1, 1, "Pengukuran Kinerja 2023", style=Style(bold=True, size=14))
    s.set(3, 1, "No", style=head)
    s.set(3, 2, "Indikator", style=head)
    s.set(3, 3, "Capaian", style=head)
    s.set(4, 1, Decimal(1))
    s.set(4, 2, "=HYPERLINK(\"http://x\")")  # user text starting with "=" must stay text
    s.set(4, 3, Decimal("44.83"), formula="ROUND(4483/100,2)", style=Style(number_format=FMT_PERSEN2))
    s.set(5, 1, Decimal(2))
    s.set(5, 2, "+62 812 555")
    s.set(5, 3, Decimal("214.00"), style=Style(number_format=FMT_PERSEN2, font_color="0070C0", italic=True))
    s.set(6, 1, Decimal(3))
    s.set(6, 2, "-")
    s.set(6, 3, "Tercapai", formula='IF(C5>=100,"Tercapai","Tidak")')
    s.set(7, 2, "@catatan")
    s.set(7, 3, True)
    s.set(8, 2, "  spasi di depan\nbaris baru")
    s.merges = ["A1:C1"]
    s.col_widths = {1: 5, 2: 40, 3: 12}
    s.row_heights = {3: 30, 10: 20}
    s.freeze = "B4"
    s.print_title_rows = (3, 3)
    s.tab_color = "00B050"
    return s


def test_element_order_follows_schema():
    from lakip_xl.xlsx.sheetspec import Chart, Series

    s = _full_spec()
    s.charts.append(Chart("bar", "Capaian", "B4:B6", (Series("Capaian", "C4:C6"),), "E3"))
    root = etree.fromstring(sheet_xml(s, lambda st: 0, "rId1"))
    names = [etree.QName(el).localname for el in root]
    assert names == sorted(names, key=CT_WORKSHEET_ORDER.index)
    assert {"sheetPr", "sheetViews", "cols", "sheetData", "mergeCells", "pageSetup", "drawing"} <= set(names)


@pytest.fixture
def written(tmp_path):
    path = tmp_path / "Laporan.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Data").write("A1", "data pengguna")
    wb.close()
    update_workbook(path, [_full_spec()], backups=0)
    return path


def test_values_read_back_by_calamine(written):
    rows = CalamineWorkbook.from_path(str(written)).get_sheet_by_name("Pengukuran Kinerja").to_python()
    assert rows[0][0] == "Pengukuran Kinerja 2023"
    assert rows[3] == [1.0, '=HYPERLINK("http://x")', 44.83]  # cached formula value 44.83
    assert rows[4] == [2.0, "+62 812 555", 214.0]
    assert rows[5][1:] == ["-", "Tercapai"]  # cached text of a formula
    assert rows[6][1:] == ["@catatan", True]
    assert rows[7][1] == "  spasi di depan\nbaris baru"


def test_text_stays_text_and_formulas_are_formulas(written):
    ws = openpyxl.load_workbook(written)["Pengukuran Kinerja"]
    for ref in ("B4", "B5", "B6", "B7"):
        assert ws[ref].data_type == "s", ref
    assert ws["B4"].value == '=HYPERLINK("http://x")'
    assert ws["C4"].data_type == "f" and ws["C4"].value == "=ROUND(4483/100,2)"
    sheet = zipfile.ZipFile(written).read("xl/worksheets/sheet2.xml")
    assert b'<t xml:space="preserve">  spasi di depan\nbaris baru</t>' in sheet
    assert b"sharedStrings" not in b"".join(zipfile.ZipFile(written).read(n) for n in ["xl/worksheets/sheet2.xml"])


def test_layout_and_styles_read_by_openpyxl(written):
    ws = openpyxl.load_workbook(written)["Pengukuran Kinerja"]
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:C1"]
    assert ws.freeze_panes == "B4"
    assert ws.column_dimensions["B"].width == pytest.approx(40.7109375)  # 40 chars as XlsxWriter stores it
    assert ws.row_dimensions[3].height == 30
    assert ws.print_title_rows == "$3:$3"
    assert ws.sheet_properties.tabColor.rgb == "FF00B050"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    a3 = ws["A3"]
    assert a3.font.b and a3.fill.fgColor.rgb == "FFDDEBF7" and a3.fill.fill_type == "solid"
    assert a3.alignment.horizontal == "center" and a3.alignment.wrap_text
    assert a3.border.left.style == "thin" and a3.border.bottom.style == "thin"
    assert ws["A1"].font.sz == 14
    assert ws["C4"].number_format == FMT_PERSEN2
    assert ws["C5"].font.i and ws["C5"].font.color.rgb == "FF0070C0"
    assert ws["A4"].style_id == 0 and not ws["A4"].font.b


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), min_size=1,
                      max_size=5))
def test_any_text_round_trips(tmp_path_factory, texts):
    """Any text (control characters, CR, "_x0041_", leading "=", emoji) reads back unchanged in
    python-calamine, which decodes the _xHHHH_ escapes as Excel does."""
    path = tmp_path_factory.mktemp("teks") / "t.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Data")
    wb.close()
    s = SheetSpec("Teks")
    for i, t in enumerate(texts, start=1):
        s.set(i, 1, t)
        s.set(i, 2, Decimal(i))  # keeps every row present even when the text is empty
    update_workbook(path, [s], backups=0)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Teks").to_python()
    assert [r[0] for r in rows] == texts


def _parse_ref_definisi(ref: str) -> tuple[int, int]:
    ref = ref.replace("$", "").upper()
    i = 0
    while i < len(ref) and ref[i].isalpha():
        i += 1
    col = 0
    for ch in ref[:i]:
        col = col * 26 + ord(ch) - 64
    return int(ref[i:]), col


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ABCXYZabz$0123456789Äß", min_size=1, max_size=9))
def test_parse_ref_shortcut_is_the_definition(ref):
    # parse_ref's lookup for the common "AB12" form gives what the letter-by-letter definition gives
    try:
        harapan = _parse_ref_definisi(ref)
    except ValueError:
        with pytest.raises(ValueError):
            parse_ref(ref)
        return
    assert parse_ref(ref) == harapan


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ABXZab$019:", min_size=1, max_size=12))
def test_parse_range_is_parse_ref_of_each_end(ref):
    # parse_range's one match for "B5:C7" gives what parse_ref gives for each end ("B5" alone: both ends)
    a, _, b = ref.partition(":")
    try:
        harapan = (*_parse_ref_definisi(a), *_parse_ref_definisi(b or a))
    except ValueError:
        with pytest.raises(ValueError):
            parse_range(ref)
        return
    assert parse_range(ref) == harapan


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "_", "x", "0", "F", " ", "\t", "\n", "\r", "\x00", "\x1f", "é", "\ufffe",
                                 "\uffff", "_x0041_", "\u2028", "🙂"]), max_size=12).map("".join))
def test_ooxml_text_shortcut_is_the_definition(s):
    harapan = re.sub("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]", lambda m: f"_x{ord(m.group(0)):04X}_",
                     re.sub(r"_(x[0-9A-Fa-f]{4}_)", r"_x005F_\1", s))
    assert ooxml_text(s) == harapan


_nilai_sel = st.one_of(st.none(), st.booleans(), st.integers(-5, 5),
                       st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-999, max_value=999),
                       st.sampled_from(["Indikator 1", " awal", "a & b", "", "=A1", "baris\nbaru", "x" * 30]))
_sel = st.tuples(st.integers(1, 30), st.integers(1, 6), _nilai_sel,
                 st.sampled_from([None, "SUM(A1:A2)"]), st.sampled_from([None, Style(bold=True), Style(wrap=True)]))


@settings(max_examples=150, deadline=None)
@given(st.lists(_sel, max_size=60), st.dictionaries(st.integers(1, 35), st.sampled_from([15, 22.5, 30]), max_size=6),
       st.randoms(use_true_random=False), st.booleans())
def test_rows_are_the_cells_written_one_by_one(cells, tinggi, acak, berurutan):
    """The writer's <sheetData> (the cells in one pass, text and number fast paths, rows with only a
    height between them) equals the rows restated cell by cell with _cell_xml, whether the cells were
    set in (row, col) order (the spec's own items are read) or in any other (each key looked up)."""
    from lakip_xl.xlsx.sheetxml import _cell_xml

    isi = {(r, c): (v, f, gaya) for r, c, v, f, gaya in cells}
    urutan = sorted(isi.items(), key=lambda kv: kv[0])
    if not berurutan:
        acak.shuffle(urutan)
    s = SheetSpec("Acak")
    for (r, c), (v, f, gaya) in urutan:
        s.set(r, c, v, formula=f, style=gaya)
    s.row_heights = dict(tinggi)
    indeks = {None: 0, Style(bold=True): 1, Style(wrap=True): 2}

    def xf(st_):
        return indeks[st_]

    baris = []
    for r in sorted({r for r, _ in isi} | tinggi.keys()):
        ht = f' ht="{number_text(Decimal(str(tinggi[r])))}" customHeight="1"' if r in tinggi else ""
        sel = "".join(_cell_xml(cell_ref(r, c), s.cells[(r, c)], xf(s.cells[(r, c)].style))
                      for c in sorted(c for rr, c in isi if rr == r))
        baris.append(f'<row r="{r}"{ht}>{sel}</row>' if sel else f'<row r="{r}"{ht}/>')
    harapan = f"<sheetData>{''.join(baris)}</sheetData>" if baris else "<sheetData/>"
    xml = sheet_xml(s, xf).decode()
    assert xml[xml.index("<sheetData"):].startswith(harapan)

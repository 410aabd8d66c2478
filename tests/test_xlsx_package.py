"""Package-level behaviour of update_workbook: only the allowed entries change, raw copies of the rest,
ownership, determinism, dry run, append-only styles, charts replaced and removed, calcChain dropped."""

from __future__ import annotations

import io
import os
import zipfile
from decimal import Decimal

import openpyxl
import pytest
import xlsxwriter
from lxml import etree
from python_calamine import CalamineWorkbook

from lakip_xl.errors import BerkasError, InputError
from lakip_xl.xlsx import OWNED_NAME, Perubahan, decode_owned, encode_owned, owned_sheets, update_workbook
from lakip_xl.xlsx.sheetspec import Chart, Series, SheetSpec, Style
from lakip_xl.xlsx.verify import compare

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
      "pr": "http://schemas.openxmlformats.org/package/2006/relationships"}
SHARED_ALLOWED = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"}


def make_book(path, *, extra_sheet: str | None = None) -> None:
    """A small user workbook: two data sheets, shared strings, a formula with a cached value, a
    defined name, a user style."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Indikator")
    bold = wb.add_format({"bold": True, "bg_color": "#FFFF00"})
    ws.write_row("A1", ["Kode", "Target", "Realisasi", "Capaian"], bold)
    ws.write_row("A2", ["IK1", 100, 97.65])
    ws.write_formula("D2", "=C2/B2*100", None, 97.65)
    ws2 = wb.add_worksheet("Anggaran")
    ws2.write("A1", "Pagu")
    ws2.write("B1", 4926982500)
    wb.define_name("TahunLaporan", "=2023")
    if extra_sheet:
        wb.add_worksheet(extra_sheet).write("A1", "milik pengguna")
    wb.close()


def spec(name="Ikhtisar", *, value=Decimal("97.65"), charts=2, style=None) -> SheetSpec:
    s = SheetSpec(name)
    s.set(1, 1, f"Ringkasan {name}", style=Style(bold=True))
    s.set(2, 1, "Indikator", style=style or Style(bold=True, fill="DDEBF7", border=True))
    s.set(2, 2, "Capaian", style=style or Style(bold=True, fill="DDEBF7", border=True))
    for i in range(3):
        s.set(3 + i, 1, f"IK{i + 1}")
        s.set(3 + i, 2, value + i, style=Style(number_format='0.00"%"'))
    kinds = ["bar", "line"]
    for k in range(charts):
        s.charts.append(Chart(kinds[k % 2], f"Grafik {k}", "A3:A5", (Series("Capaian", "B3:B5"),), "D2"))
    s.print_title_rows = (2, 2)
    return s


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "Laporan.xlsx"
    make_book(path)
    return path


def _xml(path, name):
    return etree.fromstring(zipfile.ZipFile(path).read(name))


def test_only_allowed_entries_change(book):
    before = book.read_bytes()
    per = update_workbook(book, [spec()], backups=0)
    diff = compare(before, book.read_bytes())
    assert set(diff.changed) <= SHARED_ALLOWED
    assert diff.removed == [] and diff.order_kept
    assert set(diff.added) == {"xl/worksheets/sheet3.xml", "xl/worksheets/_rels/sheet3.xml.rels",
                               "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels",
                               "xl/charts/chart1.xml", "xl/charts/chart2.xml"}
    assert set(per.parts_changed) == set(diff.changed) | set(diff.added)
    assert per.sheets_added == ["Ikhtisar"] and per.written
    # new entries at the end, fixed date
    infos = zipfile.ZipFile(book).infolist()
    assert [i.filename for i in infos[-len(diff.added):]] == diff.added
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos if i.filename in diff.added)
    # the user's cached values survive: calamine reads them without any recalculation
    wb = CalamineWorkbook.from_path(str(book))
    assert wb.sheet_names == ["Indikator", "Anggaran", "Ikhtisar"]
    assert wb.get_sheet_by_name("Indikator").to_python()[1] == ["IK1", 100.0, 97.65, 97.65]
    assert wb.get_sheet_by_name("Ikhtisar").to_python()[2] == ["IK1", 97.65]


def test_workbook_xml_edits(book):
    calc_before = etree.tostring(_xml(book, "xl/workbook.xml").find("m:calcPr", NS))
    update_workbook(book, [spec("Ikhtisar"), spec("Capaian Sasaran", charts=0)], backups=0)
    wbx = _xml(book, "xl/workbook.xml")
    sheets = wbx.findall("m:sheets/m:sheet", NS)
    assert [s.get("name") for s in sheets] == ["Indikator", "Anggaran", "Ikhtisar", "Capaian Sasaran"]
    assert [s.get("sheetId") for s in sheets] == ["1", "2", "3", "4"]
    assert etree.tostring(wbx.find("m:calcPr", NS)) == calc_before
    names = {(d.get("name"), d.get("localSheetId")): d for d in wbx.findall("m:definedNames/m:definedName", NS)}
    assert names[(OWNED_NAME, None)].get("hidden") == "1"
    assert names[(OWNED_NAME, None)].text == '"Ikhtisar|Capaian Sasaran"'
    assert names[("_xlnm.Print_Titles", "2")].text == "'Ikhtisar'!$2:$2"
    assert names[("_xlnm.Print_Titles", "3")].text == "'Capaian Sasaran'!$2:$2"
    assert names[("TahunLaporan", None)].text == "2023"
    assert owned_sheets(book) == ["Ikhtisar", "Capaian Sasaran"]
    ws = openpyxl.load_workbook(book)["Capaian Sasaran"]
    assert ws.print_title_rows == "$2:$2"


def test_replace_keeps_position_ids_and_part(book):
    update_workbook(book, [spec("Ikhtisar"), spec("Capaian Sasaran")], backups=0)
    before = [dict(s.attrib) for s in _xml(book, "xl/workbook.xml").findall("m:sheets/m:sheet", NS)]
    rels_before = zipfile.ZipFile(book).read("xl/_rels/workbook.xml.rels")
    per = update_workbook(book, [spec("Ikhtisar", value=Decimal("50"))], backups=0)
    assert per.sheets_replaced == ["Ikhtisar"] and per.sheets_added == []
    after = [dict(s.attrib) for s in _xml(book, "xl/workbook.xml").findall("m:sheets/m:sheet", NS)]
    assert after == before
    assert zipfile.ZipFile(book).read("xl/_rels/workbook.xml.rels") == rels_before
    assert per.parts_changed == ["xl/worksheets/sheet3.xml", "xl/charts/chart1.xml", "xl/charts/chart2.xml"]
    assert CalamineWorkbook.from_path(str(book)).get_sheet_by_name("Ikhtisar").to_python()[2] == ["IK1", 50.0]
    assert owned_sheets(book) == ["Ikhtisar", "Capaian Sasaran"]


def test_refuses_sheet_not_owned(tmp_path):
    path = tmp_path / "Laporan.xlsx"
    make_book(path, extra_sheet="ikhtisar")  # same name, other letter case: still the same sheet in Excel
    before = path.read_bytes()
    with pytest.raises(BerkasError, match="Sheet 'ikhtisar' sudah ada dan bukan buatan lakip_xl") as e:
        update_workbook(path, [spec("Ikhtisar")])
    assert "Sheet 'ikhtisar' sudah ada dan bukan buatan lakip_xl; ganti nama sheet itu atau hapus." in str(e.value)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["Laporan.xlsx"]


def test_invalid_spec_names(book):
    with pytest.raises(InputError, match="Nama sheet 'A/B' tidak sah"):
        update_workbook(book, [SheetSpec("A/B")])
    with pytest.raises(InputError, match="Sheet 'IKHTISAR' diminta lebih dari sekali"):
        update_workbook(book, [SheetSpec("Ikhtisar"), SheetSpec("IKHTISAR")])
    with pytest.raises(InputError, match=r"Nama sheet 'A\|B' tidak sah"):
        update_workbook(book, [SheetSpec("A|B")])  # "|" separates names in the ownership marker


# names, formula text (hand-written: Excel string constants, quotes doubled)
OWNED_CASES = [
    (["Ikhtisar"], '"Ikhtisar"'),
    (["Pengukuran Kinerja", "Ikhtisar"], '"Pengukuran Kinerja|Ikhtisar"'),
    (['Kata "kutip"'], '"Kata ""kutip"""'),
    ([], '""'),
]


@pytest.mark.parametrize("names, text", OWNED_CASES)
def test_owned_marker_encoding(names, text):
    assert encode_owned(names) == text
    assert decode_owned(text) == names
    assert decode_owned("=" + text) == names


def test_owned_marker_long_list_splits_at_255():
    names = [f"Sheet Hasil Nomor {i:02d}" for i in range(20)]  # 20 * 21 + 19 separators = 439 characters
    text = encode_owned(names)
    assert text.count("&") == 1  # two constants: 255 + 184 characters
    assert all(len(chunk) - 2 <= 255 for chunk in text.split("&"))
    assert decode_owned(text) == names
    assert decode_owned('"A|B" junk') == []  # malformed: owns nothing (the safe reading)


def test_deterministic_and_idempotent(tmp_path, book):
    other = tmp_path / "salinan.xlsx"
    other.write_bytes(book.read_bytes())
    specs = [spec("Ikhtisar"), spec("Capaian Sasaran", charts=1)]
    update_workbook(book, specs, backups=0)
    update_workbook(other, specs, backups=0)
    first = book.read_bytes()
    assert other.read_bytes() == first
    per = update_workbook(book, specs, backups=0)
    assert book.read_bytes() == first
    assert not per.written and not per.ada_perubahan
    assert per.sheets_replaced == ["Ikhtisar", "Capaian Sasaran"]
    assert "Tidak ada perubahan" in per.ringkasan()


def test_dry_run_writes_nothing(tmp_path, book):
    before = book.read_bytes()
    listing = sorted(os.listdir(tmp_path))
    dry = update_workbook(book, [spec()], dry_run=True)
    assert book.read_bytes() == before and sorted(os.listdir(tmp_path)) == listing
    assert not dry.written and dry.dry_run
    assert "akan ditambahkan" in dry.ringkasan() and "Belum ada yang ditulis" in dry.ringkasan()
    real = update_workbook(book, [spec()], backups=3)
    assert (dry.sheets_added, dry.sheets_replaced, dry.parts_changed, dry.parts_removed) == \
        (real.sheets_added, real.sheets_replaced, real.parts_changed, real.parts_removed)
    assert dry.backup_path == real.backup_path
    assert real.backup_path.read_bytes() == before


def _records(styles: bytes) -> dict[str, list[bytes]]:
    root = etree.fromstring(styles)
    out = {}
    for box, child in (("numFmts", "numFmt"), ("fonts", "font"), ("fills", "fill"), ("borders", "border"),
                       ("cellXfs", "xf")):
        el = root.find(f"m:{box}", NS)
        items = [] if el is None else el.findall(f"m:{child}", NS)
        if el is not None:
            assert el.get("count") == str(len(items))
        out[box] = [etree.tostring(i, method="c14n") for i in items]
    return out


def test_styles_are_appended_never_changed(book):
    old = _records(zipfile.ZipFile(book).read("xl/styles.xml"))
    update_workbook(book, [spec()], backups=0)
    mid = _records(zipfile.ZipFile(book).read("xl/styles.xml"))
    for box in old:
        assert mid[box][:len(old[box])] == old[box], box  # existing records untouched, same order
    assert len(mid["cellXfs"]) > len(old["cellXfs"])
    # a new style on re-sync appends exactly what it needs (one font for red text, one xf)
    update_workbook(book, [spec(style=Style(font_color="FF0000"))], backups=0)
    new = _records(zipfile.ZipFile(book).read("xl/styles.xml"))
    for box in old:
        assert new[box][:len(mid[box])] == mid[box], box
    assert len(new["fonts"]) == len(mid["fonts"]) + 1
    assert len(new["cellXfs"]) == len(mid["cellXfs"]) + 1
    assert openpyxl.load_workbook(book)["Ikhtisar"]["A2"].font.color.rgb == "FFFF0000"


def _ct_overrides(path) -> set[str]:
    return {o.get("PartName") for o in _xml(path, "[Content_Types].xml").findall("ct:Override", NS)}


def test_charts_replaced_then_removed(book):
    update_workbook(book, [spec(charts=2)], backups=0)
    assert len(openpyxl.load_workbook(book)["Ikhtisar"]._charts) == 2
    per = update_workbook(book, [spec(charts=1)], backups=0)
    names = zipfile.ZipFile(book).namelist()
    assert "xl/charts/chart2.xml" not in names and "xl/charts/chart1.xml" in names
    assert per.parts_removed == ["xl/charts/chart2.xml"]
    assert "/xl/charts/chart2.xml" not in _ct_overrides(book)
    assert len(openpyxl.load_workbook(book)["Ikhtisar"]._charts) == 1
    per = update_workbook(book, [spec(charts=0)], backups=0)
    names = zipfile.ZipFile(book).namelist()
    assert not [n for n in names if "drawing" in n or "chart" in n]
    assert "xl/worksheets/_rels/sheet3.xml.rels" not in names
    assert not [p for p in _ct_overrides(book) if "drawing" in p or "chart" in p]
    assert set(per.parts_removed) == {"xl/charts/chart1.xml", "xl/drawings/drawing1.xml",
                                      "xl/drawings/_rels/drawing1.xml.rels", "xl/worksheets/_rels/sheet3.xml.rels"}


def test_chart_parts_do_not_collide(tmp_path):
    """A workbook that already has drawing1/chart1 (the user's chart): ours get new numbers."""
    path = tmp_path / "Grafik.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data")
    ws.write_column("A1", [1, 2, 3])
    ch = wb.add_chart({"type": "column"})
    ch.add_series({"values": "=Data!$A$1:$A$3"})
    ws.insert_chart("C1", ch)
    wb.close()
    before = path.read_bytes()
    update_workbook(path, [spec(charts=1)], backups=0)
    diff = compare(before, path.read_bytes())
    assert "xl/charts/chart2.xml" in diff.added and "xl/drawings/drawing2.xml" in diff.added
    assert set(diff.changed) <= SHARED_ALLOWED
    wbo = openpyxl.load_workbook(path)
    assert len(wbo["Data"]._charts) == 1 and len(wbo["Ikhtisar"]._charts) == 1


def _with_calc_chain(path) -> None:
    """Add xl/calcChain.xml with its relationship and override, as Excel writes them."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>')
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxml'
                                    b'formats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/>'
                                    b"</Relationships>")
            out.writestr(info, data)
        out.writestr("xl/calcChain.xml", b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<calcChain '
                     b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="D2" i="1"/></calcChain>')
    path.write_bytes(buf.getvalue())


def test_calc_chain_removed_with_rel_and_override(book):
    _with_calc_chain(book)
    per = update_workbook(book, [spec(charts=0)], backups=0)
    assert per.parts_removed == ["xl/calcChain.xml"]
    assert "xl/calcChain.xml" not in zipfile.ZipFile(book).namelist()
    assert b"calcChain" not in zipfile.ZipFile(book).read("xl/_rels/workbook.xml.rels")
    assert "/xl/calcChain.xml" not in _ct_overrides(book)


def test_perubahan_is_a_dataclass_with_summary(book):
    per = update_workbook(book, [spec()], backups=2)
    assert isinstance(per, Perubahan)
    text = per.ringkasan()
    assert "Sheet yang ditambahkan (1): Ikhtisar" in text
    assert per.backup_path.name == ".Laporan.xlsx.lakipxl-1.bak"
    assert per.backup_path.name in text


def test_xml_with_doctype_refused(book):
    """An entity declaration (the 'billion laughs' vector) is never expanded: the part is refused."""
    src = zipfile.ZipFile(io.BytesIO(book.read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"<workbook ", b'<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa">]><workbook ', 1)
            out.writestr(info, data)
    book.write_bytes(buf.getvalue())
    before = book.read_bytes()
    with pytest.raises(BerkasError, match="DOCTYPE"):
        update_workbook(book, [spec()])
    assert book.read_bytes() == before


def test_verify_compare_detects_a_change(book):
    """The comparison helper used above really sees a one-byte change of one entry."""
    src = zipfile.ZipFile(io.BytesIO(book.read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            out.writestr(info, data + b" " if info.filename == "docProps/app.xml" else data)
    diff = compare(book.read_bytes(), buf.getvalue())
    assert diff.changed == ["docProps/app.xml"] and diff.order_kept

"""lakip_xl.xlsx.xmltree: the standard-library XML of the small parts the sync edits.

What it must keep that ElementTree's own writer loses: namespace declarations (also those only named
in mc:Ignorable), the prefixes, comments and processing instructions; and it must refuse a DOCTYPE
before any entity is expanded. The parts of real Excel files are compared with what lxml writes.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from lakip_xl.errors import BerkasError
from lakip_xl.xlsx import xmltree
from lakip_xl.xlsx.package import NS_MAIN, NS_R, ContentTypes, Rels, parse_xml, q, serialize

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"

WORKBOOK_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    b'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr xr6" '
    b'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
    b'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
    b'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6">'
    b'<!-- kept --><?app kept?>'
    b'<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    b'<mc:Choice Requires="x15"><x15ac:absPath url="C:\\Data\\" '
    b'xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice>'
    b'</mc:AlternateContent>'
    b'<sheets><sheet name="A &amp; B" sheetId="1" r:id="rId1"/></sheets>'
    b'<definedNames><definedName name="x">\'A &amp; B\'!$A$1&lt;&gt;"q"</definedName></definedNames>'
    b'</workbook>'
)


def test_round_trip_keeps_declarations_prefixes_comments_and_escapes():
    root = parse_xml(WORKBOOK_XML)
    out = serialize(root, WORKBOOK_XML)
    # the same bytes lxml writes for the same tree (both put an element's declarations before its
    # attributes, where Excel writes mc:Ignorable between them), after the original declaration
    lx = etree.fromstring(WORKBOOK_XML)
    assert out == WORKBOOK_XML[:WORKBOOK_XML.index(b"<workbook")] + etree.tostring(lx, encoding="UTF-8")
    assert b"<!-- kept --><?app kept?>" in out
    assert b'<x15ac:absPath url="C:\\Data\\" xmlns:x15ac=' not in out  # declarations first
    assert b'<x15ac:absPath xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac" ' in out
    assert b"<definedName name=\"x\">'A &amp; B'!$A$1&lt;&gt;\"q\"</definedName>" in out
    assert etree.tostring(etree.fromstring(out), method="c14n") == etree.tostring(lx, method="c14n")


def test_prefixes_named_only_in_ignorable_stay_declared():
    out = xmltree.tostring(parse_xml(WORKBOOK_XML))
    for prefix in (b"x15", b"xr", b"xr6"):
        assert b'xmlns:' + prefix + b'="' in out
    # what the standard library alone writes: declarations dropped, prefixes renamed
    import xml.etree.ElementTree as ET

    plain = ET.tostring(ET.fromstring(WORKBOOK_XML))
    assert b"xmlns:xr6" not in plain and b"ns0:" in plain


def test_edits_are_written_with_the_documents_prefixes():
    root = parse_xml(WORKBOOK_XML)
    sheets = root.find(q(NS_MAIN, "sheets"))
    el = xmltree.SubElement(sheets, q(NS_MAIN, "sheet"))
    el.set("name", 'Ringkasan "1"\n')
    el.set("sheetId", "2")
    el.set(q(NS_R, "id"), "rId9")
    out = xmltree.tostring(root)
    assert b'<sheet name="Ringkasan &quot;1&quot;&#10;" sheetId="2" r:id="rId9"/></sheets>' in out
    assert etree.fromstring(out).find(f"{{{NS_MAIN}}}sheets")[1].get(f"{{{NS_R}}}id") == "rId9"


@pytest.mark.parametrize("xml", [
    b'<a b="x&#13;&#9;&#10;y &amp; &lt;&gt;&quot;">x&#13;y\tz\n&gt;"&amp;&lt;</a>',
    b'<a><b>  </b>\n  <c/>tail<d></d></a>',
])
def test_escapes_and_whitespace_as_lxml_writes_them(xml):
    assert xmltree.tostring(xmltree.parse(xml)) == etree.tostring(etree.fromstring(xml))


def test_a_namespace_not_in_scope_is_declared_where_used():
    root = xmltree.element(q(NS_MAIN, "styleSheet"), nsmap={None: NS_MAIN})
    ext = xmltree.SubElement(root, "{http://schemas.microsoft.com/office/spreadsheetml/2009/9/main}slicerStyles")
    ext.set("{urn:example}a", "1")
    xmltree.SubElement(root, "plain")  # no namespace under a default one
    out = xmltree.tostring(root)
    assert out == (b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   b'<x14:slicerStyles xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
                   b'xmlns:ns0="urn:example" ns0:a="1"/><plain xmlns=""/></styleSheet>')
    back = etree.fromstring(out)
    assert [c.tag for c in back] == [ext.tag, "plain"]
    assert back[0].get("{urn:example}a") == "1"


def test_doctype_refused_before_entities_expand():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>')
    with pytest.raises(BerkasError, match="DOCTYPE"):
        parse_xml(bomb, part="xl/workbook.xml", berkas="b.xlsx")
    with pytest.raises(xmltree.XMLError, match="DOCTYPE"):
        xmltree.parse(bomb.replace(b"DOCTYPE", b"doctype"))  # not XML either way: still refused


def test_broken_xml_is_a_berkas_error_naming_the_part():
    with pytest.raises(BerkasError, match="xl/styles.xml") as e:
        parse_xml(b"<styleSheet><fonts></styleSheet>", part="xl/styles.xml", berkas="b.xlsx")
    # where, in Bahasa Indonesia (not expat's English "mismatched tag"); below, damage on line 2
    assert "(baris 1, kolom " in e.value.masalah.pesan and "mismatched" not in str(e.value)
    with pytest.raises(BerkasError, match=r"\(baris 2, kolom \d+\)"):
        parse_xml(b"<a>\n<b></a>", part="xl/workbook.xml")


def test_rels_and_content_types_edit_like_before():
    rels = Rels("xl/workbook.xml", None)
    rid = rels.add("http://x/worksheet", "xl/worksheets/sheet2.xml")
    rels.add("http://x/styles", "xl/styles.xml")
    rels.remove(rid)
    assert rels.to_bytes().endswith(
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId2" Type="http://x/styles" Target="styles.xml"/></Relationships>')
    ct = ContentTypes(b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                      b'<Override PartName="/a.xml" ContentType="a"/></Types>')
    ct.ensure_default("png", "image/png")
    ct.remove_override("a.xml")
    assert ct.to_bytes().endswith(b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                                  b'<Default Extension="png" ContentType="image/png"/></Types>')


def _bagian_kecil():
    files = sorted((DATA / "fidelity").glob("*.xls*")) + sorted((ROOT / "workbooks").glob("*.xls*"))
    for f in files:
        with zipfile.ZipFile(f) as z:
            for n in z.namelist():
                if n.endswith((".rels", "workbook.xml", "styles.xml", "[Content_Types].xml")):
                    yield f"{f.name}:{n}", z.read(n)


@pytest.mark.parametrize("nama,data", list(_bagian_kecil()), ids=lambda x: x if isinstance(x, str) else "")
def test_excel_parts_written_as_lxml_writes_them(nama, data):
    """Every small part of the Excel-made fidelity files and of the bundled workbooks: parsed and written
    back unchanged, the bytes equal lxml's for the same part."""
    root = parse_xml(data, part=nama)
    lx = etree.fromstring(data)
    assert xmltree.tostring(root) == etree.tostring(lx, encoding="UTF-8", xml_declaration=False)


def test_sync_does_not_load_lxml(tmp_path):
    """The memory target of benchmarks/sync_bench.py depends on it (lxml alone is 4.7 MB resident)."""
    import shutil

    book = tmp_path / "contoh.xlsx"
    shutil.copyfile(ROOT / "workbooks" / "contoh_depok_2020.xlsx", book)
    kode = ("import sys; from lakip_xl.sync import sinkron; sinkron(sys.argv[1], backups=0); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'lxml'))")
    out = subprocess.run([sys.executable, "-c", kode, str(book)], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    assert out.stdout.strip() == "[]"

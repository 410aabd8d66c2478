"""Form buttons (Excel's "Button (Form Control)") as Excel 2010+ stores them in a worksheet package.

A form button is three things, all written here as text:

- a shape in the sheet's legacy VML drawing (`xl/drawings/vmlDrawingN.vml`): `<v:shape ... o:button="t">`
  with `<x:ClientData ObjectType="Button">`, its cell anchor and `<x:FmlaMacro>[0]!Macro</x:FmlaMacro>`.
  Every Excel reads this; it is what Excel 2007 writes and what XlsxWriter's insert_button writes.
- a control-properties part (`xl/ctrlProps/ctrlPropN.xml`, `<formControlPr objectType="Button"
  lockText="1"/>`) related from the sheet (relationship type .../ctrlProp);
- a `<controls>` block in the worksheet, inside `<mc:AlternateContent><mc:Choice Requires="x14">`,
  naming the VML shape id, the ctrlProp relationship, the macro and the same anchor in EMU.

The shapes follow workbooks Excel saved (`button07.xlsm` of ../shared/samples/fidelity, from XlsxWriter's
comparison files) and the Excel-2010 twins of tests/fixtures/fidelity.py; the VML is written compact
(no line breaks, double quotes), as XlsxWriter writes it. Nothing here ran in Excel.

VML shape ids: each VML drawing of a workbook claims blocks of 1024 ids through
`<o:idmap v:ext="edit" data="N"/>`; its shapes are `_x0000_s{N*1024+k}`, k = 1, 2, ... A new drawing
must use a block no other drawing of the workbook claims (`idmap_terpakai` lists them).

Positions assume the default grid of a sheet without column or row settings (64 px columns, 20 px
rows, i.e. Calibri 11): the anchor (cell + pixel offset) is what Excel positions the button by; the
`margin-left/top` in the VML style is derived from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lakip_xl.xlsx.sheetxml import xml_attr, xml_text

NS_X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL_VML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing"
REL_CTRL_PROP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/ctrlProp"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
CT_CTRL_PROP = "application/vnd.ms-excel.controlproperties+xml"

LEBAR_KOLOM_PX = 64  # default column width (8.43 characters of Calibri 11)
TINGGI_BARIS_PX = 20  # default row height (15 pt)
EMU_PER_PX = 9525
_PT_PER_PX = 0.75

_IDMAP = re.compile(rb"<o:idmap\b[^>]*\bdata=\"([^\"]*)\"")


@dataclass(frozen=True)
class Tombol:
    """One form button: caption, macro (a workbook macro name, stored as [0]!Name), top-left cell
    (0-based column and row) and size in pixels."""

    caption: str
    macro: str
    kolom: int
    baris: int
    lebar_px: int = 160
    tinggi_px: int = 32
    keterangan: str = ""  # alternative text (VML alt)

    def anchor(self) -> tuple[int, int, int, int, int, int, int, int]:
        """(col, col px, row, row px) of the top-left and bottom-right corners, as VML's <x:Anchor>."""
        k2, dx = divmod(self.lebar_px, LEBAR_KOLOM_PX)
        b2, dy = divmod(self.tinggi_px, TINGGI_BARIS_PX)
        return self.kolom, 0, self.baris, 0, self.kolom + k2, dx, self.baris + b2, dy


def idmap_terpakai(vml_parts: list[bytes]) -> set[int]:
    """The shape-id blocks claimed by the given VML drawings (`data="1,3-4"` claims 1, 3 and 4)."""
    out: set[int] = set()
    for data in vml_parts:
        for m in _IDMAP.finditer(data):
            for item in m.group(1).decode("ascii", "replace").split(","):
                a, _, b = item.strip().partition("-")
                if a.strip().isdigit():
                    lo = int(a)
                    hi = int(b) if b.strip().isdigit() else lo
                    out.update(range(lo, hi + 1))
    return out


def shape_id(idmap: int, k: int) -> int:
    """The id of the k-th shape (1-based) of a drawing claiming block `idmap`."""
    return idmap * 1024 + k


def _pt(px: int) -> str:
    v = px * _PT_PER_PX
    return f"{v:g}pt"


def vml_drawing(tombol: list[Tombol], idmap: int) -> bytes:
    """A VML drawing holding the given buttons (shape ids shape_id(idmap, 1..n))."""
    out = ['<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
           'xmlns:x="urn:schemas-microsoft-com:office:excel">',
           f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{idmap}"/></o:shapelayout>',
           '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" path="m,l,21600r21600,l21600,xe">'
           '<v:stroke joinstyle="miter"/><v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" '
           'o:connecttype="rect"/><o:lock v:ext="edit" shapetype="t"/></v:shapetype>']
    for k, t in enumerate(tombol, start=1):
        a = t.anchor()
        left = t.kolom * LEBAR_KOLOM_PX
        top = t.baris * TINGGI_BARIS_PX
        alt = f' alt="{xml_attr(t.keterangan)}"' if t.keterangan else ""
        out.append(
            f'<v:shape id="_x0000_s{shape_id(idmap, k)}" type="#_x0000_t201"{alt} '
            f'style="position:absolute;margin-left:{_pt(left)};margin-top:{_pt(top)};width:{_pt(t.lebar_px)};'
            f'height:{_pt(t.tinggi_px)};z-index:{k};mso-wrap-style:tight" o:button="t" '
            'fillcolor="buttonFace [67]" strokecolor="windowText [64]" o:insetmode="auto">'
            '<v:fill color2="buttonFace [67]" o:detectmouseclick="t"/><o:lock v:ext="edit" rotation="t"/>'
            '<v:textbox style="mso-direction-alt:auto" o:singleclick="f"><div style="text-align:center">'
            f'<font face="Calibri" size="220" color="#000000">{xml_text(t.caption)}</font></div></v:textbox>'
            f'<x:ClientData ObjectType="Button"><x:Anchor>{", ".join(str(v) for v in a)}</x:Anchor>'
            '<x:PrintObject>False</x:PrintObject><x:AutoFill>False</x:AutoFill>'
            f'<x:FmlaMacro>[0]!{xml_text(t.macro)}</x:FmlaMacro>'
            '<x:TextHAlign>Center</x:TextHAlign><x:TextVAlign>Center</x:TextVAlign></x:ClientData></v:shape>')
    out.append("</xml>")
    return "".join(out).encode("utf-8")


def ctrl_prop_xml() -> bytes:
    """The control-properties part of a form button, as Excel writes it."""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<formControlPr xmlns="{NS_X14}" objectType="Button" lockText="1"/>').encode("utf-8")


def controls_xml(items: list[tuple[Tombol, int, str]]) -> str:
    """The worksheet's <controls> block (inside its AlternateContent) for (button, shape id, ctrlProp
    relationship id) triples. The sheet's root must declare the r, xdr and x14 prefixes."""
    kontrol = []
    for t, sid, rid in items:
        c1, o1, r1, p1, c2, o2, r2, p2 = t.anchor()

        def sudut(tag: str, col: int, col_px: int, row: int, row_px: int) -> str:
            return (f"<{tag}><xdr:col>{col}</xdr:col><xdr:colOff>{col_px * EMU_PER_PX}</xdr:colOff>"
                    f"<xdr:row>{row}</xdr:row><xdr:rowOff>{row_px * EMU_PER_PX}</xdr:rowOff></{tag}>")

        kontrol.append(
            f'<mc:AlternateContent xmlns:mc="{NS_MC}"><mc:Choice Requires="x14">'
            f'<control shapeId="{sid}" r:id="{rid}" name="Button {sid % 1024}">'
            f'<controlPr defaultSize="0" print="0" autoFill="0" autoPict="0" macro="[0]!{xml_attr(t.macro)}"'
            + (f' altText="{xml_attr(t.keterangan)}"' if t.keterangan else "") + ">"
            f'<anchor moveWithCells="1" sizeWithCells="1">{sudut("from", c1, o1, r1, p1)}'
            f'{sudut("to", c2, o2, r2, p2)}</anchor></controlPr></control></mc:Choice></mc:AlternateContent>')
    return (f'<mc:AlternateContent xmlns:mc="{NS_MC}"><mc:Choice Requires="x14"><controls>{"".join(kontrol)}'
            "</controls></mc:Choice></mc:AlternateContent>")


__all__ = [
    "CT_CTRL_PROP", "CT_VML", "REL_CTRL_PROP", "REL_VML", "Tombol", "controls_xml", "ctrl_prop_xml",
    "idmap_terpakai", "shape_id", "vml_drawing",
]

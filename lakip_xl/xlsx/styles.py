"""Append-only editing of xl/styles.xml: a `Style` (lakip_xl.xlsx.sheetspec) -> a cellXfs index.

Existing fonts, fills, borders, numFmts and cellXfs are never reordered or changed (cells of the
user's sheets point at them by index). A style we need is looked up first among all existing records
(compared structurally, ignoring attribute order); only when none is identical is a record appended at
the end. So a second sync with the same specs finds the records the first one appended and changes
nothing: identical bytes.
"""

from __future__ import annotations

import copy

from lakip_xl.xlsx import xmltree
from lakip_xl.xlsx.package import NS_MAIN, parse_xml, q, serialize
from lakip_xl.xlsx.sheetspec import Style

# Built-in number formats (ECMA-376 Part 1, 18.8.30): used by id, never appended as custom formats.
BUILTIN_NUMFMT = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49}
FIRST_CUSTOM_NUMFMT = 164

# Order of the children of <styleSheet> (CT_Stylesheet), for inserting a missing container.
_STYLESHEET_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
                     "tableStyles", "colors", "extLst"]

MINIMAL_STYLES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    b'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
    b'</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    b'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    b'<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    b'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def _key(el: xmltree.Element) -> tuple:
    """Structural identity of an element: tag, attributes (unordered), children (ordered)."""
    return (el.tag, tuple(sorted(el.attrib.items())), tuple(_key(c) for c in el if isinstance(c.tag, str)))


def _m(tag: str) -> str:
    return q(NS_MAIN, tag)


def argb(rgb: str) -> str:
    rgb = rgb.lstrip("#").upper()
    if len(rgb) == 6:
        rgb = "FF" + rgb
    if len(rgb) != 8 or any(ch not in "0123456789ABCDEF" for ch in rgb):
        raise ValueError(f"colour {rgb!r} is not RRGGBB")
    return rgb


def _num(x: float) -> str:
    """Point sizes as Excel writes them: 11, 10.5."""
    from decimal import Decimal

    d = Decimal(str(x)).normalize()
    return format(d, "f")


class StyleBook:
    def __init__(self, data: bytes | None, *, berkas: str = ""):
        self.original = data
        self.root = parse_xml(data if data is not None else MINIMAL_STYLES, part="xl/styles.xml", berkas=berkas)
        self.dirty = data is None
        self._cache: dict[Style, int] = {}

    # containers ---------------------------------------------------------------------------------------
    def _container(self, name: str) -> xmltree.Element:
        el = self.root.find(_m(name))
        if el is None:
            el = xmltree.Element(_m(name))
            el.set("count", "0")
            idx = _STYLESHEET_ORDER.index(name)
            after = [self.root.find(_m(n)) for n in _STYLESHEET_ORDER[idx + 1:]]
            nxt = next((a for a in after if a is not None), None)
            if nxt is not None:
                xmltree.add_previous(self.root, nxt, el)
            else:
                self.root.append(el)
        return el

    def _index_of(self, container: str, child: str, candidate: xmltree.Element) -> int:
        """Index of an identical existing record, else append it."""
        box = self._container(container)
        items = box.findall(_m(child))
        want = _key(candidate)
        for i, el in enumerate(items):
            if _key(el) == want:
                return i
        box.append(candidate)
        box.set("count", str(len(items) + 1))
        self.dirty = True
        return len(items)

    # records ------------------------------------------------------------------------------------------
    def _numfmt(self, code: str | None) -> int:
        if not code:
            return 0
        if code in BUILTIN_NUMFMT:
            return BUILTIN_NUMFMT[code]
        box = self.root.find(_m("numFmts"))
        ids = []
        if box is not None:
            for el in box.findall(_m("numFmt")):
                if el.get("formatCode") == code:
                    return int(el.get("numFmtId"))
                ids.append(int(el.get("numFmtId", "0")))
        box = self._container("numFmts")
        new_id = max([FIRST_CUSTOM_NUMFMT - 1, *ids]) + 1
        el = xmltree.SubElement(box, _m("numFmt"))
        el.set("numFmtId", str(new_id))
        el.set("formatCode", code)
        box.set("count", str(len(box.findall(_m("numFmt")))))
        self.dirty = True
        return new_id

    def _font(self, st: Style) -> int:
        if not (st.bold or st.italic or st.size or st.font_color):
            return 0
        fonts = self._container("fonts").findall(_m("font"))
        font = copy.deepcopy(fonts[0]) if fonts else xmltree.Element(_m("font"))
        font.tail = None
        for tag in ("b", "i"):
            for el in font.findall(_m(tag)):
                font.remove(el)
        pos = 0
        for flag, tag in ((st.bold, "b"), (st.italic, "i")):
            if flag:
                font.insert(pos, xmltree.Element(_m(tag)))
                pos += 1
        if st.size:
            sz = font.find(_m("sz"))
            if sz is None:
                sz = xmltree.Element(_m("sz"))
                font.insert(pos, sz)
            sz.attrib.clear()
            sz.set("val", _num(st.size))
        if st.font_color:
            color = font.find(_m("color"))
            new = xmltree.Element(_m("color"))
            new.set("rgb", argb(st.font_color))
            if color is not None:
                xmltree.add_previous(font, color, new)
                font.remove(color)
            else:
                sz = font.find(_m("sz"))
                if sz is not None:
                    xmltree.add_next(font, sz, new)
                else:
                    font.append(new)
        return self._index_of("fonts", "font", font)

    def _fill(self, st: Style) -> int:
        if not st.fill:
            return 0
        fill = xmltree.Element(_m("fill"))
        pf = xmltree.SubElement(fill, _m("patternFill"))
        pf.set("patternType", "solid")
        xmltree.SubElement(pf, _m("fgColor")).set("rgb", argb(st.fill))
        xmltree.SubElement(pf, _m("bgColor")).set("indexed", "64")
        return self._index_of("fills", "fill", fill)

    def _border(self, st: Style) -> int:
        if not st.border:
            return 0
        border = xmltree.Element(_m("border"))
        for side in ("left", "right", "top", "bottom"):
            el = xmltree.SubElement(border, _m(side))
            el.set("style", "thin")
            xmltree.SubElement(el, _m("color")).set("indexed", "64")
        xmltree.SubElement(border, _m("diagonal"))
        return self._index_of("borders", "border", border)

    def xf(self, st: Style | None) -> int:
        """The cellXfs index for a style (0, the workbook's default, for None)."""
        if st is None:
            return 0
        if st in self._cache:
            return self._cache[st]
        num, font, fill, border = self._numfmt(st.number_format), self._font(st), self._fill(st), self._border(st)
        xf = xmltree.Element(_m("xf"))
        for k, v in (("numFmtId", num), ("fontId", font), ("fillId", fill), ("borderId", border), ("xfId", 0)):
            xf.set(k, str(v))
        for k, on in (("applyNumberFormat", num), ("applyFont", font), ("applyFill", fill),
                      ("applyBorder", border), ("applyAlignment", st.halign or st.valign or st.wrap)):
            if on:
                xf.set(k, "1")
        if st.halign or st.valign or st.wrap:
            al = xmltree.SubElement(xf, _m("alignment"))
            if st.halign:
                al.set("horizontal", st.halign)
            if st.valign:
                al.set("vertical", st.valign)
            if st.wrap:
                al.set("wrapText", "1")
        idx = self._index_of("cellXfs", "xf", xf)
        self._cache[st] = idx
        return idx

    def to_bytes(self) -> bytes:
        return serialize(self.root, self.original)

"""Small XML parts of a package (workbook.xml, rels, [Content_Types].xml, styles.xml) as standard-library
ElementTree elements, parsed safely and written back with their namespace declarations.

Why not lxml here: importing lxml costs 4.7 MB of resident memory, measured with this machine's
Python 3.11 (ElementTree: 0.5 MB), which was a tenth of the sync's whole peak at 5,000 realisasi rows
(benchmarks/sync_bench.py). The sync only edits these few small parts, so it does not need lxml at
all; `lakip-xl ekspor` still edits worksheets, drawings and charts with lxml (lakip_xl.xlsx.nilai_saja).

What ElementTree alone would get wrong, and this module keeps:
- Namespace declarations. ElementTree's writer renames prefixes (ns0:) and drops every declaration
  that no element or attribute name uses, but Excel's workbook.xml declares prefixes that are only
  named inside mc:Ignorable="x15 xr xr6 ..." (ECMA-376 Part 3, 10.1.1): dropping them makes the file
  "corrupt" to Excel. The parser records each element's own declarations (prefix and URI, in order)
  and `tostring` writes them back on the same element, with element and attribute names spelled
  with those prefixes.
- Comments and processing instructions (kept in place).
- Safety: a DOCTYPE is refused before anything is parsed (ECMA-376 Part 2, 8.1.4 forbids DTDs in
  a package, and a DTD is how entity bombs come in), so no entity is ever defined or expanded, and
  expat never loads anything external.

Escaping on output follows lxml's, so a part looks the same whichever library wrote it: text escapes
&, < and >, and a carriage return as &#13; (a parser turns a literal one into a line feed, XML 1.0
section 2.11); attribute values also escape ", and tab, newline and carriage return as character
references (otherwise a parser would turn them into spaces, XML 1.0 section 3.3.3).
"""

from __future__ import annotations

import re
import weakref
import xml.etree.ElementTree as ET

Element = ET.Element
SubElement = ET.SubElement

XML_NS = "http://www.w3.org/XML/1998/namespace"

# Prefixes given to a namespace that a new element or attribute uses but that is not declared where
# it is written (the usual prefixes of SpreadsheetML parts; others get ns0, ns1, ...).
_PREFIX_BIASA = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
    "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
    "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main": "x14",
    "http://schemas.microsoft.com/office/spreadsheetml/2010/11/main": "x15",
    "http://schemas.microsoft.com/office/excel/2006/main": "xm",
}

# Element -> its own namespace declarations [(prefix, uri)], "" for the default namespace. Weak: an
# entry goes with its element.
_DEKLARASI: weakref.WeakKeyDictionary[ET.Element, list[tuple[str, str]]] = weakref.WeakKeyDictionary()

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


class XMLError(ValueError):
    """Not well-formed XML (`posisi` = (line, column), 1-based line), or XML this package refuses
    (a DOCTYPE: the message is "DOCTYPE")."""

    def __init__(self, pesan: str, posisi: tuple[int, int] | None = None):
        super().__init__(pesan)
        self.posisi = posisi


class _Pembangun(ET.TreeBuilder):
    """TreeBuilder that also records each element's namespace declarations and keeps comments and
    processing instructions."""

    def __init__(self) -> None:
        super().__init__(insert_comments=True, insert_pis=True)
        self._ns: list[tuple[str, str]] = []

    def start_ns(self, prefix: str, uri: str) -> None:
        self._ns.append((prefix or "", uri))

    def start(self, tag, attrs):
        el = super().start(tag, attrs)
        if self._ns:
            _DEKLARASI[el] = self._ns
            self._ns = []
        return el

    def doctype(self, name, pubid, system):  # expat reports it before any entity could be used
        raise XMLError("DOCTYPE")


def parse(data: bytes) -> ET.Element:
    """The root element of `data`; XMLError when it is not well-formed or holds a DOCTYPE."""
    if _DOCTYPE.search(data):
        raise XMLError("DOCTYPE")
    parser = ET.XMLParser(target=_Pembangun())
    try:
        parser.feed(data)
        return parser.close()
    except ET.ParseError as exc:
        raise XMLError(str(exc), getattr(exc, "position", None)) from None


def element(tag: str, nsmap: dict[str | None, str] | None = None) -> ET.Element:
    """A new element declaring the namespaces of `nsmap` (prefix -> URI; None or "" = default)."""
    el = ET.Element(tag)
    if nsmap:
        _DEKLARASI[el] = [(p or "", u) for p, u in nsmap.items()]
    return el


def deklarasi(el: ET.Element) -> list[tuple[str, str]]:
    """The namespace declarations written on `el` itself (a copy)."""
    return list(_DEKLARASI.get(el, ()))


def parent_of(root: ET.Element, el: ET.Element) -> ET.Element | None:
    """The parent of `el` within `root` (ElementTree elements do not know it); None for root or a stranger."""
    for p in root.iter():
        for c in p:
            if c is el:
                return p
    return None


def remove(root: ET.Element, el: ET.Element) -> None:
    """Remove `el` from wherever it is under `root`."""
    p = parent_of(root, el)
    if p is not None:
        p.remove(el)


def add_previous(parent: ET.Element, ref: ET.Element, new: ET.Element) -> None:
    """Insert `new` just before `ref`, a child of `parent`."""
    parent.insert(list(parent).index(ref), new)


def add_next(parent: ET.Element, ref: ET.Element, new: ET.Element) -> None:
    """Insert `new` just after `ref`, a child of `parent`."""
    parent.insert(list(parent).index(ref) + 1, new)


# --------------------------------------------------------------------------------------------- writer


def _teks(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _atribut(s: str) -> str:
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;"))


class _Lingkup:
    """Prefix -> URI bindings in scope while writing one element and its descendants."""

    __slots__ = ("p2u",)

    def __init__(self, p2u: dict[str, str]):
        self.p2u = p2u

    def prefix(self, uri: str, *, atribut: bool) -> str | None:
        """A prefix bound to `uri` here ("" = the default namespace, never for an attribute)."""
        if not atribut and self.p2u.get("") == uri:
            return ""
        for p, u in reversed(self.p2u.items()):
            if u == uri and p:
                return p
        return None


def _nama(clark: str, lingkup: _Lingkup, baru: list[tuple[str, str]], *, atribut: bool) -> str:
    """`{uri}local` spelled prefix:local; a namespace not bound here is declared on this element
    (appended to `baru`)."""
    if clark[:1] != "{":
        return clark
    uri, _, lokal = clark[1:].partition("}")
    if uri == XML_NS:
        return f"xml:{lokal}"
    p = lingkup.prefix(uri, atribut=atribut)
    if p is None:
        p = _PREFIX_BIASA.get(uri)
        if p is None or (p in lingkup.p2u and lingkup.p2u[p] != uri):
            n = 0
            while f"ns{n}" in lingkup.p2u:
                n += 1
            p = f"ns{n}"
        lingkup.p2u[p] = uri
        baru.append((p, uri))
    return f"{p}:{lokal}" if p else lokal


def _tulis(el: ET.Element, lingkup: _Lingkup, out: list[str]) -> None:
    tag = el.tag
    if tag is ET.Comment:
        out.append(f"<!--{el.text or ''}-->")
    elif tag is ET.ProcessingInstruction:
        out.append(f"<?{el.text or ''}?>")
    else:
        own = _DEKLARASI.get(el)
        p2u = dict(lingkup.p2u)
        if own:
            for p, u in own:
                p2u[p] = u
        sini = _Lingkup(p2u)
        baru: list[tuple[str, str]] = []
        if tag[:1] != "{" and p2u.get(""):  # no namespace under a default one: undeclare it
            p2u[""] = ""
            baru.append(("", ""))
        nama = _nama(tag, sini, baru, atribut=False)
        attrs = [f' {_nama(k, sini, baru, atribut=True)}="{_atribut(v)}"' for k, v in el.attrib.items()]
        decl = "".join(f' xmlns:{p}="{_atribut(u)}"' if p else f' xmlns="{_atribut(u)}"'
                       for p, u in (own or []) + baru)
        out.append(f"<{nama}{decl}{''.join(attrs)}")
        if len(el) or el.text:
            out.append(">")
            if el.text:
                out.append(_teks(el.text))
            for child in el:
                _tulis(child, sini, out)
            out.append(f"</{nama}>")
        else:
            out.append("/>")
    if el.tail:
        out.append(_teks(el.tail))


def tostring(root: ET.Element) -> bytes:
    """`root` as UTF-8 XML without a declaration, every element keeping its namespace declarations."""
    out: list[str] = []
    tail, root.tail = root.tail, None  # like lxml's tostring, the root's tail is not part of it
    try:
        _tulis(root, _Lingkup({}), out)
    finally:
        root.tail = tail
    return "".join(out).encode("utf-8")

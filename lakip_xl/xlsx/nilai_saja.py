"""XML edits for a values-only copy (lakip_xl.surel.ekspor): formula cells to value cells, macro buttons,
ActiveX/OLE controls and personal data out of a package's parts.

Each function edits one parsed part (lxml element) or one part's bytes and says what it changed; the
package-level plan (which parts go, which relationships go, writing the zip) is lakip_xl.surel.ekspor's.

Why regular expressions for VML: Excel's legacy VML drawings (buttons, comments) are not guaranteed to
be well-formed XML (Excel itself reads them leniently), so the shapes are cut out textually, one
`<v:shape ...>...</v:shape>` block at a time; every other byte of the part stays as it was.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from lxml import etree

from lakip_xl.xlsx.package import NS_MAIN, NS_R, q

NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_XML = "http://www.w3.org/XML/1998/namespace"

KODE_GALAT_EXCEL = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")


def _m(tag: str) -> str:
    return q(NS_MAIN, tag)


# --------------------------------------------------------------------------------------------------
# Cells


def teks_angka(x: float | int) -> str:
    """A number as Excel writes it in <v>: the shortest text that reads back as the same double."""
    if isinstance(x, bool):
        raise TypeError("bool is not a number cell")
    if isinstance(x, int):
        return str(x)
    if not math.isfinite(x):
        raise ValueError("not a finite number")
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def tulis_nilai(c: etree._Element, nilai: Any) -> None:
    """Make the <c> element a plain value cell holding `nilai`: its formula, cached value and value
    metadata go; its address and style (r, s) stay. Numbers as <v>, text as an inline string (so
    sharedStrings.xml is not touched; a text starting with "=" stays text), Excel error texts
    (#DIV/0! ...) as error cells, None as an empty (styled) cell."""
    for child in list(c):
        if child.tag in (_m("f"), _m("v"), _m("is")):
            c.remove(child)
    for attr in ("t", "cm", "vm"):
        c.attrib.pop(attr, None)
    if nilai is None:
        return
    ext = c.find(_m("extLst"))

    def tambah(el: etree._Element) -> None:
        if ext is not None:
            ext.addprevious(el)
        else:
            c.append(el)

    if isinstance(nilai, bool):
        c.set("t", "b")
        v = etree.Element(_m("v"))
        v.text = "1" if nilai else "0"
        tambah(v)
    elif isinstance(nilai, (int, float)):
        if isinstance(nilai, float) and not math.isfinite(nilai):
            c.set("t", "e")
            v = etree.Element(_m("v"))
            v.text = "#NUM!"
            tambah(v)
            return
        v = etree.Element(_m("v"))
        v.text = teks_angka(nilai)
        tambah(v)
    elif isinstance(nilai, str) and nilai in KODE_GALAT_EXCEL:
        c.set("t", "e")
        v = etree.Element(_m("v"))
        v.text = nilai
        tambah(v)
    else:
        teks = str(nilai)
        c.set("t", "inlineStr")
        is_ = etree.Element(_m("is"))
        t = etree.SubElement(is_, _m("t"))
        t.text = teks
        if teks != teks.strip():
            t.set(q(NS_XML, "space"), "preserve")
        tambah(is_)


def ganti_rumus(sheet_root: etree._Element, nilai: dict[str, Any]) -> list[str]:
    """Replace the cells of `nilai` ({"G5": value}) that hold a formula (or belong to an array
    formula's range) by plain value cells. Returns the cell addresses changed, in sheet order.
    Raises ValueError when a shared formula's anchor would go while other cells of its group keep
    their formula (they would lose their text)."""
    sheet_data = sheet_root.find(_m("sheetData"))
    if sheet_data is None:
        return []
    diganti: list[str] = []
    induk_shared: set[str] = set()  # si of shared groups whose anchor cell was replaced
    sisa_shared: set[str] = set()  # si of shared groups that still have formula cells
    for c in sheet_data.iter(_m("c")):
        r = c.get("r")
        f = c.find(_m("f"))
        if r in nilai:
            if f is not None and f.get("t") == "shared" and f.get("ref"):
                induk_shared.add(f.get("si", ""))
            tulis_nilai(c, nilai[r])
            diganti.append(r)
        elif f is not None and f.get("t") == "shared":
            sisa_shared.add(f.get("si", ""))
    if induk_shared & sisa_shared:
        raise ValueError(f"shared formula group(s) {sorted(induk_shared & sisa_shared)} only partly replaced")
    return diganti


# --------------------------------------------------------------------------------------------------
# The same edit on the part's bytes (large sheets: no DOM)
#
# A 50,000-row sheet parsed into an lxml tree costs ~400 MB and seconds; the formula cells are a
# fraction of its cells. `sel_rumus_xml` finds them by their <f> element, `ganti_rumus_teks` splices
# each replaced cell's bytes and copies every other byte as it was. Both give up (None) on anything
# they do not read plainly; the caller then takes the DOM path above.

_AKAR_RE = re.compile(rb"<(?:(\w+):)?worksheet\b")
_ATTR_RE = re.compile(rb'\s+([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_XML_TAK_SAH = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]")


@dataclass
class SelXml:
    """One formula cell found in a sheet part's bytes: xml[awal:akhir] is the whole <c> element."""

    awal: int
    akhir: int
    attr: list[tuple[bytes, bytes]]  # the <c> attributes in order (name, raw value)
    isi: bytes  # the bytes between <c ...> and </c>
    f_attr: dict[bytes, bytes]
    f_teks: bytes | None  # raw (escaped) text of <f>, None for <f/>

    @property
    def ref(self) -> str:
        return dict(self.attr).get(b"r", b"").decode()


def awalan_xml(xml: bytes) -> bytes | None:
    """The namespace prefix of a worksheet part's elements (b"" or b"x:"), None when it is no worksheet."""
    m = _AKAR_RE.search(xml[:4096])
    if m is None:
        return None
    return (m.group(1) + b":") if m.group(1) else b""


def sel_rumus_xml(xml: bytes, p: bytes) -> Iterator[SelXml]:
    """Every <c> element holding an <f>, in document order. Raises ValueError on bytes it cannot read
    plainly (a cell without a proper end, attributes it cannot parse)."""
    buka, tutup, f_tag = b"<" + p + b"c", b"</" + p + b"c>", b"<" + p + b"f"
    ep = re.escape(p)
    f_re = re.compile(rb"<" + ep + rb"f\b([^>]*?)(?:/>|>(.*?)</" + ep + rb"f>)", re.DOTALL)
    pos = 0
    while True:
        i = xml.find(f_tag, pos)
        if i < 0:
            return
        if xml[i + len(f_tag):i + len(f_tag) + 1] not in (b" ", b">", b"/"):  # <fill>, <font>...
            pos = i + 1
            continue
        a = xml.rfind(buka, 0, i)
        while a >= 0 and xml[a + len(buka):a + len(buka) + 1] not in (b" ", b">", b"/"):  # <col>, <cfRule>
            a = xml.rfind(buka, 0, a)
        if a < 0:
            raise ValueError("formula outside a cell")
        gt = xml.find(b">", a)
        z = xml.find(tutup, i)
        if gt < 0 or z < 0 or gt > i or xml[gt - 1:gt] == b"/":
            raise ValueError("cell bounds")
        attr_b = xml[a + len(buka):gt]
        # findall's groups: the value is whichever quote matched (the other group is b"", as is an empty value)
        attr = [(k, v2 or v3) for k, v2, v3 in _ATTR_RE.findall(attr_b)]
        if len(attr) != attr_b.count(b"="):  # something else than name="value" pairs
            raise ValueError("cell attributes")
        isi = xml[gt + 1:z]
        mf = f_re.search(isi)
        if mf is None:
            raise ValueError("formula element")
        f_attr = {k: v2 or v3 for k, v2, v3 in _ATTR_RE.findall(mf.group(1))}
        pos = z + len(tutup)
        yield SelXml(a, pos, attr, isi, f_attr, mf.group(2))


def _nilai_xml(attr: list[tuple[bytes, bytes]], p: bytes, nilai: Any) -> bytes | None:
    """The bytes of a plain value cell, as tulis_nilai makes it; None for a text XML cannot hold as is."""
    kepala = b"<" + p + b"c" + b"".join(b" " + k + b'="' + v + b'"' for k, v in attr
                                        if k not in (b"t", b"cm", b"vm"))
    if nilai is None:
        return kepala + b"/>"
    tutup = b"</" + p + b"c>"
    if isinstance(nilai, bool):
        return kepala + b' t="b"><' + p + b"v>" + (b"1" if nilai else b"0") + b"</" + p + b"v>" + tutup
    if isinstance(nilai, (int, float)):
        if isinstance(nilai, float) and not math.isfinite(nilai):
            return kepala + b' t="e"><' + p + b"v>#NUM!</" + p + b"v>" + tutup
        return kepala + b"><" + p + b"v>" + teks_angka(nilai).encode() + b"</" + p + b"v>" + tutup
    if isinstance(nilai, str) and nilai in KODE_GALAT_EXCEL:
        return kepala + b' t="e"><' + p + b"v>" + nilai.encode() + b"</" + p + b"v>" + tutup
    teks = str(nilai)
    if _XML_TAK_SAH.search(teks):
        return None
    spasi = b' xml:space="preserve"' if teks != teks.strip() else b""
    isi = teks.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode()
    return (kepala + b' t="inlineStr"><' + p + b"is><" + p + b"t" + spasi + b">" + isi + b"</" + p + b"t></"
            + p + b"is>" + tutup)


def kepingan_xml(src, name: str, ukuran: int = 1 << 20) -> Iterator[bytes]:
    """A sheet part of `src` (xlsx.package.SourcePackage) read from the zip in pieces of about `ukuran`
    bytes, each cut after a row's end tag, so that every cell lies whole in one piece and the part is
    never whole in memory. Raises lakip_xl.errors.BerkasError when the entry cannot be read."""
    import zipfile
    import zlib

    from lakip_xl.errors import BerkasError

    real = src.find(name)
    if real is None:
        raise KeyError(name)
    ujung: bytes | None = None
    sisa = b""
    try:
        with src.zf.open(real) as f:
            while True:
                baca = f.read(ukuran)
                buf = sisa + baca
                if ujung is None:
                    p = awalan_xml(buf)
                    if p is None and baca and len(buf) < 4096:
                        sisa = buf
                        continue
                    ujung = b"</" + (p or b"") + b"row>"
                if not baca:
                    if buf:
                        yield buf
                    return
                i = buf.rfind(ujung)
                if i < 0:
                    sisa = buf
                    continue
                yield buf[:i + len(ujung)]
                sisa = buf[i + len(ujung):]
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError) as exc:
        raise BerkasError(f"Bagian '{real}' dari berkas tidak dapat dibaca ({exc}).",
                          saran="Buka berkas di Excel (Excel dapat memperbaikinya), simpan, lalu ulangi.",
                          berkas=src.berkas) from None


def ganti_rumus_teks(src, name: str, nilai: dict[str, Any], *, deflater=None):
    """`ganti_rumus` on a sheet part's bytes, read in pieces (`kepingan_xml`): (the new part as an
    xlsx.package.Deflated, or a PendingDeflate when deflated on `deflater`'s thread (a
    package.DeflateWorker), cells changed in sheet order); every byte outside the replaced cells as it
    was. None when the bytes are not read plainly (then use the DOM path): a cell of `nilai` without its
    own <f> (the rest of an array formula's range), a replaced cell with other children than
    <f>/<v>/<is>, a text XML must escape otherwise. Raises ValueError like ganti_rumus when a shared
    formula's anchor would go while other cells of its group stay."""
    from lakip_xl.xlsx.package import Deflated

    diganti: list[str] = []
    induk_shared: set[bytes] = set()
    sisa_shared: set[bytes] = set()
    gagal: list[bool] = []

    def keluaran() -> Iterator[bytes]:
        p = None
        sisa_anak = None
        for keping in kepingan_xml(src, name):
            if p is None:
                p = awalan_xml(keping)
                if p is None:
                    gagal.append(True)
                    return
                ep = re.escape(p)
                sisa_anak = re.compile(rb"<" + ep + rb"(?:f|v)\b[^>]*?(?:/>|>.*?</" + ep + rb"(?:f|v)>)|<" + ep
                                       + rb"is\b.*?</" + ep + rb"is>", re.DOTALL)
            asal = memoryview(keping)
            buf = bytearray()
            pos = 0
            try:
                for sel in sel_rumus_xml(keping, p):
                    ref = sel.ref
                    shared = sel.f_attr.get(b"t") == b"shared"
                    if ref not in nilai:
                        if shared:
                            sisa_shared.add(sel.f_attr.get(b"si", b""))
                        continue
                    baru = None if sisa_anak.sub(b"", sel.isi).strip() else _nilai_xml(sel.attr, p, nilai[ref])
                    if baru is None:
                        gagal.append(True)
                        return
                    if shared and sel.f_attr.get(b"ref"):
                        induk_shared.add(sel.f_attr.get(b"si", b""))
                    buf += asal[pos:sel.awal]
                    buf += baru
                    pos = sel.akhir
                    diganti.append(ref)
            except ValueError:
                gagal.append(True)
                return
            buf += asal[pos:]
            asal.release()
            yield bytes(buf)

    # (deflate reads every piece here, so gagal and diganti are complete when it returns)
    hasil = deflater.deflate(keluaran()) if deflater is not None else Deflated.from_chunks(keluaran())
    if gagal or len(diganti) != len(nilai):
        return None
    if induk_shared & sisa_shared:
        raise ValueError(f"shared formula group(s) {sorted(induk_shared & sisa_shared)} only partly replaced")
    return hasil, diganti


def rumus_sel(sheet_root: etree._Element) -> dict[str, str]:
    """{"G5": formula text} of every cell with a non-empty <f> (shared-formula members without text
    are not listed)."""
    out = {}
    for c in sheet_root.iter(_m("c")):
        f = c.find(_m("f"))
        if f is not None and (f.text or "").strip():
            out[c.get("r", "")] = f.text
    return out


# --------------------------------------------------------------------------------------------------
# Legacy VML: form buttons bound to macros

_SHAPE_RE = re.compile(rb"<v:shape\b.*?</v:shape>\s*", re.DOTALL)
_SHAPE_ID_RE = re.compile(rb'\bid="_x0000_s(\d+)"')
_OBJ_RE = re.compile(rb'ObjectType="([A-Za-z]+)"')


def hapus_tombol_vml(vml: bytes) -> tuple[bytes, list[str], int]:
    """Cut out of a VML drawing every shape that runs a macro (<x:FmlaMacro>) and every form button.
    Returns (new bytes, shape ids removed (e.g. "1025"), shapes left). Comments (ObjectType="Note")
    and other shapes stay byte for byte."""
    hapus: list[str] = []

    def ganti(m: re.Match) -> bytes:
        blok = m.group(0)
        obj = _OBJ_RE.search(blok)
        if b"<x:FmlaMacro" in blok or (obj is not None and obj.group(1) == b"Button"):
            sid = _SHAPE_ID_RE.search(blok)
            hapus.append(sid.group(1).decode() if sid else "")
            return b""
        return blok

    baru = _SHAPE_RE.sub(ganti, vml)
    return baru, hapus, len(_SHAPE_RE.findall(baru))


# --------------------------------------------------------------------------------------------------
# Worksheet XML: controls, OLE objects, legacy drawing


_WADAH = (q(NS_MAIN, "controls"), q(NS_MAIN, "oleObjects"), q(NS_MC, "Choice"), q(NS_MC, "Fallback"),
          q(NS_MC, "AlternateContent"))


def _hapus_naik(el: etree._Element) -> None:
    """Remove `el`; then each ancestor container left empty (controls, oleObjects, mc:Choice,
    mc:Fallback, an mc:AlternateContent without its Choice), up to the worksheet."""
    parent = el.getparent()
    parent.remove(el)
    while parent is not None and parent.tag in _WADAH:
        kosong = len(parent) == 0 or (parent.tag == q(NS_MC, "AlternateContent")
                                      and parent.find(q(NS_MC, "Choice")) is None)
        if not kosong:
            break
        grand = parent.getparent()
        if grand is None:
            break
        grand.remove(parent)
        parent = grand


def hapus_kontrol(sheet_root: etree._Element, shape_ids: Iterable[str], rids: Iterable[str]) -> list[str]:
    """Remove from a worksheet the <control> entries of the given VML shape ids or relationship ids
    (ActiveX controls, macro buttons), and every <oleObject>. Returns the r:ids those elements used
    (their relationships should go)."""
    shape_ids, rids = set(shape_ids), set(rids)
    dipakai: list[str] = []
    for el in list(sheet_root.iter(_m("control"), _m("oleObject"))):
        rid = el.get(q(NS_R, "id"), "")
        if el.tag == _m("oleObject") or el.get("shapeId") in shape_ids or rid in rids:
            if rid:
                dipakai.append(rid)
            if el.getroottree().getroot() is sheet_root:  # not already gone with an ancestor
                _hapus_naik(el)
    return dipakai


def hapus_legacy_drawing(sheet_root: etree._Element, rid: str) -> bool:
    for el in sheet_root.findall(_m("legacyDrawing")):
        if el.get(q(NS_R, "id")) == rid:
            sheet_root.remove(el)
            return True
    return False


def hapus_makro_gambar(drawing_root: etree._Element) -> int:
    """Drop the `macro` attribute of DrawingML shapes (a shape with an assigned macro); the shape stays."""
    n = 0
    for el in drawing_root.iter():
        if isinstance(el.tag, str) and el.tag.startswith("{" + NS_XDR + "}") and el.get("macro"):
            del el.attrib["macro"]
            n += 1
    return n


def hapus_data_eksternal_grafik(chart_root: etree._Element) -> list[str]:
    """Remove a chart's <c:externalData> (its embedded or linked source workbook); returns the r:ids."""
    out = []
    for el in list(chart_root.iter(q(NS_C, "externalData"))):
        out.append(el.get(q(NS_R, "id"), ""))
        el.getparent().remove(el)
    return out


# --------------------------------------------------------------------------------------------------
# Personal paths

# A file-system path or file URL: C:\..., \\server\share, file:///..., /home/..., /Users/...
POLA_PATH = re.compile(r"(?:\b[A-Za-z]:[\\/]|\\\\[^\\\s]+\\|\bfile:/|(?:^|[\s\"'])/(?:home|Users|mnt|media|tmp|var|root)/)")


def ada_path(teks: str | None) -> bool:
    return bool(teks) and bool(POLA_PATH.search(teks))

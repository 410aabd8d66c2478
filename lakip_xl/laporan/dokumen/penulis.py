"""Write a `Naskah` (lakip_xl.laporan.dokumen.naskah) into a .docx with python-docx, on a template.

The template (the bundled lakip_xl/data/templat_lkjip.docx, or the agency's own through --templat)
gives the look: page size and margins, the kop surat and page numbers in its header and footer, and
the styles the content is written in (Heading 1-4, Normal, Caption, List Bullet, Isi Tabel, Kepala
Tabel, toc 1-3, Table Grid). Its body is kept: `{instansi}`, `{tahun}` and the other placeholders
of `Naskah.isian` are filled in wherever they are typed (a cover page), and the content goes where
the paragraph `{isi_laporan}` stands (at the end when there is none). A style the agency's template
lacks is added with a plain default, so any .docx works as a template.

python-docx does the writing. Two things it has no API for are set on its own element classes:
cell shading (the predikat colours) and the table-of-contents field; and the rows of a long table
are copies of one row built through the API (copying 500 rows takes milliseconds, building each
cell through the API about 80 us a cell: benchmarks/dokumen_bench.py).
"""

from __future__ import annotations

import copy
import functools
import io
import re
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.table import CT_Tbl
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from lakip_xl.errors import BerkasError
from lakip_xl.laporan.dokumen.naskah import (
    PENANDA,
    TEBAL,
    Bagian,
    DaftarIsi,
    Gambar,
    Judul,
    Naskah,
    Paragraf,
    Tabel,
    TandaTangan,
)
from lakip_xl.xlsx.sheetxml import xml_attr, xml_text

TEMPLAT_BAWAAN = Path(__file__).resolve().parents[2] / "data" / "templat_lkjip.docx"
PENANDA_ISI = "{isi_laporan}"

# Styles the writer uses; missing ones are added with these defaults (name, base, size pt, bold, align).
GAYA = {
    "Isi Tabel": ("Normal", 9, False, None),
    "Kepala Tabel": ("Normal", 9, True, WD_ALIGN_PARAGRAPH.CENTER),
    "toc 1": ("Normal", None, True, None),
    "toc 2": ("Normal", None, False, None),
    "toc 3": ("Normal", None, False, None),
}
_RATA = {"kiri": WD_ALIGN_PARAGRAPH.LEFT, "tengah": WD_ALIGN_PARAGRAPH.CENTER, "kanan": WD_ALIGN_PARAGRAPH.RIGHT}
_ISIAN = re.compile(r"\{([a-z_]+)\}")
_PUTIH = RGBColor(0xFF, 0xFF, 0xFF)


def _buka_templat(templat: str | Path | None):
    path = Path(templat) if templat is not None else TEMPLAT_BAWAAN
    if not path.exists():
        raise BerkasError(f"Templat dokumen '{path}' tidak ditemukan.",
                          saran="Periksa nama berkas untuk --templat (sebuah .docx).", berkas=path.name)
    try:
        return Document(str(path))
    except Exception as e:  # python-docx raises several kinds for a file that is no .docx
        raise BerkasError(f"Templat '{path.name}' tidak dapat dibuka sebagai dokumen Word .docx ({type(e).__name__}).",
                          saran="Simpan templat di Word sebagai 'Dokumen Word (*.docx)' (bukan .doc atau .dotx), "
                                "lalu ulangi.", berkas=path.name) from None


class _Penulis:
    def __init__(self, doc, naskah: Naskah):
        self.doc = doc
        self.n = naskah
        self._id_gaya: dict[str, str] = {}
        self._akhir = doc.element.body.get_or_add_sectPr()
        self._lebar: float | None = None
        self._contoh: dict = {}
        self._contoh_p: dict = {}
        self._contoh_r: dict = {}
        self._contoh_shd: dict = {}
        self._pola: dict = {}  # id(row kinds of a table shape) -> _PolaBaris
        self.sisipan: dict[str, str] = {}  # marker comment in document.xml -> the table body's rows
        # run properties made once through python-docx and copied onto runs
        self._rpr = {}
        for jenis, atur in ((TEBAL, lambda r: setattr(r, "bold", True)),
                            (PENANDA, lambda r: (setattr(r, "italic", True),
                                                 setattr(r.font, "highlight_color", WD_COLOR_INDEX.YELLOW))),
                            ("putih", lambda r: (setattr(r, "bold", True), setattr(r.font.color, "rgb", _PUTIH)))):
            r = Run(OxmlElement("w:r"), None)
            atur(r)
            self._rpr[jenis] = r._r.rPr
        self._gaya_ada = {s.name for s in doc.styles}
        for nama, (dasar, ukuran, tebal, rata) in GAYA.items():
            if nama not in self._gaya_ada:
                st = doc.styles.add_style(nama, WD_STYLE_TYPE.PARAGRAPH)
                if dasar in self._gaya_ada:
                    st.base_style = doc.styles[dasar]
                if ukuran:
                    st.font.size = Pt(ukuran)
                st.font.bold = tebal
                if rata is not None:
                    st.paragraph_format.alignment = rata
                if nama in ("Isi Tabel", "Kepala Tabel"):
                    st.paragraph_format.space_before = Pt(0)
                    st.paragraph_format.space_after = Pt(0)
                    st.paragraph_format.first_line_indent = Cm(0)
                self._gaya_ada.add(nama)

    def gaya(self, nama: str, cadangan: str = "Normal") -> str | None:
        if nama in self._gaya_ada:
            return nama
        return cadangan if cadangan in self._gaya_ada else None

    def _sid(self, nama: str | None) -> str | None:
        """The style id of a style name, looked up once (python-docx looks it up on every assignment)."""
        if nama is None:
            return None
        try:
            return self._id_gaya[nama]
        except KeyError:
            sid = self._id_gaya[nama] = self.doc.styles[nama].style_id
            return sid

    def _gayakan(self, p: Paragraph, nama: str | None) -> None:
        sid = self._sid(nama)
        if sid is not None:
            p._p.get_or_add_pPr().style = sid

    def _par(self, teks: str = "", gaya: str | None = None, *, terus: bool = False) -> Paragraph:
        """A new paragraph at the end of the body. python-docx's add_paragraph looks for the body's
        final sectPr from the first child on, which makes a long document quadratic; this keeps it.
        Each paragraph is a copy of one made through python-docx per style (copying is C code);
        `terus`: kept with the next paragraph (a table's caption)."""
        contoh = self._contoh_p.get((gaya, terus))
        if contoh is None:
            contoh = OxmlElement("w:p")
            par = Paragraph(contoh, self.doc._body)
            self._gayakan(par, gaya)
            if terus:
                par.paragraph_format.keep_with_next = True
            self._contoh_p[gaya, terus] = contoh
        el = contoh.__deepcopy__(None)
        self._akhir.addprevious(el)
        if teks:
            el.append(self._run(teks))
        return Paragraph(el, self.doc._body)

    def _run(self, teks: str, jenis: str = ""):
        """A run of plain text (the content has no tabs or line breaks), with the run properties of
        `jenis` (TEBAL, PENANDA, "putih"), copied from one made through python-docx."""
        contoh = self._contoh_r.get(jenis)
        if contoh is None:
            contoh = OxmlElement("w:r")
            if jenis in self._rpr:
                contoh.append(self._rpr[jenis].__deepcopy__(None))
            t = OxmlElement("w:t")
            t.set(_XML_SPACE, "preserve")
            contoh.append(t)
            self._contoh_r[jenis] = contoh
        r = contoh.__deepcopy__(None)
        r[-1].text = teks
        return r

    # -- template body ------------------------------------------------------------------------------
    def siapkan(self) -> list:
        """Fill the placeholders of the template; take out the marker paragraph and everything after it
        (returned, to be put back after the content)."""
        body = self.doc.element.body
        for p in _semua_paragraf(self.doc):
            self._isi_paragraf(p)
        ekor = []
        penanda = next((p for p in body.iterchildren(qn("w:p")) if _teks_p(p).strip() == PENANDA_ISI), None)
        if penanda is not None:
            setelah = False
            for el in list(body.iterchildren()):
                if el is penanda:
                    setelah = True
                    body.remove(el)
                    continue
                if setelah and el.tag != qn("w:sectPr"):
                    ekor.append(el)
                    body.remove(el)
        return ekor

    def _isi_paragraf(self, p) -> None:
        teks = _teks_p(p)
        if "{" not in teks or not _ISIAN.search(teks):
            return
        baru = _ISIAN.sub(lambda m: self.n.isian.get(m.group(1), m.group(0)), teks)
        if baru == teks:
            return
        runs = p.findall(qn("w:r"))
        if not runs:
            return
        # the whole text into the first run (Word may split "{instansi}" over several runs)
        for r in runs[1:]:
            for t in r.findall(qn("w:t")):
                r.remove(t)
        ts = runs[0].findall(qn("w:t"))
        for t in ts[1:]:
            runs[0].remove(t)
        if ts:
            ts[0].text = baru
            ts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    # -- blocks -------------------------------------------------------------------------------------
    def tulis(self) -> None:
        for b in self.n.blok:
            if isinstance(b, Judul):
                self._par(b.teks, self.gaya(f"Heading {b.tingkat}"))
            elif isinstance(b, Paragraf):
                self.paragraf(b)
            elif isinstance(b, Tabel):
                self.tabel(b)
            elif isinstance(b, Gambar):
                self.gambar(b)
            elif isinstance(b, Bagian):
                self.bagian(b.lanskap)
            elif isinstance(b, DaftarIsi):
                self.daftar_isi(b)
            elif isinstance(b, TandaTangan):
                self.tanda_tangan(b)

    def paragraf(self, b: Paragraf) -> None:
        gaya = self.gaya("List Bullet") if b.butir else self.gaya("Caption") if b.catatan else None
        p = self._par(gaya=gaya)
        for teks, jenis in b.potong:
            # TEBAL bold, PENANDA italic on yellow; STAF (the staff's own words) in the paragraph's style
            p._p.append(self._run(teks, jenis))
        return p

    def _shd(self, warna: str):
        contoh = self._contoh_shd.get(warna)
        if contoh is None:
            contoh = self._contoh_shd[warna] = _shd(warna)
        return contoh.__deepcopy__(None)

    def _lebar_teks(self) -> float:
        """The text width (cm) of the current (last) section; kept, as doc.sections reads the whole body."""
        if self._lebar is None:
            s = self.doc.sections[-1]
            self._lebar = (s.page_width - s.left_margin - s.right_margin) / 360000  # EMU -> cm
        return self._lebar

    def _contoh_tabel(self, t: Tabel):
        """The table's header and its two body rows (plain and bold), built through python-docx once per
        table shape: the per-sasaran tables share one."""
        kunci = (tuple(map(tuple, t.kepala)), tuple(t.lebar), tuple(t.rata), tuple(t.gabung_kepala),
                 round(self._lebar_teks(), 3))
        if kunci in self._contoh:
            return self._contoh[kunci]
        ncol = len(t.kepala[0])
        total = sum(t.lebar)
        lebar = [Cm(self._lebar_teks() * w / total) for w in t.lebar]
        tbl = CT_Tbl.new_tbl(len(t.kepala) + 1, ncol, Cm(self._lebar_teks()))
        tab = Table(tbl, self.doc._body)
        if "Table Grid" in self._gaya_ada:
            tbl.tblPr.style = self._sid("Table Grid")
        tab.alignment = WD_TABLE_ALIGNMENT.CENTER
        tab.autofit = False
        for c, col in enumerate(tab.columns):
            col.width = lebar[c]  # the grid LibreOffice lays out by; Word reads the cell widths
        kepala = self.gaya("Kepala Tabel")
        for r, label in enumerate(t.kepala):
            row = tab.rows[r]
            _ulang_kepala(row)
            for c, teks in enumerate(label):
                cell = row.cells[c]
                cell.width = lebar[c]
                p = cell.paragraphs[0]
                self._gayakan(p, kepala)
                p.add_run(teks)
                _arsir(cell._tc, "D9E1F2")
        for r0, c0, r1, c1 in t.gabung_kepala:
            sel = tab.cell(r0, c0).merge(tab.cell(r1, c1))
            for p in sel.paragraphs[1:]:  # merge() keeps the other cells' (empty) paragraphs
                if not p.text:
                    p._p.getparent().remove(p._p)
        contoh = tab.rows[len(t.kepala)]
        for c in range(ncol):
            cell = contoh.cells[c]
            cell.width = lebar[c]
            p = cell.paragraphs[0]
            self._gayakan(p, self.gaya("Isi Tabel"))
            p.alignment = _RATA[t.rata[c]]
            p.add_run("-")
        tr_biasa = contoh._tr
        tr_tebal = copy.deepcopy(tr_biasa)
        for r in tr_tebal.iter(qn("w:r")):
            Run(r, None).bold = True
        tbl.remove(tr_biasa)
        # each row kind (plain or bold; first or later row of a group) made once through the API
        baris = {}
        for tebal, tr in ((False, tr_biasa), (True, tr_tebal)):
            baris[tebal, None] = tr
            for gabung in ("restart", "continue"):
                v = copy.deepcopy(tr)
                tcs = v.findall(qn("w:tc"))
                for c in t.kolom_grup:
                    tcs[c].vMerge = gabung
                baris[tebal, gabung] = v
        self._contoh[kunci] = (tbl, baris)
        return self._contoh[kunci]

    def tabel(self, t: Tabel) -> None:
        self._par(f"Tabel {t.nomor} {t.judul}" if t.nomor else t.judul, self.gaya("Caption"), terus=True)
        contoh, jenis_baris = self._contoh_tabel(t)
        tbl = contoh.__deepcopy__(None)
        self._akhir.addprevious(tbl)
        # The body rows are written as text into the saved document.xml (tulis_docx), from per-cell
        # templates serialised once from the rows built through python-docx: the same XML as copying
        # and editing an element per row, without the few hundred thousand lxml elements that cost
        # most of the writer's time and memory and the interpreter's teardown (issue 15).
        pola = self._pola_baris(jenis_baris)
        bagian = []
        sebelum = None
        for b in t.baris:
            gabung = None
            if t.kolom_grup and b.grup:
                gabung = "continue" if sebelum is not None and sebelum.grup == b.grup else "restart"
            bagian.append(pola.kepala[b.tebal, gabung])
            kosongkan = t.kolom_grup if gabung == "continue" else ()
            for c, teks in enumerate(b.sel):
                awal, akhir = pola.sel(b.tebal, gabung, c, b.warna.get(c) or None)
                bagian.append(awal)
                bagian.append("" if c in kosongkan else _teks_xml(teks))
                bagian.append(akhir)
            bagian.append("</w:tr>")
            sebelum = b
        if bagian:
            tanda = f"{_TANDA_TABEL}{len(self.sisipan)}"
            tbl.append(etree.Comment(tanda))
            self.sisipan[f"<!--{tanda}-->"] = "".join(bagian)
        if t.catatan:
            self._par(t.catatan, self.gaya("Caption"))
        else:
            self._par()

    def _pola_baris(self, jenis_baris: dict) -> _PolaBaris:
        pola = self._pola.get(id(jenis_baris))
        if pola is None:
            pola = self._pola[id(jenis_baris)] = _PolaBaris(jenis_baris, self)
        return pola

    def gambar(self, g: Gambar) -> None:
        """A native Word chart (lakip_xl.laporan.dokumen.grafik): the chart part, its data as an embedded
        workbook ("Edit Data" in Word), and an inline drawing that shows it, then the caption."""
        from lakip_xl.laporan.dokumen import grafik

        paket = self.doc.part.package
        data = Part(paket.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"), grafik.CT_XLSX,
                    grafik.lembar_data(g.grafik), paket)
        bagian = Part(paket.next_partname("/word/charts/chart%d.xml"), grafik.CT_CHART, b"", paket)
        bagian._blob = grafik.chart_xml(g.grafik, bagian.relate_to(data, RT.PACKAGE))
        rid = self.doc.part.relate_to(bagian, RT.CHART)
        lebar = Cm(min(15.5, self._lebar_teks()))
        tinggi = Cm(g.grafik.tinggi_cm)
        p = self._par()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        no = self.doc.part.next_id
        p._p.append(parse_xml(
            f'<w:r {nsdecls("w", "wp", "a", "c", "r")}><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{lebar.emu}" cy="{tinggi.emu}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{no}" name="Grafik {no}" descr="{xml_attr(_TAK_SAH.sub("", g.judul))}"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData uri="{grafik.NS_C}"><c:chart r:id="{rid}"/></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing></w:r>"))
        self._par(f"Gambar {g.nomor} {g.judul}", self.gaya("Caption"))

    def bagian(self, lanskap: bool) -> None:
        lama = self.doc.sections[-1]
        s = self.doc.add_section(WD_SECTION.NEW_PAGE)
        sect = s._sectPr
        # a new section continues the page numbers and has no "different first page" of its own
        for el in sect.findall(qn("w:titlePg")):
            sect.remove(el)
        for el in sect.findall(qn("w:pgNumType")):
            el.attrib.pop(qn("w:start"), None)
        w, h = lama.page_width, lama.page_height
        if lanskap != (w > h):
            s.page_width, s.page_height = h, w
        s.orientation = WD_ORIENT.LANDSCAPE if lanskap else WD_ORIENT.PORTRAIT
        self._lebar = None

    def daftar_isi(self, b: DaftarIsi) -> None:
        self._par(b.judul, self.gaya("TOC Heading", "Heading 1"))
        judul = self.n.judul_daftar_isi()
        # the TOC field, its result the headings themselves (Word renumbers it when the field updates)
        p = self._par(gaya=self.gaya("toc 1"))
        _run_field(p, "begin", dirty=True)
        r = OxmlElement("w:r")
        instr = OxmlElement("w:instrText")
        instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        instr.text = ' TOC \\o "1-3" \\h \\z \\u '
        r.append(instr)
        p._p.append(r)
        _run_field(p, "separate")
        for i, (tingkat, teks) in enumerate(judul):
            if i > 0:
                p = self._par(gaya=self.gaya(f"toc {tingkat}"))
            elif tingkat != 1:
                self._gayakan(p, self.gaya(f"toc {tingkat}"))
            p.add_run(teks)
        _run_field(p, "end")
        self._par(b.catatan, self.gaya("Caption"))
        pengaturan = self.doc.settings.element
        if pengaturan.find(qn("w:updateFields")) is None:
            el = OxmlElement("w:updateFields")
            el.set(qn("w:val"), "true")
            pengaturan.append(el)
        self._par().add_run().add_break(WD_BREAK.PAGE)

    def tanda_tangan(self, b: TandaTangan) -> None:
        for teks in b.baris:
            p = self._par(teks)
            p.paragraph_format.left_indent = Cm(max(0.0, self._lebar_teks() - 8.0))
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.first_line_indent = Cm(0)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _teks_p(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _semua_paragraf(doc):
    yield from doc.element.body.iter(qn("w:p"))
    for s in doc.sections:
        for bagian in (s.header, s.footer, s.first_page_header, s.first_page_footer, s.even_page_header,
                       s.even_page_footer):
            if not bagian.is_linked_to_previous:
                yield from bagian._element.iter(qn("w:p"))


def _run_field(p, jenis: str, *, dirty: bool = False) -> None:
    r = OxmlElement("w:r")
    f = OxmlElement("w:fldChar")
    f.set(qn("w:fldCharType"), jenis)
    if dirty:
        f.set(qn("w:dirty"), "true")
    r.append(f)
    p._p.append(r)


def _ulang_kepala(row) -> None:
    """Repeat the header row on every page the table runs over."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


_TC, _T, _TCPR, _RPR = qn("w:tc"), qn("w:t"), qn("w:tcPr"), qn("w:rPr")
_TANDA = "LAKIPXL-ISI"  # where a cell's text goes in its serialised template
_TANDA_TABEL = "LAKIPXL-TABEL-"  # the comment that marks where a table's body rows go
_XMLNS = re.compile(r' xmlns:\w+="[^"]*"')
# XML 1.0 forbids these; lxml refuses them in .text
_TAK_SAH = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _teks_xml(teks: str) -> str:
    """A cell's text as element content: what lxml writes for `el.text = teks` (lxml refuses the
    characters XML cannot carry; they are dropped here)."""
    return xml_text(_TAK_SAH.sub("", teks))


class _PolaBaris:
    """Serialised templates of one table shape's body rows: the <w:tr> opening (with its trPr) of each
    row kind, and each cell as (text before, text after) its w:t text, per row kind, column and
    shading; made lazily from the element rows `_contoh_tabel` built through python-docx. Namespace
    declarations are dropped: the prefixes are python-docx's, declared on document.xml's root."""

    def __init__(self, jenis_baris: dict, penulis: _Penulis):
        self.jenis = jenis_baris
        self.penulis = penulis
        self._sel: dict = {}
        self.kepala = {}
        for k, tr in jenis_baris.items():
            v = tr.__deepcopy__(None)
            for tc in v.findall(_TC):
                v.remove(tc)
            teks = _XMLNS.sub("", etree.tostring(v, encoding="unicode"))
            self.kepala[k] = teks[:-2] + ">" if teks.endswith("/>") else teks[:teks.rindex("</w:tr>")]

    def sel(self, tebal: bool, gabung, c: int, warna: str | None) -> tuple[str, str]:
        kunci = (tebal, gabung, c, warna)
        hasil = self._sel.get(kunci)
        if hasil is None:
            tc = self.jenis[tebal, gabung].findall(_TC)[c].__deepcopy__(None)
            t = next(tc.iter(_T))
            t.text = _TANDA
            if warna:
                tc.find(_TCPR).append(self.penulis._shd(warna))
                if _gelap(warna):
                    r = t.getparent()
                    lama = r.find(_RPR)
                    if lama is not None:
                        r.remove(lama)
                    r.insert(0, self.penulis._rpr["putih"].__deepcopy__(None))
            teks = _XMLNS.sub("", etree.tostring(tc, encoding="unicode"))
            i = teks.index(_TANDA)
            hasil = self._sel[kunci] = (teks[:i], teks[i + len(_TANDA):])
        return hasil


def _shd(warna: str):
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), warna)
    return shd


@functools.lru_cache(maxsize=64)
def _gelap(warna: str) -> bool:
    r, g, b = (int(warna[i:i + 2], 16) for i in (0, 2, 4))
    return (r * 299 + g * 587 + b * 114) / 1000 <= 140


def _arsir(tc, warna: str, *, teks_putih: bool = False) -> None:
    tcpr = tc.get_or_add_tcPr()
    for el in tcpr.findall(qn("w:shd")):
        tcpr.remove(el)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), warna)
    tcpr.append(shd)
    if teks_putih:
        for r in tc.iter(qn("w:r")):
            rpr = r.get_or_add_rPr()
            rpr.get_or_add_b()
            rpr.get_or_add_color().val = _PUTIH


def tulis_docx(naskah: Naskah, templat: str | Path | None = None) -> bytes:
    """The .docx bytes of `naskah` on `templat` (default: the bundled template)."""
    doc = _buka_templat(templat)
    w = _Penulis(doc, naskah)
    ekor = w.siapkan()
    w.tulis()
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    for el in ekor:
        if sect is not None:
            sect.addprevious(el)
        else:
            body.append(el)
    if w.sisipan:
        _sisipkan(doc.part, w.sisipan)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


_TANDA_RE = re.compile(rf"<!--{_TANDA_TABEL}\d+-->")


def _sisipkan(bagian, sisipan: dict[str, str]) -> None:
    """Have the document part serialise with each table's marker comment replaced by its body rows
    (`_Penulis.tabel`). python-docx writes a part's `blob`; this part's class gets a `blob` that
    splices the rows into python-docx's own serialisation, so the package is still written by it."""
    asli = type(bagian)

    def blob(self) -> bytes:
        teks = asli.blob.fget(self).decode("utf-8")
        return _TANDA_RE.sub(lambda m: sisipan[m.group(0)], teks).encode("utf-8")

    bagian.__class__ = type(asli.__name__, (asli,), {"blob": property(blob)})

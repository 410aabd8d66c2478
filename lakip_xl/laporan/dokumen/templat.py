"""The bundled document template, lakip_xl/data/templat_lkjip.docx, built from python-docx's own
blank document:

    python3 -m lakip_xl.laporan.dokumen.templat            # rewrite lakip_xl/data/templat_lkjip.docx
    python3 -m lakip_xl.laporan.dokumen.templat OUT.docx   # write it elsewhere

Staff restyle a copy in Word (fonts, kop surat in the header, margins, colours) and pass it with
`lakip-xl laporan BUKU --templat COPY.docx`. What lakip_xl reads from a template is described in
lakip_xl.laporan.dokumen.penulis and docs/dev/dokumen.md. tests/test_dokumen.py checks that the
committed file has what this builder puts in (styles, page set-up, placeholders).
"""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from lakip_xl.laporan.dokumen.penulis import PENANDA_ISI, TEMPLAT_BAWAAN

HURUF = "Arial"
HITAM = RGBColor(0, 0, 0)


def _gaya(doc, nama: str, *, ukuran: float, tebal: bool = False, miring: bool = False, rata=None,
          sebelum: float = 0, sesudah: float = 6, halaman_baru: bool = False, tipe=WD_STYLE_TYPE.PARAGRAPH):
    st = doc.styles[nama] if nama in {s.name for s in doc.styles} else doc.styles.add_style(nama, tipe)
    st.font.name = HURUF
    st.font.size = Pt(ukuran)
    st.font.bold = tebal
    st.font.italic = miring
    st.font.color.rgb = HITAM
    rpr = st.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for atribut in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(atribut), None)
    fonts.set(qn("w:cs"), HURUF)
    pf = st.paragraph_format
    if rata is not None:
        pf.alignment = rata
    pf.space_before = Pt(sebelum)
    pf.space_after = Pt(sesudah)
    pf.page_break_before = halaman_baru
    return st


def bangun() -> bytes:
    doc = Document()
    props = doc.core_properties
    props.author = "lakip_xl"
    props.title = "Laporan Kinerja Instansi Pemerintah (LKjIP)"
    props.comments = "Templat dokumen lakip-xl laporan; ubah gaya, kop surat dan margin di Word."
    props.created = props.modified = datetime(2021, 1, 4, 8, 0, 0)
    props.revision = 1
    props.last_modified_by = "lakip_xl"

    s = doc.sections[0]
    s.page_width, s.page_height = Cm(21.0), Cm(29.7)  # A4
    s.left_margin, s.right_margin, s.top_margin, s.bottom_margin = Cm(3), Cm(2.5), Cm(2.5), Cm(2.5)
    s.header_distance = s.footer_distance = Cm(1.25)
    s.different_first_page_header_footer = True  # the cover page: no page number

    normal = _gaya(doc, "Normal", ukuran=11, rata=WD_ALIGN_PARAGRAPH.JUSTIFY)
    normal.paragraph_format.line_spacing = 1.15
    _gaya(doc, "Title", ukuran=18, tebal=True, rata=WD_ALIGN_PARAGRAPH.CENTER, sesudah=12)
    _gaya(doc, "Subtitle", ukuran=14, tebal=True, rata=WD_ALIGN_PARAGRAPH.CENTER, sesudah=6)
    _gaya(doc, "Heading 1", ukuran=14, tebal=True, rata=WD_ALIGN_PARAGRAPH.CENTER, sebelum=0, sesudah=18,
          halaman_baru=True)
    kiri = WD_ALIGN_PARAGRAPH.LEFT
    _gaya(doc, "Heading 2", ukuran=12, tebal=True, rata=kiri, sebelum=12, sesudah=6)
    _gaya(doc, "Heading 3", ukuran=11, tebal=True, rata=kiri, sebelum=10, sesudah=6)
    _gaya(doc, "Heading 4", ukuran=11, tebal=True, miring=True, rata=kiri, sebelum=10, sesudah=4)
    _gaya(doc, "Caption", ukuran=9, tebal=True, rata=WD_ALIGN_PARAGRAPH.CENTER, sebelum=6, sesudah=6)
    _gaya(doc, "List Bullet", ukuran=11, rata=kiri, sesudah=3)
    _gaya(doc, "TOC Heading", ukuran=14, tebal=True, rata=WD_ALIGN_PARAGRAPH.CENTER, sesudah=18)
    for i in (1, 2, 3):
        st = _gaya(doc, f"toc {i}", ukuran=11, tebal=i == 1, sesudah=3, rata=WD_ALIGN_PARAGRAPH.LEFT)
        st.base_style = doc.styles["Normal"]
        st.paragraph_format.left_indent = Cm(0.6 * (i - 1))
    for nama, tebal, rata in (("Isi Tabel", False, WD_ALIGN_PARAGRAPH.LEFT),
                              ("Kepala Tabel", True, WD_ALIGN_PARAGRAPH.CENTER)):
        st = _gaya(doc, nama, ukuran=9, tebal=tebal, rata=rata, sesudah=0)
        st.base_style = doc.styles["Normal"]
        st.paragraph_format.line_spacing = 1.0
    for nama in ("Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        doc.styles[nama].paragraph_format.keep_with_next = True

    # page numbers, centred in the footer of every page but the cover
    kaki = s.footer.paragraphs[0]
    kaki.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for jenis, teks in (("begin", None), (None, " PAGE "), ("separate", None), (None, None), ("end", None)):
        r = kaki.add_run()
        if jenis:
            f = OxmlElement("w:fldChar")
            f.set(qn("w:fldCharType"), jenis)
            r._r.append(f)
        elif teks:
            it = OxmlElement("w:instrText")
            it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            it.text = teks
            r._r.append(it)
        else:
            r.text = "1"
    s.header.paragraphs[0].text = ""
    s.first_page_header.paragraphs[0].text = ""
    s.first_page_footer.paragraphs[0].text = ""

    # the cover page: placeholders filled from the workbook's Pengaturan
    for _ in range(6):
        doc.add_paragraph()
    doc.add_paragraph("LAPORAN KINERJA INSTANSI PEMERINTAH", style="Title")
    doc.add_paragraph("(LKjIP)", style="Subtitle")
    doc.add_paragraph("TAHUN {tahun}", style="Subtitle")
    for _ in range(8):
        doc.add_paragraph()
    doc.add_paragraph("{instansi_besar}", style="Subtitle")
    doc.add_paragraph("{wilayah_besar}", style="Subtitle")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph(PENANDA_ISI)
    # python-docx's blank document starts with one empty paragraph: drop it
    body = doc.element.body
    pertama = body.find(qn("w:p"))
    if pertama is not None and not "".join(t.text or "" for t in pertama.iter(qn("w:t"))):
        body.remove(pertama)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    tujuan = Path(argv[0]) if argv else TEMPLAT_BAWAAN
    tujuan.write_bytes(bangun())
    print(tujuan)
    return 0


if __name__ == "__main__":
    sys.exit(main())

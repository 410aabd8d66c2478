"""A values-only copy of a workbook, safe to e-mail (`lakip-xl ekspor BOOK [--keluar OUT.xlsx] [--pdf]`).

`ekspor(path, keluar=None, *, semua_rumus=False, pdf=False) -> HasilEkspor` writes a new .xlsx beside
the workbook (default BOOK_ekspor.xlsx; the original is only read and never overwritten) in which:

- every formula that calls a lakip_xl function (and with `semua_rumus` every formula) is replaced by
  its value computed by lakip_xl's rules (lakip_xl.excel.rumus: never a cached value for a lakip
  formula). Numbers become number cells, texts inline strings (a text starting with "=" stays text),
  blanks empty cells; styles stay;
- every formula that reaches outside the workbook is FROZEN: replaced by its cached value (never
  evaluated), with a warning naming the cell: references into another workbook in either form (an
  index `[1]Sheet1!A1`, a path `'C:\\...\\[lain.xlsx]Data'!B2`, or a defined name holding one), DDE
  (`cmd|' /C calc'!A0`), WEBSERVICE, RTD, CALL, REGISTER, EXEC, and a HYPERLINK to a file or network
  path (lakip_xl.excel.rumus.menjangkau_luar);
- the VBA project (xl/vbaProject.bin, its signatures), Excel 4.0 macro sheets and dialog sheets, the
  `xlwings.conf` sheet, form buttons and shapes bound to macros (VML shapes, their <control> entries
  and ctrlProps), ActiveX controls, OLE objects and embedded files, external links (parts, their
  relationships, the workbook's <externalReferences>), the ribbon customisation (customUI, whose
  buttons call macros), calcChain.xml and a package signature are removed; defined names that refer
  to a removed sheet or to an external workbook are removed; localSheetId, activeTab and firstSheet
  follow the removed sheets; every part no longer reachable by a relationship is removed;
- the workbook's content type is the .xlsx one
  (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml);
- document properties are cleaned (rule below);
- everything else (formatting, merges, widths, colours, conditional formats, charts, images, comments,
  tables, other sheets and their native formulas) is copied byte for byte where its part did not
  change (lakip_xl.xlsx.package.assemble).

Document-property rule: docProps/core.xml loses dc:creator and cp:lastModifiedBy (Windows account
names: personal data; the agency is named in the workbook itself) and any other property whose text
holds a file-system path or file URL; docProps/app.xml loses Manager and Company (a person's and an
office's name), a HyperlinkBase and any element holding a path, and its HeadingPairs/TitlesOfParts (the
list of sheet and name titles, which would still name a removed sheet; Excel rewrites them on the next
save) when a sheet or a defined name was removed; docProps/custom.xml goes whole (custom properties
are where offices keep a compiler's name, NIP or phone, and nothing tells which one is personal); the
workbook loses Excel's x15ac:absPath (the folder the file was last saved in). Hyperlinks of a sheet
whose target is a file or network path (file:///..., C:\\..., \\\\server\\...) go with their
relationships; web links stay.

With `pdf=True`: a PDF of the summary sheets (lakip_xl.laporan.lembar.SHEET_RINGKASAN that exist) beside
the copy (OUT.pdf), made by LibreOffice from a temporary copy where every other sheet is hidden. When
LibreOffice is missing (or fails) the .xlsx is still written; HasilEkspor.galat_pdf holds the
LibreOfficeError and its Indonesian message is among the warnings.

`periksa_keamanan(path, asli=None) -> list[str]`: the security scan of an exported package (Indonesian
findings; empty = clean). Used by the tests on every exported package.

Messages for the CLI: `HasilEkspor.ringkasan()` (Indonesian lines): what was replaced, frozen (with
sheet and cell) and removed.
"""

from __future__ import annotations

import os
import posixpath
import re
import tempfile
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from lakip_xl.berkas import safety
from lakip_xl.errors import BerkasError, LakipError
from lakip_xl.excel.rumus import HasilRumus, evaluasi_rumus, menjangkau_luar, panggil_lakip, rujuk_eksternal
from lakip_xl.xlsx import nilai_saja as ns
from lakip_xl.xlsx.package import (
    NS_MAIN,
    NS_PR,
    NS_R,
    REL,
    REL_CALC_CHAIN,
    REL_WORKSHEET,
    ContentTypes,
    DeflateWorker,
    Rels,
    SourcePackage,
    assemble,
    parse_xml,
    parse_xml_lxml,
    q,
    rels_path,
    resolve_pending,
    serialize,
)
from lakip_xl.xlsx.workbook import Book  # the validated workbook view shared with update_workbook

CT_XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
NAMA_SHEET_CONF = ("xlwings.conf", "_xlwings.conf")  # xlwings reads either (xlwings.bas GetConfigFromSheet)

_MS = "http://schemas.microsoft.com/office/2006/relationships/"
REL_VBA = _MS + "vbaProject"
REL_EXTERNAL_LINK = REL + "externalLink"
REL_CONTROL = REL + "control"  # ActiveX control (xl/activeX/activeXN.xml)
REL_CTRL_PROP = REL + "ctrlProp"  # form-control properties (xl/ctrlProps/ctrlPropN.xml)
REL_OLE = REL + "oleObject"
REL_PACKAGE = REL + "package"  # an embedded file (xl/embeddings/...)
REL_VML = REL + "vmlDrawing"
REL_DRAWING = REL + "drawing"
REL_CHART = REL + "chart"
REL_MACROSHEET = (_MS + "xlMacrosheet", _MS + "xlIntlMacrosheet", REL + "dialogsheet")
REL_CUSTOM_UI = ("http://schemas.microsoft.com/office/2006/relationships/ui/extensibility",
                 "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility")
REL_SIGNATURE = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
REL_APP = REL + "extended-properties"
REL_CUSTOM = REL + "custom-properties"
REL_HYPERLINK = REL + "hyperlink"

# Content types that must not survive in an exported package (also checked by periksa_keamanan).
CT_TERLARANG = (
    "application/vnd.ms-office.vbaProject",
    "application/vnd.ms-office.vbaProjectSignature",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.ms-excel.addin.macroEnabled.main+xml",
    "application/vnd.ms-excel.macrosheet+xml",
    "application/vnd.ms-excel.intlmacrosheet+xml",
    "application/vnd.ms-office.activeX+xml",
    "application/vnd.ms-office.activeX",
    "application/vnd.openxmlformats-officedocument.oleObject",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
)

NS_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

_RUMUS_DIKUTIP = 80  # characters of a formula quoted in a periksa_keamanan finding


def _m(tag: str) -> str:
    return q(NS_MAIN, tag)


# --------------------------------------------------------------------------------------------------
# Result


@dataclass
class HasilEkspor:
    """What ekspor wrote and removed."""

    asal: Path
    keluar: Path
    pdf: Path | None = None
    rumus_diganti: int = 0  # formula cells replaced by values
    rumus_lakip: int = 0  # of which call a lakip_xl function
    dibekukan: list[str] = field(default_factory=list)  # formulas frozen to their cached value: "sheet 'X' sel B4 (why)"
    dihapus: list[str] = field(default_factory=list)  # what was removed, Indonesian, one item each
    bagian_dihapus: list[str] = field(default_factory=list)  # zip entries removed
    peringatan: list[str] = field(default_factory=list)
    galat_pdf: LakipError | None = None

    @property
    def ditulis(self) -> list[Path]:
        return [self.keluar] + ([self.pdf] if self.pdf else [])

    def ringkasan(self) -> str:
        """The lines the CLI prints (Bahasa Indonesia)."""
        lines = [f"Salinan nilai saja ditulis: {self.keluar}"]
        lines.append(f"Rumus yang diganti dengan nilainya: {self.rumus_diganti} (fungsi lakip_xl: {self.rumus_lakip}); "
                     "nilai dihitung ulang dengan aturan lakip_xl, bukan diambil dari nilai tersimpan.")
        if self.dibekukan:
            lines.append(f"Rumus yang menjangkau ke luar buku kerja, dibekukan ke nilai tersimpannya ({len(self.dibekukan)}): "
                         + "; ".join(self.dibekukan) + ".")
        if self.dihapus:
            lines.append("Dihapus dari salinan: " + "; ".join(self.dihapus) + ".")
        if self.pdf:
            lines.append(f"PDF sheet ringkasan ditulis: {self.pdf}")
        lines.append(f"Berkas asli tidak diubah: {self.asal}")
        lines.extend(f"Peringatan: {p}" for p in self.peringatan)
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# Package plan


def _sheet_ref_re(nama: str) -> re.Pattern:
    """A reference to sheet `nama` in a formula: 'na''me'!A1 or name!A1."""
    quoted = "'" + re.escape(nama.replace("'", "''")) + "'!"
    plain = r"(?<![A-Za-z0-9_.'\]])" + re.escape(nama) + "!"
    return re.compile(f"(?:{quoted}|{plain})", re.IGNORECASE)


class _Rencana:
    """The new package, built in memory from the original bytes."""

    def __init__(self, data: bytes, hasil: HasilRumus, berkas: str):
        self.src = SourcePackage(data, berkas=berkas)
        self.book = Book(self.src, berkas)
        self.berkas = berkas
        self.hasil = hasil
        self.ct: ContentTypes = self.book.ct
        self.contents: dict[str, bytes] = {}
        self.rels: dict[str, Rels] = {self.book.wb_part.lower(): self.book.wb_rels}
        self.dihapus: list[str] = []
        self.peringatan: list[str] = []
        self.nama_dihapus = False  # a defined name was removed
        self.sheet_dihapus: list[str] = []
        self.diganti = 0
        self.diganti_lakip = 0
        self._per_sheet: dict[str, dict[str, object]] | None = None
        self._deflater: DeflateWorker | None = None

    # helpers --------------------------------------------------------------------------------------
    def rels_of(self, part: str) -> Rels:
        key = part.lower()
        if key not in self.rels:
            real = self.src.find(rels_path(part))
            self.rels[key] = Rels(part, self.src.read(real) if real else None, berkas=self.berkas)
        return self.rels[key]

    def hapus_rel(self, source: str, rid: str) -> None:
        self.rels_of(source).remove(rid)

    def catat(self, teks: str) -> None:
        if teks not in self.dihapus:
            self.dihapus.append(teks)

    # steps ----------------------------------------------------------------------------------------
    def jalankan(self) -> bytes:
        self._paket_akar()
        self._buku_kerja()
        # a large sheet's new part deflated on a second thread while the next pieces are spliced
        with DeflateWorker() as self._deflater:
            for sheet in self.book.sheets():
                if sheet.part and sheet.rel_type == REL_WORKSHEET:
                    self._lembar(sheet.name, sheet.part)
                elif sheet.part:
                    self._lembar_lain(sheet.part)
        resolve_pending(self.contents)
        self._properti()
        if self.ct.content_type(self.book.wb_part) != CT_XLSX_MAIN:
            self.ct.set_override(self.book.wb_part, CT_XLSX_MAIN)
        removed = self._sapu()
        for el in list(self.ct.root.iter(q("http://schemas.openxmlformats.org/package/2006/content-types",
                                              "Default"))):
            if el.get("ContentType") in CT_TERLARANG:
                self.ct.root.remove(el)  # a Default is a child of <Types>
                self.ct.dirty = True
        for key, rels in self.rels.items():
            if rels.dirty:
                name = self.src.find(rels_path(rels.source)) or rels_path(rels.source)
                if name.lower() not in {r.lower() for r in removed}:
                    self.contents[name] = rels.to_bytes()
        if self.book.wb_dirty:
            self.contents[self.book.wb_part] = serialize(self.book.wb, self.book.wb_original)
        if self.ct.dirty:
            self.contents[self.book.ct_name] = self.ct.to_bytes()
        data, _changed, gone = assemble(self.src, self.contents, removed)
        self.gone = gone
        return data

    def _paket_akar(self) -> None:
        root = self.rels_of("")
        for rel in root.items():
            if rel.type in REL_CUSTOM_UI:
                root.remove(rel.id)
                self.catat("kustomisasi ribbon (customUI) yang memanggil makro")
            elif rel.type == REL_SIGNATURE:
                root.remove(rel.id)
                self.catat("tanda tangan digital paket (tidak berlaku lagi setelah isi diubah)")

    def _buku_kerja(self) -> None:
        book = self.book
        wb_rels = book.wb_rels
        for rel in wb_rels.items():
            if rel.type == REL_VBA:
                wb_rels.remove(rel.id)
                self.catat("proyek VBA (makro)")
            elif rel.type == REL_EXTERNAL_LINK:
                wb_rels.remove(rel.id)
                self.catat("tautan ke buku kerja lain/add-in (external link)")
            elif rel.type == REL_CALC_CHAIN:
                wb_rels.remove(rel.id)  # Excel rebuilds it; it lists cells that are no longer formulas
        ext_refs = book.wb.find(_m("externalReferences"))
        if ext_refs is not None:
            book.wb.remove(ext_refs)
            book.wb_dirty = True
        # Sheets to remove: xlwings.conf, Excel 4.0 macro sheets, dialog sheets.
        for idx in reversed(range(len(book.sheets()))):
            sheet = book.sheets()[idx]
            if sheet.name.casefold() in NAMA_SHEET_CONF:
                self._hapus_sheet(idx, sheet)
                self.catat(f"sheet '{sheet.name}' (pengaturan xlwings)")
            elif sheet.rel_type in REL_MACROSHEET:
                self._hapus_sheet(idx, sheet)
                self.catat(f"sheet makro '{sheet.name}'")
        # Defined names into external workbooks ([1]Sheet1!A1, [1]!Nama) or with a #REF! left behind.
        box = book.wb.find(_m("definedNames"))
        if box is not None:
            for el in list(box):
                if rujuk_eksternal(el.text or "") or panggil_lakip(el.text or ""):
                    box.remove(el)
                    self.nama_dihapus = True
                    book.wb_dirty = True
                    self.catat(f"nama '{el.get('name')}' yang merujuk buku kerja lain atau fungsi lakip_xl")
            if not len(box):
                book.wb.remove(box)
        # Excel 2013+ stores the folder the file was saved in (x15ac:absPath): a personal path.
        for wadah in list(book.wb):  # the child of <workbook> that holds it (mc:AlternateContent)
            if any(isinstance(el.tag, str) and el.tag.endswith("}absPath") for el in wadah.iter()):
                book.wb.remove(wadah)
                book.wb_dirty = True
                self.catat("lokasi folder penyimpanan berkas (absPath)")

    def _hapus_sheet(self, idx: int, sheet) -> None:
        book = self.book
        book.sheets_el.remove(sheet.el)
        book.wb_rels.remove(sheet.rid)
        book.wb_dirty = True
        self.sheet_dihapus.append(sheet.name)
        ref = _sheet_ref_re(sheet.name)
        box = book.wb.find(_m("definedNames"))
        if box is not None:
            for el in list(box):
                lid = el.get("localSheetId")
                if (lid is not None and lid.isdigit() and int(lid) == idx) or ref.search(el.text or ""):
                    box.remove(el)
                    self.nama_dihapus = True
                elif lid is not None and lid.isdigit() and int(lid) > idx:
                    el.set("localSheetId", str(int(lid) - 1))
        views = book.wb.find(_m("bookViews"))
        sisa = book.sheets()
        terlihat = [i for i, s in enumerate(sisa) if s.el.get("state", "visible") == "visible"]
        for view in (views if views is not None else []):
            for attr in ("activeTab", "firstSheet"):
                val = view.get(attr)
                if val is not None and val.isdigit() and int(val) >= idx:
                    baru = max(int(val) - 1, 0) if int(val) > idx else 0
                    view.set(attr, str(baru))
            tab = int(view.get("activeTab", "0") or 0)
            if terlihat and tab not in terlihat:
                view.set("activeTab", str(terlihat[0]))

    def _nilai_sheet(self, nama: str) -> dict[str, object]:
        if self._per_sheet is None:
            self._per_sheet = {}
            for (sheet, sel), v in self.hasil.nilai.items():
                self._per_sheet.setdefault(sheet, {})[sel] = v
        return self._per_sheet.get(nama, {})

    def _catat_diganti(self, nama: str, diganti: list[str]) -> None:
        self.diganti += len(diganti)
        self.diganti_lakip += sum((nama, r) in self.hasil.lakip for r in diganti)

    def _lembar(self, nama: str, part: str) -> None:
        """One worksheet: formulas to values, buttons/ActiveX/OLE out."""
        nilai = self._nilai_sheet(nama)
        rels = self.rels_of(part)
        # Nothing but formulas to replace (no VML, controls, OLE, file hyperlinks): the cells are spliced
        # into the part's bytes, read and deflated piece by piece, without a DOM (a 50,000-row sheet as
        # an lxml tree costs ~400 MB).
        polos = not any(
            rel.type in (REL_VML, REL_CONTROL, REL_OLE, REL_PACKAGE)
            or (rel.type == REL_HYPERLINK and rel.external and _tautan_berkas(rel.target)) for rel in rels.items())
        if polos and any(_KONTROL_RE.search(keping) for keping in ns.kepingan_xml(self.src, part)):
            polos = False
        if polos:
            hasil = None
            if nilai:
                try:
                    hasil = ns.ganti_rumus_teks(self.src, part, nilai, deflater=self._deflater)
                except ValueError:
                    raise self._galat_shared(nama) from None
            if hasil is not None or not nilai:
                for rel in rels.items():
                    if rel.type == REL_DRAWING and not rel.external and self.src.find(rel.part):
                        self._gambar(rel.part)
                if hasil is not None:
                    baru, diganti = hasil
                    self._catat_diganti(nama, diganti)
                    if diganti:
                        self.contents[self.src.find(part)] = baru
                return
        asli = self.src.read(part)
        root = parse_xml_lxml(asli, part=part, berkas=self.berkas)
        berubah = False
        if nilai:
            try:
                diganti = ns.ganti_rumus(root, nilai)
            except ValueError:
                raise self._galat_shared(nama) from None
            self._catat_diganti(nama, diganti)
            berubah = berubah or bool(diganti)
        shape_ids: list[str] = []
        for rel in rels.items():
            if rel.type == REL_VML and not rel.external and self.src.find(rel.part):
                vml = self.src.read(rel.part)
                baru, hapus, sisa = ns.hapus_tombol_vml(vml)
                if hapus:
                    shape_ids += hapus
                    self.catat("tombol makro")
                    if sisa == 0:
                        rels.remove(rel.id)
                        ns.hapus_legacy_drawing(root, rel.id)
                        berubah = True
                    else:
                        self.contents[self.src.find(rel.part)] = baru
            elif rel.type == REL_DRAWING and not rel.external and self.src.find(rel.part):
                self._gambar(rel.part)
        for rel in rels.items():
            if rel.type == REL_HYPERLINK and rel.external and _tautan_berkas(rel.target):
                for el in list(root.iter(_m("hyperlink"))):
                    if el.get(q(NS_R, "id")) == rel.id:
                        self.catat(f"tautan ke berkas di komputer/jaringan (sheet '{nama}' sel {el.get('ref')})")
                        box = el.getparent()
                        box.remove(el)
                        if not len(box):
                            box.getparent().remove(box)
                        berubah = True
                rels.remove(rel.id)
        aktif = [r.id for r in rels.items() if r.type in (REL_CONTROL, REL_OLE, REL_PACKAGE)]
        dipakai = ns.hapus_kontrol(root, shape_ids, aktif)
        if dipakai:
            berubah = True
        for rel in rels.items():
            if rel.id in dipakai or rel.type in (REL_CONTROL, REL_OLE, REL_PACKAGE):
                rels.remove(rel.id)
                if rel.type == REL_CONTROL:
                    self.catat("kontrol ActiveX")
                elif rel.type in (REL_OLE, REL_PACKAGE):
                    self.catat("objek OLE/berkas tertanam")
                # REL_CTRL_PROP: the macro button's properties, already listed as "tombol makro"
        if berubah:
            self.contents[self.src.find(part)] = serialize(root, asli)

    def _galat_shared(self, nama: str) -> BerkasError:
        return BerkasError(
            f"Rumus bersama (shared formula) di sheet '{nama}' hanya sebagian dapat diganti nilainya.",
            saran="Buka berkas di Excel, salin lalu tempel ulang rumus di kolom itu, simpan, lalu ulangi.",
            berkas=self.berkas, sheet=nama)

    def _lembar_lain(self, part: str) -> None:
        """A chart sheet: only its drawing (shapes with macros, charts' embedded data)."""
        for rel in self.rels_of(part).items():
            if rel.type == REL_DRAWING and not rel.external and self.src.find(rel.part):
                self._gambar(rel.part)

    def _gambar(self, part: str) -> None:
        asli = self.src.read(part)
        root = parse_xml_lxml(asli, part=part, berkas=self.berkas)
        if ns.hapus_makro_gambar(root):
            self.contents[self.src.find(part)] = serialize(root, asli)
            self.catat("makro pada bentuk (shape)")
        rels = self.rels_of(part)
        for rel in rels.items():
            if rel.type in (REL_OLE, REL_PACKAGE, REL_CONTROL):
                rels.remove(rel.id)
                self.catat("objek OLE/berkas tertanam")
            elif rel.type == REL_CHART and not rel.external and self.src.find(rel.part):
                c_asli = self.src.read(rel.part)
                c_root = parse_xml_lxml(c_asli, part=rel.part, berkas=self.berkas)
                rids = ns.hapus_data_eksternal_grafik(c_root)
                if rids:
                    self.contents[self.src.find(rel.part)] = serialize(c_root, c_asli)
                    for rid in rids:
                        self.hapus_rel(rel.part, rid)
                    self.catat("data sumber tertanam pada grafik")

    def _properti(self) -> None:
        root = self.rels_of("")
        for rel in root.items():
            real = self.src.find(rel.part) if not rel.external else None
            if real is None:
                continue
            asli = self.src.read(real)
            doc = parse_xml_lxml(asli, part=real, berkas=self.berkas)
            ubah = False
            if rel.type == REL_CORE:
                for el in list(doc):
                    if el.tag in (q(NS_DC, "creator"), q(NS_CP, "lastModifiedBy")) or ns.ada_path(el.text):
                        doc.remove(el)
                        ubah = True
            elif rel.type == REL_APP:
                for el in list(doc):
                    buang = el.tag == q(NS_EP, "HyperlinkBase") or ns.ada_path("".join(el.itertext()))
                    if el.tag in (q(NS_EP, "Manager"), q(NS_EP, "Company")) and "".join(el.itertext()).strip():
                        buang = True
                    if (self.sheet_dihapus or self.nama_dihapus) and el.tag in (q(NS_EP, "HeadingPairs"),
                                                                                q(NS_EP, "TitlesOfParts")):
                        buang = True
                    if buang:
                        doc.remove(el)
                        ubah = True
            elif rel.type == REL_CUSTOM:
                nama = [el.get("name") or "?" for el in doc]
                root.remove(rel.id)  # the part goes with its relationship (_sapu)
                self.catat("properti kustom dokumen" + (f" ({', '.join(nama)})" if nama else ""))
                continue
            if ubah:
                self.contents[real] = serialize(doc, asli)
                self.catat("data pribadi pada properti dokumen (nama pengguna, pengelola, kantor, lokasi folder)")

    def _sapu(self) -> set[str]:
        """Every part no longer reachable through a relationship from the package root, with its rels
        and content-type override (the removed VBA project, sheets, links, controls and what only they
        used: signatures, ActiveX binaries, ctrlProps, embedded files...)."""
        reach: set[str] = set()
        todo = deque([""])
        while todo:
            source = todo.popleft()
            if source and self.src.find(rels_path(source)) is None and source.lower() not in self.rels:
                continue
            for rel in self.rels_of(source).items():
                if rel.external:
                    continue
                key = rel.part.lower()
                if key not in reach:
                    reach.add(key)
                    todo.append(rel.part)
        removed: set[str] = set()
        for info in self.src.infos:
            name = info.filename
            key = name.lower()
            if key == self.book.ct_name.lower():
                continue
            folder, base = posixpath.split(name)
            if base.lower().endswith(".rels") and posixpath.basename(folder).lower() == "_rels":
                source = posixpath.join(posixpath.dirname(folder), base[:-5]) if base != ".rels" else ""
                if source == "" or source.lower() in reach:
                    continue
            elif key in reach:
                continue
            removed.add(name)
            self.ct.remove_override(name)
        return removed


# --------------------------------------------------------------------------------------------------
# Writing


_TAUTAN_WEB = re.compile(r"(?i)(?:https?|mailto|ftp|tel):")
_KONTROL_RE = re.compile(rb"<(?:\w+:)?(?:control|oleObject|oleObjects|controls)\b")


def _tautan_berkas(target: str) -> bool:
    """A hyperlink target that is a file or network path (file:///, C:\\, \\\\server, a relative path),
    not a web or mail link."""
    return not _TAUTAN_WEB.match((target or "").strip())


def _keluaran(asal: Path, keluar: str | os.PathLike | None) -> Path:
    out = Path(keluar) if keluar is not None else asal.with_name(asal.stem + "_ekspor.xlsx")
    if out.suffix.lower() != ".xlsx":
        raise BerkasError(f"Nama berkas hasil ekspor harus berakhiran .xlsx, bukan '{out.name}'.",
                          saran="Salinan nilai saja tidak berisi makro; gunakan misalnya LAPORAN_ekspor.xlsx.",
                          berkas=asal.name)
    if out.exists() and (out.resolve() == asal.resolve() or os.path.samefile(out, asal)):
        raise BerkasError("Berkas hasil ekspor tidak boleh sama dengan berkas asli.",
                          saran="Pilih nama lain untuk --keluar (berkas asli tidak pernah ditimpa).",
                          berkas=asal.name)
    if out.is_dir():
        raise BerkasError(f"'{out}' adalah folder.", saran="Tulis nama berkas .xlsx lengkap.", berkas=asal.name)
    return out


def _tulis_baru(path: Path, data: bytes) -> None:
    """Write `path` atomically (temp file in the same folder, fsync, os.replace); no backup: the
    file is our own output."""
    try:
        safety.tulis_atomik(path, data, backups=0)
    except OSError as exc:
        raise BerkasError(f"Folder '{path.parent}' tidak dapat ditulisi ({exc.strerror or exc}).",
                          saran="Pilih folder lain dengan --keluar.", berkas=path.name) from None


def _baca_asal(p: Path) -> bytes:
    safety.periksa_ada(p)
    data = p.read_bytes()
    # A read-only original or one open in Excel is fine to read; only the file-format checks of
    # safety.cek_berkas apply (old .xls, encrypted, not a zip, too large).
    if data.startswith(safety.OLE_MAGIC) or not data.startswith(safety.ZIP_PREFIX) or len(data) > safety.MAX_FILE_BYTES:
        safety.cek_berkas(p, cek_kunci=False)
        raise BerkasError("Berkas bukan buku kerja Excel .xlsx/.xlsm.", berkas=p.name)
    return data


def ekspor(path: str | os.PathLike, keluar: str | os.PathLike | None = None, *, semua_rumus: bool = False,
           pdf: bool = False) -> HasilEkspor:
    """Write a values-only copy of the workbook at `path` (see the module docstring)."""
    asal = Path(path)
    data = _baca_asal(asal)
    out = _keluaran(asal, keluar)
    SourcePackage(data, berkas=asal.name)  # zip-bomb guard before openpyxl/pycel read anything
    from lakip_xl.laporan.hitung import tanpa_gc

    # the cyclic collector paused while the formulas are read, computed and written, as in the sync
    # (lakip_xl.laporan.hitung.tanpa_gc): 50,000 rows 7.8-8.7 -> 6.5-6.9 s CPU, peak memory unchanged
    with tanpa_gc():
        hasil_rumus = evaluasi_rumus(asal, semua_rumus=semua_rumus, data=data)
        hasil_rumus.hentikan_jika_galat()
        rencana = _Rencana(data, hasil_rumus, asal.name)
        baru = rencana.jalankan()
        _tulis_baru(out, baru)
    hasil = HasilEkspor(asal=asal, keluar=out, rumus_diganti=rencana.diganti, rumus_lakip=rencana.diganti_lakip,
                        dihapus=rencana.dihapus, bagian_dihapus=rencana.gone,
                        dibekukan=[f"sheet '{sh}' sel {sel} ({sebab})" for (sh, sel), sebab in hasil_rumus.beku.items()])
    hasil.peringatan.extend(m.teks() for m in hasil_rumus.peringatan)
    if pdf:
        try:
            hasil.pdf = _pdf_ringkasan(out, hasil)
        except LakipError as exc:
            hasil.galat_pdf = exc
            hasil.peringatan.append(exc.masalah.teks())
    return hasil


# --------------------------------------------------------------------------------------------------
# PDF of the summary sheets


def _pdf_ringkasan(xlsx: Path, hasil: HasilEkspor) -> Path | None:
    from lakip_xl.berkas import libreoffice
    from lakip_xl.laporan.lembar import SHEET_RINGKASAN

    data = xlsx.read_bytes()
    src = SourcePackage(data, berkas=xlsx.name)
    book = Book(src, xlsx.name)
    ringkas = {n.casefold() for n in SHEET_RINGKASAN}
    sheets = book.sheets()
    tampil = [i for i, s in enumerate(sheets) if s.name.casefold() in ringkas]
    if not tampil:
        hasil.peringatan.append(
            "PDF tidak dibuat: buku kerja belum berisi sheet ringkasan (" + ", ".join(SHEET_RINGKASAN)
            + "). Jalankan 'Perbarui Ringkasan' (lakip-xl sync) lalu ekspor lagi.")
        return None
    for i, s in enumerate(sheets):
        if i in tampil:
            s.el.attrib.pop("state", None)
        else:
            s.el.set("state", "hidden")
    for view in book.wb.iter(_m("workbookView")):
        view.set("activeTab", str(tampil[0]))
        view.set("firstSheet", str(tampil[0]))
    contents = {book.wb_part: serialize(book.wb, book.wb_original)}
    sementara, _, _ = assemble(src, contents, set())
    tujuan = xlsx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="lakipxl-pdf-") as tmp:
        salinan = Path(tmp) / (xlsx.stem + ".xlsx")
        salinan.write_bytes(sementara)
        hasil_pdf = libreoffice.pdf(salinan, Path(tmp) / "out")
        _tulis_baru(tujuan, hasil_pdf.read_bytes())
    return tujuan


# --------------------------------------------------------------------------------------------------
# Security scan

_BAGIAN_TERLARANG = (
    (re.compile(r"(^|/)vbaProject[^/]*\.bin$", re.I), "proyek VBA"),
    (re.compile(r"(^|/)vbaProjectSignature[^/]*\.bin$", re.I), "tanda tangan proyek VBA"),
    (re.compile(r"^xl/externalLinks/", re.I), "tautan eksternal"),
    (re.compile(r"^xl/activeX/", re.I), "kontrol ActiveX"),
    (re.compile(r"^xl/embeddings/", re.I), "objek tertanam (OLE)"),
    (re.compile(r"oleObject", re.I), "objek OLE"),
    (re.compile(r"^xl/macrosheets/", re.I), "sheet makro Excel 4.0"),
    (re.compile(r"^xl/dialogsheets/", re.I), "sheet dialog"),
    (re.compile(r"^customUI/", re.I), "kustomisasi ribbon"),
)
_REL_TERLARANG = {REL_VBA: "proyek VBA", REL_EXTERNAL_LINK: "tautan eksternal", REL_CONTROL: "kontrol ActiveX",
                  REL_OLE: "objek OLE", REL_PACKAGE: "berkas tertanam",
                  **{r: "sheet makro" for r in REL_MACROSHEET}, **{r: "kustomisasi ribbon" for r in REL_CUSTOM_UI}}
# DDE (cmd|' /c calc'!A1) and functions that reach outside the workbook.
_FUNGSI_BAHAYA = re.compile(r"\b(?:WEBSERVICE|CALL|REGISTER(?:\.ID)?|EXEC|RTD|DDE\w*)\s*\(",
                            re.I)


def _tanpa_teks(rumus: str) -> str:
    return re.sub(r'"(?:[^"]|"")*"', '""', rumus)


def _rumus_paket(src: SourcePackage, berkas: str) -> dict[tuple[str, str], str]:
    """{(sheet name, cell): formula text} of every worksheet in a package."""
    book = Book(src, berkas)
    out = {}
    for sheet in book.sheets():
        if sheet.part and sheet.rel_type == REL_WORKSHEET:
            root = parse_xml_lxml(src.read(sheet.part), part=sheet.part, berkas=berkas)
            for sel, f in ns.rumus_sel(root).items():
                out[(sheet.name, sel)] = f
    return out


def periksa_keamanan(path: str | os.PathLike, asli: str | os.PathLike | None = None) -> list[str]:
    """Scan an exported package; returns the findings (Indonesian, one line each; [] = clean):
    a VBA project, an external link, ActiveX, OLE objects or embedded files, macro sheets, a ribbon
    customisation, a macro-enabled content type, a VML shape bound to a macro, a formula that still
    calls a lakip_xl function, a formula with a DDE or outside-reaching call (WEBSERVICE, RTD, a
    HYPERLINK to a file), a formula or defined name into another workbook (either form), a hyperlink to
    a file or network path, personal document properties (app.xml Manager/Company, custom.xml), a
    formula text starting with "=" (a user's text written as a formula: OOXML stores formulas without
    "="), and, when the original workbook `asli` is given, any formula that is not the original's
    formula in that cell (so no formula can come from cell text or anywhere but the author's own
    formulas)."""
    p = Path(path)
    src = SourcePackage(p.read_bytes(), berkas=p.name)
    temuan: list[str] = []
    for info in src.infos:
        for pola, apa in _BAGIAN_TERLARANG:
            if pola.search(info.filename):
                temuan.append(f"{apa}: bagian '{info.filename}'")
                break
        name = info.filename
        if name.lower().endswith(".rels"):
            root = parse_xml(src.read(name), part=name, berkas=p.name)
            for el in root.iter(q(NS_PR, "Relationship")):
                apa = _REL_TERLARANG.get(el.get("Type", ""))
                if apa:
                    temuan.append(f"{apa}: relasi {el.get('Id')} di '{name}' ke '{el.get('Target')}'")
                elif (el.get("Type") == REL_HYPERLINK and el.get("TargetMode") == "External"
                      and _tautan_berkas(el.get("Target", ""))):
                    temuan.append(f"tautan ke berkas di komputer/jaringan: relasi {el.get('Id')} di '{name}' ke "
                                  f"'{el.get('Target')}'")
                elif el.get("Type") == REL_CUSTOM:
                    temuan.append(f"properti kustom dokumen: relasi {el.get('Id')} di '{name}'")
        elif name.lower() == "docprops/app.xml":
            root = parse_xml(src.read(name), part=name, berkas=p.name)
            for tag in ("Manager", "Company"):
                el = root.find(q(NS_EP, tag))
                if el is not None and (el.text or "").strip():
                    temuan.append(f"data pribadi di properti dokumen: {tag} = {el.text.strip()}")
        elif name.lower().endswith(".vml"):
            if b"<x:FmlaMacro" in src.read(name):
                temuan.append(f"tombol/bentuk yang menjalankan makro di '{name}'")
    ct_name = src.find("[Content_Types].xml")
    if ct_name:
        ct = parse_xml(src.read(ct_name), part=ct_name, berkas=p.name)
        for el in ct:
            if el.get("ContentType") in CT_TERLARANG:
                temuan.append(f"tipe konten terlarang {el.get('ContentType')} "
                              f"({el.get('PartName') or '*.' + (el.get('Extension') or '')})")
    book = Book(src, p.name)
    if book.wb.find(_m("externalReferences")) is not None:
        temuan.append("buku kerja masih berisi <externalReferences>")
    box = book.wb.find(_m("definedNames"))
    for el in (box if box is not None else []):
        if rujuk_eksternal(el.text or ""):
            temuan.append(f"nama '{el.get('name')}' merujuk buku kerja lain: {el.text}")
    for sheet in book.sheets():
        if sheet.part and sheet.rel_type == REL_WORKSHEET:
            root = parse_xml_lxml(src.read(sheet.part), part=sheet.part, berkas=p.name)
            if root.find(_m("oleObjects")) is not None or any(True for _ in root.iter(_m("oleObject"))):
                temuan.append(f"objek OLE di sheet '{sheet.name}'")
    rumus = _rumus_paket(src, p.name)
    rumus_asli = None
    if asli is not None:
        pa = Path(asli)
        rumus_asli = _rumus_paket(SourcePackage(pa.read_bytes(), berkas=pa.name), pa.name)
    for (sheet, sel), f in rumus.items():
        lokasi = f"sheet '{sheet}' sel {sel}"
        if f.lstrip().startswith("="):
            temuan.append(f"rumus dari teks pengguna (diawali '=') di {lokasi}: {f[:_RUMUS_DIKUTIP]}")
        if panggil_lakip(f):
            temuan.append(f"rumus fungsi lakip_xl belum diganti nilainya di {lokasi}: {f[:_RUMUS_DIKUTIP]}")
        bersih = _tanpa_teks(f)
        if "|" in bersih or _FUNGSI_BAHAYA.search(bersih) or menjangkau_luar(f):
            temuan.append(f"rumus yang menjangkau ke luar buku kerja (DDE/web/berkas) di {lokasi}: {f[:_RUMUS_DIKUTIP]}")
        if rujuk_eksternal(f):
            temuan.append(f"rumus yang merujuk buku kerja lain di {lokasi}: {f[:_RUMUS_DIKUTIP]}")
        if rumus_asli is not None and rumus_asli.get((sheet, sel)) != f:
            temuan.append(f"rumus yang tidak ada di buku kerja asli di {lokasi}: {f[:_RUMUS_DIKUTIP]}")
    return temuan

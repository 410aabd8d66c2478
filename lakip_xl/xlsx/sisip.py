"""Add plain sheets (with form buttons and VBA code names) and a VBA project to an existing package,
changing nothing else. Used by `lakip-xl pasang BUKU` (lakip_xl.excel.pasang_buku).

What `sisipkan` may change, and how (everything else is copied raw, byte for byte, in its place):

- ``[Content_Types].xml``: Overrides appended for the new parts; Defaults for ``vml`` / ``bin`` /
  ``rels`` added when missing (before the first Override, where Excel keeps Defaults); the main
  part's content type set to ``application/vnd.ms-excel.sheet.macroEnabled.main+xml`` when a VBA
  project is given.
- ``xl/workbook.xml``: one ``<sheet>`` per new sheet appended to ``<sheets>`` (sheetId = highest + 1,
  ``state="hidden"`` when asked); ``codeName`` added to ``<workbookPr>`` (the element is created
  after ``fileVersion`` / ``fileSharing`` when missing) when a workbook code name is given and none
  is there. Existing attributes, names and ``<calcPr>`` are left alone.
- ``xl/_rels/workbook.xml.rels``: a relationship per new sheet, and one for the VBA project when the
  package had none.
- ``xl/vbaProject.bin`` (or wherever the package's vbaProject relationship points): replaced by the
  given project, or added.

New entries (appended after the existing ones, fixed date 1980-01-01): each sheet's worksheet part
(``xl/worksheets/sheetN.xml``, N the first free number), its rels, one VML drawing per sheet with
buttons (``xl/drawings/vmlDrawingN.vml``, a shape-id block no other drawing claims) and one
``xl/ctrlProps/ctrlPropN.xml`` per button (lakip_xl.xlsx.tombol).

``xl/calcChain.xml`` is kept: the new sheets hold no formulas, so every cell it lists is still a
formula cell (update_workbook removes it because it rewrites formula cells; nothing here does).
``docProps/app.xml`` (the sheet titles Excel shows in File > Info) is not updated, as update_workbook
does not update it either: Excel rewrites it on the next save.

Sheet cells are written without styles (no ``s`` attribute), so ``xl/styles.xml`` is untouched; text
is an inline string (``sharedStrings.xml`` untouched), booleans ``t="b"``.

Public API:
    baca_buku(data, *, berkas="") -> InfoBuku        the facts pasang decides on (sheets, code names, VBA)
    sisipkan(data, lembar, *, proyek_vba=None, codename_buku=None, berkas="") -> Sisipan
    LembarBaru, Sisipan, InfoBuku, LembarAda
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from lakip_xl.errors import BerkasError
from lakip_xl.xlsx import xmltree
from lakip_xl.xlsx.package import (
    CT_WORKSHEET,
    NS_MAIN,
    NS_R,
    REL_WORKSHEET,
    Rels,
    SourcePackage,
    assemble,
    q,
    rels_path,
    serialize,
)
from lakip_xl.xlsx.sheetspec import cell_ref, col_letter, valid_sheet_name
from lakip_xl.xlsx.sheetxml import col_width, ooxml_text, xml_attr, xml_text
from lakip_xl.xlsx.tombol import (
    CT_CTRL_PROP,
    CT_VML,
    NS_MC,
    NS_X14,
    NS_XDR,
    REL_CTRL_PROP,
    REL_VML,
    Tombol,
    controls_xml,
    ctrl_prop_xml,
    idmap_terpakai,
    shape_id,
    vml_drawing,
)
from lakip_xl.xlsx.workbook import Book

REL_VBA_PROJECT = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
REL_VBA_SIGNATURE = "http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature"
REL_VBA_SIGNATURE_AGILE = "http://schemas.microsoft.com/office/2014/relationships/vbaProjectSignatureAgile"
REL_VBA_SIGNATURE_V3 = "http://schemas.microsoft.com/office/2020/07/relationships/vbaProjectSignatureV3"
CT_VBA_PROJECT = "application/vnd.ms-office.vbaProject"
CT_MAIN_MACRO = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CT_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"

# CT_WorkbookPr attributes that come before codeName (schema order), as pyopenvba and Excel place it.
_SEBELUM_CODENAME = ("date1904", "showObjects", "showBorderUnselectedTables", "filterPrivacy",
                     "promptedSolutions", "showInkAnnotation", "backupFile", "saveExternalLinkValues",
                     "updateLinks")
_SHEET_PR = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetPr\b[^>]*>")
_CODENAME_ATTR = re.compile(rb"\bcodeName=\"([^\"]*)\"")
_VBA_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}")


def _m(tag: str) -> str:
    return q(NS_MAIN, tag)


# ------------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class LembarAda:
    """A sheet of the package: name, relationship type (worksheet, chartsheet...), code name or ""."""

    nama: str
    jenis: str
    codename: str


@dataclass
class InfoBuku:
    lembar: list[LembarAda]
    codename_buku: str  # workbookPr/@codeName, "" when absent
    macro_enabled: bool  # the main part's content type
    vba_part: str | None  # the VBA project part (entry name) when the package has one
    vba: bytes | None
    tanda_tangan: list[str] = field(default_factory=list)  # signature parts related from the project
    bagian_buku: str = "xl/workbook.xml"  # entry names of the main part, its rels, the content types
    bagian_rels: str = "xl/_rels/workbook.xml.rels"
    bagian_ct: str = "[Content_Types].xml"

    def nama_lembar(self) -> set[str]:
        return {s.nama.casefold() for s in self.lembar}

    def codenames(self) -> set[str]:
        return {s.codename.casefold() for s in self.lembar if s.codename} | (
            {self.codename_buku.casefold()} if self.codename_buku else set())


def _codename_lembar(src: SourcePackage, part: str | None) -> str:
    """A sheet's code name from its sheetPr (read from the start of the part only: sheetPr is the
    root's first child)."""
    if part is None:
        return ""
    try:
        with src.zf.open(src.zf.getinfo(part)) as fh:
            head = fh.read(1 << 16)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError):
        head = src.read(part)[: 1 << 16]  # raises BerkasError naming the damaged part
    m = _SHEET_PR.search(head)
    if not m:
        return ""
    c = _CODENAME_ATTR.search(m.group(0))
    return c.group(1).decode("utf-8", "replace") if c else ""


def _buka(data: bytes, berkas: str) -> tuple[SourcePackage, Book]:
    src = SourcePackage(data, berkas=berkas)
    return src, Book(src, berkas)


def baca_buku(data: bytes, *, berkas: str = "") -> InfoBuku:
    """What `pasang` needs to know about a package before deciding anything (BerkasError when the
    package is not a usable workbook: see lakip_xl.xlsx.workbook.Book)."""
    src, book = _buka(data, berkas)
    lembar = [LembarAda(s.name, s.rel_type.rsplit("/", 1)[-1], _codename_lembar(src, s.part))
              for s in book.sheets()]
    pr = book.wb.find(_m("workbookPr"))
    codename_buku = (pr.get("codeName") or "") if pr is not None else ""
    macro = book.ct.content_type(book.wb_part) == CT_MAIN_MACRO
    vba_rel = next((r for r in book.wb_rels.items() if r.type == REL_VBA_PROJECT and not r.external), None)
    vba_part = src.find(vba_rel.part) if vba_rel else None
    if vba_rel is not None and vba_part is None:
        raise BerkasError(f"Workbook merujuk proyek VBA '{vba_rel.part}' yang tidak ada di dalam berkas.",
                          saran="Buka berkas di Excel (Excel dapat memperbaikinya), simpan, lalu ulangi.",
                          berkas=berkas)
    tanda: list[str] = []
    if vba_part is not None:
        rels_name = src.find(rels_path(vba_part))
        if rels_name:
            rels = Rels(vba_part, src.read(rels_name), berkas=berkas)
            tanda = [r.part for r in rels.items()
                     if r.type in (REL_VBA_SIGNATURE, REL_VBA_SIGNATURE_AGILE, REL_VBA_SIGNATURE_V3)
                     or "signature" in r.type.lower()]
    # a signature part left without its relationship still says the project was signed
    tanda += [i.filename for i in src.infos
              if re.fullmatch(r"(?i).*/vbaProjectSignature\w*\.bin", i.filename) and i.filename not in tanda]
    return InfoBuku(lembar=lembar, codename_buku=codename_buku, macro_enabled=macro, vba_part=vba_part,
                    vba=src.read(vba_part) if vba_part else None, tanda_tangan=tanda,
                    bagian_buku=book.wb_part, bagian_rels=book.wb_rels_name, bagian_ct=book.ct_name)


# ------------------------------------------------------------------------------------------- writing


Nilai = str | bool | None


@dataclass(frozen=True)
class LembarBaru:
    """A new plain sheet: cells from A1 (rows of text / booleans / None), optional column widths
    (1-based column, width in characters), hidden or visible, form buttons (positioned on the default
    grid: give no width to the columns a button spans)."""

    nama: str
    codename: str
    isi: tuple[tuple[Nilai, ...], ...] = ()
    tersembunyi: bool = False
    lebar_kolom: tuple[tuple[int, float], ...] = ()
    tombol: tuple[Tombol, ...] = ()


@dataclass
class Sisipan:
    data: bytes
    sheets_added: list[str]
    parts_changed: list[str]  # existing entries whose content changed
    parts_added: list[str]  # new entries, in package order


def _sel(ref: str, v: Nilai) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if isinstance(v, str):
        space = ' xml:space="preserve"' if v != v.strip() or "\n" in v or "  " in v else ""
        return f'<c r="{ref}" t="inlineStr"><is><t{space}>{xml_text(ooxml_text(v))}</t></is></c>'
    raise TypeError(f"cell {ref}: unsupported value {type(v).__name__}")


def lembar_xml(lembar: LembarBaru, *, vml_rid: str | None = None,
               kontrol: list[tuple[Tombol, int, str]] | None = None) -> bytes:
    """The worksheet part of a new sheet (CT_Worksheet element order: sheetPr, dimension, sheetViews,
    sheetFormatPr, cols, sheetData, pageMargins, legacyDrawing, controls)."""
    ns = f'xmlns="{NS_MAIN}" xmlns:r="{NS_R}"'
    if kontrol:
        ns += f' xmlns:xdr="{NS_XDR}" xmlns:x14="{NS_X14}" xmlns:mc="{NS_MC}"'
    rows = []
    max_r = max_c = 0
    for r, baris in enumerate(lembar.isi, start=1):
        cells = "".join(_sel(cell_ref(r, c), v) for c, v in enumerate(baris, start=1))
        if cells:
            rows.append(f'<row r="{r}">{cells}</row>')
            max_r = r
            max_c = max(max_c, max(c for c, v in enumerate(baris, start=1) if v is not None))
    dim = f"A1:{col_letter(max_c)}{max_r}" if max_r and (max_r, max_c) != (1, 1) else "A1"
    cols = "".join(f'<col min="{c}" max="{c}" width="{col_width(w)}" customWidth="1"/>'
                   for c, w in sorted(lembar.lebar_kolom))
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n',
           f"<worksheet {ns}>",
           f'<sheetPr codeName="{xml_attr(lembar.codename)}"/>',
           f'<dimension ref="{dim}"/>',
           '<sheetViews><sheetView workbookViewId="0"/></sheetViews>',
           '<sheetFormatPr defaultRowHeight="15"/>',
           f"<cols>{cols}</cols>" if cols else "",
           f"<sheetData>{''.join(rows)}</sheetData>" if rows else "<sheetData/>",
           '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
           f'<legacyDrawing r:id="{vml_rid}"/>' if vml_rid else "",
           controls_xml(kontrol) if kontrol else "",
           "</worksheet>"]
    return "".join(out).encode("utf-8")


def _set_codename_buku(book: Book, codename: str) -> bool:
    """workbookPr/@codeName = codename when absent; True when workbook.xml changed."""
    pr = book.wb.find(_m("workbookPr"))
    if pr is None:
        pr = xmltree.Element(_m("workbookPr"))
        pr.set("codeName", codename)
        anchor = book.wb.find(_m("fileSharing"))
        if anchor is None:
            anchor = book.wb.find(_m("fileVersion"))
        if anchor is not None:
            xmltree.add_next(book.wb, anchor, pr)
        else:
            book.wb.insert(0, pr)
        return True
    ada = pr.get("codeName")
    if ada:
        if ada.casefold() != codename.casefold():
            raise ValueError(f"the workbook's code name is {ada!r}, not {codename!r}")
        return False
    items = list(pr.attrib.items())
    at = max((i + 1 for i, (k, _) in enumerate(items) if k in _SEBELUM_CODENAME), default=0)
    items.insert(at, ("codeName", codename))
    pr.attrib.clear()
    for k, v in items:
        pr.set(k, v)
    return True


def _periksa_lembar(lembar: list[LembarBaru], info_nama: dict[str, str], codenames: set[str], berkas: str) -> None:
    seen: set[str] = set()
    seen_code: set[str] = set()
    for lb in lembar:
        if not valid_sheet_name(lb.nama):
            raise ValueError(f"invalid sheet name {lb.nama!r}")
        if not _VBA_IDENT.fullmatch(lb.codename):
            raise ValueError(f"invalid VBA code name {lb.codename!r}")
        key = lb.nama.casefold()
        if key in info_nama:
            ada = info_nama[key]
            raise BerkasError(f"Workbook sudah memiliki sheet '{ada}'; sheet '{lb.nama}' tidak dapat ditambahkan.",
                              saran=f"Ganti nama sheet '{ada}' di Excel, lalu ulangi.", berkas=berkas, sheet=ada)
        if key in seen or lb.codename.casefold() in seen_code | codenames:
            raise ValueError(f"duplicate sheet name or code name: {lb.nama!r} / {lb.codename!r}")
        seen.add(key)
        seen_code.add(lb.codename.casefold())


def sisipkan(data: bytes, lembar: list[LembarBaru], *, proyek_vba: bytes | None = None,
             codename_buku: str | None = None, berkas: str = "") -> Sisipan:
    """The package `data` with the sheets `lembar` appended and, when given, `proyek_vba` as its VBA
    project (replacing the existing one or added with its relationship and content type; the main
    part then becomes macro-enabled) and `codename_buku` as the workbook's code name (only written
    when the workbook has none). See the module docstring for what changes."""
    src, book = _buka(data, berkas)
    ct = book.ct
    existing = book.sheets()
    codes = {_codename_lembar(src, s.part).casefold() for s in existing} - {""}
    _periksa_lembar(lembar, {s.name.casefold(): s.name for s in existing}, codes, berkas)

    wb_dir = posixpath.dirname(book.wb_part)
    taken = {i.filename.lower() for i in src.infos}

    def alloc(folder: str, stem: str, ext: str) -> str:
        n = 1
        while posixpath.join(wb_dir, folder, f"{stem}{n}{ext}").lower() in taken:
            n += 1
        name = posixpath.join(wb_dir, folder, f"{stem}{n}{ext}")
        taken.add(name.lower())
        return name

    contents: dict[str, bytes] = {}
    wb_dirty = False
    max_id = max((int(s.el.get("sheetId", "0")) for s in existing if s.el.get("sheetId", "0").isdigit()),
                 default=0)
    vml_blocks = idmap_terpakai([src.read(i.filename) for i in src.infos
                                 if i.filename.lower().endswith(".vml")
                                 or ct.content_type(i.filename) == CT_VML])
    for lb in lembar:
        part = alloc("worksheets", "sheet", ".xml")
        rid = book.wb_rels.add(REL_WORKSHEET, part)
        max_id += 1
        el = xmltree.SubElement(book.sheets_el, _m("sheet"))
        el.set("name", lb.nama)
        el.set("sheetId", str(max_id))
        if lb.tersembunyi:
            el.set("state", "hidden")
        el.set(q(NS_R, "id"), rid)
        wb_dirty = True
        ct.set_override(part, CT_WORKSHEET)
        if not lb.tombol:
            contents[part] = lembar_xml(lb)
            continue
        sheet_rels = Rels(part, None)
        vml = alloc("drawings", "vmlDrawing", ".vml")
        idmap = max(vml_blocks, default=0) + 1
        vml_blocks.add(idmap)
        vml_rid = sheet_rels.add(REL_VML, vml)
        kontrol = []
        ctrl_parts = []
        for k, t in enumerate(lb.tombol, start=1):
            ctrl = alloc("ctrlProps", "ctrlProp", ".xml")
            kontrol.append((t, shape_id(idmap, k), sheet_rels.add(REL_CTRL_PROP, ctrl)))
            ctrl_parts.append(ctrl)
        contents[part] = lembar_xml(lb, vml_rid=vml_rid, kontrol=kontrol)
        contents[rels_path(part)] = sheet_rels.to_bytes()
        contents[vml] = vml_drawing(list(lb.tombol), idmap)
        ct.ensure_default("rels", CT_RELS)
        ct.ensure_default("vml", CT_VML)
        for ctrl in ctrl_parts:
            contents[ctrl] = ctrl_prop_xml()
            ct.set_override(ctrl, CT_CTRL_PROP)

    if codename_buku is not None and _set_codename_buku(book, codename_buku):
        wb_dirty = True

    if proyek_vba is not None:
        vba_rel = next((r for r in book.wb_rels.items() if r.type == REL_VBA_PROJECT and not r.external), None)
        vba_part = src.find(vba_rel.part) if vba_rel else None
        if vba_rel is not None and vba_part is None:
            raise BerkasError(f"Workbook merujuk proyek VBA '{vba_rel.part}' yang tidak ada di dalam berkas.",
                              saran="Buka berkas di Excel (Excel dapat memperbaikinya), simpan, lalu ulangi.",
                              berkas=berkas)
        if vba_part is None:
            vba_part = posixpath.join(wb_dir, "vbaProject.bin")
            if vba_part.lower() in taken:
                vba_part = alloc("", "vbaProject", ".bin")
            taken.add(vba_part.lower())
            book.wb_rels.add(REL_VBA_PROJECT, vba_part)
        contents[vba_part] = proyek_vba
        if ct.content_type(vba_part) != CT_VBA_PROJECT:
            if ct.content_type(vba_part) is None:  # no Default for .bin yet (nor an Override)
                ct.ensure_default("bin", CT_VBA_PROJECT)
            else:  # bin is printer settings (or another type) here: the project gets an Override
                ct.set_override(vba_part, CT_VBA_PROJECT)
        ct.set_override(book.wb_part, CT_MAIN_MACRO)

    if ct.dirty:
        contents[book.ct_name] = ct.to_bytes()
    if wb_dirty:
        contents[book.wb_part] = serialize(book.wb, book.wb_original)
    if book.wb_rels.dirty:
        contents[book.wb_rels_name] = book.wb_rels.to_bytes()

    new_data, changed, _ = assemble(src, contents, set())
    ada = {i.filename.lower() for i in src.infos}
    return Sisipan(data=new_data, sheets_added=[lb.nama for lb in lembar],
                   parts_changed=[n for n in changed if n.lower() in ada],
                   parts_added=[n for n in changed if n.lower() not in ada])


__all__ = ["CT_MAIN_MACRO", "CT_VBA_PROJECT", "InfoBuku", "LembarAda", "LembarBaru", "REL_VBA_PROJECT",
           "Sisipan", "baca_buku", "lembar_xml", "sisipkan"]

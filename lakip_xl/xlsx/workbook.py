"""update_workbook / check_workbook: plan the new package, then write it safely (lakip_xl.berkas.safety).

The plan works on the original bytes in memory and yields the new bytes; nothing touches the disk until
`safety.tulis_atomik`. See the package docstring (lakip_xl.xlsx) for the list of parts that may change.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from lakip_xl.berkas import safety
from lakip_xl.errors import BerkasError, InputError, Masalah
from lakip_xl.xlsx import xmltree
from lakip_xl.xlsx.charts import chart_xml, drawing_xml, quote_sheet
from lakip_xl.xlsx.owned import OWNED_NAME, OWNED_SEP, decode_owned, encode_owned
from lakip_xl.xlsx.package import (
    CT_CHART,
    CT_DRAWING,
    CT_STYLES,
    CT_WORKSHEET,
    CT_XLSB,
    NS_MAIN,
    NS_R,
    NS_STRICT_MAIN,
    REL_CALC_CHAIN,
    REL_CHART,
    REL_DRAWING,
    REL_OFFICE_DOCUMENT,
    REL_STYLES,
    REL_WORKSHEET,
    ContentTypes,
    Deflated,
    DeflateWorker,
    PendingDeflate,
    Rels,
    SourcePackage,
    assemble,
    parse_xml,
    q,
    rels_path,
    resolve_pending,
    serialize,
)
from lakip_xl.xlsx.sheetspec import LazySheetSpec, SheetSpec, cell_ref, col_letter, valid_sheet_name
from lakip_xl.xlsx.sheetxml import iter_sheet_xml
from lakip_xl.xlsx.styles import StyleBook

PRINT_TITLES = "_xlnm.Print_Titles"
PRINT_AREA = "_xlnm.Print_Area"
_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
# CT_Workbook children that come before <definedNames>, last first (where a new one is inserted).
_BEFORE_DEFINED_NAMES = ["externalReferences", "functionGroups", "sheets"]


def _m(tag: str) -> str:
    return q(NS_MAIN, tag)


# ----------------------------------------------------------------------------------------- Perubahan


@dataclass
class Perubahan:
    """What update_workbook changed (or, in a dry run, would change)."""

    sheets_added: list[str] = field(default_factory=list)
    sheets_replaced: list[str] = field(default_factory=list)
    parts_changed: list[str] = field(default_factory=list)
    parts_removed: list[str] = field(default_factory=list)
    backup_path: Path | None = None
    written: bool = False
    dry_run: bool = False
    berkas: str = ""
    peringatan: list[str] = field(default_factory=list)
    # the write-back into the agency's own sheets (isi_sel): "Sheet!A1" refs written / skipped with why
    sel_diisi: list[str] = field(default_factory=list)
    sel_dilewati: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ada_perubahan(self) -> bool:
        return bool(self.parts_changed or self.parts_removed)

    def ringkasan(self) -> str:
        """Indonesian multi-line summary for the user."""
        akan = "akan " if self.dry_run else ""
        lines = [f"Berkas: {self.berkas}" if self.berkas else "Berkas:"]
        if self.dry_run:
            lines.append("Uji coba (tanpa menulis): berikut perubahan yang akan dibuat.")
        if self.sheets_added:
            lines.append(f"Sheet yang {akan}ditambahkan ({len(self.sheets_added)}): " + ", ".join(self.sheets_added))
        if self.sheets_replaced:
            lines.append(f"Sheet yang {akan}diperbarui ({len(self.sheets_replaced)}): "
                         + ", ".join(self.sheets_replaced))
        if self.sel_diisi:
            lines.append(f"Sel sheet instansi yang {akan}diisi lakip_xl ({len(self.sel_diisi)}, ditandai 'Diisi "
                         f"lakip_xl' di Peta LAKIP): " + _ringkas_sel(self.sel_diisi))
        for ref, alasan in self.sel_dilewati:
            lines.append(f"Sel {ref} tidak diisi: {alasan}.")
        if not self.ada_perubahan:
            lines.append("Tidak ada perubahan: isi berkas sudah sesuai; berkas tidak ditulis ulang.")
        else:
            if self.parts_changed:
                lines.append(f"Bagian berkas yang {akan}diubah/ditambah ({len(self.parts_changed)}): "
                             + ", ".join(self.parts_changed))
            if self.parts_removed:
                lines.append(f"Bagian berkas yang {akan}dihapus ({len(self.parts_removed)}): "
                             + ", ".join(self.parts_removed))
            lines.append("Semua bagian lain (makro VBA, tombol, data, sheet Anda) tidak diubah.")
            if self.backup_path is not None:
                lines.append(f"Cadangan berkas lama {'akan disimpan' if self.dry_run else 'disimpan'} sebagai: "
                             f"{Path(self.backup_path).name} (ganti akhiran menjadi .xlsx/.xlsm untuk membukanya)")
            if self.dry_run:
                lines.append("Belum ada yang ditulis.")
            elif self.written:
                lines.append("Berkas telah diperbarui.")
        lines.extend(f"Peringatan: {p}" for p in self.peringatan)
        return "\n".join(lines)


def _ringkas_sel(refs: list[str]) -> str:
    """'Sheet'!G7, 'Sheet'!G8 ... as "'Sheet'!G7:G20 (14 sel)" per sheet and column."""
    from itertools import groupby

    out = []
    kelompok = [(r.rpartition("!")[0], re.sub(r"\d+$", "", r.rpartition("!")[2]), r.rpartition("!")[2]) for r in refs]
    for (sheet, kol), items in groupby(kelompok, key=lambda x: x[:2]):
        sel = [x[2] for x in items]
        out.append(f"{sheet}!{sel[0]}" if len(sel) == 1 else f"{sheet}!{sel[0]}:{sel[-1]} ({len(sel)} sel)")
    return ", ".join(out)


# ------------------------------------------------------------------------------------- the workbook


@dataclass
class _Sheet:
    el: xmltree.Element
    name: str
    rid: str
    rel_type: str
    part: str | None  # entry name as stored


class Book:
    """The parts of the original package the plan needs, parsed and validated."""

    def __init__(self, src: SourcePackage, berkas: str):
        self.src = src
        self.berkas = berkas
        ct_name = src.find("[Content_Types].xml")
        root_rels_name = src.find("_rels/.rels")
        if ct_name is None or root_rels_name is None:
            raise self._not_excel("bagian [Content_Types].xml atau _rels/.rels tidak ada")
        self.ct_name = ct_name
        self.ct = ContentTypes(src.read(ct_name), berkas=berkas)
        root_rels = Rels("", src.read(root_rels_name), berkas=berkas)
        if any(r.type == _STRICT_OFFICE_DOCUMENT for r in root_rels.items()):
            raise self._strict()
        office = next((r for r in root_rels.items() if r.type == REL_OFFICE_DOCUMENT), None)
        wb_part = src.find(office.part) if office else None
        if wb_part is None:
            raise self._not_excel("bagian buku kerja (workbook) tidak ditemukan")
        if self.ct.content_type(wb_part) == CT_XLSB or wb_part.lower().endswith(".bin"):
            raise BerkasError("Berkas berformat Buku Kerja Biner Excel (.xlsb), yang tidak didukung.",
                              saran="Buka di Excel lalu Simpan Sebagai 'Buku Kerja Excel (*.xlsx)' atau '(*.xlsm)'.",
                              berkas=berkas)
        self.wb_part = wb_part
        self.wb_original = src.read(wb_part)
        self.wb = parse_xml(self.wb_original, part=wb_part, berkas=berkas)
        if self.wb.tag == q(NS_STRICT_MAIN, "workbook"):
            raise self._strict()
        if self.wb.tag != _m("workbook") or self.wb.find(_m("sheets")) is None:
            raise self._not_excel("bagian buku kerja tidak berisi daftar sheet")
        self.wb_rels_name = src.find(rels_path(wb_part)) or rels_path(wb_part)
        rels_data = src.read(self.wb_rels_name) if src.find(self.wb_rels_name) else None
        self.wb_rels = Rels(wb_part, rels_data, berkas=berkas)
        self.wb_dirty = False
        dilihat: set[str] = set()
        for el in self.sheets_el.findall(_m("sheet")):  # Excel never saves two sheets of one name
            nama = el.get("name", "")
            if nama.casefold() in dilihat:
                raise BerkasError(f"Buku kerja mencatat dua sheet bernama '{nama}' (huruf besar/kecil tidak dibedakan).",
                                  saran="Buka berkas di Excel (Excel memperbaikinya), simpan ulang, lalu ulangi.",
                                  berkas=berkas, sheet=nama)
            dilihat.add(nama.casefold())

    def _not_excel(self, why: str) -> BerkasError:
        return BerkasError(f"Berkas bukan buku kerja Excel yang lengkap ({why}).",
                           saran="Buka di Excel lalu simpan sebagai 'Buku Kerja Excel (*.xlsx)' atau '(*.xlsm)'.",
                           berkas=self.berkas)

    def _strict(self) -> BerkasError:
        return BerkasError("Berkas disimpan dalam format 'Strict Open XML', yang tidak didukung.",
                           saran="Buka di Excel lalu Simpan Sebagai 'Buku Kerja Excel (*.xlsx)' (bukan 'Strict "
                                 "Open XML Spreadsheet').", berkas=self.berkas)

    # sheets ---------------------------------------------------------------------------------------
    @property
    def sheets_el(self) -> xmltree.Element:
        return self.wb.find(_m("sheets"))

    def sheets(self) -> list[_Sheet]:
        out = []
        for el in self.sheets_el.findall(_m("sheet")):
            rid = el.get(q(NS_R, "id"), "")
            rel = self.wb_rels.by_id(rid)
            part = self.src.find(rel.part) if rel and not rel.external else None
            out.append(_Sheet(el, el.get("name", ""), rid, rel.type if rel else "", part))
        return out

    # defined names --------------------------------------------------------------------------------
    def _defined_names(self, create: bool) -> xmltree.Element | None:
        box = self.wb.find(_m("definedNames"))
        if box is None and create:
            box = xmltree.Element(_m("definedNames"))
            for tag in _BEFORE_DEFINED_NAMES:
                prev = self.wb.find(_m(tag))
                if prev is not None:
                    xmltree.add_next(self.wb, prev, box)
                    break
        return box

    def defined_name(self, name: str, local: int | None) -> xmltree.Element | None:
        box = self._defined_names(create=False)
        if box is None:
            return None
        for el in box.findall(_m("definedName")):
            lid = el.get("localSheetId")
            if el.get("name", "").lower() == name.lower() and (lid is None if local is None else lid == str(local)):
                return el
        return None

    def set_defined_name(self, name: str, local: int | None, value: str | None, *, hidden: bool = False) -> None:
        """Create, update or (value None) remove a defined name; a no-op when it already says `value`."""
        el = self.defined_name(name, local)
        if value is None:
            if el is not None:
                box = self._defined_names(create=False)
                box.remove(el)
                if not len(box):
                    self.wb.remove(box)
                self.wb_dirty = True
            return
        if el is not None:
            if el.text != value:
                el.text = value
                self.wb_dirty = True
            if hidden and el.get("hidden") not in ("1", "true"):  # another application un-hid it
                el.set("hidden", "1")
                self.wb_dirty = True
            return
        box = self._defined_names(create=True)
        el = xmltree.SubElement(box, _m("definedName"))
        el.set("name", name)
        if local is not None:
            el.set("localSheetId", str(local))
        if hidden:
            el.set("hidden", "1")
        el.text = value
        self.wb_dirty = True

    def owned(self) -> list[str]:
        el = self.defined_name(OWNED_NAME, None)
        return decode_owned(el.text or "") if el is not None else []


def _open(path: Path) -> tuple[bytes, Book]:
    data = path.read_bytes()
    return data, Book(SourcePackage(data, berkas=path.name), path.name)


def check_workbook(path: str | os.PathLike) -> None:
    """Raise BerkasError (Indonesian message + fix) if `path` cannot be updated safely."""
    p = Path(path)
    safety.cek_berkas(p)
    _open(p)


def bagian_sheet(path: str | os.PathLike, names: list[str]) -> dict[str, bytes]:
    """The worksheet part bytes of the named sheets (case-insensitive; absent names left out)."""
    _, book = _open(Path(path))
    per = {s.name.casefold(): s for s in book.sheets() if s.part is not None and s.rel_type == REL_WORKSHEET}
    return {n: book.src.read(per[n.casefold()].part) for n in names if n.casefold() in per}


def owned_sheets(path: str | os.PathLike) -> list[str]:
    """The sheet names recorded as generated by lakip_xl in the workbook at `path` ([] if none)."""
    p = Path(path)
    safety.cek_berkas(p, cek_kunci=False)
    return _open(p)[1].owned()


# ------------------------------------------------------------------------------------------ the plan


def _check_specs(specs: list[SheetSpec | LazySheetSpec], berkas: str) -> None:
    masalah = []
    seen: set[str] = set()
    for spec in specs:
        if not valid_sheet_name(spec.name) or OWNED_SEP in spec.name:
            masalah.append(Masalah(pesan=f"Nama sheet '{spec.name}' tidak sah (1-31 karakter, tanpa []:*?/\\ "
                                         f"dan tanpa '{OWNED_SEP}').", saran="Gunakan nama sheet lain.",
                                   sheet=spec.name))
        if spec.name.casefold() in seen:
            masalah.append(Masalah(pesan=f"Sheet '{spec.name}' diminta lebih dari sekali.",
                                   saran="Setiap sheet hasil hanya boleh ada satu kali.", sheet=spec.name))
        seen.add(spec.name.casefold())
    if masalah:
        raise InputError(masalah, berkas=berkas)


def _reach(graph: dict[str, list[str]], starts: list[str], blocked: set[str]) -> set[str]:
    """Parts reachable from `starts` by relationships, not following those of `blocked` parts."""
    seen = set(starts)
    todo = deque(starts)
    while todo:
        node = todo.popleft()
        if node in blocked:
            continue
        for nxt in graph.get(node, []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _rels_graph(src: SourcePackage, berkas: str) -> dict[str, list[str]]:
    graph: dict[str, list[str]] = {}
    for info in src.infos:
        name = info.filename
        folder, base = posixpath.split(name)
        if not base.lower().endswith(".rels") or posixpath.basename(folder).lower() != "_rels":
            continue
        source = posixpath.join(posixpath.dirname(folder), base[:-5]) if base != ".rels" else ""
        rels = Rels(source, src.read(name), berkas=berkas)
        graph[source.lower()] = [r.part.lower() for r in rels.items() if not r.external]
    return graph


def sheet_xml(spec: SheetSpec, xf, drawing_rid: str | None = None, *, code_name: str | None = None,
              texts: dict[str, str] | None = None, deflater: DeflateWorker | None = None
              ) -> Deflated | PendingDeflate:
    """A generated sheet's worksheet part, deflated while its XML is generated
    (lakip_xl.xlsx.sheetxml.iter_sheet_xml): at 50,000 rows a sheet is tens of MB of XML, which is
    never held whole. Every sheet part of the plan is made here; a large one with `deflater`, deflated
    on its thread (a PendingDeflate)."""
    xml = iter_sheet_xml(spec, xf, drawing_rid, code_name=code_name, texts=texts)
    return deflater.deflate(xml) if deflater is not None else Deflated.from_chunks(xml)


# ------------------------------------------------------------------------------------- VBA code names

REL_VBA_PROJECT = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
_SHEET_PR = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetPr\b[^>]*>")
_ROOT_CHILD = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:dimension|sheetViews|sheetFormatPr|cols|sheetData)\b")
_CODENAME = re.compile(rb'\bcodeName="([^"]*)"')
_PROLOG_SHEET = 64 * 1024  # bytes of a worksheet part read for its <sheetPr> (the first child)
AWALAN_KODE = "Lakip"  # code names of generated sheets: Lakip + the sheet name's letters and digits


def codename_lembar(src: SourcePackage, part: str) -> str:
    """The <sheetPr codeName> of a worksheet part ("" when none); only the part's start is read."""
    real = src.find(part)
    if real is None:
        return ""
    try:
        with src.zf.open(real) as fh:
            head = fh.read(_PROLOG_SHEET)
    except Exception:  # noqa: BLE001 - an unreadable part: its code name is unknown, the part itself is kept
        return ""
    stop = _ROOT_CHILD.search(head)
    m = _SHEET_PR.search(head, 0, stop.start() if stop else len(head))
    if m is None:
        return ""
    c = _CODENAME.search(m.group(0))
    return c.group(1).decode("utf-8", "replace") if c else ""


class _KodeVba:
    """Code names for the generated sheets of a workbook with a VBA project (Excel writes one on every
    sheet of such a workbook; a sheet without one is a sheet Excel has not seen). A replaced sheet keeps
    its code name; a new one gets Lakip + its name's letters and digits (LakipPengukuranKinerja), with a
    number appended when that is taken by a sheet or the workbook. The VBA project itself is the user's
    and stays byte-identical: Excel adds the document module of a sheet it does not find there
    (Excel, unverified)."""

    def __init__(self, book: Book, existing: list[_Sheet]):
        self.aktif = any(r.type == REL_VBA_PROJECT for r in book.wb_rels.items())
        self.lama: dict[str, str] = {}  # sheet name casefolded -> its code name
        self.terpakai: set[str] = set()
        if not self.aktif:
            return
        pr = book.wb.find(_m("workbookPr"))
        if pr is not None and pr.get("codeName"):
            self.terpakai.add(pr.get("codeName").casefold())
        for s in existing:
            if s.part:
                kode = codename_lembar(book.src, s.part)
                if kode:
                    self.lama[s.name.casefold()] = kode
                    self.terpakai.add(kode.casefold())

    def untuk(self, nama: str) -> str | None:
        if not self.aktif:
            return None
        ada = self.lama.get(nama.casefold())
        if ada:
            return ada
        dasar = (AWALAN_KODE + re.sub(r"[^A-Za-z0-9]", "", nama))[:28]  # a VBA identifier: <= 31 chars
        kode, n = dasar, 1
        while kode.casefold() in self.terpakai:
            n += 1
            kode = f"{dasar}{n}"
        self.terpakai.add(kode.casefold())
        self.lama[nama.casefold()] = kode
        return kode


def _sort_specs(specs: list[SheetSpec | LazySheetSpec], existing: list[_Sheet], owned: list[str],
                berkas: str) -> tuple[list[SheetSpec | LazySheetSpec], list[tuple[SheetSpec | LazySheetSpec, _Sheet]]]:
    """(specs whose sheet is new, (spec, existing sheet) pairs to replace). A sheet of that name that
    lakip_xl did not make, or that is not a plain worksheet, is refused: it is the user's."""
    by_cf = {s.name.casefold(): s for s in existing}
    owned_cf = {n.casefold() for n in owned}
    replaced: list[tuple[SheetSpec | LazySheetSpec, _Sheet]] = []
    added: list[SheetSpec | LazySheetSpec] = []
    for spec in specs:
        ex = by_cf.get(spec.name.casefold())
        if ex is None:
            added.append(spec)
            continue
        if ex.name.casefold() not in owned_cf:
            raise BerkasError(f"Sheet '{ex.name}' sudah ada dan bukan buatan lakip_xl; ganti nama sheet itu atau "
                              "hapus.", saran="Setelah itu jalankan lagi; lakip_xl akan membuat sheet itu sendiri.",
                              berkas=berkas, sheet=ex.name)
        if ex.rel_type != REL_WORKSHEET or ex.part is None:
            raise BerkasError(f"Sheet '{ex.name}' tercatat buatan lakip_xl tetapi bukan lembar kerja biasa; ganti "
                              "nama sheet itu atau hapus.", berkas=berkas, sheet=ex.name)
        replaced.append((spec, ex))
    return added, replaced


def _orphaned_parts(src: SourcePackage, replaced: list[tuple[object, _Sheet]], berkas: str) -> set[str]:
    """Parts that only the replaced sheets reach (their drawings, charts, ...) and their rels; the
    sheet parts themselves stay."""
    graph = _rels_graph(src, berkas)
    replaced_parts = {ex.part.lower() for _, ex in replaced}
    keep = _reach(graph, [""], blocked=replaced_parts)
    removed: set[str] = set()
    for _, ex in replaced:
        for part in _reach(graph, [ex.part.lower()], blocked=set()) - keep - {ex.part.lower()}:
            real = src.find(part)
            if real:
                removed.add(real)
        old_rels = src.find(rels_path(ex.part))
        if old_rels:
            removed.add(old_rels)
    for real in list(removed):
        if src.find(rels_path(real)):
            removed.add(src.find(rels_path(real)))
    return removed


def _drop_calc_chain(book: Book, removed: set[str]) -> None:
    """calcChain: Excel rebuilds it; a stale one (cells that are no longer formulas) makes Excel repair."""
    src = book.src
    for rel in book.wb_rels.items():
        if rel.type == REL_CALC_CHAIN:
            book.wb_rels.remove(rel.id)
            if src.find(rel.part):
                removed.add(src.find(rel.part))
            book.ct.remove_override(rel.part)
    stray = src.find(posixpath.join(posixpath.dirname(book.wb_part), "calcChain.xml"))
    if stray:
        removed.add(stray)


class _PartNames:
    """Names for new parts, beside the workbook part, never one the package keeps."""

    def __init__(self, src: SourcePackage, removed: set[str], wb_dir: str):
        self.taken = {i.filename.lower() for i in src.infos} - {r.lower() for r in removed}
        self.wb_dir = wb_dir

    def new(self, folder: str, stem: str) -> str:
        """<wb_dir>/<folder>/<stem>N.xml, N the smallest number not taken."""
        n = 1
        while posixpath.join(self.wb_dir, folder, f"{stem}{n}.xml").lower() in self.taken:
            n += 1
        name = posixpath.join(self.wb_dir, folder, f"{stem}{n}.xml")
        self.taken.add(name.lower())
        return name


def _styles(book: Book, names: _PartNames) -> tuple[StyleBook, str]:
    """The workbook's styles (append-only) and their part; a workbook without one gets one."""
    src = book.src
    styles_rel = next((r for r in book.wb_rels.items() if r.type == REL_STYLES), None)
    styles_part = src.find(styles_rel.part) if styles_rel else None
    styles = StyleBook(src.read(styles_part) if styles_part else None, berkas=book.berkas)
    if styles_part is None:
        styles_part = names.new("", "styles") if posixpath.join(names.wb_dir, "styles.xml").lower() in names.taken \
            else posixpath.join(names.wb_dir, "styles.xml")
        names.taken.add(styles_part.lower())
        book.wb_rels.add(REL_STYLES, styles_part)
        book.ct.set_override(styles_part, CT_STYLES)
    return styles, styles_part


class _SheetWriter:
    """Writes the generated sheets one after the other into `contents` (entry name -> new content),
    registering new sheets in the workbook and keeping the list of owned sheet names."""

    def __init__(self, book: Book, names: _PartNames, styles: StyleBook, existing: list[_Sheet], owned: list[str]):
        self.book = book
        self.names = names
        self.styles = styles
        self.kode = _KodeVba(book, existing)
        self.contents: dict[str, bytes | Deflated] = {}
        # the text cells' XML, shared by the sheets (their tables repeat the sasaran and indicator names):
        # 6 summary sheets of a 50,000-row sync 0.59 -> 0.53 s, ~2 MB held until the plan is written
        self.texts: dict[str, str] = {}
        existing_cf = {s.name.casefold() for s in existing}
        self.max_sheet_id = max((int(s.el.get("sheetId", "0")) for s in existing
                                 if s.el.get("sheetId", "0").isdigit()), default=0)
        self.new_owned = [n for n in owned if n.casefold() in existing_cf]
        self.sheet_index: dict[str, int] = {}
        for i, s in enumerate(existing):
            self.sheet_index[s.name.casefold()] = i

    def write(self, item: SheetSpec | LazySheetSpec, ex: _Sheet | None, deflater: DeflateWorker | None = None) -> None:
        """One sheet: built (when lazy), placed, its charts and XML written (a large one deflated on
        `deflater`'s thread when given: package.resolve_pending); its cells are dropped when this
        returns, before the next one is built."""
        spec = item.build() if isinstance(item, LazySheetSpec) else item
        if spec.name != item.name:
            raise ValueError(f"lazy sheet {item.name!r} built a sheet named {spec.name!r}")
        part = self._existing(spec, ex) if ex is not None else self._new(spec)
        drawing_rid = self._charts(spec, part) if spec.charts else None
        self.contents[part] = sheet_xml(spec, self.styles.xf, drawing_rid, code_name=self.kode.untuk(spec.name),
                                        texts=self.texts, deflater=deflater)
        self.book.ct.set_override(part, CT_WORKSHEET)
        self._print_titles(spec)

    def _existing(self, spec: SheetSpec, ex: _Sheet) -> str:
        """A sheet lakip_xl made before keeps its part (and takes the spec's letter case)."""
        if ex.name != spec.name:  # same sheet, different letter case
            ex.el.set("name", spec.name)
            self.book.wb_dirty = True
            self.new_owned = [spec.name if n.casefold() == spec.name.casefold() else n for n in self.new_owned]
        return ex.part

    def _new(self, spec: SheetSpec) -> str:
        """A new sheet: a new part, its relationship, and a <sheet> at the end of the workbook's list."""
        book = self.book
        part = self.names.new("worksheets", "sheet")
        rid = book.wb_rels.add(REL_WORKSHEET, part)
        self.max_sheet_id += 1
        el = xmltree.SubElement(book.sheets_el, _m("sheet"))
        el.set("name", spec.name)
        el.set("sheetId", str(self.max_sheet_id))
        el.set(q(NS_R, "id"), rid)
        book.wb_dirty = True
        self.sheet_index[spec.name.casefold()] = len(self.sheet_index)
        if spec.name.casefold() not in {n.casefold() for n in self.new_owned}:
            self.new_owned.append(spec.name)
        return part

    def _charts(self, spec: SheetSpec, part: str) -> str:
        """The sheet's drawing with its charts, and the sheet's rels pointing at it; the drawing's rId."""
        ct, names, contents = self.book.ct, self.names, self.contents
        ct.ensure_default("rels", CT_RELS)
        sheet_rels = Rels(part, None)
        drawing = names.new("drawings", "drawing")
        drawing_rels = Rels(drawing, None)
        anchors = []
        chart_parts = []
        for chart in spec.charts:
            cpart = names.new("charts", "chart")
            anchors.append((chart, drawing_rels.add(REL_CHART, cpart)))
            chart_parts.append((cpart, chart_xml(chart, spec)))
        drawing_rid = sheet_rels.add(REL_DRAWING, drawing)
        contents[part] = b""  # placeholder keeps the sheet before its rels in a new package
        contents[rels_path(part)] = sheet_rels.to_bytes()
        contents[drawing] = drawing_xml(anchors)
        contents[rels_path(drawing)] = drawing_rels.to_bytes()
        ct.set_override(drawing, CT_DRAWING)
        for cpart, xml in chart_parts:
            contents[cpart] = xml
            ct.set_override(cpart, CT_CHART)
        return drawing_rid

    def _print_titles(self, spec: SheetSpec) -> None:
        idx = self.sheet_index[spec.name.casefold()]
        titles = None
        if spec.print_title_rows:
            r1, r2 = spec.print_title_rows
            titles = f"{quote_sheet(spec.name)}!${r1}:${r2}"
        self.book.set_defined_name(PRINT_TITLES, idx, titles)
        area = None
        if spec.print_area:
            r1, c1, r2, c2 = spec.print_area
            area = f"{quote_sheet(spec.name)}!${col_letter(c1)}${r1}:${col_letter(c2)}${r2}"
        self.book.set_defined_name(PRINT_AREA, idx, area)

    def record_owned(self) -> None:
        """The hidden defined name listing the sheets lakip_xl made (lakip_xl.xlsx.owned)."""
        book = self.book
        if self.new_owned or book.defined_name(OWNED_NAME, None) is not None:
            book.set_defined_name(OWNED_NAME, None, encode_owned(self.new_owned), hidden=True)


def _finish(book: Book, styles: StyleBook, styles_part: str, contents: dict[str, bytes | Deflated],
            removed: set[str]) -> set[str]:
    """The edited small parts into `contents`; the parts removed for good (not re-created)."""
    ct = book.ct
    # Overrides of removed parts go last: a part removed and re-created under the same name (a replaced
    # sheet's drawing) keeps its override where it was, so a second identical sync changes nothing.
    removed = {r for r in removed if r.lower() not in {n.lower() for n in contents}}
    for real in sorted(removed):
        ct.remove_override(real)

    if ct.dirty:
        contents[book.ct_name] = ct.to_bytes()
    if book.wb_dirty:
        contents[book.wb_part] = serialize(book.wb, book.wb_original)
    if book.wb_rels.dirty:
        contents[book.wb_rels_name] = book.wb_rels.to_bytes()
    if styles.dirty:
        contents[styles_part] = styles.to_bytes()
    return removed


def plan(data: bytes, specs: list[SheetSpec | LazySheetSpec], *, berkas: str = "",
         isi_sel: dict[str, dict[tuple[int, int], object]] | None = None) -> tuple[bytes, Perubahan]:
    """The new package bytes for `specs` applied to the package `data`, and what changes.

    A LazySheetSpec is built when its turn comes and dropped once its XML is deflated, so at most one
    generated sheet's cells are in memory at a time.

    `isi_sel`: sheet name -> {(row, col): value} of cells written into sheets lakip_xl does NOT own (the
    opt-in write-back of a mapped workbook), by a cell-level edit of their part (lakip_xl.xlsx.sel_ubah):
    every other byte of those parts stays as it was."""
    _check_specs(specs, berkas)
    src = SourcePackage(data, berkas=berkas)
    book = Book(src, berkas)
    existing = book.sheets()
    owned = book.owned()
    added, replaced = _sort_specs(specs, existing, owned, berkas)
    removed = _orphaned_parts(src, replaced, berkas)
    _drop_calc_chain(book, removed)
    names = _PartNames(src, removed, posixpath.dirname(book.wb_part))
    styles, styles_part = _styles(book, names)

    writer = _SheetWriter(book, names, styles, existing, owned)
    replaced_by_spec = {id(spec): ex for spec, ex in replaced}
    with DeflateWorker() as deflater:  # each sheet deflated on a second thread while the next is made
        for item in specs:
            writer.write(item, replaced_by_spec.get(id(item)), deflater)
    resolve_pending(writer.contents)
    writer.record_owned()
    contents = writer.contents
    diisi, dilewati = _isi_sel(src, existing, owned, isi_sel or {}, contents, berkas)
    removed = _finish(book, styles, styles_part, contents, removed)

    new_data, changed, gone = assemble(src, contents, removed)
    per = Perubahan(sheets_added=[s.name for s in added], sheets_replaced=[s.name for s, _ in replaced],
                    parts_changed=changed, parts_removed=gone, berkas=berkas, sel_diisi=diisi, sel_dilewati=dilewati)
    return new_data, per


def _isi_sel(src: SourcePackage, existing: list[_Sheet], owned: list[str],
             isi_sel: dict[str, dict[tuple[int, int], object]], contents: dict, berkas: str
             ) -> tuple[list[str], list[tuple[str, str]]]:
    """The write-back edits into `contents`; ("Sheet!A1" written, ("Sheet!A1", why) skipped)."""
    from lakip_xl.xlsx.sel_ubah import ubah_sel

    diisi: list[str] = []
    dilewati: list[tuple[str, str]] = []
    per_nama = {s.name.casefold(): s for s in existing}
    milik = {n.casefold() for n in owned}
    for nama, nilai in isi_sel.items():
        ex = per_nama.get(nama.casefold())
        if ex is None or ex.part is None or nama.casefold() in milik or ex.part in contents:
            raise BerkasError(f"Sheet '{nama}' tidak dapat diisi: bukan sheet instansi di buku kerja ini.",
                              saran="Periksa kolom Sheet di bagian B sheet Peta LAKIP.", berkas=berkas)
        if ex.rel_type != REL_WORKSHEET:
            dilewati += [(f"{quote_sheet(ex.name)}!{cell_ref(r, c)}", "sheet itu bukan lembar kerja biasa")
                         for r, c in sorted(nilai)]
            continue
        asli = src.read(ex.part)
        h = ubah_sel(asli, nilai)
        awal = quote_sheet(ex.name)
        diisi += [f"{awal}!{ref}" for ref in h.diisi]
        dilewati += [(f"{awal}!{ref}", alasan) for ref, alasan in h.dilewati]
        if h.xml != asli:
            contents[ex.part] = h.xml
    return diisi, dilewati


# --------------------------------------------------------------------------------------------- update


def update_workbook(path: str | os.PathLike, specs: list[SheetSpec | LazySheetSpec], *, dry_run: bool = False,
                    backups: int = 3, lock_timeout: float = 0,
                    isi_sel: dict[str, dict[tuple[int, int], object]] | None = None) -> Perubahan:
    """Write the generated sheets `specs` into the workbook at `path` (see the package docstring), and
    the cells of `isi_sel` into the agency's own sheets (see `plan`)."""
    p = Path(path)
    if p.is_symlink():  # os.replace would turn the link into a plain file: write where it points
        p = p.resolve()
    if dry_run:
        safety.cek_berkas(p)
        data = p.read_bytes()
        _, per = plan(data, specs, berkas=p.name, isi_sel=isi_sel)
        per.dry_run = True
        if per.ada_perubahan and backups > 0:
            per.backup_path = safety.backup_path(p, 1)
        return per
    safety.cek_berkas(p, cek_kunci=False)
    # the lock also cleans what an interrupted earlier write left (safety.bersihkan_sisa)
    with safety.Kunci(p, timeout=lock_timeout, backups=backups) as kunci:
        data = p.read_bytes()
        new_data, per = plan(data, specs, berkas=p.name, isi_sel=isi_sel)
        per.peringatan.extend(kunci.catatan)
        if new_data == data:
            return per
        bak, peringatan = safety.tulis_atomik(p, new_data, backups=backups, sebelum=data)
        per.backup_path = bak
        per.peringatan.extend(peringatan)
        per.written = True
        return per

"""The OPC package (the .xlsx zip) as read and as rewritten: raw entry copy, safe XML, rels, content types.

Reading: every entry's raw compressed bytes are taken from the original file, so an unchanged entry is
written back byte for byte (same name, date_time, compress_type, external_attr, extras, in the same
order). Writing uses a small zip writer of our own (not zipfile's), because zipfile cannot copy raw
compressed data; it writes no data descriptors and no zip64 records (the size limits in
lakip_xl.berkas.safety keep every file far below 4 GB).

XML: the small parts the sync edits (workbook.xml, rels, [Content_Types].xml, styles.xml) are parsed
with the standard library and written back with their namespace declarations (lakip_xl.xlsx.xmltree);
`parse_xml_lxml` gives an lxml tree for the large parts `lakip-xl ekspor` edits, with entity resolution
and network access off. Either way a DOCTYPE is refused (ECMA-376 Part 2 forbids DTDs in a package,
and a DTD is how entity bombs come in).
"""

from __future__ import annotations

import io
import itertools
import posixpath
import re
import struct
import threading
import zipfile
import zlib
from dataclasses import dataclass
from typing import Iterable, Iterator

from lakip_xl.berkas.safety import ZIP_MAGIC, periksa_zip
from lakip_xl.errors import BerkasError
from lakip_xl.xlsx import xmltree
from lakip_xl.xlsx.xmltree import XMLError

NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_OFFICE_DOCUMENT = REL + "officeDocument"
REL_WORKSHEET = REL + "worksheet"
REL_STYLES = REL + "styles"
REL_CALC_CHAIN = REL + "calcChain"
REL_DRAWING = REL + "drawing"
REL_CHART = REL + "chart"

CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_XLSB = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"

STD_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)

# Zip records (PKWARE APPNOTE.TXT, section 4): signatures as little-endian integers for struct "<I"
SIG_LOCAL_HEADER = int.from_bytes(ZIP_MAGIC, "little")  # 0x04034B50, b"PK\x03\x04" (4.3.7)
SIG_CENTRAL_HEADER = 0x02014B50  # b"PK\x01\x02" (4.3.12)
SIG_END_OF_CENTRAL_DIR = 0x06054B50  # b"PK\x05\x06" (4.3.16)
LOCAL_HEADER_SIZE = 30  # fixed part of a local file header; the name and extra field follow
LOCAL_NAME_LENGTHS_AT = 26  # offset of its "file name length" and "extra field length" (2 bytes each)
FLAG_DATA_DESCRIPTOR = 0x08  # bit 3: sizes and CRC follow the data (we never write one)
FLAG_UTF8 = 0x800  # bit 11: the name is UTF-8
EXTRA_ZIP64 = 0x0001  # header ID of the zip64 extended-information extra field
VERSION_DEFLATE = 20  # "version needed to extract" 2.0: deflate
VERSION_ZIP64 = 45  # 4.5: zip64
SYSTEM_MSDOS = 0  # "version made by" upper byte: MS-DOS attributes
DEFLATE_LEVEL = 5  # one below zlib's default: the 22 MB of summary XML of a 50,000-row sync in 0.19 s, not 0.35 s, for 1 % more bytes
RAW_DEFLATE_WBITS = -15  # zlib window bits for a raw deflate stream (no zlib header), as zip stores it

_DECL_RE = re.compile(rb"^\s*<\?xml[^>]*\?>\s*")


# ------------------------------------------------------------------------------------------------ XML


def _rusak(part: str, berkas: str, posisi: tuple[int, int] | None) -> BerkasError:
    # the parsers' own wording is English: users get where the damage is (expat's column is 0-based)
    dimana = f" (baris {posisi[0]}, kolom {posisi[1] + 1})" if posisi else ""
    return BerkasError(f"Bagian '{part}' berisi XML yang rusak{dimana}.",
                       saran="Buka berkas di Excel (Excel dapat memperbaikinya), simpan, lalu ulangi.",
                       berkas=berkas)


def _doctype(part: str, berkas: str) -> BerkasError:
    return BerkasError(f"Bagian '{part}' memuat deklarasi DOCTYPE, yang tidak pernah ditulis Excel; berkas "
                       "ditolak demi keamanan.", saran="Gunakan berkas asli yang disimpan oleh Excel.",
                       berkas=berkas)


def parse_xml(data: bytes, *, part: str = "", berkas: str = "") -> xmltree.Element:
    """A small part as an ElementTree element (lakip_xl.xlsx.xmltree); write it with `serialize`."""
    try:
        return xmltree.parse(data)
    except XMLError as exc:
        if str(exc) == "DOCTYPE":
            raise _doctype(part, berkas) from None
        raise _rusak(part, berkas, exc.posisi) from None


def parse_xml_lxml(data: bytes, *, part: str = "", berkas: str = ""):
    """A part as an lxml element (for the large parts `lakip-xl ekspor` edits); lxml is imported here
    only, so the sync never loads it."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_blank_text=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _rusak(part, berkas, (exc.position[0], exc.position[1] - 1) if exc.position else None) from None
    if root.getroottree().docinfo.doctype:
        raise _doctype(part, berkas)
    return root


def serialize(root, original: bytes | None = None) -> bytes:
    """XML bytes with the original part's XML declaration (and line break) kept, when it was UTF-8.
    `root` comes from `parse_xml` (or xmltree) or from `parse_xml_lxml`."""
    decl = STD_DECL
    if original is not None:
        m = _DECL_RE.match(original)
        if m is None:
            decl = b""
        elif b"utf-8" in m.group(0).lower() or b"encoding" not in m.group(0).lower():
            decl = m.group(0).lstrip()
    if isinstance(root, xmltree.Element):
        return decl + xmltree.tostring(root)
    from lxml import etree

    return decl + etree.tostring(root, encoding="UTF-8", xml_declaration=False)


def q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


# ------------------------------------------------------------------------------------------- part paths


def rels_path(part: str) -> str:
    """'xl/workbook.xml' -> 'xl/_rels/workbook.xml.rels'; '' (package root) -> '_rels/.rels'."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve(source_part: str, target: str) -> str:
    """A relationship target relative to its source part -> zip entry name (no leading '/')."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def relative(source_part: str, target_part: str) -> str:
    return posixpath.relpath(target_part, posixpath.dirname(source_part) or ".")


# ------------------------------------------------------------------------------------------------ rels


@dataclass
class Rel:
    id: str
    type: str
    target: str  # as written
    external: bool
    part: str  # resolved entry name ('' for external)


class Rels:
    """One .rels part: parse, query, add, remove; `dirty` when changed."""

    def __init__(self, source_part: str, data: bytes | None, *, berkas: str = ""):
        self.source = source_part
        self.original = data
        self.dirty = False
        if data is None:
            self.root = xmltree.element(q(NS_PR, "Relationships"), nsmap={None: NS_PR})
        else:
            self.root = parse_xml(data, part=rels_path(source_part), berkas=berkas)

    def items(self) -> list[Rel]:
        out = []
        for el in self.root.iter(q(NS_PR, "Relationship")):
            external = el.get("TargetMode") == "External"
            target = el.get("Target", "")
            out.append(Rel(el.get("Id", ""), el.get("Type", ""), target, external,
                           "" if external else resolve(self.source, target)))
        return out

    def by_id(self, rid: str) -> Rel | None:
        return next((r for r in self.items() if r.id == rid), None)

    def next_id(self) -> str:
        nums = [int(m.group(1)) for r in self.items() if (m := re.fullmatch(r"rId(\d+)", r.id))]
        return f"rId{max(nums, default=0) + 1}"

    def add(self, type_: str, target_part: str) -> str:
        rid = self.next_id()
        el = xmltree.SubElement(self.root, q(NS_PR, "Relationship"))
        el.set("Id", rid)
        el.set("Type", type_)
        el.set("Target", relative(self.source, target_part))
        self.dirty = True
        return rid

    def remove(self, rid: str) -> None:
        for el in list(self.root.iter(q(NS_PR, "Relationship"))):
            if el.get("Id") == rid:
                xmltree.remove(self.root, el)
                self.dirty = True

    def to_bytes(self) -> bytes:
        return serialize(self.root, self.original)


# --------------------------------------------------------------------------------------- content types


class ContentTypes:
    def __init__(self, data: bytes, *, berkas: str = ""):
        self.original = data
        self.root = parse_xml(data, part="[Content_Types].xml", berkas=berkas)
        self.dirty = False

    def _overrides(self) -> list[xmltree.Element]:
        return list(self.root.iter(q(NS_CT, "Override")))

    def content_type(self, entry: str) -> str | None:
        name = "/" + entry
        for el in self._overrides():
            if el.get("PartName", "").lower() == name.lower():
                return el.get("ContentType")
        ext = posixpath.splitext(entry)[1].lstrip(".").lower()
        for el in self.root.iter(q(NS_CT, "Default")):
            if el.get("Extension", "").lower() == ext:
                return el.get("ContentType")
        return None

    def set_override(self, entry: str, ctype: str) -> None:
        name = "/" + entry
        for el in self._overrides():
            if el.get("PartName", "").lower() == name.lower():
                if el.get("ContentType") != ctype:
                    el.set("ContentType", ctype)
                    self.dirty = True
                return
        el = xmltree.SubElement(self.root, q(NS_CT, "Override"))
        el.set("PartName", name)
        el.set("ContentType", ctype)
        self.dirty = True

    def remove_override(self, entry: str) -> None:
        name = ("/" + entry).lower()
        for el in self._overrides():
            if el.get("PartName", "").lower() == name:
                xmltree.remove(self.root, el)
                self.dirty = True

    def ensure_default(self, ext: str, ctype: str) -> None:
        for el in self.root.iter(q(NS_CT, "Default")):
            if el.get("Extension", "").lower() == ext:
                return
        el = xmltree.Element(q(NS_CT, "Default"))
        el.set("Extension", ext)
        el.set("ContentType", ctype)
        # Defaults come before Overrides in every package Excel writes.
        first_override = next(iter(self._overrides()), None)
        if first_override is not None:
            xmltree.add_previous(xmltree.parent_of(self.root, first_override), first_override, el)
        else:
            self.root.append(el)
        self.dirty = True

    def to_bytes(self) -> bytes:
        return serialize(self.root, self.original)


# ------------------------------------------------------------------------------------------------- zip


def _strip_zip64(extra: bytes) -> bytes:
    """Drop zip64 extended-information records (EXTRA_ZIP64); we never write zip64."""
    out = b""
    i = 0
    while i + 4 <= len(extra):
        hid, size = struct.unpack("<HH", extra[i:i + 4])
        rec = extra[i:i + 4 + size]
        if hid != EXTRA_ZIP64:
            out += rec
        i += 4 + size
    return out + extra[i:] if i < len(extra) else out


def _dos(date_time: tuple) -> tuple[int, int]:
    y, mo, d, h, mi, s = date_time
    return (h << 11) | (mi << 5) | (s // 2), ((y - 1980) << 9) | (mo << 5) | d


class SourcePackage:
    """The original file: entry list in order, decompressed reads, raw compressed copies."""

    def __init__(self, data: bytes, *, berkas: str = ""):
        self.data = data
        self.berkas = berkas
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            self.infos = self.zf.infolist()
        except zipfile.BadZipFile:
            raise BerkasError("Arsip zip berkas rusak.", saran="Buka di Excel, simpan, lalu ulangi.",
                              berkas=berkas) from None
        periksa_zip(self.zf, berkas=berkas)  # declared sizes and ratios, before anything is decompressed
        self._lower = {i.filename.lower(): i.filename for i in self.infos}

    def find(self, name: str) -> str | None:
        """Entry name as stored, matched case-insensitively (OPC part names are case-insensitive)."""
        return self._lower.get(name.lower())

    def read(self, name: str) -> bytes:
        real = self.find(name)
        if real is None:
            raise KeyError(name)
        try:
            return self.zf.read(real)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError) as exc:
            raise BerkasError(f"Bagian '{real}' dari berkas tidak dapat dibaca ({exc}).",
                              saran="Buka berkas di Excel (Excel dapat memperbaikinya), simpan, lalu ulangi.",
                              berkas=self.berkas) from None

    def raw(self, info: zipfile.ZipInfo) -> tuple[bytes, bytes]:
        """(local header extra field, raw compressed bytes) of an entry."""
        off = info.header_offset
        head = self.data[off:off + LOCAL_HEADER_SIZE]
        if len(head) < LOCAL_HEADER_SIZE or head[:len(ZIP_MAGIC)] != ZIP_MAGIC:
            raise BerkasError(f"Header bagian '{info.filename}' rusak.", saran="Buka di Excel, simpan, ulangi.",
                              berkas=self.berkas)
        n, m = struct.unpack("<HH", head[LOCAL_NAME_LENGTHS_AT:LOCAL_HEADER_SIZE])
        start = off + LOCAL_HEADER_SIZE + n + m
        return self.data[off + LOCAL_HEADER_SIZE + n:start], self.data[start:start + info.compress_size]


class ZipWriter:
    """Deterministic zip writer: raw copies of old entries, deflated new ones."""

    def __init__(self) -> None:
        self.buf = io.BytesIO()
        self.central: list[bytes] = []

    def _write(self, *, name: str, flags: int, method: int, date_time: tuple, crc: int, csize: int,
               usize: int, local_extra: bytes, central_extra: bytes, create_version: int,
               create_system: int, extract_version: int, internal_attr: int, external_attr: int,
               comment: bytes, raw: bytes) -> None:
        try:
            bname = name.encode("ascii")
        except UnicodeEncodeError:
            bname = name.encode("utf-8")
            flags |= FLAG_UTF8
        if flags & FLAG_UTF8:
            bname = name.encode("utf-8")
        dtime, ddate = _dos(date_time)
        offset = self.buf.tell()
        self.buf.write(struct.pack("<IHHHHHIIIHH", SIG_LOCAL_HEADER, extract_version, flags, method, dtime, ddate,
                                   crc, csize, usize, len(bname), len(local_extra)))
        self.buf.write(bname + local_extra + raw)
        self.central.append(
            struct.pack("<IHHHHHHIIIHHHHHII", SIG_CENTRAL_HEADER, (create_system << 8) | create_version,
                        extract_version, flags, method, dtime, ddate, crc, csize, usize, len(bname),
                        len(central_extra), len(comment), 0, internal_attr, external_attr, offset)
            + bname + central_extra + comment)

    def copy(self, info: zipfile.ZipInfo, local_extra: bytes, raw: bytes) -> None:
        """An unchanged entry: the same metadata and the same compressed bytes."""
        local, central = _strip_zip64(local_extra), _strip_zip64(info.extra)
        stripped = local != local_extra or central != info.extra
        # Only a zip64 record we dropped lowers the "version needed" (4.5 = zip64) to 2.0.
        version = VERSION_DEFLATE if stripped and info.extract_version == VERSION_ZIP64 else info.extract_version
        self._write(name=info.filename, flags=info.flag_bits & ~FLAG_DATA_DESCRIPTOR, method=info.compress_type,
                    date_time=info.date_time, crc=info.CRC, csize=info.compress_size, usize=info.file_size,
                    local_extra=local, central_extra=central,
                    create_version=info.create_version, create_system=info.create_system,
                    extract_version=version, internal_attr=info.internal_attr,
                    external_attr=info.external_attr, comment=info.comment, raw=raw)

    def replace(self, info: zipfile.ZipInfo, data: bytes | Deflated) -> None:
        """A changed entry keeps its place and metadata; only the content differs."""
        if info.compress_type == zipfile.ZIP_STORED:
            method = zipfile.ZIP_STORED
            raw = data.inflate() if isinstance(data, Deflated) else data
            crc, usize = zlib.crc32(raw), len(raw)
        else:
            method = zipfile.ZIP_DEFLATED
            d = data if isinstance(data, Deflated) else Deflated.of(data)
            raw, crc, usize = d.raw, d.crc, d.size
        self._write(name=info.filename, flags=info.flag_bits & FLAG_UTF8, method=method,
                    date_time=info.date_time, crc=crc, csize=len(raw), usize=usize,
                    local_extra=b"", central_extra=_strip_zip64(info.extra),
                    create_version=info.create_version, create_system=info.create_system,
                    extract_version=VERSION_DEFLATE, internal_attr=info.internal_attr,
                    external_attr=info.external_attr,
                    comment=info.comment, raw=raw)

    def add(self, name: str, data: bytes | Deflated) -> None:
        """A new entry: deflated, fixed date_time (deterministic output)."""
        d = data if isinstance(data, Deflated) else Deflated.of(data)
        self._write(name=name, flags=0, method=zipfile.ZIP_DEFLATED, date_time=FIXED_DATE_TIME,
                    crc=d.crc, csize=len(d.raw), usize=d.size, local_extra=b"", central_extra=b"",
                    create_version=VERSION_DEFLATE, create_system=SYSTEM_MSDOS, extract_version=VERSION_DEFLATE,
                    internal_attr=0, external_attr=0,
                    comment=b"", raw=d.raw)

    def finish(self, comment: bytes = b"") -> bytes:
        start = self.buf.tell()
        for rec in self.central:
            self.buf.write(rec)
        size = self.buf.tell() - start
        n = len(self.central)
        self.buf.write(struct.pack("<IHHHHIIH", SIG_END_OF_CENTRAL_DIR, 0, 0, n, n, size, start, len(comment)) + comment)
        return self.buf.getvalue()


def _compressor():
    # raw deflate (no zlib header) at DEFLATE_LEVEL: what every new or changed entry is written with
    return zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, RAW_DEFLATE_WBITS)


@dataclass(frozen=True)
class Deflated:
    """An entry's content kept deflated: a generated sheet of a large workbook is tens of MB of XML
    but a few MB compressed, so the plan holds sheets in this form (zlib's output does not depend on
    how the input is split into chunks, so this is the same stream as deflating the whole text)."""

    raw: bytes  # raw deflate stream, as stored in the zip
    crc: int  # CRC-32 of the uncompressed content
    size: int  # uncompressed size

    @classmethod
    def of(cls, data: bytes) -> Deflated:
        return cls.from_chunks((data,))

    @classmethod
    def from_chunks(cls, chunks: Iterable[bytes]) -> Deflated:
        co = _compressor()
        raw, crc, size = [], 0, 0
        for chunk in chunks:
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
            raw.append(co.compress(chunk))
        raw.append(co.flush())
        return cls(b"".join(raw), crc, size)

    def chunks(self, step: int = 1 << 16) -> Iterator[bytes]:
        """The uncompressed content, piece by piece."""
        d = zlib.decompressobj(RAW_DEFLATE_WBITS)
        for i in range(0, len(self.raw), step):
            yield d.decompress(self.raw[i:i + step])
        yield d.flush()

    def inflate(self) -> bytes:
        return b"".join(self.chunks())

    def same_as(self, src: SourcePackage, info: zipfile.ZipInfo) -> bool:
        """True when the entry `info` of `src` holds exactly this content (compared piece by piece,
        after the cheap size and CRC checks)."""
        if info.file_size != self.size or info.CRC != self.crc:
            return False
        with src.zf.open(info) as old:
            for chunk in self.chunks():
                if old.read(len(chunk)) != chunk:
                    return False
            return old.read(1) == b""


class DeflateWorker:
    """Deflates entries on a second thread while this one goes on making them (zlib releases Python's
    lock while it compresses): the plan's sheets, whose XML is made in Python piece by piece, and the
    ekspor's spliced sheets. Each part reaches the thread in pieces of `piece` bytes, at most `depth`
    waiting, so no part is held whole; the CRC is taken here, on the piece, so the thread takes the lock
    back once per piece. 50,000 realisasi rows: the sync's 22 MB of sheet XML, whose deflate (0.19 s)
    then overlaps making the next pieces: 0.13-0.28 s less, 1-2 MiB more at the peak (the thread's
    malloc arena); the ekspor 0.3 s less (benchmarks/sync_bench.py, ekspor_bench.py).

    `deflate(chunks)` returns a PendingDeflate; its `result()` is the Deflated that
    `Deflated.from_chunks(chunks)` gives (the same bytes: zlib's output does not depend on how its input
    is split). An entry smaller than `start` bytes is deflated here and returned as a Deflated: with every
    sheet of a 5,000-row sync on the thread (0.3-0.6 MB of XML each) the sync was 0.02-0.03 s slower and
    1 MiB larger, their deflate too short to overlap and the last pieces waited for anyway. The thread
    starts with the first larger entry; used as a context manager, it ends on leaving the block, also on
    error. Where no thread can start (Pyodide), and after `close`, every entry is deflated here."""

    def __init__(self, *, piece: int = 1 << 19, depth: int = 1, start: int = 1 << 20):
        self.piece = piece
        self.depth = depth
        self.start = start
        self.thread: threading.Thread | None = None  # started by the first large entry
        self._jobs = None
        self._here = False  # no thread (none can start, or closed): deflate here

    def __enter__(self) -> DeflateWorker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Let the thread finish what it was given, and end it; later entries are deflated here."""
        self._here = True
        if self.thread is not None:
            self._jobs.put(None)
            self.thread.join()
            self.thread = None

    def _start(self) -> bool:
        if self.thread is None and not self._here:
            import queue  # (here: only a large write needs it)

            self._jobs = queue.Queue(self.depth)
            t = threading.Thread(target=self._run, name="lakip_xl-deflate", daemon=True)
            try:
                t.start()
            except RuntimeError:  # no threads here (Pyodide) or the interpreter is shutting down
                self._here = True
                return False
            self.thread = t
        return self.thread is not None

    def deflate(self, chunks: Iterable[bytes]) -> PendingDeflate | Deflated:
        chunks = iter(chunks)
        buf: list[bytes] = []
        n = 0
        for chunk in chunks:  # the first `start` bytes decide where the entry is deflated
            buf.append(chunk)
            n += len(chunk)
            if n >= self.start:
                break
        else:
            return Deflated.from_chunks(buf)
        if not self._start():
            return Deflated.from_chunks(itertools.chain(buf, chunks))
        p = PendingDeflate()
        put, piece = self._jobs.put, self.piece
        try:
            first, buf, n = b"".join(buf), [], 0
            for chunk in itertools.chain((first,), chunks):
                buf.append(chunk)
                n += len(chunk)
                if n >= piece:
                    data = b"".join(buf)
                    p.crc = zlib.crc32(data, p.crc)
                    p.size += n
                    put((p, data, False))
                    buf, n = [], 0
        except BaseException:
            put((p, None, True))  # dropped: the thread lets go of its compressor
            raise
        data = b"".join(buf)
        p.crc = zlib.crc32(data, p.crc)
        p.size += n
        put((p, data, True))
        return p

    def _run(self) -> None:
        get = self._jobs.get
        while (job := get()) is not None:
            p, data, last = job
            try:
                if p.done.is_set():
                    continue
                if data is None:
                    p.error = RuntimeError("entry dropped while it was being deflated")
                    p.done.set()
                    continue
                if p.co is None:
                    p.co = _compressor()
                p.raw.append(p.co.compress(data) + p.co.flush() if last else p.co.compress(data))
                if last:
                    p.co = None
                    p.done.set()
            except BaseException as e:  # noqa: BLE001 - handed to whoever asks for the result
                p.error, p.co = e, None
                p.done.set()


class PendingDeflate:
    """An entry given to a DeflateWorker: `result()` waits for the thread and gives its Deflated."""

    __slots__ = ("co", "raw", "crc", "size", "error", "done")

    def __init__(self) -> None:
        self.co = None  # the thread's compressor while it deflates this entry
        self.raw: list[bytes] = []
        self.crc = 0
        self.size = 0
        self.error: BaseException | None = None
        self.done = threading.Event()

    def result(self) -> Deflated:
        self.done.wait()
        if self.error is not None:
            raise self.error
        return Deflated(b"".join(self.raw), self.crc, self.size)


def resolve_pending(contents: dict[str, bytes | Deflated | PendingDeflate]) -> None:
    """Every entry given to a DeflateWorker replaced by its Deflated (once the worker is closed)."""
    for name, content in contents.items():
        if isinstance(content, PendingDeflate):
            contents[name] = content.result()


def _same(src: SourcePackage, info: zipfile.ZipInfo, new: bytes | Deflated) -> bool:
    if isinstance(new, Deflated):
        return new.same_as(src, info)
    return new == src.zf.read(info.filename)


def assemble(src: SourcePackage, contents: dict[str, bytes | Deflated],
             removed: set[str]) -> tuple[bytes, list[str], list[str]]:
    """The new zip: original entries in order (copied, replaced or dropped), then new entries in the
    order of `contents`. `contents` maps entry names to bytes or Deflated; `removed` holds entry
    names; both are matched case-insensitively. Returns (bytes, entries changed or added, entries removed).
    An entry whose new content equals the old one is copied raw (byte-identical)."""
    new_by_key = {name.lower(): data for name, data in contents.items()}
    removed_keys = {name.lower() for name in removed}
    out = ZipWriter()
    changed: list[str] = []
    gone: list[str] = []
    seen: set[str] = set()
    for info in src.infos:
        name = info.filename
        key = name.lower()
        new = new_by_key.get(key)
        if new is None and key in removed_keys:
            gone.append(name)
            continue
        seen.add(key)
        if new is not None and not _same(src, info, new):
            out.replace(info, new)
            changed.append(name)
        else:
            extra, raw = src.raw(info)
            out.copy(info, extra, raw)
    for name, data in contents.items():
        if name.lower() not in seen:
            out.add(name, data)
            changed.append(name)
    return out.finish(src.zf.comment), changed, gone

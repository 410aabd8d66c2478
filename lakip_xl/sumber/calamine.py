"""A workbook file as a source of cells (`lakip_xl.sumber.sel.SumberData`), read with python-calamine.

`SumberCalamine(path)` opens .xlsx, .xlsm, .xlsb, .xls and .ods files and gives each sheet's cached
values as rows from A1 (row 1 is index 0). Besides the protocol's `nama`, `sheet_names` and `rows` it
has the two optional capabilities the cell reader (`lakip_xl.sumber.sel.Pembaca`) looks for:
`merged_ranges`, `rumus_tanpa_nilai` (formula cells saved without a cached value) and `sel_galat`
(cells holding an Excel error value, #DIV/0!, #N/A..., which calamine reads as empty), both found by one
scan of the sheet XML of an .xlsx/.xlsm. A file that cannot be opened, or a sheet whose part cannot be
read, is a BerkasError with an Indonesian message and fix. Any reader in lakip_xl.sumber opens files
through this class.

`siapkan(sheets)` lets a reader say which sheets it will read next: they are parsed on a background
thread while the reader works on the sheets before them. calamine parses a sheet's XML without holding
Python's lock (GIL), so the parse of the 50,000-row Realisasi sheet (~0.3 s) runs beside the reading
of Pengaturan and Indikator instead of after it (benchmarks/sync_bench.py).
"""

from __future__ import annotations

import re
import sys
import threading
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Iterable

from lakip_xl.errors import BerkasError
from lakip_xl.xlsx.sheetspec import parse_ref

# Sheet XML (bytes) from which siapkan parses ahead: ~15,000 realisasi rows. Below it the parse takes a few
# hundredths of a second (5,000 rows: the read took 0.14 s either way), less than the thread's memory is worth:
# a parsed sheet held early, and a malloc arena of its own (~1.5 MiB of the 5,000-row sync's peak, which sits
# near its 0.5x openpyxl target; benchmarks/sync_bench.py).
SIAPKAN_MULAI = 8_000_000


class SumberCalamine:
    """A workbook file (.xlsx, .xlsm, .xlsb, .xls, .ods) read with python-calamine (cached values)."""

    def __init__(self, path: str | Path):
        from python_calamine import CalamineError, CalamineWorkbook

        self.path = Path(path)
        self.nama = self.path.name
        try:
            sebelum = _tanda(self.path)
            self._wb = CalamineWorkbook.from_path(str(self.path))
            # the file this object reads, for siapkan's second object; None when it changed meanwhile
            self._tanda = sebelum if _tanda(self.path) == sebelum else None
        except FileNotFoundError:
            raise BerkasError(f"Berkas '{self.path}' tidak ditemukan.",
                              saran="Periksa nama dan folder berkas.", berkas=self.nama) from None
        except PermissionError:
            raise BerkasError(f"Berkas '{self.path}' tidak dapat dibuka (tidak ada izin baca).",
                              saran="Tutup berkas di program lain atau periksa izin folder.",
                              berkas=self.nama) from None
        except (CalamineError, OSError) as e:
            raise BerkasError(
                f"Berkas '{self.path.name}' tidak dapat dibaca sebagai buku kerja Excel ({e}).",
                saran="Pastikan berkas berformat .xlsx/.xlsm, tidak rusak dan tidak dilindungi kata sandi; "
                      "coba buka lalu simpan ulang di Excel.",
                berkas=self.nama) from None
        # Only what is needed after a sheet's rows were read is kept: its merged ranges. The parsed
        # sheet itself (tens of MB for 50,000 rows) is dropped as soon as its rows are out.
        self._merged: dict[str, list[tuple[int, int, int, int]]] = {}
        self._xml: dict[str, str] | None = None
        self._pindaian: dict[str, tuple[set[tuple[int, int]], dict[tuple[int, int], str]]] = {}
        self._siap: dict[str, _Siap] = {}  # sheets parsed ahead (siapkan), until rows() takes them
        self._thread: list[threading.Thread] = []

    def sheet_names(self) -> list[str]:
        return list(self._wb.sheet_names)

    def siapkan(self, sheets: Iterable[str]) -> None:
        """Parse these sheets ahead, in this order, on a background thread; rows() takes each when it
        is asked for (and parses a sheet itself when it is not among them). The thread reads the file
        through a workbook object of its own: calamine's objects refuse a second thread while one
        parses ("Already mutably borrowed"). It is not a daemon thread: the interpreter waits for it at
        exit instead of stopping it inside calamine. It reads only the file this object opened (same
        inode, size and modification time before and after its open), not one saved over it meanwhile.
        Sheets the workbook does not have are skipped; a sheet the thread could not parse is parsed again
        by rows() itself, so its error is the one rows() gives without siapkan."""
        ada = set(self._wb.sheet_names)
        urutan = [s for s in dict.fromkeys(sheets) if s in ada and s not in self._siap]
        if not urutan or self._tanda is None or self._ukuran_xml(urutan) < SIAPKAN_MULAI:
            return
        siap = {s: _Siap() for s in urutan}
        t = threading.Thread(target=_parse_di_belakang, args=(self.path, self._tanda, urutan, siap),
                             name="lakip_xl-calamine", daemon=False)
        try:
            t.start()
        except RuntimeError:  # no threads here (Pyodide) or the interpreter is shutting down: read as before
            return
        self._thread.append(t)
        self._siap.update(siap)

    def _ukuran_xml(self, sheets: list[str]) -> int:
        """Bytes of sheet XML of these sheets (an .xlsx/.xlsm); 0 when not known."""
        try:
            with zipfile.ZipFile(self.path) as z:
                bagian = self._bagian_sheet(z)
                return sum(z.getinfo(bagian[s]).file_size for s in sheets if bagian.get(s))
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            return 0

    def rows(self, sheet: str) -> list[list[object]]:
        siap = self._siap.pop(sheet, None)
        if siap is not None and not siap.done():
            # while the thread still parses this sheet: its scan for error and formula cells, which the
            # cell reader asks for once it meets an empty cell (kept per sheet: done once either way)
            self._pindai(sheet)
        try:
            sh = siap.result() if siap is not None else None
            if sh is None:
                sh = self._wb.get_sheet_by_name(sheet)
            self._merged[sheet] = self._merged_of(sh)
            # skip_empty_area=False: row 0 is Excel row 1 even when the used range starts lower, so that
            # addresses in messages are the real ones.
            hasil = sh.to_python(skip_empty_area=False)
        except Exception as e:  # noqa: BLE001 - calamine's XmlError/ZipError/CalamineError and what it wraps
            raise self._rusak(sheet, e) from None
        if siap is not None:
            del sh
            siap.set_result(None)  # the parsed sheet (tens of MB) goes now, not with the slot
            if not self._siap:
                self._selesai_siapkan()
        return hasil

    def _selesai_siapkan(self) -> None:
        """Every sheet parsed ahead has been read: the threads end, and the memory their parses freed is
        given back to the system. glibc keeps what a thread frees in that thread's own malloc arena, where
        nothing else reuses it: without this the 50,000-row sync kept ~8 MiB more at its peak, and the
        ekspor, whose peak comes later, crossed its memory target (benchmarks/ekspor_bench.py)."""
        for t in self._thread:
            t.join()
        self._thread.clear()
        _kembalikan_memori()

    def merged_ranges(self, sheet: str) -> list[tuple[int, int, int, int]]:
        if sheet not in self._merged:
            try:
                self._merged[sheet] = self._merged_of(self._wb.get_sheet_by_name(sheet))
            except Exception as e:  # noqa: BLE001 - as in rows()
                raise self._rusak(sheet, e) from None
        return self._merged[sheet]

    def _rusak(self, sheet: str, e: BaseException) -> BerkasError:
        """A sheet whose part cannot be read (truncated or corrupt XML, a corrupt deflate stream, a part
        larger than its declared size, a missing sharedStrings.xml): a BerkasError naming file and sheet."""
        return BerkasError(
            f"Isi sheet ini tidak dapat dibaca karena rusak ({str(e)[:160]}).",
            saran="Buka berkas di Excel (Excel dapat memperbaiki bagian yang rusak), simpan ulang, lalu ulangi; "
                  "atau pakai cadangan berkas sebelumnya.", berkas=self.nama, sheet=sheet)

    @staticmethod
    def _merged_of(sh) -> list[tuple[int, int, int, int]]:
        ranges = getattr(sh, "merged_cell_ranges", None) or []
        return [(a[0], a[1], b[0], b[1]) for a, b in ranges]

    def rumus_tanpa_nilai(self, sheet: str) -> set[tuple[int, int]]:
        """Formula cells with no cached value (<f> without <v>); xlsx/xlsm only, else empty."""
        return self._pindai(sheet)[0]

    def sel_galat(self, sheet: str) -> dict[tuple[int, int], str]:
        """Cells whose value is an Excel error (t="e": "#DIV/0!", "#N/A"...), typed or the cached result
        of a formula, by 0-based (row, col); xlsx/xlsm only, else empty. calamine reads them as empty."""
        return self._pindai(sheet)[1]

    def _pindai(self, sheet: str) -> tuple[set[tuple[int, int]], dict[tuple[int, int], str]]:
        """One scan of the sheet XML for both (cached per sheet). The XML (24 MB for 50,000 rows) is
        scanned in pieces cut after a "</c>", so every cell lies whole in one piece and memory stays
        at one piece."""
        if sheet in self._pindaian:
            return self._pindaian[sheet]
        out: set[tuple[int, int]] = set()
        galat: dict[tuple[int, int], str] = {}
        try:
            with zipfile.ZipFile(self.path) as z:
                part = self._bagian_sheet(z).get(sheet)
                if part is None:
                    return out, galat
                with z.open(part) as f:
                    sisa = b""
                    while True:
                        potong = f.read(_POTONG_XML)
                        buf = sisa + potong
                        if not potong:
                            _rumus_tanpa_nilai(buf, out)
                            _sel_galat(buf, galat)
                            break
                        akhir = buf.rfind(b"</c>")
                        if akhir < 0:
                            sisa = buf
                            continue
                        _rumus_tanpa_nilai(buf[:akhir + 4], out)
                        _sel_galat(buf[:akhir + 4], galat)
                        sisa = buf[akhir + 4:]
        except (zipfile.BadZipFile, KeyError, OSError, EOFError, zlib.error):
            return set(), {}
        self._pindaian[sheet] = (out, galat)
        return out, galat

    def _bagian_sheet(self, z: zipfile.ZipFile) -> dict[str, str]:
        """Sheet name -> zip part name, from workbook.xml and its relationships."""
        if self._xml is None:
            wb = z.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
            target = {}
            for rel in re.finditer(r"<Relationship\b[^>]*>", rels):
                tag = rel.group(0)
                rid = re.search(r'\bId="([^"]+)"', tag)
                tgt = re.search(r'\bTarget="([^"]+)"', tag)
                if rid and tgt:
                    t = tgt.group(1)
                    t = t.lstrip("/") if t.startswith("/") else str(PurePosixPath("xl") / t)
                    target[rid.group(1)] = t
            out = {}
            for sh in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", wb):
                tag = sh.group(0)
                name = re.search(r'\bname="([^"]*)"', tag)
                rid = re.search(r'\br:id="([^"]+)"|\b\w+:id="([^"]+)"', tag)
                if name and rid:
                    out[_xml_unescape(name.group(1))] = target.get(rid.group(1) or rid.group(2), "")
            self._xml = out
        return self._xml


def _kembalikan_memori() -> None:
    """malloc_trim(0) where the C library has it (glibc: it also returns the free pages of every thread's
    arena); elsewhere nothing (Windows' heap is shared by all threads)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # no malloc_trim (musl): the memory stays with the process
        pass


def _tanda(path: Path) -> tuple[int, int, int, int]:
    """Which file is at `path` now: device, inode, size, modification time."""
    st = path.stat()
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


class _Siap:
    """One sheet parsed ahead: its result once the thread has set it (concurrent.futures.Future would do,
    but importing it imports logging: 30 ms of every sync's start)."""

    __slots__ = ("_event", "_hasil")

    def __init__(self) -> None:
        self._event = threading.Event()
        self._hasil = None

    def set_result(self, hasil) -> None:
        self._hasil = hasil
        self._event.set()

    def done(self) -> bool:
        return self._event.is_set()

    def result(self):
        self._event.wait()
        return self._hasil


def _parse_di_belakang(path: Path, tanda: tuple, urutan: list[str], siap: dict[str, _Siap]) -> None:
    """The background parse of SumberCalamine.siapkan: each sheet's parsed object into its _Siap, in
    order; None for a sheet it could not parse, or for all when the file at `path` is no longer the one
    the reader opened (rows() then parses with the reader's own object)."""
    from python_calamine import CalamineWorkbook

    wb = None
    try:
        try:
            if _tanda(path) == tanda:
                wb = CalamineWorkbook.from_path(str(path))
                if _tanda(path) != tanda:
                    wb = None
        except Exception:  # noqa: BLE001, S110 - rows() opens nothing new: it parses with the reader's own object
            wb = None
        for s in urutan:
            hasil = None
            if wb is not None:
                try:
                    hasil = wb.get_sheet_by_name(s)
                except Exception:  # noqa: BLE001, S110 - as above
                    pass
            siap[s].set_result(hasil)
    finally:  # whatever happened, no reader waits for ever
        for s in urutan:
            if not siap[s].done():
                siap[s].set_result(None)


# A cell holding a formula and no cached value ends "</f></c>" (or "<f .../></c>", also with an empty
# <v/>): the children of <c> come in the order f, v, is (ECMA-376 CT_Cell).
# Two patterns, each starting with a literal, rather than one starting "(?:</f>|/>)": re finds a literal
# prefix with a fast search, and the pair scans a sheet 4 times faster (2.3 MB at 5,000 rows: 9 ms, not 34).
_AKHIR_RUMUS_TANPA_NILAI = (re.compile(rb"</f>\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>"),
                            re.compile(rb"/>\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>"))
_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_POTONG_XML = 1 << 16  # bytes of sheet XML scanned at a time (small: big buffers stay in RSS)


def _rumus_tanpa_nilai(data: bytes, out: set[tuple[int, int]]) -> None:
    """Add to `out` the 0-based (row, col) of the formula cells without a value in `data`, a piece
    of sheet XML made of whole cells."""
    if b"<f" not in data:
        return
    # anchor on the rare end "</f></c>" (or "<f .../></c>"), then look back for the cell's address
    for pola in _AKHIR_RUMUS_TANPA_NILAI:
        for mt in pola.finditer(data):
            awal = data.rfind(b"<c ", 0, mt.start())
            if mt.group(0).startswith(b"/") and data.rfind(b"<f", awal, mt.start()) < 0:
                continue  # "/></c>" closing something other than an empty <f/>
            ref = _REF.search(data, awal, mt.start())
            if ref:
                r, c = parse_ref(ref.group(1).decode("ascii"))
                out.add((r - 1, c - 1))


_SEL_GALAT = re.compile(rb'<c\b[^>]*?\bt="e"[^>]*>(.*?)</c>', re.S)
_NILAI = re.compile(rb"<v>([^<]*)</v>")


def _sel_galat(data: bytes, out: dict[tuple[int, int], str]) -> None:
    """Add to `out` the 0-based (row, col) -> error text of the error cells (t="e") in `data`, a piece of
    sheet XML made of whole cells."""
    if b't="e"' not in data:
        return
    for mt in _SEL_GALAT.finditer(data):
        ref = _REF.search(mt.group(0))
        v = _NILAI.search(mt.group(1))
        if ref:
            r, c = parse_ref(ref.group(1).decode("ascii"))
            out[(r - 1, c - 1)] = _xml_unescape(v.group(1).decode("utf-8", "replace")) if v else "#N/A"


def _xml_unescape(s: str) -> str:
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


__all__ = ["SumberCalamine"]

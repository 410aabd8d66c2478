"""Read a LAKIP workbook's data sheets into `lakip_xl.sumber.model.DataLakip`.

Two kinds of source give the cells: a file through python-calamine (`SumberCalamine`, fast, cached
values only) and an open Excel workbook through xlwings (an adapter written elsewhere). Both follow the
`SumberData` protocol; everything else here is independent of where the cells come from.

Tables are found by header text, never by fixed address (docs/dev/workbook-schema.md): the header row
is the first row within the first 20 whose cells contain the table's required headers (case and
spacing insensitive); columns are found by header text, so staff may move a table and add their own
columns; rows run until the first fully empty row.

Every problem is collected (`lakip_xl.errors.Laporan`) and reported at once: `baca_data` raises
`InputError` listing all errors (and the warnings found with them); when there are only warnings they
are returned in `DataLakip.peringatan`. Each message names the sheet and the cell and says, in Bahasa
Indonesia, how to fix it.

Optional source capabilities (looked up with getattr, so an adapter may leave them out):
- `merged_ranges(sheet) -> list[(r0, c0, r1, c1)]` (0-based, inclusive): merged cells in a table are
  reported, because only the top-left cell of a merge holds a value;
- `rumus_tanpa_nilai(sheet) -> set[(r, c)]` (0-based): formula cells saved without a cached value
  (a file written by a program that does not calculate, e.g. openpyxl); calamine reads them as empty.
  Only cells that read as empty are looked up, and only the first time one is met on a sheet.
"""

from __future__ import annotations

import re
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Protocol, runtime_checkable

from lakip_xl.aturan.angka import parse_angka
from lakip_xl.aturan.nilai import Rentang, ke_decimal
from lakip_xl.errors import AngkaError, AturanError, BerkasError, InputError, Laporan, Masalah
from lakip_xl.sumber import model as m
from lakip_xl.sumber.model import (
    KOLOM,
    WAJIB,
    Anggaran,
    Belanja,
    DataLakip,
    Dilaporkan,
    Indikator,
    Isian,
    Lokasi,
    Pengaturan,
    Program,
    RealisasiBaris,
    kunci,
    kunci_rapat,
)
from lakip_xl.xlsx.sheetspec import cell_ref, col_letter

BARIS_JUDUL_MAKS = 20  # the header row must be within the first 20 rows
_KOLOM_HASIL = frozenset({"capaian", "predikat"})  # generated columns: never read as input
_TANDA_HILANG = frozenset({"-", "--", "\u2013", "\u2014"})


# --------------------------------------------------------------------------------------------------
# Sources


@runtime_checkable
class SumberData(Protocol):
    """Where the cells come from. Rows are lists of cell values starting at A1 (row 1 is index 0);
    a value is None or "" (empty), str, int, float, bool, or a date/datetime."""

    nama: str  # file name, used in messages

    def sheet_names(self) -> list[str]: ...

    def rows(self, sheet: str) -> list[list[object]]: ...


class SumberCalamine:
    """A workbook file (.xlsx, .xlsm, .xlsb, .xls, .ods) read with python-calamine (cached values)."""

    def __init__(self, path: str | Path):
        from python_calamine import CalamineError, CalamineWorkbook

        self.path = Path(path)
        self.nama = self.path.name
        try:
            self._wb = CalamineWorkbook.from_path(str(self.path))
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

    def sheet_names(self) -> list[str]:
        return list(self._wb.sheet_names)

    def rows(self, sheet: str) -> list[list[object]]:
        sh = self._wb.get_sheet_by_name(sheet)
        self._merged[sheet] = self._merged_of(sh)
        # skip_empty_area=False: row 0 is Excel row 1 even when the used range starts lower, so that
        # addresses in messages are the real ones.
        return sh.to_python(skip_empty_area=False)

    def merged_ranges(self, sheet: str) -> list[tuple[int, int, int, int]]:
        if sheet not in self._merged:
            self._merged[sheet] = self._merged_of(self._wb.get_sheet_by_name(sheet))
        return self._merged[sheet]

    @staticmethod
    def _merged_of(sh) -> list[tuple[int, int, int, int]]:
        ranges = getattr(sh, "merged_cell_ranges", None) or []
        return [(a[0], a[1], b[0], b[1]) for a, b in ranges]

    def rumus_tanpa_nilai(self, sheet: str) -> set[tuple[int, int]]:
        """Formula cells with no cached value (<f> without <v>); xlsx/xlsm only, else empty.

        The sheet XML (24 MB for 50,000 rows) is scanned in pieces cut after a "</c>", so every cell
        lies whole in one piece and memory stays at one piece."""
        out: set[tuple[int, int]] = set()
        try:
            with zipfile.ZipFile(self.path) as z:
                part = self._bagian_sheet(z).get(sheet)
                if part is None:
                    return out
                with z.open(part) as f:
                    sisa = b""
                    while True:
                        potong = f.read(_POTONG_XML)
                        buf = sisa + potong
                        if not potong:
                            _rumus_tanpa_nilai(buf, out)
                            break
                        akhir = buf.rfind(b"</c>")
                        if akhir < 0:
                            sisa = buf
                            continue
                        _rumus_tanpa_nilai(buf[:akhir + 4], out)
                        sisa = buf[akhir + 4:]
        except (zipfile.BadZipFile, KeyError, OSError):
            return set()
        return out

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
                r, c = _parse_a1(ref.group(1).decode("ascii"))
                out.add((r - 1, c - 1))


def _xml_unescape(s: str) -> str:
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


def _parse_a1(ref: str) -> tuple[int, int]:
    i = 0
    while ref[i].isalpha():
        i += 1
    col = 0
    for ch in ref[:i]:
        col = col * 26 + ord(ch) - 64
    return int(ref[i:]), col


# --------------------------------------------------------------------------------------------------
# Tables


@dataclass
class Tabel:
    """A table found on a sheet: header row, column positions (0-based) and its data rows."""

    sheet: str
    baris_judul: int  # 0-based index of the header row
    kolom: dict[str, int]  # header key (model.kunci) -> 0-based column
    baris: list[tuple[int, list[object]]] = field(default_factory=list)  # (0-based row, cells)

    def kol(self, judul: str) -> int | None:
        """0-based column of a header text, or None when the table lacks it."""
        try:
            return self._kol[judul]
        except AttributeError:
            self._kol: dict[str, int | None] = {}
        except KeyError:
            pass
        c = self._kol[judul] = self.kolom.get(kunci(judul))
        return c

    def sel(self, r: int, judul: str) -> str:
        c = self.kol(judul)
        return _ref(r, c) if c is not None else ""

    def ambil(self, cells: list[object], judul: str) -> object:
        c = self.kol(judul)
        if c is None or c >= len(cells):
            return None
        return cells[c]

    @property
    def rentang(self) -> str:
        cols = self.kolom.values()
        last = self.baris[-1][0] if self.baris else self.baris_judul
        return f"{cell_ref(self.baris_judul + 1, min(cols) + 1)}:{cell_ref(last + 1, max(cols) + 1)}"


def _lepas_baris(t: Tabel):
    """The table's rows in order, each let go of once read: the cell values of a large sheet (20 MB
    for 50,000 rows) are freed row by row while the records are built, rather than all at the end,
    so the records reuse their memory (the reader ends ~13 MB lower at 50,000 rows)."""
    baris, t.baris = t.baris, []
    baris.reverse()
    while baris:
        yield baris.pop()


_HURUF_KOLOM: list[str] = []


def _huruf_kolom(c: int) -> str:
    """Column letters of 0-based column c, one shared string per column (this runs for every cell read)."""
    while len(_HURUF_KOLOM) <= c:
        _HURUF_KOLOM.append(col_letter(len(_HURUF_KOLOM) + 1))
    return _HURUF_KOLOM[c]


def _ref(r: int, c: int) -> str:
    """A1 address of 0-based (r, c)."""
    return f"{_huruf_kolom(c)}{r + 1}"


def _kosong(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def cari_tabel(rows: list[list[object]], sheet: str, wajib: list[str], semua: list[str],
               lap: Laporan) -> Tabel | None:
    """Find the table whose header row holds all `wajib` headers; report what is missing if none."""
    kunci_wajib = [kunci(h) for h in wajib]
    kunci_semua = {kunci(h) for h in semua}
    terbaik: tuple[int, int, set[str]] | None = None  # (found count, row, found keys)
    for r, cells in enumerate(rows[:BARIS_JUDUL_MAKS]):
        ada = {}
        for c, v in enumerate(cells):
            if isinstance(v, str) and v.strip():
                k = kunci(v)
                if k in kunci_semua and k not in ada:
                    ada[k] = c
        ketemu = {k for k in kunci_wajib if k in ada}
        if len(ketemu) == len(kunci_wajib):
            tabel = Tabel(sheet, r, ada)
            isi = [c for k, c in ada.items() if k not in _KOLOM_HASIL]
            for r2 in range(r + 1, len(rows)):
                cells2 = rows[r2]
                if all(_kosong(v) for v in cells2):
                    break
                # a row with only generated cells (Capaian/Predikat formulas of an empty template row)
                # or only the user's own columns filled is no data row
                if all(c >= len(cells2) or _kosong(cells2[c]) for c in isi):
                    continue
                tabel.baris.append((r2, cells2))
            return tabel
        if ketemu and (terbaik is None or len(ketemu) > terbaik[0]):
            terbaik = (len(ketemu), r, ketemu)
    if terbaik is not None and terbaik[0] >= 2:
        _, r, ketemu = terbaik
        hilang = [h for h in wajib if kunci(h) not in ketemu]
        lap.galat(
            f"Tabel pada baris {r + 1} tidak lengkap: kolom {_daftar_kutip(hilang)} tidak ditemukan.",
            saran=f"Tambahkan kolom dengan judul persis {_daftar_kutip(hilang)} pada baris judul tabel "
                  f"(judul kolom wajib: {_daftar_kutip(wajib)}).",
            sheet=sheet, sel=f"{r + 1}:{r + 1}")
    else:
        lap.galat(
            f"Tabel tidak ditemukan: tidak ada baris judul berisi kolom {_daftar_kutip(wajib)} "
            f"dalam {BARIS_JUDUL_MAKS} baris pertama.",
            saran="Salin tabel dari template (workbooks/template.xlsx) dan jangan ubah judul kolomnya; "
                  f"baris judul harus berada dalam {BARIS_JUDUL_MAKS} baris pertama sheet.",
            sheet=sheet)
    return None


def _daftar_kutip(items) -> str:
    return ", ".join(f"'{x}'" for x in items)


# --------------------------------------------------------------------------------------------------
# The reader


class _Pembaca:
    def __init__(self, sumber: SumberData):
        self.s = sumber
        self.lap = Laporan()
        self._rumus: dict[str, set[tuple[int, int]]] = {}
        self._fn_rumus = getattr(sumber, "rumus_tanpa_nilai", None)
        # A number cell's Decimal and text, per distinct number: values recur across thousands of rows,
        # and sharing one immutable Decimal saves both the conversion and ~150 bytes per cell.
        self._angka: dict[type, dict[object, tuple[Decimal | None, str]]] = {int: {}, float: {}}
        self._sheet_nama: dict[str, str] = {}
        for n in sumber.sheet_names():
            self._sheet_nama.setdefault(kunci(n), n)

    # -- sheets and tables -------------------------------------------------------------------------
    def tabel(self, sheet: str, *, wajib_ada: bool = True) -> Tabel | None:
        nama = self._sheet_nama.get(kunci(sheet))
        if nama is None:
            if wajib_ada:
                self.lap.galat(
                    f"Sheet '{sheet}' tidak ada di buku kerja.",
                    saran=f"Tambahkan sheet bernama '{sheet}' (salin dari template workbooks/template.xlsx) "
                          "atau kembalikan namanya bila sheet itu diganti nama.")
            return None
        rows = self.s.rows(nama)
        t = cari_tabel(rows, nama, WAJIB[sheet], KOLOM[sheet], self.lap)
        if t is not None:
            self._cek_gabung(t)
        return t

    def _cek_gabung(self, t: Tabel) -> None:
        fn = getattr(self.s, "merged_ranges", None)
        if fn is None or not t.kolom:
            return
        r_awal, r_akhir = t.baris_judul, (t.baris[-1][0] if t.baris else t.baris_judul)
        c_awal, c_akhir = min(t.kolom.values()), max(t.kolom.values())
        for r0, c0, r1, c1 in fn(t.sheet):
            if r0 <= r_akhir and r1 >= r_awal and c0 <= c_akhir and c1 >= c_awal:
                rng = f"{cell_ref(r0 + 1, c0 + 1)}:{cell_ref(r1 + 1, c1 + 1)}"
                self.lap.galat(
                    f"Sel gabungan (merge) {rng} berada di dalam tabel; hanya sel kiri atas yang berisi "
                    "nilai, sel lainnya terbaca kosong.",
                    saran="Pilih sel tersebut lalu Beranda > Gabungkan & Tengahkan > Pisahkan Sel (Unmerge), "
                          "dan isi nilainya pada setiap baris.",
                    sheet=t.sheet, sel=rng)

    def _rumus_kosong(self, sheet: str, r: int, c: int) -> bool:
        if self._fn_rumus is None:
            return False
        rumus = self._rumus.get(sheet)
        if rumus is None:
            rumus = self._rumus[sheet] = self._fn_rumus(sheet)
        return bool(rumus) and (r, c) in rumus

    # -- cells -------------------------------------------------------------------------------------
    def teks(self, t: Tabel, r: int, cells, judul: str, *, wajib: bool = False, saran: str = "") -> str:
        v = t.ambil(cells, judul)
        if _kosong(v):
            if not self._cek_rumus(t, r, judul) and wajib:
                self.lap.galat(f"Kolom '{judul}' kosong.",
                               saran=saran or f"Isi kolom '{judul}' pada baris {r + 1}.",
                               sheet=t.sheet, sel=t.sel(r, judul))
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        if isinstance(v, (datetime, date)):
            return v.isoformat()
        return " ".join(str(v).split())

    def kode(self, t: Tabel, r: int, cells, judul: str, *, wajib: bool = False) -> str:
        s = self.teks(t, r, cells, judul, wajib=wajib,
                      saran=f"Isi '{judul}' pada baris {r + 1}, misalnya IK1 atau S1.")
        return sys.intern(s.upper())  # one string per code, however many rows repeat it

    def _cek_rumus(self, t: Tabel, r: int, judul: str) -> bool:
        c = t.kol(judul)
        if c is not None and self._rumus_kosong(t.sheet, r, c):
            self.lap.galat(
                f"Sel kolom '{judul}' berisi rumus yang belum pernah dihitung (tidak ada nilai tersimpan), "
                "sehingga terbaca kosong.",
                saran="Buka berkas di Excel, tekan Ctrl+Alt+F9 untuk menghitung ulang, lalu simpan; "
                      "atau ganti rumus dengan nilainya.",
                sheet=t.sheet, sel=t.sel(r, judul))
            return True
        return False

    def tahun(self, t: Tabel, r: int, cells, judul: str = "Tahun", *, wajib: bool = True) -> int | None:
        v = t.ambil(cells, judul)
        if type(v) is float or type(v) is int:
            th = _TAHUN.get(v)  # a whole number 1900..2100: the common case, one shared int per year
            if th is not None:
                return th
        sel = t.sel(r, judul)
        if _kosong(v):
            if not self._cek_rumus(t, r, judul) and wajib:
                self.lap.galat(f"Kolom '{judul}' kosong.", saran="Isi tahun empat angka, misalnya 2020.",
                               sheet=t.sheet, sel=sel)
            return None
        d = None
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            d = ke_decimal(v)
        elif isinstance(v, str) and re.fullmatch(r"\s*\d{4}\s*", v):
            d = Decimal(v.strip())
        if d is None or d != d.to_integral_value() or not 1900 <= d <= 2100:
            self.lap.galat(f"'{v}' bukan tahun.", saran="Isi tahun empat angka, misalnya 2020.",
                           sheet=t.sheet, sel=sel)
            return None
        return int(d)

    def isian(self, t: Tabel, r: int, cells, judul: str, *, huruf: object = None, wajib: bool = False,
              boleh_rentang: bool = False, boleh_negatif: bool = True, hilang_peringatan: bool = True,
              label: str | None = None) -> Isian:
        """Parse one value cell. `huruf`: a capaian.SkalaNilai when grades are allowed."""
        label = label or judul
        c = t.kol(judul)
        if c is None:
            return Isian()
        kol = _huruf_kolom(c)
        v = cells[c] if c < len(cells) else None
        if type(v) is float or type(v) is int:  # the common case first (a bool's type is not int)
            return self._isian_angka(t, v, kol, r, label, huruf, boleh_negatif)
        sel = f"{kol}{r + 1}"
        if _kosong(v):
            if not self._cek_rumus(t, r, judul) and wajib:
                self.lap.galat(f"Kolom '{label}' kosong.", saran=f"Isi kolom '{label}' pada baris {r + 1}.",
                               sheet=t.sheet, sel=sel)
            return Isian.di(None, "", kol, r, False)
        if isinstance(v, bool):
            self.lap.galat(f"Kolom '{label}' berisi nilai benar/salah ({v}), bukan angka.",
                           saran="Isi sel dengan angka.", sheet=t.sheet, sel=sel)
            return Isian(None, str(v), sel, False)
        if isinstance(v, (datetime, date, time, timedelta)):
            self.lap.galat(f"Kolom '{label}' berisi tanggal/waktu ({v}), bukan angka.",
                           saran="Ubah format sel menjadi Umum (General) atau Angka lalu ketik ulang nilainya.",
                           sheet=t.sheet, sel=sel)
            return Isian(None, str(v), sel, False)
        if isinstance(v, (int, float)):
            return self._isian_angka(t, v, kol, r, label, huruf, boleh_negatif)
        teks = " ".join(str(v).split())
        if huruf is not None:
            if huruf.punya(teks):
                return Isian(teks.upper(), teks, sel, True)
        if teks in _TANDA_HILANG:
            if hilang_peringatan:
                self.lap.peringatan(
                    f"Kolom '{label}' berisi '{teks}': dibaca sebagai data tidak ada (bukan nol); "
                    "capaian menjadi n/a.",
                    saran="Kosongkan sel bila datanya memang belum ada, atau isi angkanya (tulis 0 bila nol).",
                    sheet=t.sheet, sel=sel)
            return Isian.di(None, teks, kol, r, True)
        try:
            nilai = parse_angka(teks)
        except AngkaError as e:
            if huruf is not None:
                self.lap.galat(f"Kolom '{label}': '{teks}' bukan nilai huruf skala {huruf.nama}.",
                               saran=f"Gunakan salah satu dari: {', '.join(huruf.huruf)}.", sheet=t.sheet,
                               sel=sel)
            else:
                saran = e.masalah.saran or "Isi sel dengan angka, misalnya 34,67 atau 1.264.373."
                if teks.isalpha() and len(teks) <= 3:
                    saran += (" Bila indikator ini bernilai huruf (misalnya nilai AKIP), pilih Polaritas 'huruf' "
                              "di sheet Indikator.")
                self.lap.galat(f"Kolom '{label}': {e.masalah.pesan}", saran=saran, sheet=t.sheet, sel=sel)
            return Isian.di(None, teks, kol, r, True)
        except AturanError as e:
            self.lap.galat(f"Kolom '{label}': {e.masalah.pesan}", saran=e.masalah.saran, sheet=t.sheet, sel=sel)
            return Isian.di(None, teks, kol, r, True)
        if huruf is not None and nilai is not None:
            self.lap.galat(f"Kolom '{label}' berisi angka '{teks}', padahal polaritas indikator ini huruf "
                           f"(skala {huruf.nama}).",
                           saran=f"Isi dengan salah satu nilai huruf: {', '.join(huruf.huruf)}.",
                           sheet=t.sheet, sel=sel)
            return Isian.di(None, teks, kol, r, True)
        if isinstance(nilai, Rentang) and not boleh_rentang:
            self.lap.galat(f"Kolom '{label}' berisi rentang '{teks}'; di sini hanya satu angka yang boleh.",
                           saran="Tulis satu angka; rentang hanya untuk Target.", sheet=t.sheet, sel=sel)
            return Isian.di(None, teks, kol, r, True)
        if nilai is None and hilang_peringatan:
            self.lap.peringatan(
                f"Kolom '{label}' berisi '{teks}': dibaca sebagai data tidak ada (bukan nol).",
                saran="Kosongkan sel bila datanya belum ada, atau isi angkanya.", sheet=t.sheet, sel=sel)
        if isinstance(nilai, Decimal):
            self._cek_tanda(nilai, label, sel, t.sheet, boleh_negatif)
        return Isian.di(nilai, teks, kol, r, True)

    def _isian_angka(self, t: Tabel, v: int | float, kol: str, r: int, label: str, huruf: object,
                     boleh_negatif: bool) -> Isian:
        """`isian` of a number cell (its address is spelled out only for a message)."""
        d, teks = self._angka_sel(v)
        if d is not None and huruf is None and (boleh_negatif or d >= 0):  # the common case
            return Isian.di(d, teks, kol, r, False)
        sel = f"{kol}{r + 1}"
        if d is None:
            self.lap.galat(f"Kolom '{label}' berisi angka yang tidak valid.", saran="Ketik ulang angkanya.",
                           sheet=t.sheet, sel=sel)
            return Isian.di(None, "", kol, r, False)
        if huruf is not None:
            self.lap.galat(
                f"Kolom '{label}' berisi angka {teks}, padahal polaritas indikator ini huruf "
                f"(skala {huruf.nama}).",
                saran=f"Isi dengan salah satu nilai huruf: {', '.join(huruf.huruf)}; atau ubah "
                      "Polaritas indikator di sheet Indikator.", sheet=t.sheet, sel=sel)
            return Isian.di(None, teks, kol, r, False)
        self._cek_tanda(d, label, sel, t.sheet, boleh_negatif)
        return Isian.di(d, teks, kol, r, False)

    def _angka_sel(self, v: int | float) -> tuple[Decimal | None, str]:
        """A number cell's value as Decimal and as plain text ("34.67"), shared per distinct number.
        Zero is left out: 0.0 and -0.0 are one dict key but give "0" and "-0"."""
        if not v:
            d = ke_decimal(v)
            return d, (format(d, "f") if d is not None else "")
        cache = self._angka.get(type(v))
        if cache is None:  # a subclass of int or float: convert, do not share
            d = ke_decimal(v)
            return d, (format(d, "f") if d is not None else "")
        hasil = cache.get(v)
        if hasil is None:
            d = ke_decimal(v)
            hasil = cache[v] = (d, format(d, "f") if d is not None else "")
        return hasil

    def _cek_tanda(self, d: Decimal, label: str, sel: str, sheet: str, boleh_negatif: bool) -> None:
        if not boleh_negatif and d < 0:
            self.lap.galat(f"Kolom '{label}' bernilai negatif ({d}).", saran="Isi dengan angka 0 atau lebih.",
                           sheet=sheet, sel=sel)

    def pilihan(self, t: Tabel, r: int, cells, judul: str, pilihan: dict, *, sinonim: dict | None = None,
                bawaan: object = None, wajib: bool = False) -> object:
        """A drop-down cell: its label (or code, or synonym) -> code; lists the allowed labels if wrong."""
        s = self.teks(t, r, cells, judul)
        if not s:
            if wajib and bawaan is None and not self._cek_rumus(t, r, judul):
                self.lap.galat(f"Kolom '{judul}' kosong.", saran=f"Pilih salah satu: {_daftar_kutip(pilihan)}.",
                               sheet=t.sheet, sel=t.sel(r, judul))
            return bawaan
        kode = cocokkan(s, pilihan, sinonim)
        if kode is None:
            self.lap.galat(f"Nilai '{s}' pada kolom '{judul}' tidak dikenal.",
                           saran=f"Pilih salah satu: {_daftar_kutip(pilihan)}.", sheet=t.sheet,
                           sel=t.sel(r, judul))
        return kode


def cocokkan(teks: str, pilihan: dict, sinonim: dict | None = None) -> object:
    """Match a typed value against allowed labels and codes, ignoring case, spaces and hyphens."""
    k = kunci_rapat(teks)
    peta = _PETA_PILIHAN.get(id(pilihan))
    if peta is None or peta[0] is not pilihan:
        isi = {}
        for label, kode in reversed(list(pilihan.items())):  # the first label wins on a clash
            isi[kunci_rapat(str(kode))] = kode
            isi[kunci_rapat(label)] = kode
        peta = _PETA_PILIHAN[id(pilihan)] = (pilihan, isi)
    if k in peta[1]:
        return peta[1][k]
    if sinonim:
        return sinonim.get(k)
    return None


_PETA_PILIHAN: dict[int, tuple[dict, dict]] = {}


# --------------------------------------------------------------------------------------------------
# Sheets


def _baca_pengaturan(p: _Pembaca) -> Pengaturan:
    t = p.tabel(m.SHEET_PENGATURAN)
    nilai: dict[str, object] = {}
    sel: dict[str, str] = {}
    if t is not None:
        per_kunci = {kunci_rapat(k.label): k for k in m.PENGATURAN_KUNCI}
        per_kunci.update({kunci_rapat("Wilayah"): per_kunci[kunci_rapat("Kota/Kabupaten")],
                          kunci_rapat("Kepala"): per_kunci[kunci_rapat("Kepala Dinas")]})
        for r, cells in _lepas_baris(t):
            label = p.teks(t, r, cells, "Pengaturan")
            if not label:
                continue
            k = per_kunci.get(kunci_rapat(label))
            if k is None:
                p.lap.peringatan(f"Pengaturan '{label}' tidak dikenal dan diabaikan.",
                                 saran="Periksa ejaannya; pengaturan yang dikenal: "
                                       f"{_daftar_kutip(x.label for x in m.PENGATURAN_KUNCI)}.",
                                 sheet=t.sheet, sel=t.sel(r, "Pengaturan"))
                continue
            if k.medan in nilai:
                p.lap.galat(f"Pengaturan '{k.label}' ditulis dua kali.", saran="Hapus salah satu baris.",
                            sheet=t.sheet, sel=t.sel(r, "Pengaturan"))
                continue
            sel[k.medan] = t.sel(r, "Nilai")
            if k.medan in ("tahun", "awal_renstra", "akhir_renstra"):
                nilai[k.medan] = p.tahun(t, r, cells, "Nilai", wajib=False)
            elif k.medan in ("batas_atas", "batas_bawah"):
                nilai[k.medan] = p.isian(t, r, cells, "Nilai", label=k.label, hilang_peringatan=False).angka
            elif k.pilihan is not None:
                s = p.teks(t, r, cells, "Nilai")
                if not s:
                    nilai[k.medan] = None
                    continue
                kode = cocokkan(s, k.pilihan)
                if kode is None:
                    p.lap.galat(f"Nilai '{s}' untuk pengaturan '{k.label}' tidak dikenal.",
                                saran=f"Pilih salah satu: {_daftar_kutip(k.pilihan)}.", sheet=t.sheet,
                                sel=t.sel(r, "Nilai"))
                nilai[k.medan] = kode
            else:
                nilai[k.medan] = p.teks(t, r, cells, "Nilai")
        for k in m.PENGATURAN_KUNCI:
            if k.wajib and nilai.get(k.medan) is None:
                p.lap.galat(f"Pengaturan '{k.label}' belum diisi.",
                            saran=f"Tambahkan baris '{k.label}' di tabel Pengaturan dan isi kolom Nilai "
                                  f"({k.keterangan})", sheet=t.sheet, sel=sel.get(k.medan, ""))
        awal, akhir, tahun = nilai.get("awal_renstra"), nilai.get("akhir_renstra"), nilai.get("tahun")
        if awal and akhir and awal > akhir:
            p.lap.galat(f"Awal Renstra ({awal}) lebih besar dari Akhir Renstra ({akhir}).",
                        saran="Periksa kedua tahun Renstra.", sheet=t.sheet, sel=sel.get("awal_renstra", ""))
        elif awal and akhir and tahun and not awal <= tahun <= akhir:
            p.lap.galat(f"Tahun Laporan {tahun} di luar periode Renstra {awal}-{akhir}.",
                        saran="Periksa Tahun Laporan atau periode Renstra.", sheet=t.sheet,
                        sel=sel.get("tahun", ""))
    kebijakan_kw = {}
    for k in m.PENGATURAN_KUNCI:
        if k.medan in _MEDAN_KEBIJAKAN:
            v = nilai.get(k.medan)
            if v is None and k.bawaan:
                v = k.pilihan[k.bawaan] if k.pilihan else k.bawaan
            kebijakan_kw[k.medan] = v
    kebijakan = buat_kebijakan(kebijakan_kw)
    if isinstance(kebijakan, AturanError) and t is not None:
        p.lap.galat(f"Pengaturan tidak dapat dipakai: {kebijakan.masalah.pesan}", saran=kebijakan.masalah.saran,
                    sheet=t.sheet)
        kebijakan = kebijakan_kw
    return Pengaturan(
        instansi=nilai.get("instansi") or "", wilayah=nilai.get("wilayah") or "", tahun=nilai.get("tahun") or 0,
        awal_renstra=nilai.get("awal_renstra") or 0, akhir_renstra=nilai.get("akhir_renstra") or 0,
        kebijakan=kebijakan, kepala=nilai.get("kepala") or "", nip=nilai.get("nip") or "", lokasi=sel)


_MEDAN_KEBIJAKAN = ("target_nol", "realisasi_kosong", "rasio_realisasi_nol", "batas_atas", "batas_bawah",
                    "desimal", "pembulatan", "skala_predikat", "skala_sasaran", "desimal_realisasi",
                    "metode_negatif")


def buat_kebijakan(kw: dict):
    """`lakip_xl.aturan.capaian.Kebijakan(**kw)`; the dict itself while the rule modules are incomplete
    (ImportError), the AturanError when a value is refused."""
    try:
        from lakip_xl.aturan.capaian import Kebijakan
    except ImportError:
        return dict(kw)
    try:
        return Kebijakan(**kw)
    except ImportError:  # Kebijakan validates scale names through lakip_xl.aturan.predikat
        return dict(kw)
    except AturanError as e:
        return e


def _skala_huruf(nama: str | None):
    from lakip_xl.aturan.capaian import skala_nilai_dari

    return skala_nilai_dari(nama or "akip")


def _baca_indikator(p: _Pembaca) -> list[Indikator]:
    t = p.tabel(m.SHEET_INDIKATOR)
    if t is None:
        return []
    out: list[Indikator] = []
    dilihat: dict[str, str] = {}
    nama_sasaran: dict[str, tuple[str, str]] = {}
    for r, cells in _lepas_baris(t):
        kode = p.kode(t, r, cells, "Kode Indikator", wajib=True)
        ks = p.kode(t, r, cells, "Kode Sasaran", wajib=True)
        sasaran = p.teks(t, r, cells, "Sasaran Strategis")
        nama = p.teks(t, r, cells, "Indikator Kinerja", wajib=True,
                      saran=f"Tulis nama indikator kinerja pada baris {r + 1}.")
        if ks:
            if sasaran and ks not in nama_sasaran:
                nama_sasaran[ks] = (sasaran, t.sel(r, "Sasaran Strategis"))
            elif sasaran and kunci(sasaran) != kunci(nama_sasaran[ks][0]):
                p.lap.peringatan(
                    f"Sasaran '{ks}' ditulis berbeda dengan baris sebelumnya ({nama_sasaran[ks][1]}).",
                    saran="Samakan teks Sasaran Strategis untuk kode sasaran yang sama.",
                    sheet=t.sheet, sel=t.sel(r, "Sasaran Strategis"))
            elif not sasaran and ks in nama_sasaran:
                sasaran = nama_sasaran[ks][0]  # staff leave the repeated sasaran text out
            elif not sasaran and "sasaran strategis" in t.kolom:
                p.lap.galat("Kolom 'Sasaran Strategis' kosong.",
                            saran=f"Tulis nama sasaran {ks} pada baris pertamanya.",
                            sheet=t.sheet, sel=t.sel(r, "Sasaran Strategis"))
        polaritas = p.pilihan(t, r, cells, "Polaritas", m.POLARITAS_LABEL, sinonim=m.POLARITAS_SINONIM, bawaan="positif")
        tipe = p.pilihan(t, r, cells, "Tipe Penghitungan", m.TIPE_LABEL, sinonim=m.TIPE_SINONIM, wajib=True)
        skala_nilai = p.pilihan(t, r, cells, "Skala Nilai", m.SKALA_NILAI_LABEL)
        huruf = None
        if polaritas == "huruf":
            skala_nilai = skala_nilai or "akip"
            huruf = _skala_huruf(skala_nilai)
        elif skala_nilai:
            p.lap.peringatan(f"Skala Nilai '{skala_nilai}' diabaikan karena polaritas bukan huruf.",
                             saran="Kosongkan Skala Nilai, atau pilih Polaritas 'huruf'.", sheet=t.sheet,
                             sel=t.sel(r, "Skala Nilai"))
            skala_nilai = None
        penyebut = p.isian(t, r, cells, "Penyebut").angka
        if penyebut is not None and penyebut <= 0:
            p.lap.galat(f"Penyebut harus lebih dari 0 (tertulis {penyebut}).",
                        saran="Isi penyebut (misalnya jumlah penduduk usia produktif 1.264.373), atau kosongkan.",
                        sheet=t.sheet, sel=t.sel(r, "Penyebut"))
            penyebut = None
        target_renstra = p.isian(t, r, cells, "Target Renstra", huruf=huruf, boleh_rentang=True)
        bobot = p.isian(t, r, cells, "Bobot", boleh_negatif=False).angka
        if kode:
            if kode in dilihat:
                p.lap.galat(f"Kode Indikator '{kode}' dipakai dua kali (juga di {dilihat[kode]}).",
                            saran="Setiap indikator harus punya kode unik, misalnya IK1, IK2, ...",
                            sheet=t.sheet, sel=t.sel(r, "Kode Indikator"))
                continue
            dilihat[kode] = t.sel(r, "Kode Indikator")
        out.append(Indikator(
            kode=kode, kode_sasaran=ks, sasaran=sasaran, nama=nama,
            satuan=p.teks(t, r, cells, "Satuan"), polaritas=polaritas or "positif",
            tipe=tipe or "non_kumulatif", skala_nilai=skala_nilai, penyebut=penyebut,
            target_renstra=target_renstra, bobot=bobot, formulasi=p.teks(t, r, cells, "Formulasi"),
            sumber=p.teks(t, r, cells, "Sumber Data"), lokasi=Lokasi(t.sheet, r + 1)))
    return out


def _baca_realisasi(p: _Pembaca, peng: Pengaturan, indikator: dict[str, Indikator]) -> list[RealisasiBaris]:
    t = p.tabel(m.SHEET_REALISASI)
    if t is None:
        return []
    out: list[RealisasiBaris] = []
    dilihat: dict[tuple, str] = {}
    for r, cells in _lepas_baris(t):
        kode = p.kode(t, r, cells, "Kode Indikator", wajib=True)
        ind = indikator.get(kode)
        if kode and ind is None and indikator:
            p.lap.galat(f"Kode Indikator '{kode}' tidak ada di sheet Indikator.",
                        saran=f"Gunakan salah satu kode: {', '.join(indikator)}; atau tambahkan indikatornya "
                              "di sheet Indikator.", sheet=t.sheet, sel=t.sel(r, "Kode Indikator"))
        tahun = p.tahun(t, r, cells)
        if tahun is not None and peng.awal_renstra and peng.akhir_renstra and \
                not peng.awal_renstra <= tahun <= peng.akhir_renstra:
            p.lap.galat(f"Tahun {tahun} di luar periode Renstra {peng.awal_renstra}-{peng.akhir_renstra}.",
                        saran="Periksa tahunnya, atau ubah Awal/Akhir Renstra di sheet Pengaturan.",
                        sheet=t.sheet, sel=t.sel(r, "Tahun"))
        tw = p.pilihan(t, r, cells, "Triwulan", m.TRIWULAN_LABEL, sinonim=_TRIWULAN_SINONIM)
        huruf = _skala_huruf(ind.skala_nilai) if ind is not None and ind.polaritas == "huruf" else None
        target = p.isian(t, r, cells, "Target", huruf=huruf, boleh_rentang=True)
        realisasi = p.isian(t, r, cells, "Realisasi", huruf=huruf)
        jumlah = p.isian(t, r, cells, "Jumlah", boleh_negatif=False)
        if isinstance(target.nilai, Decimal) and target.nilai == 0:
            p.lap.peringatan("Target bernilai 0: capaian tidak dapat dihitung (n/a), kecuali pengaturan "
                             "'Target Nol' diubah.",
                             saran="Periksa target; bila memang 0, pilih kebijakan di Pengaturan > Target Nol.",
                             sheet=t.sheet, sel=target.sel)
        if jumlah.nilai is not None and huruf is not None:
            p.lap.galat("Kolom 'Jumlah' diisi untuk indikator bernilai huruf.",
                        saran="Kosongkan Jumlah; isi nilai huruf di kolom Realisasi.", sheet=t.sheet, sel=jumlah.sel)
        key = (kode, tahun, tw)
        if kode and tahun is not None:
            if key in dilihat:
                per = f" triwulan {tw}" if tw else ""
                p.lap.galat(f"Baris untuk {kode} tahun {tahun}{per} ditulis dua kali (juga di baris "
                            f"{dilihat[key]}).", saran="Hapus atau gabungkan salah satu baris.",
                            sheet=t.sheet, sel=t.sel(r, "Kode Indikator"))
                continue
            dilihat[key] = str(r + 1)
        out.append(RealisasiBaris(
            kode=kode, tahun=tahun or 0, triwulan=tw, target=target, realisasi=realisasi, jumlah=jumlah,
            catatan=p.teks(t, r, cells, "Catatan"), lokasi=Lokasi(t.sheet, r + 1)))
    _cek_menurun(p, out, indikator, t.sheet)
    return out


_TAHUN = {y: y for y in range(1900, 2101)}  # also found by float keys: 2020.0 == 2020

_TRIWULAN_SINONIM = {kunci_rapat(f"{a}{b}"): n for n, b in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
                     for a in ("tw", "triwulan", "q")} | {str(n): n for n in range(1, 5)}


def _cek_menurun(p: _Pembaca, rows: list[RealisasiBaris], indikator: dict[str, Indikator], sheet: str) -> None:
    """A kumulatif indicator's typed s/d realisasi must not decrease from year to year (domain.md
    section 3). A warning only: the seed's own koperasi aktif (89,93 -> 44,00 -> 34,67) is typed
    Kumulatif in its Renstra, and the report must still be produced. Indicators with counts in
    Jumlah are skipped: their realisasi follows from the counts."""
    per_kode: dict[str, list[RealisasiBaris]] = {}
    for x in rows:
        per_kode.setdefault(x.kode, []).append(x)
    for kode, ind in indikator.items():
        if ind.tipe != "kumulatif":
            continue
        mine = per_kode.get(kode, [])
        if any(x.jumlah.nilai is not None for x in mine):
            continue
        seri = sorted((x for x in mine if x.triwulan is None and isinstance(x.realisasi.nilai, Decimal)),
                      key=lambda x: x.tahun)
        for a, b in zip(seri, seri[1:]):
            if b.realisasi.nilai < a.realisasi.nilai:
                p.lap.peringatan(
                    f"Realisasi {kode} (Kumulatif) menurun dari {a.realisasi.teks} ({a.tahun}, sel "
                    f"{a.realisasi.sel}) menjadi {b.realisasi.teks} ({b.tahun}); realisasi kumulatif s/d tahun "
                    "tidak boleh turun.",
                    saran="Bila angka ini nilai per tahun (bukan s/d), ubah Tipe Penghitungan menjadi "
                          "'Non Kumulatif', atau isi hitungan per tahun di kolom Jumlah.",
                    sheet=sheet, sel=b.realisasi.sel)


def _cek_kode(p: _Pembaca, t: Tabel, r: int, kode: str, judul: str, boleh: dict | set, jenis: str) -> None:
    if kode and boleh and kode not in boleh:
        p.lap.galat(f"{jenis} '{kode}' tidak ada di sheet Indikator.",
                    saran=f"Gunakan salah satu kode: {', '.join(sorted(boleh))}.", sheet=t.sheet, sel=t.sel(r, judul))


def _baca_anggaran(p: _Pembaca, indikator: dict[str, Indikator]) -> list[Anggaran]:
    t = p.tabel(m.SHEET_ANGGARAN, wajib_ada=False)
    out = []
    for r, cells in (_lepas_baris(t) if t else []):
        kode = p.kode(t, r, cells, "Kode Indikator", wajib=True)
        _cek_kode(p, t, r, kode, "Kode Indikator", indikator, "Kode Indikator")
        out.append(Anggaran(
            tahun=p.tahun(t, r, cells) or 0, kode=kode,
            pagu=p.isian(t, r, cells, "Pagu", wajib=True, boleh_negatif=False),
            realisasi=p.isian(t, r, cells, "Realisasi", boleh_negatif=False), lokasi=Lokasi(t.sheet, r + 1)))
    return out


def _baca_program(p: _Pembaca, indikator: dict[str, Indikator]) -> list[Program]:
    t = p.tabel(m.SHEET_PROGRAM, wajib_ada=False)
    sasaran = {i.kode_sasaran for i in indikator.values()}
    out = []
    for r, cells in (_lepas_baris(t) if t else []):
        ks = p.kode(t, r, cells, "Kode Sasaran")
        ki = p.kode(t, r, cells, "Kode Indikator")
        _cek_kode(p, t, r, ks, "Kode Sasaran", sasaran, "Kode Sasaran")
        _cek_kode(p, t, r, ki, "Kode Indikator", indikator, "Kode Indikator")
        out.append(Program(
            tahun=p.tahun(t, r, cells) or 0, no=p.teks(t, r, cells, "No"),
            nama=p.teks(t, r, cells, "Program", wajib=True),
            pagu=p.isian(t, r, cells, "Pagu", wajib=True, boleh_negatif=False), kode_sasaran=ks,
            kode_indikator=ki, keterangan=p.teks(t, r, cells, "Keterangan"), lokasi=Lokasi(t.sheet, r + 1)))
    return out


def _baca_belanja(p: _Pembaca) -> list[Belanja]:
    t = p.tabel(m.SHEET_BELANJA, wajib_ada=False)
    out = []
    for r, cells in (_lepas_baris(t) if t else []):
        out.append(Belanja(
            tahun=p.tahun(t, r, cells) or 0, jenis=p.teks(t, r, cells, "Jenis Belanja", wajib=True),
            pagu=p.isian(t, r, cells, "Pagu", wajib=True, boleh_negatif=False),
            realisasi=p.isian(t, r, cells, "Realisasi", boleh_negatif=False), lokasi=Lokasi(t.sheet, r + 1)))
    return out


def _baca_dilaporkan(p: _Pembaca, indikator: dict[str, Indikator]) -> list[Dilaporkan]:
    t = p.tabel(m.SHEET_DILAPORKAN, wajib_ada=False)
    out = []
    for r, cells in (_lepas_baris(t) if t else []):
        besaran_teks = p.teks(t, r, cells, "Besaran", wajib=True)
        besaran = besaran_teks.strip().lower().replace(" ", "_")
        if besaran_teks and besaran not in m.BESARAN:
            p.lap.galat(f"Besaran '{besaran_teks}' tidak dikenal.",
                        saran=f"Pilih salah satu: {', '.join(m.BESARAN)}.", sheet=t.sheet, sel=t.sel(r, "Besaran"))
        out.append(Dilaporkan(
            tabel=p.teks(t, r, cells, "Tabel", wajib=True), kode=p.kode(t, r, cells, "Kode Indikator"),
            tahun=p.tahun(t, r, cells, wajib=False), besaran=besaran, nilai=_nilai_dilaporkan(p, t, r, cells),
            sumber=p.teks(t, r, cells, "Sumber"), lokasi=Lokasi(t.sheet, r + 1)))
    return out


def _nilai_dilaporkan(p: _Pembaca, t: Tabel, r: int, cells) -> Isian:
    """A printed figure: a number when it reads as one, else its text (grade, Ket sentence). Never an
    error: judging it is the audit's job."""
    sel = t.sel(r, "Nilai")
    v = t.ambil(cells, "Nilai")
    if _kosong(v):
        p.teks(t, r, cells, "Nilai", wajib=True)
        return Isian(None, "", sel, False)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        d = ke_decimal(v)
        return Isian(d, format(d, "f") if d is not None else "", sel, False)
    teks = " ".join(str(v).split())
    try:
        nilai = parse_angka(teks)
    except (AngkaError, AturanError):
        nilai = teks
    return Isian(nilai if nilai is not None else teks, teks, sel, True)


def _baca_analisis(p: _Pembaca, indikator: dict[str, Indikator]) -> list[m.Analisis]:
    """Sheet Analisis (optional): the staff's analysis text per indicator and year for the LKjIP
    document. Absent in older workbooks (nothing to read); a sheet of that name without the table
    (an agency's own sheet) is left alone with a warning, so such a workbook still syncs."""
    nama = p._sheet_nama.get(kunci(m.SHEET_ANALISIS))
    if nama is None:
        return []
    t = cari_tabel(p.s.rows(nama), nama, WAJIB[m.SHEET_ANALISIS], KOLOM[m.SHEET_ANALISIS], Laporan())
    if t is None:
        p.lap.peringatan(
            f"Sheet '{nama}' tidak berisi tabel analisis (kolom 'Kode Indikator' dan 'Tahun'), jadi tidak dibaca.",
            saran="Bila sheet ini milik Anda sendiri, abaikan peringatan ini. Untuk mengisi analisis laporan "
                  "(faktor pendorong/penghambat, upaya), salin sheet Analisis dari template.", sheet=nama)
        return []
    p._cek_gabung(t)
    out: list[m.Analisis] = []
    dilihat: dict[tuple[str, int], str] = {}
    for r, cells in _lepas_baris(t):
        kode = p.kode(t, r, cells, "Kode Indikator", wajib=True)
        _cek_kode(p, t, r, kode, "Kode Indikator", indikator, "Kode Indikator")
        tahun = p.tahun(t, r, cells)
        ind = indikator.get(kode)
        huruf = _skala_huruf(ind.skala_nilai) if ind is not None and ind.polaritas == "huruf" else None
        if kode and tahun is not None:
            if (kode, tahun) in dilihat:
                p.lap.galat(f"Analisis {kode} tahun {tahun} ditulis dua kali (juga di baris {dilihat[kode, tahun]}).",
                            saran="Gabungkan kedua baris menjadi satu.", sheet=t.sheet, sel=t.sel(r, "Kode Indikator"))
                continue
            dilihat[kode, tahun] = str(r + 1)
        out.append(m.Analisis(
            kode=kode, tahun=tahun or 0,
            pendorong=_teks_berbaris(p, t, r, cells, "Faktor Pendorong"),
            penghambat=_teks_berbaris(p, t, r, cells, "Faktor Penghambat"),
            upaya=_teks_berbaris(p, t, r, cells, "Upaya / Solusi"),
            tindak_lanjut=_teks_berbaris(p, t, r, cells, "Rencana Tindak Lanjut"),
            efisiensi=_teks_berbaris(p, t, r, cells, "Analisis Efisiensi"),
            target_nasional=p.isian(t, r, cells, "Target Nasional/SPM", huruf=huruf, boleh_rentang=True),
            sumber_target_nasional=p.teks(t, r, cells, "Sumber Target Nasional"),
            lokasi=Lokasi(t.sheet, r + 1)))
    return out


def _teks_berbaris(p: _Pembaca, t: Tabel, r: int, cells, judul: str) -> str:
    """A free text cell keeping its line breaks (one point per line), each line's spacing tidied."""
    v = t.ambil(cells, judul)
    if _kosong(v):
        p._cek_rumus(t, r, judul)
        return ""
    if not isinstance(v, str):
        return p.teks(t, r, cells, judul)
    return "\n".join(b for b in (" ".join(x.split()) for x in v.splitlines()) if b)


# --------------------------------------------------------------------------------------------------
# Public API


def baca_data(sumber: SumberData) -> DataLakip:
    """Read every data sheet of `sumber`. Raises InputError listing all problems when any is an error;
    warnings alone come back in `DataLakip.peringatan`."""
    p = _Pembaca(sumber)
    peng = _baca_pengaturan(p)
    daftar = _baca_indikator(p)
    per_kode = {i.kode: i for i in daftar if i.kode}
    data = DataLakip(
        pengaturan=peng, indikator=daftar, realisasi=_baca_realisasi(p, peng, per_kode),
        anggaran=_baca_anggaran(p, per_kode), program=_baca_program(p, per_kode), belanja=_baca_belanja(p),
        dilaporkan=_baca_dilaporkan(p, per_kode), analisis=_baca_analisis(p, per_kode), berkas=sumber.nama)
    p.lap.hentikan_jika_galat(berkas=sumber.nama)
    data.peringatan = [Masalah(**{**x.__dict__, "berkas": x.berkas or sumber.nama}) for x in p.lap.daftar]
    return data


def baca_workbook(path: str | Path) -> DataLakip:
    """Read a workbook file (python-calamine). BerkasError when the file cannot be opened, InputError
    listing every problem of its data sheets."""
    return baca_data(SumberCalamine(path))


__all__ = ["SumberData", "SumberCalamine", "baca_data", "baca_workbook", "cari_tabel", "cocokkan", "Tabel",
           "InputError"]

"""Reading cells: where they come from (`SumberData`), how a table is found on a sheet (`cari_tabel`,
`Tabel`) and what a cell means (`Pembaca`). The part of the template reader (lakip_xl.sumber.baca) that
does not depend on the template's sheets, for every reader in lakip_xl.sumber.

A source (`SumberData`) gives a sheet's cell values as rows from A1 (row 1 is index 0): a file through
python-calamine (lakip_xl.sumber.calamine.SumberCalamine), an open workbook through xlwings
(lakip_xl.excel.langsung.XlwingsAdapter), or a test double. Optional source capabilities, looked up with
getattr so that an adapter may leave them out:
- `merged_ranges(sheet) -> list[(r0, c0, r1, c1)]` (0-based, inclusive): merged cells in a table are
  reported (`Pembaca.cek_gabung`), because only the top-left cell of a merge holds a value;
- `rumus_tanpa_nilai(sheet) -> set[(r, c)]` (0-based): formula cells saved without a cached value
  (a file written by a program that does not calculate, e.g. openpyxl); calamine reads them as empty.
  Only cells that read as empty are looked up, and only the first time one is met on a sheet;
- `sel_galat(sheet) -> {(r, c): "#DIV/0!"}` (0-based): cells holding an Excel error value (typed, or
  the cached result of a failing formula), which calamine also reads as empty: reported as the typed
  text "#N/A" is, with the cell, never read as a blank (which would make the indicator n/a silently).

Tables are found by header text, never by fixed address (docs/dev/workbook-schema.md): `cari_tabel`
takes the first row within the first `BARIS_JUDUL_MAKS` whose cells contain the required headers (case
and spacing insensitive, `lakip_xl.sumber.model.kunci`); columns are found by header text, so staff may
move a table and add their own columns; rows run until the first fully empty row.

`Pembaca(sumber)` reads one source and collects every problem in `Pembaca.lap`
(`lakip_xl.errors.Laporan`), so that a reader reports all of them at once. Its cell methods take a
`Tabel`, a 0-based row and the row's cells, and give a value (or "" / None when the cell is empty),
reporting in Bahasa Indonesia, with sheet and cell, what is wrong and how to fix it:
- `teks` (one line of text), `kode` (upper case, e.g. IK1), `tahun` (1900..2100);
- `isian` (a figure: number, Indonesian number text, range, grade, or a missing marker, as an `Isian`:
  value, typed text and cell);
- `pilihan` (a drop-down value: label, code or synonym -> code, through `cocokkan`);
- `cek_rumus` (an empty cell that is an uncalculated formula or an Excel error value), `cek_gabung`
  (merged cells in a table);
- `kolom_kode`, `kolom_tahun`, `kolom_pilihan`, `kolom_teks`, `kolom_isian`: the same methods for one
  column of a large table, as functions (r, cells) -> result that answer the common cells directly and
  send every other cell through the method (tests/test_sel_kolom.py holds them to it).
`Pembaca.tabel(sheet)` finds one of the template's tables by its sheet name (lakip_xl.sumber.model.WAJIB,
KOLOM). A reader of another layout builds a `Tabel` for its own columns (`Tabel(sheet, baris_judul,
{key: col})`, keys as `kunci` gives them) and calls the cell methods; lakip_xl.sumber.peta does.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Protocol, runtime_checkable

from lakip_xl.aturan.angka import DIGIT_MAKS, parse_angka
from lakip_xl.aturan.nilai import Rentang, ke_decimal
from lakip_xl.aturan.teks import TANDA_STRIP
from lakip_xl.errors import AngkaError, AturanError, Laporan
from lakip_xl.sumber.model import KOLOM, WAJIB, Isian, cocokkan, kunci, kunci_rapat  # noqa: F401 (cocokkan: also this module's)
from lakip_xl.xlsx.sheetspec import cell_ref, cell_ref0, col_letter0
from lakip_xl.xlsx.sheetxml import MAX_TEXT as TEKS_MAKS  # what one cell can hold

BARIS_JUDUL_MAKS = 20  # the header row must be within the first 20 rows
_ANGKA_MAKS = Decimal(10) ** DIGIT_MAKS  # a number cell must be below it in magnitude (aturan.angka)
_KOLOM_HASIL = frozenset({"capaian", "predikat"})  # generated columns: never read as input


# --------------------------------------------------------------------------------------------------
# Sources


@runtime_checkable
class SumberData(Protocol):
    """Where the cells come from. Rows are lists of cell values starting at A1 (row 1 is index 0);
    a value is None or "" (empty), str, int, float, bool, or a date/datetime."""

    nama: str  # file name, used in messages

    def sheet_names(self) -> list[str]: ...

    def rows(self, sheet: str) -> list[list[object]]: ...


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
        """A1 address of the column's cell in 0-based row r; "" when the table lacks the column."""
        c = self.kol(judul)
        return cell_ref0(r, c) if c is not None else ""

    def ambil(self, cells: list[object], judul: str) -> object:
        """The column's value in a row's cells; None when the table lacks the column or the row is short."""
        c = self.kol(judul)
        if c is None or c >= len(cells):
            return None
        return cells[c]

    @property
    def rentang(self) -> str:
        """The table's A1 range, header row to last data row ("B4:M12")."""
        cols = self.kolom.values()
        last = self.baris[-1][0] if self.baris else self.baris_judul
        return f"{cell_ref(self.baris_judul + 1, min(cols) + 1)}:{cell_ref(last + 1, max(cols) + 1)}"


def lepas_baris(t: Tabel):
    """The table's rows in order, each let go of once read: the cell values of a large sheet (20 MB
    for 50,000 rows) are freed row by row while the records are built, rather than all at the end,
    so the records reuse their memory (the reader ends ~13 MB lower at 50,000 rows)."""
    baris, t.baris = t.baris, []
    baris.reverse()
    while baris:
        yield baris.pop()


def kosong(v: object) -> bool:
    """None, or text of spaces only."""
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
            c0 = min(isi, default=0)
            baris = tabel.baris
            for r2 in range(r + 1, len(rows)):
                cells2 = rows[r2]
                # the common case first: the table's first input column filled (calamine gives "" for
                # an empty cell), so the row is neither empty nor a row of generated cells only
                if isi and not kosong(cells2[c0] if c0 < len(cells2) else None):
                    baris.append((r2, cells2))
                    continue
                if all(kosong(v) for v in cells2):
                    break
                # a row with only generated cells (Capaian/Predikat formulas of an empty template row)
                # or only the user's own columns filled is no data row
                if all(c >= len(cells2) or kosong(cells2[c]) for c in isi):
                    continue
                tabel.baris.append((r2, cells2))
            return tabel
        if ketemu and (terbaik is None or len(ketemu) > terbaik[0]):
            terbaik = (len(ketemu), r, ketemu)
    if terbaik is not None and terbaik[0] >= 2:
        _, r, ketemu = terbaik
        hilang = [h for h in wajib if kunci(h) not in ketemu]
        lap.galat(
            f"Tabel pada baris {r + 1} tidak lengkap: kolom {daftar_kutip(hilang)} tidak ditemukan.",
            saran=f"Tambahkan kolom dengan judul persis {daftar_kutip(hilang)} pada baris judul tabel "
                  f"(judul kolom wajib: {daftar_kutip(wajib)}).",
            sheet=sheet, sel=f"{r + 1}:{r + 1}")
    else:
        lap.galat(
            f"Tabel tidak ditemukan: tidak ada baris judul berisi kolom {daftar_kutip(wajib)} "
            f"dalam {BARIS_JUDUL_MAKS} baris pertama.",
            saran="Salin tabel dari template (workbooks/template.xlsx) dan jangan ubah judul kolomnya; "
                  f"baris judul harus berada dalam {BARIS_JUDUL_MAKS} baris pertama sheet.",
            sheet=sheet)
    return None


def daftar_kutip(items) -> str:
    """'a', 'b', 'c': names for a message."""
    return ", ".join(f"'{x}'" for x in items)


# --------------------------------------------------------------------------------------------------
# Cells


class Pembaca:
    """The cell reader of one source: the methods below, and every problem they find in `lap`."""

    def __init__(self, sumber: SumberData):
        self.s = sumber
        self.lap = Laporan()
        self._rumus: dict[str, set[tuple[int, int]]] = {}
        self._fn_rumus = getattr(sumber, "rumus_tanpa_nilai", None)
        self._galat: dict[str, dict[tuple[int, int], str]] = {}
        self._fn_galat = getattr(sumber, "sel_galat", None)
        # A number cell's Decimal and text, per distinct number: values recur across thousands of rows,
        # and sharing one immutable Decimal saves both the conversion and ~150 bytes per cell.
        self._angka: dict[type, dict[object, tuple[Decimal | None, str]]] = {int: {}, float: {}}
        # the same for the numbers that need no message (finite, below _ANGKA_MAKS, no zero): the column
        # readers' fast path (kolom_isian)
        self._biasa: dict[type, dict[object, tuple[Decimal, str]]] = {int: {}, float: {}}
        self._khusus: dict[str, set[tuple[int, int]]] = {}
        self._sheet_nama: dict[str, str] = {}
        for n in sumber.sheet_names():
            self._sheet_nama.setdefault(kunci(n), n)

    # -- sheets and tables -------------------------------------------------------------------------
    def nama_sheet(self, sheet: str) -> str | None:
        """The workbook's own spelling of a sheet name (case and spacing insensitive); None if absent."""
        return self._sheet_nama.get(kunci(sheet))

    def tabel(self, sheet: str, *, wajib_ada: bool = True) -> Tabel | None:
        """One of the template's tables (lakip_xl.sumber.model.WAJIB / KOLOM) by its sheet name; None,
        reported, when the sheet (if `wajib_ada`) or the table is missing."""
        nama = self.nama_sheet(sheet)
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
            self.cek_gabung(t)
        return t

    def cek_gabung(self, t: Tabel) -> None:
        """Report merged cells inside the table (only a merge's top-left cell holds a value)."""
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
        """A cell as one line of text: "" when empty (reported if `wajib`), 2020.0 -> "2020", a date in ISO."""
        v = t.ambil(cells, judul)
        if kosong(v):
            if not self.cek_rumus(t, r, judul) and wajib:
                self.lap.galat(f"Kolom '{judul}' kosong.",
                               saran=saran or f"Isi kolom '{judul}' pada baris {r + 1}.",
                               sheet=t.sheet, sel=t.sel(r, judul))
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        if isinstance(v, (datetime, date)):
            return v.isoformat()
        if isinstance(v, str) and len(v) > TEKS_MAKS:  # only a hand-made file holds one; no sheet can show it
            self.lap.galat(f"Kolom '{judul}' berisi teks {len(v):,} karakter; Excel menyimpan paling banyak "
                           f"{TEKS_MAKS:,} karakter per sel.".replace(",", "."),
                           saran="Persingkat teks itu (pindahkan uraian panjang ke dokumen terpisah).",
                           sheet=t.sheet, sel=t.sel(r, judul))
            return ""
        return " ".join(str(v).split())

    def kode(self, t: Tabel, r: int, cells, judul: str, *, wajib: bool = False) -> str:
        """A code cell (IK1, S1) in upper case."""
        s = self.teks(t, r, cells, judul, wajib=wajib,
                      saran=f"Isi '{judul}' pada baris {r + 1}, misalnya IK1 atau S1.")
        return sys.intern(s.upper())  # one string per code, however many rows repeat it

    def _sel_galat(self, sheet: str, r: int, c: int) -> str | None:
        if self._fn_galat is None:
            return None
        galat = self._galat.get(sheet)
        if galat is None:
            galat = self._galat[sheet] = self._fn_galat(sheet)
        return galat.get((r, c)) if galat else None

    def _sel_khusus(self, sheet: str) -> set[tuple[int, int]]:
        """The (r, c) of the sheet's cells that `cek_rumus` reports: error values and formulas without
        a cached value (the sheet is scanned the first time, as `cek_rumus` does)."""
        khusus = self._khusus.get(sheet)
        if khusus is None:
            galat = self._fn_galat(sheet) if self._fn_galat is not None else None
            rumus = self._fn_rumus(sheet) if self._fn_rumus is not None else None
            khusus = self._khusus[sheet] = set(galat or ()) | set(rumus or ())
        return khusus

    # -- column readers --------------------------------------------------------------------------
    # The cell methods above, for one column of a table read row after row: each returns a function
    # (r, cells) -> the method's result. The common cells (a number, a code or choice seen before, an
    # empty optional cell that is no error value or uncalculated formula) are answered without the
    # method's chain of calls; any other cell goes through the method itself, so every message and
    # result is the method's. At 50,000 realisasi rows this is a third of the reader's time.

    def _kosong_biasa(self, t: Tabel, c: int):
        """A test (r, v) -> True for an empty cell that needs no message (optional column)."""
        sheet = t.sheet
        khusus: list = []

        def biasa(r: int, v: object) -> bool:
            if kosong(v):
                if not khusus:
                    khusus.append(self._sel_khusus(sheet))
                return (r, c) not in khusus[0]
            return False
        return biasa

    def _kolom_dikenal(self, c: int, lambat, kosong_biasa=None, bawaan: object = None):
        """A column whose filled text cells always give the same result for the same text (a code, a
        choice): each distinct text goes through `lambat` (the method) once; an empty cell that needs no
        message gives `bawaan` when `kosong_biasa` is given; any other cell goes through `lambat`."""
        dikenal: dict[str, object] = {}

        def baca(r: int, cells: list) -> object:
            v = cells[c] if c < len(cells) else None
            if type(v) is str:
                k = dikenal.get(v)
                if k is not None:
                    return k
            if kosong_biasa is not None and kosong_biasa(r, v):
                return bawaan
            k = lambat(r, cells)
            if k is not None and type(v) is str and v.strip() and len(v) <= TEKS_MAKS:
                dikenal[v] = k  # read without a message: what the text gives depends on the text only
            return k
        return baca

    def kolom_kode(self, t: Tabel, judul: str, *, wajib: bool = False):
        """`kode` of one column."""
        c = t.kol(judul)

        def lambat(r: int, cells: list) -> str:
            return self.kode(t, r, cells, judul, wajib=wajib)
        return lambat if c is None else self._kolom_dikenal(c, lambat)

    def kolom_tahun(self, t: Tabel, judul: str = "Tahun", *, wajib: bool = True):
        """`tahun` of one column."""
        c = t.kol(judul)

        def baca(r: int, cells: list) -> int | None:
            v = cells[c] if c is not None and c < len(cells) else None
            if type(v) is float or type(v) is int:
                th = _TAHUN.get(v)
                if th is not None:
                    return th
            return self.tahun(t, r, cells, judul, wajib=wajib)
        return baca

    def kolom_pilihan(self, t: Tabel, judul: str, pilihan: dict, *, sinonim: dict | None = None,
                      bawaan: object = None, wajib: bool = False):
        """`pilihan` of one column."""
        c = t.kol(judul)

        def lambat(r: int, cells: list) -> object:
            return self.pilihan(t, r, cells, judul, pilihan, sinonim=sinonim, bawaan=bawaan, wajib=wajib)
        if c is None:
            return lambat
        return self._kolom_dikenal(c, lambat, None if wajib else self._kosong_biasa(t, c), bawaan)

    def kolom_teks(self, t: Tabel, judul: str, *, wajib: bool = False, saran=""):
        """`teks` of one column; `saran` may be a function of the 0-based row."""
        c = t.kol(judul)

        def lambat(r: int, cells: list) -> str:
            return self.teks(t, r, cells, judul, wajib=wajib, saran=saran(r) if callable(saran) else saran)
        if c is None:
            return lambat
        kosong_biasa = self._kosong_biasa(t, c)

        def baca(r: int, cells: list) -> str:
            v = cells[c] if c < len(cells) else None
            if type(v) is str and len(v) <= TEKS_MAKS and v and not v.isspace():
                return " ".join(v.split())
            if not wajib and kosong_biasa(r, v):
                return ""
            return lambat(r, cells)
        return baca

    def kolom_isian(self, t: Tabel, judul: str, *, boleh_negatif: bool = True, **kw):
        """`isian` of one column (keywords as `isian`'s; `huruf` per call, as the indicator's)."""
        c = t.kol(judul)
        if c is None:
            return lambda r, cells, huruf=None: Isian()
        kol = col_letter0(c)
        wajib = kw.get("wajib", False)
        label = kw.get("label") or judul
        kosong_biasa = self._kosong_biasa(t, c)
        biasa = self._biasa
        batas = Decimal(0) if not boleh_negatif else -_ANGKA_MAKS
        teks_dikenal: dict[str, tuple[object, str]] = {}  # typed text -> (value, text), read without a message

        def baca(r: int, cells: list, huruf: object = None) -> Isian:
            v = cells[c] if c < len(cells) else None
            tv = type(v)
            if tv is float or tv is int:
                if huruf is None:
                    hit = biasa[tv].get(v)
                    if hit is not None and (boleh_negatif or hit[0] >= batas):
                        return Isian.di(hit[0], hit[1], kol, r, False)
                return self._isian_angka(t, v, kol, r, label, huruf, boleh_negatif)  # as `isian` does
            if tv is str and huruf is None:
                hit = teks_dikenal.get(v)
                if hit is not None:
                    return Isian.di(hit[0], hit[1], kol, r, True)
                if v and not v.isspace() and len(v) <= TEKS_MAKS:
                    n = len(self.lap.daftar)
                    x = self.isian(t, r, cells, judul, boleh_negatif=boleh_negatif, **kw)
                    if len(self.lap.daftar) == n:  # what a filled text cell gives depends on the text only
                        teks_dikenal[v] = (x.nilai, x.teks)
                    return x
            if not wajib and kosong_biasa(r, v):
                return Isian.di(None, "", kol, r, False)
            return self.isian(t, r, cells, judul, huruf=huruf, boleh_negatif=boleh_negatif, **kw)
        return baca

    def cek_rumus(self, t: Tabel, r: int, judul: str) -> bool:
        """An empty cell that is a formula saved without its value, or an Excel error value (#DIV/0!,
        #N/A, #VALUE! ..., typed or a formula's cached result): reported, True."""
        c = t.kol(judul)
        kode = self._sel_galat(t.sheet, r, c) if c is not None else None
        if kode is not None:
            self.lap.galat(
                f"Kolom '{judul}': sel berisi galat Excel '{kode}' (hasil rumus yang gagal atau diketik), bukan "
                "angka; sel ini tidak dibaca sebagai kosong.",
                saran="Perbaiki rumus atau sel sumber yang menghasilkan galat itu (misalnya pembagian dengan nol, "
                      "data yang tidak ditemukan), atau kosongkan sel bila datanya belum ada.",
                sheet=t.sheet, sel=t.sel(r, judul))
            return True
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
        """A year 1900..2100; None when empty (reported if `wajib`) or not a year (reported)."""
        v = t.ambil(cells, judul)
        if type(v) is float or type(v) is int:
            th = _TAHUN.get(v)  # a whole number 1900..2100: the common case, one shared int per year
            if th is not None:
                return th
        sel = t.sel(r, judul)
        if kosong(v):
            if not self.cek_rumus(t, r, judul) and wajib:
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
        kol = col_letter0(c)
        v = cells[c] if c < len(cells) else None
        if type(v) is float or type(v) is int:  # the common case first (a bool's type is not int)
            return self._isian_angka(t, v, kol, r, label, huruf, boleh_negatif)
        sel = f"{kol}{r + 1}"
        if kosong(v):
            if not self.cek_rumus(t, r, judul) and wajib:
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
        if teks in TANDA_STRIP:
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
        if d is not None and huruf is None and (boleh_negatif or d >= 0) and -_ANGKA_MAKS < d < _ANGKA_MAKS:
            if v and type(v) in self._biasa:
                self._biasa[type(v)][v] = (d, teks)
            return Isian.di(d, teks, kol, r, False)  # the common case
        sel = f"{kol}{r + 1}"
        if d is None:
            self.lap.galat(f"Kolom '{label}' berisi angka yang tidak valid.", saran="Ketik ulang angkanya.",
                           sheet=t.sheet, sel=sel)
            return Isian.di(None, "", kol, r, False)
        if not -_ANGKA_MAKS < d < _ANGKA_MAKS:  # 1e308 stored as a number: as parse_angka refuses the text
            self.lap.galat(f"Kolom '{label}' berisi angka {v:g} yang terlalu besar untuk dihitung (lebih dari "
                           f"{DIGIT_MAKS} digit sebelum koma).",
                           saran="Periksa angkanya (mungkin salah ketik atau hasil rumus yang keliru).",
                           sheet=t.sheet, sel=sel)
            return Isian.di(None, teks, kol, r, False)
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
            if wajib and bawaan is None and not self.cek_rumus(t, r, judul):
                self.lap.galat(f"Kolom '{judul}' kosong.", saran=f"Pilih salah satu: {daftar_kutip(pilihan)}.",
                               sheet=t.sheet, sel=t.sel(r, judul))
            return bawaan
        kode = cocokkan(s, pilihan, sinonim)
        if kode is None:
            self.lap.galat(f"Nilai '{s}' pada kolom '{judul}' tidak dikenal.",
                           saran=f"Pilih salah satu: {daftar_kutip(pilihan)}.", sheet=t.sheet,
                           sel=t.sel(r, judul))
        return kode


_TAHUN = {y: y for y in range(1900, 2101)}  # also found by float keys: 2020.0 == 2020


__all__ = ["BARIS_JUDUL_MAKS", "SumberData", "Tabel", "cari_tabel", "lepas_baris", "kosong", "daftar_kutip",
           "Pembaca", "cocokkan"]

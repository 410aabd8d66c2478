"""Reading an Evaluasi Renja workbook: every sheet's cached values and merged ranges (python-calamine),
the formulas of given cells (openpyxl, read_only, never saved) to quote them in findings, and numbers
from cached values. A file that cannot be read at all raises `BerkasError`."""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from lakip_xl.aturan.nilai import bulatkan, ke_decimal
from lakip_xl.berkas.safety import periksa_ada
from lakip_xl.errors import AturanError, BerkasError
from lakip_xl.laporan.periksa.temuan import Temuan
from lakip_xl.xlsx.sheetspec import cell_ref, col_letter

_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # .xls or an encrypted .xlsx


@dataclass
class Lembar:
    """One sheet's cached values (0-based grid anchored at A1) and merged ranges."""

    nama: str
    grid: list[list]
    merges: list[tuple[int, int, int, int]]  # r1, c1, r2, c2 (0-based, inclusive)

    def nilai(self, r: int, c: int):
        if 0 <= r < len(self.grid):
            row = self.grid[r]
            if 0 <= c < len(row):
                return row[c]
        return None

    def gabung(self, r: int, c: int) -> tuple[int, int, int, int] | None:
        for m in self.merges:
            if m[0] <= r <= m[2] and m[1] <= c <= m[3]:
                return m
        return None

    def teks(self, r: int, c: int, *, vertikal_saja: bool = False) -> str:
        """The text shown at (r, c): a merged range shows its top-left cell's value. In data rows only
        merges that start in the same column count (`vertikal_saja`): a program name merged across
        G11:H11 is not the indicator of row 11, a program name merged down G106:G107 is row 107's."""
        v = self.nilai(r, c)
        if v in (None, ""):
            m = self.gabung(r, c)
            if m is not None and (not vertikal_saja or m[1] == c):
                v = self.nilai(m[0], m[1])
        if v is None or isinstance(v, bool):
            return ""
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return " ".join(str(v).split())


def kolom_huruf(c: int) -> str:
    """Column letters of 0-based column c."""
    return col_letter(c + 1)


def alamat(r: int, c: int) -> str:
    """A1 address of 0-based (r, c)."""
    return cell_ref(r + 1, c + 1)


def baca_buku(path: Path) -> list[Lembar]:
    """All sheets (cached values + merges); BerkasError when the file cannot be read."""
    berkas = path.name
    periksa_ada(path)
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head[:4] == b"PK\x03\x04" or zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as zf:
                from lakip_xl.berkas.safety import periksa_zip  # zip bomb guard: declared sizes before decompressing

                periksa_zip(zf, berkas=berkas)
        except zipfile.BadZipFile:
            raise _rusak(berkas) from None
    elif head != _OLE_MAGIC:
        raise _rusak(berkas)
    try:
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(os.fspath(path))
        try:
            out = []
            for nama in wb.sheet_names:
                sh = wb.get_sheet_by_name(nama)
                merges = [(a[0], a[1], b[0], b[1]) for a, b in (sh.merged_cell_ranges or [])]
                out.append(Lembar(nama, sh.to_python(skip_empty_area=False), merges))
            return out
        finally:
            wb.close()
    except BerkasError:
        raise
    except Exception as err:  # calamine's errors are untyped (zip, XML, encryption...)
        if head == _OLE_MAGIC:
            raise BerkasError(
                "Berkas tidak dapat dibaca: mungkin dilindungi kata sandi atau berformat Excel lama yang rusak.",
                saran="Buka di Excel, hapus kata sandinya bila ada, simpan sebagai 'Buku Kerja Excel (*.xlsx)', "
                      "lalu ulangi.", berkas=berkas) from err
        raise _rusak(berkas) from err


def _rusak(berkas: str) -> BerkasError:
    return BerkasError(
        "Berkas bukan buku kerja Excel yang utuh (mungkin rusak, terpotong saat diunduh, atau berformat lain).",
        saran="Unduh atau salin ulang berkasnya; bila masih gagal, buka di Excel (Excel dapat memperbaikinya), "
              "simpan sebagai 'Buku Kerja Excel (*.xlsx)', lalu ulangi.", berkas=berkas)


def baca_rumus(path: Path, sheet: str, sel: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """Formulas of the given cells, read with openpyxl in read_only mode (never saved). Best effort:
    any failure gives no formulas (the findings then quote values only)."""
    if not sel or path.suffix.lower() not in (".xlsx", ".xlsm", ".xltx", ".xltm"):
        return {}
    rows = {r for r, _ in sel}
    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
        try:
            ws = wb[sheet]
            out: dict[tuple[int, int], str] = {}
            for row in ws.iter_rows(min_row=min(rows) + 1, max_row=max(rows) + 1):
                for cell in row:
                    r, c = getattr(cell, "row", None), getattr(cell, "column", None)
                    if r is None or c is None or (r - 1, c - 1) not in sel:
                        continue
                    v = cell.value
                    if isinstance(v, str) and v.startswith("="):
                        out[(r - 1, c - 1)] = v
                    elif v is not None and not isinstance(v, str):
                        out[(r - 1, c - 1)] = ""  # a typed constant, no formula
            return out
        finally:
            wb.close()
    except Exception:  # noqa: BLE001 - formulas only enrich the messages
        return {}


# A placeholder the formulas are put into once read: "{rumus:AD14}" -> " (rumus di sel: =L14+AB14)"
_RUMUS_RE = re.compile(r"\{rumus:([A-Z]+)(\d+)\}")


def isi_rumus(tm: Temuan, rumus: dict[tuple[int, int], str], lb: Lembar) -> Temuan:
    def ganti(m: re.Match) -> str:
        col = 0
        for ch in m.group(1):
            col = col * 26 + ord(ch) - 64
        key = (int(m.group(2)) - 1, col - 1)
        if key not in rumus:
            return ""
        f = rumus[key]
        return f" (rumus di sel: {f})" if f else " (sel berisi angka ketikan, bukan rumus)"

    uraian = " ".join(_RUMUS_RE.sub(ganti, tm.uraian).split())
    if uraian == tm.uraian:
        return tm
    return Temuan(**{**tm.to_dict(), "uraian": uraian})


# -- numbers ---------------------------------------------------------------------------------------


def nilai_angka(v) -> tuple[Decimal | None, bool]:
    """(number, is_text): a cached value as Decimal; blank and error cells give (None, False)."""
    if v is None or isinstance(v, bool):
        return None, isinstance(v, bool)
    if isinstance(v, (int, float)):
        try:
            return ke_decimal(v), False
        except AturanError:
            return None, False
    if isinstance(v, str):
        return None, bool(v.strip())
    return None, True  # dates, times


def teks_angka(d: Decimal | None, gaya: str = "angka", desimal: int = 2) -> str:
    """Indonesian style, `desimal` decimals at most, trailing zeros dropped: 1.388,89 / 200 / 0,83."""
    if d is None:
        return ""
    from lakip_xl.aturan.angka import format_angka

    r = bulatkan(d, desimal)
    des = next(k for k in range(desimal + 1) if r == bulatkan(r, k))
    return format_angka(r, desimal=des, gaya=gaya)


def teks_selisih(d: Decimal, gaya: str = "angka", desimal: int = 2) -> str:
    s = teks_angka(abs(d), "angka", desimal)
    tanda = "+" if d > 0 else ("-" if d < 0 else "")
    satuan = {"persen": " poin persen", "rupiah": " rupiah"}.get(gaya, "")
    return f"{tanda}{s}{satuan}"


def sama(a: Decimal, b: Decimal) -> bool:
    # cached values are binary floats read at 15 significant digits: compare relatively
    return abs(a - b) <= Decimal("1e-9") * max(abs(a), abs(b), Decimal(1))

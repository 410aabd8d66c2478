"""The "Peta LAKIP" sheet: how an agency's own tables map to lakip_xl's model, written into the workbook
by `lakip-xl peta` and from then on the user's (a later sync reads it and never rewrites it).

Four parts, each found by its header row (the user may move them, add rows, change any value):

    A. Pengaturan   Pengaturan | Nilai | Keterangan
                    the facts a layout cannot show: Tahun Laporan, Awal/Akhir Renstra, Instansi, ...
                    (the keys and allowed values of the template's Pengaturan sheet,
                    lakip_xl.sumber.model.PENGATURAN_KUNCI)
    B. Kolom        Sheet | Baris Judul | Baris Data | Kolom | Peran | Tahun | Triwulan | Judul Kolom | Keterangan |
                    Diisi lakip_xl
                    one row per mapped column; the rows of one table share Sheet, Baris Judul and Baris Data
                    ("6-9", "10-113"); Peran is a label of sinonim.PERAN; Tahun empty = Tahun Laporan;
                    "Ya" under Diisi lakip_xl (Capaian, Predikat, Keterangan columns only; empty = no, the
                    default) lets sync write the rules' figures into that column's indicator cells
                    (opt-in write-back; a sheet without the column reads as all empty)
    C. Indikator    Kode | Indikator Kinerja | Sel | Polaritas | Tipe Penghitungan | Skala Nilai | Penyebut |
                    Target Renstra | Bobot | Catatan
                    one row per indicator, joined to the tables by the indicator's name (the k-th row
                    of a name with its k-th occurrence); Polaritas / Tipe / Skala Nilai take the values
                    of the template's drop-down lists (model.POLARITAS_LABEL, TIPE_LABEL, SKALA_NILAI_LABEL)
    D. Catatan      what `peta` could not tell (read by nobody)

Pure: builds a SheetSpec and parses rows; the reader that uses it is lakip_xl.sumber.peta.baca.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lakip_xl.sumber import model as m
from lakip_xl.sumber.model import kunci
from lakip_xl.sumber.peta import sinonim as s
from lakip_xl.sumber.peta.deteksi import Kolom, Tabel, kosong, teks_sel
from lakip_xl.xlsx.sheetspec import SheetSpec, Style

SHEET_PETA = "Peta LAKIP"

KOLOM_A = ["Pengaturan", "Nilai", "Keterangan"]
KOLOM_B = ["Sheet", "Baris Judul", "Baris Data", "Kolom", "Peran", "Tahun", "Triwulan", "Judul Kolom", "Keterangan",
           "Diisi lakip_xl"]
# roles whose cells sync may fill in the agency's own sheet when the user writes "Ya" under "Diisi lakip_xl"
PERAN_DIISI = ("capaian", "predikat", "ket")
YA = ("ya", "y", "yes", "isi", "diisi", "1", "true", "benar", "v")
KOLOM_C = ["Kode", "Indikator Kinerja", "Sel", "Polaritas", "Tipe Penghitungan", "Skala Nilai", "Penyebut",
           "Target Renstra", "Bobot", "Catatan"]
WAJIB_A = ["Pengaturan", "Nilai"]
WAJIB_B = ["Sheet", "Baris Judul", "Baris Data", "Kolom", "Peran"]
WAJIB_C = ["Indikator Kinerja", "Polaritas", "Tipe Penghitungan"]

LABEL_BERKAS = "Berkas Data"
JUDUL_A = "A. Pengaturan (fakta yang tidak terlihat dari tabel; periksa dan koreksi)"
JUDUL_B = "B. Kolom tabel instansi yang dibaca lakip_xl (satu baris per kolom)"
JUDUL_C = "C. Indikator (polaritas dan tipe penghitungan tidak terlihat dari tabel; periksa dan koreksi)"
JUDUL_D = "D. Yang belum dapat ditentukan oleh lakip-xl peta"

TRIWULAN_TEKS = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass
class FaktaIndikator:
    """One row of part C."""

    kode: str
    nama: str
    sel: str = ""  # where the indicator was found, e.g. "'Pengukuran Kinerja'!C7" (for the reader of the sheet)
    polaritas: str = "positif"
    tipe: str = "Non Kumulatif"
    skala_nilai: str = ""
    penyebut: object = ""
    target_renstra: object = ""
    bobot: object = ""
    catatan: str = ""
    baris: int = 0  # 1-based row in the Peta LAKIP sheet (0 = not written yet)


@dataclass
class Peta:
    """A mapping: facts (label -> value), tables with their columns, indicator facts, notes."""

    pengaturan: dict[str, object] = field(default_factory=dict)
    keterangan: dict[str, str] = field(default_factory=dict)  # label -> where the value came from
    tabel: list[Tabel] = field(default_factory=list)
    indikator: list[FaktaIndikator] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    berkas_data: str = ""  # the workbook holding the tables when it is not this one (an .xls beside it)
    kolom_c: tuple[int, dict[str, int]] | None = None  # where part C lies in the sheet (0-based header row, columns)


# --- writing -------------------------------------------------------------------------------------------
_JUDUL = Style(bold=True, size=14)
_SUB = Style(italic=True, size=9, wrap=False)
_BAGIAN = Style(bold=True, size=11, font_color="1F4E79")
_HEADER = Style(bold=True, fill="D9E1F2", halign="center", valign="center", wrap=True, border=True)
_ISI = Style(border=True, valign="top")
_UBAH = Style(border=True, valign="top", fill="FFF2CC")  # the cells the user is expected to check
_INFO = Style(border=True, valign="top", font_color="595959", italic=True)


def _pilihan(d: dict) -> str:
    return ", ".join(d)


def _rentang(a: int, b: int) -> str:
    return str(a) if a == b else f"{a}-{b}"


def lembar_peta(peta: Peta) -> SheetSpec:
    """The Peta LAKIP sheet as a SheetSpec (written once by `peta`; the user's afterwards)."""
    sh = SheetSpec(SHEET_PETA, col_widths={1: 26, 2: 30, 3: 14, 4: 10, 5: 20, 6: 20, 7: 12, 8: 40, 9: 12, 10: 40},
                   tab_color="7030A0", landscape=True)
    sh.set(1, 1, "PETA LAKIP: tabel instansi ini dibaca lakip_xl sebagai berikut", style=_JUDUL)
    sh.set(2, 1, "Dibuat oleh 'lakip-xl peta'. Sheet ini milik Anda: periksa dan koreksi sel berwarna kuning; "
                 "'lakip-xl sync' membacanya setiap kali dan tidak pernah menulis ulang sheet ini.", style=_SUB)
    sh.set(3, 1, "Peran yang dikenal: " + ", ".join(s.PERAN.values()) + ". Tahun kosong = Tahun Laporan. "
                 "Tulis Ya di kolom 'Diisi lakip_xl' pada baris Capaian, Predikat atau Keterangan agar sync mengisi "
                 "sel kolom itu di tabel Anda dengan angka aturan (kosong = tidak diisi).", style=_SUB)
    if peta.berkas_data:
        sh.set(4, 1, LABEL_BERKAS, style=_BAGIAN)
        sh.set(4, 2, peta.berkas_data, style=_UBAH)
        sh.set(4, 3, "Tabel instansi dibaca dari berkas ini (di folder yang sama dengan buku kerja ini).", style=_SUB)
    r = 5
    sh.set(r, 1, JUDUL_A, style=_BAGIAN)
    r += 1
    for c, h in enumerate(KOLOM_A, start=1):
        sh.set(r, c, h, style=_HEADER)
    r += 1
    for k in m.PENGATURAN_KUNCI:
        v = peta.pengaturan.get(k.label, "")
        sh.set(r, 1, k.label, style=_ISI)
        sh.set(r, 2, v if v is not None else "", style=_UBAH if k.wajib or k.label in peta.keterangan else _ISI)
        ket = k.keterangan
        if k.pilihan:
            ket += f" Pilihan: {_pilihan(k.pilihan)}."
        asal = peta.keterangan.get(k.label)
        if asal:
            ket += f" [{asal}]"
        sh.set(r, 3, ket, style=_INFO)
        r += 1
    r += 1
    sh.set(r, 1, JUDUL_B, style=_BAGIAN)
    r += 1
    for c, h in enumerate(KOLOM_B, start=1):
        sh.set(r, c, h, style=_HEADER)
    r += 1
    for t in peta.tabel:
        judul = _rentang(t.judul_awal + 1, t.judul_akhir + 1)
        data = _rentang(t.data_awal + 1, t.data_akhir + 1)
        for k in t.kolom:
            sh.set(r, 1, t.sheet, style=_ISI)
            sh.set(r, 2, judul, style=_ISI)
            sh.set(r, 3, data, style=_ISI)
            sh.set(r, 4, k.huruf, style=_ISI)
            sh.set(r, 5, s.PERAN.get(k.peran, k.peran), style=_UBAH if k.peran == "abaikan" else _ISI)
            sh.set(r, 6, k.tahun if k.tahun else "", style=_ISI)
            sh.set(r, 7, TRIWULAN_TEKS.get(k.triwulan, ""), style=_ISI)
            sh.set(r, 8, k.judul, style=_INFO)
            sh.set(r, 9, k.nomor, style=_INFO)
            if k.peran in PERAN_DIISI and any(x.peran == "indikator" for x in t.kolom):
                sh.set(r, 10, "Ya" if k.isi else "", style=_UBAH)
            r += 1
    r += 1
    sh.set(r, 1, JUDUL_C, style=_BAGIAN)
    r += 1
    for c, h in enumerate(KOLOM_C, start=1):
        sh.set(r, c, h, style=_HEADER)
    r += 1
    sh.set(r - 1, 11, f"Polaritas: {_pilihan(m.POLARITAS_LABEL)}. Tipe: {_pilihan(m.TIPE_LABEL)}. "
                      f"Skala Nilai (huruf): {_pilihan(m.SKALA_NILAI_LABEL)}.", style=_SUB)
    for f in peta.indikator:
        nilai = [f.kode, f.nama, f.sel, f.polaritas, f.tipe, f.skala_nilai, f.penyebut, f.target_renstra, f.bobot,
                 f.catatan]
        for c, v in enumerate(nilai, start=1):
            st = _UBAH if c in (4, 5, 6, 7) else (_INFO if c in (3, 10) else _ISI)
            sh.set(r, c, v if v is not None else "", style=st)
        f.baris = r
        r += 1
    r += 1
    sh.set(r, 1, JUDUL_D, style=_BAGIAN)
    r += 1
    catatan = [f"Sheet '{t.sheet}' {t.rentang}: {x}" for t in peta.tabel for x in t.tidak_jelas] + peta.catatan
    for x in catatan or ["(tidak ada)"]:
        sh.set(r, 1, x, style=Style(wrap=False))
        r += 1
    r += 1
    sh.set(r, 1, "Untuk membuat ulang sheet ini dari tabel: lakip-xl peta BUKU --ganti (koreksi Anda di sini "
                 "akan hilang).", style=_SUB)
    sh.freeze = "A5"
    sh.print_area = (1, 1, r, len(KOLOM_C))  # the parts' columns; long notes beside them are not printed
    return sh


# --- reading ---------------------------------------------------------------------------------------------
_BARIS = re.compile(r"^\s*(\d+)\s*(?:(?:-|–|—|:|s\s*/\s*d|sampai)\s*(\d+))?\s*$")


def rentang_baris(v: object) -> tuple[int, int] | None:
    """(6, 9) from "6-9", (6, 6) from 6 or "6"; None when unreadable."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return (int(v), int(v)) if float(v).is_integer() and v >= 1 else None
    mt = _BARIS.match(teks_sel(v))
    if not mt:
        return None
    a = int(mt.group(1))
    b = int(mt.group(2) or a)
    return (a, b) if 1 <= a <= b else None


def cari_bagian(rows: list[list[object]], wajib: list[str], semua: list[str], mulai: int = 0
                ) -> tuple[int, dict[str, int]] | None:
    """(0-based header row, header key -> 0-based column) of the first row from `mulai` holding every
    `wajib` header (case and spacing insensitive), or None."""
    wk = [kunci(h) for h in wajib]
    sk = {kunci(h) for h in semua}
    for r in range(mulai, len(rows)):
        ada: dict[str, int] = {}
        for c, v in enumerate(rows[r]):
            if isinstance(v, str) and v.strip():
                k = kunci(v)
                if k in sk and k not in ada:
                    ada[k] = c
        if all(k in ada for k in wk):
            return r, ada
    return None


def baris_bagian(rows: list[list[object]], r0: int) -> list[int]:
    """The 0-based rows of a part: from below its header to the first fully empty row."""
    out = []
    for r in range(r0 + 1, len(rows)):
        if all(kosong(v) for v in rows[r]):
            break
        out.append(r)
    return out


def berkas_data(rows: list[list[object]]) -> str:
    """The "Berkas Data" a Peta LAKIP sheet names above its part A ("" when its tables are in its own
    workbook)."""
    for row in rows[:10]:
        if len(row) > 1 and kunci(teks_sel(row[0])) == kunci(LABEL_BERKAS):
            return teks_sel(row[1])
    return ""


def ada_peta(nama_sheet: list[str]) -> str | None:
    """The workbook's name of the Peta LAKIP sheet (case-insensitive), or None."""
    return next((n for n in nama_sheet if kunci(n) == kunci(SHEET_PETA)), None)


__all__ = ["SHEET_PETA", "FaktaIndikator", "Kolom", "Peta", "Tabel", "ada_peta", "baris_bagian", "berkas_data",
           "cari_bagian",
           "lembar_peta", "rentang_baris"]

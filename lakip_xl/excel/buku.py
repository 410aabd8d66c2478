"""Build the LAKIP workbooks with XlsxWriter: the blank template, the DKUM Kota Depok 2020 sample, and
large synthetic workbooks for benchmarks.

The template and the sample are built reproducibly from the text sources in workbooks/src (CSV and
TOML) by `python workbooks/build.py`; this module holds the logic so that tests and benchmarks can
import it. Output is deterministic: a fixed document date (WAKTU_TETAP), XlsxWriter's fixed zip
timestamps, and sources read in file order, so a rebuild is byte-identical. `beda_berkas` still skips
docProps/core.xml (document timestamps) so that only content differences count.

CSV cell typing (workbooks/src/*/*.csv): in value columns (Target, Realisasi, Target Renstra, Nilai of
Pengaturan) a text that is a plain machine number ("2020", "77.33") is written as a number and anything
else as text exactly as typed ("77.33%", "45,1 M", "B", "69,93"); a leading apostrophe forces text.
Amount columns (Tahun, Pagu, Realisasi anggaran, Jumlah, Penyebut, Bobot) must be plain numbers.
Identifier and free-text columns are always text. The Nilai column of Dilaporkan is always text: it
records a figure exactly as printed.

Capaian and Predikat of the Realisasi sheet are formulas `CAPAIAN(Dn,En)` / `PREDIKAT(Gn)` (the
UDFs of lakip_xl.udf) with their values computed here by lakip_xl.aturan.capaian / lakip_xl.aturan.predikat as the
cached values, so the numbers show before Excel recalculates and in every reader. When a row's
realisasi follows from counts (Jumlah), its Realisasi cell holds a native Excel formula that sums the
counts over the years (Kumulatif) or takes the year's count (Non Kumulatif), divides by the
indicator's Penyebut and rounds to Desimal Realisasi, again with the value computed by
lakip_xl.aturan.kumulatif as cached value.

Macro-enabled twins (.xlsm): a path ending in .xlsm gets, from the same sources and the same code, the
VBA project of macros/, the hidden xlwings.conf sheet and the "Perbarui Ringkasan" button
(lakip_xl.excel.vba.tambah_vba), plus a block of two lines on Beranda (BARIS_TOMBOL) between the instructions
and the list of sheets. The conf sheet is added last, so the data sheets keep their part names
(xl/worksheets/sheetN.xml) of the .xlsx. vbaProject.bin is deterministic (pyopenvba writes no
timestamps), so the .xlsm rebuild is byte-identical too.
"""

from __future__ import annotations

import contextlib
import csv
import os
import random
import re
import secrets
import tomllib
import zipfile
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from lakip_xl.aturan.nilai import NA, Rentang
from lakip_xl.sumber import model as m
from lakip_xl.xlsx.sheetspec import FMT_ANGKA, FMT_DESIMAL2, FMT_PERSEN2, col_letter

WAKTU_TETAP = datetime(2021, 1, 4, 8, 0, 0)  # fixed document date: reproducible builds
BARIS_JUDUL = 4  # 1-based header row of every data table (title in row 1, hint in row 2)
# The Pengaturan table's Pengaturan and Nilai columns, every setting row: CAPAIAN's fifth argument
_PENGATURAN = f"Pengaturan!$A${BARIS_JUDUL + 1}:$B${BARIS_JUDUL + len(m.PENGATURAN_KUNCI)}"
BARIS_VALIDASI = 1000  # drop-down lists cover this many rows below the header
BAGIAN_DIABAIKAN = ("docProps/core.xml",)  # zip parts never compared (document timestamps)
# The committed outputs of bangun_semua: (file name, source folder under workbooks/src or None = blank).
BERKAS = (
    ("template.xlsx", None),
    ("contoh_depok_2020.xlsx", "contoh_depok_2020"),
    ("template.xlsm", None),
    ("contoh_depok_2020.xlsm", "contoh_depok_2020"),
)
# Beranda of an .xlsm: the button sits in column B beside these lines (column C), below the instructions.
# The button is 160 x 32 px: two rows of 20 px; column B is 22 characters (159 px) wide.
BARIS_TOMBOL = (
    "Tombol Perbarui Ringkasan: membaca sheet data lalu menulis ulang sheet ringkasan (Pengukuran Kinerja "
    "dan lainnya). Simpan berkas sesudahnya.",
    "Tombol hanya berjalan bila makro diaktifkan (klik Enable Content / Aktifkan Konten). Berkas dari e-mail "
    "atau unduhan: tutup, klik kanan berkas > Properties > centang Unblock > OK, lalu buka lagi.",
)

_ANGKA_POLOS = re.compile(r"-?\d+(\.\d+)?")

# Columns whose CSV text is written as a number when it is a plain machine number, else as typed.
_KOLOM_NILAI = {"target", "realisasi", "target renstra", "nilai", "target nasional/spm"}
# Columns that must hold plain numbers in the sources (amounts, years, counts).
_KOLOM_ANGKA = {"tahun", "pagu", "jumlah", "penyebut", "bobot"}
_KOLOM_UANG = {"pagu"}
_LEBAR = {
    "sasaran strategis": 40, "indikator kinerja": 40, "formulasi": 45, "sumber data": 30, "program": 50,
    "keterangan": 45, "catatan": 50, "sumber": 60, "pengaturan": 30, "nilai": 40, "jenis belanja": 26,
    "pagu": 18, "realisasi": 16, "target": 14, "target renstra": 14, "predikat": 24, "besaran": 22,
    "faktor pendorong": 50, "faktor penghambat": 50, "upaya / solusi": 50, "rencana tindak lanjut": 50,
    "analisis efisiensi": 40, "target nasional/spm": 16, "sumber target nasional": 30,
}
JUDUL_SHEET = {
    m.SHEET_PENGATURAN: "Pengaturan",
    m.SHEET_INDIKATOR: "Sasaran Strategis dan Indikator Kinerja",
    m.SHEET_REALISASI: "Target dan Realisasi Indikator Kinerja",
    m.SHEET_ANGGARAN: "Anggaran per Indikator",
    m.SHEET_PROGRAM: "Program Perjanjian Kinerja",
    m.SHEET_BELANJA: "Realisasi Belanja",
    m.SHEET_DILAPORKAN: "Angka yang Dilaporkan (untuk pemeriksaan)",
    m.SHEET_ANALISIS: "Analisis Capaian Kinerja (untuk dokumen LKjIP BAB III)",
}
PETUNJUK_SHEET = {
    m.SHEET_PENGATURAN: "Pilih nilai dari daftar (panah di sel). Tahun Laporan, Awal Renstra dan Akhir Renstra wajib.",
    m.SHEET_INDIKATOR: "Satu baris per indikator. Kode Indikator unik (IK1, IK2, ...); Polaritas, Tipe dan Skala "
                       "Nilai dipilih dari daftar.",
    m.SHEET_REALISASI: "Satu baris per indikator per tahun. Capaian dan Predikat dihitung otomatis (jangan "
                       "diketik). Isi Jumlah bila realisasi dihitung dari hitungan per tahun.",
    m.SHEET_ANGGARAN: "Pagu dan realisasi anggaran yang mendukung setiap indikator, per tahun.",
    m.SHEET_PROGRAM: "Program pada Perjanjian Kinerja dengan pagu dan kode sasaran/indikator yang didukung.",
    m.SHEET_BELANJA: "Pilih Jenis Belanja dari daftar: Belanja Tidak Langsung atau Belanja Langsung.",
    m.SHEET_DILAPORKAN: "Opsional. Angka persis seperti tercetak di laporan; Besaran dipilih dari daftar.",
    m.SHEET_ANALISIS: "Opsional. Satu baris per indikator per tahun; satu butir per baris di dalam sel (Alt+Enter). "
                      "Yang kosong ditandai [isi oleh ...] di dokumen LKjIP.",
}
URUTAN_DATA = (m.SHEET_PENGATURAN, m.SHEET_INDIKATOR, m.SHEET_REALISASI, m.SHEET_ANGGARAN, m.SHEET_PROGRAM,
               m.SHEET_BELANJA, m.SHEET_DILAPORKAN, m.SHEET_ANALISIS)


# --------------------------------------------------------------------------------------------------
# Sources


def baca_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return [dict(r) for r in csv.DictReader(f)]


def _cetak(ws, baris_judul: int | None = None) -> None:
    """Print setup of a sheet as the summary sheets have it (lakip_xl.xlsx.sheetxml): A4 landscape, all
    columns on one page width, the table's header row (0-based) repeated on every page, page numbers."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if baris_judul is not None:
        ws.repeat_rows(baris_judul)
    ws.set_footer("&CHalaman &P dari &N")


@dataclass
class Sumber:
    """The contents of a workbook to build: settings and table rows (header -> text, as in the CSV)."""

    pengaturan: dict[str, str]
    tabel: dict[str, list[dict[str, str]]]  # sheet name -> rows
    beranda: dict


def sumber_dari_folder(folder: Path | None, beranda: Path) -> Sumber:
    """Read workbooks/src/<name>/*.csv; `folder=None` gives the blank template."""
    info = tomllib.loads(beranda.read_text(encoding="utf-8"))
    if folder is None:
        return Sumber({}, {s: [] for s in URUTAN_DATA[1:]}, info)
    peng = {r["Pengaturan"]: r.get("Nilai", "") or "" for r in baca_csv(folder / "pengaturan.csv")}
    tabel = {}
    for s in URUTAN_DATA[1:]:
        p = folder / f"{s.lower()}.csv"
        tabel[s] = baca_csv(p) if p.exists() else []
    return Sumber(peng, tabel, info)


# --------------------------------------------------------------------------------------------------
# Rules for the cached values (the rule modules are the single source of truth)


def _kebijakan(peng: dict[str, str]):
    from lakip_xl.aturan.capaian import Kebijakan

    return Kebijakan(**m.kebijakan_kw({m.kunci_rapat(a): b for a, b in peng.items()}))


def _nilai_isian(teks: str, huruf: bool):
    """Parsed value of a source cell for the cached computations."""
    from lakip_xl.aturan.angka import parse_angka

    t = (teks or "").strip().lstrip("'")
    if not t:
        return None
    if huruf:
        return t
    return parse_angka(t)


def _huruf(teks: str) -> bool:
    from lakip_xl.aturan.capaian import SKALA_HURUF

    t = (teks or "").strip()
    return bool(t) and any(s.punya(t) for s in SKALA_HURUF.values())


# --------------------------------------------------------------------------------------------------
# Writer


class _Penulis:
    def __init__(self, path: Path, sumber: Sumber):
        import xlsxwriter

        self.path = Path(path)
        self.src = sumber
        self.makro = self.path.suffix.lower() == ".xlsm"
        self.sel_tombol: str | None = None  # A1 cell of the button on Beranda (.xlsm only)
        self.wb = xlsxwriter.Workbook(str(self.path), {"constant_memory": False, "strings_to_numbers": False,
                                                        "strings_to_formulas": False, "strings_to_urls": False})
        self.wb.set_properties({"title": "Data Kerja LAKIP", "subject": "SAKIP/LAKIP", "author": "lakip_xl",
                                "company": "", "created": WAKTU_TETAP, "comments": "Dibuat oleh lakip_xl"})
        f = self.wb.add_format
        self.f_judul = f({"bold": True, "font_size": 14})
        self.f_sub = f({"italic": True, "font_color": "#595959"})
        self.f_tebal = f({"bold": True})
        self.f_teks = f({"text_wrap": False, "valign": "top"})
        self.f_angka = f({"num_format": FMT_ANGKA, "valign": "top"})
        self.f_umum = f({"valign": "top"})
        self.f_persen = f({"num_format": FMT_PERSEN2, "valign": "top"})
        self.f_desimal2 = f({"num_format": FMT_DESIMAL2, "valign": "top"})
        self._warna: dict[str, object] = {}
        self.daftar: dict[str, str] = {}  # list name -> defined name range

    def warna(self, hexrgb: str):
        if hexrgb not in self._warna:
            gelap = hexrgb.upper() in ("1F4E79", "0070C0", "006100", "B71B1C", "FF0000", "29AF28")
            self._warna[hexrgb] = self.wb.add_format({"bg_color": "#" + hexrgb,
                                                      "font_color": "#FFFFFF" if gelap else "#000000"})
        return self._warna[hexrgb]

    # -- sheets --------------------------------------------------------------------------------------
    def tulis(self) -> None:
        self.beranda()
        sheets = {s: self.wb.add_worksheet(s) for s in URUTAN_DATA}
        self.sk = self.wb.add_worksheet(m.SHEET_SKALA)
        self.dft = self.wb.add_worksheet(m.SHEET_DAFTAR)
        self.tulis_daftar()
        self.pengaturan(sheets[m.SHEET_PENGATURAN])
        self.indikator(sheets[m.SHEET_INDIKATOR])
        self.realisasi(sheets[m.SHEET_REALISASI])
        for s in (m.SHEET_ANGGARAN, m.SHEET_PROGRAM, m.SHEET_BELANJA, m.SHEET_DILAPORKAN):
            self.tabel_biasa(sheets[s], s)
        self.analisis(sheets[m.SHEET_ANALISIS])
        self.skala()
        if self.makro:  # last: the conf sheet comes after Daftar, the data sheets keep their part names
            from lakip_xl.excel.vba import tambah_vba

            tambah_vba(self.wb, self.ws_beranda, self.sel_tombol)
        self.wb.close()

    def beranda(self) -> None:
        ws = self.wb.add_worksheet(m.SHEET_BERANDA)
        self.ws_beranda = ws
        _cetak(ws)
        info = self.src.beranda
        ws.set_column(0, 0, 4)
        ws.set_column(1, 1, 22)
        ws.set_column(2, 2, 110)
        ws.write_string(0, 1, info["judul"], self.f_judul)
        ws.write_string(1, 1, info["subjudul"], self.f_sub)
        inst = self.src.pengaturan.get("Instansi", "")
        tahun = self.src.pengaturan.get("Tahun Laporan", "")
        if inst:
            ws.write_string(2, 1, f"{inst} - Tahun {tahun}".strip(" -"), self.f_tebal)
        r = 4
        ws.write_string(r, 1, "Petunjuk", self.f_tebal)
        for line in info["petunjuk"]:
            r += 1
            ws.write_string(r, 2, line)
        if self.makro:
            r += 2
            self.sel_tombol = f"B{r + 1}"
            for i, line in enumerate(BARIS_TOMBOL):
                ws.write_string(r + i, 2, line)
            r += len(BARIS_TOMBOL) - 1
        r += 2
        ws.write_string(r, 1, "Sheet", self.f_tebal)
        ws.write_string(r, 2, "Isi", self.f_tebal)
        for nama, isi in info["sheet"].items():
            r += 1
            ws.write_url(r, 1, f"internal:'{nama}'!A1", string=nama)
            ws.write_string(r, 2, isi)
        ws.activate()

    def tulis_daftar(self) -> None:
        """The hidden lists sheet: one column per drop-down list, each with a defined name."""
        ws = self.dft
        lists = [
            ("Polaritas", list(m.POLARITAS_LABEL)),
            ("Tipe Penghitungan", list(m.TIPE_LABEL)),
            ("Skala Nilai", list(m.SKALA_NILAI_LABEL)),
            ("Triwulan", list(m.TRIWULAN_LABEL)),
            ("Jenis Belanja", list(m.JENIS_BELANJA)),
            ("Besaran", list(m.BESARAN)),
        ]
        for k in m.PENGATURAN_KUNCI:  # settings sharing the same allowed values share one list
            if k.pilihan is not None and all(list(k.pilihan) != items for _, items in lists):
                lists.append((k.label, list(k.pilihan)))
        for c, (judul, items) in enumerate(lists):
            ws.write_string(0, c, judul, self.f_tebal)
            for r, v in enumerate(items, start=1):
                ws.write_string(r, c, v)
            nama = "lst" + re.sub(r"[^A-Za-z0-9]", "", judul.title())
            col = col_letter(c + 1)
            self.wb.define_name(nama, f"={m.SHEET_DAFTAR}!${col}$2:${col}${len(items) + 1}")
            self.daftar[judul] = nama
            ws.set_column(c, c, max(14, len(judul) + 2))
        for k in m.PENGATURAN_KUNCI:
            if k.pilihan is not None and k.label not in self.daftar:
                asal = next(j for j, items in lists if items == list(k.pilihan))
                self.daftar[k.label] = self.daftar[asal]
        ws.hide()

    def _validasi(self, ws, r0: int, c: int, judul_daftar: str, n: int = BARIS_VALIDASI) -> None:
        ws.data_validation(r0, c, r0 + n - 1, c, {
            "validate": "list", "source": "=" + self.daftar[judul_daftar], "ignore_blank": True,
            "error_title": "Nilai tidak dikenal",
            "error_message": f"Pilih salah satu nilai dari daftar ({judul_daftar}).",
        })

    def _kepala(self, ws, sheet: str) -> None:
        ws.write_string(0, 0, JUDUL_SHEET[sheet], self.f_judul)
        ws.write_string(1, 0, PETUNJUK_SHEET[sheet], self.f_sub)
        ws.freeze_panes(BARIS_JUDUL, 0)
        _cetak(ws, BARIS_JUDUL - 1)

    def _tabel(self, ws, sheet: str, n_baris: int) -> None:
        cols = m.KOLOM[sheet]
        r0 = BARIS_JUDUL - 1
        last = r0 + max(n_baris, 1)
        ws.add_table(r0, 0, last, len(cols) - 1, {
            "name": m.TABEL[sheet], "style": "Table Style Light 9", "autofilter": True,
            "columns": [{"header": h} for h in cols],
        })
        for c, h in enumerate(cols):
            ws.set_column(c, c, _LEBAR.get(m.kunci(h), max(12, len(h) + 3)))

    def _sel(self, ws, r: int, c: int, judul: str, teks: str, *, selalu_teks: bool = False) -> None:
        """Write one source cell following the CSV typing rule (module docstring)."""
        k = m.kunci(judul)
        t = teks if teks is not None else ""
        if t == "":
            ws.write_blank(r, c, None, self.f_umum)
            return
        if t.startswith("'"):
            ws.write_string(r, c, t[1:], self.f_teks)
            return
        if not selalu_teks and (k in _KOLOM_ANGKA or k in _KOLOM_NILAI) and _ANGKA_POLOS.fullmatch(t.strip()):
            fmt = self.f_angka if k in _KOLOM_UANG or k in ("jumlah", "penyebut") else self.f_umum
            ws.write_number(r, c, float(t), fmt)
            return
        if k in _KOLOM_ANGKA and not selalu_teks:
            raise ValueError(f"kolom {judul}: '{t}' bukan angka polos (sumber CSV)")
        ws.write_string(r, c, t, self.f_teks)

    def pengaturan(self, ws) -> None:
        sheet = m.SHEET_PENGATURAN
        self._kepala(ws, sheet)
        rows = list(m.PENGATURAN_KUNCI)
        self._tabel(ws, sheet, len(rows))
        for i, k in enumerate(rows):
            r = BARIS_JUDUL + i
            ws.write_string(r, 0, k.label, self.f_teks)
            v = self.src.pengaturan.get(k.label)
            if v is None or (v == "" and not self.src.pengaturan):
                v = k.bawaan
            self._sel(ws, r, 1, "Nilai", v, selalu_teks=k.medan in ("nip", "instansi", "wilayah", "kepala"))
            ws.write_string(r, 2, k.keterangan, self.f_teks)
            if k.pilihan is not None:
                ws.data_validation(r, 1, r, 1, {
                    "validate": "list", "source": "=" + self.daftar[k.label], "ignore_blank": True,
                    "error_title": "Nilai tidak dikenal",
                    "error_message": f"Pilih salah satu: {', '.join(k.pilihan)}."})
            elif k.medan in ("tahun", "awal_renstra", "akhir_renstra"):
                ws.data_validation(r, 1, r, 1, {"validate": "integer", "criteria": "between", "minimum": 2000,
                                                "maximum": 2100, "error_title": "Tahun",
                                                "error_message": "Isi tahun empat angka, misalnya 2020."})

    def indikator(self, ws) -> None:
        sheet = m.SHEET_INDIKATOR
        self._kepala(ws, sheet)
        rows = self.src.tabel[sheet]
        self._tabel(ws, sheet, len(rows))
        cols = m.KOLOM[sheet]
        teks_saja = {"kode sasaran", "sasaran strategis", "kode indikator", "indikator kinerja", "satuan",
                     "polaritas", "tipe penghitungan", "skala nilai", "formulasi", "sumber data"}
        for i, row in enumerate(rows):
            for c, h in enumerate(cols):
                self._sel(ws, BARIS_JUDUL + i, c, h, row.get(h, ""), selalu_teks=m.kunci(h) in teks_saja)
        r0 = BARIS_JUDUL
        for h, lst in (("Polaritas", "Polaritas"), ("Tipe Penghitungan", "Tipe Penghitungan"),
                       ("Skala Nilai", "Skala Nilai")):
            self._validasi(ws, r0, cols.index(h), lst)

    def realisasi(self, ws) -> None:
        from lakip_xl.aturan.capaian import capaian
        from lakip_xl.aturan.kumulatif import realisasi_sampai
        from lakip_xl.aturan.predikat import predikat

        sheet = m.SHEET_REALISASI
        self._kepala(ws, sheet)
        rows = self.src.tabel[sheet]
        self._tabel(ws, sheet, len(rows))
        cols = m.KOLOM[sheet]
        ci = {m.kunci(h): i for i, h in enumerate(cols)}
        keb = _kebijakan(self.src.pengaturan)
        kw = keb.kwargs_capaian(dengan_metode=True)
        ind = {r["Kode Indikator"].strip().upper(): r for r in self.src.tabel[m.SHEET_INDIKATOR]}
        # counts per indicator, yearly rows only, for the computed realisasi
        jumlah: dict[str, list[tuple[int, Decimal]]] = {}
        for row in rows:
            if row.get("Jumlah", "").strip() and not row.get("Triwulan", "").strip():
                jumlah.setdefault(row["Kode Indikator"].strip().upper(), []).append(
                    (int(row["Tahun"]), Decimal(row["Jumlah"])))
        fn_bulat = "ROUNDDOWN" if keb.pembulatan == "truncate" else "ROUND"
        for i, row in enumerate(rows):
            r = BARIS_JUDUL + i
            n = r + 1  # Excel row number
            kode = row["Kode Indikator"].strip().upper()
            info = ind.get(kode, {})
            pol = m.POLARITAS_LABEL.get((info.get("Polaritas") or "positif").strip().lower(), "positif")
            if not (info.get("Polaritas") or "").strip() and _huruf(row.get("Target", "")):
                pol = "huruf"  # an empty Polaritas with a grade target (lakip_xl.sumber.baca._huruf_tersirat)
            from lakip_xl.sumber.baca import cocokkan
            tipe = cocokkan(info.get("Tipe Penghitungan", "") or "Non Kumulatif", m.TIPE_LABEL, m.TIPE_SINONIM)
            skala_nilai = (info.get("Skala Nilai") or "").strip() or None
            huruf = pol == "huruf"
            for h in ("Kode Indikator", "Tahun", "Triwulan", "Target", "Jumlah", "Catatan"):
                self._sel(ws, r, ci[m.kunci(h)], h, row.get(h, ""),
                          selalu_teks=h in ("Kode Indikator", "Triwulan", "Catatan"))
            target = _nilai_isian(row.get("Target", ""), huruf)
            c_real = ci["realisasi"]
            if row.get("Jumlah", "").strip() and not row.get("Triwulan", "").strip():
                if row.get("Realisasi", "").strip():
                    raise ValueError(f"{kode} {row['Tahun']}: Realisasi dan Jumlah keduanya diisi (sumber CSV)")
                th = int(row["Tahun"])
                seri = [d for t, d in sorted(jumlah[kode]) if t <= th] if tipe != "non_kumulatif" else \
                    [d for t, d in jumlah[kode] if t == th]
                peny = (info.get("Penyebut") or "").strip()
                real = realisasi_sampai(seri, tipe, Decimal(peny) if peny else None,
                                        desimal=keb.desimal_realisasi, pembulatan=keb.pembulatan).nilai
                bagi = (f"/INDEX(tblIndikator[Penyebut],MATCH(A{n},tblIndikator[Kode Indikator],0))*100"
                        if peny else "")
                if tipe == "kumulatif":
                    inti = (f'SUMIFS(tblRealisasi[Jumlah],tblRealisasi[Kode Indikator],A{n},'
                            f'tblRealisasi[Tahun],"<="&B{n},tblRealisasi[Triwulan],"")')
                elif tipe == "rata_rata":
                    inti = (f'AVERAGEIFS(tblRealisasi[Jumlah],tblRealisasi[Kode Indikator],A{n},'
                            f'tblRealisasi[Tahun],"<="&B{n},tblRealisasi[Triwulan],"")')
                else:
                    inti = f"F{n}"
                ws.write_formula(r, c_real, f"={fn_bulat}({inti}{bagi},{keb.desimal_realisasi})", self.f_desimal2,
                                 _sel_tersimpan(real))
            else:
                self._sel(ws, r, c_real, "Realisasi", row.get("Realisasi", ""))
                real = _nilai_isian(row.get("Realisasi", ""), huruf)
            cap = capaian(target, real, pol, skala_nilai=skala_nilai, **kw)
            # the polaritas and metode spelled out, and the Pengaturan table as the fifth argument: Excel's
            # recalculation gives the cached value again, and follows the workbook's policies (Target Nol,
            # Batas Atas/Bawah, pembulatan) as the summary sheets do (issue 12: one answer everywhere)
            ws.write_formula(r, ci["capaian"], f'=CAPAIAN(D{n},E{n},"{pol}","{keb.metode_negatif}",{_PENGATURAN})',
                             self.f_persen, _sel_tersimpan(cap))
            pred = predikat(cap, keb.skala_predikat)
            sk = "" if keb.skala_predikat == "sakip3" else f',"{keb.skala_predikat}"'
            ws.write_formula(r, ci["predikat"], f"=PREDIKAT(G{n}{sk})", self.f_teks, pred.label)
        if not rows:  # the template: one empty row, formulas ready
            n = BARIS_JUDUL + 1
            ws.write_formula(BARIS_JUDUL, ci["capaian"], f'=CAPAIAN(D{n},E{n},"positif","{keb.metode_negatif}",'
                             f"{_PENGATURAN})", self.f_persen, "n/a")
            ws.write_formula(BARIS_JUDUL, ci["predikat"], f"=PREDIKAT(G{n})", self.f_teks, "n/a")
        self._validasi(ws, BARIS_JUDUL, ci["triwulan"], "Triwulan")
        ws.data_validation(BARIS_JUDUL, ci["tahun"], BARIS_JUDUL + BARIS_VALIDASI - 1, ci["tahun"], {
            "validate": "integer", "criteria": "between", "minimum": 2000, "maximum": 2100,
            "error_title": "Tahun", "error_message": "Isi tahun empat angka, misalnya 2020."})

    def tabel_biasa(self, ws, sheet: str) -> None:
        self._kepala(ws, sheet)
        rows = self.src.tabel[sheet]
        self._tabel(ws, sheet, len(rows))
        cols = m.KOLOM[sheet]
        teks_saja = {"kode indikator", "kode sasaran", "no", "program", "keterangan", "jenis belanja", "tabel",
                     "besaran", "sumber"}
        if sheet == m.SHEET_DILAPORKAN:
            teks_saja.add("nilai")
        for i, row in enumerate(rows):
            for c, h in enumerate(cols):
                k = m.kunci(h)
                v = row.get(h, "")
                if k in ("pagu", "realisasi") and sheet != m.SHEET_DILAPORKAN and v.strip():
                    ws.write_number(BARIS_JUDUL + i, c, float(v), self.f_angka)
                else:
                    self._sel(ws, BARIS_JUDUL + i, c, h, v, selalu_teks=k in teks_saja)
        if sheet == m.SHEET_BELANJA:
            self._validasi(ws, BARIS_JUDUL, cols.index("Jenis Belanja"), "Jenis Belanja")
        if sheet == m.SHEET_DILAPORKAN:
            self._validasi(ws, BARIS_JUDUL, cols.index("Besaran"), "Besaran")
        if "Tahun" in cols:
            c = cols.index("Tahun")
            ws.data_validation(BARIS_JUDUL, c, BARIS_JUDUL + BARIS_VALIDASI - 1, c, {
                "validate": "integer", "criteria": "between", "minimum": 2000, "maximum": 2100,
                "error_title": "Tahun", "error_message": "Isi tahun empat angka, misalnya 2020."})

    def analisis(self, ws) -> None:
        """Sheet Analisis: the staff's texts wrapped, one point per line (Alt+Enter in a cell)."""
        sheet = m.SHEET_ANALISIS
        self._kepala(ws, sheet)
        rows = self.src.tabel.get(sheet, [])  # optional: a source without analysis.csv has none
        self._tabel(ws, sheet, len(rows))
        cols = m.KOLOM[sheet]
        bungkus = self.wb.add_format({"text_wrap": True, "valign": "top"})
        for i, row in enumerate(rows):
            for c, h in enumerate(cols):
                v = row.get(h, "")
                if h in ("Kode Indikator", "Tahun", "Target Nasional/SPM") or not v:
                    self._sel(ws, BARIS_JUDUL + i, c, h, v, selalu_teks=h == "Kode Indikator")
                else:
                    ws.write_string(BARIS_JUDUL + i, c, v, bungkus)
        c = cols.index("Tahun")
        ws.data_validation(BARIS_JUDUL, c, BARIS_JUDUL + BARIS_VALIDASI - 1, c, {
            "validate": "integer", "criteria": "between", "minimum": 2000, "maximum": 2100,
            "error_title": "Tahun", "error_message": "Isi tahun empat angka, misalnya 2020."})

    def skala(self) -> None:
        from lakip_xl.aturan.capaian import SKALA_NILAI
        from lakip_xl.aturan.predikat import SKALA

        ws = self.sk
        _cetak(ws)
        ws.write_string(0, 0, "Skala Predikat Bawaan", self.f_judul)
        ws.write_string(1, 0, "Untuk rujukan. Predikat diuji dari atas ke bawah; capaian dibulatkan 2 desimal "
                              "dahulu. Inklusif 'ya' berarti capaian sama dengan batas bawah termasuk predikat itu.",
                        self.f_sub)
        head = ["Skala", "Judul", "Predikat", "Batas Bawah", "Inklusif", "Warna", "Nama Warna"]
        r = 3
        for c, h in enumerate(head):
            ws.write_string(r, c, h, self.f_tebal)
        for nama, sk in SKALA.items():
            for t in sk.tingkat:
                r += 1
                ws.write_string(r, 0, nama)
                ws.write_string(r, 1, sk.judul)
                ws.write_string(r, 2, t.label, self.warna(t.warna))
                if t.bawah is None:
                    ws.write_string(r, 3, "(lainnya)")
                else:
                    ws.write_number(r, 3, float(t.bawah))
                ws.write_string(r, 4, "ya" if t.inklusif else "tidak")
                ws.write_string(r, 5, t.warna)
                ws.write_string(r, 6, t.nama_warna)
        r += 2
        ws.write_string(r, 0, "Skala Nilai Huruf (polaritas huruf)", self.f_judul)
        r += 1
        for c, h in enumerate(["Skala Nilai", "Nilai Huruf", "Skor"]):
            ws.write_string(r, c, h, self.f_tebal)
        for nama, sn in SKALA_NILAI.items():
            for huruf, skor in sn.nilai:
                r += 1
                ws.write_string(r, 0, nama)
                ws.write_string(r, 1, huruf)
                ws.write_number(r, 2, float(skor))
        for c, w in enumerate((16, 48, 26, 13, 10, 10, 14)):
            ws.set_column(c, c, w)


def _sel_tersimpan(x) -> object:
    """A computed value as the cached value of a formula cell: number, text, or "n/a"."""
    if x is None or isinstance(x, NA):
        return "n/a"
    if isinstance(x, Decimal):
        return float(x)
    if isinstance(x, Rentang):
        return str(x)
    return str(x)


# --------------------------------------------------------------------------------------------------
# Public API


def buat_buku(path: str | Path, sumber: Sumber) -> Path:
    """Write one workbook from `sumber`; a path ending in .xlsm gives the macro-enabled twin (VBA
    project, xlwings.conf sheet, "Perbarui Ringkasan" button on Beranda; needs the checkout's macros/)."""
    path = Path(path)
    # atomic: XlsxWriter writes a temp file in the same folder (same suffix: .xlsm decides the VBA), then
    # os.replace; a failed build leaves the previous file as it was
    # (a plain name rather than mkstemp, whose 0600 mode would end up on the committed workbooks)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.{secrets.token_hex(4)}.tmp{path.suffix}")
    try:
        _Penulis(Path(tmp), sumber).tulis()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def bangun_semua(src: str | Path, keluar: str | Path) -> list[Path]:
    """Build the workbooks of BERKAS (template and sample, .xlsx and .xlsm) from `src` into `keluar`."""
    src, keluar = Path(src), Path(keluar)
    keluar.mkdir(parents=True, exist_ok=True)
    beranda = src / "beranda.toml"
    return [buat_buku(keluar / nama, sumber_dari_folder(src / folder if folder else None, beranda))
            for nama, folder in BERKAS]


def beda_berkas(a: str | Path, b: str | Path, abaikan: tuple[str, ...] = BAGIAN_DIABAIKAN) -> list[str]:
    """Zip entries that differ between two workbooks (missing on one side, or different bytes)."""
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        na, nb = set(za.namelist()), set(zb.namelist())
        beda = sorted((na ^ nb) - set(abaikan))
        for n in sorted(na & nb):
            if n not in abaikan and za.read(n) != zb.read(n):
                beda.append(n)
    return beda


def buat_workbook_sintetis(path: str | Path, n_baris: int, *, seed: int = 2020) -> Path:
    """A large workbook in the same layout, with `n_baris` rows on the Realisasi sheet (benchmarks).

    Indicators get years 2016-2021 (6 yearly rows each); polaritas and tipe cycle; targets and
    realisasi are deterministic pseudo-random numbers, some typed as Indonesian text ("34,67"), some
    with counts in Jumlah. Capaian/Predikat carry computed cached values like the real sample."""
    rng = random.Random(seed)
    tahun = list(range(2016, 2022))
    n_ind = max(1, -(-n_baris // len(tahun)))
    pol = ["positif", "positif", "negatif", "positif"]
    tipe = ["Non Kumulatif", "Kumulatif", "Non Kumulatif", "Rata-rata"]
    ind_rows, real_rows, ang_rows = [], [], []
    for i in range(n_ind):
        kode = f"IK{i + 1}"
        ks = f"S{i // 3 + 1}"
        # typed Kumulatif series would have to be increasing: kumulatif indicators use counts instead
        dengan_jumlah = tipe[i % 4] == "Kumulatif" or i % 5 == 1
        ind_rows.append({
            "Kode Sasaran": ks, "Sasaran Strategis": f"Sasaran strategis {ks}", "Kode Indikator": kode,
            "Indikator Kinerja": f"Indikator kinerja {i + 1}", "Satuan": "%", "Polaritas": pol[i % 4],
            "Tipe Penghitungan": "Kumulatif" if dengan_jumlah else tipe[i % 4],
            "Penyebut": "1000" if dengan_jumlah else "", "Target Renstra": str(rng.randint(50, 100)),
        })
        ang_rows.append({"Tahun": "2020", "Kode Indikator": kode, "Pagu": str(rng.randint(10, 900) * 1000000),
                         "Realisasi": str(rng.randint(5, 800) * 1000000)})
        for th in tahun:
            if len(real_rows) >= n_baris:
                break
            t = rng.randint(40, 100) * 100 + rng.randint(0, 99)
            row = {"Kode Indikator": kode, "Tahun": str(th), "Target": f"{t // 100}.{t % 100:02d}"}
            if dengan_jumlah:
                row["Jumlah"] = str(rng.randint(5, 40))
            else:
                v = rng.randint(20, 120) * 100 + rng.randint(0, 99)
                row["Realisasi"] = f"{v // 100},{v % 100:02d}" if th % 2 else f"{v // 100}.{v % 100:02d}"
            real_rows.append(row)
    peng = {"Instansi": "Instansi Sintetis", "Kota/Kabupaten": "Kota Contoh", "Tahun Laporan": "2020",
            "Awal Renstra": "2016", "Akhir Renstra": "2021"}
    src = Sumber(peng, {m.SHEET_INDIKATOR: ind_rows, m.SHEET_REALISASI: real_rows, m.SHEET_ANGGARAN: ang_rows,
                        m.SHEET_PROGRAM: [], m.SHEET_BELANJA: [], m.SHEET_DILAPORKAN: []},
                 {"judul": "Data Kerja LAKIP (sintetis)", "subjudul": f"{n_baris} baris realisasi",
                  "petunjuk": [], "sheet": {}})
    return buat_buku(path, src)

"""Build tests/data/lakip_dinas_depok_2020.xlsx: the Depok 2020 report's own tables as a dinas types them.

    python3 tests/data/buat_lakip_dinas.py                 # rewrite tests/data/lakip_dinas_depok_2020.xlsx
    python3 tests/data/buat_lakip_dinas.py --keluar X.xlsx # build elsewhere (tests/test_data_dinas.py)

The workbook is the input of issue 11's golden equality: mapped with `lakip-xl peta`, it must give the
same figures as the template sample workbooks/contoh_depok_2020.xlsx. So its DATA are exactly the
sample's, and only its LAYOUT is the agency's (the tables of the LAKIP 2020 of Dinas Koperasi dan Usaha
Mikro Kota Depok, tests/data/lkjip_depok_2020_kutipan.txt):

- "PK 2020": Perjanjian Kinerja Perubahan 2020 (BAB II.2): No. | Sasaran Strategis | Indikator Kinerja
  | Target, a numbered row (1)..(4), sasaran and No merged over their indicators; then the program
  table No. | Program | Anggaran | Keterangan with its "Jumlah Anggaran" row (=SUM).
- "Pengukuran Kinerja": Tabel 3.1 / the LAMPIRAN: three title rows, a two-row header (Target |
  Realisasi | % Capaian under "Tahun 2020"), a numbered row (1) .. (7)=(6)/(5)x100 (8), No | Sasaran
  Strategis | Indikator Kinerja | Satuan | Target | Realisasi | % Capaian | Ket, sasaran merged, the
  agency's own capaian formulas (=F8/E8*100), notes and the signature block under the table.
- "Perbandingan": Tabel 3.2: Target / Realisasi / Capaian group headers over 2018 2019 2020.
- "Renstra": Tabel 3.3: Target Renstra s/d 2021 | Realisasi s/d 2020 | % Capaian.
- "Anggaran": pagu and realisasi per indicator under an "Anggaran (Rp)" group, % serapan, JUMLAH
  row (=SUM); then Belanja Tidak Langsung / Belanja Langsung with their total.

Where the figures come from (nothing is typed by hand here):
- workbooks/src/contoh_depok_2020/indikator.csv (sasaran, indicators, satuan, Target Renstra),
  realisasi.csv (targets and realisasi per year), anggaran.csv, program.csv, belanja.csv;
- the realisasi the sample computes by formula from counts (Jumlah / Penyebut: IK2, IK5, IK6, IK7):
  the cached values of workbooks/contoh_depok_2020.xlsx (sheet Realisasi), read with python-calamine.
  The counts themselves and the 2017 rows (which only feed those counts) are not in the agency's
  tables, as in the printed report;
- the Ket column and the capaian a dinas typed by hand: the figures printed in the report
  (workbooks/src/contoh_depok_2020/dilaporkan.csv, tables LAMPIRAN, 3.2 and 3.3), so they keep the
  report's own mistakes (73,55% for 71,43; 66,67 for a grade) for the audit to find.

How a cell is typed (the way staff type them):
- a figure the sample holds as text with an Indonesian decimal comma or a unit ("34,67", "0,08",
  "45,1 M", "103 M") or a grade ("B", "BB") is written as that text;
- a plain number ("60", cached 85.6) is a number; a percentage the sample writes "77.33%" is the number
  77.33 (Satuan says "%"), as it is typed into a number cell;
- a capaian / serapan cell is the agency's formula (=F8/E8*100) where its target and realisasi are
  numbers, and also where both are grades (a dinas copies the formula down: it gives #VALUE!, a wrong
  capaian as real agencies have); where one of them is text the formula cannot work, so the cell holds
  the figure typed from the report (text such as "44,83%"), or stays empty when there is no target.

Output: XlsxWriter writes formulas with the values computed here as cached values; LibreOffice
headless then opens and saves the file (`lakip_xl.berkas.libreoffice.konversi`, recalculating every
formula on load), so the committed file is a LibreOffice-saved workbook whose formulas carry
LibreOffice's own cached values. The build checks that LibreOffice computed the same values as this
script. Deterministic in its cell values (LibreOffice's zip timestamps may differ between runs;
tests/test_data_dinas.py compares values, merged ranges and formulas).
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "workbooks" / "src" / "contoh_depok_2020"
CONTOH = ROOT / "workbooks" / "contoh_depok_2020.xlsx"
KELUAR = Path(__file__).with_name("lakip_dinas_depok_2020.xlsx")

TAHUN = 2020
TAHUN_BANDING = (2018, 2019, 2020)
INSTANSI = "DINAS KOPERASI DAN USAHA MIKRO KOTA DEPOK"
GALAT_NILAI = "#VALUE!"
_WAKTU = datetime(2021, 2, 1, 8, 0, 0)  # a fixed document date: the build is deterministic

_ANGKA_POLOS = re.compile(r"-?\d+(?:\.\d+)?")
_PERSEN_TITIK = re.compile(r"(-?\d+(?:\.\d+)?)%")  # "77.33%": a percentage typed into a number cell


# --------------------------------------------------------------------------------------------------
# The sample's data


@dataclass
class Indikator:
    kode: str
    kode_sasaran: str
    sasaran: str
    nama: str
    satuan: str
    target_renstra: object
    target: dict[int, object] = field(default_factory=dict)
    realisasi: dict[int, object] = field(default_factory=dict)
    pagu: float | None = None
    realisasi_anggaran: float | None = None


@dataclass
class Data:
    indikator: list[Indikator]
    program: list[dict]
    belanja: list[dict]
    kepala: str
    nip: str
    tercetak: dict[tuple[str, str, int | None, str], str]  # (table, kode, year, besaran) -> as printed

    def per_sasaran(self) -> list[list[Indikator]]:
        kel: dict[str, list[Indikator]] = {}
        for i in self.indikator:
            kel.setdefault(i.kode_sasaran, []).append(i)
        return list(kel.values())


def _csv(nama: str) -> list[dict[str, str]]:
    with open(SRC / nama, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def ketik(teks: str) -> object:
    """A sample CSV figure as a dinas types it: None (empty), a float, or the text as typed."""
    t = (teks or "").strip()
    if not t:
        return None
    if _ANGKA_POLOS.fullmatch(t):
        return float(t)
    m = _PERSEN_TITIK.fullmatch(t)
    if m:
        return float(m.group(1))
    return t


def _realisasi_tersimpan() -> dict[tuple[str, int], float]:
    """(kode, tahun) -> cached Realisasi value of the sample workbook (the rows computed from counts)."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(CONTOH)).get_sheet_by_name("Realisasi").to_python()
    kepala = next(i for i, r in enumerate(rows) if r and r[0] == "Kode Indikator")
    kol = {str(n): i for i, n in enumerate(rows[kepala])}
    hasil = {}
    for r in rows[kepala + 1:]:
        if not r[kol["Kode Indikator"]]:
            continue
        hasil[(str(r[kol["Kode Indikator"]]), int(r[kol["Tahun"]]))] = r[kol["Realisasi"]]
    return hasil


def data_contoh() -> Data:
    """The sample's data, read from its CSV sources and its cached computed realisasi."""
    tersimpan = _realisasi_tersimpan()
    ind = [Indikator(r["Kode Indikator"], r["Kode Sasaran"], r["Sasaran Strategis"], r["Indikator Kinerja"],
                     r["Satuan"], ketik(r["Target Renstra"])) for r in _csv("indikator.csv")]
    per_kode = {i.kode: i for i in ind}
    for r in _csv("realisasi.csv"):
        if r["Triwulan"]:
            raise SystemExit("realisasi.csv: triwulan rows are not laid out by this script")
        i, th = per_kode[r["Kode Indikator"]], int(r["Tahun"])
        if ketik(r["Target"]) is not None:
            i.target[th] = ketik(r["Target"])
        if ketik(r["Realisasi"]) is not None:
            i.realisasi[th] = ketik(r["Realisasi"])
        elif r["Jumlah"]:
            v = tersimpan[(i.kode, th)]
            if not isinstance(v, float):
                raise SystemExit(f"{CONTOH.name}: no cached realisasi for {i.kode} {th}")
            i.realisasi[th] = v
    for r in _csv("anggaran.csv"):
        if int(r["Tahun"]) == TAHUN:
            per_kode[r["Kode Indikator"]].pagu = float(r["Pagu"])
            per_kode[r["Kode Indikator"]].realisasi_anggaran = float(r["Realisasi"])
    program = [r for r in _csv("program.csv") if int(r["Tahun"]) == TAHUN]
    belanja = [r for r in _csv("belanja.csv") if int(r["Tahun"]) == TAHUN]
    peng = {r["Pengaturan"]: r["Nilai"] for r in _csv("pengaturan.csv")}
    tercetak = {}
    for r in _csv("dilaporkan.csv"):
        th = int(r["Tahun"]) if r["Tahun"] else None
        tercetak.setdefault((r["Tabel"], r["Kode Indikator"], th, r["Besaran"]), r["Nilai"])
    return Data(ind, program, belanja, peng["Kepala Dinas"], peng["NIP"], tercetak)


# --------------------------------------------------------------------------------------------------
# The workbook


def _ref(r: int, c: int) -> str:
    s, c = "", c + 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return f"{s}{r + 1}"


def _angka(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _huruf(v: object) -> bool:
    """A grade ("B", "BB", "CC"): text that is no number at all."""
    if not isinstance(v, str):
        return False
    from lakip_xl.aturan.angka import parse_angka
    from lakip_xl.errors import LakipError

    try:
        parse_angka(v)
    except LakipError:
        return True
    return False


class _Buku:
    """One XlsxWriter workbook in the agency's style (Arial 10, thin borders, grey headers)."""

    def __init__(self, path: Path) -> None:
        import xlsxwriter

        self.wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
        self.wb.set_properties({"title": "LAKIP 2020 Dinas Koperasi dan Usaha Mikro Kota Depok",
                                "author": "Sekretariat DKUM Kota Depok", "created": _WAKTU})
        dasar = {"font_name": "Arial", "font_size": 10, "valign": "vcenter"}
        sel = dict(dasar, border=1, text_wrap=True)
        f = self.wb.add_format
        self.judul = f(dict(dasar, bold=True, align="center", font_size=12))
        self.subjudul = f(dict(dasar, bold=True, align="center"))
        self.kepala = f(dict(sel, bold=True, align="center", bg_color="#D9D9D9"))
        self.nomor = f(dict(sel, italic=True, align="center", font_size=8, bg_color="#F2F2F2"))
        self.teks = f(sel)
        self.tengah = f(dict(sel, align="center"))
        self.nilai_teks = f(dict(sel, align="center"))
        self.nilai = f(dict(sel, align="center", num_format="#,##0.00"))
        self.persen = f(dict(sel, align="center", num_format="0.00"))
        self.rupiah = f(dict(sel, num_format='_("Rp"* #,##0_);_("Rp"* (#,##0);_("Rp"* "-"_);_(@_)'))
        self.jumlah_teks = f(dict(sel, bold=True, align="center"))
        self.jumlah_rupiah = f(dict(sel, bold=True,
                                    num_format='_("Rp"* #,##0_);_("Rp"* (#,##0);_("Rp"* "-"_);_(@_)'))
        self.jumlah_persen = f(dict(sel, bold=True, align="center", num_format="0.00"))
        self.catatan = f(dict(dasar, italic=True))
        self.biasa = f(dasar)
        self.ttd = f(dict(dasar, align="center"))
        self.ttd_nama = f(dict(dasar, align="center", bold=True, underline=True))

    def sheet(self, nama: str, lebar: list[float]):
        ws = self.wb.add_worksheet(nama)
        for c, w in enumerate(lebar):
            ws.set_column(c, c, w)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        return ws

    def judul_tabel(self, ws, baris: int, teks: list[str], lebar: int) -> None:
        for k, t in enumerate(teks):
            ws.merge_range(baris + k, 0, baris + k, lebar - 1, t, self.judul if k == 0 else self.subjudul)

    def nilai_sel(self, ws, r: int, c: int, v: object) -> None:
        if v is None:
            ws.write_blank(r, c, None, self.tengah)
        elif _angka(v):
            ws.write_number(r, c, v, self.nilai)
        else:
            ws.write_string(r, c, str(v), self.nilai_teks)

    def capaian(self, ws, r: int, c: int, c_target: int, c_real: int, target: object, real: object,
                tercetak: str | None) -> None:
        """The agency's capaian cell (module docstring): its formula, or the figure typed by hand."""
        rumus = f"={_ref(r, c_real)}/{_ref(r, c_target)}*100"
        if _angka(target) and _angka(real):
            ws.write_formula(r, c, rumus, self.persen, real / target * 100)
        elif _huruf(target) and _huruf(real):
            ws.write_formula(r, c, rumus, self.persen, GALAT_NILAI)
        elif target is not None and real is not None and tercetak:
            ws.write_string(r, c, tercetak, self.nilai_teks)
        else:
            ws.write_blank(r, c, None, self.tengah)

    def gabung(self, ws, r0: int, r1: int, c: int, v: object, fmt) -> None:
        if r1 > r0:
            ws.merge_range(r0, c, r1, c, v, fmt)
        elif _angka(v):
            ws.write_number(r0, c, v, fmt)
        else:
            ws.write(r0, c, v, fmt)

    def close(self) -> None:
        self.wb.close()




def _kepala_dua_baris(b: _Buku, ws, r: int, kolom: list[tuple[str, list | None]]) -> None:
    """A two-row header: (text, None) spans both rows; (group, [leaves]) a group over its leaves (a
    leaf is a text, or a year typed as a number)."""
    c = 0
    for teks, daun in kolom:
        if daun is None:
            ws.merge_range(r, c, r + 1, c, teks, b.kepala)
            c += 1
        else:
            if len(daun) > 1:
                ws.merge_range(r, c, r, c + len(daun) - 1, teks, b.kepala)
            else:
                ws.write_string(r, c, teks, b.kepala)
            for k, d in enumerate(daun):
                ws.write(r + 1, c + k, d, b.kepala)
            c += len(daun)


def _baris_indikator(b: _Buku, ws, r0: int, data: Data, isi) -> int:
    """Write the indicator rows grouped by sasaran, No and Sasaran merged; `isi(ws, r, ind)` fills the
    rest of a row. Returns the row after the last."""
    r = r0
    for no, kel in enumerate(data.per_sasaran(), 1):
        akhir = r + len(kel) - 1
        b.gabung(ws, r, akhir, 0, f"{no}.", b.tengah)
        b.gabung(ws, r, akhir, 1, kel[0].sasaran, b.teks)
        for i in kel:
            ws.write_string(r, 2, i.nama, b.teks)
            isi(ws, r, i)
            r += 1
    return r


def _pk(b: _Buku, data: Data) -> None:
    ws = b.sheet("PK 2020", [6, 45, 45, 22])
    b.judul_tabel(ws, 0, [f"PERJANJIAN KINERJA PERUBAHAN TAHUN {TAHUN}", INSTANSI], 4)
    for c, t in enumerate(["No.", "Sasaran Strategis", "Indikator Kinerja", "Target"]):
        ws.write_string(3, c, t, b.kepala)
        ws.write_string(4, c, f"({c + 1})", b.nomor)
    r = _baris_indikator(b, ws, 5, data, lambda ws, r, i: b.nilai_sel(ws, r, 3, i.target.get(TAHUN)))

    r += 2
    for c, t in enumerate(["No.", "Program", "Anggaran", "Keterangan"]):
        ws.write_string(r, c, t, b.kepala)
    awal = r + 1
    for p in data.program:
        r += 1
        if p["No"]:
            ws.write_number(r, 0, int(p["No"]), b.tengah)
        else:
            ws.write_blank(r, 0, None, b.tengah)
        ws.write_string(r, 1, p["Program"], b.teks)
        ws.write_number(r, 2, float(p["Pagu"]), b.rupiah)
        ws.write_string(r, 3, p["Keterangan"], b.teks)
    r += 1
    ws.write_blank(r, 0, None, b.jumlah_teks)
    ws.write_string(r, 1, "Jumlah Anggaran", b.jumlah_teks)
    ws.write_formula(r, 2, f"=SUM({_ref(awal, 2)}:{_ref(r - 1, 2)})", b.jumlah_rupiah,
                     sum(float(p["Pagu"]) for p in data.program))
    ws.write_blank(r, 3, None, b.jumlah_teks)


def _ttd(b: _Buku, ws, r: int, c: int, data: Data) -> None:
    ws.write_string(r, c, "KEPALA DINAS KOPERASI DAN USAHA MIKRO", b.ttd)
    ws.write_string(r + 1, c, "KOTA DEPOK", b.ttd)
    ws.write_string(r + 5, c, data.kepala, b.ttd_nama)
    ws.write_string(r + 6, c, f"NIP. {data.nip}", b.ttd)


def _pengukuran(b: _Buku, data: Data) -> None:
    ws = b.sheet("Pengukuran Kinerja", [6, 40, 40, 9, 12, 12, 12, 28])
    b.judul_tabel(ws, 0, [f"PENGUKURAN KINERJA TAHUN {TAHUN}", INSTANSI,
                          f"Tabel 3.1 Capaian Indikator Kinerja Utama Tahun {TAHUN}"], 8)
    _kepala_dua_baris(b, ws, 4, [("No", None), ("Sasaran Strategis", None), ("Indikator Kinerja", None),
                                 ("Satuan", None), (f"Tahun {TAHUN}", ["Target", "Realisasi", "% Capaian"]),
                                 ("Ket", None)])
    for c, t in enumerate(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)=(6)/(5)x100", "(8)"]):
        ws.write_string(6, c, t, b.nomor)

    def isi(ws, r, i):
        ws.write_string(r, 3, i.satuan, b.tengah)
        t, x = i.target.get(TAHUN), i.realisasi.get(TAHUN)
        b.nilai_sel(ws, r, 4, t)
        b.nilai_sel(ws, r, 5, x)
        b.capaian(ws, r, 6, 4, 5, t, x, data.tercetak.get(("LAMPIRAN", i.kode, TAHUN, "capaian")))
        ket = data.tercetak.get(("LAMPIRAN", i.kode, TAHUN, "keterangan"), "")
        ws.write_string(r, 7, ket, b.teks) if ket else ws.write_blank(r, 7, None, b.teks)

    r = _baris_indikator(b, ws, 7, data, isi)
    r += 1
    ws.write_string(r, 0, "Catatan:", b.catatan)
    ws.write_string(r + 1, 0, "1. Nilai evaluasi AKIP 2020 menunggu penilaian Inspektorat; realisasi memakai "
                              "nilai tahun 2019.", b.catatan)
    ws.write_string(r + 2, 0, "2. Volume usaha koperasi terkoreksi akibat pandemi Covid-19.", b.catatan)
    ws.write_string(r + 3, 0, "Sumber: Sekretariat dan Bidang pada Dinas Koperasi dan Usaha Mikro Kota Depok "
                              "(data diolah).", b.catatan)
    _ttd(b, ws, r + 5, 5, data)


def _perbandingan(b: _Buku, data: Data) -> None:
    n = len(TAHUN_BANDING)
    ws = b.sheet("Perbandingan", [6, 36, 36, 8] + [9] * (3 * n))
    b.judul_tabel(ws, 0, ["Tabel 3.2 Perbandingan Realisasi Kinerja serta Capaian Kinerja Tahun Ini dengan "
                          "Tahun Lalu dan Beberapa Tahun Terakhir", INSTANSI], 4 + 3 * n)
    tahun = list(TAHUN_BANDING)
    _kepala_dua_baris(b, ws, 3, [("No.", None), ("Sasaran Strategis", None), ("Indikator Kinerja", None),
                                 ("Satuan", None), ("Target", tahun), ("Realisasi", tahun), ("Capaian", tahun)])

    def isi(ws, r, i):
        ws.write_string(r, 3, i.satuan, b.tengah)
        for k, th in enumerate(TAHUN_BANDING):
            t, x = i.target.get(th), i.realisasi.get(th)
            b.nilai_sel(ws, r, 4 + k, t)
            b.nilai_sel(ws, r, 4 + n + k, x)
            b.capaian(ws, r, 4 + 2 * n + k, 4 + k, 4 + n + k, t, x, data.tercetak.get(("3.2", i.kode, th, "capaian")))

    _baris_indikator(b, ws, 5, data, isi)


def _renstra(b: _Buku, data: Data) -> None:
    ws = b.sheet("Renstra", [6, 40, 40, 8, 14, 14, 12])
    b.judul_tabel(ws, 0, [f"Tabel 3.3 Perbandingan Realisasi Kinerja s/d Tahun {TAHUN} dengan Target "
                          "Renstra 2016-2021", INSTANSI], 7)
    ws.merge_range(3, 0, 4, 0, "No.", b.kepala)
    ws.merge_range(3, 1, 4, 1, "Sasaran Strategis", b.kepala)
    ws.merge_range(3, 2, 4, 2, "Indikator Kinerja", b.kepala)
    ws.merge_range(3, 3, 4, 3, "Satuan", b.kepala)
    ws.write_string(3, 4, "Target Renstra", b.kepala)
    ws.write_string(4, 4, "s/d 2021", b.kepala)
    ws.write_string(3, 5, "Realisasi", b.kepala)
    ws.write_string(4, 5, f"s/d {TAHUN}", b.kepala)
    ws.merge_range(3, 6, 4, 6, "% Capaian", b.kepala)

    def isi(ws, r, i):
        ws.write_string(r, 3, i.satuan, b.tengah)
        t, x = i.target_renstra, i.realisasi.get(TAHUN)
        b.nilai_sel(ws, r, 4, t)
        b.nilai_sel(ws, r, 5, x)
        b.capaian(ws, r, 6, 4, 5, t, x, data.tercetak.get(("3.3", i.kode, TAHUN, "capaian_renstra")))

    _baris_indikator(b, ws, 5, data, isi)


def _anggaran(b: _Buku, data: Data) -> None:
    ws = b.sheet("Anggaran", [6, 40, 40, 20, 20, 11])
    b.judul_tabel(ws, 0, [f"REALISASI ANGGARAN PER INDIKATOR KINERJA TAHUN {TAHUN}", INSTANSI], 6)
    _kepala_dua_baris(b, ws, 3, [("No", None), ("Sasaran Strategis", None), ("Indikator Kinerja", None),
                                 ("Anggaran (Rp)", ["Pagu", "Realisasi", "% Serapan"])])

    def isi(ws, r, i):
        ws.write_number(r, 3, i.pagu, b.rupiah)
        ws.write_number(r, 4, i.realisasi_anggaran, b.rupiah)
        ws.write_formula(r, 5, f"={_ref(r, 4)}/{_ref(r, 3)}*100", b.persen, i.realisasi_anggaran / i.pagu * 100)

    awal = 5
    r = _baris_indikator(b, ws, awal, data, isi)
    pagu = sum(i.pagu for i in data.indikator)
    real = sum(i.realisasi_anggaran for i in data.indikator)
    ws.merge_range(r, 0, r, 2, "JUMLAH", b.jumlah_teks)
    ws.write_formula(r, 3, f"=SUM({_ref(awal, 3)}:{_ref(r - 1, 3)})", b.jumlah_rupiah, pagu)
    ws.write_formula(r, 4, f"=SUM({_ref(awal, 4)}:{_ref(r - 1, 4)})", b.jumlah_rupiah, real)
    ws.write_formula(r, 5, f"={_ref(r, 4)}/{_ref(r, 3)}*100", b.jumlah_persen, real / pagu * 100)

    r += 3
    ws.merge_range(r, 0, r, 5, f"REALISASI BELANJA TAHUN {TAHUN}", b.subjudul)
    r += 2
    ws.write_string(r, 0, "No", b.kepala)
    ws.merge_range(r, 1, r, 2, "Uraian", b.kepala)
    for c, t in enumerate(["Anggaran (Rp)", "Realisasi (Rp)", "% Serapan"], 3):
        ws.write_string(r, c, t, b.kepala)
    awal = r + 1
    for no, x in enumerate(data.belanja, 1):
        r += 1
        ws.write_string(r, 0, f"{no}.", b.tengah)
        ws.merge_range(r, 1, r, 2, x["Jenis Belanja"], b.teks)
        ws.write_number(r, 3, float(x["Pagu"]), b.rupiah)
        ws.write_number(r, 4, float(x["Realisasi"]), b.rupiah)
        ws.write_formula(r, 5, f"={_ref(r, 4)}/{_ref(r, 3)}*100", b.persen,
                         float(x["Realisasi"]) / float(x["Pagu"]) * 100)
    r += 1
    pagu = sum(float(x["Pagu"]) for x in data.belanja)
    real = sum(float(x["Realisasi"]) for x in data.belanja)
    ws.merge_range(r, 0, r, 2, "JUMLAH", b.jumlah_teks)
    ws.write_formula(r, 3, f"=SUM({_ref(awal, 3)}:{_ref(r - 1, 3)})", b.jumlah_rupiah, pagu)
    ws.write_formula(r, 4, f"=SUM({_ref(awal, 4)}:{_ref(r - 1, 4)})", b.jumlah_rupiah, real)
    ws.write_formula(r, 5, f"={_ref(r, 4)}/{_ref(r, 3)}*100", b.jumlah_persen, real / pagu * 100)


def tulis_xlsxwriter(path: Path, data: Data) -> Path:
    """The workbook as XlsxWriter writes it (formulas with this script's cached values)."""
    b = _Buku(path)
    _pk(b, data)
    _pengukuran(b, data)
    _perbandingan(b, data)
    _renstra(b, data)
    _anggaran(b, data)
    b.close()
    return path


# --------------------------------------------------------------------------------------------------
# Saved through LibreOffice, checked


def rumus_sel(path: Path) -> dict[str, dict[str, tuple[str, object]]]:
    """sheet -> {cell: (formula text, cached value)} of an .xlsx, read from its sheet XML (the cached
    value: a float, a text, an error such as "#VALUE!", or None when the formula has none)."""
    from lxml import etree

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    with zipfile.ZipFile(path) as z:
        wb = etree.fromstring(z.read("xl/workbook.xml"))
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        hasil = {}
        for s in wb.iterfind("m:sheets/m:sheet", ns):
            t = target[s.get(f"{{{ns['r']}}}id")]
            part = t.lstrip("/") if t.startswith("/") else f"xl/{t}"
            rumus = {}
            for c in etree.fromstring(z.read(part)).iterfind(".//m:sheetData/m:row/m:c", ns):
                f = c.find("m:f", ns)
                if f is None:
                    continue
                v = c.findtext("m:v", default=None, namespaces=ns)
                if v is not None and c.get("t") not in ("e", "str"):
                    v = float(v)
                rumus[c.get("r")] = (f.text.lstrip("="), v)
            hasil[s.get("name")] = rumus
    return hasil


def nilai_sel(path: Path) -> dict[str, dict[str, object]]:
    """sheet -> {cell: cached value} (python-calamine; empty cells left out; errors as their text)."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    hasil = {}
    for nama in wb.sheet_names:
        sel = {}
        for r, baris in enumerate(wb.get_sheet_by_name(nama).to_python(skip_empty_area=False)):
            for c, v in enumerate(baris):
                if v != "" and v is not None:
                    sel[_ref(r, c)] = v
        hasil[nama] = sel
    return hasil


def periksa_nilai(xw: Path, lo: Path) -> list[str]:
    """Every formula of the LibreOffice-saved file `lo` is the one this script wrote into `xw` and
    carries a cached value equal to this script's (read from the XML; numbers also with calamine)."""
    ditulis, disimpan, dibaca = rumus_sel(xw), rumus_sel(lo), nilai_sel(lo)
    salah = []
    for sheet, sel_rumus in ditulis.items():
        for sel, (f, v) in sel_rumus.items():
            g, w = disimpan.get(sheet, {}).get(sel, (None, None))
            if g != f:
                salah.append(f"{sheet}!{sel}: formula {f!r} written, LibreOffice saved {g!r}")
            elif isinstance(v, float):
                c = dibaca[sheet].get(sel)
                if not all(isinstance(x, float) and math.isclose(v, x, rel_tol=1e-12, abs_tol=1e-9) for x in (w, c)):
                    salah.append(f"{sheet}!{sel}: {v!r} written, LibreOffice cached {w!r} (calamine {c!r})")
            elif w != v:
                salah.append(f"{sheet}!{sel}: {v!r} written, LibreOffice cached {w!r}")
    if sum(map(len, disimpan.values())) != sum(map(len, ditulis.values())):
        salah.append("LibreOffice saved another number of formulas")
    return salah


def bangun(keluar: Path = KELUAR) -> Path:
    """Write the workbook with XlsxWriter, save it through LibreOffice (recalculating), check, move."""
    from lakip_xl.berkas.libreoffice import konversi

    keluar = Path(keluar)
    data = data_contoh()
    with tempfile.TemporaryDirectory(prefix="lakip-dinas-") as tmp:
        (Path(tmp) / "xlsxwriter").mkdir()
        xw = tulis_xlsxwriter(Path(tmp) / "xlsxwriter" / keluar.name, data)
        (lo,) = konversi(xw, "xlsx", Path(tmp) / "lo", hitung_ulang=True)
        salah = periksa_nilai(xw, lo)
        if salah:
            raise SystemExit("LibreOffice computed other values than this script:\n" + "\n".join(salah))
        keluar.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(lo, keluar)
    return keluar


def ringkas(path: Path) -> str:
    """A short description of what was written (sheets, used ranges, formulas)."""
    nilai, rumus = nilai_sel(path), rumus_sel(path)
    return "\n".join(f"  {s}: {len(sel)} cells with a value, {len(rumus.get(s, {}))} formulas"
                     for s, sel in nilai.items())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keluar", type=Path, default=KELUAR, help="the .xlsx to write")
    a = ap.parse_args(argv)
    p = bangun(a.keluar)
    print(f"{p}\n{ringkas(p)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())

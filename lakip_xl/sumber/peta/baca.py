"""Read an agency's own workbook through its "Peta LAKIP" sheet into `lakip_xl.sumber.model.DataLakip`:
the second source of the same model, so hitung, ringkasan, periksa, ekspor and kirim work unchanged.

How the tables become the model (docs/dev/peta.md):

- Pengaturan: part A of the Peta LAKIP sheet, read exactly as the template's Pengaturan sheet
  (same keys, same checks, messages naming the Peta LAKIP cells).
- Indicators: the rows of the indicator tables (an indicator name in the Indikator column). The
  primary table (the one with a Sasaran column and the most indicators) gives their order; the
  other tables are joined to it by indicator name (the k-th row of a name with its k-th occurrence);
  an indicator only another table lists is added after. Codes IK1.. and S1.. follow that order
  (part C's Kode when the row is there). Polaritas, Tipe, Skala Nilai, Penyebut, Target Renstra and
  Bobot come from part C (defaults positif / Non Kumulatif when an indicator has no row there).
- Figures: each column gives its role in its year (Tahun empty = Tahun Laporan). The first table in
  part B's order with a value for (indicator, role, year) gives the data; a value another table
  repeats becomes a stated figure (Dilaporkan), as do the agency's own Capaian, Ket, Predikat,
  Realisasi s/d, Capaian Renstra and Serapan columns and its typed JUMLAH rows of budget columns,
  so the audit compares all of them with the rules. A stated number is read at the precision it is
  shown with (a formula's cached 44,8275... is the 44,83 of a 2-decimal cell: Jumlah Desimal).
- Programs (a program table: Program + Pagu), spending (rows "Belanja Tidak Langsung" / "Belanja
  Langsung"), the analysis texts (Permasalahan / Upaya / Tindak Lanjut) into Analisis.

Every value is an `Isian` with its real cell address on the agency's sheet (the record's `lokasi`
names the sheet), every message names the sheet and cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from lakip_xl.aturan.angka import parse_angka
from lakip_xl.aturan.capaian import skala_nilai_dari
from lakip_xl.aturan.nilai import ke_decimal
from lakip_xl.errors import AngkaError, AturanError, BerkasError, InputError, Laporan, Masalah
from lakip_xl.sumber import baca as _baca
from lakip_xl.sumber import model as m
from lakip_xl.sumber.baca import cocokkan
from lakip_xl.sumber.model import (
    Analisis,
    Anggaran,
    Belanja,
    DataLakip,
    Dilaporkan,
    Indikator,
    Isian,
    Lokasi,
    Program,
    RealisasiBaris,
    kunci,
    kunci_rapat,
)
from lakip_xl.sumber.peta import sinonim as s
from lakip_xl.sumber.peta.deteksi import (
    PERAN_NILAI,
    Kolom,
    Lembar,
    Tabel,
    jenis_baris,
    kosong,
    kunci_kolom,
    teks_kunci,
    teks_sel,
)
from lakip_xl.sumber.peta.lembar import (
    KOLOM_B,
    KOLOM_C,
    PERAN_DIISI,
    SHEET_PETA,
    WAJIB_B,
    WAJIB_C,
    YA,
    FaktaIndikator,
    Peta,
    ada_peta,
    baris_bagian,
    cari_bagian,
    rentang_baris,
)
from lakip_xl.xlsx.sheetspec import MAX_COL, col_letter, parse_ref

_TRIWULAN = {kunci_rapat(f"{a}{b}"): n for n, b in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
             for a in ("tw", "triwulan", "q", "")} | {str(n): n for n in range(1, 5)}
_BELANJA = {kunci_rapat(j): j for j in m.JENIS_BELANJA} | {
    kunci_rapat("BTL"): "Belanja Tidak Langsung", kunci_rapat("BL"): "Belanja Langsung"}
_NARASI = {"permasalahan": "penghambat", "upaya": "upaya", "tindak_lanjut": "tindak_lanjut",
           "pendorong": "pendorong"}


_BUKAN_HURUF = re.compile(r"[\W_]+")


def kunci_nama(teks: str) -> str:
    """An indicator's name as a join key: case, spacing and punctuation ignored."""
    return _BUKAN_HURUF.sub("", teks.casefold())


# ----------------------------------------------------------------------------------------------- sources
class SumberPengaturan:
    """The Peta LAKIP sheet seen as the template's Pengaturan sheet (its part A has the same header),
    so that the template reader's own checks read the facts."""

    def __init__(self, sumber, nama_peta: str):
        self.s = sumber
        self.nama = sumber.nama
        self.peta = nama_peta

    def sheet_names(self) -> list[str]:
        return [m.SHEET_PENGATURAN]

    def rows(self, sheet: str) -> list[list[object]]:
        return self.s.rows(self.peta)

    def rumus_tanpa_nilai(self, sheet: str) -> set[tuple[int, int]]:
        fn = getattr(self.s, "rumus_tanpa_nilai", None)
        return fn(self.peta) if fn else set()


def _lembar(sumber, nama: str, cache: dict[str, Lembar]) -> Lembar:
    lb = cache.get(nama)
    if lb is None:
        fn = getattr(sumber, "merged_ranges", None)
        rows = sumber.rows(nama)
        lb = cache[nama] = Lembar(nama, rows, fn(nama) if fn else [])
    return lb


# ------------------------------------------------------------------------------------------ the mapping
def baca_peta(sumber, lap: Laporan, nama_peta: str | None = None) -> Peta:
    """Parts B and C of the Peta LAKIP sheet (part A is read by `_pengaturan`)."""
    nama_peta = nama_peta or ada_peta(sumber.sheet_names()) or SHEET_PETA
    rows = sumber.rows(nama_peta)
    peta = Peta()
    sheet_ada = {kunci(n): n for n in sumber.sheet_names()}
    b = cari_bagian(rows, WAJIB_B, KOLOM_B)
    if b is None:
        lap.galat("Bagian B (kolom tabel) tidak ditemukan: tidak ada baris judul berisi "
                  + ", ".join(f"'{h}'" for h in WAJIB_B) + ".",
                  saran="Kembalikan baris judul bagian B, atau buat ulang sheet ini dengan 'lakip-xl peta BUKU --ganti'.",
                  sheet=nama_peta)
        return peta
    r0, kol = b
    per_tabel: dict[tuple, Tabel] = {}
    for r in baris_bagian(rows, r0):
        cells = rows[r]

        def ambil(h: str) -> object:
            c = kol.get(kunci(h))
            return cells[c] if c is not None and c < len(cells) else None

        def sel(h: str) -> str:
            c = kol.get(kunci(h))
            return f"{col_letter(c + 1)}{r + 1}" if c is not None else ""

        sheet = teks_sel(ambil("Sheet"))
        if not sheet:
            continue
        nama = sheet_ada.get(kunci(sheet))
        if nama is None:
            lap.galat(f"Sheet '{sheet}' yang disebut Peta LAKIP tidak ada di buku kerja.",
                      saran="Tulis nama sheet yang benar (mungkin sheet itu diganti nama), atau hapus baris ini.",
                      sheet=nama_peta, sel=sel("Sheet"))
            continue
        judul, data = rentang_baris(ambil("Baris Judul")), rentang_baris(ambil("Baris Data"))
        if judul is None or data is None or data[0] <= judul[1]:
            lap.galat("Baris Judul / Baris Data tidak terbaca (tulis misalnya '6-9' dan '10-113'; data di bawah judul).",
                      saran="Perbaiki rentang barisnya.", sheet=nama_peta,
                      sel=sel("Baris Judul" if judul is None else "Baris Data"))
            continue
        huruf = teks_sel(ambil("Kolom")).upper().replace("$", "")
        try:
            c = parse_ref(f"{huruf}1")[1] - 1 if huruf.isalpha() else -1
        except ValueError:
            c = -1
        if not 0 <= c < MAX_COL:
            lap.galat(f"Kolom '{huruf}' bukan huruf kolom Excel.", saran="Tulis huruf kolomnya, misalnya C atau AB.",
                      sheet=nama_peta, sel=sel("Kolom"))
            continue
        peran_teks = teks_sel(ambil("Peran"))
        peran = cocokkan(peran_teks, s.PERAN_LABEL) if peran_teks else "abaikan"
        if peran is None:
            lap.galat(f"Peran '{peran_teks}' tidak dikenal.",
                      saran="Pilih salah satu: " + ", ".join(s.PERAN.values()) + ".", sheet=nama_peta, sel=sel("Peran"))
            continue
        tahun = None
        v = ambil("Tahun")
        if not kosong(v):
            tahun = s.tahun_di(v) if teks_sel(v).isdigit() or isinstance(v, (int, float)) else None
            if tahun is None:
                lap.galat(f"'{teks_sel(v)}' bukan tahun.", saran="Tulis tahun empat angka, atau kosongkan "
                          "(= Tahun Laporan).", sheet=nama_peta, sel=sel("Tahun"))
                continue
        tw = None
        v = ambil("Triwulan")
        if not kosong(v):
            tw = _TRIWULAN.get(kunci_rapat(teks_sel(v)))
            if tw is None:
                lap.galat(f"Triwulan '{teks_sel(v)}' tidak dikenal.", saran="Tulis I, II, III atau IV, atau kosongkan.",
                          sheet=nama_peta, sel=sel("Triwulan"))
                continue
        isi = False
        v = ambil("Diisi lakip_xl")
        if not kosong(v):
            isi = kunci(teks_sel(v)) in YA
            if isi and peran not in PERAN_DIISI:
                lap.galat(f"Kolom {huruf} berperan '{s.PERAN.get(peran, peran)}'; lakip_xl hanya mengisi kolom "
                          "Capaian, Predikat dan Keterangan.",
                          saran="Kosongkan sel 'Diisi lakip_xl' ini, atau ubah Peran kolomnya.", sheet=nama_peta,
                          sel=sel("Diisi lakip_xl"))
                continue
            if not isi and kunci(teks_sel(v)) not in ("tidak", "t", "no", "n", "0", "false", "salah"):
                lap.galat(f"'{teks_sel(v)}' di kolom 'Diisi lakip_xl' tidak dikenal.",
                          saran="Tulis Ya (sync mengisi kolom ini) atau kosongkan.", sheet=nama_peta,
                          sel=sel("Diisi lakip_xl"))
                continue
        key = (nama, judul, data)
        t = per_tabel.get(key)
        if t is None:
            t = per_tabel[key] = Tabel(nama, judul[0] - 1, judul[1] - 1, data[0] - 1, data[1] - 1, [])
            peta.tabel.append(t)
        t.kolom.append(Kolom(c, peran, tahun, tw, teks_sel(ambil("Judul Kolom")), baris_peta=r + 1, isi=isi))
    cc = cari_bagian(rows, WAJIB_C, KOLOM_C, r0 + 1)
    if cc is not None:
        r1, kol = cc
        for r in baris_bagian(rows, r1):
            cells = rows[r]

            def ambil(h: str) -> object:
                c = kol.get(kunci(h))
                return cells[c] if c is not None and c < len(cells) else None

            nama = teks_sel(ambil("Indikator Kinerja"))
            if not nama:
                continue
            peta.indikator.append(FaktaIndikator(
                kode=teks_sel(ambil("Kode")).upper(), nama=nama, sel=teks_sel(ambil("Sel")), baris=r + 1))
        peta.kolom_c = (r1, kol)  # where part C lies, for the cell-level reading of its values
    return peta


# ------------------------------------------------------------------------------------------- gathering
@dataclass(slots=True)
class Sel:
    """A cell of an agency's table the mapping points at."""

    lb: Lembar
    r: int
    kolom: Kolom
    tabel: Tabel

    @property
    def nilai(self) -> object:
        return self.lb.raw(self.r, self.kolom.kol)

    @property
    def alamat(self) -> str:
        return f"{col_letter(self.kolom.kol + 1)}{self.r + 1}"


@dataclass
class Temuan:
    """An indicator as the tables show it, with every mapped cell of it."""

    nama: str
    kunci: str
    sasaran: str
    satuan: str
    sel_nama: Sel
    sel: dict[tuple[str, int | None, int | None], list[Sel]] = field(default_factory=dict)
    kode: str = ""
    kode_sasaran: str = ""
    fakta: FaktaIndikator | None = None


@dataclass
class Kumpulan:
    """What the tables hold, before parsing: indicators in order, program and spending rows, total rows."""

    indikator: list[Temuan] = field(default_factory=list)
    program: list[tuple[Tabel, Lembar, int]] = field(default_factory=list)
    belanja: list[tuple[Tabel, Lembar, int]] = field(default_factory=list)
    jumlah: list[tuple[Tabel, Lembar, int, list[tuple[Temuan | None, int]]]] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)


def _baris_tabel(lb: Lembar, t: Tabel):
    """(row, kind, sasaran so far, program so far) over a table's data rows; the sasaran column is
    filled down (merged cells and blanks under a sasaran both mean "the same sasaran")."""
    kk = kunci_kolom(t)
    nk = [k.kol for k in t.kolom if k.peran in PERAN_NILAI]
    ks, kp = kk.get("sasaran"), kk.get("program")
    sasaran = program = ""
    for r in range(t.data_awal, min(t.data_akhir, len(lb.rows) - 1) + 1):
        j = jenis_baris(lb, r, t, kk, nk)
        if j in ("kosong", "info"):
            yield r, j, sasaran, program
            continue
        if ks is not None:
            x = teks_kunci(lb.isi(r, ks))
            if x and not s.baris_jumlah(x):
                sasaran = x
        if j == "program" and kp is not None:
            program = teks_kunci(lb.raw(r, kp)) or program
        yield r, j, sasaran, program


def kumpulkan(sumber, peta: Peta, lap: Laporan) -> Kumpulan:
    """Walk the mapped tables: indicators joined across tables, their cells per (role, year, triwulan)."""
    cache: dict[str, Lembar] = {}
    out = Kumpulan()
    baris_ind: list[tuple[Tabel, Lembar, list[tuple[int, str, str, str, str]]]] = []
    for t in peta.tabel:
        lb = _lembar(sumber, t.sheet, cache)
        jenis = t.jenis
        if jenis == "program":
            kk = kunci_kolom(t)
            kp = kk.get("program")
            for r, j, _, _ in _baris_tabel(lb, t):
                if j == "jumlah":
                    out.jumlah.append((t, lb, r, []))
                elif j in ("program", "indikator") and kp is not None and teks_kunci(lb.raw(r, kp)):
                    out.program.append((t, lb, r))
            continue
        if jenis == "belanja":
            kk = kunci_kolom(t)
            kb = kk.get("belanja", kk.get("program"))
            for r, j, _, _ in _baris_tabel(lb, t):
                if j == "jumlah":
                    out.jumlah.append((t, lb, r, []))
                elif kb is not None and kunci_rapat(teks_kunci(lb.raw(r, kb))) in _BELANJA:
                    out.belanja.append((t, lb, r))
            continue
        if jenis != "indikator":
            out.catatan.append(f"Tabel {t.sheet}!{t.rentang}: tidak ada kolom Indikator, Program (dengan Pagu) atau "
                               "Jenis Belanja; tidak dibaca.")
            continue
        kk = kunci_kolom(t)
        ki, ksat = kk["indikator"], t.kol("satuan")
        rows = []
        for r, j, sasaran, program in _baris_tabel(lb, t):
            if j == "indikator":
                nama = teks_sel(lb.raw(r, ki))
                satuan = teks_kunci(lb.isi(r, ksat)) if ksat is not None else ""
                rows.append((r, nama, sasaran if "sasaran" in kk else program, satuan, j))
            elif j == "jumlah":
                rows.append((r, "", "", "", j))
        baris_ind.append((t, lb, _rincian(lb, t, rows)))
        _cek_ujung(lb, t, lap)
    # the primary table: a sasaran column and the most indicators (the first of equals)
    utama = None
    for t, lb, rows in baris_ind:
        n = sum(1 for x in rows if x[4] == "indikator")
        skor = (1 if "sasaran" in kunci_kolom(t) else 0, n)
        if n and (utama is None or skor > utama[0]):
            utama = (skor, t)
    urut = sorted(baris_ind, key=lambda x: 0 if utama is not None and x[0] is utama[1] else 1)
    per_kunci: dict[str, list[Temuan]] = {}
    cocok: dict[int, dict[int, Temuan]] = {}  # id(table) -> row -> indicator
    for t, lb, rows in urut:
        hitung: dict[str, int] = {}
        peta_baris = cocok.setdefault(id(t), {})
        for r, nama, sasaran, satuan, j in rows:
            if j != "indikator":
                continue
            k = kunci_nama(nama)
            i = hitung.get(k, 0)
            hitung[k] = i + 1
            ada = per_kunci.setdefault(k, [])
            if i < len(ada):
                x = ada[i]
                if not x.satuan and satuan:
                    x.satuan = satuan
                if not x.sasaran and sasaran:
                    x.sasaran = sasaran
            else:
                ki = kunci_kolom(t)["indikator"]
                kol = next(kk for kk in t.kolom if kk.kol == ki)
                x = Temuan(nama, k, sasaran, satuan, Sel(lb, r, kol, t))
                ada.append(x)
                out.indikator.append(x)
            peta_baris[r] = x
    # cells, in the mapping's order of tables (the first one with a value gives the data)
    for t, lb, rows in baris_ind:
        peta_baris = cocok.get(id(t), {})
        nilai = [k for k in t.kolom if k.peran in PERAN_NILAI or k.peran in _NARASI or k.peran == "satuan"]
        jml: list[tuple[Temuan | None, int]] = []
        for r, _, _, _, j in rows:
            if j == "jumlah":
                out.jumlah.append((t, lb, r, list(jml)))
                continue
            x = peta_baris.get(r)
            if x is None:
                continue
            jml.append((x, r))
            for k in nilai:
                if kosong(lb.raw(r, k.kol)) and not k.isi:  # an empty cell of a column to fill is filled
                    continue
                x.sel.setdefault((k.peran, k.tahun, k.triwulan), []).append(Sel(lb, r, k, t))
    return out


_BUTIR = re.compile(r"^\(?[a-z]\s*[.)]\s+\S", re.I)


def _rincian(lb: Lembar, t: Tabel, rows: list) -> list:
    """Lettered items under a heading row ("Jumlah rumusan kebijakan bidang :" with no figures, then
    "a. Pertanian", "b. Ketahanan Pangan" with theirs) are the indicators, named "heading a. Pertanian";
    the heading row itself is none."""
    nilai = [k.kol for k in t.kolom if k.peran in PERAN_NILAI]
    out = []
    induk = ""
    for i, (r, nama, sasaran, satuan, j) in enumerate(rows):
        if j != "indikator":
            induk = ""
            out.append((r, nama, sasaran, satuan, j))
            continue
        if _BUTIR.match(nama) and induk:
            out.append((r, f"{induk} {nama}", sasaran, satuan, j))
            continue
        berikut = rows[i + 1] if i + 1 < len(rows) else None
        if (berikut is not None and berikut[4] == "indikator" and _BUTIR.match(berikut[1]) and not _BUTIR.match(nama)
                and all(kosong(lb.raw(r, c)) for c in nilai)):
            induk = nama.rstrip(" :")
            continue
        induk = ""
        out.append((r, nama, sasaran, satuan, j))
    return out


def _cek_ujung(lb: Lembar, t: Tabel, lap: Laporan) -> None:
    """A row right under the mapped data rows that looks like one more indicator: the mapping's row
    range was not extended when a row was added."""
    r = t.data_akhir + 1
    if r >= len(lb.rows):
        return
    kk = kunci_kolom(t)
    nk = [k.kol for k in t.kolom if k.peran in PERAN_NILAI]
    if jenis_baris(lb, r, t, kk, nk) == "indikator" and any(not kosong(lb.raw(r, c)) for c in nk):
        lap.peringatan(
            f"Baris {r + 1} tampak berisi indikator tetapi berada di luar Baris Data "
            f"{t.data_awal + 1}-{t.data_akhir + 1} yang tertulis di Peta LAKIP; baris itu tidak dibaca.",
            saran=f"Perbarui 'Baris Data' tabel ini di sheet {SHEET_PETA} (bagian B), misalnya "
                  f"{t.data_awal + 1}-{r + 1}.", sheet=t.sheet, sel=f"A{r + 1}")


# ----------------------------------------------------------------------------------------------- reading
def _label(k: Kolom, tahun: int | None) -> str:
    label = s.PERAN.get(k.peran, k.peran)
    if tahun:
        label += f" {tahun}"
    if k.triwulan:
        label += f" TW {('I', 'II', 'III', 'IV')[k.triwulan - 1]}"
    return label


class _Baca:
    def __init__(self, sumber, peta: Peta, kumpulan: Kumpulan, p, peng: m.Pengaturan, nama_peta: str):
        self.s = sumber
        self.peta = peta
        self.k = kumpulan
        self.p = p  # lakip_xl.sumber.baca._Pembaca: the template reader's cell parsing and its Laporan
        self.peng = peng
        self.nama_peta = nama_peta
        self.dilaporkan: list[Dilaporkan] = []
        self.alamat: dict[tuple[str, str], str] = {}  # (template sheet, cell) -> the agency's sheet
        self.isi_balik: list[IsiBalik] = []  # cells of columns marked "Diisi lakip_xl" (write-back)
        self._tabel_kol: dict[tuple[str, int], _baca.Tabel] = {}
        self._rows_peta: list[list[object]] | None = None
        self._label: dict[int, str] = {}  # id(column) -> its label in messages ("Target 2020")
        k = peng.kebijakan
        self.desimal = getattr(k, "desimal", None) if not isinstance(k, dict) else k.get("desimal")
        if self.desimal is None:
            self.desimal = 2

    def tahun(self, k: Kolom) -> int:
        return k.tahun or self.peng.tahun

    # -- cells -------------------------------------------------------------------------------------
    def _t(self, sel: Sel) -> _baca.Tabel:
        key = (sel.tabel.sheet, sel.kolom.kol)
        t = self._tabel_kol.get(key)
        if t is None:
            t = self._tabel_kol[key] = _baca.Tabel(sel.tabel.sheet, sel.tabel.judul_akhir, {"nilai": sel.kolom.kol})
        return t

    def isian(self, sel: Sel, huruf=None, *, boleh_rentang: bool = False, boleh_negatif: bool = True,
              templat: str = m.SHEET_REALISASI) -> Isian:
        t = self._t(sel)
        label = self._label.get(id(sel.kolom))
        if label is None:
            label = self._label[id(sel.kolom)] = _label(sel.kolom, self.tahun(sel.kolom))
        x = self.p.isian(t, sel.r, sel.lb.rows[sel.r], "nilai", huruf=huruf, boleh_rentang=boleh_rentang,
                         boleh_negatif=boleh_negatif, label=label)
        if x.sel:
            self.alamat[(templat, x.sel)] = sel.tabel.sheet
        return x

    def nyata(self, sel: Sel, teks_saja: bool = False) -> Isian:
        """A stated figure: a number at the precision shown (Jumlah Desimal), text as typed (read as a
        number unless `teks_saja`: a Ket sentence, a unit)."""
        v = sel.nilai
        alamat = sel.alamat
        self.alamat[(m.SHEET_DILAPORKAN, alamat)] = sel.tabel.sheet
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            d = ke_decimal(v)
            if d is None:
                return Isian(None, "", alamat, False)
            if d.as_tuple().exponent < -self.desimal:
                d = d.quantize(Decimal(1).scaleb(-self.desimal), rounding=ROUND_HALF_UP)
            return Isian(d, format(d, "f"), alamat, False)
        teks = teks_sel(v)
        if teks_saja:
            return Isian(teks, teks, alamat, True)
        try:
            nilai = parse_angka(teks)
        except (AngkaError, AturanError):
            nilai = teks
        return Isian(nilai if nilai is not None else teks, teks, alamat, True)

    def label_tabel(self, t: Tabel) -> str:
        """A table's name in the audit: its sheet, with its range when the sheet holds more than one (the
        audit adds up and compares the figures of one table)."""
        if sum(1 for x in self.peta.tabel if x.sheet == t.sheet) > 1:
            return f"{t.sheet} {t.rentang}"
        return t.sheet

    def nyatakan(self, sel: Sel, besaran: str, kode: str, tahun: int | None) -> None:
        if kosong(sel.nilai):
            return
        t = sel.tabel
        self.dilaporkan.append(Dilaporkan(
            tabel=self.label_tabel(t), kode=kode, tahun=tahun, besaran=besaran,
            nilai=self.nyata(sel, besaran in ("satuan", "keterangan", "predikat")),
            sumber=f"{t.sheet} kolom {sel.kolom.huruf} ({s.PERAN.get(sel.kolom.peran, sel.kolom.peran)})",
            lokasi=Lokasi(t.sheet, sel.r + 1)))

    # -- indicators --------------------------------------------------------------------------------
    def indikator(self) -> list[Indikator]:
        fakta = self.peta.indikator
        per_nama: dict[str, list[FaktaIndikator]] = {}
        for f in fakta:
            per_nama.setdefault(kunci_nama(f.nama), []).append(f)
        dipakai: set[int] = set()
        hitung: dict[str, int] = {}
        kode_dipakai = {f.kode for f in fakta if f.kode}
        sasaran: dict[str, str] = {}
        out = []
        n = 0
        c_info = self.peta.kolom_c
        for x in self.k.indikator:
            i = hitung.get(x.kunci, 0)
            hitung[x.kunci] = i + 1
            calon = per_nama.get(x.kunci, [])
            f = calon[i] if i < len(calon) else None
            if f is not None:
                dipakai.add(id(f))
            elif fakta:
                self.p.lap.peringatan(
                    f"Indikator '{x.nama}' (sel {x.sel_nama.alamat}) belum ada di bagian C sheet {self.nama_peta}; "
                    "dipakai polaritas positif dan tipe Non Kumulatif.",
                    saran=f"Tambahkan barisnya di bagian C sheet {self.nama_peta} (nama indikator persis sama) lalu "
                          "isi Polaritas dan Tipe Penghitungan.", sheet=x.sel_nama.tabel.sheet, sel=x.sel_nama.alamat)
            n += 1
            kode = f.kode if f is not None and f.kode else ""
            if not kode:
                j = n
                while f"IK{j}" in kode_dipakai:
                    j += 1
                kode = f"IK{j}"
            kode_dipakai.add(kode)
            x.kode, x.fakta = kode, f
            ks = sasaran.setdefault(kunci_nama(x.sasaran), f"S{len(sasaran) + 1}")
            x.kode_sasaran = ks
            out.append(self._indikator(x, f, c_info))
        for f in fakta:
            if id(f) not in dipakai:
                self.p.lap.peringatan(
                    f"Indikator '{f.nama}' di bagian C tidak ditemukan di tabel mana pun; barisnya diabaikan.",
                    saran="Samakan namanya dengan nama indikator di tabel Anda, atau hapus barisnya.",
                    sheet=self.nama_peta, sel=f"B{f.baris}" if f.baris else "")
        return out

    def _indikator(self, x: Temuan, f: FaktaIndikator | None, c_info) -> Indikator:
        polaritas, tipe, skala, penyebut, bobot = "positif", "non_kumulatif", None, None, None
        target_renstra = m.KOSONG
        lokasi = Lokasi(x.sel_nama.tabel.sheet, x.sel_nama.r + 1)
        if f is not None and c_info is not None and f.baris:
            r1, kol = c_info
            t = _baca.Tabel(self.nama_peta, r1, kol)
            r = f.baris - 1
            if self._rows_peta is None:
                self._rows_peta = self.s.rows(self.nama_peta)  # parsed once, not once per indicator
            cells = self._rows_peta[r]
            polaritas = self.p.pilihan(t, r, cells, "Polaritas", m.POLARITAS_LABEL, sinonim=m.POLARITAS_SINONIM,
                                       bawaan="positif") or "positif"
            tipe = self.p.pilihan(t, r, cells, "Tipe Penghitungan", m.TIPE_LABEL, sinonim=m.TIPE_SINONIM,
                                  wajib=True) or "non_kumulatif"
            skala = self.p.pilihan(t, r, cells, "Skala Nilai", m.SKALA_NILAI_LABEL)
            if polaritas == "huruf":
                skala = skala or "akip"
            else:
                skala = None
            penyebut = self.p.isian(t, r, cells, "Penyebut").angka
            if penyebut is not None and penyebut <= 0:
                self.p.lap.galat(f"Penyebut harus lebih dari 0 (tertulis {penyebut}).",
                                 saran="Isi penyebut, atau kosongkan.", sheet=self.nama_peta, sel=t.sel(r, "Penyebut"))
                penyebut = None
            huruf = skala_nilai_dari(skala) if polaritas == "huruf" else None
            target_renstra = self.p.isian(t, r, cells, "Target Renstra", huruf=huruf, boleh_rentang=True)
            bobot = self.p.isian(t, r, cells, "Bobot", boleh_negatif=False).angka
            lokasi = Lokasi(self.nama_peta, f.baris)
            self.alamat[(m.SHEET_INDIKATOR, t.sel(r, "Polaritas"))] = self.nama_peta
        elif f is not None:  # a mapping not written yet: its defaults as proposed
            polaritas = cocokkan(f.polaritas, m.POLARITAS_LABEL, m.POLARITAS_SINONIM) or "positif"
            tipe = cocokkan(f.tipe, m.TIPE_LABEL, m.TIPE_SINONIM) or "non_kumulatif"
            skala = (cocokkan(f.skala_nilai, m.SKALA_NILAI_LABEL) or "akip") if polaritas == "huruf" else None
        huruf = skala_nilai_dari(skala) if polaritas == "huruf" else None
        if target_renstra.kosong:
            sel = self._pertama(x, "target_renstra")
            if sel is not None:
                target_renstra = self.isian(sel, huruf, boleh_rentang=True, templat=m.SHEET_INDIKATOR)
        return Indikator(
            kode=x.kode, kode_sasaran=x.kode_sasaran, sasaran=x.sasaran or "(tanpa sasaran)", nama=x.nama,
            satuan=x.satuan, polaritas=polaritas, tipe=tipe, skala_nilai=skala, penyebut=penyebut,
            target_renstra=target_renstra, bobot=bobot, lokasi=lokasi)

    @staticmethod
    def _pertama(x: Temuan, peran: str) -> Sel | None:
        for (p, _, _), daftar in x.sel.items():
            if p == peran and daftar:
                return daftar[0]
        return None

    # -- figures -----------------------------------------------------------------------------------
    def realisasi(self, indikator: list[Indikator]) -> tuple[list[RealisasiBaris], list[Anggaran], list[Analisis]]:
        per_kode = {i.kode: i for i in indikator}
        rows: list[RealisasiBaris] = []
        anggaran: list[Anggaran] = []
        analisis: list[Analisis] = []
        for x in self.k.indikator:
            ind = per_kode[x.kode]
            huruf = skala_nilai_dari(ind.skala_nilai) if ind.polaritas == "huruf" else None
            per: dict[tuple[int, int | None], dict[str, Isian]] = {}
            lok: dict[tuple[int, int | None], Lokasi] = {}
            ang: dict[int, dict[str, Isian]] = {}
            teks: dict[str, str] = {}
            for (peran, _, tw), daftar in x.sel.items():
                for i, sel in enumerate(daftar):
                    th = self.tahun(sel.kolom)
                    if peran in ("target", "realisasi", "jumlah"):
                        slot = per.setdefault((th, tw), {})
                        if peran in slot:
                            if tw is None and peran != "jumlah":
                                self.nyatakan(sel, peran, x.kode, th)
                            continue
                        v = self.isian(sel, huruf if peran != "jumlah" else None,
                                       boleh_rentang=peran == "target", boleh_negatif=peran != "jumlah")
                        if v.kosong and not v.teks:
                            continue
                        slot[peran] = v
                        if (th, tw) not in lok:
                            lok[(th, tw)] = Lokasi(sel.tabel.sheet, sel.r + 1)
                    elif peran in ("pagu", "realisasi_anggaran"):
                        slot = ang.setdefault(th, {})
                        if peran in slot:
                            self.nyatakan(sel, peran, x.kode, th)
                            continue
                        slot[peran] = self.isian(sel, boleh_negatif=False, templat=m.SHEET_ANGGARAN)
                        lok.setdefault(("anggaran", th), Lokasi(sel.tabel.sheet, sel.r + 1))
                    elif peran in ("capaian", "ket", "predikat", "realisasi_sd", "capaian_renstra", "serapan"):
                        if tw is not None:
                            continue
                        if sel.kolom.isi:  # lakip_xl is to write this cell (the sync drops its stated
                            # figure from the audit where it does); a Ket column holding the scale's labels
                            # ("Tercapai") keeps getting labels
                            isi = "predikat" if peran == "ket" and self._besaran_ket(teks_sel(sel.nilai)) == \
                                "predikat" else peran
                            self.isi_balik.append(IsiBalik(sel.tabel.sheet, sel.r + 1, sel.kolom.kol + 1, isi,
                                                           x.kode, th))
                        besaran = {"ket": "keterangan"}.get(peran, peran)
                        if peran == "ket":
                            besaran = self._besaran_ket(teks_sel(sel.nilai))
                        self.nyatakan(sel, besaran, x.kode, th)
                    elif peran == "target_renstra":
                        if i or sel is not self._pertama(x, "target_renstra"):
                            self.nyatakan(sel, "target_renstra", x.kode, th)
                    elif peran == "satuan":
                        # a table printing another unit than the indicator's: its plain numbers are read
                        # in it (the audit's rule), and the audit says the units differ
                        if kunci(teks_sel(sel.nilai)) != kunci(ind.satuan):
                            self.nyatakan(sel, "satuan", x.kode, None)
                    elif peran in _NARASI:
                        teks.setdefault(_NARASI[peran], "\n".join(
                            " ".join(b.split()) for b in str(sel.nilai).splitlines() if b.strip()))
            for (th, tw), slot in sorted(per.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
                rows.append(RealisasiBaris(
                    kode=x.kode, tahun=th, triwulan=tw, target=slot.get("target", m.KOSONG),
                    realisasi=slot.get("realisasi", m.KOSONG), jumlah=slot.get("jumlah", m.KOSONG),
                    lokasi=lok[(th, tw)]))
            for th, slot in sorted(ang.items()):
                anggaran.append(Anggaran(tahun=th, kode=x.kode, pagu=slot.get("pagu", m.KOSONG),
                                         realisasi=slot.get("realisasi_anggaran", m.KOSONG),
                                         lokasi=lok[("anggaran", th)]))
            if teks:
                analisis.append(Analisis(kode=x.kode, tahun=self.peng.tahun, lokasi=x.sel_nama and Lokasi(
                    x.sel_nama.tabel.sheet, x.sel_nama.r + 1), **teks))
        return rows, anggaran, analisis

    def _besaran_ket(self, teks: str) -> str:
        """A Ket cell is a stated Ket sentence, or a predikat when it is one of the scale's labels."""
        from lakip_xl.aturan.predikat import skala_dari

        k = self.peng.kebijakan
        nama = getattr(k, "skala_predikat", None) if not isinstance(k, dict) else k.get("skala_predikat")
        try:
            skala = skala_dari(nama or "sakip3")
        except (AturanError, KeyError):
            return "keterangan"
        if any(kunci_rapat(t.label) == kunci_rapat(teks) for t in skala.tingkat):
            return "predikat"
        return "keterangan"

    # -- programs, spending, totals -------------------------------------------------------------------
    def program(self, indikator: list[Indikator]) -> list[Program]:
        sas_kode = {kunci_nama(i.sasaran): i.kode_sasaran for i in indikator}
        ind_kode: dict[str, str] = {}
        for i in indikator:
            ind_kode.setdefault(kunci_nama(i.nama), i.kode)
        ada_s = {i.kode_sasaran for i in indikator}
        out = []
        for t, lb, r in self.k.program:
            kk = kunci_kolom(t)
            per = {k.peran: k for k in t.kolom}
            pagu_k = per.get("pagu")
            tahun = self.tahun(pagu_k) if pagu_k is not None else self.peng.tahun
            pagu = self.isian(Sel(lb, r, pagu_k, t), boleh_negatif=False, templat=m.SHEET_PROGRAM) \
                if pagu_k is not None else m.KOSONG
            ket = teks_sel(lb.raw(r, per["ket"].kol)) if "ket" in per else ""
            ks = ""
            if "sasaran" in kk:
                ks = sas_kode.get(kunci_nama(teks_kunci(lb.isi(r, kk["sasaran"]))), "")
            if not ks and ket:
                n = s.sasaran_ke(ket)
                if n and f"S{n}" in ada_s:
                    ks = f"S{n}"
            ki = ind_kode.get(kunci_nama(teks_kunci(lb.raw(r, kk["indikator"])))) if "indikator" in kk else ""
            out.append(Program(
                tahun=tahun, no=teks_kunci(lb.raw(r, kk["no"])) if "no" in kk else "",
                nama=teks_kunci(lb.raw(r, kk["program"])), pagu=pagu, kode_sasaran=ks, kode_indikator=ki or "",
                keterangan=ket, lokasi=Lokasi(t.sheet, r + 1)))
        return out

    def belanja(self) -> list[Belanja]:
        out = []
        for t, lb, r in self.k.belanja:
            kk = kunci_kolom(t)
            per = {k.peran: k for k in t.kolom}
            kb = kk.get("belanja", kk.get("program"))
            jenis = _BELANJA[kunci_rapat(teks_kunci(lb.raw(r, kb)))]
            pagu_k, real_k = per.get("pagu"), per.get("realisasi_anggaran") or per.get("realisasi")
            tahun = self.tahun(pagu_k) if pagu_k is not None else self.peng.tahun
            pagu = self.isian(Sel(lb, r, pagu_k, t), boleh_negatif=False, templat=m.SHEET_BELANJA) \
                if pagu_k is not None else m.KOSONG
            real = self.isian(Sel(lb, r, real_k, t), boleh_negatif=False, templat=m.SHEET_BELANJA) \
                if real_k is not None else m.KOSONG
            out.append(Belanja(tahun=tahun, jenis=jenis, pagu=pagu, realisasi=real, lokasi=Lokasi(t.sheet, r + 1)))
            if "capaian" in per or "serapan" in per:
                k = per.get("serapan") or per["capaian"]
                besaran = "serapan_btl" if jenis == "Belanja Tidak Langsung" else "serapan_bl"
                self.nyatakan(Sel(lb, r, k, t), besaran, "", tahun)
        return out

    def jumlah(self) -> None:
        """Typed total rows of budget columns: stated, so the audit adds the rows above them up."""
        for t, lb, r, baris in self.k.jumlah:
            per = {k.peran: k for k in t.kolom}
            jenis = t.jenis
            if jenis == "belanja":
                pasangan = (("pagu", "pagu_total", "pagu_btl", "pagu_bl"),
                            ("realisasi_anggaran", "realisasi_anggaran_total", "realisasi_btl", "realisasi_bl"))
                for peran, total, btl, bl in pasangan:
                    k = per.get(peran) or (per.get("realisasi") if peran == "realisasi_anggaran" else None)
                    if k is None:
                        continue
                    th = self.tahun(k)
                    for t2, lb2, r2 in self.k.belanja:
                        if t2 is t:
                            jenis_b = _BELANJA[kunci_rapat(teks_kunci(lb2.raw(r2, kunci_kolom(t).get(
                                "belanja", kunci_kolom(t).get("program")))))]
                            self.nyatakan(Sel(lb2, r2, k, t), btl if jenis_b == "Belanja Tidak Langsung" else bl, "", th)
                    self.nyatakan(Sel(lb, r, k, t), total, "", th)
                k = per.get("serapan") or per.get("capaian")
                if k is not None:
                    self.nyatakan(Sel(lb, r, k, t), "serapan_total", "", self.tahun(k))
                continue
            for peran, total in (("pagu", "pagu_bl"), ("realisasi_anggaran", "realisasi_bl")):
                k = per.get(peran)
                if k is None or kosong(lb.raw(r, k.kol)):
                    continue
                label = [teks_kunci(lb.raw(r, c)) for c in kunci_kolom(t).values()]
                if not any(label):
                    continue  # figures under no label: which rows they add up is not stated
                th = self.tahun(k)
                if jenis == "program":
                    for t2, lb2, r2 in self.k.program:
                        if t2 is t and r2 < r and peran == "pagu":
                            self.nyatakan(Sel(lb2, r2, k, t), "pagu_program", "", th)
                else:
                    if not _datar(lb, t, k, r):
                        continue
                    for x, r2 in baris:
                        self.nyatakan(Sel(lb, r2, k, t), peran, x.kode, th)
                self.nyatakan(Sel(lb, r, k, t), total, "", th)


def _datar(lb: Lembar, t: Tabel, k: Kolom, r_jumlah: int) -> bool:
    """No row above the total but indicator rows holds a figure in this column (a flat table: the total
    is the sum of the rows; in a program > kegiatan hierarchy it is not)."""
    kk = kunci_kolom(t)
    nk = [x.kol for x in t.kolom if x.peran in PERAN_NILAI]
    for r in range(t.data_awal, r_jumlah):
        if kosong(lb.raw(r, k.kol)):
            continue
        if jenis_baris(lb, r, t, kk, nk) != "indikator":
            return False
    return True


# -------------------------------------------------------------------------------------------- public API
@dataclass
class BacaanPeta:
    """The model read through a mapping, the mapping itself, and where each template-sheet cell of the
    model lies on the agency's sheets (to name the right sheet in the audit's findings); the cells the
    sync is to fill (write-back)."""

    data: DataLakip
    peta: Peta
    kumpulan: Kumpulan
    alamat: dict[tuple[str, str], str]
    isi_balik: list[IsiBalik] = field(default_factory=list)


@dataclass(frozen=True)
class IsiBalik:
    """A cell of the agency's sheet in a column marked "Diisi lakip_xl": what lakip_xl writes there."""

    sheet: str
    baris: int  # 1-based
    kolom: int  # 1-based
    peran: str  # capaian | predikat | ket
    kode: str  # the indicator
    tahun: int


def _pengaturan(sumber, nama_peta: str, lap: Laporan) -> m.Pengaturan:
    p = _baca._Pembaca(SumberPengaturan(sumber, nama_peta))
    peng = _baca._baca_pengaturan(p)
    for x in p.lap.daftar:
        lap.daftar.append(Masalah(**{**x.__dict__, "sheet": nama_peta if x.sheet in ("", m.SHEET_PENGATURAN)
                                     else x.sheet}))
    return peng


def baca_terpeta(sumber, peta: Peta | None = None, kumpulan: Kumpulan | None = None) -> BacaanPeta:
    """Read a workbook through its Peta LAKIP sheet (or through `peta`, a mapping not written yet, with
    its facts in `peta.pengaturan`). Raises InputError listing every problem; warnings come back in
    `data.peringatan`."""
    lap = Laporan()
    nama_peta = ada_peta(sumber.sheet_names())
    if peta is None:
        if nama_peta is None:
            raise InputError([Masalah(f"Sheet '{SHEET_PETA}' tidak ada.",
                                      saran="Buat dulu dengan 'lakip-xl peta BUKU'.")], berkas=sumber.nama)
        peng = _pengaturan(sumber, nama_peta, lap)
        peta = baca_peta(sumber, lap, nama_peta)
    else:
        peng = _pengaturan_dari(peta, lap)
        nama_peta = nama_peta or SHEET_PETA
    p = _baca._Pembaca(sumber)
    if kumpulan is None:
        kumpulan = kumpulkan(sumber, peta, lap)
    b = _Baca(sumber, peta, kumpulan, p, peng, nama_peta)
    indikator = b.indikator()
    realisasi, anggaran, analisis = b.realisasi(indikator)
    program = b.program(indikator)
    belanja = b.belanja()
    b.jumlah()
    for sel in peng.lokasi.values():
        b.alamat[(m.SHEET_PENGATURAN, sel)] = nama_peta
    data = DataLakip(pengaturan=peng, indikator=indikator, realisasi=realisasi, anggaran=anggaran,
                     program=program, belanja=belanja, dilaporkan=b.dilaporkan, analisis=analisis,
                     berkas=sumber.nama)
    semua = lap.daftar + p.lap.daftar
    if not indikator:
        semua.append(Masalah("Tidak ada indikator yang terbaca lewat Peta LAKIP.",
                             saran=f"Periksa bagian B sheet {nama_peta}: satu kolom harus berperan 'Indikator' dan "
                                   "Baris Data harus mencakup baris indikatornya.", sheet=nama_peta))
    Laporan(semua).hentikan_jika_galat(berkas=sumber.nama)
    data.peringatan = [Masalah(**{**x.__dict__, "berkas": x.berkas or sumber.nama}) for x in semua]
    return BacaanPeta(data, peta, kumpulan, b.alamat, b.isi_balik)


def _pengaturan_dari(peta: Peta, lap: Laporan) -> m.Pengaturan:
    """Pengaturan from a mapping held in memory (before it is written): its facts as typed values."""
    from lakip_xl.sumber.peta.lembar import KOLOM_A

    rows = [[""] * 3, KOLOM_A] + [[k.label, peta.pengaturan.get(k.label, ""), ""] for k in m.PENGATURAN_KUNCI]

    class _Satu:
        nama = ""

        def sheet_names(self):
            return [SHEET_PETA]

        def rows(self, sheet):
            return rows

    return _pengaturan(_Satu(), SHEET_PETA, lap)


def baca_buku(path: str | Path) -> DataLakip:
    """The model of any workbook lakip_xl reads: through its Peta LAKIP sheet when it has one, else the
    template's data sheets (lakip_xl.sumber.baca)."""
    return bacaan_buku(path)[0]


def bacaan_buku(path: str | Path, *, peta_dari: str | Path | None = None) -> tuple[DataLakip, BacaanPeta | None]:
    """baca_buku, with the reading through Peta LAKIP when there is one (its sheets and cells: the sync
    writes through it); `peta_dari`: the .xlsx holding the Peta LAKIP sheet of the data workbook `path`
    (lakip_xl.sumber.peta.sumber.buka). A workbook with neither the template's data sheets nor a Peta
    LAKIP sheet is an agency's own not mapped yet: a BerkasError that says to map it, not the template
    reader's three "add the sheet" messages."""
    from lakip_xl.sumber.peta.sumber import buka

    sumber = buka(path, peta_dari=peta_dari)
    nama = sumber.sheet_names()
    if ada_peta(nama):
        bacaan = baca_terpeta(sumber)  # raises InputError listing every problem at once
        return bacaan.data, bacaan
    ada = {m.kunci(n) for n in nama}
    if not any(m.kunci(n) in ada for n in (m.SHEET_PENGATURAN, m.SHEET_INDIKATOR, m.SHEET_REALISASI)):
        berkas = Path(path).name
        raise BerkasError(
            f"Buku kerja '{berkas}' bukan template lakip_xl (tidak ada sheet {m.SHEET_PENGATURAN}, "
            f"{m.SHEET_INDIKATOR} maupun {m.SHEET_REALISASI}) dan belum dipetakan (tidak ada sheet "
            f"'{SHEET_PETA}'). Berkas tidak diubah.",
            saran=(f"Untuk tabel kinerja instansi Anda sendiri: jalankan lakip-xl peta {berkas}, koreksi sheet "
                   f"'{SHEET_PETA}' (sel kuning), lalu ulangi perintah ini. Atau salin data Anda ke "
                   "workbooks/template.xlsx."), berkas=berkas)
    return _baca.baca_data(sumber), None


__all__ = ["BacaanPeta", "Kumpulan", "SumberPengaturan", "Temuan", "baca_buku", "baca_peta", "baca_terpeta", "bacaan_buku",
           "kumpulkan", "kunci_nama"]

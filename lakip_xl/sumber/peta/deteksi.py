"""Find an agency's own tables on its sheets, and the role of each of their columns.

What a dinas types (../shared/samples/README.md describes real ones) and how it is read here:

- title rows above the table (their year, "TAHUN 2020", is the year of columns that name none; a
  Renstra period "2016-2021", an agency "Perangkat Daerah : ..." and a region "Kota Depok" are facts);
- a header of one to five rows: the first row names at least two roles, one of them indikator,
  program or jenis belanja (`sinonim.peran_dasar`); a group row above it (cells merged over some of
  its columns) belongs to it; rows below belong to it while they only put text under group headers
  (years under "Target", "I".."IV" under "Triwulan", "K" / "Rp." / "%"), or are a numbered row
  ("(1) (2) ...", "1 2 ... 8=(7/6)", "a c d ... k = (j/i)*100"); the numbers of that row state the
  column algebra, which settles what a ratio column is (realisasi/target = capaian, realisasi/pagu =
  serapan, realisasi s/d / target Renstra = capaian Renstra);
- each column's header path (group to leaf, merged cells filled) gives its role (`sinonim.peran_kolom`);
- data rows run to the end of the table: separator rows (blank) may sit inside it; it ends at three
  blank rows, at a note or signature ("Catatan:", "Sumber:", "Kepala ...", "NIP", "Depok, ... 2020"),
  at the next table's header, or after blank rows followed by a row that is no indicator, program or
  total row;
- rows are read by kind (`jenis_baris`): indicator rows (text in the indikator column), program /
  kegiatan rows (a code such as "1.20.03" or text in the program column without an indicator), total
  rows ("JUMLAH", "Total", or numbers without any label), sasaran rows, and other rows (group labels
  such as "Urusan Wajib", "Perangkat Daerah : ...").

Pure: works on rows of cell values (python-calamine's) and merged ranges; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache

from lakip_xl.sumber.peta import sinonim as s
from lakip_xl.xlsx.sheetspec import col_letter

MAKS_BARIS_JUDUL = 5  # rows a header may span
MAKS_KOSONG = 3  # blank rows that end a table
MAKS_CATATAN = 20  # rows under a table read for notes and the signature
MAKS_GABUNG = 200_000  # cells of merged ranges filled (larger merges are left as they are)
PERAN_KUNCI = ("no", "kode", "sasaran", "program", "indikator", "belanja")
PERAN_NILAI = ("target", "realisasi", "capaian", "ket", "predikat", "target_renstra", "realisasi_sd",
               "capaian_renstra", "jumlah", "pagu", "realisasi_anggaran", "serapan")


def kosong(v: object) -> bool:
    return v is None or v == "" or (v.__class__ is str and not v.strip())


def angka(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def teks_sel(v: object) -> str:
    """A cell as one line of text ("" for empty; 2020.0 -> "2020")."""
    if kosong(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    return " ".join(str(v).split())


@lru_cache(maxsize=20_000)
def _peran_dasar(teks: str) -> str | None:
    return s.peran_dasar(teks)[0] if len(teks) <= 200 else None


# --- a sheet's cells ---------------------------------------------------------------------------------
class Lembar:
    """One sheet: its rows (row 0 = Excel row 1) and merged ranges (0-based, inclusive)."""

    def __init__(self, nama: str, rows: list[list[object]], merges: list[tuple[int, int, int, int]] = ()):
        self.nama = nama
        self.rows = rows
        self.merges = list(merges)
        self._gabung: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for m in self.merges:
            r0, c0, r1, c1 = m
            if (r1 - r0 + 1) * (c1 - c0 + 1) > MAKS_GABUNG:
                continue
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    self._gabung[(r, c)] = m

    def raw(self, r: int, c: int) -> object:
        try:  # r and c are never negative here
            return self.rows[r][c]
        except (IndexError, TypeError):
            return None

    def isi(self, r: int, c: int) -> object:
        """The cell's value, or the value of the merged range it belongs to."""
        m = self._gabung.get((r, c))
        if m is not None:
            return self.raw(m[0], m[1])
        return self.raw(r, c)

    def gabung(self, r: int, c: int) -> tuple[int, int, int, int] | None:
        return self._gabung.get((r, c))

    def baris_kosong(self, r: int, c0: int = 0, c1: int | None = None) -> bool:
        if not 0 <= r < len(self.rows):
            return True
        row = self.rows[r]
        hi = len(row) if c1 is None else min(len(row), c1 + 1)
        return all(kosong(row[c]) for c in range(max(c0, 0), hi))


# --- what was found -----------------------------------------------------------------------------------
@dataclass
class Kolom:
    """One column of a table: 0-based position, role, year and triwulan (None when the header names
    none), its header text and the label of the numbered header row."""

    kol: int
    peran: str  # a key of sinonim.PERAN
    tahun: int | None = None
    triwulan: int | None = None
    judul: str = ""
    nomor: str = ""
    baris_peta: int = 0  # its row in the Peta LAKIP sheet (0: not read from one)
    isi: bool = False  # "Diisi lakip_xl": sync writes the rules' figure into this column's cells (write-back)

    @property
    def huruf(self) -> str:
        return col_letter(self.kol + 1)


@dataclass
class Tabel:
    """A table found on a sheet (rows 0-based, inclusive)."""

    sheet: str
    judul_awal: int
    judul_akhir: int
    data_awal: int
    data_akhir: int
    kolom: list[Kolom]
    judul_atas: list[str] = field(default_factory=list)  # title rows above
    catatan_bawah: list[str] = field(default_factory=list)  # notes and signature lines under it
    tidak_jelas: list[str] = field(default_factory=list)  # what could not be told (Bahasa Indonesia)
    tahun: int | None = None  # the year its titles name

    @cached_property
    def batas(self) -> tuple[int, int]:
        """First and last column (0-based) of the table (its columns are fixed once it is built)."""
        return min(k.kol for k in self.kolom), max(k.kol for k in self.kolom)

    def kol(self, peran: str) -> int | None:
        for k in self.kolom:
            if k.peran == peran:
                return k.kol
        return None

    @property
    def jenis(self) -> str:
        """"indikator", "program", "belanja" or "" (a table lakip_xl does not read)."""
        peran = {k.peran for k in self.kolom}
        if "indikator" in peran:
            return "indikator"
        if "belanja" in peran:
            return "belanja"
        if "program" in peran and peran & {"pagu", "realisasi_anggaran"}:
            return "program"
        return ""

    @property
    def rentang(self) -> str:
        c0, c1 = self.batas
        return f"{col_letter(c0 + 1)}{self.judul_awal + 1}:{col_letter(c1 + 1)}{self.data_akhir + 1}"


# --- header ---------------------------------------------------------------------------------------------
_NOMOR = re.compile(r"^\(?\s*(\d{1,2}|[a-z])\s*\)?\.?$", re.I)
_NOMOR_RUMUS = re.compile(r"^\(?\s*(\d{1,2}|[a-z])\s*\)?\s*=\s*(.+)$", re.I)


def _token_nomor(v: object) -> str | None:
    """The id of a numbered header cell: 7 -> "7", "(7)" -> "7", "a" -> "a", "8=(7/6)" -> "8"."""
    if angka(v):
        return str(int(v)) if float(v).is_integer() and 0 <= v <= 99 else None
    t = teks_sel(v)
    if not t:
        return None
    m = _NOMOR.match(t) or _NOMOR_RUMUS.match(t)
    return m.group(1).casefold() if m else None


def _urutan(ids: list[str]) -> bool:
    """Numbers increasing ("1 2 3", "(1) (2) (4)") or letters increasing ("a c d ... n")."""
    if all(i.isdigit() for i in ids):
        n = [int(i) for i in ids]
        return all(a < b for a, b in zip(n, n[1:]))
    if all(i.isalpha() for i in ids):
        return all(a < b for a, b in zip(ids, ids[1:]))
    return False


def baris_nomor(lb: Lembar, r: int, c0: int, c1: int) -> bool:
    """A numbered header row: at least three cells, all numbering tokens, in increasing order."""
    ids = []
    for c in range(c0, c1 + 1):
        v = lb.raw(r, c)
        if kosong(v):
            continue
        i = _token_nomor(v)
        if i is None:
            return False
        ids.append(i)
    return len(ids) >= 3 and _urutan(ids)


def _token_judul(v: object) -> bool:
    """A header sub-cell that is no data: a year, a triwulan, a unit ("K", "Rp.", "%")."""
    t = teks_sel(v)
    if not t:
        return False
    if s.tahun_di(v) and not s.kata(t):
        return True
    return bool(s.romawi(t) or s.triwulan(t) or s.satuan_daun(t))


def calon_judul(lb: Lembar, r: int) -> dict[str, int] | None:
    """The roles a row names (role -> first column) when it can be a table's first header row."""
    row = lb.rows[r]
    teks = 0
    for v in row:
        if isinstance(v, str):
            if v.strip():
                teks += 1
        elif angka(v) and not s.tahun_di(v):
            return None  # a header holds no figures
    if teks < 2:
        return None
    peran: dict[str, int] = {}
    for c, v in enumerate(row):
        if isinstance(v, str) and v.strip():
            p = _peran_dasar(" ".join(v.split()))
            if p and p not in peran:
                peran[p] = c
    if len(peran) >= 2 and peran.keys() & {"indikator", "program", "belanja"}:
        return peran
    return None


def _rentang_kolom(lb: Lembar, r: int) -> tuple[int, int]:
    cs = [c for c in range(len(lb.rows[r])) if not kosong(lb.isi(r, c))]
    return min(cs), max(cs)


def blok_judul(lb: Lembar, h0: int) -> tuple[int, int, int | None, int, int]:
    """(first header row, last header row, numbered row or None, first column, last column)."""
    c0, c1 = _rentang_kolom(lb, h0)
    awal = h0
    # a group row above: cells merged over some (not all) of the header's columns
    for _ in range(2):
        r = awal - 1
        if r < 0 or lb.baris_kosong(r, c0, c1):
            break
        ok, isi = True, 0
        for c in range(c0, c1 + 1):
            v = lb.raw(r, c)
            if kosong(v):
                continue
            isi += 1
            m = lb.gabung(r, c)
            lebar_ = (m[3] - m[1] + 1) if m else 1
            turun = m is not None and m[2] >= awal
            if angka(v) and not s.tahun_di(v) or not (turun or 1 < lebar_ < c1 - c0 + 1):
                ok = False
                break
        if not ok or not isi:
            break
        awal = r
    daun = {}
    for r in range(awal, h0 + 1):
        for c in range(c0, c1 + 1):
            if not kosong(lb.raw(r, c)):
                m = lb.gabung(r, c)
                daun[c] = not (m and m[3] > m[1])
    akhir, nomor = h0, None
    r = h0 + 1
    while r < len(lb.rows) and r - awal < MAKS_BARIS_JUDUL:
        if lb.baris_kosong(r, c0, c1):
            break
        if baris_nomor(lb, r, c0, c1):
            nomor, akhir = r, r
            daun = dict.fromkeys(range(c0, c1 + 1), True)
            r += 1
            continue
        ok = True
        isi = []
        for c in range(c0, c1 + 1):
            v = lb.raw(r, c)
            if kosong(v):
                continue
            if _token_judul(v):
                isi.append(c)
                continue
            if daun.get(c) or angka(v) or len(teks_sel(v)) > 120:
                ok = False
                break
            isi.append(c)
        if not ok or not isi:
            break
        for c in isi:
            m = lb.gabung(r, c)
            if not (m and m[3] > m[1]):
                daun[c] = True
        akhir = r
        r += 1
    # the header's columns: every column any header row names (merged cells filled)
    cs = [c for r in range(awal, akhir + 1) if r != nomor for c in range(len(lb.rows[r]))
          if not kosong(lb.isi(r, c))]
    if cs:
        c0, c1 = min(cs), max(cs)
    return awal, akhir, nomor, c0, c1


def _jalur(lb: Lembar, c: int, awal: int, akhir: int, nomor: int | None) -> list[str]:
    out: list[str] = []
    for r in range(awal, akhir + 1):
        m = lb.gabung(r, c)
        if r == nomor or (m is not None and m[0] == nomor):
            continue
        t = teks_sel(lb.isi(r, c))
        if t and (not out or out[-1] != t):
            out.append(t)
    return out


# --- rows ---------------------------------------------------------------------------------------------
_PELURU = frozenset({"-", "--", "\u2013", "\u2014", "*", "\u2022", "o"})


def teks_kunci(v: object) -> str:
    """A key cell's text, "" for empty or a bullet ("-")."""
    t = teks_sel(v)
    return "" if t in _PELURU else t


def jenis_baris(lb: Lembar, r: int, t: Tabel, kunci_kol: dict[str, int], nilai_kol: list[int]) -> str:
    """"kosong", "jumlah", "indikator", "program", "belanja", "sasaran", "info" or "lain"."""
    c0, c1 = t.batas
    if lb.baris_kosong(r, c0, c1):
        return "kosong"
    label = [teks_kunci(lb.raw(r, c)) for c in kunci_kol.values()]
    # a total label is a word or three ("JUMLAH", "Sub Total Program 1"); an indicator name is longer
    if any(s.baris_jumlah(x) for x in label if x and len(x) <= 40):
        return "jumlah"
    if any(s.instansi_di(x) for x in label if ":" in x):
        return "info"
    ki = kunci_kol.get("indikator")
    if ki is not None and teks_kunci(lb.raw(r, ki)):
        return "indikator"
    kb = kunci_kol.get("belanja")
    if kb is not None and teks_kunci(lb.raw(r, kb)):
        return "belanja"
    kp = kunci_kol.get("program")
    if kp is not None and teks_kunci(lb.raw(r, kp)):
        return "program"
    ks = kunci_kol.get("sasaran")
    if ks is not None and teks_kunci(lb.raw(r, ks)):
        return "sasaran"
    teks_lain = any(teks_kunci(lb.raw(r, c)) for p, c in kunci_kol.items() if p not in ("no", "kode"))
    if not teks_lain and any(angka(lb.raw(r, c)) for c in nilai_kol):
        return "jumlah"  # figures under no label: a total row
    kode = kunci_kol.get("kode")
    if kode is not None and not teks_lain and not kosong(lb.raw(r, kode)):
        return "program"  # a code-numbered hierarchy row ("1 20 03")
    return "lain"


def _catatan(lb: Lembar, r: int, c0: int, c1: int) -> bool:
    """A note or signature row: at most two text cells, one of them a note ("Catatan: ...")."""
    row = lb.rows[r]
    isi = []
    for c in range(c0, min(c1 + 1, len(row))):
        v = row[c]
        if kosong(v):
            continue
        if not isinstance(v, str) or len(isi) == 2:
            return False
        isi.append(v)
    return any(s.baris_catatan(x) for x in isi)


# --- the search -------------------------------------------------------------------------------------
def temukan(lb: Lembar) -> list[Tabel]:
    """Every table of a sheet that names at least two roles, one of them indikator, program or
    jenis belanja, top to bottom."""
    out: list[Tabel] = []
    r = 0
    batas_atas = 0
    n = len(lb.rows)
    while r < n:
        if calon_judul(lb, r) is None:
            r += 1
            continue
        awal, akhir, nomor, c0, c1 = blok_judul(lb, r)
        t = _tabel(lb, awal, akhir, nomor, c0, c1)
        if t is None:
            r += 1
            continue
        t.judul_atas = [teks_sel(x) for rr in range(batas_atas, awal) for x in lb.rows[rr] if not kosong(x)]
        t.tahun = _tahun_judul(t.judul_atas)
        _isi_tahun(t)
        out.append(t)
        # notes under the table, up to the next header
        rr = t.data_akhir + 1
        while rr < min(n, t.data_akhir + 1 + MAKS_CATATAN) and calon_judul(lb, rr) is None:
            t.catatan_bawah += [teks_sel(x) for x in lb.rows[rr] if not kosong(x)]
            rr += 1
        batas_atas = t.data_akhir + 1
        r = t.data_akhir + 1
    return out


def _tahun_judul(judul: list[str]) -> int | None:
    for teks in reversed(judul):
        if s.periode_di(teks):
            continue
        th = s.tahun_di(teks)
        if th:
            return th
    return None


def _isi_tahun(t: Tabel) -> None:
    """Columns of a yearly role without a year of their own take the year of the table's title."""
    if t.tahun is None:
        return
    for k in t.kolom:
        if k.tahun is None and k.peran in PERAN_NILAI and k.peran not in ("target_renstra",):
            k.tahun = t.tahun


def _tabel(lb: Lembar, awal: int, akhir: int, nomor: int | None, c0: int, c1: int) -> Tabel | None:
    kolom: list[Kolom] = []
    tidak: list[str] = []
    for c in range(c0, c1 + 1):
        jalur = _jalur(lb, c, awal, akhir, nomor)
        if not jalur:
            continue
        peran, tahun, tw = s.peran_kolom(jalur)
        no = teks_sel(lb.raw(nomor, c)) if nomor is not None else ""
        kolom.append(Kolom(c, peran or "abaikan", tahun, tw, " / ".join(jalur), no))
        if peran is None:
            tidak.append(f"Kolom {col_letter(c + 1)} ('{_pendek(' / '.join(jalur))}'): perannya tidak dikenali; "
                         "diabaikan.")
    if not kolom:
        return None
    t = Tabel(lb.nama, awal, akhir, akhir + 1, akhir, kolom, tidak_jelas=tidak)
    _aljabar(t)
    _renstra(t)
    _rapikan(lb, t)
    if not t.jenis:
        return None
    _akhir_data(lb, t)
    if _pilih_kunci(lb, t):
        _akhir_data(lb, t)  # the rows' kinds follow the key columns
    _belanja(lb, t)
    _bukan_angka(lb, t)
    return t


def _renstra(t: Tabel) -> None:
    """A table that compares with the Renstra target (a Target Renstra column and no yearly target):
    its capaian is the capaian against the Renstra target, its realisasi the realisasi s/d."""
    peran = {k.peran for k in t.kolom}
    if "target_renstra" not in peran or "target" in peran:
        return
    for k in t.kolom:
        if k.peran == "capaian":
            k.peran = "capaian_renstra"
        elif k.peran == "realisasi" and not k.triwulan:
            k.peran = "realisasi_sd"


_JENIS_BELANJA = ("belanja tidak langsung", "belanja langsung", "btl", "bl", "total belanja", "belanja")


def _belanja(lb: Lembar, t: Tabel) -> None:
    """A program-like table whose rows are spending kinds ("Belanja Tidak Langsung", "Belanja Langsung"):
    its Uraian column is the spending kind, its realisasi the budget realisasi, its % the serapan."""
    kp = t.kol("program")
    if kp is None or t.kol("indikator") is not None:
        return
    teks = [teks_kunci(lb.raw(r, kp)).casefold() for r in range(t.data_awal, t.data_akhir + 1)]
    teks = [x for x in teks if x and not s.baris_jumlah(x)]
    if not teks or sum(1 for x in teks if x.startswith(_JENIS_BELANJA)) * 2 < len(teks):
        return
    for k in t.kolom:
        if k.kol == kp:
            k.peran = "belanja"
        elif k.peran == "realisasi":
            k.peran = "realisasi_anggaran"
        elif k.peran == "capaian":
            k.peran = "serapan"


def _bukan_angka(lb: Lembar, t: Tabel) -> None:
    """A target or realisasi column that holds sentences (an output description under "Target Capaian")
    is no figure column."""
    for k in t.kolom:
        if k.peran not in ("target", "realisasi", "target_renstra", "pagu", "realisasi_anggaran"):
            continue
        isi = [lb.raw(r, k.kol) for r in range(t.data_awal, t.data_akhir + 1) if not kosong(lb.raw(r, k.kol))]
        kalimat = sum(1 for v in isi if isinstance(v, str) and len(v.split()) >= 3 and not any(ch.isdigit() for ch in v))
        if isi and kalimat * 2 > len(isi):
            t.tidak_jelas.append(f"Kolom {k.huruf} ('{_pendek(k.judul)}') berisi kalimat, bukan angka; diabaikan.")
            k.peran = "abaikan"


def _pendek(teks: str, n: int = 60) -> str:
    return teks if len(teks) <= n else teks[: n - 1] + "…"


_RASIO = re.compile(r"\(?\s*(\d{1,2}|[a-z])\s*\)?\s*/\s*\(?\s*(\d{1,2}|[a-z])\b", re.I)
_JUMLAH_RUMUS = re.compile(r"^[\s(]*(\d{1,2}|[a-z])(\s*\+\s*(\d{1,2}|[a-z]))+[\s)]*$", re.I)


def _aljabar(t: Tabel) -> None:
    """Settle ratio columns by the algebra the numbered header row states ("8=(7/6)", "k = (j/i)*100")."""
    per_id: dict[str, Kolom] = {}
    for k in t.kolom:
        i = _token_nomor(k.nomor) if k.nomor else None
        if i is not None:
            per_id[i] = k
    for k in t.kolom:
        m = _NOMOR_RUMUS.match(k.nomor) if k.nomor else None
        if not m:
            continue
        rumus = m.group(2)
        rasio = _RASIO.search(rumus)
        if rasio:
            a, b = per_id.get(rasio.group(1).casefold()), per_id.get(rasio.group(2).casefold())
            if a is None or b is None:
                continue
            if b.peran == "pagu" and a.peran in ("realisasi", "realisasi_anggaran", "abaikan"):
                a.peran, k.peran = "realisasi_anggaran", "serapan"
                a.tahun = a.tahun or b.tahun
            elif b.peran == "target" and a.peran in ("realisasi", "abaikan"):
                a.peran, k.peran = "realisasi", "capaian"
            elif b.peran == "target_renstra" and a.peran in ("realisasi", "realisasi_sd", "abaikan"):
                a.peran, k.peran = "realisasi_sd", "capaian_renstra"
            k.tahun = k.tahun or a.tahun
        elif _JUMLAH_RUMUS.match(rumus):
            bagian = [per_id.get(x.casefold()) for x in re.findall(r"\d{1,2}|[a-z]", rumus, re.I)]
            if k.peran == "realisasi_sd" and any(b is not None and b.peran == "realisasi_sd" for b in bagian):
                t.tidak_jelas.append(
                    f"Kolom {k.huruf} menjumlahkan realisasi s/d tahun lalu dan realisasi tahun ini ({k.nomor}): "
                    "itu hanya benar untuk indikator Kumulatif; tentukan Tipe Penghitungan tiap indikator di "
                    "Peta LAKIP.")


def _rapikan(lb: Lembar, t: Tabel) -> None:
    """One column per role: a series of yearly 'Target Renstra' columns is the yearly targets; of two
    sasaran columns the agency's own; of two indicator or program columns the one with the texts;
    a second column of the same role and year is left out and said so."""
    tr = [k for k in t.kolom if k.peran == "target_renstra"]
    if len({k.tahun for k in tr}) > 1:
        for k in tr:
            k.peran = "target"
    sas = [k for k in t.kolom if k.peran == "sasaran"]
    if len(sas) > 1:
        terbaik = max(sas, key=lambda k: (s.skor_sasaran(k.judul), k.kol))
        for k in sas:
            if k is not terbaik:
                k.peran = "abaikan"
                t.tidak_jelas.append(f"Kolom {k.huruf} ('{_pendek(k.judul)}') juga sasaran; yang dipakai kolom "
                                     f"{terbaik.huruf}.")
    dilihat: dict[tuple, Kolom] = {}
    for k in t.kolom:
        if k.peran in ("abaikan", "kode"):
            continue
        key = (k.peran, k.tahun, k.triwulan)
        if key in dilihat:
            lain = dilihat[key]
            if k.peran in ("indikator", "program", "satuan", "no", "belanja"):
                continue  # settled by their texts once the data rows are known (_pilih_kunci)
            k.peran = "abaikan"
            t.tidak_jelas.append(f"Kolom {k.huruf} ('{_pendek(k.judul)}') berperan sama dengan kolom {lain.huruf}; "
                                 "diabaikan. Ubah perannya di Peta LAKIP bila perlu.")
        else:
            dilihat[key] = k


def _nilai_kol(t: Tabel) -> list[int]:
    return [k.kol for k in t.kolom if k.peran in PERAN_NILAI]


def kunci_kolom(t: Tabel) -> dict[str, int]:
    out: dict[str, int] = {}
    for k in t.kolom:
        if k.peran in PERAN_KUNCI and k.peran not in out:
            out[k.peran] = k.kol
    return out


def _akhir_data(lb: Lembar, t: Tabel) -> None:
    c0, c1 = t.batas
    kk, nk = kunci_kolom(t), _nilai_kol(t)
    akhir = t.judul_akhir
    kosong_ = 0
    r = t.judul_akhir + 1
    n = len(lb.rows)
    while r < n:
        if lb.baris_kosong(r, c0, c1):
            kosong_ += 1
            if kosong_ >= MAKS_KOSONG:
                break
            r += 1
            continue
        if _catatan(lb, r, c0, c1) or calon_judul(lb, r) is not None:
            break
        j = jenis_baris(lb, r, t, kk, nk)
        if kosong_ and j not in ("indikator", "program", "belanja", "jumlah", "sasaran"):
            break
        kosong_ = 0
        akhir = r
        r += 1
    t.data_akhir = akhir


def _pilih_kunci(lb: Lembar, t: Tabel) -> bool:
    """Of two columns of one key role (an "Indikator" header merged over a bullet column and the text
    column), keep the one whose data cells hold the most text. True when a column was left out."""
    ubah = False
    for peran in ("indikator", "program", "satuan", "no", "belanja"):
        ks = [k for k in t.kolom if k.peran == peran]
        if len(ks) < 2:
            continue

        def isi(k: Kolom) -> int:
            return sum(len(teks_kunci(lb.raw(r, k.kol))) for r in range(t.data_awal, t.data_akhir + 1))

        terbaik = max(ks, key=isi)
        for k in ks:
            if k is not terbaik:
                k.peran = "abaikan"
                ubah = True
    return ubah

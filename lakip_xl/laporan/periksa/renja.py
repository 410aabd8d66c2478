"""Reader and checker of a form lakip_xl did not make: the Permendagri 86/2017 "Evaluasi Renja".

What this module owns:

- recognising the form on any sheet from its NUMBERED header row (cells 1, 2, 3, ... N, some carrying
  the column algebra as text, e.g. "13 = 9 + 10 + 11 + 12"), and naming each numbered column from its
  header text (merged cells followed) and its sub-columns ("K" kinerja, "Rp." anggaran, "%");
  nothing is tied to column letters;
- the cumulative check: the form computes "realisasi s/d tahun ini = realisasi s/d tahun lalu +
  realisasi tahun ini" for EVERY row, which is wrong for indicators measuring a level (percentages,
  indices/scores/ratios, stocks counted per period such as "orang / bulan"): for those the s/d figure is
  the last value (domain.md section 3; seed: "Nilai evaluasi AKIP: non kumulatif"). Rule: `jenis_satuan`;
- the form's own arithmetic, from the equations written in its numbered header row (or, when the row
  carries none, the Permendagri 86/2017 algebra: 13 = sum of the quarters, 14 = 7 + 13, 15 = 14/6 x 100);
- `format_hasil`: the result as Indonesian text for the CLI (`lakip-xl periksa BOOK`).

The workbook is only read: cached values with python-calamine, formulas (to quote them in findings)
with openpyxl in read_only mode. Nothing is ever saved. Whatever cannot be interpreted is listed in
`Hasil.tidak_dipahami`; a file that cannot be read at all raises `BerkasError`.
See docs/dev/renja-form.md for the form as found in the sample and the findings on it.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from lakip_xl.aturan.nilai import bulatkan, ke_decimal
from lakip_xl.berkas.safety import periksa_ada
from lakip_xl.errors import AturanError, BerkasError
from lakip_xl.laporan.periksa.temuan import GALAT, INFO, PERINGATAN, Hasil, Temuan
from lakip_xl.xlsx.sheetspec import cell_ref, col_letter

FORM = "Evaluasi Renja (Permendagri 86/2017)"

BARIS_JUDUL_MAKS = 60  # the numbered header row is searched in the first rows of a sheet only
NOMOR_MIN = 8  # the form numbers at least 1..12 (original) or 1..15 (with Satuan); 8 rules out small tables

_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # .xls or an encrypted .xlsx

# ---------------------------------------------------------------------------------------- units

# Unit classification (documented in docs/dev/renja-form.md, "The rule"):
#   "persen"   percentages: a share of something at a moment, never summed across years unless each
#              year's figure is an increment over a FIXED denominator (seed: "Persentase usaha mikro naik
#              kelas" 7 + 9 + 61 + 53 of 1000) - so a sum above 100 is an error, a sum below a warning;
#   "indeks"   scores, indices, ratios, grades ("Nilai", "Indeks", "Rasio", "Predikat"...): never summed
#              (seed: "Nilai evaluasi AKIP: non kumulatif");
#   "laju"     a quantity per period ("Orang / Bulan", "Orang per Tahun"): a level of a stock (e.g. staff
#              paid each month), never summed across years;
#   "hitungan" counts of outputs (dokumen, laporan, unit, paket, orang...): flows, summed by the form as
#              Permendagri 86/2017 intends; only checked against an end target that is itself not a sum.
_PERSEN = {"%", "persen", "prosen", "persentase", "prosentase", "percent"}
_INDEKS = {
    "nilai", "indeks", "index", "skor", "score", "poin", "point", "rasio", "ratio", "predikat", "opini",
    "peringkat", "level", "angka", "grade", "huruf", "kategori", "status",
}
_PERIODE = ("bulan", "bln", "tahun", "thn", "hari", "minggu", "triwulan", "semester")
_HITUNGAN = {
    "dok", "dokumen", "lap", "laporan", "unit", "paket", "jenis", "berita acara", "usulan", "kerja sama",
    "kegiatan", "orang", "org", "buah", "kali", "naskah", "buku", "sertifikat", "perda", "perkada", "sk",
    "rekomendasi", "kajian", "inovasi", "lokasi", "titik", "desa", "kelurahan", "kecamatan", "opd",
    "perangkat daerah", "aplikasi", "sistem", "data", "set", "judul", "event", "forum", "rapat", "ls",
    "keg", "eks", "eksemplar", "lembar", "bulan", "hari", "pd", "skpd", "instansi", "lembaga", "kelompok",
    "koperasi", "ukm", "umkm", "produk", "ha", "km", "m", "m2", "m3", "ton", "kk", "rumah", "sekolah",
    "peserta", "pegawai", "asn", "ruang", "gedung", "kendaraan", "proposal", "kesepakatan", "mou",
}
_NAMA_PERSEN = ("persentase", "prosentase")
_NAMA_INDEKS = ("indeks", "nilai", "rasio", "skor", "tingkat", "predikat", "opini", "angka")

JENIS = ("persen", "indeks", "laju", "hitungan")
_LEVEL = ("persen", "indeks", "laju")
_JENIS_TEKS = {
    "persen": "persentase",
    "indeks": "nilai/indeks/rasio",
    "laju": "jumlah per periode (stok, misalnya orang per bulan)",
}


def _rapat(s: str) -> str:
    return " ".join(str(s).lower().split())


def jenis_satuan(satuan: str | None, indikator: str | None = "") -> tuple[str, str]:
    """Classify an indicator by its unit (falling back to its name when the unit is empty).

    Returns (jenis, dasar): jenis in JENIS or "" when unknown; dasar says what decided it ("satuan",
    "nama", "tak dikenal" for an unknown unit treated as "hitungan", or "" when nothing is known).

    >>> jenis_satuan("%")
    ('persen', 'satuan')
    >>> jenis_satuan("Orang / Bulan")
    ('laju', 'satuan')
    >>> jenis_satuan("Dok")
    ('hitungan', 'satuan')
    >>> jenis_satuan("", "Persentase Tertib Pelaporan")
    ('persen', 'nama')
    """
    s = _rapat(satuan or "").strip(" .")
    s = re.sub(r"^[\d.,\s]+(?=[^\d.,\s])", "", s)  # a figure glued on: "100,00 Persen", "0,9 Angka"
    if s:
        if "%" in s or s in _PERSEN or s.startswith("persen"):
            return "persen", "satuan"
        # "orang / bulan", "orang per tahun", "org/bln", "OB": a quantity held during a period
        if s == "ob" or re.search(r"(/|\bper\b)\s*(" + "|".join(_PERIODE) + r")\b", s):
            return "laju", "satuan"
        kata = s.split()[0]
        if s in _INDEKS or kata in _INDEKS:
            return "indeks", "satuan"
        if s in _HITUNGAN or kata in _HITUNGAN or kata.rstrip(".") in _HITUNGAN:
            return "hitungan", "satuan"
        return "hitungan", "tak dikenal"
    nama = _rapat(indikator or "")
    nama = re.sub(r"^\d+[.)]\s*", "", nama)
    if nama.startswith(_NAMA_PERSEN):
        return "persen", "nama"
    if nama.startswith(_NAMA_INDEKS):
        return "indeks", "nama"
    if nama.startswith("jumlah"):
        return "hitungan", "nama"
    return "", ""


# ---------------------------------------------------------------------------------------- reading


@dataclass
class _Lembar:
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


def _kolom_huruf(c: int) -> str:
    """Column letters of 0-based column c."""
    return col_letter(c + 1)


def _alamat(r: int, c: int) -> str:
    """A1 address of 0-based (r, c)."""
    return cell_ref(r + 1, c + 1)


def _baca_buku(path: Path) -> list[_Lembar]:
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
                out.append(_Lembar(nama, sh.to_python(skip_empty_area=False), merges))
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


def _baca_rumus(path: Path, sheet: str, sel: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
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


# ---------------------------------------------------------------------------------------- the layout


@dataclass
class _Kolom:
    """One numbered column of the form."""

    nomor: int
    awal: int  # first sheet column (0-based)
    akhir: int  # last sheet column of its span
    judul: str = ""
    rumus: str = ""  # the equation text written in the numbered cell, e.g. "13 = 9 + 10 + 11 + 12"
    sub: dict[str, int] = field(default_factory=dict)  # "K" / "Rp" / "%" -> sheet column

    def sel(self, jenis: str = "K") -> int | None:
        if jenis in self.sub:
            return self.sub[jenis]
        if jenis == "K" and not self.sub:
            return self.awal
        return None


@dataclass
class _Tata:
    """The form's layout on one sheet."""

    baris_nomor: int
    baris_sub: int | None
    kolom: dict[int, _Kolom]
    peran: dict[str, int] = field(default_factory=dict)  # role -> column number
    triwulan: list[int] = field(default_factory=list)  # column numbers of the quarters, in order
    rumus: list[tuple] = field(default_factory=list)  # parsed equations
    tahun_lalu: str = ""
    tahun_ini: str = ""

    def k(self, peran: str, jenis: str = "K") -> int | None:
        n = self.peran.get(peran)
        return None if n is None else self.kolom[n].sel(jenis)


_NOMOR_RE = re.compile(r"^\(?\s*(\d{1,2})\s*\)?\s*(?:=\s*(.+))?$")


def _nomor_sel(v) -> tuple[int, str] | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        if float(v).is_integer() and 1 <= v <= 99:
            return int(v), ""
        return None
    if isinstance(v, str):
        m = _NOMOR_RE.match(v.strip())
        if m:
            return int(m.group(1)), (v.strip() if m.group(2) else "")
    return None


def _cari_baris_nomor(lb: _Lembar) -> tuple[int, list[tuple[int, int, str]]] | None:
    """The first row whose number cells, in column order, are exactly 1, 2, ..., N (N >= NOMOR_MIN)."""
    for r in range(min(len(lb.grid), BARIS_JUDUL_MAKS)):
        items = []
        for c, v in enumerate(lb.grid[r]):
            got = _nomor_sel(v)
            if got is not None:
                items.append((c, got[0], got[1]))
        nums = [n for _, n, _ in items]
        if len(nums) >= NOMOR_MIN and nums == list(range(1, len(nums) + 1)):
            return r, items
    return None


def _label_sub(v) -> str:
    s = _rapat(v) if isinstance(v, str) else ""
    s = s.strip(" .:")
    if s in ("k", "kinerja", "target", "realisasi", "volume", "vol"):
        return "K"
    if s in ("rp", "anggaran", "rupiah", "pagu", "(rp)", "rp (juta)"):
        return "Rp"
    if s in ("%", "persen", "(%)"):
        return "%"
    return ""


def _parse_rumus(teks: str):
    """'13 = 9 + 10 + 11 + 12' -> ("jumlah", 13, [9, 10, 11, 12]); '15 = 14 / 6 x 100' ->
    ("rasio", 15, 14, 6, 100). None when not understood."""
    s = re.sub(r"[\s()]", "", teks).lower().replace("×", "x").replace("*", "x").replace(":", "/")
    if "=" not in s:
        return None
    kiri, kanan = s.split("=", 1)
    if not kiri.isdigit():
        return None
    if re.fullmatch(r"\d+(\+\d+)+", kanan):
        return ("jumlah", int(kiri), [int(x) for x in kanan.split("+")])
    m = re.fullmatch(r"(\d+)/(\d+)(?:x(\d+))?", kanan)
    if m:
        return ("rasio", int(kiri), int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    return None


def _tata(lb: _Lembar, catat: list[str]) -> _Tata | None:
    found = _cari_baris_nomor(lb)
    if found is None:
        return None
    r, items = found
    cols_nomor = {c for c, _, _ in items}

    # sub-header row ("K", "Rp.", "%"): the row just below the numbers, else just above
    baris_sub = None
    for rr in (r + 1, r - 1):
        if rr >= 0 and sum(1 for v in (lb.grid[rr] if rr < len(lb.grid) else []) if _label_sub(v)) >= 2:
            baris_sub = rr
            break

    kolom: dict[int, _Kolom] = {}
    for i, (c, n, rumus) in enumerate(items):
        m = lb.gabung(r, c)
        if m is not None and m[1] == c:
            akhir = m[3]
        elif i + 1 < len(items):
            akhir = items[i + 1][0] - 1
        else:  # the last number: as far as its sub-header labels reach
            akhir = c
            while baris_sub is not None and _label_sub(lb.nilai(baris_sub, akhir + 1)) \
                    and akhir + 1 not in cols_nomor:
                akhir += 1
        k = _Kolom(nomor=n, awal=c, akhir=akhir, rumus=rumus)
        if baris_sub is not None:
            for cc in range(c, akhir + 1):
                lab = _label_sub(lb.nilai(baris_sub, cc))
                if lab and lab not in k.sub:
                    k.sub[lab] = cc
        # header text: the rows above the numbers, up to the first empty row
        teks = []
        for rr in range(r - 1, max(-1, r - 7), -1):
            if rr == baris_sub:
                continue
            if not any(lb.teks(rr, cc) for cc in range(len(lb.grid[rr]) if rr < len(lb.grid) else 0)):
                break
            t = lb.teks(rr, c)
            if t and t not in teks:
                teks.insert(0, t)
        k.judul = " ".join(teks)
        kolom[n] = k

    t = _Tata(baris_nomor=r, baris_sub=baris_sub, kolom=kolom)
    _peran(t, lb, catat)
    return t


def _peran(t: _Tata, lb: _Lembar, catat: list[str]) -> None:
    """Name the numbered columns from their header texts, then from the equations in the number row."""
    judul = {n: _rapat(k.judul) for n, k in t.kolom.items()}
    t.triwulan = [n for n, j in sorted(judul.items()) if "triwulan" in j]
    tw_awal = min(t.triwulan) if t.triwulan else None
    tw_akhir = max(t.triwulan) if t.triwulan else None
    for n, j in sorted(judul.items()):
        if not j or n in t.triwulan:
            continue
        if j in ("no", "no.", "nomor") and "no" not in t.peran:
            t.peran["no"] = n
        elif "satuan" in j and "satuan" not in t.peran:
            t.peran["satuan"] = n
        elif "indikator" in j and "indikator" not in t.peran:
            t.peran["indikator"] = n
        elif ("program" in j or "kegiatan" in j or "urusan" in j) and "program" not in t.peran:
            t.peran["program"] = n
        elif "tingkat capaian" in j or ("capaian" in j and "%" in j and tw_akhir and n > tw_akhir):
            t.peran.setdefault("capaian_sd", n)
        elif "realisasi" in j:
            if tw_awal is not None and n < tw_awal:
                t.peran.setdefault("realisasi_lalu", n)
            elif tw_akhir is not None and n > tw_akhir:
                if "s/d" in j or "sampai dengan" in j or "s.d" in j:
                    t.peran.setdefault("realisasi_sd", n)
                else:
                    t.peran.setdefault("realisasi_tahun", n)
        elif "target" in j:
            if "renja" in j or "tahun berjalan" in j:
                t.peran.setdefault("target_tahun", n)
            elif "renstra" in j or "akhir periode" in j:
                t.peran.setdefault("target_akhir", n)
    # the equations written in the number row say the algebra explicitly: they win
    for n, k in sorted(t.kolom.items()):
        if not k.rumus:
            continue
        p = _parse_rumus(k.rumus)
        if p is None or p[1] != n:
            catat.append(f"Sheet '{lb.nama}', sel {_alamat(t.baris_nomor, k.awal)}: rumus judul '{k.rumus}' "
                         "tidak dipahami; aritmetika kolom itu tidak diperiksa.")
            continue
        t.rumus.append(p)
        if p[0] == "jumlah" and t.triwulan and set(p[2]) == set(t.triwulan):
            t.peran["realisasi_tahun"] = n
        elif p[0] == "jumlah" and len(p[2]) == 2 and t.peran.get("realisasi_tahun") in p[2]:
            t.peran["realisasi_sd"] = n
            t.peran["realisasi_lalu"] = [x for x in p[2] if x != t.peran["realisasi_tahun"]][0]
        elif p[0] == "rasio" and p[2] == t.peran.get("realisasi_sd"):
            t.peran["capaian_sd"] = n
            t.peran["target_akhir"] = p[3]
    if not any(p for p in t.rumus):  # no equations written: the Permendagri 86/2017 algebra
        if t.triwulan and "realisasi_tahun" in t.peran:
            t.rumus.append(("jumlah", t.peran["realisasi_tahun"], list(t.triwulan)))
        if all(x in t.peran for x in ("realisasi_sd", "realisasi_lalu", "realisasi_tahun")):
            t.rumus.append(("jumlah", t.peran["realisasi_sd"], [t.peran["realisasi_lalu"], t.peran["realisasi_tahun"]]))
        if all(x in t.peran for x in ("capaian_sd", "realisasi_sd", "target_akhir")):
            t.rumus.append(("rasio", t.peran["capaian_sd"], t.peran["realisasi_sd"], t.peran["target_akhir"], 100))
    # years named in the headers ("... Tahun 2024", "s/d Tahun 2025")
    for peran, attr in (("realisasi_lalu", "tahun_lalu"), ("realisasi_sd", "tahun_ini")):
        if peran in t.peran:
            m = re.findall(r"\b(20\d\d)\b", t.kolom[t.peran[peran]].judul)
            setattr(t, attr, m[0] if m else "")


_WAJIB = ("realisasi_lalu", "realisasi_tahun", "realisasi_sd")
_NAMA_PERAN = {
    "indikator": "Indikator Kinerja", "satuan": "Satuan", "target_akhir": "Target Renstra akhir periode",
    "realisasi_lalu": "Realisasi s/d tahun lalu", "target_tahun": "Target Renja tahun berjalan",
    "realisasi_tahun": "Realisasi Renja yang dievaluasi", "realisasi_sd": "Realisasi Renstra s/d tahun ini",
    "capaian_sd": "Tingkat Capaian (%)",
}

# ---------------------------------------------------------------------------------------- numbers


def _angka(v) -> tuple[Decimal | None, bool]:
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


def _teks_angka(d: Decimal | None, gaya: str = "angka", desimal: int = 2) -> str:
    """Indonesian style, `desimal` decimals at most, trailing zeros dropped: 1.388,89 / 200 / 0,83."""
    if d is None:
        return ""
    from lakip_xl.aturan.angka import format_angka

    r = bulatkan(d, desimal)
    des = next(k for k in range(desimal + 1) if r == bulatkan(r, k))
    return format_angka(r, desimal=des, gaya=gaya)


def _teks_selisih(d: Decimal, gaya: str = "angka", desimal: int = 2) -> str:
    s = _teks_angka(abs(d), "angka", desimal)
    tanda = "+" if d > 0 else ("-" if d < 0 else "")
    satuan = {"persen": " poin persen", "rupiah": " rupiah"}.get(gaya, "")
    return f"{tanda}{s}{satuan}"


def _sama(a: Decimal, b: Decimal) -> bool:
    # cached values are binary floats read at 15 significant digits: compare relatively
    return abs(a - b) <= Decimal("1e-9") * max(abs(a), abs(b), Decimal(1))


# ---------------------------------------------------------------------------------------- checking


@dataclass
class _Baris:
    r: int
    indikator: str
    satuan: str
    program: str
    nilai: dict[int, Decimal | None]  # sheet column -> number
    teks: set[int] = field(default_factory=set)  # sheet columns holding text where a number belongs


def periksa_renja(path: str | os.PathLike) -> Hasil:
    """Check a Permendagri 86/2017 "Evaluasi Renja" workbook; never modifies it.

    Returns a `Hasil` (form "" and an explanation in `tidak_dipahami` when no sheet carries the form).
    Raises `BerkasError` when the file cannot be read (missing, corrupted, encrypted).
    """
    p = Path(path)
    hasil = Hasil(berkas=p.name)
    lembar = _baca_buku(p)
    dikenali = False
    for lb in lembar:
        catat: list[str] = []
        tata = _tata(lb, catat)
        if tata is None:
            continue
        kurang = [x for x in _WAJIB if x not in tata.peran]
        if not tata.triwulan or kurang:
            hasil.tidak_dipahami.append(
                f"Sheet '{lb.nama}' punya baris judul bernomor (baris {tata.baris_nomor + 1}) tetapi bukan "
                f"formulir Evaluasi Renja: kolom "
                + ", ".join(f"'{_NAMA_PERAN.get(x, x)}'" for x in (kurang or ["triwulan"]))
                + " tidak ditemukan dari judulnya.")
            continue
        dikenali = True
        hasil.tidak_dipahami.extend(catat)
        _periksa_lembar(p, lb, tata, hasil)
    if dikenali:
        hasil.form = FORM
    else:
        nama = ", ".join(f"'{lb.nama}'" for lb in lembar) or "(tidak ada sheet)"
        hasil.tidak_dipahami.insert(0, (
            f"Buku kerja '{p.name}' tidak dikenali sebagai formulir {FORM}: tidak ditemukan baris judul "
            f"bernomor (sel berisi 1, 2, 3, ... berurutan, paling sedikit sampai {NOMOR_MIN}) di sheet {nama}. "
            "Tidak ada angka yang diperiksa."))
    return hasil


def _periksa_lembar(path: Path, lb: _Lembar, t: _Tata, hasil: Hasil) -> None:
    sheet = lb.nama
    for peran in ("indikator", "satuan", "target_akhir", "capaian_sd"):
        if peran not in t.peran:
            hasil.tidak_dipahami.append(
                f"Sheet '{sheet}': kolom '{_NAMA_PERAN[peran]}' tidak ditemukan dari judulnya"
                + ("; jenis indikator ditebak dari nama indikator." if peran == "satuan" else
                   "; pemeriksaan yang memerlukannya dilewati."))

    # numeric columns: every sub-column of the numbered columns from the first target onwards
    nomor_angka = [n for n in t.kolom if n >= min(
        t.kolom[t.peran[x]].nomor for x in ("target_akhir", "realisasi_lalu", "target_tahun") if x in t.peran)]
    kol_angka: dict[int, tuple[int, str]] = {}  # sheet column -> (column number, sub label)
    for n in nomor_angka:
        k = t.kolom[n]
        if k.sub:
            for lab, c in k.sub.items():
                kol_angka[c] = (n, lab)
        else:
            kol_angka[k.awal] = (n, "K")

    awal = max(t.baris_nomor, t.baris_sub if t.baris_sub is not None else -1) + 1
    akhir = awal - 1
    for r in range(awal, len(lb.grid)):
        if any(_angka(lb.nilai(r, c))[0] is not None for c in kol_angka):
            akhir = r
    # rows after the last one with figures are the signature block ("Lubuk Pakam, ...", NIP): not data

    kol_tabel = set(range(0, max(k.akhir for k in t.kolom.values()) + 1))
    luar: set[int] = set()
    baris: list[_Baris] = []
    for r in range(awal, akhir + 1):
        nilai: dict[int, Decimal | None] = {}
        sel_teks: set[int] = set()
        for c, (n, lab) in kol_angka.items():
            d, teks = _angka(lb.nilai(r, c))
            nilai[c] = d
            if teks:
                sel_teks.add(c)
                hasil.tidak_dipahami.append(
                    f"Sheet '{sheet}', sel {_alamat(r, c)}: teks '{lb.teks(r, c)}' di kolom angka (kolom {n}"
                    f"{', ' + lab if lab else ''}); tidak dibaca sebagai angka.")
        for c, v in enumerate(lb.grid[r] if r < len(lb.grid) else []):
            if c not in kol_tabel and _angka(v)[0] is not None:
                luar.add(c)
        ind, sat, prog = (lb.teks(r, t.kolom[t.peran[x]].awal, vertikal_saja=True) if x in t.peran else ""
                          for x in ("indikator", "satuan", "program"))
        baris.append(_Baris(r, ind, sat, prog, nilai, sel_teks))
    if luar:
        hasil.tidak_dipahami.append(
            f"Sheet '{sheet}', kolom {', '.join(_kolom_huruf(c) for c in sorted(luar))}: berisi angka tetapi "
            "tidak berada di bawah judul bernomor; tidak diperiksa.")

    temuan: list[tuple[int, int, Temuan]] = []  # (row, column, finding) to sort at the end
    perlu_rumus: set[tuple[int, int]] = set()
    for b in baris:
        ada_angka = any(v is not None for v in b.nilai.values())
        if not b.indikator:
            if ada_angka:
                label = b.program
                hasil.tidak_dipahami.append(
                    f"Sheet '{sheet}', baris {b.r + 1}" + (f" ('{_pendek(label)}')" if label else "")
                    + ": berisi angka tetapi tanpa indikator kinerja (baris urusan/program atau baris jumlah); "
                    "aturan kumulatif tidak diterapkan, hanya aritmetika kolom yang diperiksa.")
        else:
            _cek_kumulatif(lb, t, b, hasil, temuan, perlu_rumus)
        if ada_angka:
            _cek_aritmetika(lb, t, b, temuan, perlu_rumus)

    rumus = _baca_rumus(path, sheet, perlu_rumus)
    temuan.sort(key=lambda x: (x[0], x[1]))
    for _, _, tm in temuan:
        hasil.temuan.append(_isi_rumus(tm, rumus, lb))


def _pendek(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 3] + "..."


# A placeholder the formulas are put into once read: "{rumus:AD14}" -> " (rumus di sel: =L14+AB14)"
_RUMUS_RE = re.compile(r"\{rumus:([A-Z]+)(\d+)\}")


def _isi_rumus(tm: Temuan, rumus: dict[tuple[int, int], str], lb: _Lembar) -> Temuan:
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


def _cek_kumulatif(lb, t: _Tata, b: _Baris, hasil: Hasil, temuan: list, perlu_rumus: set) -> None:
    sheet = lb.nama
    c_ind = t.kolom[t.peran["indikator"]].awal
    if not any(b.nilai.get(c) is not None for c in (t.k(x) for x in _WAJIB) if c is not None) and not any(
            b.nilai.get(t.kolom[n].sel("K")) is not None for n in t.triwulan):
        hasil.tidak_dipahami.append(
            f"Sheet '{sheet}', baris {b.r + 1} (indikator '{_pendek(b.indikator)}'): tanpa realisasi "
            "(kolom realisasi kosong); tidak diperiksa.")
        return
    jenis, dasar = jenis_satuan(b.satuan, b.indikator)
    c_sat = t.kolom[t.peran["satuan"]].awal if "satuan" in t.peran else None
    if re.search(r"(^|\s)1[.)]\s.*\s2[.)]\s", b.indikator):
        hasil.tidak_dipahami.append(
            f"Sheet '{sheet}', sel {_alamat(b.r, c_ind)}: satu sel memuat beberapa indikator "
            f"('{_pendek(b.indikator, 80)}'); diperiksa sebagai satu indikator dengan satuan '{b.satuan}'.")
    if not jenis:
        hasil.tidak_dipahami.append(
            f"Sheet '{sheet}', baris {b.r + 1} (indikator '{_pendek(b.indikator)}'): satuan kosong dan nama "
            "indikator tidak menunjukkan jenisnya; aturan kumulatif tidak diterapkan.")
        return
    if dasar == "nama" and c_sat is not None:
        hasil.tidak_dipahami.append(
            f"Sheet '{sheet}', sel {_alamat(b.r, c_sat)}: satuan kosong; jenis indikator ditebak dari namanya "
            f"({_JENIS_TEKS.get(jenis, jenis)}).")
    if dasar == "tak dikenal":
        hasil.tidak_dipahami.append(
            f"Sheet '{sheet}', sel {_alamat(b.r, c_sat)}: satuan '{b.satuan}' tidak dikenal; diperlakukan "
            "sebagai hitungan (boleh dijumlah antartahun).")

    cL, cAB, cAD = t.k("realisasi_lalu"), t.k("realisasi_tahun"), t.k("realisasi_sd")
    cJ, cN, cAF = t.k("target_akhir"), t.k("target_tahun"), t.k("capaian_sd")
    L, AB, AD = (b.nilai.get(c) if c is not None else None for c in (cL, cAB, cAD))
    J = b.nilai.get(cJ) if cJ is not None else None
    N = b.nilai.get(cN) if cN is not None else None
    AF = b.nilai.get(cAF) if cAF is not None else None
    th_lalu = f"s/d {t.tahun_lalu}" if t.tahun_lalu else "s/d tahun lalu"
    th_ini = t.tahun_ini or "tahun ini"
    n7, n13, n14 = (t.peran[x] for x in _WAJIB)
    n15 = t.peran.get("capaian_sd")
    ind = _pendek(b.indikator, 70)
    terakhir, a_terakhir = None, ""

    if jenis in _LEVEL:
        tw_akhir = _cek_triwulan(lb, t, b, jenis, temuan, perlu_rumus)
        if tw_akhir is not None:  # column 13 itself sums levels: the last value is the last quarter's
            terakhir, a_terakhir = tw_akhir

    dijumlah = (L is not None and AB is not None and AD is not None and L != 0 and AB != 0
                and _sama(AD, L + AB))
    if not dijumlah:
        return
    a_L, a_AB, a_AD = _alamat(b.r, cL), _alamat(b.r, cAB), _alamat(b.r, cAD)
    if jenis in _LEVEL and terakhir is None:
        terakhir, a_terakhir = AB, a_AB
    if jenis in _LEVEL:
        if jenis == "persen":
            if AD > 100:
                tingkat = GALAT
                tambahan = (f" Jumlahnya {_teks_angka(AD)}% melebihi 100%, mustahil untuk sebuah persentase.")
            else:
                tingkat = PERINGATAN
                tambahan = (" Persentase hanya boleh dijumlah bila tiap tahun mengukur tambahan atas penyebut yang "
                            "sama (seperti 'persentase usaha mikro naik kelas' pada LAKIP DKUM Depok 2020); "
                            "periksa definisi indikator.")
        else:
            tingkat = GALAT
            tambahan = ""
        perlu_rumus.add((b.r, cAD))
        temuan.append((b.r, cAD, Temuan(
            kategori="kumulatif_bukan_jumlah", sheet=sheet, sel=a_AD, tingkat=tingkat,
            uraian=(f"Indikator '{ind}' (satuan '{b.satuan or '-'}') adalah {_JENIS_TEKS[jenis]}, ukuran "
                    f"tingkat yang tidak dijumlah antartahun, tetapi realisasi s/d {th_ini} (kolom {n14}) "
                    f"menjumlahkan realisasi {th_lalu} (kolom {n7}, {a_L} = {_teks_angka(L)}) dan realisasi "
                    f"{th_ini} (kolom {n13}, {a_AB} = {_teks_angka(AB)}){{rumus:{a_AD}}}. Untuk ukuran "
                    f"tingkat, nilai s/d adalah nilai terakhir ({a_terakhir} = {_teks_angka(terakhir)})."
                    f"{tambahan}"),
            dinyatakan=_teks_angka(AD), seharusnya=_teks_angka(terakhir), selisih=_teks_selisih(AD - terakhir),
            saran=(f"Isi {a_AD} dengan nilai terakhir (={a_terakhir}), atau nyatakan indikator ini "
                   "non-kumulatif."),
        )))
        if AF is not None and cAF is not None:
            a_AF = _alamat(b.r, cAF)
            a_J = _alamat(b.r, cJ) if cJ is not None else ""
            benar = terakhir / J * 100 if J not in (None, Decimal(0)) else None
            temuan.append((b.r, cAF, Temuan(
                kategori="capaian_dari_jumlah", sheet=sheet, sel=a_AF, tingkat=tingkat,
                uraian=(f"Tingkat capaian s/d {th_ini} (kolom {n15}) indikator '{ind}' dihitung dari realisasi "
                        f"s/d yang dijumlahkan ({a_AD} = {_teks_angka(AD)}). Dengan nilai terakhir "
                        f"({a_terakhir} = {_teks_angka(terakhir)})"
                        + (f" capaiannya {_teks_angka(terakhir)} / {_teks_angka(J)} ({a_J}) x 100." if benar is not None
                           else " capaiannya tidak dapat dihitung (target akhir kosong atau 0).")),
                dinyatakan=_teks_angka(AF, "persen"),
                seharusnya=_teks_angka(benar, "persen") if benar is not None else "",
                selisih=_teks_selisih(AF - benar, "persen") if benar is not None else "",
                saran=f"Perbaiki {a_AD}; {a_AF} akan mengikuti.",
            )))
        return
    # a count (flow): the sum is the form's rule; but an end target no larger than one year's target is
    # itself a yearly figure, so the capaian compares several years' sum with one year's target
    if J is not None and N is not None and J > 0 and J <= N:
        c = cAF if (cAF is not None and AF is not None) else cAD
        a_J, a_N = _alamat(b.r, cJ), _alamat(b.r, cN)
        temuan.append((b.r, c, Temuan(
            kategori="target_akhir_tahunan", sheet=sheet, sel=_alamat(b.r, c), tingkat=PERINGATAN,
            uraian=(f"Indikator '{ind}' (satuan '{b.satuan or '-'}') dijumlah antartahun (realisasi s/d "
                    f"{th_ini} {a_AD} = {_teks_angka(L)} + {_teks_angka(AB)} = {_teks_angka(AD)}), tetapi target "
                    f"akhir Renstra ({a_J} = {_teks_angka(J)}) tidak lebih besar dari target satu tahun "
                    f"({a_N} = {_teks_angka(N)}): target akhir itu tampaknya target tahunan, sehingga capaian "
                    "membandingkan jumlah beberapa tahun dengan target satu tahun."),
            dinyatakan=_teks_angka(AF, "persen") if c == cAF else _teks_angka(AD),
            saran=(f"Isi target akhir Renstra ({a_J}) dengan jumlah target tahunan, atau perlakukan indikator "
                   f"sebagai non-kumulatif (capaian = {_alamat(b.r, cAB)} / {a_J} x 100)."),
        )))


def _cek_triwulan(lb, t: _Tata, b: _Baris, jenis: str, temuan: list, perlu_rumus: set
                  ) -> tuple[Decimal, str] | None:
    """Within the year, column 13 sums the quarters. For a level that is right only when the quarters
    hold increments; the form's "%" sub-columns (cumulative share of the year's target) tell: if every
    running sum of the quarters equals that share x the year's target, the quarters are increments.
    Returns (last quarter's value, its cell) when column 13 sums levels, else None."""
    cols = [t.kolom[n].sel("K") for n in t.triwulan]
    vals = [b.nilai.get(c) if c is not None else None for c in cols]
    isi = [(i, v) for i, v in enumerate(vals) if v is not None and v != 0]
    cAB = t.k("realisasi_tahun")
    AB = b.nilai.get(cAB) if cAB is not None else None
    if len(isi) < 2 or AB is None:
        return None
    N = b.nilai.get(t.k("target_tahun")) if t.k("target_tahun") is not None else None
    pct = [b.nilai.get(t.kolom[n].sel("%")) if t.kolom[n].sel("%") is not None else None for n in t.triwulan]
    if N is not None and all(p is not None for p in pct):
        jalan, cocok = Decimal(0), True
        for v, p in zip(vals, pct):
            jalan += v or 0
            # the share may be stored as a fraction (0.75) or in percent points (75)
            if not (_sama(jalan, p * N) or _sama(jalan, p * N / 100)):
                cocok = False
                break
        if cocok:
            return None
    total = sum((v for _, v in isi), Decimal(0))
    if not _sama(AB, total):
        return None  # the column is not the sum of the quarters: the arithmetic check reports it
    akhir_i, akhir_v = isi[-1]
    a_AB = _alamat(b.r, cAB)
    perlu_rumus.add((b.r, cAB))
    temuan.append((b.r, cAB, Temuan(
        kategori="triwulan_dijumlah", sheet=lb.nama, sel=a_AB, tingkat=PERINGATAN,
        uraian=(f"Indikator '{_pendek(b.indikator, 70)}' (satuan '{b.satuan or '-'}') adalah "
                f"{_JENIS_TEKS[jenis]}, tetapi realisasi tahun ini (kolom {t.peran['realisasi_tahun']}) "
                f"menjumlahkan nilai triwulan "
                + " + ".join(_teks_angka(v) for _, v in isi) + f"{{rumus:{a_AB}}}. Untuk ukuran tingkat, "
                "realisasi tahunan adalah nilai triwulan terakhir yang terisi. Bila angka triwulan itu memang "
                "tambahan per triwulan (bukan nilai pada akhir triwulan), abaikan peringatan ini."),
        dinyatakan=_teks_angka(AB), seharusnya=_teks_angka(akhir_v), selisih=_teks_selisih(AB - akhir_v),
        saran=f"Isi {a_AB} dengan nilai triwulan terakhir ({_alamat(b.r, cols[akhir_i])}).",
    )))
    return akhir_v, _alamat(b.r, cols[akhir_i])


def _cek_aritmetika(lb, t: _Tata, b: _Baris, temuan: list, perlu_rumus: set) -> None:
    """The equations of the numbered header row, checked per sub-column (K with K, Rp with Rp)."""
    for p in t.rumus:
        kiri = t.kolom.get(p[1])
        if kiri is None:
            continue
        for lab in ("K", "Rp"):
            c_kiri = kiri.sel(lab)
            if c_kiri is None:
                continue
            if p[0] == "jumlah":
                cols = [t.kolom[n].sel(lab) if n in t.kolom else None for n in p[2]]
                if any(c is None for c in cols) or any(c in b.teks for c in cols + [c_kiri]):
                    continue  # a text operand is reported in tidak_dipahami
                stated = b.nilai.get(c_kiri)
                ops = [b.nilai.get(c) for c in cols]
                if stated is None or all(v is None for v in ops):
                    continue
                hitung = sum((v or Decimal(0) for v in ops), Decimal(0))  # a blank cell counts as 0 (Excel)
                rumus_benar = "=" + "+".join(_alamat(b.r, c) for c in cols)
                rinci = " + ".join(f"{_alamat(b.r, c)} ({_teks_angka(v or Decimal(0), _gaya(lab))})"
                                   for c, v in zip(cols, ops))
                _banding(lb, t, b, temuan, perlu_rumus, kiri, lab, c_kiri, stated, hitung, "jumlah",
                         _nama_rumus(kiri, p), rinci, rumus_benar)
            else:
                _, n_kiri, n_atas, n_bawah, faktor = p
                if n_atas not in t.kolom or n_bawah not in t.kolom:
                    continue
                c_atas, c_bawah = t.kolom[n_atas].sel(lab), t.kolom[n_bawah].sel(lab)
                if c_atas is None or c_bawah is None or {c_kiri, c_atas, c_bawah} & b.teks:
                    continue  # a text operand is reported in tidak_dipahami
                stated, atas, bawah = b.nilai.get(c_kiri), b.nilai.get(c_atas), b.nilai.get(c_bawah)
                if bawah is None or bawah == 0:
                    if stated is None and atas is not None:
                        a = _alamat(b.r, c_kiri)
                        temuan.append((b.r, c_kiri, Temuan(
                            kategori="target_nol", sheet=lb.nama, sel=a, tingkat=INFO,
                            uraian=(f"Pembagi {_alamat(b.r, c_bawah)} (kolom {n_bawah}) kosong atau 0, sehingga "
                                    f"kolom {n_kiri} ({'kinerja' if lab == 'K' else 'anggaran'}) tidak dapat "
                                    "dihitung; sel kosong atau menampilkan #DIV/0!."),
                            dinyatakan="kosong atau #DIV/0!", seharusnya="n/a",
                            saran=(f"Isi {_alamat(b.r, c_bawah)}, atau tulis 'n/a' di {a} (target 0 berarti "
                                   "capaian tidak dapat dihitung)."),
                        )))
                    continue
                if stated is None or atas is None:
                    continue
                hitung = atas / bawah * faktor
                rumus_benar = f"={_alamat(b.r, c_atas)}/{_alamat(b.r, c_bawah)}" + (f"*{faktor}" if faktor != 1 else "")
                rinci = (f"{_alamat(b.r, c_atas)} ({_teks_angka(atas, _gaya(lab))}) / {_alamat(b.r, c_bawah)} "
                         f"({_teks_angka(bawah, _gaya(lab))})" + (f" x {faktor}" if faktor != 1 else ""))
                _banding(lb, t, b, temuan, perlu_rumus, kiri, lab, c_kiri, stated, hitung, "capaian",
                         _nama_rumus(kiri, p), rinci, rumus_benar)


def _gaya(lab: str) -> str:
    return "rupiah" if lab == "Rp" else "angka"


def _nama_rumus(kiri: _Kolom, p) -> str:
    if kiri.rumus:  # written in the numbered header row of the file itself
        return f"rumus judulnya '{kiri.rumus}'"
    return f"rumus baku formulir Permendagri 86/2017 '{_rumus_teks(p)}'"


def _rumus_teks(p) -> str:
    if p[0] == "jumlah":
        return f"{p[1]} = " + " + ".join(str(x) for x in p[2])
    return f"{p[1]} = {p[2]} / {p[3]} x {p[4]}"


def _banding(lb, t, b, temuan, perlu_rumus, kiri: _Kolom, lab: str, c: int, stated: Decimal, hitung: Decimal,
             kategori: str, rumus_judul: str, rinci: str, rumus_benar: str) -> None:
    if _sama(stated, hitung):
        return
    a = _alamat(b.r, c)
    gaya = "persen" if kategori == "capaian" else _gaya(lab)
    # a typed figure that is the computed one rounded to its own decimals is a rounding note
    for des in (0, 1, 2):
        if stated == bulatkan(stated, des) and bulatkan(hitung, des) == stated:
            temuan.append((b.r, c, Temuan(
                kategori="rounding", sheet=lb.nama, sel=a, tingkat=INFO,
                uraian=(f"Kolom {kiri.nomor} menurut {rumus_judul} = {rinci}; sel berisi angka yang "
                        f"dibulatkan ke {des} desimal{{rumus:{a}}}."),
                dinyatakan=_teks_angka(stated, gaya), seharusnya=_teks_angka(hitung, gaya, 6),
                selisih=_teks_selisih(stated - hitung, gaya, 6),
                saran=f"Gunakan rumus {rumus_benar} dan atur tampilan desimalnya lewat format sel.",
            )))
            perlu_rumus.add((b.r, c))
            return
    perlu_rumus.add((b.r, c))
    jenis = "kinerja" if lab == "K" else ("anggaran" if lab == "Rp" else lab)
    temuan.append((b.r, c, Temuan(
        kategori=kategori, sheet=lb.nama, sel=a, tingkat=GALAT,
        uraian=(f"Kolom {kiri.nomor} ({jenis}) tidak sesuai {rumus_judul}: {rinci} = "
                f"{_teks_angka(hitung, gaya)}, tetapi {a} berisi {_teks_angka(stated, gaya)}{{rumus:{a}}}."),
        dinyatakan=_teks_angka(stated, gaya), seharusnya=_teks_angka(hitung, gaya),
        selisih=_teks_selisih(stated - hitung, gaya),
        saran=(f"Bila isi {a} yang salah, ganti dengan rumus {rumus_benar}; bila {a} benar, yang salah adalah "
               f"sel di ruas kanan rumus itu."),
    )))


# ---------------------------------------------------------------------------------------- output


def format_hasil(hasil: Hasil) -> str:
    """The result as Indonesian text, one finding per line (for `lakip-xl periksa BOOK`)."""
    out = []
    if hasil.berkas:
        out.append(f"Berkas: {hasil.berkas}")
    if not hasil.dikenali:
        out.append("Formulir tidak dikenali; tidak ada angka yang diperiksa.")
    else:
        out.append(f"Formulir: {hasil.form}")
        out.append(f"Temuan: {hasil.jumlah(GALAT)} galat, {hasil.jumlah(PERINGATAN)} peringatan, "
                   f"{hasil.jumlah(INFO)} info.")
        for i, tm in enumerate(hasil.temuan, 1):
            out.append(f"{i:>3}. {tm.teks()}")
        if not hasil.temuan:
            out.append("Tidak ada temuan.")
    if hasil.tidak_dipahami:
        out.append(f"Tidak dipahami ({len(hasil.tidak_dipahami)}):")
        out.extend(f"  - {s}" for s in hasil.tidak_dipahami)
    return "\n".join(out)

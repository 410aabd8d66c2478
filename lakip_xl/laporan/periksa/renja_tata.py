"""The layout of the Evaluasi Renja form on a sheet, found from its NUMBERED header row (cells 1, 2, 3,
... N, some carrying the column algebra as text, e.g. "13 = 9 + 10 + 11 + 12"): each numbered column named
from its header text (merged cells followed) and its sub-columns ("K" kinerja, "Rp." anggaran, "%");
nothing is tied to column letters. When the row carries no equations, the Permendagri 86/2017 algebra."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from lakip_xl.laporan.periksa.renja_baca import Lembar, alamat
from lakip_xl.laporan.periksa.renja_satuan import rapat

BARIS_JUDUL_MAKS = 60  # the numbered header row is searched in the first rows of a sheet only
NOMOR_MIN = 8  # the form numbers at least 1..12 (original) or 1..15 (with Satuan); 8 rules out small tables


@dataclass
class Kolom:
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
class Tata:
    """The form's layout on one sheet."""

    baris_nomor: int
    baris_sub: int | None
    kolom: dict[int, Kolom]
    peran: dict[str, int] = field(default_factory=dict)  # role -> column number
    triwulan: list[int] = field(default_factory=list)  # column numbers of the quarters, in order
    rumus: list[tuple] = field(default_factory=list)  # parsed equations
    tahun_lalu: str = ""
    tahun_ini: str = ""

    def k(self, peran: str, jenis: str = "K") -> int | None:
        n = self.peran.get(peran)
        return None if n is None else self.kolom[n].sel(jenis)


@dataclass
class Baris:
    r: int
    indikator: str
    satuan: str
    program: str
    nilai: dict[int, Decimal | None]  # sheet column -> number
    teks: set[int] = field(default_factory=set)  # sheet columns holding text where a number belongs


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


def _cari_baris_nomor(lb: Lembar) -> tuple[int, list[tuple[int, int, str]]] | None:
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
    s = rapat(v) if isinstance(v, str) else ""
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


def baca_tata(lb: Lembar, catat: list[str]) -> Tata | None:
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

    kolom: dict[int, Kolom] = {}
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
        k = Kolom(nomor=n, awal=c, akhir=akhir, rumus=rumus)
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

    t = Tata(baris_nomor=r, baris_sub=baris_sub, kolom=kolom)
    _peran(t, lb, catat)
    return t


def _peran(t: Tata, lb: Lembar, catat: list[str]) -> None:
    """Name the numbered columns from their header texts, then from the equations in the number row."""
    judul = {n: rapat(k.judul) for n, k in t.kolom.items()}
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
            catat.append(f"Sheet '{lb.nama}', sel {alamat(t.baris_nomor, k.awal)}: rumus judul '{k.rumus}' "
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


WAJIB = ("realisasi_lalu", "realisasi_tahun", "realisasi_sd")
NAMA_PERAN = {
    "indikator": "Indikator Kinerja", "satuan": "Satuan", "target_akhir": "Target Renstra akhir periode",
    "realisasi_lalu": "Realisasi s/d tahun lalu", "target_tahun": "Target Renja tahun berjalan",
    "realisasi_tahun": "Realisasi Renja yang dievaluasi", "realisasi_sd": "Realisasi Renstra s/d tahun ini",
    "capaian_sd": "Tingkat Capaian (%)",
}

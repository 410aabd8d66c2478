"""Predikat (rating) of a capaian on a scale, and the seed's "Ket" sentences.

Scales are data: a `Skala` is a tuple of `Tingkat` (tiers), highest first; a value is rounded to 2
decimals (half up, Excel ROUND) and the tiers are tested top-down, the first match wins; the last tier
catches everything below the others (negative capaian included). Built-in scales are in
`SKALA_PREDIKAT` (former name `SKALA`, kept: it is exported as `lakip_xl.SKALA`);
a user's own scale comes from a sheet table through `skala_dari_tabel`.

Pure: imports no openpyxl/xlwings/pandas.
"""

from __future__ import annotations

import numbers
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Iterable, Mapping

from lakip_xl.aturan.angka import desimal_sel
from lakip_xl.aturan.nilai import NA, bulatkan
from lakip_xl.aturan.teks import norm
from lakip_xl.errors import AturanError

DESIMAL_PREDIKAT = 2  # core-api.md: the value is rounded to 2 decimals before the tiers are tested

WARNA_NA = "BFBFBF"
NAMA_WARNA_NA = "Abu-abu"
LABEL_NA = "n/a"


@dataclass(frozen=True)
class Tingkat:
    """One tier: values above `bawah` (or at it, when `inklusif`) get `label`. `bawah` None = the rest."""

    label: str
    bawah: Decimal | None
    inklusif: bool
    warna: str  # hex "RRGGBB"
    nama_warna: str

    def cocok(self, x: Decimal) -> bool:
        if self.bawah is None:
            return True
        return x >= self.bawah if self.inklusif else x > self.bawah


@dataclass(frozen=True)
class Skala:
    nama: str
    judul: str
    tingkat: tuple[Tingkat, ...]  # highest first


@dataclass(frozen=True)
class Predikat:
    label: str
    warna: str
    nama_warna: str
    skala: str


def _t(label, bawah, inklusif, warna, nama_warna) -> Tingkat:
    return Tingkat(label, None if bawah is None else Decimal(bawah), inklusif, warna, nama_warna)


# The built-in predikat scales, by name. Not to be confused with the grade scales
# (lakip_xl.aturan.capaian.SKALA_HURUF), which also have one named "akip": this one turns a score into AA..D.
SKALA_PREDIKAT: dict[str, Skala] = {
    # Seed LAKIP Depok 2020 BAB III.A ("petunjuk pelaksanaan evaluasi AKIP"): < 100% Tidak Tercapai
    # (Merah), = 100% Tercapai / Sesuai Target (Hijau), > 100% Melebihi Target (Biru).
    # Tolerance of "= 100": the capaian rounded to 2 decimals is 100.00 (100.004 counts as 100).
    "sakip3": Skala("sakip3", "SAKIP 3 tingkat (petunjuk pelaksanaan evaluasi AKIP)", (
        _t("Melebihi Target", "100", False, "0070C0", "Biru"),
        _t("Tercapai / Sesuai Target", "100", True, "00B050", "Hijau"),
        _t("Tidak Tercapai", None, True, "FF0000", "Merah"),
    )),
    # Seed LAKIP Depok 2020 BAB III.A, "pendekatan Permendagri nomor 54 Tahun 2010", as printed:
    # Sangat Baik > 90, Baik 75.00 - 89.99, Cukup 65.00 - 74.99, Kurang 50.00 - 64.99, Sangat Kurang
    # 0 - 49.99. The seed leaves 90.00 itself unassigned ("> 90" vs "- 89.99"); here it is Baik.
    # Kurang's colour is our choice (the seed gives none); Sangat Kurang is Merah.
    # Named after where it comes from: the seed's own cut-offs. Permendagri 54/2010 states no such
    # scale (its evaluation annexes use the 91/76/66/51 bounds of permendagri86 below); the former
    # name "permendagri54" is still read (ALIAS_SKALA), so workbooks in the field keep working.
    "depok2020": Skala("depok2020", "5 tingkat seperti dicetak LAKIP Kota Depok 2020 (90/75/65/50)", (
        _t("Sangat Baik", "90", False, "1F4E79", "Biru Tua"),
        _t("Baik", "75", True, "00B050", "Hijau"),
        _t("Cukup", "65", True, "FFC000", "Jingga"),
        _t("Kurang", "50", True, "FFFF00", "Kuning"),
        _t("Sangat Kurang", None, True, "FF0000", "Merah"),
    )),
    # Permendagri 86/2017 evaluation forms; LKjIP Inspektorat Sampang 2019 table 3.1 (DOC);
    # mrizkir/simonev21 HelperRPJMD.php (CODE): v >= 91, 76 <= v < 91, 66.., 51.., rest. Colours from
    # simonev21.
    "permendagri86": Skala("permendagri86", "Permendagri 86/2017, 5 tingkat (91/76/66/51)", (
        _t("Sangat Tinggi", "91", True, "29AF28", "Hijau Tua"),
        _t("Tinggi", "76", True, "8EC189", "Hijau Muda"),
        _t("Sedang", "66", True, "E1C027", "Kuning"),
        _t("Rendah", "51", True, "D49DC5", "Ungu Muda"),
        _t("Sangat Rendah", None, True, "B71B1C", "Merah Tua"),
    )),
    # Same bounds with the labels many LKjIPs use (LKjIP Inspektorat Sampang 2019 table 3.1).
    "lkjip5": Skala("lkjip5", "LKjIP 5 tingkat (91/76/66/51)", (
        _t("Sangat Baik", "91", True, "29AF28", "Hijau Tua"),
        _t("Baik", "76", True, "8EC189", "Hijau Muda"),
        _t("Cukup", "66", True, "E1C027", "Kuning"),
        _t("Kurang", "51", True, "D49DC5", "Ungu Muda"),
        _t("Sangat Kurang", None, True, "B71B1C", "Merah Tua"),
    )),
    # PermenPANRB 88/2021 (nilai AKIP): AA > 90-100, A > 80-90, BB > 70-80, B > 60-70, CC > 50-60,
    # C > 30-50, D 0-30. Lower bounds are EXCLUSIVE: 90.00 is A, 90.01 is AA (several peer systems get
    # this wrong with >=). Colours are our choice (the regulation gives none).
    # It grades the LKE total score (0-100) of a SAKIP evaluation, not a capaian (which passes 100):
    # `nilai_akip` is its front door, with the official interpretations (URAIAN_AKIP).
    "akip": Skala("akip", "Nilai AKIP (PermenPANRB 88/2021): skor LKE 0-100, bukan capaian", (
        _t("AA", "90", False, "006100", "Hijau Tua"),
        _t("A", "80", False, "00B050", "Hijau"),
        _t("BB", "70", False, "92D050", "Hijau Muda"),
        _t("B", "60", False, "FFFF00", "Kuning"),
        _t("CC", "50", False, "FFC000", "Jingga"),
        _t("C", "30", False, "FF6600", "Oranye"),
        _t("D", None, True, "FF0000", "Merah"),
    )),
}
SKALA = SKALA_PREDIKAT  # the former name, kept: public as lakip_xl.SKALA (docs/dev/core-api.md, tests)
# former scale names -> the scale's name now (read from workbooks and formulas made before the rename)
ALIAS_SKALA = {"permendagri54": "depok2020"}


def skala_dari(skala: object) -> Skala:
    """A scale from its name (case and spaces tolerated) or a Skala itself."""
    if isinstance(skala, Skala):
        return skala
    if isinstance(skala, str) and skala in SKALA_PREDIKAT:
        return SKALA_PREDIKAT[skala]
    if isinstance(skala, str):
        kunci = norm(skala, pemisah="-_", rapat=True, huruf=str.lower)
        kunci = ALIAS_SKALA.get(kunci, kunci)
        for nama, s in SKALA_PREDIKAT.items():
            if kunci == nama:
                return s
    raise AturanError(
        f"Skala predikat '{skala}' tidak dikenal.",
        saran=f"Gunakan salah satu dari: {', '.join(SKALA_PREDIKAT)}, atau buat skala sendiri dari tabel.",
    )


def _nilai(capaian: object) -> Decimal | None:
    return desimal_sel(capaian, "capaian")


def indeks_tingkat(x: Decimal, skala: Skala, desimal: int = DESIMAL_PREDIKAT) -> int:
    """Index of the tier a (finite) value falls in: rounded half up first, then top-down first match."""
    v = bulatkan(x, desimal, "half_up")
    for i, t in enumerate(skala.tingkat[:-1]):
        if t.cocok(v):
            return i
    return len(skala.tingkat) - 1  # the lowest tier catches the rest


def predikat(capaian: Decimal | NA | None, skala="sakip3", *, desimal: int = DESIMAL_PREDIKAT) -> Predikat:
    """The predikat of a capaian on a scale; NA (or empty) gives label "n/a" in grey.

    >>> predikat(Decimal("100")).label
    'Tercapai / Sesuai Target'
    >>> predikat(Decimal("90.00"), "akip").label
    'A'
    """
    s = skala_dari(skala)
    x = _nilai(capaian)
    if x is None:
        return _predikat(LABEL_NA, WARNA_NA, NAMA_WARNA_NA, s.nama)
    t = s.tingkat[indeks_tingkat(x, s, desimal)]
    return _predikat(t.label, t.warna, t.nama_warna, s.nama)


# PermenPANRB 88/2021, Lampiran (kategori nilai hasil evaluasi AKIP): the interpretation printed beside
# each grade in an LHE ("BB (Sangat Baik)").
URAIAN_AKIP = {
    "AA": "Sangat Memuaskan", "A": "Memuaskan", "BB": "Sangat Baik", "B": "Baik", "CC": "Cukup (Memadai)",
    "C": "Kurang", "D": "Sangat Kurang",
}
SKOR_LKE_MAKS = Decimal(100)


@dataclass(frozen=True)
class NilaiAkip:
    huruf: str  # AA .. D
    uraian: str  # Sangat Memuaskan .. Sangat Kurang
    skor: Decimal

    def __str__(self) -> str:
        return f"{self.huruf} ({self.uraian})"


def nilai_akip(skor) -> NilaiAkip | NA:
    """The AKIP grade of an LKE total score (0-100; PermenPANRB 88/2021): bounds exclusive, so 90,00 is A
    and 90,01 is AA. Empty gives NA; a score outside 0-100 is refused (a capaian is no LKE score: grade it
    with `predikat`).

    >>> str(nilai_akip("72,5"))
    'BB (Sangat Baik)'
    >>> nilai_akip(90).huruf
    'A'
    """
    x = desimal_sel(skor, "skor LKE")
    if x is None:
        return NA("skor LKE belum diisi")
    if x < 0 or x > SKOR_LKE_MAKS:
        raise AturanError(
            f"Skor LKE {skor} di luar 0-100.",
            saran="Nilai AKIP menilai skor total Lembar Kerja Evaluasi (0-100). Untuk menilai capaian indikator "
                  "(yang bisa lebih dari 100%) gunakan PREDIKAT dengan skala sakip3, lkjip5 atau permendagri86.")
    t = SKALA_PREDIKAT["akip"].tingkat[indeks_tingkat(x, SKALA_PREDIKAT["akip"])]
    return NilaiAkip(t.label, URAIAN_AKIP[t.label], x)


@cache
def _predikat(label: str, warna: str, nama_warna: str, skala: str) -> Predikat:
    """One shared (frozen) Predikat per tier: a report has thousands of figures but a scale has
    five or six tiers."""
    return Predikat(label, warna, nama_warna, skala)


# Seed LAKIP Depok 2020, "Ket" column of table 3.1 and LAMPIRAN.
KET_MELAMPAUI = "Telah melampaui target"
KET_MENCAPAI = "Telah mencapai target"
KET_BELUM = "Perlu upaya lebih dalam mencapai target"
KET_NA = "Tidak dapat dihitung"


def keterangan(capaian: Decimal | NA | None) -> str:
    """The seed's Ket sentence; "= 100" with the sakip3 tolerance (rounded to 2 decimals is 100.00)."""
    x = _nilai(capaian)
    if x is None:
        return KET_NA
    v = bulatkan(x, DESIMAL_PREDIKAT, "half_up")
    if v > 100:
        return KET_MELAMPAUI
    if v == 100:
        return KET_MENCAPAI
    return KET_BELUM


# --------------------------------------------------------------------------------------------------
# A user's own scale from a sheet table

WARNA_NAMA = {
    "merah": "FF0000", "merah tua": "B71B1C", "hijau": "00B050", "hijau tua": "006100",
    "hijau muda": "92D050", "biru": "0070C0", "biru tua": "1F4E79", "biru muda": "00B0F0",
    "kuning": "FFFF00", "jingga": "FFC000", "oranye": "FF6600", "ungu": "7030A0",
    "ungu muda": "D49DC5", "abu abu": "BFBFBF", "abu-abu": "BFBFBF", "hitam": "000000", "putih": "FFFFFF",
}
_YA = {"ya", "y", "true", "benar", "1", ">=", "≥", "inklusif", "termasuk"}
_TIDAK = {"tidak", "t", "false", "salah", "0", ">", "eksklusif", "tidak termasuk"}


def _warna(nilai: object, baris: int) -> tuple[str, str]:
    s = str(nilai or "").strip()
    if not s:
        return WARNA_NA, NAMA_WARNA_NA
    hexa = s.lstrip("#").upper()
    if re.fullmatch(r"[0-9A-F]{6}", hexa):
        return hexa, "#" + hexa
    kunci = norm(s, huruf=str.lower)
    if kunci in WARNA_NAMA:
        return WARNA_NAMA[kunci], s.strip().title()
    raise AturanError(
        f"Warna '{nilai}' pada baris ke-{baris} tabel skala tidak dikenal.",
        saran="Tulis kode warna 6 digit seperti 00B050 atau nama warna: " + ", ".join(sorted(WARNA_NAMA)) + ".",
    )


def _inklusif(nilai: object, baris: int) -> bool:
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return True  # "batas bawah 75" in a table is read as "75 and above" unless said otherwise
    if isinstance(nilai, bool):
        return nilai
    if isinstance(nilai, numbers.Integral) and nilai in (0, 1):
        return bool(nilai)
    s = str(nilai).strip().lower()
    if s in _YA:
        return True
    if s in _TIDAK:
        return False
    raise AturanError(
        f"Kolom inklusif '{nilai}' pada baris ke-{baris} tabel skala tidak dikenal.",
        saran="Isi 'ya' (nilai sama dengan batas bawah termasuk tingkat ini, >=) atau 'tidak' (>).",
    )


def skala_dari_tabel(rows: Iterable, *, nama: str = "kustom", judul: str = "") -> Skala:
    """A scale from table rows (label, batas bawah, inklusif, warna[, nama warna]), highest first.

    The last row may leave batas bawah empty: the lowest tier catches every value below the others.
    Rows may also be dicts with keys label, batas_bawah, inklusif, warna, nama_warna. Bounds must go
    down row by row (two equal bounds only as "> b" above ">= b", like sakip3), else no value could
    ever reach a row: that is reported, in Bahasa Indonesia, naming the row."""
    tingkat: list[Tingkat] = []
    label_dilihat: set[str] = set()
    rows = list(rows)
    if not rows:
        raise AturanError("Tabel skala predikat kosong.",
                          saran="Isi minimal dua baris: label, batas bawah, inklusif, warna.")
    for i, row in enumerate(rows, start=1):
        if isinstance(row, Mapping):
            row = (row.get("label"), row.get("batas_bawah"), row.get("inklusif"), row.get("warna"),
                   row.get("nama_warna"))
        row = tuple(row)
        if not 2 <= len(row) <= 5:
            raise AturanError(
                f"Baris ke-{i} tabel skala memiliki {len(row)} kolom.",
                saran="Setiap baris: label, batas bawah, inklusif (ya/tidak), warna.",
            )
        row = row + (None,) * (5 - len(row))
        label, bawah, inkl, warna, nama_warna = row
        label = str(label).strip() if label is not None else ""
        if not label:
            raise AturanError(f"Label pada baris ke-{i} tabel skala kosong.",
                              saran="Isi label predikat, misalnya 'Baik'.")
        if label.lower() in label_dilihat:
            raise AturanError(f"Label '{label}' muncul dua kali pada tabel skala (baris ke-{i}).",
                              saran="Setiap tingkat harus memiliki label yang berbeda.")
        label_dilihat.add(label.lower())
        try:
            b = desimal_sel(bawah, "batas bawah")
        except Exception:
            raise AturanError(f"Batas bawah '{bawah}' pada baris ke-{i} tabel skala bukan angka.",
                              saran="Isi batas bawah dengan angka, misalnya 75 atau 75,5.") from None
        if b is None and i != len(rows):
            raise AturanError(
                f"Batas bawah pada baris ke-{i} tabel skala kosong, padahal bukan baris terakhir.",
                saran="Hanya tingkat terendah (baris terakhir) yang boleh tanpa batas bawah.",
            )
        hexa, nama_default = _warna(warna, i)
        tingkat.append(Tingkat(label, b, _inklusif(inkl, i), hexa, str(nama_warna).strip() if nama_warna else nama_default))
    for i in range(1, len(tingkat)):
        atas, bawah_ = tingkat[i - 1], tingkat[i]
        if bawah_.bawah is None:
            continue
        naik = bawah_.bawah > atas.bawah
        sama_salah = bawah_.bawah == atas.bawah and not (not atas.inklusif and bawah_.inklusif)
        if naik or sama_salah:
            raise AturanError(
                f"Baris ke-{i + 1} ('{bawah_.label}', batas {bawah_.bawah}) tidak lebih rendah dari baris "
                f"ke-{i} ('{atas.label}', batas {atas.bawah}): tingkat itu tidak akan pernah tercapai.",
                saran="Urutkan tabel dari tingkat tertinggi ke terendah dengan batas bawah yang makin kecil.",
            )
    if len(tingkat) < 2:
        raise AturanError("Tabel skala predikat hanya memiliki satu tingkat.",
                          saran="Isi minimal dua tingkat, misalnya 'Tercapai' dan 'Tidak Tercapai'.")
    return Skala(nama, judul or nama, tuple(tingkat))

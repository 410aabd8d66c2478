"""Capaian (achievement %) of one indicator, and the policies that make impossible arithmetic explicit.

This module owns:
- `capaian(target, realisasi, polaritas, metode, **policies)`: the SAKIP formulas per polaritas;
- `Kebijakan`: the per-workbook bundle of those policies (plus the predikat scales to use);
- grade scales (`SkalaNilai`; built-ins in `SKALA_HURUF`: nilai AKIP D..AA, opini BPK TMP..WTP; user-defined)
  for polaritas "huruf";
- `parse_polaritas` / `parse_metode`: the text staff type in the Indikator sheet to a rule name.

Order of evaluation (the vectorised form in `lakip_xl.aturan.vektor` mirrors it step by step):
1. policies are validated (an unknown policy raises even when the row would not need it);
2. polaritas is resolved: a Rentang target switches to "rentang", a grade text target to "huruf";
3. realisasi missing -> policy `realisasi_kosong` ("na" -> NA, "0" -> go on with R = 0);
4. target missing or 0 (for rentang: the bound divided by) -> policy `target_nol` ("na" | "100" | "0");
5. negatif "rasio" with R = 0 -> policy `rasio_realisasi_nol` ("na" | "100");
6. the formula, computed exactly (80 significant digits, far beyond any input's);
7. cap (`batas_atas`) then floor (`batas_bawah`, default 0: a negatif selisih with R > 2T would go
   below zero; common practice clamps there; "tanpa" or None turns it off), applied to every number
   including a policy's 100/0;
8. one rounding, `bulatkan(x, desimal, pembulatan)`; half_up is Excel's ROUND. -0.00 becomes 0.00.
   A result of 10^15 % or more (a target in the wrong unit; Excel keeps 15 digits) is NA, never a
   huge number and never inf.

Pure: imports no openpyxl/xlwings/pandas. Text input is read with `lakip_xl.aturan.angka.parse_angka`,
imported lazily.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping

from lakip_xl.aturan.angka import angka_sel, desimal_sel
from lakip_xl.aturan.nilai import (  # noqa: F401
    ALASAN_TERLALU_BESAR,
    BATAS_PERSEN,
    NA,
    PEMBULATAN,
    Rentang,
    bulatkan,
    bulatkan_wajar,
    konteks,
)
from lakip_xl.aturan.predikat import skala_dari
from lakip_xl.aturan.teks import norm
from lakip_xl.errors import AturanError, LakipError

POLARITAS = ("positif", "negatif", "rentang", "huruf")
METODE = ("selisih", "rasio")
TARGET_NOL = ("na", "100", "0")
REALISASI_KOSONG = ("na", "0")
RASIO_REALISASI_NOL = ("na", "100")
DESIMAL_MAKS = 10

# Precision of the exact step. Inputs carry at most ~30 significant digits (Excel keeps 15), so an
# 80-digit quotient can never sit on the wrong side of a rounding tie.
_SERATUS = Decimal(100)

# NA reasons (Bahasa Indonesia, shown to users). Kept as constants: the vectorised form produces the
# very same NA values.
ALASAN_REALISASI_KOSONG = "realisasi belum diisi"
ALASAN_TARGET_KOSONG = "target belum diisi"
ALASAN_TARGET_NOL = "target bernilai 0"
ALASAN_RENTANG_NOL = "batas rentang target bernilai 0"
ALASAN_RASIO_NOL = "realisasi 0 pada polaritas negatif metode rasio (target / realisasi)"
ALASAN_RASIO_TARGET_NEGATIF = "target negatif pada polaritas negatif metode rasio (target / realisasi)"


# --------------------------------------------------------------------------------------------------
# Text -> rule names


def _kunci(teks: object) -> str:
    """A typed rule word as its key: lower case, "-" and "_" read as spaces ("Tren-Negatif" -> "tren negatif")."""
    return norm(teks, pemisah="-_", huruf=str.lower)


SINONIM_POLARITAS = {
    # positif: higher is better (seed; LKjIP Maluku Tengah 2021; wp-sipd "Tren Positif")
    "positif": "positif", "tren positif": "positif", "maksimal": "positif", "maksimum": "positif",
    "semakin tinggi semakin baik": "positif", "positive": "positif",
    # negatif: lower is better (LKjIP Maluku Tengah 2021; PermenPANRB SKP; wp-sipd "Tren Negatif")
    "negatif": "negatif", "tren negatif": "negatif", "minimal": "negatif", "minimum": "negatif",
    "semakin rendah semakin baik": "negatif", "negative": "negatif",
    # rentang: target range a-b (PermenPANRB SKP p. 91/100)
    "rentang": "rentang", "range": "rentang", "interval": "rentang", "tren rentang": "rentang",
    # huruf: letter grade such as nilai AKIP (andhika201/E-Sakip satuan_predikat)
    "huruf": "huruf", "nilai huruf": "huruf", "grade": "huruf", "predikat huruf": "huruf",
}

_METODE_ALIAS = {
    # (2T - R) / T x 100: LKjIP Maluku Tengah 2021; PermenPANRB SKP "kondisi khusus"; andhika201,
    # naufalpi, Rayhanyl e-SAKIP code
    "selisih": "selisih",
    # T / R x 100: agusnurwanto/wp-sipd "Tren Negatif", wp-eval-sakip, ichien86/esakip
    "rasio": "rasio", "ratio": "rasio", "t/r": "rasio", "kebalikan": "rasio",
}


def parse_polaritas(teks: object, *, default: str | None = None) -> str:
    """"Positif", " negatif ", "Rentang", "Nilai Huruf", "Tren Negatif" -> one of POLARITAS.

    Empty text gives `default` when one is given, else an AturanError (never a silent guess)."""
    if isinstance(teks, str) and teks in SINONIM_POLARITAS:  # fast path: the canonical names (and exact aliases)
        return SINONIM_POLARITAS[teks]
    if teks is None or (isinstance(teks, str) and not teks.strip()):
        if default is not None:
            return parse_polaritas(default)
        raise AturanError(
            "Polaritas indikator belum diisi.",
            saran="Isi kolom Polaritas dengan positif, negatif, rentang, atau huruf.",
        )
    hasil = SINONIM_POLARITAS.get(_kunci(teks))
    if hasil is None:
        raise AturanError(
            f"Polaritas '{teks}' tidak dikenal.",
            saran="Gunakan positif (makin tinggi makin baik), negatif (makin rendah makin baik), "
            "rentang (target berupa rentang, misalnya 80 - 90), atau huruf (nilai huruf seperti AKIP).",
        )
    return hasil


def parse_metode(teks: object, *, default: str | None = None) -> str:
    """"Selisih", "RASIO" -> one of METODE (the formula for polaritas negatif)."""
    if isinstance(teks, str) and teks in _METODE_ALIAS:
        return _METODE_ALIAS[teks]
    if teks is None or (isinstance(teks, str) and not teks.strip()):
        if default is not None:
            return parse_metode(default)
        raise AturanError(
            "Metode polaritas negatif belum diisi.",
            saran="Isi dengan selisih ((2 x target - realisasi) / target x 100) atau rasio (target / realisasi x 100).",
        )
    hasil = _METODE_ALIAS.get(_kunci(teks))
    if hasil is None:
        raise AturanError(
            f"Metode '{teks}' tidak dikenal.",
            saran="Gunakan selisih ((2 x target - realisasi) / target x 100) atau rasio (target / realisasi x 100).",
        )
    return hasil


def _pilihan(nama: str, nilai: object, boleh: tuple[str, ...], saran: str) -> str:
    """A policy value as its canonical text: "n/a"/"NA" -> "na", 100 -> "100", 0 -> "0"."""
    if isinstance(nilai, bool):
        s = "?"
    elif isinstance(nilai, (int, Decimal)) or (isinstance(nilai, float) and nilai == nilai):
        d = Decimal(str(nilai)) if isinstance(nilai, float) else Decimal(nilai)
        s = str(int(d)) if d == d.to_integral_value() else str(d)
    else:
        s = _kunci(nilai).replace("/", "") if nilai is not None else "?"
    if s not in boleh:
        raise AturanError(f"Nilai '{nilai}' untuk pengaturan {nama} tidak dikenal.", saran=saran)
    return s


# --------------------------------------------------------------------------------------------------
# Grade scales (polaritas "huruf")


def _norm_huruf(teks: str) -> str:
    """A grade as its key: spacing tidied, upper case ("bb " -> "BB")."""
    return norm(teks, huruf=str.upper)


@dataclass(frozen=True)
class SkalaNilai:
    """A grade scale: grades lowest first, each with an ordinal score.

    `SkalaNilai("akip", ["D", "C", "CC", "B", "BB", "A", "AA"])` scores 1..7 by position;
    `SkalaNilai("opini", {"TMP": 1, "TW": 2, "WDP": 3, "WTP": 4})` gives the scores explicitly.
    Grades are matched case-insensitively."""

    nama: str
    nilai: tuple = field(default=())  # normalised to ((grade, Decimal score), ...), lowest first

    def __post_init__(self) -> None:
        src = self.nilai
        if isinstance(src, Mapping):
            pasangan = list(src.items())
        else:
            items = list(src)
            if items and all(isinstance(x, (tuple, list)) and len(x) == 2 for x in items):
                pasangan = [tuple(x) for x in items]
            else:
                pasangan = [(g, i + 1) for i, g in enumerate(items)]
        if not pasangan:
            raise AturanError(
                f"Skala nilai '{self.nama}' kosong.",
                saran="Tulis nilai huruf dari yang terendah, misalnya D, C, CC, B, BB, A, AA.",
            )
        out, dilihat = [], set()
        for huruf, skor in pasangan:
            if not isinstance(huruf, str) or not huruf.strip():
                raise AturanError(
                    f"Skala nilai '{self.nama}' memuat nilai huruf kosong.",
                    saran="Setiap baris skala harus berisi nilai huruf, misalnya 'BB'.",
                )
            kunci = _norm_huruf(huruf)
            if kunci in dilihat:
                raise AturanError(
                    f"Nilai huruf '{huruf}' muncul dua kali pada skala '{self.nama}'.",
                    saran="Hapus salah satu baris yang sama.",
                )
            dilihat.add(kunci)
            d = _ke_decimal_skor(skor, self.nama, huruf)
            out.append((kunci, d))
        object.__setattr__(self, "nilai", tuple(out))

    @property
    def huruf(self) -> tuple[str, ...]:
        return tuple(h for h, _ in self.nilai)

    def punya(self, teks: str) -> bool:
        return _norm_huruf(teks) in dict(self.nilai)

    def skor(self, teks: str) -> Decimal:
        """The ordinal score of a grade; AturanError naming the allowed grades if unknown."""
        d = dict(self.nilai).get(_norm_huruf(teks))
        if d is None:
            raise AturanError(
                f"Nilai huruf '{teks}' tidak ada pada skala {self.nama}.",
                saran=f"Gunakan salah satu dari: {', '.join(self.huruf)}.",
            )
        return d


def _ke_decimal_skor(skor: object, nama: str, huruf: str) -> Decimal:
    try:
        if isinstance(skor, bool):
            raise TypeError
        d = Decimal(str(skor)) if isinstance(skor, (int, float, str)) else skor
        if not isinstance(d, Decimal) or not d.is_finite() or d < 0:
            raise TypeError
        return d
    except Exception:
        raise AturanError(
            f"Skor untuk nilai huruf '{huruf}' pada skala '{nama}' bukan angka 0 atau lebih: '{skor}'.",
            saran="Isi skor dengan angka, misalnya 1, 2, 3.",
        ) from None


# andhika201/E-Sakip db/update_2026-07-27_satuan_predikat.sql (CODE): D=1 .. AA=7; TMP=1 .. WTP=4.
# The built-in grade scales (polaritas "huruf"), by name. Not to be confused with the predikat scales
# (lakip_xl.aturan.predikat.SKALA_PREDIKAT), which also have one named "akip": that one turns a score into
# AA..D, this one turns AA..D into a score.
SKALA_HURUF: dict[str, SkalaNilai] = {
    "akip": SkalaNilai("akip", ["D", "C", "CC", "B", "BB", "A", "AA"]),
    "opini_bpk": SkalaNilai("opini_bpk", ["TMP", "TW", "WDP", "WTP"]),
}
SKALA_NILAI = SKALA_HURUF  # the former name, kept for callers of the public rules API (tests/test_capaian.py)


def skala_nilai_dari(skala: object) -> SkalaNilai:
    """A grade scale from its name ("akip", "Opini BPK"), a SkalaNilai, a dict or a list of grades."""
    if isinstance(skala, SkalaNilai):
        return skala
    if isinstance(skala, str):
        kunci = _kunci(skala).replace(" ", "_")
        if kunci in SKALA_HURUF:
            return SKALA_HURUF[kunci]
        raise AturanError(
            f"Skala nilai '{skala}' tidak dikenal.",
            saran=f"Gunakan {' atau '.join(SKALA_HURUF)}, atau tulis skala sendiri (daftar nilai huruf).",
        )
    if isinstance(skala, (Mapping, list, tuple)):
        return SkalaNilai("kustom", skala)
    raise AturanError(
        f"Skala nilai bertipe {type(skala).__name__} tidak dikenal.",
        saran="Gunakan nama skala (akip, opini_bpk) atau daftar nilai huruf.",
    )


# --------------------------------------------------------------------------------------------------
# Values


# --------------------------------------------------------------------------------------------------
# Policies


@dataclass(frozen=True)
class _Aturan:
    target_nol: str
    realisasi_kosong: str
    rasio_realisasi_nol: str
    batas_atas: Decimal | None
    batas_bawah: Decimal | None
    desimal: int
    pembulatan: str


# A bound typed as "tanpa" (no bound): the way to turn the default floor of 0 off (docs/aturan.md section 1).
TANPA_BATAS = ("tanpa", "tanpa batas", "tidak ada", "tidak dibatasi")
BATAS_BAWAH_BAWAAN = Decimal(0)


def _batas(nilai: object, nama: str) -> Decimal | None:
    if nilai is None or (isinstance(nilai, str) and (not nilai.strip() or _kunci(nilai) in TANPA_BATAS)):
        return None
    try:
        d = desimal_sel(nilai, nama)
    except LakipError:
        d = None
    if d is None:
        raise AturanError(f"{nama} '{nilai}' bukan angka.",
                          saran=f"Isi {nama} dengan angka (misalnya 0, 100 atau 120), atau 'tanpa' untuk tanpa batas.")
    return d


_ATURAN_CACHE: dict = {}


def aturan(target_nol="na", realisasi_kosong="na", rasio_realisasi_nol="na", batas_atas=None,
           batas_bawah=BATAS_BAWAH_BAWAAN, desimal=2, pembulatan="half_up") -> _Aturan:
    """Validate and normalise the policy arguments of `capaian` (shared with lakip_xl.aturan.vektor)."""
    kunci = (target_nol, realisasi_kosong, rasio_realisasi_nol, batas_atas, batas_bawah, desimal, pembulatan,
             # the types are part of the key: True == 1 and 100 == 100.0 hash alike
             type(target_nol), type(realisasi_kosong), type(rasio_realisasi_nol), type(batas_atas),
             type(batas_bawah), type(desimal))
    try:
        hasil = _ATURAN_CACHE.get(kunci)
    except TypeError:  # an unhashable argument: validate without the cache (it raises anyway)
        return _aturan(*kunci[:7])
    if hasil is None:
        hasil = _aturan(*kunci[:7])
        if len(_ATURAN_CACHE) < 256:
            _ATURAN_CACHE[kunci] = hasil
    return hasil


def _aturan(target_nol, realisasi_kosong, rasio_realisasi_nol, batas_atas, batas_bawah, desimal,
            pembulatan) -> _Aturan:
    tn = _pilihan("Target Nol", target_nol, TARGET_NOL,
                  "Gunakan n/a (tidak dihitung), 100, atau 0 untuk target bernilai 0 atau kosong.")
    rk = _pilihan("Realisasi Kosong", realisasi_kosong, REALISASI_KOSONG,
                  "Gunakan n/a (tidak dihitung) atau 0 untuk realisasi yang belum diisi.")
    rn = _pilihan("Rasio Realisasi Nol", rasio_realisasi_nol, RASIO_REALISASI_NOL,
                  "Gunakan n/a (tidak dihitung) atau 100 untuk realisasi 0 pada metode rasio.")
    ba = _batas(batas_atas, "Batas Atas Capaian")
    bb = _batas(batas_bawah, "Batas Bawah Capaian")
    if ba is not None and bb is not None and bb > ba:
        raise AturanError(
            f"Batas Bawah Capaian ({bb}) lebih besar dari Batas Atas Capaian ({ba}).",
            saran="Perbaiki salah satu batas, misalnya batas bawah 0 dan batas atas 120.",
        )
    if isinstance(desimal, bool) or not isinstance(desimal, numbers.Integral) or not 0 <= desimal <= DESIMAL_MAKS:
        raise AturanError(f"Jumlah desimal '{desimal}' tidak dikenal.",
                          saran=f"Gunakan bilangan bulat 0 sampai {DESIMAL_MAKS} (biasanya 2).")
    if pembulatan not in PEMBULATAN:
        raise AturanError(f"Cara pembulatan '{pembulatan}' tidak dikenal.",
                          saran="Gunakan 'half_up' (seperti ROUND di Excel) atau 'truncate' (seperti TRUNC).")
    return _Aturan(tn, rk, rn, ba, bb, int(desimal), pembulatan)


@dataclass(frozen=True)
class Kebijakan:
    """The per-workbook policies (sheet Pengaturan), with the defaults of `capaian`.

    `capaian(t, r, polaritas, **kebijakan.kwargs_capaian())`. `metode_negatif` is the workbook's
    "Metode Negatif"; it is passed as `metode` only when asked (`kwargs_capaian(dengan_metode=True)`)
    so that it never clashes with a positional metode."""

    target_nol: str = "na"
    realisasi_kosong: str = "na"
    rasio_realisasi_nol: str = "na"
    batas_atas: Decimal | None = None
    batas_bawah: Decimal | None = BATAS_BAWAH_BAWAAN  # the floor; None (typed "tanpa") = no floor
    desimal: int = 2
    pembulatan: str = "half_up"
    skala_predikat: str = "sakip3"
    skala_sasaran: str = "permendagri86"  # a regulation's bounds (docs/aturan.md section 2)
    desimal_realisasi: int = 2
    metode_negatif: str = "selisih"
    # a cap used only when averaging indicators into their sasaran (lakip_xl.aturan.sasaran); None = none
    batas_atas_sasaran: Decimal | None = None
    # efisiensi (lakip_xl.aturan.anggaran): selisih | rasio, and the Efisien / Cukup Efisien bounds
    # (None = the method's default, BATAS_EFISIENSI)
    metode_efisiensi: str = "selisih"
    batas_efisien: Decimal | None = None
    batas_cukup_efisien: Decimal | None = None

    def __post_init__(self) -> None:
        a = aturan(**self.kwargs_capaian())
        for nama in ("target_nol", "realisasi_kosong", "rasio_realisasi_nol", "batas_atas", "batas_bawah",
                     "desimal", "pembulatan"):
            object.__setattr__(self, nama, getattr(a, nama))
        object.__setattr__(self, "metode_negatif", parse_metode(self.metode_negatif))
        object.__setattr__(self, "batas_atas_sasaran", _batas(self.batas_atas_sasaran, "Batas Atas Capaian Sasaran"))
        from lakip_xl.aturan.anggaran import kategori_efisiensi, parse_metode_efisiensi

        object.__setattr__(self, "metode_efisiensi", parse_metode_efisiensi(self.metode_efisiensi))
        object.__setattr__(self, "batas_efisien", _batas(self.batas_efisien, "Batas Efisien"))
        object.__setattr__(self, "batas_cukup_efisien", _batas(self.batas_cukup_efisien, "Batas Cukup Efisien"))
        kategori_efisiensi(0, metode=self.metode_efisiensi, batas_efisien=self.batas_efisien,
                           batas_cukup=self.batas_cukup_efisien)  # refuses crossed bounds now, not per row
        if (isinstance(self.desimal_realisasi, bool) or not isinstance(self.desimal_realisasi, numbers.Integral)
                or not 0 <= self.desimal_realisasi <= DESIMAL_MAKS):
            raise AturanError(f"Jumlah desimal realisasi '{self.desimal_realisasi}' tidak dikenal.",
                              saran=f"Gunakan bilangan bulat 0 sampai {DESIMAL_MAKS}.")

        skala_dari(self.skala_predikat)
        skala_dari(self.skala_sasaran)

    def kwargs_capaian(self, *, dengan_metode: bool = False) -> dict:
        kw = dict(
            target_nol=self.target_nol,
            realisasi_kosong=self.realisasi_kosong,
            rasio_realisasi_nol=self.rasio_realisasi_nol,
            batas_atas=self.batas_atas,
            batas_bawah=self.batas_bawah,
            desimal=self.desimal,
            pembulatan=self.pembulatan,
        )
        if dengan_metode:
            kw["metode"] = self.metode_negatif
        return kw


# --------------------------------------------------------------------------------------------------
# The rule


def _cari_skala_huruf(teks: str, skala_nilai: object) -> SkalaNilai | None:
    """The grade scale a text belongs to: the given one, else the first built-in that has it."""
    if skala_nilai is not None:
        s = skala_nilai_dari(skala_nilai)
        return s if s.punya(teks) else None
    for s in SKALA_HURUF.values():
        if s.punya(teks):
            return s
    return None


def _skor_huruf(x: object, skala: SkalaNilai, peran: str) -> Decimal | None:
    """A grade cell's ordinal score; None when the cell is empty."""
    if x is None or isinstance(x, NA) or (isinstance(x, str) and not x.strip()):
        return None
    if isinstance(x, str):
        if skala.punya(x):
            return skala.skor(x)
        if _angka_kosong(x):
            return None
        return skala.skor(x)  # raises with the allowed grades
    if isinstance(x, float) and x != x:
        return None
    raise AturanError(
        f"{peran.capitalize()} '{x}' bukan nilai huruf, padahal polaritasnya huruf (skala {skala.nama}).",
        saran=f"Isi {peran} dengan salah satu dari: {', '.join(skala.huruf)}.",
    )


def _angka_kosong(teks: str) -> bool:
    try:
        return angka_sel(teks, "nilai") is None
    except Exception:
        return False


def capaian(target, realisasi, polaritas="positif", metode="selisih", *,
            skala_nilai=None,
            target_nol="na",
            realisasi_kosong="na",
            rasio_realisasi_nol="na",
            batas_atas=None,
            batas_bawah=BATAS_BAWAH_BAWAAN,
            desimal=2,
            pembulatan="half_up") -> Decimal | NA:
    """Capaian (%) of realisasi against target, rounded once; NA when not computable.

    >>> capaian("40", "85,6")
    Decimal('214.00')
    >>> capaian(10, 5, "negatif")
    Decimal('150.00')
    >>> capaian("B", "B")
    Decimal('100.00')
    >>> str(capaian(0, 5))
    'n/a'
    """
    a = aturan(target_nol, realisasi_kosong, rasio_realisasi_nol, batas_atas, batas_bawah, desimal, pembulatan)
    return capaian_baris(target, realisasi, parse_polaritas(polaritas), parse_metode(metode), skala_nilai, a)


def capaian_baris(target, realisasi, pol: str, met: str, skala_nilai, a: _Aturan) -> Decimal | NA:
    """Steps 2-8 with validated policies (also the exact path of lakip_xl.aturan.vektor)."""
    siap = _masukan(target, realisasi, pol, skala_nilai, a)
    if type(siap) is not tuple:  # decided before any arithmetic (steps 3-4)
        return siap if isinstance(siap, NA) else akhiri(siap, a)
    with konteks():  # steps 5-8 in one exact step
        hasil = _rumus(*siap, met, a)
        return hasil if isinstance(hasil, NA) else _akhiri(hasil, a)


def akhiri(x: Decimal, a: _Aturan) -> Decimal | NA:
    """Steps 7 and 8: cap, floor, one rounding."""
    with konteks():
        return _akhiri(x, a)


def _akhiri(x: Decimal, a: _Aturan) -> Decimal | NA:
    """akhiri inside the exact step's context (konteks)."""
    if a.batas_atas is not None and x > a.batas_atas:
        x = a.batas_atas
    if a.batas_bawah is not None and x < a.batas_bawah:
        x = a.batas_bawah
    return bulatkan_wajar(x, a.desimal, a.pembulatan)


def _kebijakan_target(a: _Aturan, alasan: str) -> Decimal | NA:
    # docs/aturan.md section 1 (Target Nol): peers return n/a, 100 or 0 for target 0; default n/a (not computable)
    if a.target_nol == "na":
        return NA(alasan)
    return Decimal(a.target_nol)


def _masukan(target, realisasi, pol: str, skala_nilai, a: _Aturan) -> tuple | Decimal | NA:
    """Steps 2-4, in the caller's context: (t, r, pol) for the arithmetic of steps 5-6 (`_rumus`), or
    the result when no arithmetic is needed (NA, or the Target Nol policy's value)."""
    # Step 2: what the target is decides the rule (core-api.md: Rentang -> rentang, grade -> huruf).
    skala = None
    if isinstance(target, str) and target.strip():
        skala = _cari_skala_huruf(target, skala_nilai)
    if skala is not None:
        pol = "huruf"
    elif pol == "huruf":
        if skala_nilai is None and not (target is None or isinstance(target, NA) or
                                        (isinstance(target, str) and _angka_kosong(target))):
            raise AturanError(
                f"Target '{target}' bukan nilai huruf yang dikenal, padahal polaritasnya huruf.",
                saran="Isi target dengan nilai huruf (misalnya BB atau WTP) atau pilih skala nilai.",
            )
        skala = skala_nilai_dari(skala_nilai if skala_nilai is not None else "akip")

    if pol == "huruf":
        # andhika201/E-Sakip satuan_predikat (CODE): grades to ordinal scores, then the positif rule
        t = _skor_huruf(target, skala, "target")
        r = _skor_huruf(realisasi, skala, "realisasi")
    else:
        t = angka_sel(target, "target")
        if isinstance(realisasi, str) and realisasi.strip() and _cari_skala_huruf(realisasi, skala_nilai):
            raise AturanError(
                f"Realisasi '{realisasi}' berupa nilai huruf, tetapi target '{target}' bukan nilai huruf.",
                saran="Isi target dan realisasi sama-sama dengan nilai huruf (misalnya BB), atau sama-sama angka.",
            )
        r = desimal_sel(realisasi, "realisasi")
        if isinstance(t, Rentang):
            pol = "rentang"
        elif pol == "rentang" and t is not None:
            raise AturanError(
                f"Polaritas rentang membutuhkan target berupa rentang, bukan '{target}'.",
                saran="Tulis target sebagai rentang, misalnya '80 - 90', atau ubah polaritasnya.",
            )

    # Step 3: missing realisasi is its own state, distinct from 0 (docs/aturan.md section 1, Realisasi Kosong).
    if r is None:
        if a.realisasi_kosong == "na":
            return NA(ALASAN_REALISASI_KOSONG)
        r = Decimal(0)

    # Step 4: target missing or 0.
    if t is None:
        return _kebijakan_target(a, ALASAN_TARGET_KOSONG)
    return t, r, pol


def _rumus(t, r, pol: str, met: str, a: _Aturan) -> Decimal | NA:
    """Steps 5-6, inside the exact step's context (konteks): the exact, unrounded capaian (or NA)."""
    if pol == "rentang":
        # PermenPANRB SKP p. 91/100: 92 on 80-90 gives 92/90 = 102.2; 70 on 80-90 gives 87.5.
        # Inside the range: 100 (product decision; the regulation excerpt is silent).
        if r > t.atas:
            batas = t.atas
        elif r < t.bawah:
            batas = t.bawah
        else:
            return Decimal(100)
        if batas.is_zero():
            return _kebijakan_target(a, ALASAN_RENTANG_NOL)
        if batas < 0:  # docs/aturan.md section 1, Target negatif
            return _SERATUS + (r - batas) * _SERATUS / -batas
        return r * _SERATUS / batas
    if t.is_zero():
        return _kebijakan_target(a, ALASAN_TARGET_NOL)
    if t < 0:
        # docs/aturan.md section 1, Target negatif: R / T and (2T - R) / T invert their meaning when T
        # is negative (R = -1 against T = -2 would be 50 %, though -1 beats -2). The distance from the
        # target measured in |T| keeps it: 100 + (R - T) / |T| x 100 (positif) and 100 + (T - R) / |T|
        # x 100 (negatif selisih), equal to the usual formulas whenever T > 0. Metode rasio has no
        # such reading: n/a. The reader warns, naming the cell (lakip_xl.sumber.baca).
        if pol in ("positif", "huruf"):
            return _SERATUS + (r - t) * _SERATUS / -t
        if met == "selisih":
            return _SERATUS + (t - r) * _SERATUS / -t
        return NA(ALASAN_RASIO_TARGET_NEGATIF)
    if pol in ("positif", "huruf"):
        # R / T x 100: seed LAKIP Depok 2020; LKjIP Maluku Tengah 2021 p. III.2; PermenPANRB SKP
        return r * _SERATUS / t
    if met == "selisih":
        # (T - (R - T)) / T x 100 = (2T - R) / T x 100: LKjIP Maluku Tengah 2021; PermenPANRB SKP
        # "kondisi khusus"; andhika201 lakip_helper.php, naufalpi CapaianKinerjaService.php
        return (2 * t - r) * _SERATUS / t
    # T / R x 100: wp-sipd data_rumus_indikator "Tren Negatif", wp-eval-sakip, ichien86/esakip.
    # R = 0 is undefined; peers pin it to 100 (policy rasio_realisasi_nol).
    if r.is_zero():
        if a.rasio_realisasi_nol == "na":
            return NA(ALASAN_RASIO_NOL)
        return Decimal(100)
    return t * _SERATUS / r

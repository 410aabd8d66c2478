"""Figures as a report printed them: the number, the decimals printed, the magnitude (unit); the
comparison of a printed figure with the exact one, and the Indonesian-style texts findings quote.

- Precision: a printed figure is compared with the computed one rounded to the decimals it was
  printed with ("129%" against capaian rounded to 0 decimals, "33,3" to 1), derived from its text.
- Units: a figure written with a magnitude ("45,1 M", "103 M"; M = 10^9, jt = 10^6, T = 10^12,
  domain.md section 5) is the full number; a plain number is in the unit its context names: for a
  printed figure the Satuan the same table prints for that indicator (a Dilaporkan "satuan" row with
  the same Tabel and Kode), else the indicator's Satuan; for a typed data figure the indicator's
  Satuan. When that unit is a magnitude, the number is multiplied by it. Figures are compared as full
  numbers at the printed precision (45,1 M against the data rounded to 0,1 x 10^9).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from lakip_xl.aturan.angka import format_angka, pangkat_kata  # the magnitude words parse_angka reads
from lakip_xl.aturan.nilai import NA, Rentang, bulatkan
from lakip_xl.sumber.model import Isian

# Comparison outcomes of a printed figure against the computed one.
SAMA = "sama"
PEMBULATAN = "pembulatan"  # equal under the other rounding rule (truncate vs half up)
BEDA = "beda"

LAIN = {"half_up": "truncate", "truncate": "half_up", "half_even": "half_up"}
CARA_TEKS = {"half_up": "dibulatkan (ROUND)", "truncate": "dipotong (TRUNC)", "half_even": "dibulatkan ke genap"}


@dataclass(frozen=True)
class Cetak:
    """A number as a report printed it.

    `angka` is the number in its printed unit (45.1 for "45,1 M", 98 for "98" in a table whose Satuan
    is M), `pangkat` the power of ten of that unit (9), `nilai` the full number (45100000000),
    `desimal` the decimals printed (1)."""

    teks: str
    angka: Decimal
    desimal: int
    pangkat: int = 0
    label: str = ""  # the magnitude word to show ("M"), "" for none
    persen: bool = False
    rupiah: bool = False

    @property
    def nilai(self) -> Decimal:
        return self.angka.scaleb(self.pangkat) if self.pangkat else self.angka


TOKEN = re.compile(r"[0-9][0-9.,]*")
_KATA = re.compile(r"[^\W\d_]+")
_BUKAN_ANGKA = re.compile(r"\D")
_DESIMAL_AKHIR = re.compile(r"[.,](\d+)$")
_KATA_SETELAH = re.compile(r"[0-9]\s*([^\W\d_]+)")


def pangkat_satuan(satuan: str) -> int:
    """The magnitude a Satuan names ("M", "Rp M", "miliar rupiah" -> 9); 0 when it names none."""
    return _besaran_satuan(satuan or "")[0]


@lru_cache(maxsize=1024)
def _besaran_satuan(satuan: str) -> tuple[int, str]:
    """The first magnitude word of a Satuan: (its power of ten, the word), (0, "") when there is none.
    Cached: the audit asks for every typed figure, and an agency has a few dozen Satuan."""
    for kata in _KATA.findall(satuan):
        p = pangkat_kata(kata)
        if p:
            return p, kata
    return 0, ""


def pangkat_teks(teks: str) -> tuple[int, str]:
    """The magnitude written right after the number in a text ("45,1 M", "108M") and its word."""
    m = _KATA_SETELAH.search(teks or "")
    if m:
        p = pangkat_kata(m.group(1))
        if p:
            return p, m.group(1)
    return 0, ""


def label_satuan(satuan: str) -> str:
    return _besaran_satuan(satuan or "")[1]


def desimal_teks(teks: str, angka: Decimal) -> int:
    """Decimals printed: "33,3" -> 1, "44,00" -> 2, "1.264.373" -> 0, "45,1 M" -> 1. The digits of
    the number token read as an integer, scaled down until they equal the parsed value (so the
    ambiguity rule of parse_angka decides which separator was the decimal one)."""
    m = TOKEN.search(teks or "")
    if m is None:
        return max(0, -angka.as_tuple().exponent) if angka.is_finite() else 0
    token = m.group(0).rstrip(".,")
    digits = _BUKAN_ANGKA.sub("", token)
    a = abs(angka)
    if not digits:
        return 0
    if a.is_zero():
        akhir = _DESIMAL_AKHIR.search(token)
        return len(akhir.group(1)) if akhir and len(akhir.group(1)) != 3 else 0
    n = Decimal(int(digits))
    for k in range(len(digits) + 1):
        if n.scaleb(-k) == a:
            return k
    return max(0, -angka.as_tuple().exponent)


def cetak(isian: Isian, satuan: str = "") -> Cetak | None:
    """A printed figure (a Dilaporkan Nilai) read with the unit rule; None when it is not a number."""
    v = isian.nilai
    if not isinstance(v, Decimal):
        return None
    teks = isian.teks or format(v, "f")
    p, kata = pangkat_teks(teks)
    if p:
        angka = v.scaleb(-p)
    else:
        p, kata = _besaran_satuan(satuan or "")
        angka = v
    rendah = teks.strip().lower()
    return Cetak(teks=teks, angka=angka, desimal=desimal_teks(teks, angka), pangkat=p, label=kata,
                 persen="%" in teks or "persen" in rendah, rupiah=rendah.startswith(("rp", "idr")))


def penuh(isian: Isian, satuan: str = "") -> Decimal | None:
    """A typed data figure as a full number under the unit rule (a plain number is in its Satuan)."""
    v = isian.angka
    if v is None:
        return None
    if pangkat_teks(isian.teks)[0]:
        return v
    p = pangkat_satuan(satuan)
    return v.scaleb(p) if p else v


def banding(c: Cetak, exact: Decimal, cara: str = "half_up") -> str:
    """SAMA when the printed figure is `exact` rounded (by `cara`) to the printed decimals, PEMBULATAN
    when it is under the other rule (truncated vs half up), else BEDA."""
    x = exact.scaleb(-c.pangkat) if c.pangkat else exact
    if bulatkan(x, c.desimal, cara) == c.angka:
        return SAMA
    if bulatkan(x, c.desimal, LAIN.get(cara, "truncate")) == c.angka:
        return PEMBULATAN
    return BEDA


def fmt(x: Decimal | None, desimal: int | None = None, *, pangkat: int = 0, label: str = "",
        persen: bool = False, rupiah: bool = False, cara: str = "half_up") -> str:
    """Indonesian style, in the printed unit: "71,43", "130,61%", "128 M", "Rp 4.926.982.500"."""
    if x is None:
        return ""
    if pangkat:
        x = x.scaleb(-pangkat)
    if desimal is not None:
        x = bulatkan(x, desimal, cara)
    teks = format_angka(x, desimal=desimal, gaya="rupiah" if rupiah else "angka")
    if label:
        teks += f" {label}"
    if persen:
        teks += "%"
    return teks


def fmt_c(c: Cetak, x: Decimal | None, desimal: int | None = None, cara: str = "half_up") -> str:
    """`x` (a full number) written like the printed figure `c` (same unit, percent sign, Rp)."""
    return fmt(x, c.desimal if desimal is None else desimal, pangkat=c.pangkat, label=c.label,
               persen=c.persen, rupiah=c.rupiah, cara=cara)


def selisih_teks(c: Cetak, x: Decimal, desimal: int, cara: str = "half_up") -> str:
    """printed - computed, signed, in the printed unit, at `desimal` decimals."""
    xs = bulatkan(x.scaleb(-c.pangkat) if c.pangkat else x, desimal, cara)
    d = c.angka - xs
    tanda = "+" if d > 0 else ("-" if d < 0 else "")
    teks = format_angka(abs(d), desimal=max(desimal, c.desimal), gaya="rupiah" if c.rupiah else "angka")
    return tanda + teks + (f" {c.label}" if c.label else "")


def teks_angka(x: Decimal | None, desimal: int | None = None) -> str:
    return "" if x is None else format_angka(x, desimal=desimal)


def beda_teks(x: Decimal, rupiah: bool = False) -> str:
    tanda = "+" if x > 0 else ("-" if x < 0 else "")
    return tanda + format_angka(abs(x), gaya="rupiah" if rupiah else "angka")


def teks_nilai(x) -> str:
    if isinstance(x, Decimal):
        return format_angka(x)
    if isinstance(x, Rentang):
        return f"{format_angka(x.bawah)} - {format_angka(x.atas)}"
    if x is None or isinstance(x, NA):
        return "n/a"
    return str(x)


def huruf_sama(a: str, b: str) -> bool:
    return "".join(str(a).split()).casefold() == "".join(str(b).split()).casefold()


def rapat(s: str) -> str:
    return re.sub(r"[\s/]+", "", str(s)).casefold()

"""Text as staff type it: the one key function for matching words, and the missing-value markers.

Every layer matches typed words (header texts, polaritas / tipe / metode synonyms, scale names,
grades, drop-down labels) through `norm`, so that the reader, the rules, the UDFs and the audit never
disagree about which spellings are the same word. The copies differed in small ways (which characters
count as spaces, whether spaces are dropped, lower() / casefold() / upper()); each difference is now a
parameter, stated at the call.

>>> norm("  Tipe   Penghitungan ")
'tipe penghitungan'
>>> norm("Non-Kumulatif", pemisah="-_", rapat=True)
'nonkumulatif'
>>> norm(" tren_negatif ", pemisah="-_", huruf=str.lower)
'tren negatif'
>>> norm(" bb ", huruf=str.upper)
'BB'

Missing-value markers: what a cell holds when staff mean "no data" rather than a number
(`lakip_xl.aturan.angka.parse_angka` reads every one of `TANDA_KOSONG`, compared in lower case, as
None, never as 0; docs/aturan.md section 5).

Pure: standard library only.
"""

from __future__ import annotations

import re
from typing import Callable

__all__ = ["norm", "TANDA_STRIP", "TANDA_NA", "TANDA_KOSONG"]

# Dashes typed in place of a figure: "-", "--", en dash, em dash.
TANDA_STRIP = frozenset({"-", "--", "\u2013", "\u2014"})
# "not available" as typed (compared in lower case).
TANDA_NA = frozenset({"n/a", "na"})
# Every text read as missing (compared in lower case, after surrounding spaces are removed).
TANDA_KOSONG = frozenset({"", *TANDA_STRIP, *TANDA_NA, "n.a.", "n.a", "tidak ada", "tdk ada"})

_POLA: dict[str, re.Pattern] = {}


def norm(teks: object, *, pemisah: str = "", rapat: bool = False,
         huruf: Callable[[str], str] | None = str.casefold) -> str:
    """`teks` as a matching key: surrounding spaces removed, every run of spaces (and of the characters
    in `pemisah`, e.g. "-_") made one space, or removed altogether with `rapat=True`; then `huruf`
    applied (str.casefold by default; str.lower, str.upper, or None to keep the case).

    Spaces are Python's whitespace (str.split / re's \\s: tabs, line breaks, no-break spaces...).
    The ends are trimmed of spaces before `pemisah` characters are replaced, so a `pemisah` character
    at an end becomes one space there ("positif-" -> "positif "), as the rules always read it."""
    s = str(teks)
    if rapat:
        if pemisah:
            s = s.translate(_hapus(pemisah))
        s = "".join(s.split())
    elif pemisah:
        pola = _POLA.get(pemisah)
        if pola is None:
            pola = _POLA[pemisah] = re.compile(rf"[\s{re.escape(pemisah)}]+")
        s = pola.sub(" ", s.strip())
    else:
        s = " ".join(s.split())
    return huruf(s) if huruf is not None else s


_HAPUS: dict[str, dict[int, None]] = {}


def _hapus(pemisah: str) -> dict[int, None]:
    tabel = _HAPUS.get(pemisah)
    if tabel is None:
        tabel = _HAPUS[pemisah] = dict.fromkeys(map(ord, pemisah))
    return tabel

"""Indonesian numbers: read what staff type or paste into `Decimal`, and write numbers back the
Indonesian way ("1.264.373", "34,67", "Rp 4.926.982.500", "45,1 M").

This module owns `parse_angka` and `format_angka` (docs/dev/core-api.md). It is pure (standard
library only) and fast: the ANGKA() UDF calls it once per cell.

Reading
-------
>>> parse_angka("1.264.373")
Decimal('1264373')
>>> parse_angka("34,67%")
Decimal('34.67')
>>> parse_angka("Rp. 11.347.257.853")
Decimal('11347257853')
>>> parse_angka("4,926,982,500")
Decimal('4926982500')
>>> parse_angka("45,1 M"), parse_angka("500 jt"), parse_angka("1,2 T")
(Decimal('45100000000'), Decimal('500000000'), Decimal('1200000000000'))
>>> parse_angka("4,98% - 5,23%")
Rentang(bawah=Decimal('4.98'), atas=Decimal('5.23'))
>>> parse_angka("-") is None, parse_angka("n/a") is None, parse_angka("Rp -") is None
(True, True, True)
>>> parse_angka("0,9 Angka"), parse_angka("(5)")
(Decimal('0.9'), Decimal('-5'))

Forms accepted:

- an optional sign: "-5", "+5", "\u22125" (Unicode minus); an accounting negative "(5)" or
  "(Rp 5.000)" is -5 / -5000 (Excel's accounting format shows negatives in parentheses, and staff
  paste figures from financial statements);
- an optional currency prefix "Rp", "Rp.", "IDR" (any case, space optional) and the rupiah tail
  ",-" ("Rp 5.000,-");
- the number; scientific notation as Excel shows it ("1,5E+09", "1.23457E+11") is read too;
- an optional "%" or the word "persen" (percent points are kept: "34,67%" -> 34.67, as reports
  print it; `persen="pecahan"` gives the fraction 0.3467 instead);
- an optional magnitude: "rb"/"ribu" 10^3, "jt"/"juta" 10^6, "M"/"miliar"/"milyar" 10^9,
  "T"/"triliun" 10^12 (docs/aturan.md section 5). A lone lowercase "m" or "t" is refused: it may be
  meter or ton just as well as miliar or triliun;
- any other trailing words are units and are dropped ("0,9 Angka", "130 koperasi");
- spaces, non-breaking and thin spaces around and inside are ignored.

Missing (None, never zero): None, "", "-", "\u2013", "\u2014", "n/a", "N/A", "na", "n.a.",
"tidak ada", and those with a currency or percent decoration ("Rp -", "- %"). "Rp 0" is zero.

Ranges: two numbers joined by "-", "\u2013", "\u2014", "s/d" or "sampai (dengan)" become
`lakip_xl.aturan.nilai.Rentang` ("80 - 90", "80-90", "4,98% - 5,23%"). A percent sign or magnitude written
only after the upper bound applies to both ("80 - 90%", "100 - 200 jt"). A reversed range
("90 - 80") is an error.

ints, floats, Decimals pass through (floats via `lakip_xl.aturan.nilai.ke_decimal`, which cleans float
artefacts such as 100.00000000000001 to 15 significant digits); float NaN is missing.

The ambiguity rule (docs/aturan.md section 5)
---------------------------------------------
Indonesian writes "." for grouping and "," for decimals, but the user's own report also writes
"77.33%", "0.14%", "45.1 M" and "872,835,500". One rule reads both, in this order:

1. Both "." and "," appear: the LAST one is the decimal separator, the other one groups thousands
   ("1.234.567,89" and "1,234,567.89"). Groups must be well formed.
2. One separator appears more than once: it groups thousands ("1.264.373", "872,835,500"). The first
   group has 1-3 digits, every other group exactly 3 ("12,3,4" is refused).
3. One separator appears once and is NOT followed by exactly three digits: it is the decimal
   separator, because a thousands group always has three digits ("77.33", "0.14", "45.1", "12.5",
   "34,67", "1.5").
4. One separator appears once and IS followed by exactly three digits ("4.250", "2.222", "12,500"):
   both readings are possible, unless the integer part starts with 0 or has more than three digits
   ("0.140", "1234.567": decimal, a group would be malformed). Otherwise `default_desimal`
   decides: with the default "," a "," is decimal and a "." groups thousands, so "2.222" and
   "1.145" (counts in the seed) are 2222 and 1145, and "12,500" is 12.5. With
   `default_desimal="."` it is the other way round. With `strict=True` the text is refused with
   a suggestion instead.

>>> parse_angka("2.222"), parse_angka("77.33%"), parse_angka("0.14%"), parse_angka("12,500")
(Decimal('2222'), Decimal('77.33'), Decimal('0.14'), Decimal('12.500'))
>>> parse_angka("4.250", default_desimal=".")
Decimal('4.250')
>>> parse_angka("4.250", strict=True)
Traceback (most recent call last):
...
lakip_xl.errors.AngkaError: Angka '4.250' bisa dibaca dua cara: tanda '.' yang diikuti tepat tiga angka bisa pemisah ribuan, bisa juga tanda desimal. Perbaikan: '4.250': maksudnya 4,250 (empat koma dua lima) atau 4250 (empat ribu dua ratus lima puluh)? Tulis 4,25 atau 4250. Tanpa mode ketat, teks ini dibaca 4250.

Strict mode refuses only case 4 (two valid readings); malformed text is refused in both modes.

Writing
-------
>>> format_angka(Decimal("1264373"))
'1.264.373'
>>> format_angka(Decimal("34.666"), desimal=2), format_angka(Decimal("34.67"), gaya="persen")
('34,67', '34,67%')
>>> format_angka(Decimal("4926982500"), gaya="rupiah")
'Rp 4.926.982.500'
>>> format_angka(Decimal("45100000000"), gaya="singkat"), format_angka(Decimal("45.1E9"), satuan="M")
('45,1 M', '45,1 M')
>>> format_angka(NA("target bernilai 0")), format_angka(None)
('n/a', '')

`desimal=None` writes the Decimal's own digits (lossless); `desimal=k` rounds half-up first
(`lakip_xl.aturan.nilai.bulatkan`, Excel's ROUND; `pembulatan="truncate"` is Excel's TRUNC).

Magnitudes (gaya="singkat"): `satuan` ("rb", "jt", "M", "T" or their long forms, written as given)
forces one; without it the largest of T (>= 10^12), M (>= 10^9), jt (>= 10^6) not exceeding the
absolute value is chosen from the unrounded value, and below 10^6 no magnitude is written ("rb" is
never chosen on its own: "1.500" reads fine). `satuan` also works with gaya "angka" and "rupiah"
("Rp 45,1 M"), not with "persen".

Round trip: parse_angka(format_angka(x, desimal=k)) == x for every x with at most k decimals and
every gaya but "singkat" with `desimal` (which rounds the shortened value), under the default
`default_desimal=","`. Two outputs are case 4 above, read right by default but refused under
strict=True: exactly three decimals without a thousands group ("4,250") and an integer with exactly
one thousands group ("4.250"); that is the notation itself, not this module.
"""

from __future__ import annotations

import numbers
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from lakip_xl.aturan.nilai import NA, Rentang, bulatkan, ke_decimal
from lakip_xl.aturan.teks import TANDA_KOSONG
from lakip_xl.errors import AngkaError, AturanError

__all__ = ["parse_angka", "format_angka", "angka_sel", "desimal_sel"]

PERSEN = ("nilai", "pecahan")
GAYA = ("angka", "persen", "rupiah", "singkat")

# Spaces Excel and web pages paste (no-break, narrow no-break, figure, thin) become plain spaces;
# zero-width spaces vanish.
_SPASI = str.maketrans({"\xa0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200b": None})

_KOSONG = TANDA_KOSONG  # "", "-", "n/a", "tidak ada"...: lakip_xl.aturan.teks
# a missing marker dressed as money or percent: "Rp -", "- %"
_KOSONG_DEKOR = re.compile(r"(?:(?:rp\.?|idr)\s*)?(?P<inti>.*?)\s*(?:%|persen)?", re.I)

# The rupiah tail ",-" / ",--" ("Rp 5.000,-": no cents), only right after a digit.
_EKOR_RUPIAH = re.compile(r"(?<=[0-9])[.,]-{1,2}$")

# One number. The token is captured loosely ([.,]*[0-9][0-9.,]*: one digit at least, no
# backtracking blow-up) and checked by _baca_token, so that a malformed group gets a precise message.
_SATU = re.compile(
    r"""
    (?P<tanda>[-+\u2212])?\s*
    (?:(?P<rp>rp\.?|idr)\s*)?
    (?P<tanda2>[-+\u2212])?\s*
    (?P<token>[.,]*[0-9][0-9.,]*)
    (?P<eksp>[eE][-+]?[0-9]+)?
    \s*(?P<pct>%)?
    \s*(?P<sisa>[^\W\d_](?:[^\d\-\u2013\u2014]|(?<=[^\W\d_])\d)*)?  # words: units ("m2" allowed), no number
    """,
    re.I | re.X,
)

# Two parts joined by a dash or "s/d". The lower part must end in something a number can end in, so
# that "-5" alone or "Rp -" is not a range.
_RENTANG = re.compile(
    r"(?P<a>.*?[0-9%)a-zA-Z])\s*(?:[-\u2013\u2014\u2212]|s/d|s\.d\.?|sampai(?:\s+dengan)?)\s*(?P<b>\S.*)",
    re.I,
)

_DIGIT3 = re.compile(r"[0-9]{3}")
# words after a number that are an exponent's leftovers, not a unit: "e5", "E+05", "ee5", "e"
_EKSPONEN_SISA = re.compile(r"[eE]+[-+]?[0-9]*")
_KELOMPOK_AWAL = re.compile(r"[1-9][0-9]{0,2}")

# magnitude words (docs/aturan.md section 5: M = miliar 10^9, jt = juta 10^6, T = triliun 10^12)
_BESARAN_PERSIS = {"M": 9, "T": 12}  # case matters: "m"/"t" could be meter/ton
_BESARAN = {
    "rb": 3, "ribu": 3,
    "jt": 6, "juta": 6,
    "miliar": 9, "milyar": 9, "mily": 9, "mlyr": 9,
    "triliun": 12, "trilyun": 12,
}  # fmt: skip
_SATUAN_OTOMATIS = ((Decimal(10) ** 12, 12, "T"), (Decimal(10) ** 9, 9, "M"), (Decimal(10) ** 6, 6, "jt"))

_TUKAR = str.maketrans({",": ".", ".": ","})

_SARAN_UMUM = (
    "Tulis angka seperti 1.264.373, 34,67, 34,67% atau Rp 4.926.982.500; "
    "kosongkan sel atau tulis '-' bila datanya tidak ada."
)
_SARAN_KELOMPOK = (
    "Pemisah ribuan memisahkan kelompok tiga angka (1.264.373) dan desimal ditulis dengan satu koma "
    "(34,67). Bila ragu, tulis angkanya tanpa pemisah ribuan, misalnya 1264373 atau 34,67."
)


# ---------------------------------------------------------------------------------------------
# parse


def parse_angka(text, *, strict: bool = False, persen: str = "nilai", default_desimal: str = ","):
    """Read an Indonesian number (see the module docstring) into Decimal, Rentang or None (missing).

    strict: refuse text with two valid readings ("4.250") instead of applying `default_desimal`.
    persen: "nilai" keeps percent points ("34,67%" -> 34.67); "pecahan" gives the fraction 0.3467.
    default_desimal: "," (Indonesian, default) or "."; decides only the ambiguous case.
    Raises AngkaError (Bahasa Indonesia message and `saran`) for text that is not a number.
    """
    if isinstance(text, str):
        if persen not in PERSEN:
            raise AturanError(
                f"Pilihan persen '{persen}' tidak dikenal.", saran="Gunakan 'nilai' atau 'pecahan'."
            )
        if default_desimal not in (",", "."):
            raise AturanError(
                f"Tanda desimal '{default_desimal}' tidak dikenal.", saran="Gunakan ',' atau '.'."
            )
        return _cek_besar(_parse_teks(text, bool(strict), persen, default_desimal), text)
    if text is None:
        return None
    if isinstance(text, bool):  # before int: bool is an int subclass
        raise AngkaError(
            f"Nilai {'TRUE' if text else 'FALSE'} (benar/salah) bukan angka.",
            teks=str(text),
            saran="Isi sel dengan angka.",
        )
    if isinstance(text, Decimal):
        if text.is_nan():
            return None
        if text.is_infinite():
            raise _tak_hingga(text)
        return _cek_besar(text, text)
    if isinstance(text, (Rentang, NA)):
        return text
    if isinstance(text, numbers.Integral):  # int, numpy integers
        return _cek_besar(Decimal(int(text)), text)
    if isinstance(text, numbers.Real):  # float, numpy floats
        f = float(text)
        if f != f:  # NaN: pandas' and Excel readers' "empty"
            return None
        if f in (float("inf"), float("-inf")):
            raise _tak_hingga(f)
        return _cek_besar(_tanpa_eksponen(ke_decimal(f)), text)
    raise AngkaError(
        f"Nilai bertipe {type(text).__name__} ({text!r}) bukan angka.",
        teks=str(text),
        saran="Isi sel dengan angka, bukan tanggal atau teks.",
    )


@lru_cache(maxsize=8192)  # workbooks repeat the same texts; results are immutable
def _parse_teks(text: str, strict: bool, persen: str, default_desimal: str):
    s = text.translate(_SPASI).strip()
    if s.lower() in _KOSONG:
        return None
    m = _KOSONG_DEKOR.fullmatch(s)
    if m and m["inti"] and m["inti"].lower() in _KOSONG:
        return None
    s = _EKOR_RUPIAH.sub("", s)

    bagian = _bagian(s, text, strict, default_desimal)
    if bagian is not None:
        return _selesaikan(*bagian, persen)

    r = _RENTANG.fullmatch(s)
    if r:
        a = _bagian(r["a"].strip(), text, strict, default_desimal)
        b = _bagian(r["b"].strip(), text, strict, default_desimal)
        if a is None or b is None:
            salah = r["a"] if a is None else r["b"]
            raise AngkaError(
                f"Rentang '{text}' tidak dapat dibaca: bagian '{salah.strip()}' bukan angka.",
                teks=text,
                saran="Tulis rentang sebagai dua angka dengan tanda hubung, "
                "misalnya '80 - 90' atau '4,98% - 5,23%'.",
            )
        nilai_a, pangkat_a, pct_a = a
        nilai_b, pangkat_b, pct_b = b
        if pangkat_a == 0 and not pct_a:  # "80 - 90%", "100 - 200 jt": the unit is written once
            pangkat_a, pct_a = pangkat_b, pct_b
        bawah = _selesaikan(nilai_a, pangkat_a, pct_a, persen)
        atas = _selesaikan(nilai_b, pangkat_b, pct_b, persen)
        if bawah > atas:
            raise AngkaError(
                f"Rentang '{text}' terbalik: batas bawah lebih besar dari batas atas.",
                teks=text,
                saran=f"Tulis rentang dari nilai kecil ke besar: '{r['b'].strip()} - {r['a'].strip()}'.",
            )
        return Rentang(bawah, atas)

    raise _tak_terbaca(s, text)


def _bagian(s: str, text: str, strict: bool, default_desimal: str):
    """One number -> (signed value, power of ten, is_percent), or None when `s` is not one number."""
    negatif = False
    if s.startswith("(") and s.endswith(")"):  # accounting negative
        negatif = True
        s = s[1:-1].strip()
    m = _SATU.fullmatch(s)
    if m is None:
        return None
    tanda = [t for t in (m["tanda"], m["tanda2"]) if t]
    if len(tanda) > 1 or (negatif and tanda):
        raise AngkaError(
            f"Angka '{text}' memiliki tanda plus/minus ganda.",
            teks=text,
            saran="Tulis satu tanda minus saja, misalnya -5, atau tanda kurung (5).",
        )
    if tanda and tanda[0] in "-\u2212":
        negatif = True
    nilai = _baca_token(m["token"], m["eksp"], s, text, strict, default_desimal)
    pangkat, pct = _baca_sisa(m["sisa"], text)
    if m["pct"]:
        if pct:
            raise AngkaError(
                f"Angka '{text}' menulis persen dua kali.",
                teks=text,
                saran="Tulis '%' atau 'persen', satu saja.",
            )
        pct = True
    if pct and pangkat:
        raise AngkaError(
            f"Angka '{text}' memakai persen dan satuan besaran (ribu/juta/miliar) sekaligus.",
            teks=text,
            saran="Pilih salah satu, misalnya '34,67%' atau '45,1 M'.",
        )
    if pct and m["rp"]:
        raise AngkaError(
            f"Angka '{text}' memakai Rp dan persen sekaligus.",
            teks=text,
            saran="Tulis nilai rupiah (Rp 4.926.982.500) atau persentase (87,94%), bukan keduanya.",
        )
    return (-nilai if negatif else nilai), pangkat, pct


def pangkat_kata(kata: str) -> int:
    """Power of ten of a magnitude word: "M"/"miliar" 9, "jt"/"juta" 6, "rb"/"ribu" 3, "T"/"triliun"
    12 (docs/aturan.md section 5); 0 for anything else. "M" and "T" only in capitals ("m"/"t" could be
    meter/ton). The one table both `parse_angka` and the audit read.

    >>> pangkat_kata("M"), pangkat_kata("juta"), pangkat_kata("m")
    (9, 6, 0)
    """
    kata = kata.strip().rstrip(".")
    if kata in _BESARAN_PERSIS:
        return _BESARAN_PERSIS[kata]
    return _BESARAN.get(kata.lower(), 0)


def _baca_sisa(sisa: str | None, text: str) -> tuple[int, bool]:
    """Words after the number -> (power of ten of a magnitude, is_percent). Other words are units."""
    if not sisa:
        return 0, False
    kata = sisa.split(None, 1)[0].rstrip(".")
    if _EKSPONEN_SISA.fullmatch(kata):
        # "1e5e5", "1e+5e5", "1ee5", "12e": a second or broken exponent, not a unit (the unit pattern
        # lets a digit follow a letter, as in "m2"); refused like any other malformed number
        raise AngkaError(f"'{text}' bukan angka yang dikenali.", teks=text, saran=_SARAN_UMUM)
    pangkat = pangkat_kata(kata)
    if pangkat:
        return pangkat, False
    kecil = kata.lower()
    if kecil == "persen":
        return 0, True
    if kecil in ("s/d", "s.d", "sd", "sampai"):  # "5 s/d": a range without its upper bound
        raise AngkaError(
            f"Rentang '{text}' tidak lengkap: batas atasnya tidak ada.",
            teks=text,
            saran="Tulis kedua batas, misalnya '80 s/d 90' atau '80 - 90'.",
        )
    if kata in ("m", "t"):
        besaran, lain = ("miliar", "meter") if kata == "m" else ("triliun", "ton")
        raise AngkaError(
            f"Satuan '{kata}' pada '{text}' bisa berarti {besaran} atau {lain}.",
            teks=text,
            saran=f"Tulis '{kata.upper()}' (huruf besar) atau '{besaran}' untuk besaran, "
            f"atau tulis satuannya lengkap ('{lain}').",
        )
    return 0, False  # a unit such as "Angka", "koperasi", "orang": dropped


def _selesaikan(nilai: Decimal, pangkat: int, pct: bool, persen: str) -> Decimal:
    if pangkat:
        nilai = _tanpa_eksponen(nilai.scaleb(pangkat))
    if pct and persen == "pecahan":
        nilai = nilai.scaleb(-2)
    return nilai


# The largest magnitude a report figure may have: 21 digits before the decimal point (a budget in
# rupiah has at most 15; 10^20 still reads). Beyond it Decimal's 28-digit precision no longer holds the
# rules' results (capaian = realisasi / target x 100, rounded to 2 decimals): "1e308" is refused.
DIGIT_MAKS = 21


def _tanpa_eksponen(d: Decimal) -> Decimal:
    """Decimal("4.51E+10") -> Decimal("45100000000"): same value, shown without an exponent. A number
    too large for that (1E+308) is returned as it is; parse_angka refuses it (_cek_besar)."""
    if d.as_tuple().exponent > 0 and d.adjusted() < DIGIT_MAKS:
        return d.quantize(1)
    return d


def _cek_besar(nilai, text):
    """`nilai` itself, unless it (or a bound of a range) has more than DIGIT_MAKS digits: AngkaError."""
    for d in (nilai.bawah, nilai.atas) if isinstance(nilai, Rentang) else (nilai,):
        if isinstance(d, Decimal) and d.is_finite() and d and d.adjusted() >= DIGIT_MAKS:
            raise AngkaError(
                f"Angka '{text}' terlalu besar untuk dihitung (lebih dari {DIGIT_MAKS} digit sebelum koma).",
                teks=str(text),
                saran="Periksa angkanya (mungkin salah ketik atau hasil rumus yang keliru); angka laporan "
                      "ditulis lengkap, misalnya 4.926.982.500.",
            )
    return nilai


def _baca_token(tok: str, eksp: str | None, s: str, text: str, strict: bool, default_desimal: str) -> Decimal:
    """The digits-and-separators token -> a non-negative Decimal, by the module's ambiguity rule."""
    titik = tok.count(".")
    koma = tok.count(",")
    if not titik and not koma:
        return _tanpa_eksponen(_desimal(tok + (eksp or ""), text))
    if eksp:  # Excel's scientific display: the single separator is the decimal point
        if titik + koma > 1:
            raise AngkaError(
                f"Angka '{text}' dalam notasi ilmiah hanya boleh memiliki satu tanda desimal.",
                teks=text,
                saran="Tulis misalnya 1,5E+09, atau angka lengkapnya 1.500.000.000.",
            )
        return _tanpa_eksponen(_desimal(tok.replace(",", ".") + eksp, text))
    if ".." in tok or ",," in tok or ".," in tok or ",." in tok:
        raise AngkaError(
            f"Angka '{text}' memiliki dua tanda pemisah berurutan.",
            teks=text,
            saran="Hapus tanda yang berlebih, misalnya 1.264.373 atau 34,67.",
        )
    if tok[-1] in ".,":
        tanpa = tok.rstrip(".,")
        raise AngkaError(
            f"Angka '{text}' diakhiri tanda '{tok[-1]}' tanpa angka di belakangnya.",
            teks=text,
            saran=f"Hapus tanda itu ({tanpa}) atau lengkapi desimalnya.",
        )

    if titik and koma:  # rule 1: the last separator is the decimal one
        desimal = "," if tok.rfind(",") > tok.rfind(".") else "."
        kelompok = "." if desimal == "," else ","
        if tok.count(desimal) > 1:
            raise AngkaError(
                f"Angka '{text}' mencampur '.' dan ',' secara tidak beraturan.",
                teks=text,
                saran="Pakai satu gaya: 1.234.567,89 (Indonesia) atau 1,234,567.89 (Inggris).",
            )
        bulat, pecahan = tok.rsplit(desimal, 1)
        _cek_kelompok(bulat, kelompok, text)
        return _desimal(bulat.replace(kelompok, "") + "." + pecahan, text)

    sep = "." if titik else ","
    if titik + koma > 1:  # rule 2: a repeated separator groups thousands
        _cek_kelompok(tok, sep, text)
        return _desimal(tok.replace(sep, ""), text)

    bulat, pecahan = tok.split(sep)
    if len(pecahan) != 3 or not bulat or bulat[0] == "0" or len(bulat) > 3:
        # rule 3 (and the unambiguous part of rule 4): a group would need exactly three digits
        # after it and 1-3 digits, not starting with 0, before it.
        return _desimal((bulat or "0") + "." + pecahan, text)
    # rule 4: "4.250", "2.222", "12,500"
    if strict:
        raise _ambigu(bulat, pecahan, sep, tok, s, text, default_desimal)
    if sep == default_desimal:
        return _desimal(bulat + "." + pecahan, text)
    return _desimal(bulat + pecahan, text)


def _cek_kelompok(bulat: str, sep: str, text: str) -> None:
    kelompok = bulat.split(sep)
    if _KELOMPOK_AWAL.fullmatch(kelompok[0]) is None or any(
        _DIGIT3.fullmatch(k) is None for k in kelompok[1:]
    ):
        raise AngkaError(
            f"Angka '{text}' tidak sah: tanda '{sep}' dipakai sebagai pemisah ribuan, "
            "tetapi kelompok angkanya tidak bertiga-tiga.",
            teks=text,
            saran=_SARAN_KELOMPOK,
        )


def _desimal(s: str, text: str) -> Decimal:
    try:
        return Decimal(s)
    except InvalidOperation:  # unreachable for tokens the regex let through; kept as a guard
        raise AngkaError(f"'{text}' bukan angka.", teks=text, saran=_SARAN_UMUM) from None


def _ambigu(
    bulat: str, pecahan: str, sep: str, tok: str, s: str, text: str, default_desimal: str
) -> AngkaError:
    """The strict-mode refusal of rule 4, saying both readings in words and how to write each."""
    sisa_pecahan = pecahan.rstrip("0")
    kata_desimal = _terbilang(int(bulat))
    if sisa_pecahan:
        kata_desimal += " koma " + " ".join(_SATUAN_KATA[int(c)] for c in sisa_pecahan)
    if not sisa_pecahan:
        tulis_desimal = bulat
    elif len(sisa_pecahan) == 3:  # "4,125": a fourth digit makes it unambiguous
        tulis_desimal = f"{bulat},{sisa_pecahan}0"
    else:
        tulis_desimal = f"{bulat},{sisa_pecahan}"
    ribuan = bulat + pecahan
    saran_desimal = s.replace(tok, tulis_desimal, 1)
    saran_ribuan = s.replace(tok, ribuan, 1)
    dibaca = tulis_desimal if sep == default_desimal else ribuan
    return AngkaError(
        f"Angka '{text}' bisa dibaca dua cara: tanda '{sep}' yang diikuti tepat tiga angka "
        "bisa pemisah ribuan, bisa juga tanda desimal.",
        teks=text,
        saran=f"'{s}': maksudnya {bulat},{pecahan} ({kata_desimal}) atau {ribuan} "
        f"({_terbilang(int(ribuan))})? Tulis {saran_desimal} atau {saran_ribuan}. "
        f"Tanpa mode ketat, teks ini dibaca {dibaca}.",
    )


def _tak_terbaca(s: str, text: str) -> AngkaError:
    """The message for text that is neither one number nor a range, as specific as it can be."""
    if s.startswith("#"):  # #N/A, #DIV/0!, #VALUE! ... shown as text
        return AngkaError(
            f"Sel berisi galat Excel '{text}', bukan angka.",
            teks=text,
            saran="Perbaiki rumus atau sel sumber yang menghasilkan galat itu.",
        )
    if not any(c.isdigit() for c in s):
        m = _KOSONG_DEKOR.fullmatch(s)
        if m is not None and not m["inti"]:
            return AngkaError(f"'{text}' tidak berisi angka.", teks=text, saran=_SARAN_UMUM)
        return AngkaError(f"'{text}' bukan angka.", teks=text, saran=_SARAN_UMUM)
    if s[-1] in "-\u2013\u2014" or s.lower().endswith("s/d"):
        return AngkaError(
            f"Rentang '{text}' tidak lengkap: batas atasnya tidak ada.",
            teks=text,
            saran="Tulis kedua batas, misalnya '80 - 90'.",
        )
    return AngkaError(f"'{text}' bukan angka yang dikenali.", teks=text, saran=_SARAN_UMUM)


def _tak_hingga(x) -> AngkaError:
    return AngkaError(
        "Nilai tak hingga bukan angka laporan.",
        teks=str(x),
        saran="Periksa rumus sumbernya (mungkin pembagian dengan nol).",
    )


_SATUAN_KATA = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_BESAR_KATA = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


def _terbilang(n: int) -> str:
    """A non-negative integer in Indonesian words: 4250 -> 'empat ribu dua ratus lima puluh'."""
    if n < 10:
        return _SATUAN_KATA[n]
    if n < 12:
        return "sepuluh" if n == 10 else "sebelas"
    if n < 20:
        return _SATUAN_KATA[n - 10] + " belas"
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return _SATUAN_KATA[puluh] + " puluh" + (" " + _SATUAN_KATA[sisa] if sisa else "")
    if n < 1000:
        ratus, sisa = divmod(n, 100)
        kepala = "seratus" if ratus == 1 else _SATUAN_KATA[ratus] + " ratus"
        return kepala + (" " + _terbilang(sisa) if sisa else "")
    if n < 10**6:
        ribu, sisa = divmod(n, 1000)
        kepala = "seribu" if ribu == 1 else _terbilang(ribu) + " ribu"
        return kepala + (" " + _terbilang(sisa) if sisa else "")
    for besar, nama in _BESAR_KATA:
        if n >= besar:
            kepala, sisa = divmod(n, besar)
            return _terbilang(kepala) + " " + nama + (" " + _terbilang(sisa) if sisa else "")
    raise AssertionError("unreachable")  # pragma: no cover


# ---------------------------------------------------------------------------------------------
# format


def format_angka(
    value,
    *,
    desimal: int | None = None,
    gaya: str = "angka",
    satuan: str | None = None,
    pembulatan: str = "half_up",
) -> str:
    """Write a number the Indonesian way: "." groups thousands, "," is the decimal separator.

    gaya: "angka" (1.264.373), "persen" (34,67%: the value is in percent points), "rupiah"
    (Rp 4.926.982.500), "singkat" (45,1 M; magnitude chosen as in the module docstring).
    desimal: round to that many places with `pembulatan` (default half-up, Excel's ROUND) and show
    exactly that many; None shows the value's own digits. satuan: force a magnitude ("rb", "jt",
    "M", "T" or their long forms). None -> "", NA -> "n/a", Rentang -> "bawah - atas"; text is read
    with parse_angka first.
    """
    if type(value) is Decimal and value.is_finite():
        # the common case, one text per distinct figure and options: a report writes the same figure in
        # several tables (the LKjIP document of 500 indicators: 23,914 calls, 6,480 distinct)
        return _format_desimal(str(value), desimal, gaya, satuan, pembulatan)
    return _format_angka(value, desimal, gaya, satuan, pembulatan)


@lru_cache(maxsize=1 << 14)
def _format_desimal(teks: str, desimal, gaya, satuan, pembulatan) -> str:
    """format_angka of Decimal(teks) (str() of a finite Decimal gives back its digits and exponent)."""
    return _format_angka(Decimal(teks), desimal, gaya, satuan, pembulatan)


def _format_angka(value, desimal, gaya, satuan, pembulatan) -> str:
    if value is None:
        return ""
    if isinstance(value, NA):
        return "n/a"
    if gaya not in GAYA:
        raise AturanError(
            f"Gaya angka '{gaya}' tidak dikenal.", saran="Gunakan 'angka', 'persen', 'rupiah' atau 'singkat'."
        )
    pangkat = 0
    if satuan is not None:
        if gaya == "persen":
            raise AturanError("Persen tidak dapat diberi satuan besaran.", saran="Hapus satuannya.")
        pangkat = pangkat_kata(satuan)
        if not pangkat:
            raise AturanError(
                f"Satuan besaran '{satuan}' tidak dikenal.", saran="Gunakan 'rb', 'jt', 'M' atau 'T'."
            )
    if isinstance(value, str):
        value = parse_angka(value)
        if value is None:
            return ""
    if isinstance(value, Rentang):
        kw = dict(desimal=desimal, gaya=gaya, satuan=satuan, pembulatan=pembulatan)
        return f"{format_angka(value.bawah, **kw)} - {format_angka(value.atas, **kw)}"
    if type(value) is Decimal and value.is_finite():  # the common case, as parse_angka would take it
        d = _cek_besar(value, value)
    else:
        d = parse_angka(value)  # int/float/Decimal -> Decimal (bool and other types refused)
        if d is None:
            return ""

    label = satuan or ""
    if satuan is None and gaya == "singkat":
        besar = abs(d)
        for batas, p, nama in _SATUAN_OTOMATIS:
            if besar >= batas:
                pangkat, label = p, nama
                break
    if pangkat:
        d = d.scaleb(-pangkat)
        if desimal is None:  # 45.100000000 -> 45.1: the shortened value shows its own digits
            d = d.quantize(1) if d == d.to_integral_value() else d.normalize()
    if desimal is not None:
        d = bulatkan(d, desimal, pembulatan)
    else:
        d = _tanpa_eksponen(d)
    if d == 0:
        d = abs(d)  # no "-0,00"
    teks = format(d, ",f").translate(_TUKAR)
    if label:
        teks += " " + label
    if gaya == "persen":
        return teks + "%"
    if gaya == "rupiah":
        return "-Rp " + teks[1:] if teks.startswith("-") else "Rp " + teks
    return teks


# --------------------------------------------------------------------------------------------------
# A cell's value as a number (every rule reads its inputs through these two)

_INF_F = float("inf")


def angka_sel(x: object, peran: str) -> Decimal | Rentang | None:
    """A cell value as a number: None (missing), Decimal or Rentang. Text goes to parse_angka.

    NaN/inf floats and Decimals count as missing (an inf never reaches a result); NA counts as
    missing too (an upstream figure that could not be computed)."""
    tx = type(x)  # fast paths for the common exact types (this runs once per cell)
    if tx is float:
        if x != x or x in (_INF_F, -_INF_F):
            return None
        return Decimal(format(x, ".15g"))
    if tx is Decimal:
        return x if x.is_finite() else None
    if tx is int:
        return Decimal(x)
    if x is None or isinstance(x, NA):
        return None
    if isinstance(x, Decimal):
        return x if x.is_finite() else None
    if isinstance(x, Rentang):
        return x
    if isinstance(x, bool):
        raise AturanError(f"Nilai {peran} TRUE/FALSE bukan angka.", saran=f"Isi {peran} dengan angka.")
    if isinstance(x, numbers.Integral):
        return Decimal(int(x))
    if isinstance(x, numbers.Real):
        f = float(x)
        if f != f or f in (float("inf"), float("-inf")):
            return None
        # 15 significant digits, as lakip_xl.aturan.nilai.ke_decimal: drops float artefacts (0.1 stays 0.1)
        return Decimal(format(f, ".15g"))
    if isinstance(x, str):
        if not x.strip():
            return None
        return parse_angka(x)
    if type(x).__name__ in ("NAType", "NaTType"):  # pandas.NA / NaT without importing pandas
        return None
    raise AturanError(f"Nilai {peran} bertipe {type(x).__name__} bukan angka.", saran=f"Isi {peran} dengan angka.")


def desimal_sel(x: object, peran: str) -> Decimal | None:
    """angka_sel, refusing a range: for figures that must be one number."""
    d = angka_sel(x, peran)
    if isinstance(d, Rentang):
        raise AturanError(f"{peran.capitalize()} tidak boleh berupa rentang ('{x}').",
                          saran=f"Isi {peran} dengan satu angka.")
    return d

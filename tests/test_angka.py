"""Tests of lakip_xl.aturan.angka: Indonesian numbers in and out.

Expected values come from the seed report (../shared/seeds/000_5e1f9a626bd17cc4.txt, checked in
../shared/docs/seed-figures.md), from domain.md section 5, from the issue text, or from hand
computation; each table says which.
"""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lakip_xl.aturan import angka
from lakip_xl.aturan.angka import format_angka, parse_angka
from lakip_xl.aturan.nilai import NA, Rentang
from lakip_xl.errors import AngkaError, AturanError

# ---------------------------------------------------------------------------------------------
# good inputs

# text, expected Decimal  -- every number form the seed writes (source: seed line / seed-figures.md)
SEED_FORMS = [
    ("1.264.373", D("1264373")),  # productive-age residents, grouped with "."
    ("34,67", D("34.67")),  # realisasi koperasi aktif, Indonesian decimal
    ("34,67%", D("34.67")),  # percent points kept, as the report prints them
    ("34.67%", D("34.67")),
    ("0,14%", D("0.14")),
    ("0.14%", D("0.14")),  # same figure, English style, same report
    ("77.33%", D("77.33")),
    ("77,33%", D("77.33")),
    ("12.50%", D("12.50")),
    ("12.5%", D("12.5")),
    ("12,5", D("12.5")),
    ("88.18 %", D("88.18")),  # serapan BTL, space before %
    ("100 %", D("100")),
    ("37,5%", D("37.5")),
    ("Rp 4.926.982.500", D("4926982500")),  # Belanja Langsung
    ("Rp. 11.347.257.853", D("11347257853")),  # total pagu
    ("4,926,982,500", D("4926982500")),  # English grouping in the same report
    ("872,835,500", D("872835500")),  # pagu sasaran 1 (table 3.6)
    ("Rp 16,200,000", D("16200000")),  # PK program row
    ("9.978.832.816", D("9978832816")),  # total realisasi
    ("2.222", D("2222")),  # 540 + 612 + 580 + 490 products: a count, not 2.222
    ("1.145", D("1145")),  # wirausaha baru count in the text
    ("1145", D("1145")),
    ("45,1 M", D("45100000000")),  # volume usaha, M = miliar 10^9
    ("45.1 M", D("45100000000")),
    ("45,1M", D("45100000000")),
    ("45.1M", D("45100000000")),
    ("103 M", D("103000000000")),
    ("103M", D("103000000000")),
    ("85.60%", D("85.60")),
    ("0,10", D("0.10")),
    ("142,67", D("142.67")),
]

# text, expected  -- forms from the issue and docs/dev/core-api.md (values by hand)
OTHER_FORMS = [
    ("500 jt", D("500000000")),
    ("500 Jt", D("500000000")),
    ("1,5 juta", D("1500000")),
    ("2 miliar", D("2000000000")),
    ("2 Milyar", D("2000000000")),
    ("1,2 T", D("1200000000000")),
    ("3 triliun", D("3000000000000")),
    ("750 rb", D("750000")),
    ("0,9 Angka", D("0.9")),  # unit dropped
    ("100,00 Persen", D("100.00")),  # word "Persen" = %
    ("130 koperasi", D("130")),
    ("5 m2", D("5")),  # unit with a digit glued to a letter
    ("Rp 0", D("0")),
    ("Rp0", D("0")),
    ("rp 5.000", D("5000")),
    ("IDR 5.000", D("5000")),
    ("Rp 5.000,-", D("5000")),  # rupiah tail ",-" = no cents
    ("Rp 5.000,00", D("5000.00")),
    ("Rp 45,1 M", D("45100000000")),
    ("-5", D("-5")),
    ("+5", D("5")),
    ("\u22125", D("-5")),  # Unicode minus sign
    ("(5)", D("-5")),  # accounting negative
    ("(Rp 5.000)", D("-5000")),
    ("-Rp 5.000", D("-5000")),
    ("Rp -5.000", D("-5000")),
    ("-34,67%", D("-34.67")),
    ("  34,67  ", D("34.67")),
    ("\xa034,67\xa0", D("34.67")),  # non-breaking spaces from web pages
    ("Rp\xa04.926.982.500", D("4926982500")),
    ("34,67\u202f%", D("34.67")),  # narrow no-break space
    ("1.234.567,89", D("1234567.89")),  # rule 1: last separator is the decimal one
    ("1,234,567.89", D("1234567.89")),
    ("1234.567", D("1234.567")),  # rule 4 exception: 4-digit integer part cannot be a group
    ("0.140", D("0.140")),  # rule 4 exception: leading 0 cannot start a group
    ("0,250", D("0.250")),
    (",5", D("0.5")),
    ("12.5", D("12.5")),  # rule 3: one digit after "." cannot be a group
    ("1.5", D("1.5")),
    ("4.250", D("4250")),  # rule 4 with default_desimal ",": "." groups
    ("12,500", D("12.5")),  # rule 4 with default_desimal ",": "," is decimal
    ("1,5E+09", D("1500000000")),  # Excel's scientific display
    ("1.23457E+11", D("123457000000")),
    ("1E-3", D("0.001")),
    ("0120", D("120")),
]


# text, expected
@pytest.mark.parametrize("text, expected", SEED_FORMS + OTHER_FORMS)
def test_parse_good(text, expected):
    hasil = parse_angka(text)
    assert isinstance(hasil, D)
    assert hasil == expected


def test_parse_keeps_written_decimals():
    # "100,00" is a two-decimal figure; the Decimal keeps the exponent (not just the value)
    assert str(parse_angka("100,00 Persen")) == "100.00"
    # magnitudes never leave an exponent (no "4.51E+10" in a cell)
    assert str(parse_angka("45,1 M")) == "45100000000"


# text  -- missing data, never zero (core-api.md, issue)
MISSING = [
    "", "   ", "-", "\u2013", "\u2014", "--", "n/a", "N/A", "na", "NA", "n.a.", "tidak ada",
    "Rp -", "Rp. -", "- %", "\xa0-\xa0",
]  # fmt: skip


# text
@pytest.mark.parametrize("text", MISSING)
def test_parse_missing(text):
    assert parse_angka(text) is None


def test_missing_is_not_zero():
    assert parse_angka("Rp 0") == 0 and parse_angka("Rp -") is None
    assert parse_angka(None) is None


# text, bawah, atas  -- ranges (issue; domain.md section 5)
RANGES = [
    ("80 - 90", D("80"), D("90")),
    ("80-90", D("80"), D("90")),
    ("80 \u2013 90", D("80"), D("90")),  # en dash
    ("80\u201490", D("80"), D("90")),  # em dash
    ("80 s/d 90", D("80"), D("90")),
    ("80 s.d. 90", D("80"), D("90")),
    ("80 sampai dengan 90", D("80"), D("90")),
    ("4,98% - 5,23%", D("4.98"), D("5.23")),
    ("4,98% \u2013 5,23%", D("4.98"), D("5.23")),
    ("80 - 90%", D("80"), D("90")),  # unit written once applies to both
    ("100 - 200 jt", D("100000000"), D("200000000")),
    ("-10 - -5", D("-10"), D("-5")),
    ("1.000 - 2.000", D("1000"), D("2000")),
    ("80 - 80", D("80"), D("80")),
]


# text, bawah, atas
@pytest.mark.parametrize("text, bawah, atas", RANGES)
def test_parse_range(text, bawah, atas):
    assert parse_angka(text) == Rentang(bawah, atas)


def test_persen_pecahan():
    # 34,67% as a fraction = 0.3467 (by hand)
    assert parse_angka("34,67%", persen="pecahan") == D("0.3467")
    assert parse_angka("100,00 Persen", persen="pecahan") == D("1")
    assert parse_angka("4,98% - 5,23%", persen="pecahan") == Rentang(D("0.0498"), D("0.0523"))
    assert parse_angka("80 - 90%", persen="pecahan") == Rentang(D("0.8"), D("0.9"))
    # a number without % is not divided
    assert parse_angka("34,67", persen="pecahan") == D("34.67")
    # the cache must not mix options: the default still keeps points
    assert parse_angka("34,67%") == D("34.67")


def test_default_desimal_dot():
    # rule 4 flips; rules 1-3 do not depend on the option
    assert parse_angka("4.250", default_desimal=".") == D("4.25")
    assert parse_angka("12,500", default_desimal=".") == D("12500")
    assert parse_angka("1.264.373", default_desimal=".") == D("1264373")
    assert parse_angka("34,67", default_desimal=".") == D("34.67")


# value, expected  -- non-text passthrough (core-api.md: floats via ke_decimal, 15 significant digits)
PASSTHROUGH = [
    (5, D("5")),
    (0, D("0")),
    (0.1, D("0.1")),  # not 0.1000000000000000055...
    (100.00000000000001, D("100")),  # float artefact cleaned
    (34.67, D("34.67")),
    (D("1.50"), D("1.50")),
    (1e20, D("100000000000000000000")),
]


# value, expected
@pytest.mark.parametrize("value, expected", PASSTHROUGH)
def test_passthrough(value, expected):
    assert parse_angka(value) == expected
    assert "E" not in str(parse_angka(value))


def test_passthrough_special():
    assert parse_angka(float("nan")) is None  # pandas/Excel readers' empty cell
    assert parse_angka(D("NaN")) is None
    r = Rentang(D("80"), D("90"))
    assert parse_angka(r) is r
    na = NA("target bernilai 0")
    assert parse_angka(na) is na


def test_passthrough_numpy():
    np = pytest.importorskip("numpy")
    assert parse_angka(np.int64(1264373)) == D("1264373")
    assert parse_angka(np.float64(0.1)) == D("0.1")
    assert parse_angka(np.float64("nan")) is None


# ---------------------------------------------------------------------------------------------
# bad inputs

# text, a fragment the message must contain
BAD = [
    ("12,3,4", "kelompok angkanya tidak bertiga-tiga"),
    ("1.2.34", "kelompok angkanya tidak bertiga-tiga"),
    ("0.123.456", "kelompok angkanya tidak bertiga-tiga"),
    ("1.2,5", "kelompok angkanya tidak bertiga-tiga"),
    ("abc", "bukan angka"),
    ("B", "bukan angka"),  # a grade is not a number
    ("1..2", "dua tanda pemisah berurutan"),
    ("1,.2", "dua tanda pemisah berurutan"),
    ("Rp", "tidak berisi angka"),
    ("Rp.", "tidak berisi angka"),
    ("%", "tidak berisi angka"),
    ("5 - ", "tidak lengkap"),
    ("5 s/d", "tidak lengkap"),
    ("5 -", "tidak lengkap"),
    ("90 - 80", "terbalik"),
    ("5,", "diakhiri tanda"),
    ("5.", "diakhiri tanda"),
    ("1,234.567,8", "mencampur"),
    ("5 7", "bukan angka yang dikenali"),
    ("5 per 1000 penduduk", "bukan angka yang dikenali"),
    ("--5", "ganda"),
    ("-(5)", "bukan angka yang dikenali"),
    ("5 m", "miliar atau meter"),  # lowercase m: meter or miliar?
    ("5 t", "triliun atau ton"),
    ("5% M", "persen dan satuan besaran"),
    ("Rp 5%", "Rp dan persen"),
    ("5 % persen", "persen dua kali"),
    ("12-03-2020", "'03-2020' bukan angka"),
    ("#N/A", "galat Excel"),
    ("#DIV/0!", "galat Excel"),
    ("1,5.5E+3", "notasi ilmiah"),
    # issue 13: a second or broken exponent was read as a unit ("1e5e5" -> 100000)
    ("1e5e5", "bukan angka yang dikenali"),
    ("1E5E5", "bukan angka yang dikenali"),
    ("1e+5e5", "bukan angka yang dikenali"),
    ("1,5E+03E2", "bukan angka yang dikenali"),
    ("1ee5", "bukan angka yang dikenali"),
    ("12e", "bukan angka yang dikenali"),
    ("12 E", "bukan angka yang dikenali"),
]


# text, fragment
@pytest.mark.parametrize("text, fragment", BAD)
def test_parse_bad(text, fragment):
    with pytest.raises(AngkaError, match=re.escape(fragment)) as ei:
        parse_angka(text)
    m = ei.value.masalah
    assert fragment in m.pesan
    assert text.strip() in m.pesan  # the message names the text
    assert m.saran  # and says how to fix it
    assert ei.value.teks_asli == text


# value, fragment  -- non-text values that are not numbers
BAD_VALUES = [
    (True, "TRUE"),
    (False, "FALSE"),
    (float("inf"), "tak hingga"),
    (D("-Infinity"), "tak hingga"),
    (object(), "bukan angka"),
]


# value, fragment
@pytest.mark.parametrize("value, fragment", BAD_VALUES)
def test_parse_bad_values(value, fragment):
    with pytest.raises(AngkaError, match=re.escape(fragment)) as ei:
        parse_angka(value)
    assert fragment in ei.value.masalah.pesan
    assert ei.value.masalah.saran


def test_bad_options():
    with pytest.raises(AturanError, match="Pilihan persen 'fraksi' tidak dikenal"):
        parse_angka("5", persen="fraksi")
    with pytest.raises(AturanError, match="Tanda desimal ';' tidak dikenal"):
        parse_angka("5", default_desimal=";")


# ---------------------------------------------------------------------------------------------
# strict mode

# text, the full saran expected (words and suggestions by hand; the first row is the text)
STRICT = [
    (
        "4.250",
        "'4.250': maksudnya 4,250 (empat koma dua lima) atau 4250 (empat ribu dua ratus lima puluh)? "
        "Tulis 4,25 atau 4250. Tanpa mode ketat, teks ini dibaca 4250.",
    ),
    (
        "12,500",
        "'12,500': maksudnya 12,500 (dua belas koma lima) atau 12500 (dua belas ribu lima ratus)? "
        "Tulis 12,5 atau 12500. Tanpa mode ketat, teks ini dibaca 12,5.",
    ),
    (
        "2.222",
        "'2.222': maksudnya 2,222 (dua koma dua dua dua) atau 2222 (dua ribu dua ratus dua puluh dua)? "
        "Tulis 2,2220 atau 2222. Tanpa mode ketat, teks ini dibaca 2222.",
    ),
    (
        "1.000",
        "'1.000': maksudnya 1,000 (satu) atau 1000 (seribu)? Tulis 1 atau 1000. "
        "Tanpa mode ketat, teks ini dibaca 1000.",
    ),
    (
        "Rp 4.250",
        "'Rp 4.250': maksudnya 4,250 (empat koma dua lima) atau 4250 (empat ribu dua ratus lima puluh)? "
        "Tulis Rp 4,25 atau Rp 4250. Tanpa mode ketat, teks ini dibaca 4250.",
    ),
    (
        "4.250%",
        "'4.250%': maksudnya 4,250 (empat koma dua lima) atau 4250 (empat ribu dua ratus lima puluh)? "
        "Tulis 4,25% atau 4250%. Tanpa mode ketat, teks ini dibaca 4250.",
    ),
    (
        "111.019",
        "'111.019': maksudnya 111,019 (seratus sebelas koma nol satu sembilan) atau 111019 "
        "(seratus sebelas ribu sembilan belas)? Tulis 111,0190 atau 111019. "
        "Tanpa mode ketat, teks ini dibaca 111019.",
    ),
]


# text, saran
@pytest.mark.parametrize("text, saran", STRICT)
def test_strict_refuses_ambiguous(text, saran):
    with pytest.raises(AngkaError, match="bisa dibaca dua cara") as ei:
        parse_angka(text, strict=True)
    assert ei.value.masalah.saran == saran
    assert text in ei.value.masalah.pesan
    assert "dua cara" in ei.value.masalah.pesan


@pytest.mark.parametrize("text, saran", STRICT)
def test_strict_suggestions_parse_unambiguously(text, saran):
    # both "Tulis X atau Y" suggestions are accepted by strict mode, with the two readings' values
    tulis = saran.split("Tulis ", 1)[1].split(". Tanpa", 1)[0]
    desimal, ribuan = tulis.split(" atau ")
    bulat, pecahan = text.strip("Rp %").replace(",", ".").split(".")
    assert parse_angka(desimal, strict=True) == D(f"{bulat}.{pecahan}")
    assert parse_angka(ribuan, strict=True) == D(bulat + pecahan)


# text, expected  -- strict mode still reads every unambiguous form, including all the seed's
@pytest.mark.parametrize(
    "text, expected",
    [row for row in SEED_FORMS if row[0] not in ("2.222", "1.145")]
    + [("0.140", D("0.140")), ("1234.567", D("1234.567")), ("12.5", D("12.5")), ("4.250,00", D("4250"))],
)
def test_strict_reads_unambiguous(text, expected):
    assert parse_angka(text, strict=True) == expected


def test_strict_in_range():
    with pytest.raises(AngkaError, match="bisa dibaca dua cara"):
        parse_angka("1.000 - 2.000", strict=True)


# ---------------------------------------------------------------------------------------------
# format

# value, keyword options, expected text  (issue text, seed and hand computation)
FORMATS = [
    (D("1264373"), {}, "1.264.373"),
    (D("34.67"), {"desimal": 2}, "34,67"),
    (D("34.67"), {"gaya": "persen"}, "34,67%"),
    (D("4926982500"), {"gaya": "rupiah"}, "Rp 4.926.982.500"),
    (D("45100000000"), {"gaya": "singkat", "satuan": "M"}, "45,1 M"),
    (D("45100000000"), {"gaya": "singkat"}, "45,1 M"),  # auto: >= 10^9 -> M
    (D("103000000000"), {"gaya": "singkat"}, "103 M"),
    (D("1200000000000"), {"gaya": "singkat"}, "1,2 T"),
    (D("500000000"), {"gaya": "singkat"}, "500 jt"),
    (D("999999"), {"gaya": "singkat"}, "999.999"),  # below 10^6: no magnitude
    (D("1000000"), {"gaya": "singkat"}, "1 jt"),
    (D("45123456789"), {"gaya": "singkat", "desimal": 1}, "45,1 M"),
    (D("-45100000000"), {"gaya": "singkat"}, "-45,1 M"),
    (D("1500000"), {"satuan": "juta"}, "1,5 juta"),
    (D("45100000000"), {"gaya": "rupiah", "satuan": "M"}, "Rp 45,1 M"),
    (D("34.665"), {"desimal": 2}, "34,67"),  # half-up like Excel ROUND (domain.md section 1)
    (D("-34.665"), {"desimal": 2}, "-34,67"),  # half away from zero
    (D("62.768"), {"desimal": 2, "pembulatan": "truncate"}, "62,76"),  # seed table 3.3 truncation
    (D("87.9400"), {"desimal": 2, "gaya": "persen"}, "87,94%"),  # serapan
    (D("100"), {"desimal": 2}, "100,00"),
    (D("-0.001"), {"desimal": 2}, "0,00"),  # no negative zero
    (D("-5000"), {"gaya": "rupiah"}, "-Rp 5.000"),
    (D("0"), {"gaya": "rupiah"}, "Rp 0"),
    (D("1E+3"), {}, "1.000"),
    (D("1234567.891"), {}, "1.234.567,891"),
    (1264373, {}, "1.264.373"),
    (0.1, {}, "0,1"),
    (100.00000000000001, {"desimal": 2}, "100,00"),
    ("1.264.373", {}, "1.264.373"),  # text is read first
    ("-", {}, ""),
    (Rentang(D("4.98"), D("5.23")), {"gaya": "persen"}, "4,98% - 5,23%"),
    (Rentang(D("80"), D("90")), {}, "80 - 90"),
    (NA("target bernilai 0"), {}, "n/a"),
    (NA(), {"gaya": "persen", "desimal": 2}, "n/a"),
    (None, {}, ""),
]


# value, options, expected
@pytest.mark.parametrize("value, options, expected", FORMATS)
def test_format(value, options, expected):
    assert format_angka(value, **options) == expected


# options, error
@pytest.mark.parametrize(
    "options",
    [{"gaya": "uang"}, {"gaya": "persen", "satuan": "M"}, {"satuan": "X"}, {"desimal": -1}],
)
def test_format_bad_options(options):
    with pytest.raises(AturanError, match="tidak dikenal|tidak dapat diberi satuan|tidak boleh negatif") as ei:
        format_angka(D("5"), **options)
    assert ei.value.masalah.saran


def test_format_bad_value():
    with pytest.raises(AngkaError, match=r"Nilai TRUE \(benar/salah\) bukan angka"):
        format_angka(True)
    with pytest.raises(AngkaError, match="'abc' bukan angka"):
        format_angka("abc")


# ---------------------------------------------------------------------------------------------
# round trips


def _decimals(places: int):
    # magnitudes up to 1e15, exactly `places` decimals
    batas = 10 ** (15 + places)
    return st.integers(min_value=-batas, max_value=batas).map(lambda n: D(n).scaleb(-places))


_KASUS = st.integers(min_value=0, max_value=4).flatmap(lambda k: st.tuples(st.just(k), _decimals(k)))


@settings(max_examples=300, deadline=None)
@given(_KASUS, st.sampled_from(["angka", "persen", "rupiah"]))
def test_round_trip(kasus, gaya):
    k, x = kasus
    teks = format_angka(x, desimal=k, gaya=gaya)
    assert parse_angka(teks) == x, teks


@settings(max_examples=200, deadline=None)
@given(_KASUS, st.sampled_from([None, "rb", "jt", "M", "T"]))
def test_round_trip_singkat(kasus, satuan):
    # without `desimal` the shortened value keeps all its digits, so "singkat" is lossless too
    _, x = kasus
    teks = format_angka(x, gaya="singkat", satuan=satuan)
    assert parse_angka(teks) == x, teks


@settings(max_examples=100, deadline=None)
@given(_KASUS, _decimals(2))
def test_round_trip_range(kasus, y):
    k, x = kasus
    r = Rentang(min(x, y), max(x, y))
    teks = format_angka(r, desimal=max(k, 2), gaya="persen")
    assert parse_angka(teks) == r, teks


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([1, 2, 4]).flatmap(lambda k: st.tuples(st.just(k), _decimals(k))))
def test_round_trip_strict_with_decimals(kasus):
    # 1, 2 or 4 decimals: the decimal comma is never followed by exactly three digits, and a
    # number with decimals and groups carries both separators (rule 1), so strict mode accepts it
    k, x = kasus
    assert parse_angka(format_angka(x, desimal=k), strict=True) == x


_NILAI_KATA = {k: i for i, k in enumerate(
    ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"))}
_SKALA_KATA = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12}
_SE_KATA = {"sepuluh": 10, "sebelas": 11, "seratus": 100}


def _baca_kata(kata: str) -> int:
    """An independent reader of Indonesian number words (test oracle for _terbilang)."""
    total = kini = tunda = 0
    for w in kata.split():
        if w in _NILAI_KATA:
            tunda = _NILAI_KATA[w]
        elif w in _SE_KATA:
            kini += _SE_KATA[w]
        elif w == "seribu":
            total += 1000
        elif w == "belas":
            kini, tunda = kini + tunda + 10, 0
        elif w == "puluh":
            kini, tunda = kini + tunda * 10, 0
        elif w == "ratus":
            kini, tunda = kini + tunda * 100, 0
        else:
            total, kini, tunda = total + (kini + tunda) * _SKALA_KATA[w], 0, 0
    return total + kini + tunda


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_terbilang_reads_back(n):
    kata = angka._terbilang(n)
    assert _baca_kata(kata) == n, kata
    # Indonesian says se- for a lone ten/hundred/thousand: never "satu puluh/ratus/belas", and
    # "satu ribu" only inside a larger group ("seratus satu ribu" = 101.000)
    assert not any(f"satu {w}" in kata for w in ("puluh", "ratus", "belas"))
    assert re.search(r"(^|juta |miliar |triliun )satu ribu", kata) is None


# n, words  (Indonesian number words by hand)
@pytest.mark.parametrize(
    "n, kata",
    [
        (0, "nol"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (19, "sembilan belas"),
        (100, "seratus"),
        (1000, "seribu"),
        (1145, "seribu seratus empat puluh lima"),
        (2222, "dua ribu dua ratus dua puluh dua"),
        (1264373, "satu juta dua ratus enam puluh empat ribu tiga ratus tujuh puluh tiga"),
        (
            11347257853,  # total pagu in the seed
            "sebelas miliar tiga ratus empat puluh tujuh juta dua ratus lima puluh tujuh ribu "
            "delapan ratus lima puluh tiga",
        ),
    ],
)
def test_terbilang(n, kata):
    assert angka._terbilang(n) == kata


# ---------------------------------------------------------------------------------------------
# module hygiene


def test_doctests():
    hasil = doctest.testmod(angka, optionflags=doctest.ELLIPSIS)
    assert hasil.attempted > 5
    assert hasil.failed == 0


def test_no_heavy_imports():
    # the pure core must import neither openpyxl, xlwings nor pandas (preamble standards)
    kode = (
        "import sys, lakip_xl.aturan.angka; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl','xlwings','pandas','numpy')))"
    )
    out = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

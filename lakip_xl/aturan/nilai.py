"""Shared value types of the pure core: n/a, ranges, and rounding on purpose.

- `NA` is "not computable" (target 0, missing realisasi...): a value of its own, never 0 and never
  infinity, shown as "n/a" and excluded from averages.
- `Rentang` is a range target such as "80 - 90".
- `bulatkan` rounds a Decimal explicitly. Excel's ROUND rounds half away from zero; Python's round()
  and the default Decimal context round half to even (34.665 -> 34.66 instead of Excel's 34.67), so
  `round()` is never used (docs/aturan.md section 1, Pembulatan).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    getcontext,
    setcontext,
)

from lakip_xl.errors import AturanError

PEMBULATAN = {
    "half_up": ROUND_HALF_UP,  # Excel ROUND: half away from zero (Decimal's ROUND_HALF_UP is that)
    "truncate": ROUND_DOWN,  # Excel TRUNC: toward zero (the seed's 62.768 -> 62.76)
    "half_even": ROUND_HALF_EVEN,  # banker's rounding; available, never the default
}


@dataclass(frozen=True)
class NA:
    """A figure that cannot be computed; `alasan` says why, in Bahasa Indonesia."""

    alasan: str = "tidak dapat dihitung"

    def __str__(self) -> str:
        return "n/a"

    def __bool__(self) -> bool:  # an NA is never mistaken for a number in `if x:`
        return False


def is_na(x: object) -> bool:
    return isinstance(x, NA)


@dataclass(frozen=True)
class Rentang:
    """A target range [bawah, atas], e.g. "80 - 90" or "4,98% - 5,23%"."""

    bawah: Decimal
    atas: Decimal

    def __post_init__(self) -> None:
        if self.bawah > self.atas:
            raise AturanError(
                f"Rentang terbalik: batas bawah {self.bawah} lebih besar dari batas atas {self.atas}.",
                saran="Tulis rentang dari nilai kecil ke besar, misalnya '80 - 90'.",
            )

    def __str__(self) -> str:
        return f"{self.bawah} - {self.atas}"


def bulatkan(x: Decimal, desimal: int = 2, cara: str = "half_up") -> Decimal:
    """Round `x` to `desimal` places by the named rule ("half_up", "truncate", "half_even")."""
    try:
        mode = PEMBULATAN[cara]
    except KeyError:
        raise AturanError(
            f"Cara pembulatan '{cara}' tidak dikenal.",
            saran="Gunakan 'half_up' (seperti ROUND di Excel) atau 'truncate' (seperti TRUNC).",
        ) from None
    kuantum = _KUANTUM.get(desimal)
    if kuantum is None:
        if desimal < 0:
            raise AturanError("Jumlah desimal tidak boleh negatif.", saran="Gunakan 0 sampai 4.")
        kuantum = Decimal(1).scaleb(-desimal)
    return x.quantize(kuantum, rounding=mode)


_KUANTUM = {d: Decimal(1).scaleb(-d) for d in range(11)}  # 1, 0.1, ... 1E-10: bulatkan's exponents


def ke_decimal(x: object) -> Decimal | None:
    """A plain machine number to Decimal: int, float (via its shortest repr), Decimal, or a plain
    numeric string with "." as decimal point. None and "" give None. Indonesian text belongs to
    `lakip_xl.aturan.angka.parse_angka`."""
    if x is None:
        return None
    if isinstance(x, bool):
        raise AturanError("Nilai benar/salah (TRUE/FALSE) bukan angka.", saran="Isi sel dengan angka.")
    if isinstance(x, Decimal):
        return x
    if isinstance(x, int):
        return Decimal(x)
    if isinstance(x, float):
        if x != x or x in (float("inf"), float("-inf")):
            return None
        # repr gives the shortest string that round-trips; 15 significant digits drop float
        # artefacts such as 100.00000000000001 that Excel itself would not show.
        return Decimal(format(x, ".15g"))
    if isinstance(x, str):
        s = x.strip()
        if not s:
            return None
        try:
            return Decimal(s)
        except InvalidOperation:
            raise AturanError(f"'{x}' bukan angka.", saran="Isi sel dengan angka.") from None
    raise AturanError(f"Nilai bertipe {type(x).__name__} bukan angka.", saran="Isi sel dengan angka.")


# --------------------------------------------------------------------------------------------------
# The exact step shared by every rule

PRESISI = 80  # significant digits of the exact step, far beyond any input's
BATAS_PERSEN = Decimal("1E15")  # a percentage this large is a unit error (Excel keeps 15 digits)
ALASAN_TERLALU_BESAR = "hasil terlalu besar (lebih dari 15 digit): periksa satuan target dan realisasi"


def nol_bersih(x: Decimal) -> Decimal:
    """-0.00 -> 0.00 (Decimal keeps the sign of a zero; Excel shows no such thing)."""
    return x.copy_abs() if x.is_zero() else x


# One context object, made once: localcontext() enters a copy of it, which is several times cheaper
# than localcontext(prec=..., Emax=..., Emin=...) building one per call (this runs for every figure;
# it measured 6 % of a 5,000-row sync). Rounding and traps are decimal's defaults (ROUND_HALF_EVEN,
# trapping InvalidOperation, DivisionByZero and Overflow), not whatever the caller's thread has set, so
# the exact step gives the same digits in every program that imports lakip_xl.
KONTEKS = Context(prec=PRESISI, Emax=MAX_EMAX, Emin=MIN_EMIN, rounding=ROUND_HALF_EVEN,
                   traps=[InvalidOperation, DivisionByZero, Overflow])


class _Konteks:
    """`with konteks():` - the exact step's context for the block, then the caller's again.

    Enters one copy of KONTEKS per thread, made once and re-entered, instead of the copy that
    localcontext(KONTEKS) makes on every entry (two entries per figure: 2 of a capaian's 4.7 us).
    The copy is lakip_xl's own: nothing changes its precision, rounding or traps, and nothing reads its
    sticky flags (the only state a block leaves in it), so every block computes as in a fresh copy;
    a block that needs other settings takes decimal.localcontext(), which copies this one."""

    __slots__ = ("_lama",)

    def __enter__(self) -> Context:
        ctx = getattr(_PER_THREAD, "ctx", None)
        if ctx is None:
            ctx = _PER_THREAD.ctx = KONTEKS.copy()
        self._lama = getcontext()
        setcontext(ctx)
        return ctx

    def __exit__(self, *exc: object) -> None:
        setcontext(self._lama)


_PER_THREAD = threading.local()


def konteks() -> _Konteks:
    """The exact step's context: 80 digits, no exponent overflow for any real input."""
    return _Konteks()


def bulatkan_wajar(x: Decimal, desimal: int, cara: str, batas: Decimal = BATAS_PERSEN) -> Decimal | NA:
    """Round a percentage; |x| >= 10^15 (more digits than Excel keeps) is NA, never a huge number.

    A capaian of 10^15 % comes from a target typed in the wrong unit; Excel could not even show it."""
    if abs(x) >= batas:
        return NA(ALASAN_TERLALU_BESAR)
    return nol_bersih(bulatkan(x, desimal, cara))

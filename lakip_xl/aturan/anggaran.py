"""Budget (anggaran): serapan (absorption) and efisiensi.

- serapan = realisasi / pagu x 100 (seed LAKIP Depok 2020, table D: 9.978.832.816 / 11.347.257.853 =
  87,94%; Belanja Tidak Langsung 88,18%; Belanja Langsung 87,62%).
- efisiensi = capaian - serapan, in percentage points (seed BAB III.6 compares capaian kinerja with
  serapan per indicator: output achieved with less money is efficient; naufalpi/e-sakip-bna shows
  efficiency next to absorption). > 0 means efficient.
  The alternative some peers use is the ratio capaian / serapan (> 1 efficient; NA when serapan is 0).
  It is not offered here: the difference has no division by zero and reads directly in the report's
  own unit (percent points).

Pure: imports no openpyxl/xlwings/pandas.
"""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.aturan.angka import desimal_sel
from lakip_xl.aturan.nilai import NA, bulatkan_wajar, konteks

ALASAN_PAGU_NOL = "pagu bernilai 0"
ALASAN_PAGU_KOSONG = "pagu belum diisi"
ALASAN_REALISASI_KOSONG = "realisasi anggaran belum diisi"
ALASAN_EFISIENSI = "capaian atau serapan tidak dapat dihitung"


def serapan(pagu, realisasi, *, desimal: int = 2, pembulatan: str = "half_up") -> Decimal | NA:
    """Realisasi anggaran / pagu x 100; pagu 0 or empty and empty realisasi give NA.

    >>> serapan(Decimal("11347257853"), Decimal("9978832816"))
    Decimal('87.94')
    """
    p = desimal_sel(pagu, "pagu")
    r = desimal_sel(realisasi, "realisasi anggaran")
    if r is None:
        return NA(ALASAN_REALISASI_KOSONG)
    if p is None:
        return NA(ALASAN_PAGU_KOSONG)
    if p.is_zero():
        return NA(ALASAN_PAGU_NOL)
    with konteks():
        return bulatkan_wajar(r * 100 / p, desimal, pembulatan)


def efisiensi(capaian, serapan, *, desimal: int = 2, pembulatan: str = "half_up") -> Decimal | NA:
    """capaian - serapan in percentage points (> 0: efficient). NA when either is NA or empty."""
    c = desimal_sel(capaian, "capaian")
    s = desimal_sel(serapan, "serapan")
    if c is None or s is None:
        return NA(ALASAN_EFISIENSI)
    with konteks():
        return bulatkan_wajar(c - s, desimal, pembulatan)

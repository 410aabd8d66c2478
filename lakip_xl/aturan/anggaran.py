"""Budget (anggaran): serapan (absorption) and efisiensi.

- serapan = realisasi / pagu x 100 (seed LAKIP Depok 2020, table D: 9.978.832.816 / 11.347.257.853 =
  87,94%; Belanja Tidak Langsung 88,18%; Belanja Langsung 87,62%).
- efisiensi, metode "selisih" (default) = capaian - serapan, in percentage points (seed BAB III.6
  compares capaian kinerja with serapan per indicator: output achieved with less money is efficient;
  naufalpi/e-sakip-bna shows efficiency next to absorption). >= 0 means efficient. It has no division
  by zero and reads in the report's own unit.
  Metode "rasio" = capaian / serapan, the form many LKjIPs print ("rasio capaian kinerja terhadap
  serapan anggaran", >= 1 efficient); NA when serapan is 0.
- `kategori_efisiensi`: the label agencies print, Efisien / Cukup Efisien / Tidak Efisien, from two
  thresholds that are settings (Pengaturan "Batas Efisien", "Batas Cukup Efisien"). No regulation fixes
  them; the defaults are a product decision stated in docs/aturan.md section 4: selisih >= 0 Efisien,
  >= -10 Cukup Efisien; rasio >= 1 Efisien, >= 0,9 Cukup Efisien (the same 10 % leeway).

Pure: imports no openpyxl/xlwings/pandas.
"""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.aturan.angka import desimal_sel
from lakip_xl.aturan.nilai import NA, bulatkan_wajar, konteks
from lakip_xl.errors import AturanError

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


METODE_EFISIENSI = ("selisih", "rasio")
ALASAN_SERAPAN_NOL = "serapan anggaran 0"
EFISIEN, CUKUP_EFISIEN, TIDAK_EFISIEN = "Efisien", "Cukup Efisien", "Tidak Efisien"
# (batas efisien, batas cukup efisien) per metode: docs/aturan.md section 4 (product decision)
BATAS_EFISIENSI = {"selisih": (Decimal(0), Decimal(-10)), "rasio": (Decimal(1), Decimal("0.9"))}


def parse_metode_efisiensi(metode) -> str:
    m = "selisih" if metode is None or (isinstance(metode, str) and not metode.strip()) else str(metode).strip().lower()
    if m not in METODE_EFISIENSI:
        raise AturanError(f"Metode efisiensi '{metode}' tidak dikenal.",
                          saran="Gunakan selisih (capaian - serapan, poin) atau rasio (capaian / serapan).")
    return m


def efisiensi(capaian, serapan, *, metode: str = "selisih", desimal: int = 2,
              pembulatan: str = "half_up") -> Decimal | NA:
    """capaian - serapan in percentage points (metode "selisih"), or capaian / serapan ("rasio").
    NA when either is NA or empty, or (rasio) when serapan is 0.

    >>> efisiensi(Decimal("104"), Decimal("80"))
    Decimal('24.00')
    >>> efisiensi(Decimal("104"), Decimal("80"), metode="rasio")
    Decimal('1.30')
    """
    m = parse_metode_efisiensi(metode)
    c = desimal_sel(capaian, "capaian")
    s = desimal_sel(serapan, "serapan")
    if c is None or s is None:
        return NA(ALASAN_EFISIENSI)
    with konteks():
        if m == "rasio":
            if s.is_zero():
                return NA(ALASAN_SERAPAN_NOL)
            return bulatkan_wajar(c / s, desimal, pembulatan)
        return bulatkan_wajar(c - s, desimal, pembulatan)


def kategori_efisiensi(nilai, *, metode: str = "selisih", batas_efisien=None, batas_cukup=None) -> str | NA:
    """Efisien / Cukup Efisien / Tidak Efisien of an efisiensi figure; the bounds are inclusive and
    default to BATAS_EFISIENSI[metode].

    >>> kategori_efisiensi(Decimal("-4.5"))
    'Cukup Efisien'
    """
    m = parse_metode_efisiensi(metode)
    x = desimal_sel(nilai, "efisiensi")
    if x is None:
        return NA(ALASAN_EFISIENSI)
    e = BATAS_EFISIENSI[m][0] if batas_efisien is None else desimal_sel(batas_efisien, "batas efisien")
    c = BATAS_EFISIENSI[m][1] if batas_cukup is None else desimal_sel(batas_cukup, "batas cukup efisien")
    if c is not None and e is not None and c > e:
        raise AturanError(f"Batas Cukup Efisien ({c}) lebih besar dari Batas Efisien ({e}).",
                          saran="Batas Cukup Efisien harus sama atau lebih kecil dari Batas Efisien.")
    if x >= e:
        return EFISIEN
    if x >= c:
        return CUKUP_EFISIEN
    return TIDAK_EFISIEN

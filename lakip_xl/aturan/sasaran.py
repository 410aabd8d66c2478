"""Capaian of a sasaran (strategic objective) from the capaian of its indicators.

Seed LAKIP Depok 2020 BAB III.A: "cara penyimpulan hasil pengukuran kinerja pencapaian sasaran
strategis dilakukan dengan membuat capaian rata-rata atas capaian indikator kinerja sasaran" (also
LKjIP Inspektorat Sampang 2019). A weighted mean (bobot) is an option some regions use
(andreperiozaherpa/indigo, CODE). NA and empty capaian are excluded from the mean, never counted as 0.

Pure: imports no openpyxl/xlwings/pandas.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Sequence

from lakip_xl.aturan.angka import desimal_sel
from lakip_xl.aturan.nilai import NA, bulatkan_wajar, konteks
from lakip_xl.errors import AturanError

ALASAN_SEMUA_NA = "tidak ada capaian indikator yang dapat dihitung"


def capaian_sasaran(capaian: Sequence, bobot: Sequence | None = None, *, desimal: int = 2,
                    pembulatan: str = "half_up", batas_atas=None) -> Decimal | NA:
    """Mean of the indicators' capaian (NA/None excluded), weighted when `bobot` is given.

    Weights: all empty means an unweighted mean; some filled and some empty among the computable
    indicators is refused (which weight would the empty ones have?); weights must be >= 0 and not all 0.
    `batas_atas`: a cap used only in this mean (Pengaturan "Batas Atas Capaian Sasaran"): an indicator
    at 214 % counts as the cap here while its own capaian stays 214 % (issue 12: one indicator far over
    target lifting its whole sasaran to "Sangat Baik" is what evaluators question). None = no cap.

    >>> capaian_sasaran([Decimal("44.83"), Decimal("43.79")])
    Decimal('44.31')
    >>> capaian_sasaran([Decimal("214"), Decimal("100")], batas_atas=120)
    Decimal('110.00')
    """
    cap = None if batas_atas is None else desimal_sel(batas_atas, "batas atas capaian sasaran")
    nilai = [desimal_sel(c, "capaian") for c in capaian]
    if cap is not None:
        nilai = [c if c is None or c <= cap else cap for c in nilai]
    if bobot is not None:
        bobot = list(bobot)
        if len(bobot) != len(nilai):
            raise AturanError(
                f"Jumlah bobot ({len(bobot)}) berbeda dengan jumlah indikator ({len(nilai)}).",
                saran="Isi satu bobot untuk setiap indikator sasaran, atau kosongkan semua bobot.",
            )
        w = [desimal_sel(b, "bobot") for b in bobot]
        if all(x is None for x in w):
            bobot = None
    pasangan = []
    for i, c in enumerate(nilai):
        if c is None:
            continue  # NA excluded (docs/aturan.md section 4)
        if bobot is None:
            pasangan.append((c, Decimal(1)))
            continue
        if w[i] is None:
            raise AturanError(
                f"Bobot indikator ke-{i + 1} kosong, padahal indikator lain pada sasaran ini berbobot.",
                saran="Isi bobot untuk semua indikator sasaran, atau kosongkan semua bobot.",
            )
        if w[i] < 0:
            raise AturanError(f"Bobot indikator ke-{i + 1} negatif ({w[i]}).", saran="Isi bobot dengan angka 0 atau lebih.")
        pasangan.append((c, w[i]))
    if not pasangan:
        return NA(ALASAN_SEMUA_NA)
    with konteks():
        total_bobot = sum((b for _, b in pasangan), Decimal(0))
        if total_bobot.is_zero():
            raise AturanError("Semua bobot indikator bernilai 0.", saran="Isi minimal satu bobot lebih dari 0.")
        rata = sum((c * b for c, b in pasangan), Decimal(0)) / total_bobot
        return bulatkan_wajar(rata, desimal, pembulatan)

"""Kumulatif vs non-kumulatif ("Type Penghitungan"): realisasi and target up to a year or a quarter.

Sources: seed LAKIP Depok 2020, Renstra table ("Type Penghitungan: Kumulatif / non kumulatif") and the
yearly counts behind its percentages; Kemenkeu guidance for "rata-rata" as a third type; the
Permendagri 86/2017 "Evaluasi Renja" form as the counter-example (it sums every row, giving 200% for a
percentage indicator: docs/aturan.md section 3).

- kumulatif: the values are yearly (or quarterly) increments; realisasi up to year N is their sum;
  the end target is the sum of the yearly targets.
- non_kumulatif ("nilai akhir", take last known): the last filled value; the end target is the last
  target. Stocks, percentages and indices belong here.
- rata_rata: the mean of the filled values.

Empty values (None, "", "-", NA) are skipped, never counted as 0. A decrease in a kumulatif series
(a negative increment, or a s/d series going down) is reported by index, never summed over silently.

Pure: imports no openpyxl/xlwings/pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from lakip_xl.aturan.angka import desimal_sel
from lakip_xl.aturan.nilai import NA, bulatkan_wajar, konteks, nol_bersih
from lakip_xl.aturan.teks import norm
from lakip_xl.errors import AturanError

TIPE = ("kumulatif", "non_kumulatif", "rata_rata")

SINONIM_TIPE = {
    "kumulatif": "kumulatif", "akumulatif": "kumulatif", "komulatif": "kumulatif",  # seed: "akumulatif"
    "cumulative": "kumulatif",
    "non kumulatif": "non_kumulatif", "nonkumulatif": "non_kumulatif", "tidak kumulatif": "non_kumulatif",
    "non komulatif": "non_kumulatif", "nilai akhir": "non_kumulatif", "take last known": "non_kumulatif",
    "akhir": "non_kumulatif", "non cumulative": "non_kumulatif",
    "rata rata": "rata_rata", "ratarata": "rata_rata", "rerata": "rata_rata", "rata": "rata_rata",
    "average": "rata_rata", "rata2": "rata_rata",
}

ALASAN_KOSONG = "belum ada nilai yang diisi"
ALASAN_PENYEBUT_NOL = "penyebut bernilai 0"
ALASAN_MENURUN = "deret kumulatif menurun"
ALASAN_TARGET_TW_KOSONG = "target triwulan {} belum diisi"

_ROMAWI = ("I", "II", "III", "IV")


def parse_tipe(teks: object) -> str:
    """"Kumulatif", "Non Kumulatif", "non-kumulatif", "Nilai Akhir", "Rata-rata" -> one of TIPE."""
    if teks.__class__ is str and teks in TIPE:  # already a code (the reader's): the common case
        return teks
    if teks is None or not str(teks).strip():
        raise AturanError(
            "Tipe penghitungan belum diisi.",
            saran="Isi kolom Tipe Penghitungan dengan Kumulatif, Non Kumulatif, atau Rata-rata.",
        )
    kunci = norm(teks, pemisah="-_", huruf=str.lower)
    hasil = SINONIM_TIPE.get(kunci)
    if hasil is None:
        raise AturanError(
            f"Tipe penghitungan '{teks}' tidak dikenal.",
            saran="Gunakan Kumulatif (dijumlahkan), Non Kumulatif (nilai terakhir), atau Rata-rata.",
        )
    return hasil


@dataclass(frozen=True)
class HasilKumulatif:
    nilai: Decimal | NA
    menurun: tuple[int, ...] = ()  # indices (into the given sequence) where the series decreases


def _terisi(nilai: Sequence, peran: str) -> list[tuple[int, Decimal]]:
    """(index, value) of the filled entries."""
    out = []
    for i, x in enumerate(nilai):
        d = desimal_sel(x, peran)
        if d is not None:
            out.append((i, d))
    return out


def _gabung(isi: list[Decimal], tipe: str, *, presisi_penuh: bool = False) -> Decimal:
    with konteks():
        hasil = _gabung_tepat(isi, tipe)
    # a mean such as 4/3 is given to the caller's context precision (28 digits by default)
    return hasil if presisi_penuh else +hasil


def _gabung_tepat(isi: list[Decimal], tipe: str) -> Decimal:
    """_gabung's sum, last value or mean, inside the exact step's context (konteks)."""
    if tipe == "kumulatif":
        return sum(isi, Decimal(0))
    if tipe == "non_kumulatif":
        return isi[-1]
    return sum(isi, Decimal(0)) / len(isi)


def realisasi_sampai(nilai: Sequence, tipe, penyebut=None, *, desimal: int | None = None,
                     pembulatan: str = "half_up", jika_menurun: str = "lapor") -> HasilKumulatif:
    """Realisasi up to the last period of `nilai` under a Type Penghitungan.

    kumulatif: sum of the filled increments; non_kumulatif: last filled value; rata_rata: mean.
    With `penyebut` the result is a percentage, result / penyebut x 100 (seed: 1.295 wirausaha baru of
    1.264.373 residents = 0,1024%). `desimal` rounds the result (the seed prints realisasi to 2
    decimals and computes capaian from the printed figure).

    A kumulatif series with a negative increment is listed in `menurun`; `jika_menurun` says what
    else happens: "lapor" (default: the sum is still given, the caller reports it), "na" (the result
    is NA) or "galat" (AturanError).

    >>> realisasi_sampai([7, 9, 61, 53], "kumulatif", 1000, desimal=2).nilai
    Decimal('13.00')
    """
    t = parse_tipe(tipe)
    if jika_menurun not in ("lapor", "na", "galat"):
        raise AturanError(f"Pilihan jika_menurun '{jika_menurun}' tidak dikenal.",
                          saran="Gunakan 'lapor', 'na', atau 'galat'.")
    isi = _terisi(nilai, "realisasi")
    menurun = tuple(i for i, d in isi if d < 0) if t == "kumulatif" else ()
    if menurun:
        if jika_menurun == "galat":
            periode = ", ".join(str(i + 1) for i in menurun)
            raise AturanError(
                f"Realisasi kumulatif menurun (nilai negatif pada periode ke-{periode}).",
                saran="Periksa angka realisasi: indikator kumulatif diisi dengan tambahan per periode, "
                "yang tidak boleh negatif; jika nilainya memang bisa turun, ubah tipenya menjadi Non Kumulatif.",
            )
        if jika_menurun == "na":
            return HasilKumulatif(NA(ALASAN_MENURUN), menurun)
    if not isi:
        return HasilKumulatif(NA(ALASAN_KOSONG), menurun)
    hasil = _gabung([d for _, d in isi], t, presisi_penuh=True)
    return HasilKumulatif(_akhiri(hasil, desimal_sel(penyebut, "penyebut"), desimal, pembulatan), menurun)


_BATAS_REALISASI = Decimal("1E60")


def _akhiri(hasil: Decimal, p: Decimal | None, desimal: int | None, pembulatan: str) -> Decimal | NA:
    """realisasi_sampai's last steps: over the penyebut, then rounded (or to the caller's precision)."""
    with konteks():
        if p is not None:
            if p.is_zero():
                return NA(ALASAN_PENYEBUT_NOL)
            # seed Renstra table, "Formulasi Penghitungan": jumlah ... dibagi ... dikalikan 100 %
            hasil = hasil * 100 / p
        if desimal is not None:
            # counts and Rupiah may be large; only a number beyond 60 digits is refused (as NA)
            hasil = bulatkan_wajar(hasil, desimal, pembulatan, _BATAS_REALISASI)
            if isinstance(hasil, NA):
                return hasil
    if desimal is None:
        hasil = +hasil  # unrounded: to the caller's context precision (28 digits by default)
    if hasil.is_zero():
        hasil = hasil.copy_abs()
    return hasil


def realisasi_sampai_tiga(nilai: Sequence, tipe, penyebut=None, *, desimal: int | None = None,
                          pembulatan: str = "half_up") -> tuple[HasilKumulatif, Decimal | NA, Decimal | NA]:
    """Three figures of one series from one pass (lakip_xl.laporan.hitung, per realisasi row):
    realisasi_sampai(nilai, tipe, penyebut, desimal=desimal, pembulatan=pembulatan), the same value
    unrounded (realisasi_sampai(nilai, tipe, penyebut).nilai, what the audit compares a typed figure
    with) and the counts alone (realisasi_sampai(nilai, tipe).nilai)."""
    t = parse_tipe(tipe)
    isi = _terisi(nilai, "realisasi")
    menurun = tuple(i for i, d in isi if d < 0) if t == "kumulatif" else ()
    if not isi:
        return HasilKumulatif(NA(ALASAN_KOSONG), menurun), NA(ALASAN_KOSONG), NA(ALASAN_KOSONG)
    p = desimal_sel(penyebut, "penyebut")
    # _gabung, then _akhiri three times, in one exact step: the percentage is divided once
    with konteks():
        hasil = _gabung_tepat([d for _, d in isi], t)
        if p is not None and p.is_zero():
            persen = None
        else:
            persen = hasil if p is None else hasil * 100 / p
            bulat = bulatkan_wajar(persen, desimal, pembulatan, _BATAS_REALISASI) if desimal is not None else None
    if persen is None:
        dibulatkan, penuh = NA(ALASAN_PENYEBUT_NOL), NA(ALASAN_PENYEBUT_NOL)
    else:
        penuh = nol_bersih(+persen)  # unrounded: to the caller's context precision (28 digits by default)
        dibulatkan = penuh if bulat is None else bulat if isinstance(bulat, NA) else nol_bersih(bulat)
    return HasilKumulatif(dibulatkan, menurun), penuh, nol_bersih(+hasil)


def kumulatif(nilai: Sequence, tipe="kumulatif", penyebut=None, *, desimal: int | None = None,
              pembulatan: str = "half_up") -> Decimal | NA:
    """The realisasi up to the last period, as a value: the top-level rule that reads like `capaian` and
    `predikat` (and like the KUMULATIF Excel function); `realisasi_sampai` gives the decreases too.

    >>> kumulatif([7, 9, 61, 53], "kumulatif", 1000, desimal=2)
    Decimal('13.00')
    >>> kumulatif([89.93, 44.00, 34.67], "non kumulatif")
    Decimal('34.67')
    """
    return realisasi_sampai(nilai, tipe, penyebut, desimal=desimal, pembulatan=pembulatan).nilai


def target_akhir(target: Sequence, tipe) -> Decimal | NA:
    """The Renstra end target from yearly targets: kumulatif sum, non_kumulatif last filled, rata_rata mean."""
    t = parse_tipe(tipe)
    isi = _terisi(target, "target")
    if not isi:
        return NA(ALASAN_KOSONG)
    return _gabung([d for _, d in isi], t)


def seri_menurun(seri_sd: Sequence) -> tuple[int, ...]:
    """Indices where a cumulative (s/d, "sampai dengan") series is lower than its last filled value.

    A s/d series of a kumulatif indicator must not decrease (docs/aturan.md section 3)."""
    out = []
    sebelum = None
    for i, d in _terisi(seri_sd, "nilai"):
        if sebelum is not None and d < sebelum:
            out.append(i)
        sebelum = d
    return tuple(out)


def triwulan(target_tw: Sequence, realisasi_tw: Sequence, tipe) -> tuple[Decimal | NA, Decimal | NA]:
    """(target, realisasi) of a year from its quarters (triwulan I-IV).

    kumulatif: the sum of the filled realisasi quarters against the sum of the targets of the same
    quarters; non_kumulatif (nilai akhir): the last filled quarter and its target; rata_rata: means
    over the filled quarters. A filled quarter without a target gives target NA (summing the other
    quarters' targets would overstate the capaian)."""
    t = parse_tipe(tipe)
    target_tw, realisasi_tw = list(target_tw), list(realisasi_tw)
    if len(realisasi_tw) > 4 or len(target_tw) > 4:
        raise AturanError("Satu tahun hanya memiliki 4 triwulan.", saran="Isi paling banyak 4 nilai triwulan (I-IV).")
    if len(target_tw) != len(realisasi_tw):
        raise AturanError(
            f"Jumlah target triwulan ({len(target_tw)}) berbeda dengan jumlah realisasi triwulan ({len(realisasi_tw)}).",
            saran="Isi target dan realisasi untuk triwulan yang sama.",
        )
    isi = _terisi(realisasi_tw, "realisasi")
    if not isi:
        return NA(ALASAN_KOSONG), NA(ALASAN_KOSONG)
    if t == "non_kumulatif":
        isi = isi[-1:]
    targets = []
    for i, _ in isi:
        d = desimal_sel(target_tw[i], "target")
        if d is None:
            kosong = NA(ALASAN_TARGET_TW_KOSONG.format(_ROMAWI[i]))
            return kosong, _gabung([d for _, d in isi], t)
        targets.append(d)
    return _gabung(targets, t), _gabung([d for _, d in isi], t)

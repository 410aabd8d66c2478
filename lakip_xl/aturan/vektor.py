"""Capaian and predikat over whole columns (pandas Series / numpy arrays), equal to the scalar forms.

`capaian_vektor` and `predikat_vektor` give, element for element, exactly what `lakip_xl.aturan.capaian.capaian`
and `lakip_xl.aturan.predikat.predikat` give for the same inputs (a hypothesis test checks it), including
half-up rounding at ties such as 34.665 and every NA policy.

Representation (the choice the project documents):
- inputs are read as float64 with NaN for missing. A float cell means to the scalar forms the decimal
  of its 15 significant digits (`Decimal(format(x, ".15g"))`, as lakip_xl.aturan.nilai.ke_decimal), so the
  float the vector code computes with is that decimal within a relative 5e-15;
- each result is computed in float64, then rounded to an INTEGER k of units 10^-desimal
  (int64). A float result within a conservative error bound of a rounding edge (a tie x.xx5 for
  half_up/half_even, an integer for truncate, the cap or the floor) is "ambiguous": such rows, rows of
  polaritas rentang/huruf, text or Rentang cells and magnitudes beyond 2^52 units or 10^14 % are
  computed by the scalar function itself (exact Decimal). Everything else is farther from every edge
  than the float error bound (1e-12 relative, ~100x the worst case), so k is the exact k. Rows where R == T (the float values, hence the decimals, are
  equal) are 100 exactly;
- output `hasil="float"` (default): float64 Series, NaN for NA; each number is the float nearest to
  the scalar Decimal (k / 10^desimal, correctly rounded), so `float(capaian(...)) == capaian_vektor(...)`
  and the decimal text of the float is the scalar's text whenever it has <= 15 significant digits.
  `hasil="objek"`: object Series of Decimal (exactly the scalar's, same exponent) and NA (same alasan).

This module imports numpy and pandas; the pure core does not.
"""

from __future__ import annotations

import numbers
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import numpy as np
import pandas as pd

from lakip_xl.aturan.angka import desimal_sel
from lakip_xl.aturan.capaian import (
    ALASAN_RASIO_NOL,
    ALASAN_REALISASI_KOSONG,
    ALASAN_TARGET_KOSONG,
    ALASAN_TARGET_NOL,
    BATAS_BAWAH_BAWAAN,
    akhiri,
    aturan,
    capaian_baris,
    parse_metode,
    parse_polaritas,
)
from lakip_xl.aturan.nilai import NA
from lakip_xl.aturan.predikat import (
    DESIMAL_PREDIKAT,
    LABEL_NA,
    NAMA_WARNA_NA,
    WARNA_NA,
    indeks_tingkat,
    skala_dari,
)
from lakip_xl.errors import AturanError

# Relative error bound of a float result against the exact decimal result: inputs differ from their
# 15-digit decimals by < 5e-15 relative each, each float operation adds <= 1.1e-16. 1e-12 leaves a
# margin of ~100x; only rows this close to a rounding edge go to the exact scalar path.
_REL = 1e-12
_MAKS_K = float(2**52)  # beyond this, units of 10^-desimal are no longer exact in float64

_POL_KODE = {"positif": 0, "negatif": 1, "rentang": 2, "huruf": 3}
_MET_KODE = {"selisih": 0, "rasio": 1}
_POL_NAMA = {v: k for k, v in _POL_KODE.items()}
_MET_NAMA = {v: k for k, v in _MET_KODE.items()}

# NA codes of the fast path (0 = a number)
_NA_ALASAN = {
    1: ALASAN_REALISASI_KOSONG,
    2: ALASAN_TARGET_KOSONG,
    3: ALASAN_TARGET_NOL,
    4: ALASAN_RASIO_NOL,
}


class _Kolom:
    """A column as float64 (NaN = missing) plus the rows only the scalar path can read exactly."""

    def __init__(self, x, n: int, peran: str):
        self.skalar = None
        if _seperti_array(x):
            arr = x.to_numpy() if isinstance(x, (pd.Series, pd.Index)) else np.asarray(x)
            if arr.ndim != 1:
                raise AturanError(f"Kolom {peran} harus satu dimensi.", saran="Berikan satu kolom (Series).")
            self.asli = arr
            self.f, self.lambat = _ke_float(x, arr, peran)
        else:  # one value for every row
            self.skalar = x
            f, lambat = _ke_float(None, np.array([x], dtype=object), peran)
            self.f = np.full(n, f[0])
            self.lambat = np.full(n, bool(lambat[0]))

    def nilai(self, i: int):
        """The original cell i, as the scalar function should see it."""
        if self.skalar is not None:
            return self.skalar
        v = self.asli[i]
        if isinstance(v, np.integer):
            return int(v)
        if isinstance(v, np.floating):
            return float(v)
        return v


def _seperti_array(x) -> bool:
    return isinstance(x, (pd.Series, pd.Index, np.ndarray, list, tuple))


def _ke_float(asal, arr: np.ndarray, peran: str) -> tuple[np.ndarray, np.ndarray]:
    n = len(arr)
    kind = arr.dtype.kind
    if asal is not None and isinstance(asal, pd.Series) and not isinstance(asal.dtype, np.dtype):
        # pandas extension dtypes (Float64, Int64 with pd.NA)
        if pd.api.types.is_bool_dtype(asal.dtype):
            raise AturanError(f"Kolom {peran} berisi TRUE/FALSE, bukan angka.", saran=f"Isi {peran} dengan angka.")
        if pd.api.types.is_numeric_dtype(asal.dtype):
            f = asal.to_numpy(dtype="float64", na_value=np.nan)
            lambat = np.zeros(n, bool)
            if pd.api.types.is_integer_dtype(asal.dtype):
                lambat = np.abs(f) > 2.0**53
                lambat &= ~np.isnan(f)
            return np.where(np.isinf(f), np.nan, f), lambat
        arr = asal.to_numpy(dtype=object)
        kind = "O"
    if kind == "f":
        f = arr.astype("float64", copy=False)
        return np.where(np.isinf(f), np.nan, f), np.zeros(n, bool)
    if kind in "iu":
        f = arr.astype("float64")
        return f, np.abs(f) > 2.0**53  # beyond 2^53 an int is not exact in float64: scalar path
    if kind == "b":
        raise AturanError(f"Kolom {peran} berisi TRUE/FALSE, bukan angka.", saran=f"Isi {peran} dengan angka.")
    # object (or strings): element by element; text, Rentang and odd types go to the scalar path
    f = np.empty(n, dtype="float64")
    lambat = np.zeros(n, bool)
    for i, v in enumerate(arr):
        if v is None or isinstance(v, NA):
            f[i] = np.nan
        elif isinstance(v, bool):
            f[i] = np.nan
            lambat[i] = True  # the scalar path raises the Indonesian error
        elif isinstance(v, Decimal):
            if not v.is_finite():
                f[i] = np.nan
            else:
                f[i] = float(v)
                # beyond float's normal range the float is not within 1e-15 of the decimal
                lambat[i] = not v.is_zero() and not 1e-290 < abs(f[i]) < 1e290
        elif isinstance(v, numbers.Integral):
            iv = int(v)
            f[i] = float(iv)
            lambat[i] = abs(iv) > 2**53
        elif isinstance(v, numbers.Real):
            fv = float(v)
            f[i] = fv if fv == fv and abs(fv) != float("inf") else np.nan
        elif type(v).__name__ in ("NAType", "NaTType"):
            f[i] = np.nan
        else:
            f[i] = np.nan
            lambat[i] = True
    f[np.isinf(f)] = np.nan  # a huge Decimal overflowing float: treat through the scalar path
    return f, lambat


def _kode_teks(x, n: int, parse, peta: dict) -> np.ndarray:
    """polaritas/metode: one text or a column of texts -> int8 codes (every distinct text parsed)."""
    if _seperti_array(x):
        # Empty cells get code -1 (use_na_sentinel=True: use_na_sentinel=False would first run isna over
        # the whole column, 35 ms per million rows). They are parsed as None in their place among the
        # distinct texts (order of first appearance), so the first bad cell is still the one reported.
        kode, unik = pd.factorize(pd.Series(x, dtype=object) if not isinstance(x, pd.Series) else x.astype(object),
                                  use_na_sentinel=True)
        urut: list[object] = list(unik)
        kosong = np.flatnonzero(kode < 0)
        j = None
        if len(kosong):
            j = int(kode[:kosong[0]].max()) + 1 if kosong[0] else 0  # distinct texts seen before it
            urut.insert(j, None)
        hasil = [peta[parse(u)] for u in urut]  # in order of first appearance: a bad one raises
        if j is not None:
            hasil.append(hasil.pop(j))  # code -1 indexes the last entry
        peta_unik = np.array(hasil, dtype=np.int8)
        return peta_unik[kode] if len(peta_unik) else np.zeros(n, np.int8)
    return np.full(n, peta[parse(x)], dtype=np.int8)


def _panjang(*cols) -> tuple[int, pd.Index | None]:
    n, index = None, None
    for c in cols:
        if _seperti_array(c):
            m = len(c)
            if n is not None and m != n:
                raise AturanError(
                    f"Panjang kolom berbeda ({n} dan {m} baris).",
                    saran="Berikan kolom target, realisasi, polaritas, dan metode dengan jumlah baris yang sama.",
                )
            n = m
            if index is None and isinstance(c, pd.Series):
                index = c.index
    return (1 if n is None else n), index


def _bulat_ke_unit(d: Decimal, desimal: int, rounding) -> int:
    return int(d.scaleb(desimal).to_integral_value(rounding=rounding))


def capaian_vektor(target, realisasi, polaritas="positif", metode="selisih", *,
                   skala_nilai=None,
                   target_nol="na",
                   realisasi_kosong="na",
                   rasio_realisasi_nol="na",
                   batas_atas=None,
                   batas_bawah=BATAS_BAWAH_BAWAAN,
                   desimal=2,
                   pembulatan="half_up",
                   hasil="float") -> pd.Series:
    """`capaian` over whole columns; polaritas and metode may be one text or a column of texts.

    Columns are matched by position (not by index); a single value is used for every row.
    Returns a Series named "capaian" (index of the first Series given): float64 with NaN for NA
    (`hasil="float"`), or Decimal/NA objects identical to the scalar results (`hasil="objek"`).
    A column the scalar form would refuse in any row (unknown polaritas, text that is no number...)
    raises the same LakipError."""
    a = aturan(target_nol, realisasi_kosong, rasio_realisasi_nol, batas_atas, batas_bawah, desimal, pembulatan)
    if hasil not in ("float", "objek"):
        raise AturanError(f"Bentuk hasil '{hasil}' tidak dikenal.", saran="Gunakan 'float' atau 'objek'.")
    n, index = _panjang(target, realisasi, polaritas, metode)
    kt = _Kolom(target, n, "target")
    kr = _Kolom(realisasi, n, "realisasi")
    pol = _kode_teks(polaritas, n, parse_polaritas, _POL_KODE)
    met = _kode_teks(metode, n, parse_metode, _MET_KODE)
    d = a.desimal
    skala10 = 10.0**d

    T = kt.f
    R = kr.f.copy()
    # rows the exact scalar path decides: ranges, grades, and negative targets (docs/aturan.md section 1)
    with np.errstate(invalid="ignore"):
        lambat = kt.lambat | kr.lambat | (pol >= 2) | (T < 0)
    kode = np.zeros(n, np.int8)  # 0 number, >0 NA reason
    q = np.zeros(n)  # exact-ish unrounded capaian
    galat = np.zeros(n)  # absolute error bound of q
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # Step 3: realisasi missing (capaian.py order)
        r_kosong = np.isnan(R)
        if a.realisasi_kosong == "na":
            kode[r_kosong] = 1
        else:
            R[r_kosong] = 0.0
        hidup = kode == 0
        # Step 4: target missing or 0
        t_kosong = hidup & np.isnan(T)
        t_nol = hidup & (T == 0)
        pasti = np.zeros(n, bool)  # rows whose q is exact (100, 0 or a policy's value)
        if a.target_nol == "na":
            kode[t_kosong] = 2
            kode[t_nol] = 3
        else:
            q[t_kosong | t_nol] = float(a.target_nol)  # exactly 100 or 0
            pasti |= t_kosong | t_nol
        hidup &= ~(t_kosong | t_nol)
        # Step 6: formulas (sources cited in capaian.py)
        sama = hidup & (R == T)  # equal floats -> equal decimals -> exactly 100 under every formula
        q[sama] = 100.0
        pasti |= sama
        pos = hidup & (pol == 0) & ~sama
        sel = hidup & (pol == 1) & (met == 0) & ~sama
        ras = hidup & (pol == 1) & (met == 1) & ~sama
        q[pos] = R[pos] * 100.0 / T[pos]
        galat[pos] = np.abs(q[pos]) * _REL
        pasti |= pos & (R == 0)  # 0 x 100 / T is exactly 0
        q[sel] = (2.0 * T[sel] - R[sel]) * 100.0 / T[sel]
        # cancellation in 2T - R: bound the error by the size of the terms, not of the difference
        galat[sel] = (2.0 * np.abs(T[sel]) + np.abs(R[sel])) * 100.0 / np.abs(T[sel]) * _REL
        ras_nol = ras & (R == 0)
        if a.rasio_realisasi_nol == "na":
            kode[ras_nol] = 4
        else:
            q[ras_nol] = 100.0
            pasti |= ras_nol
        ras &= ~ras_nol
        q[ras] = T[ras] * 100.0 / R[ras]
        galat[ras] = np.abs(q[ras]) * _REL

        angka = (kode == 0) & ~lambat
        pasti &= angka
        k = np.zeros(n, np.int64)
        # Exact rows: a handful of distinct values, each finished (cap, floor, rounding) by the scalar
        # step itself.
        ragu = np.zeros(n, bool)  # rows left to the exact scalar path
        for u in np.unique(q[pasti]):
            baris_u = pasti & (q == u)
            selesai = akhiri(Decimal(float(u)), a)
            if isinstance(selesai, NA):  # an absurd bound (>= 10^15): the scalar path says why
                ragu |= baris_u
            else:
                k[baris_u] = int(selesai.scaleb(d))
        pasti &= ~ragu
        tetap = pasti.copy()  # rows whose k is set
        ragu |= ~np.isfinite(q) & angka & ~tetap  # overflow: let the exact path decide
        # Step 7: cap then floor, each against the exact bound
        for batas, atas in ((a.batas_atas, True), (a.batas_bawah, False)):
            if batas is None:
                continue
            bf = float(batas)
            tol = galat + abs(bf) * 1e-15
            lewat = (q > bf + tol) if atas else (q < bf - tol)
            dekat = np.abs(q - bf) <= tol
            kb = akhiri(batas, a)  # the bound itself, capped/floored/rounded as the scalar does
            pilih = angka & lewat & ~tetap & ~ragu
            if isinstance(kb, NA):
                ragu |= pilih
            else:
                k[pilih] = int(kb.scaleb(d))
                tetap |= pilih
            ragu |= angka & dekat & ~tetap
        # Step 8: rounding to integer units, with the ties left to the exact path
        bebas = angka & ~tetap & ~ragu
        y = q * skala10
        ay = np.abs(y)
        toly = galat * skala10 + ay * 1e-15
        fr = ay - np.floor(ay)
        if a.pembulatan == "truncate":
            dekat_tepi = (fr <= toly) | (fr >= 1.0 - toly)
            kk = np.floor(ay)
        else:
            dekat_tepi = np.abs(fr - 0.5) <= toly
            kk = np.floor(ay + 0.5) if a.pembulatan == "half_up" else np.abs(np.rint(y))
        # beyond 2^52 units float is not exact; from 10^15 % the scalar gives NA (capaian.BATAS_PERSEN):
        # both are left to the exact path, with a margin
        besar = (ay >= _MAKS_K) | (np.abs(q) >= 1e14)
        ragu |= bebas & (dekat_tepi | besar)
        bebas &= ~(dekat_tepi | besar)
        k[bebas] = (np.sign(y[bebas]) * kk[bebas]).astype(np.int64)

    # Exact scalar path: rentang/huruf, text cells, ambiguous rows
    eksak = np.flatnonzero(lambat | ragu)
    hasil_eksak = {}
    for i in eksak:
        hasil_eksak[i] = capaian_baris(kt.nilai(i), kr.nilai(i), _POL_NAMA[pol[i]], _MET_NAMA[met[i]],
                                        skala_nilai, a)

    if hasil == "float":
        out = k / skala10
        out[kode > 0] = np.nan
        for i, v in hasil_eksak.items():
            out[i] = np.nan if isinstance(v, NA) else float(v)
            if np.isinf(out[i]):  # an inf never escapes
                raise AturanError(
                    f"Capaian baris ke-{i + 1} ({v}) terlalu besar untuk angka float.",
                    saran="Periksa target dan realisasi baris itu, atau gunakan hasil='objek'.",
                )
        return pd.Series(out, index=index, name="capaian")

    na_obj = {c: NA(al) for c, al in _NA_ALASAN.items()}
    out = np.empty(n, dtype=object)
    for i in range(n):
        c = kode[i]
        out[i] = na_obj[c] if c else Decimal(int(k[i])).scaleb(-d)
    for i, v in hasil_eksak.items():
        out[i] = v
    return pd.Series(out, index=index, name="capaian", dtype=object)


def predikat_vektor(capaian, skala="sakip3", *, desimal: int = DESIMAL_PREDIKAT) -> pd.DataFrame:
    """`predikat` over a column: a DataFrame with columns label, warna, nama_warna, skala
    (Categorical columns of text), one row per element, equal to the scalar `predikat` fields.

    NaN / NA / empty give the grey "n/a" row, as the scalar form."""
    s = skala_dari(skala)
    n, index = _panjang(capaian)
    kol = _Kolom(capaian, n, "capaian")
    v = kol.f
    tingkat = s.tingkat
    na_idx = len(tingkat)
    idx = np.full(n, len(tingkat) - 1, dtype=np.int64)
    with np.errstate(invalid="ignore", over="ignore"):
        y = v * 10.0**desimal
        ay = np.abs(y)
        fr = ay - np.floor(ay)
        ragu = (np.abs(fr - 0.5) <= ay * _REL) | (ay >= _MAKS_K)
        kosong = np.isnan(v)
        ragu &= ~kosong
        ragu |= kol.lambat
        k = np.where(kosong | ragu, 0, np.sign(y) * np.floor(ay + 0.5)).astype(np.int64)
    batas_i64 = (-(2**62), 2**62)
    sudah = kosong | ragu
    for j, t in enumerate(tingkat[:-1]):
        if t.bawah is None:
            cocok = np.ones(n, bool)
        else:
            if t.inklusif:  # v >= b  <=>  k >= ceil(b * 10^d)
                ambang = _bulat_ke_unit(t.bawah, desimal, ROUND_CEILING)
                ambang = min(max(ambang, batas_i64[0]), batas_i64[1])
                cocok = k >= ambang
            else:  # v > b  <=>  k > floor(b * 10^d)
                ambang = _bulat_ke_unit(t.bawah, desimal, ROUND_FLOOR)
                ambang = min(max(ambang, batas_i64[0]), batas_i64[1])
                cocok = k > ambang
        pilih = cocok & ~sudah
        idx[pilih] = j
        sudah |= pilih
    idx[kosong & ~kol.lambat] = na_idx
    for i in np.flatnonzero(ragu):  # exact path: the scalar predikat's own steps
        x = desimal_sel(kol.nilai(i), "capaian")
        idx[i] = na_idx if x is None else indeks_tingkat(x, s, desimal)
    kolom = {
        "label": [t.label for t in tingkat] + [LABEL_NA],
        "warna": [t.warna for t in tingkat] + [WARNA_NA],
        "nama_warna": [t.nama_warna for t in tingkat] + [NAMA_WARNA_NA],
        "skala": [s.nama] * (len(tingkat) + 1),
    }
    return pd.DataFrame({nama: _kategori(idx, isi) for nama, isi in kolom.items()}, index=index)


def _kategori(idx: np.ndarray, isi: list[str]) -> pd.Categorical:
    """Tier index -> text, as a Categorical (1M rows of a handful of texts; .tolist() gives str)."""
    unik = list(dict.fromkeys(isi))
    peta = np.array([unik.index(x) for x in isi], dtype=np.int8)
    return pd.Categorical.from_codes(peta[idx], categories=unik)


__all__ = ["capaian_vektor", "predikat_vektor"]

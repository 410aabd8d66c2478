"""Capaian per triwulan: the quarterly rows of the report year, to date (s/d) per tipe penghitungan and
against the annual target. Pure: a `HasilLaporan` in, records out; the sheet is built in ringkasan.

Rules (docs/aturan.md section 3, "Triwulan"):
- realisasi s/d TW q: the quarters I..q under the indicator's Tipe Penghitungan, as
  `lakip_xl.aturan.kumulatif.realisasi_sampai` combines periods (kumulatif: the sum of the quarters' own
  values; non kumulatif: the last filled quarter; rata-rata: their mean). A quarter whose Jumlah is filled
  (with the indicator's Penyebut) gives its realisasi from the counts, as the yearly rows do
  (`realisasi_sampai`, rounded to Desimal Realisasi). A grade (huruf) or range series takes its last
  filled quarter: it has no sum. A kumulatif indicator counts over the Renstra years, as its yearly
  rows do: s/d TW q of year N = the yearly counts (Jumlah) of the years before N plus the quarters'
  counts I..q, or, with typed values, the realisasi s/d year N-1 plus the quarters' own values I..q.
  So s/d TW IV equals the yearly row of N when the quarters add up to that year.
- target tahunan: the yearly row's target of the report year; without one, the quarters' targets under
  the same tipe (`target_akhir`: kumulatif sum, otherwise the last).
- capaian s/d TW q = capaian(target tahunan, realisasi s/d TW q) with the indicator's polaritas and the
  workbook's policies, the same function every other figure uses; predikat on the indicator scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lakip_xl.aturan.capaian import capaian
from lakip_xl.aturan.kumulatif import realisasi_sampai, target_akhir
from lakip_xl.aturan.nilai import NA
from lakip_xl.aturan.predikat import Predikat, predikat
from lakip_xl.errors import AturanError
from lakip_xl.laporan.hitung import HasilIndikator, HasilLaporan
from lakip_xl.sumber.model import RealisasiBaris

ROMAWI = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class CapaianTriwulan:
    """One indicator's quarters in the report year."""

    hasil: HasilIndikator
    target_tahunan: object  # Decimal, Rentang, a grade, NA
    target_teks: str
    realisasi: tuple  # per quarter I..IV: the value used (None = no row / empty)
    realisasi_teks: tuple[str, ...]
    sd: tuple  # realisasi s/d TW I..IV (None where the quarter has no value)
    capaian: tuple  # capaian s/d TW I..IV against the annual target (None where no value)
    predikat: tuple[Predikat | None, ...]

    @property
    def terakhir(self) -> int | None:
        """Index (0-3) of the last quarter with a capaian, None when none has."""
        isi = [i for i, c in enumerate(self.capaian) if c is not None]
        return isi[-1] if isi else None


def _kosong(v) -> bool:
    return v is None or isinstance(v, NA)


def _satu(hi: HasilIndikator, rows: dict[int, RealisasiBaris], tahunan_sebelum: list[RealisasiBaris],
          hasil: HasilLaporan) -> CapaianTriwulan:
    ind, k = hi.indikator, hasil.kebijakan
    kumulatif = ind.tipe == "kumulatif"
    kw = k.kwargs_capaian()
    per_q = [rows.get(q) for q in (1, 2, 3, 4)]
    dari_jumlah = [r is not None and r.jumlah.angka is not None for r in per_q]
    real, real_teks = [], []
    for i, r in enumerate(per_q):
        if r is None:
            real.append(None)
            real_teks.append("")
        elif dari_jumlah[i]:
            real.append(r.jumlah.angka)
            real_teks.append(r.jumlah.teks)
        else:
            real.append(r.realisasi.nilai)
            real_teks.append(r.realisasi.teks)
    targets = [r.target.nilai if r is not None else None for r in per_q]
    bertipe = all(isinstance(v, Decimal) or _kosong(v) for v in real + targets)

    tahunan = hi.laporan
    if tahunan is not None and not _kosong(tahunan.target):
        t_tahun, t_teks = tahunan.target, tahunan.target_teks
    elif bertipe:
        t_tahun, t_teks = target_akhir([t for t in targets if t is not None], ind.tipe), ""
    else:
        isi = [t for t in targets if not _kosong(t)]
        t_tahun, t_teks = (isi[-1] if isi else NA("target tahunan belum diisi")), ""

    sd, cap, pred = [], [], []
    for q in range(4):
        if _kosong(real[q]):
            sd.append(None)
            cap.append(None)
            pred.append(None)
            continue
        try:
            if any(dari_jumlah[: q + 1]) and bertipe:  # counts over the Penyebut, as the yearly rows
                counts = [real[i] for i in range(q + 1) if dari_jumlah[i]]
                if kumulatif:
                    counts = [r.jumlah.angka for r in tahunan_sebelum] + counts
                nilai = realisasi_sampai(counts, ind.tipe, ind.penyebut, desimal=k.desimal_realisasi).nilai
            elif bertipe:
                nilai = realisasi_sampai(real[: q + 1], ind.tipe).nilai
                lalu = hi.per_tahun.get(hasil.tahun - 1)
                if kumulatif and isinstance(nilai, Decimal) and lalu is not None and isinstance(lalu.realisasi, Decimal):
                    nilai = lalu.realisasi + nilai
            else:  # a grade or a range: no sum, the last filled quarter
                nilai = next(v for v in reversed(real[: q + 1]) if not _kosong(v))
        except AturanError as e:
            nilai = NA(e.masalah.pesan)
        c = capaian(t_tahun, nilai, ind.polaritas, k.metode_negatif, skala_nilai=ind.skala_nilai, **kw)
        sd.append(nilai)
        cap.append(c)
        pred.append(predikat(c, k.skala_predikat))
    return CapaianTriwulan(hi, t_tahun, t_teks, tuple(real), tuple(real_teks), tuple(sd), tuple(cap), tuple(pred))


def hitung_triwulan(hasil: HasilLaporan) -> list[CapaianTriwulan]:
    """The indicators with quarterly rows in the report year, in the report's order."""
    per_kode: dict[str, dict[int, RealisasiBaris]] = {}
    sebelum: dict[str, list[RealisasiBaris]] = {}
    for r in hasil.data.realisasi:
        if r.triwulan is not None and r.tahun == hasil.tahun:
            per_kode.setdefault(r.kode, {})[r.triwulan] = r
        elif r.triwulan is None and r.tahun < hasil.tahun:
            sebelum.setdefault(r.kode, []).append(r)
    return [_satu(hi, per_kode[hi.indikator.kode], sorted(sebelum.get(hi.indikator.kode, []), key=lambda r: r.tahun),
                  hasil)
            for hi in hasil.indikator if hi.indikator.kode in per_kode]

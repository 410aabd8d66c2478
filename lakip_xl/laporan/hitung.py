"""The computed LAKIP: every figure of the report's tables, from the workbook's data, under its policies.

Pure core: `hitung(data)` takes a `DataLakip` (lakip_xl.sumber.model) and returns a `HasilLaporan` that the
summary builder (tables), the audit (stated against computed figures), the e-mail body and the CLI
all read. No I/O here.

Rules applied (sources in the rule modules):
- realisasi of a year: computed from the indicator's yearly counts (column Jumlah) over its Penyebut
  under its Tipe Penghitungan when that year's Jumlah is filled, rounded to `desimal_realisasi`
  (the seed prints realisasi to 2 decimals and computes capaian from the printed figure: 0,10 / 0,17 =
  58,82 in its table 3.3); otherwise the Realisasi as typed;
- capaian, predikat and Ket of each year; the Renstra target (typed, or derived from the yearly targets
  by type) against the realisasi s/d the report year (table 3.3);
- capaian sasaran = mean of its indicators' capaian in the report year (seed BAB III.A), weighted by
  Bobot when any is filled; budget serapan and efisiensi per indicator; spending totals.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from lakip_xl.aturan.anggaran import efisiensi, kategori_efisiensi, serapan
from lakip_xl.aturan.capaian import Kebijakan, aturan, capaian_baris, parse_metode, parse_polaritas
from lakip_xl.aturan.kumulatif import realisasi_sampai_tiga, target_akhir
from lakip_xl.aturan.nilai import NA, Rentang
from lakip_xl.aturan.predikat import Predikat, keterangan, predikat
from lakip_xl.aturan.sasaran import capaian_sasaran
from lakip_xl.errors import Masalah
from lakip_xl.sumber.model import DataLakip, Indikator, Isian, RealisasiBaris, rekaman_cepat

Angka = Decimal | Rentang | str | NA | None


@rekaman_cepat
@dataclass(frozen=True, slots=True)
class NilaiTahun:
    """One indicator in one year: target, realisasi used, capaian, predikat, Ket."""

    tahun: int
    target: Angka
    target_teks: str
    realisasi: Angka
    realisasi_teks: str  # as typed; "" when computed from counts
    dari_komponen: bool  # realisasi computed from the Jumlah counts
    jumlah_sd: Decimal | None  # the counts summed (or the last one) behind a computed realisasi
    capaian: Decimal | NA
    predikat: Predikat
    ket: str
    baris: RealisasiBaris | None
    # a realisasi from counts unrounded (the audit compares a typed Realisasi with it); None when typed
    realisasi_penuh: Decimal | NA | None = None


@rekaman_cepat
@dataclass(frozen=True, slots=True)
class HasilIndikator:
    indikator: Indikator
    per_tahun: dict[int, NilaiTahun]
    tahun_laporan: int
    target_renstra: Angka
    target_renstra_teks: str
    target_renstra_dihitung: bool
    capaian_renstra: Decimal | NA
    predikat_renstra: Predikat
    pagu: Decimal | None = None
    realisasi_anggaran: Decimal | None = None
    serapan: Decimal | NA | None = None
    efisiensi: Decimal | NA | None = None
    kategori_efisiensi: str | NA | None = None  # Efisien / Cukup Efisien / Tidak Efisien

    @property
    def laporan(self) -> NilaiTahun | None:
        return self.per_tahun.get(self.tahun_laporan)

    @property
    def capaian(self) -> Decimal | NA:
        n = self.laporan
        return n.capaian if n else NA("tidak ada baris realisasi untuk tahun laporan")


@dataclass(frozen=True)
class HasilSasaran:
    kode: str
    nama: str
    indikator: tuple[HasilIndikator, ...]
    capaian: Decimal | NA
    predikat: Predikat


@dataclass(frozen=True)
class HasilBelanja:
    jenis: str
    pagu: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | NA


@dataclass
class HasilLaporan:
    data: DataLakip
    kebijakan: Kebijakan
    tahun: int
    sasaran: list[HasilSasaran]
    belanja: list[HasilBelanja]  # the spending rows of the report year, then "Total"
    pagu_program: Decimal | None
    peringatan: list[Masalah] = field(default_factory=list)

    @cached_property
    def indikator(self) -> list[HasilIndikator]:
        return [hi for s in self.sasaran for hi in s.indikator]

    def tahun_tabel(self, n: int = 3) -> list[int]:
        """The years of the multi-year comparison (table 3.2): the report year and the n-1 before it,
        not before the Renstra's first year."""
        awal = max(self.data.pengaturan.awal_renstra or self.tahun, self.tahun - n + 1)
        return list(range(awal, self.tahun + 1))


def _kebijakan(data: DataLakip) -> Kebijakan:
    k = data.pengaturan.kebijakan
    if isinstance(k, Kebijakan):
        return k
    if isinstance(k, dict):
        return Kebijakan(**k)
    return Kebijakan()


def _jumlah(rows: list[RealisasiBaris], tahun: int) -> list[Decimal | None]:
    return [r.jumlah.angka for r in rows if r.tahun <= tahun]


class _PerNilai:
    """What recurs across rows, made once and shared: predikat and Ket of a capaian on one scale,
    and the computed Decimals themselves.

    At 50,000 rows the same few thousand values recur; one Predikat and one Decimal per row cost
    ~13 MB and a fifth of the computing time. Predikat and Ket depend on the value only (equal
    Decimals, equal results); a Decimal is shared only with one of the same text (44.83 and 44.830
    stay apart). All are immutable, so sharing changes nothing; anything but a finite Decimal is
    computed each time."""

    def __init__(self, skala):
        self.skala = skala
        self._predikat: dict[Decimal, Predikat] = {}
        self._predikat_ket: dict[Decimal, tuple[Predikat, str]] = {}
        self._decimal: dict[str, Decimal] = {}

    def decimal(self, x):
        if type(x) is not Decimal:
            return x
        return self._decimal.setdefault(str(x), x)

    def predikat(self, nilai) -> Predikat:
        if type(nilai) is not Decimal or not nilai.is_finite():
            return predikat(nilai, self.skala)
        p = self._predikat.get(nilai)
        if p is None:
            p = self._predikat[nilai] = predikat(nilai, self.skala)
        return p

    def predikat_ket(self, nilai) -> tuple[Predikat, str]:
        """(predikat, Ket) of a row's capaian, found with one lookup."""
        if type(nilai) is not Decimal or not nilai.is_finite():
            return predikat(nilai, self.skala), keterangan(nilai)
        pk = self._predikat_ket.get(nilai)
        if pk is None:
            pk = self._predikat_ket[nilai] = (self.predikat(nilai), keterangan(nilai))
        return pk


def _dari_komponen(ind: Indikator, rows: list[RealisasiBaris], row: RealisasiBaris,
                   k: Kebijakan) -> tuple[Angka, Decimal | None, Decimal | NA]:
    """(realisasi, count to date, unrounded realisasi) of a row whose Jumlah is filled: the counts
    themselves (no denominator) give the count to date; with one, a percentage."""
    counts = _jumlah(rows, row.tahun)
    hasil, penuh, jumlah = realisasi_sampai_tiga(counts, ind.tipe, ind.penyebut, desimal=k.desimal_realisasi)
    jumlah_sd = jumlah if ind.penyebut is not None else hasil.nilai
    return hasil.nilai, (None if isinstance(jumlah_sd, NA) else jumlah_sd), penuh


def realisasi_komponen(data: DataLakip) -> tuple[Kebijakan, list[tuple[Indikator, RealisasiBaris, Angka]]]:
    """The policies, and (indicator, row, realisasi) of every yearly row whose realisasi hitung computes
    from its counts (Jumlah), computed as hitung does it (`_dari_komponen`) without the rest of hitung:
    what `lakip-xl ekspor` writes into the counted Realisasi cells (lakip_xl.excel.rumus_cepat)."""
    k = _kebijakan(data)
    per_kode = data.indikator_per_kode()
    out = []
    for kode, rows in _baris_tahunan(data).items():
        ind = per_kode.get(kode)
        if ind is None:
            continue
        for row in rows:
            if row.jumlah.angka is not None:
                out.append((ind, row, _dari_komponen(ind, rows, row, k)[0]))
    return k, out


def _baris_tahunan(data: DataLakip) -> dict[str, list[RealisasiBaris]]:
    """The yearly Realisasi rows per indicator code, sorted by year: one pass, not one per indicator."""
    baris: dict[str, list[RealisasiBaris]] = {}
    for r in data.realisasi:
        if r.triwulan is None:
            baris.setdefault(r.kode, []).append(r)
    for rows in baris.values():
        rows.sort(key=lambda r: r.tahun)
    return baris


def _nilai_tahun(ind: Indikator, rows: list[RealisasiBaris], row: RealisasiBaris, k: Kebijakan,
                 capaian_dari, pn: _PerNilai) -> NilaiTahun:
    dari_komponen = row.jumlah.angka is not None
    jumlah_sd = None
    penuh = None
    if dari_komponen:
        realisasi, jumlah_sd, penuh = _dari_komponen(ind, rows, row, k)
        realisasi, jumlah_sd = pn.decimal(realisasi), pn.decimal(jumlah_sd)
    else:
        realisasi = row.realisasi.nilai
    nilai = pn.decimal(capaian_dari(row.target.nilai, realisasi))
    pred, ket = pn.predikat_ket(nilai)
    return NilaiTahun(
        tahun=row.tahun,
        target=row.target.nilai,
        target_teks=row.target.teks,
        realisasi=realisasi,
        realisasi_teks="" if dari_komponen else row.realisasi.teks,
        dari_komponen=dari_komponen,
        jumlah_sd=jumlah_sd,
        capaian=nilai,
        predikat=pred,
        ket=ket,
        baris=row,
        realisasi_penuh=penuh,
    )


def _target_renstra(ind: Indikator, rows: list[RealisasiBaris], data: DataLakip) -> tuple[Angka, str, bool]:
    if not ind.target_renstra.kosong:
        return ind.target_renstra.nilai, ind.target_renstra.teks, False
    periode = data.pengaturan.periode_renstra
    targets = [r.target.nilai for r in rows if r.tahun in periode]
    if any(isinstance(t, (str, Rentang)) for t in targets):
        # a grade or range series has no sum or mean: the final year's target
        last = [t for t in targets if t is not None]
        return (last[-1] if last else NA("target Renstra belum diisi")), "", True
    return target_akhir(targets, ind.tipe), "", True


def _hitung_indikator(ind: Indikator, data: DataLakip, k: Kebijakan, tahun: int,
                      rows: list[RealisasiBaris], anggaran: list, atur, pn: _PerNilai) -> HasilIndikator:
    # capaian(target, realisasi, ind.polaritas, k.metode_negatif, skala_nilai=..., **k.kwargs_capaian()),
    # with the indicator's polaritas and the policies parsed once (`atur`: aturan(**k.kwargs_capaian()))
    pol, met, skala = parse_polaritas(ind.polaritas), parse_metode(k.metode_negatif), ind.skala_nilai

    def capaian_dari(target, realisasi):
        return capaian_baris(target, realisasi, pol, met, skala, atur)

    per_tahun = {r.tahun: _nilai_tahun(ind, rows, r, k, capaian_dari, pn) for r in rows}
    t_renstra, t_teks, dihitung = _target_renstra(ind, rows, data)
    lap = per_tahun.get(tahun)
    r_sd = lap.realisasi if lap else None
    c_renstra = capaian_dari(t_renstra, r_sd)
    pagu = real = None
    for a in anggaran:
        if a.tahun == tahun:
            pagu = (pagu or Decimal(0)) + (a.pagu.angka or Decimal(0))
            real = (real or Decimal(0)) + (a.realisasi.angka or Decimal(0))
    srp = serapan(pagu, real, desimal=k.desimal, pembulatan=k.pembulatan) if pagu is not None else None
    eff = kat = None
    if srp is not None and lap is not None:
        eff = efisiensi(lap.capaian, srp, metode=k.metode_efisiensi, desimal=k.desimal, pembulatan=k.pembulatan)
        kat = kategori_efisiensi(eff, metode=k.metode_efisiensi, batas_efisien=k.batas_efisien,
                                 batas_cukup=k.batas_cukup_efisien)
    return HasilIndikator(
        indikator=ind, per_tahun=per_tahun, tahun_laporan=tahun,
        target_renstra=t_renstra, target_renstra_teks=t_teks, target_renstra_dihitung=dihitung,
        capaian_renstra=c_renstra, predikat_renstra=pn.predikat(c_renstra),
        pagu=pagu, realisasi_anggaran=real, serapan=srp, efisiensi=eff, kategori_efisiensi=kat,
    )


def _jumlah_isian(items: list[Isian]) -> Decimal | None:
    vals = [i.angka for i in items if i.angka is not None]
    return sum(vals, Decimal(0)) if vals else None


def hitung(data: DataLakip) -> HasilLaporan:
    """Compute every figure of the report from the workbook's data."""
    k = _kebijakan(data)
    tahun = data.pengaturan.tahun
    per_kode = data.indikator_per_kode()
    baris = _baris_tahunan(data)
    anggaran: dict[str, list] = {}
    for a in data.anggaran:
        anggaran.setdefault(a.kode, []).append(a)
    atur = aturan(**k.kwargs_capaian())
    pn = _PerNilai(k.skala_predikat)
    sasaran = []
    for s in data.sasaran():
        his = tuple(_hitung_indikator(per_kode[kode], data, k, tahun, baris.get(kode, []), anggaran.get(kode, []),
                                      atur, pn)
                    for kode in s.indikator)
        bobot = [hi.indikator.bobot for hi in his]
        nilai = capaian_sasaran(
            [hi.capaian for hi in his],
            bobot if any(b is not None for b in bobot) else None,
            desimal=k.desimal, pembulatan=k.pembulatan, batas_atas=k.batas_atas_sasaran,
        )
        sasaran.append(HasilSasaran(s.kode, s.nama, his, nilai, predikat(nilai, k.skala_sasaran)))

    belanja = []
    rows = [b for b in data.belanja if b.tahun == tahun]
    for b in rows:
        p, r = b.pagu.angka, b.realisasi.angka
        belanja.append(HasilBelanja(b.jenis, p, r, serapan(p, r, desimal=k.desimal, pembulatan=k.pembulatan)))
    if rows:
        p = _jumlah_isian([b.pagu for b in rows])
        r = _jumlah_isian([b.realisasi for b in rows])
        belanja.append(HasilBelanja("Total", p, r, serapan(p, r, desimal=k.desimal, pembulatan=k.pembulatan)))

    program = [p for p in data.program if p.tahun == tahun]
    pagu_program = _jumlah_isian([p.pagu for p in program]) if program else None
    return HasilLaporan(
        data=data, kebijakan=k, tahun=tahun, sasaran=sasaran, belanja=belanja,
        pagu_program=pagu_program, peringatan=list(data.peringatan),
    )


@contextmanager
def tanpa_gc():
    """Pause Python's cyclic garbage collector while a report is built (the sync, the document).

    Both allocate hundreds of thousands to millions of long-lived objects (records, figures, cells,
    python-docx's XML tree) that form no reference cycles; reference counting frees them. The cyclic
    collector would rescan every live one again and again as they pile up: 40 % of the sync's time at
    50,000 rows, about 1.4 s of a 500-indicator document (benchmarks/sync_bench.py, dokumen_bench.py),
    while finding almost nothing to free. The previous state is restored afterwards, also on error.

    Turning the collector back on is not free either: every object made during the pause is still in
    the youngest generation, and the first allocation after gc.enable() scans them all (24 ms after a
    500-indicator document, benchmarks/dokumen_bench.py). They are moved to the oldest
    generation unscanned instead (gc.freeze() then gc.unfreeze(), two list splices), where a full
    collection finds them as it finds any long-lived object. Skipped when the program has frozen
    objects of its own (unfreeze would release those too)."""
    aktif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aktif:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.enable()
                gc.unfreeze()
            else:
                gc.enable()

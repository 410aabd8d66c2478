"""The one table of the audit's checks (`DAFTAR`): which check reads which stated figure kind (`besaran`,
lakip_xl.sumber.model.BESARAN), in which stage; `jalankan` walks it.

Rules (developer doc with the sample's output: docs/dev/periksa.md):

- Severity: GALAT when a stated figure contradicts its inputs under the workbook's rule; PERINGATAN
  for a minor finding (a rounding difference: truncated where the rule rounds half up or the
  reverse; a decreasing kumulatif series; a heading year that is not the report year; a budget
  total of the data sheets that does not add up; a unit printed differently); INFO for a policy
  question (capaian of a letter grade, where the rule is the agency's choice; a predikat boundary the
  printed scale leaves open; numbers written in two notations).
- Stages, in order: the stated inputs (MASUKAN), then the figures derived from them (TURUNAN), then the
  data sheets themselves (DATA). Within a stage, the row checks run over the Dilaporkan rows in sheet
  order, then the stage's whole-workbook checks in table order.
- One cause, one finding: a derived figure (capaian, Ket, predikat, serapan) that follows from the
  target and realisasi printed beside it in the same table, when one of those is itself flagged, is
  not flagged again; the input's finding names it (hence inputs first).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lakip_xl.laporan.periksa import anggaran, capaian, indikator, sasaran, struktur
from lakip_xl.laporan.periksa.konteks import Audit
from lakip_xl.sumber.model import SHEET_DILAPORKAN

MASUKAN = "masukan"  # stated inputs: target, realisasi, counts, budget, structure
TURUNAN = "turunan"  # figures derived from them: they look at the inputs' findings
DATA = "data"  # the data sheets' own consistency
TAHAP = (MASUKAN, TURUNAN, DATA)


@dataclass(frozen=True)
class Cek:
    """One check. With a `besaran`, `fungsi(au, d)` runs for each Dilaporkan row of that kind; with
    `besaran` None (the data sheets, or every row at once) or `sekaligus` (the rows of that kind taken
    together), `fungsi(au)` runs once."""

    tahap: str
    besaran: str | None
    fungsi: Callable[..., None]
    sekaligus: bool = False

    @property
    def per_baris(self) -> bool:
        return self.besaran is not None and not self.sekaligus


DAFTAR: tuple[Cek, ...] = (
    Cek(MASUKAN, "target", indikator.cek_target),
    Cek(MASUKAN, "realisasi", indikator.cek_realisasi),
    Cek(MASUKAN, "realisasi_sd", indikator.cek_realisasi),
    Cek(MASUKAN, "target_renstra", indikator.cek_target_renstra),
    Cek(MASUKAN, "jumlah_tahun", indikator.cek_jumlah_tahun),
    Cek(MASUKAN, "jumlah", indikator.cek_jumlah),
    Cek(MASUKAN, "penyebut", indikator.cek_penyebut),
    Cek(MASUKAN, "satuan", indikator.cek_satuan),
    Cek(MASUKAN, "pagu", anggaran.cek_anggaran),
    Cek(MASUKAN, "realisasi_anggaran", anggaran.cek_anggaran),
    Cek(MASUKAN, "pagu_total", anggaran.cek_total),
    Cek(MASUKAN, "realisasi_anggaran_total", anggaran.cek_total),
    Cek(MASUKAN, "pagu_btl", anggaran.cek_total),
    Cek(MASUKAN, "realisasi_btl", anggaran.cek_total),
    Cek(MASUKAN, "pagu_bl", anggaran.cek_total),
    Cek(MASUKAN, "realisasi_bl", anggaran.cek_total),
    Cek(MASUKAN, "jumlah_sasaran", struktur.cek_struktur),
    Cek(MASUKAN, "jumlah_indikator", struktur.cek_struktur),
    Cek(MASUKAN, "tahun_laporan", struktur.cek_tahun_laporan),
    Cek(MASUKAN, "pagu_program", anggaran.cek_pagu_program, sekaligus=True),  # each program used once
    Cek(TURUNAN, "capaian", capaian.cek_capaian),  # a sasaran code: sasaran.cek_capaian_sasaran
    Cek(TURUNAN, "capaian_renstra", capaian.cek_capaian_renstra),
    Cek(TURUNAN, "capaian_sasaran", sasaran.cek_capaian_sasaran),
    Cek(TURUNAN, "serapan", anggaran.cek_serapan),
    Cek(TURUNAN, "keterangan", capaian.cek_keterangan),
    Cek(TURUNAN, "predikat", capaian.cek_predikat),
    Cek(TURUNAN, "serapan_total", anggaran.cek_serapan),
    Cek(TURUNAN, "serapan_btl", anggaran.cek_serapan),
    Cek(TURUNAN, "serapan_bl", anggaran.cek_serapan),
    Cek(TURUNAN, None, anggaran.cek_jumlah_tabel),  # a table's budget rows against its own total
    Cek(TURUNAN, None, struktur.cek_notasi),  # one number notation per table
    Cek(DATA, None, struktur.cek_kumulatif_menurun),
    Cek(DATA, None, struktur.cek_realisasi_data),
    Cek(DATA, None, anggaran.cek_anggaran_data),
    Cek(DATA, None, struktur.cek_skala),
)


def _per_baris(tahap: str) -> dict[str, Callable[..., None]]:
    out: dict[str, Callable[..., None]] = {}
    for c in DAFTAR:
        if c.tahap == tahap and c.per_baris:
            if c.besaran in out:  # a programming error: one check per kind and stage
                raise ValueError(f"besaran {c.besaran!r} registered twice in stage {tahap!r}")
            out[c.besaran] = c.fungsi
    return out


_PER_BARIS = {t: _per_baris(t) for t in TAHAP}


def jalankan(au: Audit) -> None:
    """Every check of `DAFTAR` on one audit, stage by stage."""
    if not au.dilaporkan:
        au.tidak.append(f"Sheet '{SHEET_DILAPORKAN}' kosong: tidak ada angka laporan yang dibandingkan; "
                        "hanya data kerja yang diperiksa.")
    for tahap in TAHAP:
        per_baris = _PER_BARIS[tahap]
        if per_baris:
            for d in au.dilaporkan:
                f = per_baris.get(d.besaran)
                if f is not None:
                    f(au, d)
        for c in DAFTAR:
            if c.tahap == tahap and not c.per_baris:
                c.fungsi(au)



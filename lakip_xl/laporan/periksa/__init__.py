"""The audit of a lakip_xl workbook: every figure a printed report states (sheet "Dilaporkan") against
what the workbook's own data give under the workbook's rules, plus the consistency of the data itself.

What this module owns:

- `periksa(data, hasil=None) -> Hasil`: pure. Each Dilaporkan row (a figure as the report printed it,
  with its table, indicator code, year and kind, `lakip_xl.sumber.model.BESARAN`) is compared with the figure
  that follows from the data (`lakip_xl.laporan.hitung.HasilLaporan`), at the precision the report printed it;
- `periksa_berkas(path) -> Hasil`: reads a workbook (`lakip_xl.sumber.baca`); a workbook without the
  Indikator/Realisasi sheets goes to `lakip_xl.laporan.periksa_renja` (the Permendagri 86/2017 form);
- `lembar_pemeriksaan(hasil, judul_tahun) -> SheetSpec`: the "Pemeriksaan" sheet the sync writes.

Rules (developer doc with the sample's output: docs/dev/periksa.md):

- Severity: GALAT when a stated figure contradicts its inputs under the workbook's rule; PERINGATAN
  for a minor finding (a rounding difference: truncated where the rule rounds half up or the
  reverse; a decreasing kumulatif series; a heading year that is not the report year; a budget
  total of the data sheets that does not add up; a unit printed differently); INFO for a policy
  question (capaian of a letter grade, where the rule is the agency's choice; a predikat boundary the
  printed scale leaves open; numbers written in two notations).
- Precision: a printed figure is compared with the computed one rounded to the decimals it was
  printed with ("129%" against capaian rounded to 0 decimals, "33,3" to 1), derived from its text.
- Units: a figure written with a magnitude ("45,1 M", "103 M"; M = 10^9, jt = 10^6, T = 10^12,
  domain.md section 5) is the full number; a plain number is in the unit its context names: for a
  printed figure the Satuan the same table prints for that indicator (a Dilaporkan "satuan" row with
  the same Tabel and Kode), else the indicator's Satuan; for a typed data figure the indicator's
  Satuan. When that unit is a magnitude, the number is multiplied by it. Figures are compared as full
  numbers at the printed precision (45,1 M against the data rounded to 0,1 x 10^9).
- One cause, one finding: a derived figure (capaian, Ket, predikat, serapan) that follows from the
  target and realisasi printed beside it in the same table, when one of those is itself flagged, is
  not flagged again; the input's finding names it.

Pure: no I/O except in `periksa_berkas`; imports no openpyxl/xlwings/pandas.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext
from pathlib import Path

from lakip_xl.aturan.angka import format_angka, pangkat_kata  # the magnitude words parse_angka reads
from lakip_xl.aturan.capaian import DESIMAL_MAKS, capaian, skala_nilai_dari
from lakip_xl.aturan.kumulatif import realisasi_sampai, seri_menurun
from lakip_xl.aturan.nilai import NA, Rentang, bulatkan
from lakip_xl.aturan.predikat import KET_BELUM, KET_MELAMPAUI, KET_MENCAPAI, KET_NA, keterangan, predikat, skala_dari
from lakip_xl.aturan.sasaran import capaian_sasaran
from lakip_xl.laporan.hitung import HasilIndikator, HasilLaporan, NilaiTahun, hitung
from lakip_xl.laporan.periksa.temuan import GALAT, INFO, PERINGATAN, TINGKAT, Hasil, Temuan
from lakip_xl.sumber.model import (
    SHEET_ANGGARAN,
    SHEET_BELANJA,
    SHEET_DILAPORKAN,
    SHEET_INDIKATOR,
    SHEET_PENGATURAN,
    SHEET_PROGRAM,
    SHEET_REALISASI,
    DataLakip,
    Dilaporkan,
    Indikator,
    Isian,
    kunci,
)
from lakip_xl.xlsx.sheetspec import SheetSpec, Style, cell_ref, parse_ref

FORM = "Buku Kerja LAKIP (lakip_xl)"
from lakip_xl.laporan.lembar import SHEET_PEMERIKSAAN  # noqa: E402

# Comparison outcomes of a printed figure against the computed one.
SAMA = "sama"
PEMBULATAN = "pembulatan"  # equal under the other rounding rule (truncate vs half up)
BEDA = "beda"

_LAIN = {"half_up": "truncate", "truncate": "half_up", "half_even": "half_up"}
_CARA_TEKS = {"half_up": "dibulatkan (ROUND)", "truncate": "dipotong (TRUNC)", "half_even": "dibulatkan ke genap"}

_KET_BAKU = (KET_MELAMPAUI, KET_MENCAPAI, KET_BELUM, KET_NA)
_KOSONG = {"", "-", "--", "\u2013", "\u2014", "n/a", "na"}

_TOTAL = {  # besaran -> (spending row, field); "Total" = both rows (seed BAB III.D)
    "pagu_total": ("Total", "pagu"), "realisasi_anggaran_total": ("Total", "realisasi"),
    "serapan_total": ("Total", "serapan"),
    "pagu_btl": ("Belanja Tidak Langsung", "pagu"), "realisasi_btl": ("Belanja Tidak Langsung", "realisasi"),
    "serapan_btl": ("Belanja Tidak Langsung", "serapan"),
    "pagu_bl": ("Belanja Langsung", "pagu"), "realisasi_bl": ("Belanja Langsung", "realisasi"),
    "serapan_bl": ("Belanja Langsung", "serapan"),
}
_NAMA_BESARAN = {
    "target": "target", "realisasi": "realisasi", "capaian": "capaian", "realisasi_sd": "realisasi s/d",
    "target_renstra": "target Renstra", "capaian_renstra": "capaian terhadap target Renstra",
    "pagu": "pagu", "realisasi_anggaran": "realisasi anggaran", "serapan": "serapan anggaran",
    "pagu_total": "total pagu", "realisasi_anggaran_total": "total realisasi anggaran",
    "serapan_total": "serapan total", "pagu_btl": "pagu Belanja Tidak Langsung",
    "realisasi_btl": "realisasi Belanja Tidak Langsung", "serapan_btl": "serapan Belanja Tidak Langsung",
    "pagu_bl": "pagu Belanja Langsung", "realisasi_bl": "realisasi Belanja Langsung",
    "serapan_bl": "serapan Belanja Langsung",
}


# ==================================================================================================
# Printed figures: value, printed decimals, unit


@dataclass(frozen=True)
class Cetak:
    """A number as a report printed it.

    `angka` is the number in its printed unit (45.1 for "45,1 M", 98 for "98" in a table whose Satuan
    is M), `pangkat` the power of ten of that unit (9), `nilai` the full number (45100000000),
    `desimal` the decimals printed (1)."""

    teks: str
    angka: Decimal
    desimal: int
    pangkat: int = 0
    label: str = ""  # the magnitude word to show ("M"), "" for none
    persen: bool = False
    rupiah: bool = False

    @property
    def nilai(self) -> Decimal:
        return self.angka.scaleb(self.pangkat) if self.pangkat else self.angka


_TOKEN = re.compile(r"[0-9][0-9.,]*")
_KATA_SETELAH = re.compile(r"[0-9]\s*([^\W\d_]+)")


def pangkat_satuan(satuan: str) -> int:
    """The magnitude a Satuan names ("M", "Rp M", "miliar rupiah" -> 9); 0 when it names none."""
    for kata in re.findall(r"[^\W\d_]+", satuan or ""):
        p = pangkat_kata(kata)
        if p:
            return p
    return 0


def _pangkat_teks(teks: str) -> tuple[int, str]:
    """The magnitude written right after the number in a text ("45,1 M", "108M") and its word."""
    m = _KATA_SETELAH.search(teks or "")
    if m:
        p = pangkat_kata(m.group(1))
        if p:
            return p, m.group(1)
    return 0, ""


def _label_satuan(satuan: str) -> str:
    for kata in re.findall(r"[^\W\d_]+", satuan or ""):
        if pangkat_kata(kata):
            return kata
    return ""


def _desimal_teks(teks: str, angka: Decimal) -> int:
    """Decimals printed: "33,3" -> 1, "44,00" -> 2, "1.264.373" -> 0, "45,1 M" -> 1. The digits of
    the number token read as an integer, scaled down until they equal the parsed value (so the
    ambiguity rule of parse_angka decides which separator was the decimal one)."""
    m = _TOKEN.search(teks or "")
    if m is None:
        return max(0, -angka.as_tuple().exponent) if angka.is_finite() else 0
    token = m.group(0).rstrip(".,")
    digits = re.sub(r"\D", "", token)
    a = abs(angka)
    if not digits:
        return 0
    if a.is_zero():
        akhir = re.search(r"[.,](\d+)$", token)
        return len(akhir.group(1)) if akhir and len(akhir.group(1)) != 3 else 0
    n = Decimal(int(digits))
    for k in range(len(digits) + 1):
        if n.scaleb(-k) == a:
            return k
    return max(0, -angka.as_tuple().exponent)


def cetak(isian: Isian, satuan: str = "") -> Cetak | None:
    """A printed figure (a Dilaporkan Nilai) read with the unit rule; None when it is not a number."""
    v = isian.nilai
    if not isinstance(v, Decimal):
        return None
    teks = isian.teks or format(v, "f")
    p, kata = _pangkat_teks(teks)
    if p:
        angka = v.scaleb(-p)
    else:
        p, kata = pangkat_satuan(satuan), _label_satuan(satuan)
        angka = v
    rendah = teks.strip().lower()
    return Cetak(teks=teks, angka=angka, desimal=_desimal_teks(teks, angka), pangkat=p, label=kata,
                 persen="%" in teks or "persen" in rendah, rupiah=rendah.startswith(("rp", "idr")))


def penuh(isian: Isian, satuan: str = "") -> Decimal | None:
    """A typed data figure as a full number under the unit rule (a plain number is in its Satuan)."""
    v = isian.angka
    if v is None:
        return None
    if _pangkat_teks(isian.teks)[0]:
        return v
    p = pangkat_satuan(satuan)
    return v.scaleb(p) if p else v


def banding(c: Cetak, exact: Decimal, cara: str = "half_up") -> str:
    """SAMA when the printed figure is `exact` rounded (by `cara`) to the printed decimals, PEMBULATAN
    when it is under the other rule (truncated vs half up), else BEDA."""
    x = exact.scaleb(-c.pangkat) if c.pangkat else exact
    if bulatkan(x, c.desimal, cara) == c.angka:
        return SAMA
    if bulatkan(x, c.desimal, _LAIN.get(cara, "truncate")) == c.angka:
        return PEMBULATAN
    return BEDA


def _fmt(x: Decimal | None, desimal: int | None = None, *, pangkat: int = 0, label: str = "",
         persen: bool = False, rupiah: bool = False, cara: str = "half_up") -> str:
    """Indonesian style, in the printed unit: "71,43", "130,61%", "128 M", "Rp 4.926.982.500"."""
    if x is None:
        return ""
    if pangkat:
        x = x.scaleb(-pangkat)
    if desimal is not None:
        x = bulatkan(x, desimal, cara)
    teks = format_angka(x, desimal=desimal, gaya="rupiah" if rupiah else "angka")
    if label:
        teks += f" {label}"
    if persen:
        teks += "%"
    return teks


def _fmt_c(c: Cetak, x: Decimal | None, desimal: int | None = None, cara: str = "half_up") -> str:
    """`x` (a full number) written like the printed figure `c` (same unit, percent sign, Rp)."""
    return _fmt(x, c.desimal if desimal is None else desimal, pangkat=c.pangkat, label=c.label,
                persen=c.persen, rupiah=c.rupiah, cara=cara)


def _selisih(c: Cetak, x: Decimal, desimal: int, cara: str = "half_up") -> str:
    """printed - computed, signed, in the printed unit, at `desimal` decimals."""
    xs = bulatkan(x.scaleb(-c.pangkat) if c.pangkat else x, desimal, cara)
    d = c.angka - xs
    tanda = "+" if d > 0 else ("-" if d < 0 else "")
    teks = format_angka(abs(d), desimal=max(desimal, c.desimal), gaya="rupiah" if c.rupiah else "angka")
    return tanda + teks + (f" {c.label}" if c.label else "")


def _angka(x: Decimal | None, desimal: int | None = None) -> str:
    return "" if x is None else format_angka(x, desimal=desimal)


def _exact_capaian(target, realisasi, ind: Indikator, k, **ubah) -> Decimal | NA:
    """Capaian under the workbook's policies, to 10 decimals (DESIMAL_MAKS) so that it can be rounded
    again to whatever the report printed without a visible double rounding."""
    kw = {**k.kwargs_capaian(), "desimal": DESIMAL_MAKS, "pembulatan": "half_up", **ubah}
    return capaian(target, realisasi, ind.polaritas, k.metode_negatif, skala_nilai=ind.skala_nilai, **kw)


def _teks_nilai(x) -> str:
    if isinstance(x, Decimal):
        return format_angka(x)
    if isinstance(x, Rentang):
        return f"{format_angka(x.bawah)} - {format_angka(x.atas)}"
    if x is None or isinstance(x, NA):
        return "n/a"
    return str(x)


def _huruf_sama(a: str, b: str) -> bool:
    return "".join(str(a).split()).casefold() == "".join(str(b).split()).casefold()


def _rapat(s: str) -> str:
    return re.sub(r"[\s/]+", "", str(s)).casefold()


# ==================================================================================================
# The audit


@dataclass
class _Catat:
    """A finding being built (amendable until the end), with what it is about."""

    temuan: Temuan
    urut: int


class _Audit:
    def __init__(self, data: DataLakip, hasil: HasilLaporan):
        self.data = data
        self.hasil = hasil
        self.k = hasil.kebijakan
        self.tahun = hasil.tahun
        self.ind = data.indikator_per_kode()
        self.hi: dict[str, HasilIndikator] = {h.indikator.kode: h for h in hasil.indikator}
        self.sas = {s.kode: s for s in hasil.sasaran}
        self.catat: list[_Catat] = []
        self.per_sel: dict[tuple[str, str], _Catat] = {}
        self.tidak: list[str] = []
        self._anggaran_per: dict[tuple[str, int], list] | None = None
        self.dilaporkan = list(data.dilaporkan)
        self._indeks: dict[tuple[str, str, str], list[Dilaporkan]] = {}
        for d in self.dilaporkan:
            self._indeks.setdefault((kunci(d.tabel), d.kode, d.besaran), []).append(d)
        # the Satuan each table prints for an indicator (Dilaporkan "satuan" rows)
        self.satuan_tabel: dict[tuple[str, str], str] = {}
        for d in self.dilaporkan:
            if d.besaran == "satuan" and d.kode:
                self.satuan_tabel[(kunci(d.tabel), d.kode)] = d.nilai.teks

    # -- recording ----------------------------------------------------------------------------------
    def tambah(self, t: Temuan) -> None:
        c = _Catat(t, len(self.catat))
        self.catat.append(c)
        self.per_sel.setdefault((t.sheet, t.sel), c)

    def temuan_di(self, d: Dilaporkan | None) -> _Catat | None:
        if d is None:
            return None
        return self.per_sel.get((SHEET_DILAPORKAN, d.nilai.sel or _sel_baris(d)))

    def tambah_uraian(self, d: Dilaporkan, kalimat: str) -> None:
        c = self.temuan_di(d)
        if c is not None and kalimat not in c.temuan.uraian:
            c.temuan = replace(c.temuan, uraian=c.temuan.uraian.rstrip() + " " + kalimat)

    def temuan_dilaporkan(self, d: Dilaporkan, kategori: str, uraian: str, *, seharusnya: str = "",
                          selisih: str = "", tingkat: str = GALAT, saran: str = "") -> None:
        self.tambah(Temuan(
            kategori=kategori, sheet=SHEET_DILAPORKAN, sel=d.nilai.sel or _sel_baris(d),
            uraian=f"{_asal(d)}: {uraian}", dinyatakan=d.nilai.teks, seharusnya=seharusnya, selisih=selisih,
            tingkat=tingkat, saran=saran))

    def lewati(self, d: Dilaporkan, alasan: str) -> None:
        self.tidak.append(f"Sheet '{SHEET_DILAPORKAN}' sel {d.nilai.sel or _sel_baris(d)} ({d.besaran} "
                          f"'{d.nilai.teks}'): {alasan}; tidak diperiksa.")

    # -- lookups ------------------------------------------------------------------------------------
    def satuan(self, d: Dilaporkan) -> str:
        """The unit a printed plain number is in: the table's Satuan for the indicator, else the
        indicator's own."""
        s = self.satuan_tabel.get((kunci(d.tabel), d.kode))
        if s is not None:
            return s
        ind = self.ind.get(d.kode)
        return ind.satuan if ind else ""

    def cari(self, d: Dilaporkan, besaran: str, *, tahun: bool = True) -> Dilaporkan | None:
        """The row of `besaran` the same table prints for the same indicator (and year)."""
        for x in self._indeks.get((kunci(d.tabel), d.kode, besaran), ()):
            if not tahun or x.tahun == d.tahun:
                return x
        return None

    def nilai_tahun(self, d: Dilaporkan) -> NilaiTahun | None:
        h = self.hi.get(d.kode)
        if h is None or d.tahun is None:
            return None
        return h.per_tahun.get(d.tahun)

    def hitungan(self, kode: str, tahun: int) -> list[tuple[int, Decimal]]:
        """(year, count) of the Jumlah column up to `tahun`."""
        return [(r.tahun, r.jumlah.angka) for r in self.data.realisasi_indikator(kode)
                if r.tahun <= tahun and r.jumlah.angka is not None]

    def realisasi_exact(self, ind: Indikator, nt: NilaiTahun) -> Decimal | str | Rentang | None:
        """The realisasi of a year as a full number, unrounded: from the counts when the year's Jumlah
        is filled (kumulatif: their sum over the Penyebut x 100), else as typed."""
        if nt.dari_komponen:
            counts = [r.jumlah.angka for r in self.data.realisasi_indikator(ind.kode) if r.tahun <= nt.tahun]
            v = realisasi_sampai(counts, ind.tipe, ind.penyebut).nilai
            return None if isinstance(v, NA) else v
        if nt.baris is not None and isinstance(nt.baris.realisasi.nilai, Decimal):
            return penuh(nt.baris.realisasi, ind.satuan)
        return nt.realisasi if isinstance(nt.realisasi, (str, Rentang)) else None

    def rumus_realisasi(self, ind: Indikator, nt: NilaiTahun) -> str:
        """How a realisasi computed from counts follows: "(270 + 275) / 1.264.373 x 100 = 0,0431"."""
        if not nt.dari_komponen:
            return ""
        hs = self.hitungan(ind.kode, nt.tahun)
        if ind.tipe == "kumulatif":
            bagian = " + ".join(f"{format_angka(v)} ({t})" for t, v in hs)
            jumlah = sum((v for _, v in hs), Decimal(0))
            kiri = f"({bagian})" if len(hs) > 1 else bagian
        else:
            kiri, jumlah = (f"{format_angka(hs[-1][1])} ({hs[-1][0]})", hs[-1][1]) if hs else ("", Decimal(0))
        if ind.penyebut is None:
            return f"{kiri} = {format_angka(jumlah)}"
        with localcontext() as ctx:
            ctx.prec = 40
            x = jumlah * 100 / ind.penyebut
        return f"{kiri} / {format_angka(ind.penyebut)} x 100 = {_angka(x, 4)}"

    # ==============================================================================================
    # Dilaporkan rows

    def jalankan(self) -> None:
        if not self.dilaporkan:
            self.tidak.append(f"Sheet '{SHEET_DILAPORKAN}' kosong: tidak ada angka laporan yang dibandingkan; "
                              "hanya data kerja yang diperiksa.")
        masukan = {
            "target": self.cek_target, "realisasi": self.cek_realisasi, "realisasi_sd": self.cek_realisasi,
            "target_renstra": self.cek_target_renstra, "jumlah_tahun": self.cek_jumlah_tahun,
            "jumlah": self.cek_jumlah, "penyebut": self.cek_penyebut, "satuan": self.cek_satuan,
            "pagu": self.cek_anggaran, "realisasi_anggaran": self.cek_anggaran,
            "pagu_program": None, "jumlah_sasaran": self.cek_struktur, "jumlah_indikator": self.cek_struktur,
            "tahun_laporan": self.cek_tahun_laporan,
        }
        turunan = {
            "capaian": self.cek_capaian, "capaian_renstra": self.cek_capaian_renstra,
            "capaian_sasaran": self.cek_capaian_sasaran, "serapan": self.cek_serapan,
            "keterangan": self.cek_keterangan, "predikat": self.cek_predikat,
        }
        for d in self.dilaporkan:  # inputs first: derived figures look at the inputs' findings
            if d.besaran in _TOTAL and not d.besaran.startswith("serapan"):
                self.cek_total(d)
            elif masukan.get(d.besaran):
                masukan[d.besaran](d)
        self.cek_pagu_program()
        for d in self.dilaporkan:
            if d.besaran in turunan:
                turunan[d.besaran](d)
            elif d.besaran in _TOTAL and d.besaran.startswith("serapan"):
                self.cek_serapan(d)
        self.cek_jumlah_tabel()
        self.cek_notasi()
        # the data sheets themselves
        self.cek_kumulatif_menurun()
        self.cek_realisasi_data()
        self.cek_anggaran_data()
        self.cek_skala()

    # -- common shapes -------------------------------------------------------------------------------
    def _indikator(self, d: Dilaporkan) -> Indikator | None:
        ind = self.ind.get(d.kode)
        if ind is None:
            self.lewati(d, f"kode indikator '{d.kode}' tidak ada di sheet {SHEET_INDIKATOR}" if d.kode
                        else "kode indikator kosong")
        return ind

    def _bandingkan_nilai(self, d: Dilaporkan, ind: Indikator, data_nilai, kategori: str, apa: str,
                          rumus: str = "") -> str | None:
        """Printed figure vs a data figure (full number, grade or range). Returns the outcome (SAMA,
        PEMBULATAN, BEDA) or None when not comparable; records the finding."""
        nama = f"{apa} {ind.nama}" + (f" tahun {d.tahun}" if d.tahun else "")
        if isinstance(data_nilai, str) or isinstance(d.nilai.nilai, str):
            if not isinstance(data_nilai, str) or not isinstance(d.nilai.nilai, str):
                self.temuan_dilaporkan(
                    d, kategori, f"{nama} tertulis '{d.nilai.teks}', sedangkan data kerja berisi "
                    f"'{_teks_nilai(data_nilai)}'.", seharusnya=_teks_nilai(data_nilai),
                    saran="Samakan angka laporan dengan data kerja (atau perbaiki data kerja bila laporan yang benar).")
                return BEDA
            if _huruf_sama(data_nilai, d.nilai.nilai):
                return SAMA
            self.temuan_dilaporkan(
                d, kategori, f"{nama} tertulis '{d.nilai.teks}', sedangkan data kerja berisi '{data_nilai}'.",
                seharusnya=data_nilai, saran="Samakan nilai huruf laporan dengan data kerja.")
            return BEDA
        if isinstance(data_nilai, Rentang) or isinstance(d.nilai.nilai, Rentang):
            if data_nilai == d.nilai.nilai:
                return SAMA
            self.temuan_dilaporkan(d, kategori, f"{nama} tertulis '{d.nilai.teks}', sedangkan data kerja berisi "
                                   f"'{_teks_nilai(data_nilai)}'.", seharusnya=_teks_nilai(data_nilai))
            return BEDA
        c = cetak(d.nilai, self.satuan(d))
        if c is None or not isinstance(data_nilai, Decimal):
            self.lewati(d, "bukan angka" if c is None else f"data kerja berisi '{_teks_nilai(data_nilai)}'")
            return None
        hasil = banding(c, data_nilai, self.k.pembulatan)
        if hasil == SAMA:
            return SAMA
        unit = f" (dalam {c.label})" if c.label and not _pangkat_teks(c.teks)[0] else ""
        dasar = f" ({rumus})" if rumus else ""
        if hasil == PEMBULATAN:
            self.temuan_dilaporkan(
                d, "pembulatan",
                f"{nama} tertulis {c.teks}{unit}; data kerja memberi {_fmt_c(c, data_nilai, 4)}{dasar}, yang "
                f"{_CARA_TEKS[self.k.pembulatan]} ke {c.desimal} desimal menjadi "
                f"{_fmt_c(c, data_nilai, cara=self.k.pembulatan)}. Angka laporan "
                f"{_CARA_TEKS[_LAIN[self.k.pembulatan]]}.",
                seharusnya=_fmt_c(c, data_nilai, cara=self.k.pembulatan),
                selisih=_selisih(c, data_nilai, c.desimal, self.k.pembulatan), tingkat=PERINGATAN,
                saran=f"Gunakan satu cara pembulatan di seluruh laporan (Pengaturan: Pembulatan = "
                      f"{'Normal (ROUND)' if self.k.pembulatan == 'half_up' else 'Potong (TRUNC)'}).")
            return PEMBULATAN
        self.temuan_dilaporkan(
            d, kategori,
            f"{nama} tertulis {c.teks}{unit}, tetapi data kerja memberi {_fmt_c(c, data_nilai)}{dasar}.",
            seharusnya=_fmt_c(c, data_nilai), selisih=_selisih(c, data_nilai, c.desimal),
            saran="Perbaiki angka di laporan (atau data kerja, bila laporan yang benar).")
        return BEDA

    # -- target / realisasi ------------------------------------------------------------------------------
    def cek_target(self, d: Dilaporkan) -> None:
        ind = self._indikator(d)
        if ind is None:
            return
        nt = self.nilai_tahun(d)
        if nt is None or nt.baris is None or nt.baris.target.kosong:
            self.lewati(d, f"data kerja tidak memuat target {d.kode} tahun {d.tahun}")
            return
        v = nt.baris.target
        data_nilai = penuh(v, ind.satuan) if isinstance(v.nilai, Decimal) else v.nilai
        self._bandingkan_nilai(d, ind, data_nilai, "target", "Target")

    def cek_realisasi(self, d: Dilaporkan) -> None:
        ind = self._indikator(d)
        if ind is None:
            return
        nt = self.nilai_tahun(d)
        if nt is None:
            self.lewati(d, f"data kerja tidak memuat realisasi {d.kode} tahun {d.tahun}")
            return
        exact = self.realisasi_exact(ind, nt)
        if exact is None:
            self.lewati(d, f"realisasi {d.kode} tahun {d.tahun} tidak dapat dihitung dari data kerja")
            return
        apa = "Realisasi s/d" if d.besaran == "realisasi_sd" else "Realisasi"
        if nt.dari_komponen:
            r = self.rumus_realisasi(ind, nt)
            self._bandingkan_nilai(d, ind, exact, "realisasi_komponen", apa,
                                   rumus=f"dari kolom Jumlah sheet {SHEET_REALISASI}: {r}")
        else:
            self._bandingkan_nilai(d, ind, exact, "realisasi", apa)

    def cek_target_renstra(self, d: Dilaporkan) -> None:
        ind = self._indikator(d)
        if ind is None:
            return
        h = self.hi[ind.kode]
        t = h.target_renstra
        if isinstance(t, NA) or t is None:
            self.lewati(d, f"data kerja tidak memuat target Renstra {d.kode}")
            return
        if not h.target_renstra_dihitung and isinstance(ind.target_renstra.nilai, Decimal):
            t = penuh(ind.target_renstra, ind.satuan)
        rumus = "dihitung dari target tahunan" if h.target_renstra_dihitung else ""
        self._bandingkan_nilai(d, ind, t, "target_renstra", "Target Renstra", rumus=rumus)

    # -- counts ----------------------------------------------------------------------------------------
    def _rincian(self, kode: str) -> dict[tuple[str, str], dict[int, Dilaporkan]]:
        """The yearly breakdowns the report states for an indicator, by (table, source)."""
        out: dict[tuple[str, str], dict[int, Dilaporkan]] = {}
        for x in self.dilaporkan:
            if x.besaran == "jumlah_tahun" and x.kode == kode and x.tahun is not None \
                    and isinstance(x.nilai.nilai, Decimal):
                out.setdefault((x.tabel, x.sumber), {})[x.tahun] = x
        return out

    @staticmethod
    def _teks_rincian(rincian: dict[int, Dilaporkan]) -> tuple[str, Decimal]:
        tahun = sorted(rincian)
        total = sum((rincian[t].nilai.nilai for t in tahun), Decimal(0))
        return " + ".join(f"{format_angka(rincian[t].nilai.nilai)} ({t})" for t in tahun), total

    def cek_jumlah_tahun(self, d: Dilaporkan) -> None:
        ind = self._indikator(d)
        if ind is None:
            return
        if not isinstance(d.nilai.nilai, Decimal) or d.tahun is None:
            self.lewati(d, "bukan angka atau tahun kosong")
            return
        b = self.data.baris(d.kode, d.tahun)
        data_v = b.jumlah.angka if b is not None else None
        semua = self._rincian(d.kode)
        milik = (d.tabel, d.sumber)
        lain = {g: r for g, r in semua.items() if g != milik}
        ini_teks, ini_total = self._teks_rincian(semua.get(milik, {d.tahun: d}))
        if data_v is not None:
            if d.nilai.nilai == data_v:
                return
            kal = [f"Jumlah {ind.nama} tahun {d.tahun} tertulis {d.nilai.teks}, tetapi kolom Jumlah sheet "
                   f"{SHEET_REALISASI} (sel {b.jumlah.sel}) berisi {format_angka(data_v)}."]
            for (tabel, sumber), r in lain.items():
                if d.tahun in r and r[d.tahun].nilai.nilai != d.nilai.nilai:
                    lt, ltot = self._teks_rincian(r)
                    kal.append(f"Laporan memuat dua rincian per tahun yang berbeda: rincian ini {ini_teks} = "
                               f"{format_angka(ini_total)}; rincian lain ({_label_tabel(tabel, sumber)}, sel "
                               f"{r[d.tahun].nilai.sel}) {lt} = {format_angka(ltot)}"
                               + (f"; keduanya berjumlah {format_angka(ltot)} tetapi berbeda untuk tahun {d.tahun}."
                                  if ltot == ini_total else "."))
                    break
            self.temuan_dilaporkan(
                d, "rincian", " ".join(kal), seharusnya=format_angka(data_v),
                selisih=_beda_teks(d.nilai.nilai - data_v),
                saran="Gunakan satu rincian per tahun di seluruh laporan, sesuai data kerja.")
            return
        # no count in the data: the report's breakdowns against each other (reported on the later one)
        for (tabel, sumber), r in lain.items():
            x = r.get(d.tahun)
            if x is not None and x.nilai.nilai != d.nilai.nilai and x.lokasi.baris < d.lokasi.baris:
                lt, ltot = self._teks_rincian(r)
                self.temuan_dilaporkan(
                    d, "rincian",
                    f"Jumlah {ind.nama} tahun {d.tahun} tertulis {d.nilai.teks}, sedangkan rincian lain di "
                    f"laporan ({_label_tabel(tabel, sumber)}, sel {x.nilai.sel}) menulis {x.nilai.teks} "
                    f"({lt} = {format_angka(ltot)}; rincian ini {ini_teks} = {format_angka(ini_total)}). "
                    "Data kerja tidak memuat hitungan tahun ini, jadi yang benar tidak dapat ditentukan.",
                    saran=f"Isi kolom Jumlah sheet {SHEET_REALISASI} dan samakan kedua rincian.")
                return
        if not lain and data_v is None:
            self.lewati(d, f"data kerja tidak memuat hitungan (kolom Jumlah) {d.kode} tahun {d.tahun}")

    def cek_jumlah(self, d: Dilaporkan) -> None:
        """A count to date: against the yearly counts (data, and the breakdown printed beside it), or,
        without counts in the data, count / denominator against the data's realisasi."""
        ind = self._indikator(d)
        if ind is None:
            return
        if not isinstance(d.nilai.nilai, Decimal) or d.tahun is None:
            self.lewati(d, "bukan angka atau tahun kosong")
            return
        nt = self.nilai_tahun(d)
        if nt is None:
            self.lewati(d, f"data kerja tidak memuat baris {d.kode} tahun {d.tahun}, jadi jumlah ini tidak dapat "
                           "dibandingkan dengan realisasi")
            return
        stated = d.nilai.nilai
        hs = self.hitungan(d.kode, d.tahun)
        if nt.dari_komponen and hs:
            total = realisasi_sampai([v for _, v in hs], ind.tipe).nilai
            if isinstance(total, NA) or stated == total:
                return
            bagian = " + ".join(format_angka(v) for _, v in hs)
            kal = [f"Jumlah {ind.nama} s/d {d.tahun} tertulis {d.nilai.teks}, padahal hitungan per tahun di "
                   f"kolom Jumlah sheet {SHEET_REALISASI} ({', '.join(str(t) for t, _ in hs)}) adalah "
                   f"{bagian} = {format_angka(total)}."]
            sendiri = {t: x for t, x in self._rincian(d.kode).get((d.tabel, d.sumber), {}).items() if t <= d.tahun}
            if sendiri:
                st, stot = self._teks_rincian(sendiri)
                if stot != stated:
                    kal.append(f"Rincian per tahun yang ditulis di tempat yang sama ({st}) juga berjumlah "
                               f"{format_angka(stot)}.")
            if ind.penyebut:
                with localcontext() as ctx:
                    ctx.prec = 40
                    r_stated = stated * 100 / ind.penyebut
                rd = self.cari(d, "realisasi") or self.cari(d, "realisasi_sd")
                kal.append(f"Dengan {d.nilai.teks}, realisasi = {d.nilai.teks} / {format_angka(ind.penyebut)} x 100 = "
                           f"{_angka(r_stated, 4)}"
                           + (f", bukan {rd.nilai.teks} yang ditulis (sel {rd.nilai.sel})." if rd is not None
                              and isinstance(rd.nilai.nilai, Decimal)
                              and banding(cetak(rd.nilai), r_stated, self.k.pembulatan) == BEDA else "."))
            self.temuan_dilaporkan(d, "jumlah", " ".join(kal), seharusnya=format_angka(total),
                                   selisih=_beda_teks(stated - total),
                                   saran="Perbaiki jumlah kumulatif agar sama dengan jumlah hitungan per tahun.")
            return
        # no counts: count / denominator (printed beside it, or the indicator's) against the realisasi
        pd = self.cari(d, "penyebut")
        peny = pd.nilai.nilai if pd is not None and isinstance(pd.nilai.nilai, Decimal) else ind.penyebut
        real = nt.baris.realisasi if nt.baris is not None else None
        if peny is None or not peny or real is None or real.angka is None:
            self.lewati(d, f"data kerja tidak memuat hitungan per tahun atau penyebut {d.kode}")
            return
        with localcontext() as ctx:
            ctx.prec = 40
            x = stated * 100 / peny
        des = _desimal_teks(real.teks, real.angka)
        if bulatkan(x, des) == real.angka or bulatkan(x, des, "truncate") == real.angka:
            return
        self.temuan_dilaporkan(
            d, "realisasi_komponen",
            f"Jumlah {ind.nama} s/d {d.tahun} tertulis {d.nilai.teks}: {d.nilai.teks} / {format_angka(peny)} x 100 = "
            f"{_angka(x, 4)}, tidak sama dengan realisasi di data kerja {real.teks} (sheet {SHEET_REALISASI} "
            f"sel {real.sel}).", seharusnya="", saran="Periksa jumlah, penyebut, dan realisasi.")

    def cek_penyebut(self, d: Dilaporkan) -> None:
        ind = self._indikator(d)
        if ind is None or not isinstance(d.nilai.nilai, Decimal):
            return
        if ind.penyebut is None:
            if self.cari(d, "jumlah") is None:
                self.lewati(d, f"indikator {d.kode} tidak berpenyebut di sheet {SHEET_INDIKATOR}")
            return
        if d.nilai.nilai == ind.penyebut:
            return
        self.temuan_dilaporkan(
            d, "penyebut", f"Penyebut {ind.nama} tertulis {d.nilai.teks}, sedangkan kolom Penyebut sheet "
            f"{SHEET_INDIKATOR} (baris {ind.lokasi.baris}) berisi {format_angka(ind.penyebut)}.",
            seharusnya=format_angka(ind.penyebut), selisih=_beda_teks(d.nilai.nilai - ind.penyebut),
            saran="Samakan penyebut di laporan dengan data kerja.")

    def cek_satuan(self, d: Dilaporkan) -> None:
        ind = self._indikator(d)
        if ind is None:
            return
        a, b = d.nilai.teks.strip(), (ind.satuan or "").strip()
        if not a or not b:
            return
        norm = {"persen": "%", "prosen": "%", "miliar": "m", "milyar": "m", "juta": "jt", "ribu": "rb"}
        if norm.get(a.lower(), a.lower()) == norm.get(b.lower(), b.lower()):
            return
        self.temuan_dilaporkan(
            d, "satuan", f"Satuan {ind.nama} tertulis '{a}', sedangkan sheet {SHEET_INDIKATOR} menulis '{b}'.",
            seharusnya=b, tingkat=PERINGATAN,
            saran="Samakan satuan; angka tanpa satuan besaran dibaca dalam satuan yang tertulis di tabel.")

    # -- structure ---------------------------------------------------------------------------------------
    def cek_struktur(self, d: Dilaporkan) -> None:
        if not isinstance(d.nilai.nilai, Decimal):
            self.lewati(d, "bukan angka")
            return
        sasaran = self.data.sasaran()
        if d.besaran == "jumlah_sasaran":
            benar, apa = len(sasaran), "sasaran strategis"
            dasar = f"sheet {SHEET_INDIKATOR} memuat {benar} sasaran ({', '.join(s.kode for s in sasaran)})"
        elif not d.kode:
            benar, apa = len(self.data.indikator), "indikator kinerja"
            dasar = f"sheet {SHEET_INDIKATOR} memuat {benar} indikator"
        else:
            s = next((x for x in sasaran if x.kode == d.kode), None)
            if s is None:
                self.lewati(d, f"kode sasaran '{d.kode}' tidak ada di sheet {SHEET_INDIKATOR}")
                return
            benar, apa = len(s.indikator), f"indikator sasaran {s.kode} ({s.nama})"
            dasar = f"sheet {SHEET_INDIKATOR} memuat {benar} indikator untuk {s.kode} ({', '.join(s.indikator)})"
        if d.nilai.nilai == benar:
            return
        catatan = ""
        if d.tahun is not None and d.tahun != self.tahun:
            catatan = f" Kalimat ini menyebut tahun {d.tahun}, bukan tahun laporan {self.tahun}."
        self.temuan_dilaporkan(
            d, "struktur", f"Jumlah {apa} tertulis {d.nilai.teks}, sedangkan {dasar}.{catatan}",
            seharusnya=str(benar), selisih=_beda_teks(d.nilai.nilai - benar),
            saran="Samakan jumlah sasaran dan indikator di seluruh laporan dengan Perjanjian Kinerja tahun laporan.")

    def cek_tahun_laporan(self, d: Dilaporkan) -> None:
        v = d.nilai.nilai
        if not isinstance(v, Decimal):
            self.lewati(d, "bukan tahun")
            return
        if v == self.tahun:
            return
        self.temuan_dilaporkan(
            d, "tahun_laporan", f"Judul atau kalimat menyebut tahun {d.nilai.teks}, padahal laporan ini untuk "
            f"tahun {self.tahun} (sheet {SHEET_PENGATURAN}, Tahun Laporan).", seharusnya=str(self.tahun),
            tingkat=PERINGATAN, saran=f"Ganti tahun {d.nilai.teks} menjadi {self.tahun} (sisa laporan tahun lalu?).")

    # -- capaian ------------------------------------------------------------------------------------------
    def _masukan_cetak(self, d: Dilaporkan, ind: Indikator, b_target: str, b_real: str, tahun: bool = True):
        """The target and realisasi the same table prints beside a derived figure, as values for
        `capaian` (full numbers or grades); None when either is missing."""
        td, rd = self.cari(d, b_target, tahun=tahun), self.cari(d, b_real, tahun=tahun)
        if td is None or rd is None:
            return None
        vals = []
        for x in (td, rd):
            if isinstance(x.nilai.nilai, Decimal):
                c = cetak(x.nilai, self.satuan(x))
                vals.append(c.nilai if c else None)
            else:
                vals.append(x.nilai.nilai)
        if any(v is None for v in vals):
            return None
        return td, rd, vals[0], vals[1]

    def _lipat(self, d: Dilaporkan, c: Cetak, ind: Indikator, b_target: str, b_real: str,
               data_teks: str, tahun: bool = True) -> bool:
        """True when the printed capaian follows from the target and realisasi printed beside it and one
        of those is already flagged: the finding is there (it gets a sentence naming this cell)."""
        m = self._masukan_cetak(d, ind, b_target, b_real, tahun)
        if m is None:
            return False
        td, rd, t, r = m
        salah = [x for x in (td, rd) if self.temuan_di(x) is not None]
        if not salah:
            return False
        try:
            x = _exact_capaian(t, r, ind, self.k)
        except Exception:  # noqa: BLE001 - a printed text the rule cannot read: not foldable
            return False
        if isinstance(x, NA) or banding(c, x, self.k.pembulatan) == BEDA:
            return False
        for s in salah:
            self.tambah_uraian(s, f"Capaian {d.nilai.teks} di tabel yang sama (sel {d.nilai.sel}) dihitung dari "
                                  f"angka ini; dengan angka data kerja capaiannya {data_teks}.")
        return True

    def _cek_capaian_nilai(self, d: Dilaporkan, ind: Indikator, target, realisasi, exact: Decimal | NA,
                           kategori: str, apa: str, b_target: str, b_real: str, tahun_masukan: bool,
                           catatan: str = "", realisasi_mentah=None) -> None:
        c = cetak(d.nilai)
        if c is None:
            self.lewati(d, "bukan angka")
            return
        if isinstance(exact, NA):
            self.lewati(d, f"capaian {d.kode} tidak dapat dihitung dari data kerja ({exact.alasan})")
            return
        k = self.k
        hasil = banding(c, exact, k.pembulatan)
        if hasil == SAMA:
            return
        des = max(c.desimal, k.desimal)
        nama = f"{apa} {ind.nama}" + (f" tahun {d.tahun}" if d.tahun and kategori == "capaian" else "")
        rumus = _rumus(ind, k, target, realisasi)
        huruf = ind.polaritas == "huruf" or isinstance(target, str)
        if huruf:
            self._info_huruf(d, c, ind, target, realisasi, exact, kategori, nama, b_target, b_real, tahun_masukan)
            return
        if hasil == PEMBULATAN:
            self.temuan_dilaporkan(
                d, "pembulatan",
                f"{nama} tertulis {c.teks}: {rumus} = {_angka(exact, 4)}, {_CARA_TEKS[k.pembulatan]} ke "
                f"{c.desimal} desimal menjadi {_fmt(exact, c.desimal, cara=k.pembulatan)}; angka laporan "
                f"{_CARA_TEKS[_LAIN[k.pembulatan]]} ({_fmt(exact, c.desimal, cara=_LAIN[k.pembulatan])}).",
                seharusnya=_fmt(exact, c.desimal, persen=c.persen, cara=k.pembulatan),
                selisih=_selisih(c, exact, c.desimal, k.pembulatan), tingkat=PERINGATAN,
                saran=f"Gunakan satu cara pembulatan di seluruh laporan (Pengaturan: Pembulatan = "
                      f"{'Normal (ROUND)' if k.pembulatan == 'half_up' else 'Potong (TRUNC)'}).")
            return
        data_teks = _fmt(exact, des, persen=c.persen)
        if self._lipat(d, c, ind, b_target, b_real, data_teks, tahun_masukan):
            return
        kal = [f"{nama} tertulis {c.teks}, tetapi {rumus} = {data_teks}."]
        if catatan:
            kal.append(catatan)
        if realisasi_mentah is not None:
            # the realisasi from counts, unrounded: another rule some reports use
            try:
                mentah = _exact_capaian(target, realisasi_mentah, ind, k)
            except Exception:  # noqa: BLE001
                mentah = NA()
            if isinstance(mentah, Decimal) and banding(c, mentah, k.pembulatan) != BEDA:
                self.temuan_dilaporkan(
                    d, "pembulatan",
                    " ".join(kal) + f" Angka laporan mengikuti realisasi yang tidak dibulatkan "
                    f"({_angka(realisasi_mentah, 4)}): {_fmt(mentah, des)}. Pengaturan Desimal Realisasi = "
                    f"{k.desimal_realisasi} membulatkan realisasi lebih dulu.",
                    seharusnya=data_teks, selisih=_selisih(c, exact, des), tingkat=PERINGATAN,
                    saran="Tetapkan apakah capaian dihitung dari realisasi yang dibulatkan, lalu terapkan sama di "
                          "seluruh laporan.")
                return
            if isinstance(mentah, Decimal):
                kal.append(f"Dengan realisasi yang tidak dibulatkan ({_angka(realisasi_mentah, 4)}) capaiannya "
                           f"{_fmt(mentah, des)}; tidak ada aturan yang memberi {c.teks}.")
        m = self._masukan_cetak(d, ind, b_target, b_real, tahun_masukan)
        if m is not None:
            td, rd, t, r = m
            try:
                dari_cetak = _exact_capaian(t, r, ind, k)
            except Exception:  # noqa: BLE001
                dari_cetak = NA()
            if isinstance(dari_cetak, Decimal) and banding(c, dari_cetak, k.pembulatan) == BEDA \
                    and self.temuan_di(td) is None and self.temuan_di(rd) is None:
                kal.append(f"Target {td.nilai.teks} dan realisasi {rd.nilai.teks} yang tertulis di tabel yang sama "
                           f"juga memberi {_fmt(dari_cetak, des)}.")
        self.temuan_dilaporkan(
            d, kategori, " ".join(kal), seharusnya=data_teks, selisih=_selisih(c, exact, des),
            saran="Hitung ulang capaian dari target dan realisasi (lakip_xl menuliskannya di sheet ringkasan).")

    def _info_huruf(self, d, c: Cetak, ind: Indikator, target, realisasi, exact, kategori, nama,
                    b_target, b_real, tahun_masukan) -> None:
        """Capaian of a letter grade: the rule is the agency's choice. Report what each rule gives."""
        k = self.k
        skala = skala_nilai_dari(ind.skala_nilai or "akip")
        daftar = ", ".join(f"{h}={format_angka(s)}" for h, s in skala.nilai)
        try:
            ordinal = _exact_capaian(target, realisasi, ind, k, batas_atas=None, batas_bawah=None)
            batas100 = _exact_capaian(target, realisasi, ind, k, batas_atas=Decimal(100), batas_bawah=None)
        except Exception:  # noqa: BLE001 - a grade outside the scale: the text says so
            self.lewati(d, f"nilai huruf {target} / {realisasi} tidak ada pada skala {skala.nama}")
            return
        des = max(c.desimal, k.desimal)
        if isinstance(ordinal, NA) or isinstance(batas100, NA):
            return
        aturan = [f"skor ordinal ({daftar}): {realisasi} / {target} x 100 = {_fmt(ordinal, des)}",
                  f"skor ordinal dengan batas atas 100 (target terlampaui dihitung 100%): {_fmt(batas100, des)}"]
        cocok = []
        if banding(c, ordinal, k.pembulatan) != BEDA:
            cocok.append("skor ordinal")
        if banding(c, batas100, k.pembulatan) != BEDA:
            cocok.append("batas atas 100")
        if cocok:
            kesimpulan = f"Angka laporan sama dengan aturan {' dan '.join(cocok)}."
        else:
            kesimpulan = "Angka laporan tidak sama dengan kedua aturan itu (memakai skor lain)."
        self.temuan_dilaporkan(
            d, "capaian_huruf",
            f"{nama} tertulis {c.teks} untuk target {target} dan realisasi {realisasi} (nilai huruf). Capaian nilai "
            f"huruf adalah pilihan kebijakan: {'; '.join(aturan)}. {kesimpulan} Aturan buku kerja ini memberi "
            f"{_fmt(exact, des)}.",
            seharusnya=_fmt(exact, des, persen=c.persen), selisih=_selisih(c, exact, des), tingkat=INFO,
            saran="Tetapkan satu aturan capaian nilai huruf untuk seluruh laporan (misalnya Batas Atas Capaian = 100 "
                  f"di sheet {SHEET_PENGATURAN}) dan tuliskan aturannya di BAB III.")

    def cek_capaian(self, d: Dilaporkan) -> None:
        if d.kode in self.sas and d.kode not in self.ind:
            self.cek_capaian_sasaran(d)
            return
        ind = self._indikator(d)
        if ind is None:
            return
        nt = self.nilai_tahun(d)
        if nt is None:
            self.lewati(d, f"data kerja tidak memuat baris {d.kode} tahun {d.tahun}")
            return
        try:
            exact = _exact_capaian(nt.target, nt.realisasi, ind, self.k)
        except Exception as e:  # noqa: BLE001 - reported, never a traceback
            self.lewati(d, f"capaian tidak dapat dihitung ({e})")
            return
        catatan = ""
        mentah = None
        if nt.dari_komponen:
            mentah = self.realisasi_exact(ind, nt)
            catatan = (f"Realisasi {_fmt(nt.realisasi, self.k.desimal_realisasi)} berasal dari "
                       f"{self.rumus_realisasi(ind, nt)}, dibulatkan {self.k.desimal_realisasi} desimal "
                       "(Pengaturan: Desimal Realisasi).")
            if mentah == nt.realisasi:
                mentah = None
        self._cek_capaian_nilai(d, ind, nt.target, nt.realisasi, exact, "capaian", "Capaian", "target",
                                "realisasi", True, catatan, mentah)

    def cek_capaian_renstra(self, d: Dilaporkan) -> None:
        ind = self._indikator(d)
        if ind is None:
            return
        h = self.hi[ind.kode]
        lap = h.laporan
        r = lap.realisasi if lap else None
        try:
            exact = _exact_capaian(h.target_renstra, r, ind, self.k)
        except Exception as e:  # noqa: BLE001
            self.lewati(d, f"capaian Renstra tidak dapat dihitung ({e})")
            return
        self._cek_capaian_nilai(d, ind, h.target_renstra, r, exact, "capaian_renstra", "Capaian Renstra",
                                "target_renstra", "realisasi_sd", False)

    def cek_capaian_sasaran(self, d: Dilaporkan) -> None:
        s = self.sas.get(d.kode)
        c = cetak(d.nilai)
        if s is None:
            self.lewati(d, f"kode sasaran '{d.kode}' tidak ada di sheet {SHEET_INDIKATOR}")
            return
        if c is None:
            self.lewati(d, "bukan angka")
            return
        k = self.k
        if d.tahun not in (None, self.tahun):
            caps = [h.per_tahun[d.tahun].capaian if d.tahun in h.per_tahun else None for h in s.indikator]
        else:
            caps = [h.capaian for h in s.indikator]
        bobot = [h.indikator.bobot for h in s.indikator]
        exact = capaian_sasaran(caps, bobot if any(b is not None for b in bobot) else None, desimal=DESIMAL_MAKS)
        if isinstance(exact, NA):
            self.lewati(d, f"capaian sasaran {d.kode} tidak dapat dihitung ({exact.alasan})")
            return
        hasil = banding(c, exact, k.pembulatan)
        if hasil == SAMA:
            return
        des = max(c.desimal, k.desimal)
        bagian = " + ".join(_teks_nilai(x) for x in caps)
        nama = f"Capaian sasaran {s.kode} ({s.nama})"
        if hasil == PEMBULATAN:
            self.temuan_dilaporkan(
                d, "pembulatan", f"{nama} tertulis {c.teks}: rata-rata capaian indikator ({bagian}) = "
                f"{_angka(exact, 4)}; angka laporan {_CARA_TEKS[_LAIN[k.pembulatan]]}.",
                seharusnya=_fmt(exact, c.desimal, persen=c.persen, cara=k.pembulatan),
                selisih=_selisih(c, exact, c.desimal, k.pembulatan), tingkat=PERINGATAN,
                saran="Gunakan satu cara pembulatan di seluruh laporan.")
            return
        kal = [f"{nama} tertulis {c.teks}, tetapi rata-rata capaian indikatornya ({bagian}) = "
               f"{_fmt(exact, des)}."]
        tertulis = []
        for h in s.indikator:
            x = next((y for y in self.dilaporkan if y.besaran == "capaian" and y.kode == h.indikator.kode
                      and y.tahun == (d.tahun or self.tahun) and isinstance(y.nilai.nilai, Decimal)), None)
            tertulis.append(x)
        if all(x is not None for x in tertulis):
            rata = capaian_sasaran([x.nilai.nilai for x in tertulis], desimal=DESIMAL_MAKS)
            if isinstance(rata, Decimal) and banding(c, rata, k.pembulatan) != BEDA:
                kal.append("Angka ini rata-rata capaian indikator yang tertulis di laporan ("
                           + " + ".join(x.nilai.teks for x in tertulis) + "), yang salah satunya keliru.")
        self.temuan_dilaporkan(d, "capaian_sasaran", " ".join(kal), seharusnya=_fmt(exact, des, persen=c.persen),
                               selisih=_selisih(c, exact, des),
                               saran="Hitung ulang rata-rata dari capaian indikator yang benar.")

    # -- Ket and predikat --------------------------------------------------------------------------------
    def _capaian_data(self, d: Dilaporkan) -> tuple[Decimal | NA | None, str]:
        """The data capaian behind a Ket/predikat row, and the scale to rate it on."""
        if d.kode in self.sas and d.kode not in self.ind:
            s = self.sas[d.kode]
            return s.capaian, self.k.skala_sasaran
        nt = self.nilai_tahun(d)
        return (nt.capaian if nt else None), self.k.skala_predikat

    def _lipat_turunan(self, d: Dilaporkan, hitung_dari, stated_sama) -> bool:
        """A Ket/predikat that follows from the capaian printed beside it, which has a finding."""
        cd = self.cari(d, "capaian") or self.cari(d, "capaian_sasaran")
        if cd is None or self.temuan_di(cd) is None or not isinstance(cd.nilai.nilai, Decimal):
            return False
        if stated_sama(hitung_dari(cd.nilai.nilai)):
            self.tambah_uraian(cd, f"{d.besaran.capitalize()} '{d.nilai.teks}' di tabel yang sama (sel {d.nilai.sel}) "
                                   "mengikuti angka ini.")
            return True
        return False

    def cek_keterangan(self, d: Dilaporkan) -> None:
        teks = d.nilai.teks.strip()
        if teks.lower() in _KOSONG:
            return
        baku = next((x for x in _KET_BAKU if _rapat(x) == _rapat(teks)), None)
        if baku is None:
            self.lewati(d, "bukan salah satu kalimat Ket baku ('" + "', '".join(_KET_BAKU[:3]) + "')")
            return
        cap, _ = self._capaian_data(d)
        if cap is None:
            self.lewati(d, f"data kerja tidak memuat capaian {d.kode} tahun {d.tahun}")
            return
        benar = keterangan(cap)
        if benar == baku:
            return
        if self._lipat_turunan(d, keterangan, lambda x: x == baku):
            return
        ind = self.ind.get(d.kode)
        self.temuan_dilaporkan(
            d, "keterangan", f"Ket {ind.nama if ind else d.kode} tahun {d.tahun} tertulis '{teks}', tetapi capaian "
            f"{_teks_nilai(cap)} memberi '{benar}' (> 100: melampaui; = 100: mencapai; < 100: perlu upaya).",
            seharusnya=benar, saran="Samakan Ket dengan capaian.")

    def cek_predikat(self, d: Dilaporkan) -> None:
        teks = d.nilai.teks.strip()
        if teks.lower() in _KOSONG:
            return
        cap, nama_skala = self._capaian_data(d)
        if cap is None:
            self.lewati(d, f"data kerja tidak memuat capaian {d.kode} tahun {d.tahun}")
            return
        skala = skala_dari(nama_skala)
        if not any(_rapat(t.label) == _rapat(teks) for t in skala.tingkat):
            self.lewati(d, f"'{teks}' bukan predikat skala {skala.nama} ("
                           + ", ".join(t.label for t in skala.tingkat) + ")")
            return
        benar = predikat(cap, skala).label
        if _rapat(benar) == _rapat(teks):
            return
        if self._lipat_turunan(d, lambda x: predikat(x, skala).label, lambda x: _rapat(x) == _rapat(teks)):
            return
        self.temuan_dilaporkan(
            d, "predikat", f"Predikat {d.kode} tertulis '{teks}', tetapi capaian {_teks_nilai(cap)} pada skala "
            f"'{skala.judul}' memberi '{benar}'.", seharusnya=benar,
            saran="Samakan predikat dengan capaian dan skala yang dipakai (sheet Skala).")

    # -- budget -------------------------------------------------------------------------------------------
    def _anggaran(self, kode: str, tahun: int) -> tuple[Decimal | None, Decimal | None, list]:
        if self._anggaran_per is None:  # one pass over the Anggaran sheet, not one per indicator
            self._anggaran_per = {}
            for a in self.data.anggaran:
                self._anggaran_per.setdefault((a.kode, a.tahun), []).append(a)
        rows = self._anggaran_per.get((kode, tahun), [])
        if not rows:
            return None, None, []
        pagu = sum((a.pagu.angka or Decimal(0) for a in rows), Decimal(0))
        real = sum((a.realisasi.angka or Decimal(0) for a in rows), Decimal(0))
        return pagu, real, rows

    def cek_anggaran(self, d: Dilaporkan) -> None:
        ind = self._indikator(d)
        if ind is None:
            return
        c = cetak(d.nilai)
        if c is None or d.tahun is None:
            self.lewati(d, "bukan angka atau tahun kosong")
            return
        pagu, real, rows = self._anggaran(d.kode, d.tahun)
        if not rows:
            self.lewati(d, f"sheet {SHEET_ANGGARAN} tidak memuat {d.kode} tahun {d.tahun}")
            return
        v = pagu if d.besaran == "pagu" else real
        if banding(c, v) == SAMA:
            return
        kolom = "Pagu" if d.besaran == "pagu" else "Realisasi"
        sel = ", ".join((a.pagu if d.besaran == "pagu" else a.realisasi).sel for a in rows)
        self.temuan_dilaporkan(
            d, "anggaran", f"{_NAMA_BESARAN[d.besaran].capitalize()} {ind.nama} tahun {d.tahun} tertulis {c.teks}, "
            f"sedangkan kolom {kolom} sheet {SHEET_ANGGARAN} (sel {sel}) berisi {_fmt(v, 0, rupiah=True)}.",
            seharusnya=_fmt_c(c, v, 0), selisih=_selisih(c, v, 0),
            saran="Samakan angka anggaran laporan dengan data kerja.")

    def _program(self, kode: str, tahun: int) -> list:
        prog = [p for p in self.data.program if p.tahun == tahun]
        if not kode:
            return prog
        if kode in self.ind:
            return [p for p in prog if p.kode_indikator == kode]
        if kode in self.sas:
            tanpa = [p for p in prog if p.kode_sasaran == kode and not p.kode_indikator]
            return tanpa or [p for p in prog if p.kode_sasaran == kode]
        return [p for p in prog if p.no.strip() == kode.strip()]

    def cek_pagu_program(self) -> None:
        """Printed program pagu against the Program sheet: each printed figure must be the pagu of one
        program of its code (indicator, sasaran or program No), each program used once."""
        grup: dict[tuple[str, int], list[Dilaporkan]] = {}
        for d in self.dilaporkan:
            if d.besaran == "pagu_program":
                if d.tahun is None:
                    self.lewati(d, "tahun kosong")
                    continue
                grup.setdefault((d.kode, d.tahun), []).append(d)
        for (kode, tahun), rows in grup.items():
            calon = self._program(kode, tahun)
            if not calon:
                for d in rows:
                    self.lewati(d, f"sheet {SHEET_PROGRAM} tidak memuat program untuk kode '{kode}' tahun {tahun}")
                continue
            sisa = list(calon)
            tak = []
            for d in rows:
                v = d.nilai.nilai if isinstance(d.nilai.nilai, Decimal) else Decimal(0)  # "Rp -": nil
                hit = next((p for p in sisa if (p.pagu.angka or Decimal(0)) == v), None)
                if hit is None:
                    tak.append(d)
                else:
                    sisa.remove(hit)
            for d in tak:
                saran_nilai = _fmt(sisa[0].pagu.angka, 0, rupiah=True) if len(sisa) == 1 else ""
                daftar = "; ".join(f"{p.nama} {_fmt(p.pagu.angka, 0, rupiah=True)} (sel {p.pagu.sel})" for p in calon)
                self.temuan_dilaporkan(
                    d, "anggaran", f"Pagu program tertulis {d.nilai.teks} tidak sama dengan pagu program mana pun "
                    f"untuk kode '{kode}' tahun {tahun} di sheet {SHEET_PROGRAM}: {daftar}.",
                    seharusnya=saran_nilai, saran="Samakan pagu program laporan dengan sheet Program.")

    def _belanja(self, jenis: str, medan: str, tahun: int) -> tuple[Decimal | None, str]:
        """A spending figure of the data (Belanja rows; BL falls back to the Program/Anggaran sums)."""
        rows = [b for b in self.data.belanja if b.tahun == tahun]
        if jenis == "Total":
            pilih = rows
        else:
            pilih = [b for b in rows if kunci(b.jenis) == kunci(jenis)]
        if pilih:
            vals = [(b.pagu if medan == "pagu" else b.realisasi) for b in pilih]
            if all(v.angka is None for v in vals):
                return None, ""
            return (sum((v.angka or Decimal(0) for v in vals), Decimal(0)),
                    f"sheet {SHEET_BELANJA} sel " + " + ".join(v.sel for v in vals))
        if jenis == "Belanja Langsung":
            if medan == "pagu":
                prog = [p for p in self.data.program if p.tahun == tahun]
                if prog:
                    return sum((p.pagu.angka or Decimal(0) for p in prog), Decimal(0)), f"jumlah sheet {SHEET_PROGRAM}"
            ang = [a for a in self.data.anggaran if a.tahun == tahun]
            if ang:
                return (sum(((a.pagu if medan == "pagu" else a.realisasi).angka or Decimal(0) for a in ang),
                            Decimal(0)), f"jumlah sheet {SHEET_ANGGARAN}")
        return None, ""

    def cek_total(self, d: Dilaporkan) -> None:
        jenis, medan = _TOTAL[d.besaran]
        c = cetak(d.nilai)
        if c is None or d.tahun is None:
            self.lewati(d, "bukan angka atau tahun kosong")
            return
        v, asal = self._belanja(jenis, medan, d.tahun)
        if v is None:
            self.lewati(d, f"data kerja tidak memuat {_NAMA_BESARAN[d.besaran]} tahun {d.tahun}")
            return
        if banding(c, v) == SAMA:
            return
        self.temuan_dilaporkan(
            d, "anggaran", f"{_NAMA_BESARAN[d.besaran].capitalize()} tahun {d.tahun} tertulis {c.teks}, sedangkan "
            f"data kerja ({asal}) memberi {_fmt(v, 0, rupiah=True)}.", seharusnya=_fmt_c(c, v, 0),
            selisih=_selisih(c, v, 0), saran="Samakan angka anggaran laporan dengan data kerja.")

    def cek_serapan(self, d: Dilaporkan) -> None:
        c = cetak(d.nilai)
        if c is None or d.tahun is None:
            self.lewati(d, "bukan angka atau tahun kosong")
            return
        if d.besaran == "serapan":
            ind = self._indikator(d)
            if ind is None:
                return
            pagu, real, rows = self._anggaran(d.kode, d.tahun)
            apa, b_p, b_r = f"Serapan anggaran {ind.nama} tahun {d.tahun}", "pagu", "realisasi_anggaran"
        else:
            jenis = _TOTAL[d.besaran][0]
            pagu, _ = self._belanja(jenis, "pagu", d.tahun)
            real, _ = self._belanja(jenis, "realisasi", d.tahun)
            apa = f"{_NAMA_BESARAN[d.besaran].capitalize()} tahun {d.tahun}"
            akhir = d.besaran.split("_", 1)[1]
            b_p, b_r = f"pagu_{akhir}", ("realisasi_anggaran_total" if akhir == "total" else f"realisasi_{akhir}")
        if pagu is None or real is None or not pagu:
            self.lewati(d, "data kerja tidak memuat pagu dan realisasi anggarannya")
            return
        with localcontext() as ctx:
            ctx.prec = 40
            exact = real * 100 / pagu
        hasil = banding(c, exact, self.k.pembulatan)
        if hasil == SAMA:
            return
        des = max(c.desimal, self.k.desimal)
        if hasil == PEMBULATAN:
            self.temuan_dilaporkan(
                d, "pembulatan",
                f"{apa} tertulis {c.teks}: {_fmt(real, 0, rupiah=True)} / {_fmt(pagu, 0, rupiah=True)} "
                f"x 100 = {_angka(exact, 4)}; angka laporan {_CARA_TEKS[_LAIN[self.k.pembulatan]]}.",
                seharusnya=_fmt(exact, c.desimal, persen=c.persen, cara=self.k.pembulatan),
                selisih=_selisih(c, exact, c.desimal, self.k.pembulatan), tingkat=PERINGATAN,
                saran="Gunakan satu cara pembulatan di seluruh laporan.")
            return
        # folded when it follows from the pagu and realisasi printed beside it, one of them flagged
        pd_, rd_ = self.cari(d, b_p), self.cari(d, b_r)
        if pd_ is not None and rd_ is not None and isinstance(pd_.nilai.nilai, Decimal) \
                and isinstance(rd_.nilai.nilai, Decimal) and pd_.nilai.nilai:
            salah = [x for x in (pd_, rd_) if self.temuan_di(x) is not None]
            with localcontext() as ctx:
                ctx.prec = 40
                dari = rd_.nilai.nilai * 100 / pd_.nilai.nilai
            if salah and banding(c, dari, self.k.pembulatan) != BEDA:
                for s in salah:
                    self.tambah_uraian(s, f"Serapan {d.nilai.teks} (sel {d.nilai.sel}) dihitung dari angka ini.")
                return
        self.temuan_dilaporkan(
            d, "serapan", f"{apa} tertulis {c.teks}, tetapi realisasi / pagu x 100 = {_fmt(real, 0, rupiah=True)} / "
            f"{_fmt(pagu, 0, rupiah=True)} x 100 = {_fmt(exact, des)}.",
            seharusnya=_fmt(exact, des, persen=c.persen), selisih=_selisih(c, exact, des),
            saran="Hitung ulang serapan dari realisasi dan pagu.")

    def cek_jumlah_tabel(self) -> None:
        """Budget rows of one table against the total the same table states (only when each figure on
        its own agrees with the data: otherwise that figure's finding says it already)."""
        grup: dict[tuple[str, int], dict[str, list[Dilaporkan]]] = {}
        for d in self.dilaporkan:
            if d.tahun is not None and isinstance(d.nilai.nilai, Decimal):
                grup.setdefault((kunci(d.tabel), d.tahun), {}).setdefault(d.besaran, []).append(d)
        for (_, tahun), b in grup.items():
            pasangan = [
                (b.get("pagu_program") or b.get("pagu") or [], (b.get("pagu_bl") or [None])[0], "pagu"),
                (b.get("realisasi_anggaran") or [], (b.get("realisasi_bl") or [None])[0], "realisasi anggaran"),
                ((b.get("pagu_btl") or []) + (b.get("pagu_bl") or []), (b.get("pagu_total") or [None])[0], "pagu"),
                ((b.get("realisasi_btl") or []) + (b.get("realisasi_bl") or []),
                 (b.get("realisasi_anggaran_total") or [None])[0], "realisasi anggaran"),
            ]
            for baris, total, apa in pasangan:
                if total is None or len(baris) < 2:
                    continue
                if any(self.temuan_di(x) is not None for x in [*baris, total]):
                    continue
                s = sum((x.nilai.nilai for x in baris), Decimal(0))
                if s == total.nilai.nilai:
                    continue
                self.temuan_dilaporkan(
                    total, "jumlah_anggaran",
                    f"Total {apa} tahun {tahun} tertulis {total.nilai.teks}, tetapi baris-baris "
                    f"tabel yang sama (sel {baris[0].nilai.sel} s/d {baris[-1].nilai.sel}) berjumlah "
                    f"{_fmt(s, 0, rupiah=True)}.", seharusnya=_fmt(s, 0, rupiah=True),
                    selisih=_beda_teks(total.nilai.nilai - s, rupiah=True),
                    saran="Periksa baris yang terlewat atau total yang salah ketik.")

    # -- notation -----------------------------------------------------------------------------------------
    def cek_notasi(self) -> None:
        """Numbers of one table written in two notations ("69,93" and "44.83%"): a reader cannot tell
        what "1.145" means (domain.md section 5)."""
        grup: dict[tuple[str, str], list[tuple[Dilaporkan, str, str]]] = {}
        for d in self.dilaporkan:
            if not d.nilai.dari_teks or not isinstance(d.nilai.nilai, Decimal):
                continue
            gaya = _gaya_notasi(d.nilai.teks)
            if gaya is not None:
                grup.setdefault((d.tabel, d.sumber), []).append((d, *gaya))
        for (tabel, sumber), rows in grup.items():
            desimal = {g for _, g, _ in rows if g}
            ribuan = {r for _, _, r in rows if r}
            if len(desimal) < 2 and len(ribuan) < 2 and not (desimal & ribuan):
                continue
            contoh = []
            for peran, tanda in (("desimal", ","), ("desimal", "."), ("ribuan", "."), ("ribuan", ",")):
                x = next((d for d, g, r in rows if (g if peran == "desimal" else r) == tanda), None)
                if x is not None:
                    contoh.append((x, f"'{x.nilai.teks}' ({peran} '{tanda}')"))
            contoh.sort(key=lambda xt: xt[0].lokasi.baris)
            sel = [x.nilai.sel for x, _ in contoh]
            self.tambah(Temuan(
                kategori="notasi", sheet=SHEET_DILAPORKAN, sel=", ".join(dict.fromkeys(sel)),
                uraian=f"{_label_tabel(tabel, sumber)}: angka ditulis dengan dua notasi, "
                       + ", ".join(t for _, t in contoh)
                       + ". Pembaca tidak dapat memastikan arti angka seperti '1.145' (seribu seratus empat puluh "
                         "lima atau satu koma seratus empat puluh lima).",
                dinyatakan=" / ".join(x.nilai.teks for x, _ in contoh), tingkat=INFO,
                saran="Gunakan satu notasi: koma untuk desimal dan titik untuk ribuan (34,67; 1.264.373).",
            ))

    # ==============================================================================================
    # The data sheets

    def cek_kumulatif_menurun(self) -> None:
        """A kumulatif realisasi to date must not decrease; a yearly count must not be negative."""
        for ind in self.data.indikator:
            if ind.tipe != "kumulatif":
                continue
            rows = self.data.realisasi_indikator(ind.kode)
            neg = [r for r in rows if r.jumlah.angka is not None and r.jumlah.angka < 0]
            for r in neg:
                self.tambah(Temuan(
                    kategori="kumulatif_menurun", sheet=SHEET_REALISASI, sel=r.jumlah.sel,
                    uraian=f"Hitungan {ind.kode} ({ind.nama}) tahun {r.tahun} negatif: indikator Kumulatif "
                           "dijumlahkan per tahun, jadi realisasi s/d tahun itu menurun.",
                    dinyatakan=r.jumlah.teks, tingkat=PERINGATAN,
                    saran="Periksa hitungan; bila nilainya memang bisa turun, ubah Tipe Penghitungan menjadi "
                          "Non Kumulatif."))
            seri = [r for r in rows if r.jumlah.angka is None and r.realisasi.angka is not None]
            if len(seri) < 2 or any(r.jumlah.angka is not None for r in rows):
                continue
            turun = seri_menurun([penuh(r.realisasi, ind.satuan) for r in seri])
            if not turun:
                continue
            jalur = " -> ".join(f"{r.realisasi.teks} ({r.tahun})" for r in seri)
            tahun_turun = ", ".join(str(seri[i].tahun) for i in turun)
            self.tambah(Temuan(
                kategori="kumulatif_menurun", sheet=SHEET_REALISASI, sel=_rentang_sel([r.realisasi.sel for r in seri]),
                uraian=f"{ind.kode} ({ind.nama}) bertipe Kumulatif (sheet {SHEET_INDIKATOR} baris {ind.lokasi.baris}), "
                       f"jadi realisasinya nilai s/d tahun yang tidak boleh turun, tetapi menurun pada {tahun_turun}: "
                       f"{jalur}. Angka ini tampak nilai per tahun (tingkat/stok), bukan jumlah kumulatif.",
                dinyatakan=" -> ".join(r.realisasi.teks for r in seri), tingkat=PERINGATAN,
                saran="Bila angka ini nilai tahunan, ubah Tipe Penghitungan menjadi Non Kumulatif; bila kumulatif, "
                      "isi hitungan per tahun di kolom Jumlah."))

    def cek_realisasi_data(self) -> None:
        """A Realisasi typed beside counts (Jumlah) must be what the counts give."""
        for ind in self.data.indikator:
            h = self.hi.get(ind.kode)
            if h is None:
                continue
            for t, nt in sorted(h.per_tahun.items()):
                b = nt.baris
                if b is None or not nt.dari_komponen or b.realisasi.angka is None:
                    continue
                exact = self.realisasi_exact(ind, nt)
                if not isinstance(exact, Decimal):
                    continue
                c = cetak(b.realisasi, ind.satuan if ind.penyebut is None else "")
                if c is None or banding(c, exact, self.k.pembulatan) != BEDA:
                    continue
                self.tambah(Temuan(
                    kategori="realisasi_komponen", sheet=SHEET_REALISASI, sel=b.realisasi.sel,
                    uraian=f"Realisasi {ind.kode} ({ind.nama}) tahun {t} diketik {b.realisasi.teks}, tetapi kolom "
                           f"Jumlah memberi {self.rumus_realisasi(ind, nt)}. lakip_xl memakai hitungan dari kolom "
                           "Jumlah; angka yang diketik menyesatkan pembaca sheet ini.",
                    dinyatakan=b.realisasi.teks, seharusnya=_fmt_c(c, exact),
                    selisih=_selisih(c, exact, c.desimal), tingkat=GALAT,
                    saran="Kosongkan sel Realisasi (dihitung dari Jumlah) atau perbaiki hitungannya."))

    def cek_anggaran_data(self) -> None:
        """Budget data that should add up (seed BAB II.2 and III.D): programs of an indicator = its pagu;
        indicators' pagu and realisasi = Belanja Langsung; programs = Belanja Langsung."""
        tahun_set = sorted({a.tahun for a in self.data.anggaran} | {p.tahun for p in self.data.program})
        for tahun in tahun_set:
            for ind in self.data.indikator:
                pagu, _, rows = self._anggaran(ind.kode, tahun)
                prog = [p for p in self.data.program if p.tahun == tahun and p.kode_indikator == ind.kode]
                if not rows or not prog:
                    continue
                s = sum((p.pagu.angka or Decimal(0) for p in prog), Decimal(0))
                if s == pagu:
                    continue
                self.tambah(Temuan(
                    kategori="anggaran_data", sheet=SHEET_ANGGARAN, sel=rows[0].pagu.sel,
                    uraian=f"Pagu {ind.kode} ({ind.nama}) tahun {tahun} {_fmt(pagu, 0, rupiah=True)}, tetapi program "
                           f"yang dikaitkan dengannya di sheet {SHEET_PROGRAM} berjumlah {_fmt(s, 0, rupiah=True)} ("
                           + " + ".join(f"{p.pagu.sel}" for p in prog) + ").",
                    dinyatakan=_fmt(pagu, 0, rupiah=True), seharusnya=_fmt(s, 0, rupiah=True),
                    selisih=_beda_teks(pagu - s, rupiah=True), tingkat=PERINGATAN,
                    saran="Periksa kaitan program ke indikator (kolom Kode Indikator sheet Program) atau pagunya."))
            bl = next((b for b in self.data.belanja
                       if b.tahun == tahun and kunci(b.jenis) == kunci("Belanja Langsung")), None)
            if bl is None:
                continue
            ang = [a for a in self.data.anggaran if a.tahun == tahun]
            prog = [p for p in self.data.program if p.tahun == tahun]
            uji = []
            if ang:
                uji.append((bl.pagu, sum((a.pagu.angka or Decimal(0) for a in ang), Decimal(0)),
                            f"pagu semua indikator di sheet {SHEET_ANGGARAN}"))
                if bl.realisasi.angka is not None:
                    uji.append((bl.realisasi, sum((a.realisasi.angka or Decimal(0) for a in ang), Decimal(0)),
                                f"realisasi semua indikator di sheet {SHEET_ANGGARAN}"))
            if prog:
                uji.append((bl.pagu, sum((p.pagu.angka or Decimal(0) for p in prog), Decimal(0)),
                            f"pagu semua program di sheet {SHEET_PROGRAM}"))
            for isian, s, apa in uji:
                if isian.angka is None or isian.angka == s:
                    continue
                self.tambah(Temuan(
                    kategori="anggaran_data", sheet=SHEET_BELANJA, sel=isian.sel,
                    uraian=f"Belanja Langsung tahun {tahun} {_fmt(isian.angka, 0, rupiah=True)}, tetapi {apa} "
                           f"berjumlah {_fmt(s, 0, rupiah=True)}.",
                    dinyatakan=_fmt(isian.angka, 0, rupiah=True), seharusnya=_fmt(s, 0, rupiah=True),
                    selisih=_beda_teks(isian.angka - s, rupiah=True), tingkat=PERINGATAN,
                    saran="Periksa baris yang terlewat atau angka yang salah ketik."))

    def cek_skala(self) -> None:
        """The seed prints its 5-level scale as "Sangat Baik > 90" and "Baik 75.00 - 89.99": 90,00 itself
        belongs to no tier. lakip_xl puts it in Baik; the report should say so (domain.md section 2b)."""
        peng = self.data.pengaturan
        for medan in ("skala_sasaran", "skala_predikat"):
            if getattr(self.k, medan) != "permendagri54":
                continue
            self.tambah(Temuan(
                kategori="skala_predikat", sheet=SHEET_PENGATURAN, sel=peng.lokasi.get(medan, ""),
                uraian="Skala predikat permendagri54 seperti tercetak di LAKIP ('Sangat Baik > 90', 'Baik 75.00 - "
                       "89.99') tidak menempatkan capaian 90,00 (juga 89,991 s/d 89,999) pada tingkat mana pun. "
                       "lakip_xl memasukkan 90,00 ke 'Baik' (Sangat Baik hanya di atas 90,00).",
                dinyatakan="> 90 / 75.00 - 89.99", seharusnya="Baik: 75,00 - 90,00; Sangat Baik: > 90,00",
                tingkat=INFO,
                saran="Tulis batas setiap tingkat tanpa celah di laporan, misalnya 'Baik 75,00 - 90,00' dan "
                      "'Sangat Baik > 90,00'."))
            break


# ==================================================================================================
# Helpers


def _sel_baris(d: Dilaporkan) -> str:
    return f"E{d.lokasi.baris}" if d.lokasi.baris else ""


def _label_tabel(tabel: str, sumber: str = "") -> str:
    label = f"Tabel {tabel}" if re.fullmatch(r"\d+(\.\d+)*", tabel.strip()) else tabel.strip()
    if not sumber:
        return label
    if kunci(sumber).startswith(kunci(label)):
        return sumber
    return f"{label}, {sumber}"


def _asal(d: Dilaporkan) -> str:
    return _label_tabel(d.tabel, d.sumber)


def _beda_teks(x: Decimal, rupiah: bool = False) -> str:
    tanda = "+" if x > 0 else ("-" if x < 0 else "")
    return tanda + format_angka(abs(x), gaya="rupiah" if rupiah else "angka")


def _rumus(ind: Indikator, k, target, realisasi) -> str:
    """The capaian formula with its figures, for a sentence: "0,10 / 0,14 x 100"."""
    t, r = _teks_data(ind, target), _teks_data(ind, realisasi)
    if ind.polaritas == "negatif":
        if k.metode_negatif == "rasio":
            return f"target / realisasi x 100 = {t} / {r} x 100"
        return f"(2 x target - realisasi) / target x 100 = (2 x {t} - {r}) / {t} x 100"
    if isinstance(target, Rentang):
        return f"realisasi terhadap rentang target {t} (realisasi {r})"
    return f"realisasi / target x 100 = {r} / {t} x 100"


def _teks_data(ind: Indikator, x) -> str:
    """A data figure for a sentence, in the indicator's magnitude when it has one ("128 M")."""
    if isinstance(x, Isian):
        x = penuh(x, ind.satuan) if isinstance(x.nilai, Decimal) else x.nilai
    if isinstance(x, Decimal):
        label = _label_satuan(ind.satuan)
        if label and abs(x) >= Decimal(10) ** pangkat_kata(label):
            return format_angka(x, satuan=label)
        return format_angka(x)
    return _teks_nilai(x)


def _gaya_notasi(teks: str) -> tuple[str, str] | None:
    """(decimal separator, grouping separator) a number's text shows ("" when it shows none); None
    when it shows nothing decidable ("2.222": grouping or decimal)."""
    m = _TOKEN.search(teks)
    if m is None:
        return None
    tok = m.group(0).rstrip(".,")
    titik, koma = tok.count("."), tok.count(",")
    if titik and koma:
        des = "." if tok.rfind(".") > tok.rfind(",") else ","
        return des, ("," if des == "." else ".")
    sep = "." if titik else ("," if koma else "")
    if not sep:
        return "", ""
    n = titik or koma
    if n > 1:
        return "", sep
    akhir = tok.split(sep)[1]
    if len(akhir) == 3:
        return None  # ambiguous by itself
    return sep, ""


def _rentang_sel(sel: list[str]) -> str:
    sel = [s for s in sel if s]
    if not sel:
        return ""
    if len(sel) == 1:
        return sel[0]
    rc = [parse_ref(s) for s in sel]
    kol = {c for _, c in rc}
    baris = sorted(r for r, _ in rc)
    if len(kol) == 1 and baris == list(range(baris[0], baris[0] + len(baris))):
        return f"{sel[0]}:{sel[-1]}"
    return ", ".join(sel)


_URUT_SHEET = {SHEET_DILAPORKAN: 0, SHEET_REALISASI: 1, SHEET_INDIKATOR: 2, SHEET_ANGGARAN: 3, SHEET_PROGRAM: 4,
               SHEET_BELANJA: 5, SHEET_PENGATURAN: 6}


def _kunci_urut(t: Temuan) -> tuple:
    pertama = re.split(r"[:,\s]", t.sel.strip())[0] if t.sel else ""
    try:
        r, c = parse_ref(pertama) if pertama else (0, 0)
    except ValueError:
        r, c = 0, 0
    return TINGKAT.index(t.tingkat), _URUT_SHEET.get(t.sheet, 9), r, c


# ==================================================================================================
# Public API


def periksa(data: DataLakip, hasil: HasilLaporan | None = None) -> Hasil:
    """Audit a workbook's data: every Dilaporkan figure against what the data give, and the data sheets'
    own consistency. Pure; `hasil` is computed with `lakip_xl.laporan.hitung.hitung` when not given.

    Findings are sorted by severity (galat, peringatan, info), then sheet and cell."""
    if hasil is None:
        hasil = hitung(data)
    a = _Audit(data, hasil)
    a.jalankan()
    temuan = sorted((c.temuan for c in a.catat), key=_kunci_urut)
    return Hasil(form=FORM, temuan=temuan, tidak_dipahami=a.tidak, berkas=data.berkas)


def periksa_berkas(path: str | os.PathLike) -> Hasil:
    """Audit a workbook file; never modifies it. A lakip_xl workbook (sheets Indikator and Realisasi)
    is read with `lakip_xl.sumber.baca` (InputError listing its data problems); any other workbook goes to
    `lakip_xl.laporan.periksa_renja` (the Permendagri 86/2017 "Evaluasi Renja" form). BerkasError when the file
    cannot be read."""
    from lakip_xl.berkas.safety import periksa_zip
    from lakip_xl.errors import BerkasError
    from lakip_xl.laporan.periksa.renja import periksa_renja
    from lakip_xl.sumber.baca import SumberCalamine, baca_data

    p = Path(path)
    # anything that is not a readable zip package goes to periksa_renja, whose BerkasError messages
    # name the cause (missing, folder, .xls, encrypted, corrupted)
    if not p.is_file() or not zipfile.is_zipfile(p):
        return periksa_renja(p)
    try:
        with zipfile.ZipFile(p) as zf:
            periksa_zip(zf, berkas=p.name)  # zip bomb guard before any decompression
        sumber = SumberCalamine(p)
    except (zipfile.BadZipFile, BerkasError):
        return periksa_renja(p)
    nama = {kunci(n) for n in sumber.sheet_names()}
    if kunci(SHEET_INDIKATOR) not in nama or kunci(SHEET_REALISASI) not in nama:
        return periksa_renja(p)
    data = baca_data(sumber)  # InputError listing every problem of the data sheets
    hasil = periksa(data)
    hasil.berkas = p.name
    return hasil


# --- the "Pemeriksaan" sheet -------------------------------------------------------------------------------

_WARNA = {  # fill, font: Excel's "Bad" / "Neutral" / a light blue
    GALAT: ("FFC7CE", "9C0006"),
    PERINGATAN: ("FFEB9C", "9C5700"),
    INFO: ("DDEBF7", "1F4E79"),
}
_LABEL_TINGKAT = {GALAT: "Galat", PERINGATAN: "Peringatan", INFO: "Info"}
_JUDUL = Style(bold=True, size=14)
_SUB = Style(italic=True, size=10)
_RINGKAS = Style(bold=True)
_HEADER = Style(bold=True, fill="D9E1F2", halign="center", valign="center", wrap=True, border=True)
_KOLOM = ["No", "Tingkat", "Kategori", "Sheet", "Sel", "Uraian", "Dinyatakan", "Seharusnya", "Selisih", "Saran"]
_LEBAR = {1: 5, 2: 11, 3: 17, 4: 11, 5: 10, 6: 70, 7: 16, 8: 16, 9: 11, 10: 40}


def lembar_pemeriksaan(hasil: Hasil, judul_tahun: int | None = None) -> SheetSpec:
    """The "Pemeriksaan" sheet: a title, a summary count, one row per finding (No | Tingkat | Kategori |
    Sheet | Sel | Uraian | Dinyatakan | Seharusnya | Selisih | Saran) coloured by severity, then what
    was not checked. Pure; written by the sync like the summary sheets."""
    n = len(_KOLOM)
    warna_tab = _WARNA[GALAT][1] if hasil.ada_galat else ("00B050" if not hasil.temuan else _WARNA[PERINGATAN][1])
    sh = SheetSpec(SHEET_PEMERIKSAAN, col_widths=dict(_LEBAR), tab_color=warna_tab)
    judul = "PEMERIKSAAN ANGKA LAPORAN KINERJA" + (f" TAHUN {judul_tahun}" if judul_tahun else "")
    sh.set(1, 1, judul, style=_JUDUL)
    sh.merges.append(f"A1:{cell_ref(1, n)}")
    sub = "Angka di sheet Dilaporkan (sebagaimana tercetak di laporan) dibandingkan dengan data kerja"
    if hasil.form and hasil.form != FORM:
        sub = f"Formulir: {hasil.form}"
    # no file name here: the sheet lives inside the file, and a renamed copy must sync to the same bytes
    sh.set(2, 1, sub + ".", style=_SUB)
    sh.merges.append(f"A2:{cell_ref(2, n)}")
    g, p, i = (hasil.jumlah(t) for t in TINGKAT)
    sh.set(3, 1, f"Ringkasan: {g} galat, {p} peringatan, {i} info.", style=_RINGKAS)
    sh.merges.append(f"A3:{cell_ref(3, n)}")
    sh.set(4, 1, "Galat: angka tidak mengikuti data atau aturan. Peringatan: temuan kecil (pembulatan, deret "
                 "kumulatif menurun, tahun judul). Info: pilihan kebijakan yang perlu dinyatakan.", style=_SUB)
    sh.merges.append(f"A4:{cell_ref(4, n)}")
    r = 6
    if not hasil.temuan:
        teks = ("Tidak ada temuan: semua angka yang diperiksa sesuai dengan data kerja." if hasil.dikenali
                else "Buku kerja tidak dikenali; tidak ada angka yang diperiksa.")
        sh.set(r, 1, teks, style=Style(bold=True, font_color="006100", fill="C6EFCE"))
        sh.merges.append(f"A{r}:{cell_ref(r, n)}")
        r += 2
    else:
        for c, label in enumerate(_KOLOM, start=1):
            sh.set(r, c, label, style=_HEADER)
        sh.freeze = f"A{r + 1}"
        sh.print_title_rows = (r, r)
        for no, t in enumerate(hasil.temuan, start=1):
            r += 1
            fill, font = _WARNA[t.tingkat]
            biasa = Style(valign="top", wrap=True, border=True, fill=fill)
            kanan = Style(valign="top", halign="right", wrap=True, border=True, fill=fill)
            nilai = [no, _LABEL_TINGKAT[t.tingkat], t.kategori, t.sheet, t.sel, t.uraian, t.dinyatakan,
                     t.seharusnya, t.selisih, t.saran]
            for c, v in enumerate(nilai, start=1):
                if c == 2:
                    st = Style(bold=True, valign="top", halign="center", border=True, fill=fill, font_color=font)
                elif c in (1, 7, 8, 9):
                    st = kanan
                else:
                    st = biasa
                sh.set(r, c, v, style=st)
        r += 2
    if hasil.tidak_dipahami:
        sh.set(r, 1, f"Tidak diperiksa ({len(hasil.tidak_dipahami)}):", style=_RINGKAS)
        r += 1
        for s in hasil.tidak_dipahami:
            sh.set(r, 2, s, style=Style(wrap=False, size=9))
            r += 1
        r += 1
    sh.set(r, 1, "Sheet ini dibuat ulang oleh lakip_xl setiap sinkronisasi; jangan diketik manual. "
                 "Perbaiki angka di laporan atau di sheet data, lalu sinkronkan lagi.", style=_SUB)
    _tinggi_baris(sh)
    return sh


def _tinggi_baris(sh: SheetSpec, pt_per_baris: float = 13.0) -> None:
    """Row heights for wrapped text (the file stores no auto-fit): the lines each wrapped cell needs
    from its column width, as lakip_xl.laporan.ringkasan estimates them."""
    for (r, c), cell in sh.cells.items():
        if not isinstance(cell.value, str) or not cell.style or not cell.style.wrap:
            continue
        lebar = max(sh.col_widths.get(c, 9.0), 1.0)
        n = max(1, -(-int(len(cell.value) * 1.1) // int(lebar)))
        if n > 1:
            sh.row_heights[r] = max(sh.row_heights.get(r, 0), n * pt_per_baris)


__all__ = ["FORM", "SHEET_PEMERIKSAAN", "Cetak", "banding", "cetak", "lembar_pemeriksaan", "pangkat_kata",
           "pangkat_satuan", "penuh", "periksa", "periksa_berkas"]

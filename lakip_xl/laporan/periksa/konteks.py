"""The state one audit run shares with its checks (`Audit`): the workbook's data and computed
figures, lookups into them, and the findings being collected. A finding stays amendable until the end:
a derived figure that follows from a flagged input adds a sentence to the input's finding instead of
a finding of its own ("one cause, one finding")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from lakip_xl.aturan.angka import format_angka
from lakip_xl.aturan.nilai import NA, Rentang
from lakip_xl.laporan.hitung import HasilIndikator, HasilLaporan, NilaiTahun
from lakip_xl.laporan.periksa.temuan import GALAT, Temuan
from lakip_xl.laporan.periksa.tercetak import penuh, teks_angka
from lakip_xl.sumber.model import SHEET_DILAPORKAN, SHEET_INDIKATOR, DataLakip, Dilaporkan, Indikator, kunci

FORM = "Buku Kerja LAKIP (lakip_xl)"


@dataclass
class _Catat:
    """A finding being built (amendable until the end), with what it is about."""

    temuan: Temuan
    urut: int


class Audit:
    """One audit run: the workbook's data and figures, lookups into them, and the findings so far.
    Every check is a function of it (`fungsi(au, d)` or `fungsi(au)`, registered in `daftar.DAFTAR`)."""

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

    # -- recording ------------------------------------------------------------------------------------
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

    # -- lookups --------------------------------------------------------------------------------------
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
            v = nt.realisasi_penuh  # realisasi_sampai(counts to that year, tipe, penyebut), from hitung
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
        return f"{kiri} / {format_angka(ind.penyebut)} x 100 = {teks_angka(x, 4)}"

    def indikator(self, d: Dilaporkan) -> Indikator | None:
        """The indicator a row names; None (the row listed as not checked) when there is none."""
        ind = self.ind.get(d.kode)
        if ind is None:
            self.lewati(d, f"kode indikator '{d.kode}' tidak ada di sheet {SHEET_INDIKATOR}" if d.kode
                        else "kode indikator kosong")
        return ind

    def anggaran(self, kode: str, tahun: int) -> tuple[Decimal | None, Decimal | None, list]:
        """(pagu, realisasi, rows) of an indicator's Anggaran rows in a year; rows [] when none."""
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


def _sel_baris(d: Dilaporkan) -> str:
    return f"E{d.lokasi.baris}" if d.lokasi.baris else ""


def label_tabel(tabel: str, sumber: str = "") -> str:
    label = f"Tabel {tabel}" if re.fullmatch(r"\d+(\.\d+)*", tabel.strip()) else tabel.strip()
    if not sumber:
        return label
    if kunci(sumber).startswith(kunci(label)):
        return sumber
    return f"{label}, {sumber}"


def _asal(d: Dilaporkan) -> str:
    return label_tabel(d.tabel, d.sumber)

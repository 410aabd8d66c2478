"""The content of the LKjIP document (Ikhtisar Eksekutif and BAB III), built from the computed report.

`susun(hasil)` returns a `Naskah`: a list of blocks (headings, paragraphs, bullets, tables, charts,
section breaks) that lakip_xl.laporan.dokumen.penulis writes into a .docx. Pure: no I/O, no
python-docx, so the content can be tested on its own and the writer stays a thin layer.

Three rules hold everywhere here:
- every figure is written by `Naskah.angka` (and its helpers), which formats it with
  lakip_xl.aturan.angka.format_angka and records (kode, tahun, besaran, nilai, teks) in
  `Naskah.angka_dicatat`: the list of what the document states (tests/test_dokumen.py checks it
  against the seed report);
- every sentence comes from a pattern of lakip_xl/data/kalimat.toml (`Kalimat.tulis`), never from
  string concatenation here; a missing figure selects the pattern written for that case;
- the tables hold the rows of the summary sheets (lakip_xl.laporan.ringkasan) in the same order,
  each table naming the sheet it mirrors (`Tabel.lembar`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lakip_xl.aturan.angka import format_angka
from lakip_xl.aturan.capaian import capaian as hitung_capaian
from lakip_xl.aturan.nilai import NA, Rentang, bulatkan
from lakip_xl.aturan.predikat import predikat as hitung_predikat
from lakip_xl.aturan.predikat import skala_dari
from lakip_xl.laporan import lembar
from lakip_xl.laporan.dokumen.kalimat import Kalimat, muat
from lakip_xl.laporan.hitung import HasilIndikator, HasilLaporan, NilaiTahun

# Charts show at most this many indicators, as the summary sheets' charts do (ringkasan.MAKS_GRAFIK;
# not imported from there: the summary builder pulls in the audit, which the document does not need).
MAKS_GRAFIK = 20

# --- blocks ------------------------------------------------------------------------------------------
BIASA, TEBAL, PENANDA, STAF = "", "tebal", "penanda", "staf"  # kinds of text run


@dataclass
class Judul:
    teks: str
    tingkat: int  # 1 = chapter (Heading 1) ... 4


@dataclass
class Paragraf:
    potong: list[tuple[str, str]]  # (text, kind): BIASA, TEBAL, PENANDA (a visible marker), STAF
    butir: bool = False  # a bullet point
    catatan: bool = False  # a small note under a table or chart

    @property
    def teks(self) -> str:
        return "".join(t for t, _ in self.potong)


@dataclass
class Baris:
    sel: list[str]
    warna: dict[int, str] = field(default_factory=dict)  # column -> fill "RRGGBB" (predikat colour)
    tebal: bool = False  # a total row
    grup: str = ""  # rows of one sasaran share it: the grouped columns are merged over them


@dataclass
class Tabel:
    nomor: str  # "3.1"; "" for the Ikhtisar's table (outside BAB III)
    judul: str
    lembar: str  # the summary sheet it mirrors ("" = none)
    kepala: list[list[str]]  # header rows
    baris: list[Baris]
    lebar: list[float]  # relative column widths
    rata: list[str]  # per column: "kiri", "tengah", "kanan"
    gabung_kepala: list[tuple[int, int, int, int]] = field(default_factory=list)  # (r0, c0, r1, c1)
    kolom_grup: tuple[int, ...] = ()  # columns merged over the rows of one grup
    catatan: str = ""


@dataclass
class Gambar:
    nomor: str
    judul: str
    grafik: Any  # a grafik.Grafik, written as a native Word chart


@dataclass
class Bagian:
    lanskap: bool  # a new section (new page), landscape or portrait


@dataclass
class DaftarIsi:
    judul: str
    catatan: str


@dataclass
class TandaTangan:
    baris: list[str]


Blok = Judul | Paragraf | Tabel | Gambar | Bagian | DaftarIsi | TandaTangan


@dataclass(frozen=True)
class AngkaDicatat:
    """One figure the document states."""

    kode: str  # indicator or sasaran code; "" for the agency; a Belanja jenis for its rows
    tahun: int | None
    besaran: str  # the vocabulary of lakip_xl.sumber.model.BESARAN, plus efisiensi, skala, jumlah_*
    nilai: object  # Decimal, a grade, an int count
    teks: str  # as written in the document


@dataclass
class Naskah:
    blok: list[Blok] = field(default_factory=list)
    angka_dicatat: list[AngkaDicatat] = field(default_factory=list)
    isian: dict[str, str] = field(default_factory=dict)  # template placeholders: instansi, tahun, ...
    staf: list[str] = field(default_factory=list)  # the staff's own text inserted (sheet Analisis)
    penanda: list[str] = field(default_factory=list)  # the markers inserted where it is missing

    def judul_daftar_isi(self) -> list[tuple[int, str]]:
        return [(b.tingkat, b.teks) for b in self.blok if isinstance(b, Judul) and b.tingkat <= 3]


# --- figures -----------------------------------------------------------------------------------------
_SATUAN_TANPA_KATA = {"", "%", "persen", "m", "miliar", "rp m", "rp miliar", "nilai", "indeks", "predikat"}


def _persen_satuan(satuan: str, teks: str) -> bool:
    s = (satuan or "").strip().lower()
    return "%" in s or "persen" in s or (teks or "").strip().endswith("%")


def teks_nilai(v, asli: str, satuan: str) -> str:
    """A target or realisasi in Indonesian notation, as the summary sheets show it: 77,33%; 45,1 M;
    1.264.373; B; 80 - 90. "" for no value."""
    if isinstance(v, Decimal):
        a = (asli or "").strip()
        s = (satuan or "").strip().lower()
        if _persen_satuan(satuan, asli):
            return format_angka(v, desimal=2, gaya="persen")
        if a[-1:] in ("M", "T") or s in ("m", "miliar", "rp m", "rp miliar") or a.lower().endswith(("jt", "juta")):
            return format_angka(v, gaya="singkat")
        if s.startswith("rp") or a.lower().startswith("rp"):
            return format_angka(v, gaya="rupiah")
        return format_angka(v, desimal=None if v == v.to_integral_value() else 2)
    if isinstance(v, Rentang):
        return format_angka(v)
    if v is None or isinstance(v, NA):
        return ""
    return str(v)


class _Penyusun:
    def __init__(self, hasil: HasilLaporan, kalimat: Kalimat, grafik: bool):
        self.h = hasil
        self.k = kalimat
        self.n = Naskah()
        self.p = hasil.data.pengaturan
        self.tahun = hasil.tahun
        self.keb = hasil.kebijakan
        self.grafik = grafik
        self.no_tabel = 0
        self.no_gambar = 0
        self.analisis = {(a.kode, a.tahun): a for a in hasil.data.analisis}
        self.umum = dict(instansi=self.p.instansi or "", wilayah=self.p.wilayah or "", tahun=str(self.tahun),
                         awal_renstra=str(self.p.awal_renstra), akhir_renstra=str(self.p.akhir_renstra))

    # -- figures ------------------------------------------------------------------------------------
    def catat(self, kode: str, tahun: int | None, besaran: str, nilai, teks: str) -> str:
        if teks:
            self.n.angka_dicatat.append(AngkaDicatat(kode, tahun, besaran, nilai, teks))
        return teks

    def nilai(self, kode: str, tahun: int | None, besaran: str, v, asli: str, satuan: str) -> str:
        return self.catat(kode, tahun, besaran, v, teks_nilai(v, asli, satuan))

    def nilai_kalimat(self, kode, tahun, besaran, v, asli, satuan) -> str:
        """A target or realisasi inside a sentence: with its unit word ("130 unit") where the unit is one."""
        t = self.nilai(kode, tahun, besaran, v, asli, satuan)
        s = (satuan or "").strip()
        if isinstance(v, Decimal) and s.lower() not in _SATUAN_TANPA_KATA and not _persen_satuan(s, asli):
            return f"{t} {s}"
        return t

    def persen(self, kode: str, tahun: int | None, besaran: str, v) -> str:
        if not isinstance(v, Decimal):
            return ""
        return self.catat(kode, tahun, besaran, v, format_angka(v, desimal=self.keb.desimal, gaya="persen",
                                                                pembulatan=self.keb.pembulatan))

    def persen2(self, kode: str, tahun: int | None, besaran: str, v) -> str:
        """A budget percentage (serapan): two decimals, as the sheets show it."""
        if not isinstance(v, Decimal):
            return ""
        return self.catat(kode, tahun, besaran, v, format_angka(v, desimal=2, gaya="persen"))

    def rupiah(self, kode: str, tahun: int | None, besaran: str, v, *, singkat: bool = False, polos: bool = False) -> str:
        if not isinstance(v, Decimal):
            return ""
        if singkat:
            teks = format_angka(v, gaya="rupiah", satuan="miliar", desimal=2)
        else:
            teks = format_angka(v, gaya="angka" if polos else "rupiah")
        return self.catat(kode, tahun, besaran, v, teks)

    def bilangan(self, kode: str, tahun: int | None, besaran: str, v) -> str:
        return self.catat(kode, tahun, besaran, Decimal(v), format_angka(Decimal(v)))

    def desimal2(self, kode: str, tahun: int | None, besaran: str, v) -> str:
        if not isinstance(v, Decimal):
            return ""
        return self.catat(kode, tahun, besaran, v, format_angka(v, desimal=2))

    # -- blocks -------------------------------------------------------------------------------------
    def t(self, kunci: str, **isi) -> str:
        return self.k.tulis(kunci, **isi)

    def judul(self, teks: str, tingkat: int) -> None:
        self.n.blok.append(Judul(teks, tingkat))

    def par(self, *potong: tuple[str, str] | str, butir: bool = False, catatan: bool = False) -> None:
        bagian = [(x, BIASA) if isinstance(x, str) else x for x in potong]
        self.n.blok.append(Paragraf([b for b in bagian if b[0]], butir=butir, catatan=catatan))

    def tabel_baru(self) -> str:
        self.no_tabel += 1
        return f"3.{self.no_tabel}"

    def gambar_baru(self) -> str:
        self.no_gambar += 1
        return f"3.{self.no_gambar}"

    def penanda(self, kolom: str, kode: str, tahun: int) -> tuple[str, str]:
        teks = self.t("umum.penanda", kolom=kolom, kode=kode, tahun=str(tahun))
        self.n.penanda.append(teks)
        return (teks, PENANDA)

    # -- the document -------------------------------------------------------------------------------
    def susun(self) -> Naskah:
        p = self.p
        self.n.isian = {**self.umum, "instansi_besar": (p.instansi or "").upper(),
                        "wilayah_besar": (p.wilayah or "").upper(), "kepala": p.kepala or "", "nip": p.nip or ""}
        self.n.blok.append(DaftarIsi(self.t("umum.daftar_isi"), self.t("umum.daftar_isi_catatan")))
        self.ikhtisar()
        self.bab3()
        return self.n

    # -- Ikhtisar Eksekutif -------------------------------------------------------------------------
    def ikhtisar(self) -> None:
        h, tahun = self.h, self.tahun
        self.judul(self.t("ikhtisar.judul"), 1)
        self.par(self.t("ikhtisar.pembuka", **self.umum))
        ind = h.indikator
        tercapai = [hi for hi in ind if _tercapai(hi.capaian)]
        na = [hi for hi in ind if not isinstance(hi.capaian, Decimal)]
        n_ind = self.bilangan("", tahun, "jumlah_indikator", len(ind))
        self.par(self.t("ikhtisar.jumlah", tahun=str(tahun),
                        n_sasaran=self.bilangan("", tahun, "jumlah_sasaran", len(h.sasaran)),
                        n_indikator=n_ind,
                        n_tercapai=self.bilangan("", tahun, "jumlah_tercapai", len(tercapai)),
                        n_belum=self.bilangan("", tahun, "jumlah_belum", len(ind) - len(tercapai) - len(na))),
                 self._spasi(self.t("ikhtisar.jumlah_na", n_na=self.bilangan("", tahun, "jumlah_na", len(na)))
                             if na else ""))
        for no, s in enumerate(h.sasaran, start=1):
            isi = dict(urutan=self.k.urutan(no), sasaran=s.nama,
                       n=self.bilangan(s.kode, tahun, "jumlah_indikator", len(s.indikator)))
            if isinstance(s.capaian, Decimal):
                self.par(self.t("ikhtisar.sasaran", **isi, predikat=s.predikat.label,
                                capaian=self.persen(s.kode, tahun, "capaian_sasaran", s.capaian)))
            else:
                self.par(self.t("ikhtisar.sasaran_na", **isi))
        self.par(self.t("ikhtisar.tabel", tahun=str(tahun)))
        self.n.blok.append(self.tabel_capaian(lembar.SHEET_IKHTISAR, self.t("ikhtisar.tabel_judul", **self.umum),
                                              bernomor=False))
        total = next((b for b in h.belanja if b.jenis == "Total"), None)
        if total is not None:
            kalimat = [self.t("ikhtisar.anggaran", **self.umum,
                              pagu=self.rupiah("Total", tahun, "pagu_belanja", total.pagu, singkat=True),
                              realisasi=self.rupiah("Total", tahun, "realisasi_belanja", total.realisasi, singkat=True),
                              serapan=self.persen2("Total", tahun, "serapan_belanja", total.serapan) or "-")]
            item = [self.t("ikhtisar.anggaran_item", jenis=b.jenis,
                           pagu=self.rupiah(b.jenis, tahun, "pagu_belanja", b.pagu, singkat=True),
                           realisasi=self.rupiah(b.jenis, tahun, "realisasi_belanja", b.realisasi, singkat=True),
                           serapan=self.persen2(b.jenis, tahun, "serapan_belanja", b.serapan) or "-")
                    for b in h.belanja if b.jenis != "Total" and b.pagu is not None and b.realisasi is not None]
            if item:
                kalimat.append(self.t("ikhtisar.anggaran_rinci", rincian=self._daftar(item)))
            self.par(" ".join(kalimat))
        belum = len(ind) - len(tercapai)
        self.par(self.t("ikhtisar.penutup_belum" if belum else "ikhtisar.penutup_semua", tahun=str(tahun)))
        if p_kepala := self.p.kepala:
            baris = [self.t("ikhtisar.tanda_tangan_jabatan", instansi_besar=(self.p.instansi or "").upper()), "", "",
                     p_kepala]
            if self.p.nip:
                baris.append(self.t("ikhtisar.tanda_tangan_nip", nip=self.p.nip))
            self.n.blok.append(TandaTangan(baris))

    def _spasi(self, teks: str) -> str:
        return " " + teks if teks else ""

    def _daftar(self, item: list[str]) -> str:
        """"a, b dan c"."""
        if len(item) <= 1:
            return "".join(item)
        return f"{', '.join(item[:-1])} {self.t('umum.dan')} {item[-1]}"

    # -- tables mirroring the summary sheets --------------------------------------------------------
    def _baris_indikator(self, hi: HasilIndikator, no: str, sasaran: str, grup: str) -> Baris:
        """No | Sasaran | Indikator | Target | Realisasi | % | Ket (sheets Ikhtisar, Pengukuran Kinerja)."""
        ind, lap = hi.indikator, hi.laporan
        if lap is None:
            return Baris([no, sasaran, ind.nama, "", "", "-", ""], grup=grup)
        return Baris([no, sasaran, ind.nama,
                      self.nilai(ind.kode, self.tahun, "target", lap.target, lap.target_teks, ind.satuan),
                      self.nilai(ind.kode, self.tahun, "realisasi", lap.realisasi, lap.realisasi_teks, ind.satuan),
                      self.persen(ind.kode, self.tahun, "capaian", lap.capaian) or "-", lap.ket],
                     warna={5: lap.predikat.warna}, grup=grup)

    def tabel_capaian(self, nama_lembar: str, judul: str, *, bernomor: bool = True) -> Tabel:
        baris = []
        for no, s in enumerate(self.h.sasaran, start=1):
            for hi in s.indikator:
                baris.append(self._baris_indikator(hi, f"{no}.", s.nama, s.kode))
        return Tabel(self.tabel_baru() if bernomor else "", judul, nama_lembar,
                     [["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Realisasi", "%", "Ket"]], baris,
                     lebar=[5, 22, 25, 10, 10, 11, 17], rata=["tengah", "kiri", "kiri", "kanan", "kanan", "kanan", "kiri"],
                     kolom_grup=(0, 1), catatan=self.t("umum.catatan_tabel"))

    def tabel_sasaran(self, judul: str) -> Tabel:
        baris = []
        for no, s in enumerate(self.h.sasaran, start=1):
            baris.append(Baris([f"{no}.", s.nama, self.bilangan(s.kode, self.tahun, "jumlah_indikator", len(s.indikator)),
                                self.persen(s.kode, self.tahun, "capaian_sasaran", s.capaian) or "-", s.predikat.label],
                               warna={3: s.predikat.warna, 4: s.predikat.warna}))
        return Tabel(self.tabel_baru(), judul, lembar.SHEET_SASARAN,
                     [["No", "Sasaran Strategis", "Jumlah Indikator", "Rata-rata % Capaian", "Predikat"]], baris,
                     lebar=[5, 49, 12, 14, 20], rata=["tengah", "kiri", "kanan", "kanan", "tengah"],
                     catatan=self.t("umum.catatan_tabel"))

    def tabel_tahunan(self, judul: str) -> Tabel:
        years = self.h.tahun_tabel(3)
        n = len(years)
        kepala = [["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan"] + ["Target"] + [""] * (n - 1)
                  + ["Realisasi"] + [""] * (n - 1) + ["Capaian (%)"] + [""] * (n - 1),
                  ["", "", "", ""] + [str(y) for y in years] * 3]
        gabung = [(0, c, 1, c) for c in range(4)]
        if n > 1:
            gabung += [(0, 4 + g * n, 0, 4 + g * n + n - 1) for g in range(3)]
        baris = []
        for no, s in enumerate(self.h.sasaran, start=1):
            for hi in s.indikator:
                ind = hi.indikator
                t, r, c, warna = [], [], [], {}
                for i, y in enumerate(years):
                    v = hi.per_tahun.get(y)
                    if v is None:
                        t.append(""), r.append(""), c.append("-")
                        continue
                    t.append(self.nilai(ind.kode, y, "target", v.target, v.target_teks, ind.satuan))
                    r.append(self.nilai(ind.kode, y, "realisasi", v.realisasi, v.realisasi_teks, ind.satuan))
                    c.append(self.persen(ind.kode, y, "capaian", v.capaian) or "-")
                    warna[4 + 2 * n + i] = v.predikat.warna
                baris.append(Baris([f"{no}.", s.nama, ind.nama, ind.satuan] + t + r + c, warna=warna, grup=s.kode))
        return Tabel(self.tabel_baru(), judul, lembar.SHEET_TAHUNAN, kepala, baris,
                     lebar=[4, 12, 15, 5] + [8.5] * (3 * n), rata=["tengah", "kiri", "kiri", "tengah"] + ["kanan"] * (3 * n),
                     gabung_kepala=gabung, kolom_grup=(0, 1), catatan=self.t("umum.catatan_tabel"))

    def tabel_renstra(self, judul: str) -> Tabel:
        baris = []
        for no, s in enumerate(self.h.sasaran, start=1):
            for hi in s.indikator:
                ind, lap = hi.indikator, hi.laporan
                baris.append(Baris(
                    [f"{no}.", s.nama, ind.nama, ind.satuan,
                     self.nilai(ind.kode, self.p.akhir_renstra, "target_renstra", hi.target_renstra,
                                hi.target_renstra_teks, ind.satuan),
                     self.nilai(ind.kode, self.tahun, "realisasi_sd", lap.realisasi, lap.realisasi_teks, ind.satuan)
                     if lap else "",
                     self.persen(ind.kode, self.tahun, "capaian_renstra", hi.capaian_renstra) or "-"],
                    warna={6: hi.predikat_renstra.warna}, grup=s.kode))
        return Tabel(self.tabel_baru(), judul, lembar.SHEET_RENSTRA,
                     [["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan",
                       f"Target Renstra s/d {self.p.akhir_renstra}", f"Realisasi s/d {self.tahun}", "% Capaian"]],
                     baris, lebar=[5, 23, 27, 8, 12, 12, 11],
                     rata=["tengah", "kiri", "kiri", "tengah", "kanan", "kanan", "kanan"], kolom_grup=(0, 1),
                     catatan=self.t("umum.catatan_tabel"))

    def tabel_efisiensi(self, judul: str) -> Tabel:
        baris = []
        tahun = self.tahun
        for no, s in enumerate(self.h.sasaran, start=1):
            for hi in s.indikator:
                ind, lap = hi.indikator, hi.laporan
                sel = [f"{no}.", s.nama, ind.nama]
                warna = {}
                if lap is not None:
                    sel += [self.nilai(ind.kode, tahun, "target", lap.target, lap.target_teks, ind.satuan),
                            self.nilai(ind.kode, tahun, "realisasi", lap.realisasi, lap.realisasi_teks, ind.satuan),
                            self.persen(ind.kode, tahun, "capaian", lap.capaian) or "-"]
                    warna[5] = lap.predikat.warna
                else:
                    sel += ["", "", ""]
                sel += [self.rupiah(ind.kode, tahun, "pagu", hi.pagu, polos=True),
                        self.rupiah(ind.kode, tahun, "realisasi_anggaran", hi.realisasi_anggaran, polos=True),
                        self.persen2(ind.kode, tahun, "serapan", hi.serapan) or ("" if hi.serapan is None else "-"),
                        self.desimal2(ind.kode, tahun, "efisiensi", hi.efisiensi) or ("" if hi.efisiensi is None else "-"),
                        "" if hi.kategori_efisiensi is None else str(hi.kategori_efisiensi)]
                baris.append(Baris(sel, warna=warna, grup=s.kode))
        pagu = [hi.pagu for hi in self.h.indikator if hi.pagu is not None]
        real = [hi.realisasi_anggaran for hi in self.h.indikator if hi.realisasi_anggaran is not None]
        baris.append(Baris(["Jumlah", "", "", "", "", "",
                            self.rupiah("", tahun, "pagu_indikator_jumlah", sum(pagu, Decimal(0)), polos=True) if pagu else "",
                            self.rupiah("", tahun, "realisasi_indikator_jumlah", sum(real, Decimal(0)), polos=True)
                            if real else "", "", "", ""], tebal=True))
        return Tabel(self.tabel_baru(), judul, lembar.SHEET_EFISIENSI,
                     [["No", "Sasaran", "Indikator Kinerja", "Target", "Realisasi", "% Capaian", "Anggaran (Rp)",
                       "Realisasi Anggaran (Rp)", "% Serapan", lembar.judul_efisiensi(self.h.kebijakan.metode_efisiensi),
                       "Kategori"]], baris,
                     lebar=[4, 15, 17, 7, 7, 7, 11, 11, 7, 7, 8],
                     rata=["tengah", "kiri", "kiri"] + ["kanan"] * 7 + ["tengah"], kolom_grup=(0, 1),
                     catatan=self.t("umum.catatan_tabel"))

    def tabel_belanja(self, judul: str) -> Tabel:
        baris = []
        tahun = self.tahun
        for i, b in enumerate(self.h.belanja, start=1):
            total = b.jenis == "Total"
            baris.append(Baris(["" if total else f"{i}.", "Total Belanja" if total else b.jenis,
                                self.rupiah(b.jenis, tahun, "pagu_belanja", b.pagu, polos=True),
                                self.rupiah(b.jenis, tahun, "realisasi_belanja", b.realisasi, polos=True),
                                self.persen2(b.jenis, tahun, "serapan_belanja", b.serapan) or "-"], tebal=total))
        return Tabel(self.tabel_baru(), judul, lembar.SHEET_ANGGARAN,
                     [["No", "Uraian", "Anggaran (Rp)", "Realisasi (Rp)", "% Serapan"]], baris,
                     lebar=[5, 45, 18, 18, 12], rata=["tengah", "kiri", "kanan", "kanan", "kanan"])

    def tabel_program(self, judul: str, program: list) -> Tabel:
        baris = []
        for p in program:
            pagu = p.pagu.angka if p.pagu.angka is not None else Decimal(0)
            baris.append(Baris([p.no, p.nama, self.rupiah(p.kode_indikator or p.kode_sasaran, self.tahun, "pagu_program",
                                                           pagu, polos=True), p.kode_sasaran, p.keterangan]))
        baris.append(Baris(["", "Jumlah Anggaran", self.rupiah("", self.tahun, "pagu_program_jumlah",
                                                               self.h.pagu_program, polos=True), "", ""], tebal=True))
        return Tabel(self.tabel_baru(), judul, lembar.SHEET_ANGGARAN,
                     [["No", "Program", "Anggaran (Rp)", "Sasaran", "Keterangan"]], baris,
                     lebar=[5, 40, 16, 9, 30], rata=["tengah", "kiri", "kanan", "tengah", "kiri"])

    # -- BAB III ------------------------------------------------------------------------------------
    def bab3(self) -> None:
        h, tahun = self.h, self.tahun
        self.judul(self.t("bab3.judul"), 1)
        self.par(self.t("bab3.pembuka", **self.umum))
        self.judul(self.t("bab3.judul_a"), 2)
        self.kerangka()

        # 2. capaian indikator (Pengukuran Kinerja) and sasaran
        self.judul(self.t("capaian.judul", tahun=str(tahun)), 3)
        tab = self.tabel_capaian(lembar.SHEET_PENGUKURAN, self.t("capaian.tabel_judul", tahun=str(tahun)))
        gambar = self._gambar_capaian() if self.grafik else None
        if gambar is not None:
            self.par(self.t("capaian.pengantar", tahun=str(tahun), tabel=self.t("umum.tabel", nomor=tab.nomor),
                            gambar=self.t("umum.gambar", nomor=gambar.nomor)))
        else:
            self.par(self.t("capaian.pengantar_tanpa_gambar", tahun=str(tahun),
                            tabel=self.t("umum.tabel", nomor=tab.nomor)))
        self.n.blok.append(tab)
        if gambar is not None:
            self.n.blok.append(gambar)
        tab = self.tabel_sasaran(self.t("capaian.sasaran_tabel_judul", tahun=str(tahun)))
        self.par(self.t("capaian.sasaran_pengantar", tabel=self.t("umum.tabel", nomor=tab.nomor)))
        self.n.blok.append(tab)

        # 3. the yearly comparison (wide: landscape)
        years = h.tahun_tabel(3)
        self.judul(self.t("tahunan.judul"), 3)
        tab = self.tabel_tahunan(self.t("tahunan.tabel_judul", tahun_awal=str(years[0]), tahun=str(tahun)))
        if len(years) > 1:
            self.par(self.t("tahunan.pengantar", tahun_awal=str(years[0]), tahun=str(tahun),
                            tabel=self.t("umum.tabel", nomor=tab.nomor)))
        else:
            self.par(self.t("tahunan.satu_tahun", tahun=str(tahun)))
        self.n.blok.append(Bagian(lanskap=True))
        self.n.blok.append(tab)
        self.n.blok.append(Bagian(lanskap=False))
        if len(years) > 1 and self.grafik:
            g = self._gambar_tahunan(years)
            if g is not None:
                self.par(self.t("tahunan.pengantar_gambar", gambar=self.t("umum.gambar", nomor=g.nomor)))
                self.n.blok.append(g)

        # 4. Renstra
        self.judul(self.t("renstra.judul"), 3)
        tab = self.tabel_renstra(self.t("renstra.tabel_judul", tahun=str(tahun), akhir_renstra=str(self.p.akhir_renstra)))
        self.par(self.t("renstra.pengantar", tahun=str(tahun), akhir_renstra=str(self.p.akhir_renstra),
                        tabel=self.t("umum.tabel", nomor=tab.nomor)))
        self.n.blok.append(tab)

        # 5. national / SPM targets
        self.nasional()

        # 6. per sasaran
        self.judul(self.t("analisis.judul"), 3)
        self.par(self.t("analisis.pengantar"))
        for no, s in enumerate(h.sasaran, start=1):
            self.per_sasaran(no, s)

        # B. anggaran
        self.anggaran()

    def kerangka(self) -> None:
        k = self.keb
        self.judul(self.t("pengukuran.judul"), 3)
        self.par(self.t("pengukuran.capaian", rumus_negatif=self.t(f"pengukuran.rumus_negatif_{k.metode_negatif}"),
                        desimal=self.k.kata_angka(k.desimal), pembulatan=self.t(f"pengukuran.pembulatan_{k.pembulatan}")))
        si, ss = skala_dari(k.skala_predikat), skala_dari(k.skala_sasaran)
        bobot = any(hi.indikator.bobot is not None for hi in self.h.indikator)
        self.par(self.t("pengukuran.sasaran_bobot" if bobot else "pengukuran.sasaran",
                        skala_indikator=si.judul, skala_sasaran=ss.judul))
        for sk in (si, ss) if si.nama != ss.nama else (si,):
            baris = []
            for t in sk.tingkat:
                if t.bawah is None:
                    batas = self.t("pengukuran.batas_lainnya")
                else:
                    b = self.catat("", None, "skala", t.bawah, format_angka(t.bawah, desimal=2))
                    batas = self.t("pengukuran.batas_minimal" if t.inklusif else "pengukuran.batas_lebih", batas=b)
                baris.append(Baris([batas, t.label, t.nama_warna], warna={1: t.warna}))
            self.n.blok.append(Tabel(self.tabel_baru(), self.t("pengukuran.tabel_skala_judul", skala=sk.judul), "",
                                     [["% Capaian", "Predikat", "Warna"]], baris, lebar=[20, 40, 20],
                                     rata=["tengah", "tengah", "tengah"]))

    def nasional(self) -> None:
        tahun = self.tahun
        self.judul(self.t("nasional.judul"), 3)
        baris = []
        no = 0
        for hi in self.h.indikator:
            a = self.analisis.get((hi.indikator.kode, tahun))
            if a is None or a.target_nasional.kosong:
                continue
            no += 1
            ind, lap = hi.indikator, hi.laporan
            c = self._capaian_nasional(hi, a)
            p = hitung_predikat(c, self.keb.skala_predikat)
            baris.append(Baris([f"{no}.", ind.nama, ind.satuan,
                                self.nilai(ind.kode, tahun, "realisasi", lap.realisasi, lap.realisasi_teks, ind.satuan)
                                if lap else "",
                                self.nilai(ind.kode, tahun, "target_nasional", a.target_nasional.nilai,
                                           a.target_nasional.teks, ind.satuan),
                                self.persen(ind.kode, tahun, "capaian_nasional", c) or "-",
                                a.sumber_target_nasional], warna={5: p.warna}))
        if not baris:
            self.par(self.t("nasional.tidak_ada", tahun=str(tahun)))
            return
        tab = Tabel(self.tabel_baru(), self.t("nasional.tabel_judul", tahun=str(tahun)), "",
                    [["No", "Indikator Kinerja", "Satuan", f"Realisasi {tahun}", "Target Nasional/SPM",
                      "% Capaian", "Sumber"]], baris, lebar=[4, 30, 8, 12, 12, 10, 24],
                    rata=["tengah", "kiri", "tengah", "kanan", "kanan", "kanan", "kiri"],
                    catatan=self.t("umum.catatan_tabel"))
        self.par(self.t("nasional.ada", tabel=self.t("umum.tabel", nomor=tab.nomor)))
        self.n.blok.append(tab)

    def _capaian_nasional(self, hi: HasilIndikator, a) -> Decimal | NA:
        lap = hi.laporan
        ind = hi.indikator
        return hitung_capaian(a.target_nasional.nilai, lap.realisasi if lap else None, ind.polaritas,
                              self.keb.metode_negatif, skala_nilai=ind.skala_nilai, **self.keb.kwargs_capaian())

    # -- one sasaran --------------------------------------------------------------------------------
    def per_sasaran(self, no: int, s) -> None:
        tahun = self.tahun
        urutan = self.k.urutan(no)
        self.judul(self.t("analisis.sasaran_judul", nomor=str(no), sasaran=s.nama), 4)
        isi = dict(urutan=urutan, n=self.bilangan(s.kode, tahun, "jumlah_indikator", len(s.indikator)))
        if isinstance(s.capaian, Decimal):
            self.par(self.t("analisis.sasaran", **isi, capaian=self.persen(s.kode, tahun, "capaian_sasaran", s.capaian),
                            predikat=s.predikat.label))
        else:
            self.par(self.t("analisis.sasaran_na", **isi))
        baris = []
        for i, hi in enumerate(s.indikator, start=1):
            b = self._baris_indikator(hi, f"{i}.", s.nama, "")
            baris.append(Baris([b.sel[0]] + b.sel[2:], warna={k - 1: v for k, v in b.warna.items()}))
        self.n.blok.append(Tabel(self.tabel_baru(), self.t("analisis.tabel_judul", urutan=urutan), lembar.SHEET_PENGUKURAN,
                                 [["No", "Indikator Kinerja", "Target", "Realisasi", "% Capaian", "Ket"]], baris,
                                 lebar=[5, 34, 11, 11, 11, 21],
                                 rata=["tengah", "kiri", "kanan", "kanan", "kanan", "kiri"],
                                 catatan=self.t("umum.catatan_tabel")))
        for hi in s.indikator:
            self.per_indikator(hi)
        program = [p for p in self.h.data.program if p.tahun == tahun and p.kode_sasaran == s.kode]
        if program:
            self.par((self.t("analisis.program", urutan=urutan), TEBAL))
            for p in program:
                pagu = p.pagu.angka if p.pagu.angka is not None else Decimal(0)
                self.par(self.t("analisis.program_item", program=p.nama,
                                pagu=self.rupiah(p.kode_indikator or s.kode, tahun, "pagu_program", pagu)), butir=True)
        elif self.h.data.program:
            self.par(self.t("analisis.tanpa_program", tahun=str(tahun), urutan=urutan))

    def per_indikator(self, hi: HasilIndikator) -> None:
        ind, lap, tahun = hi.indikator, hi.laporan, self.tahun
        kode = ind.kode
        self.par((self.t("analisis.indikator", indikator=ind.nama), TEBAL))
        kalimat: list[str] = []
        if lap is None:
            kalimat.append(self.t("analisis.tanpa_baris", indikator=ind.nama, tahun=str(tahun)))
        else:
            kalimat.append(self._kalimat_target(hi, lap))
            kalimat.extend(self._kalimat_komponen(hi, lap))
        self.par(" ".join(kalimat))
        lalu = self._kalimat_lalu(hi)
        if lalu:
            self.par(" ".join(lalu))
        if lap is not None:
            self.par(self._kalimat_renstra(hi, lap))
        a = self.analisis.get((kode, tahun))
        if a is not None and not a.target_nasional.kosong:
            self.par(self._kalimat_nasional(hi, a))
        tercapai = _tercapai(hi.capaian)
        bagian = [("pendorong", tercapai), ("penghambat", not tercapai), ("upaya", not tercapai),
                  ("tindak_lanjut", True)]
        for medan, wajib in bagian:
            teks = getattr(a, medan) if a is not None else ""
            if teks or wajib:
                self.par((self.t(f"analisis.label_{medan}"), TEBAL))
                self._staf_atau_penanda(teks, self.t(f"analisis.kolom_{medan}"), kode)
        self.par((self.t("analisis.label_efisiensi"), TEBAL))
        if hi.pagu is None:
            self.par(self.t("analisis.tanpa_anggaran", tahun=str(tahun)))
        else:
            isi = dict(pagu=self.rupiah(kode, tahun, "pagu", hi.pagu),
                       realisasi=self.rupiah(kode, tahun, "realisasi_anggaran", hi.realisasi_anggaran or Decimal(0)),
                       serapan=self.persen2(kode, tahun, "serapan", hi.serapan))
            if isinstance(hi.efisiensi, Decimal) and isinstance(hi.capaian, Decimal) and isi["serapan"]:
                rasio = self.h.kebijakan.metode_efisiensi == "rasio"
                self.par(self.t("analisis.efisiensi_rasio" if rasio else "analisis.efisiensi", **isi,
                                capaian=self.persen(kode, tahun, "capaian", hi.capaian),
                                efisiensi=self.desimal2(kode, tahun, "efisiensi", hi.efisiensi),
                                kategori=str(hi.kategori_efisiensi).lower()))
            elif isi["serapan"]:
                self.par(self.t("analisis.efisiensi_na", **isi))
            self._staf_atau_penanda(a.efisiensi if a is not None else "", self.t("analisis.kolom_efisiensi"), kode)

    def _staf_atau_penanda(self, teks: str, kolom: str, kode: str) -> None:
        if teks:
            self.n.staf.append(teks)
            for baris in teks.split("\n"):
                self.par((baris, STAF), butir=True)
        else:
            self.n.blok.append(Paragraf([self.penanda(kolom, kode, self.tahun)]))

    def _kalimat_target(self, hi: HasilIndikator, lap: NilaiTahun) -> str:
        ind, tahun = hi.indikator, self.tahun
        target = self.nilai_kalimat(ind.kode, tahun, "target", lap.target, lap.target_teks, ind.satuan)
        real = self.nilai_kalimat(ind.kode, tahun, "realisasi", lap.realisasi, lap.realisasi_teks, ind.satuan)
        isi = dict(tahun=str(tahun), indikator=ind.nama)
        if isinstance(lap.capaian, Decimal):
            return self.t("analisis.target", **isi, target=target, realisasi=real,
                          capaian=self.persen(ind.kode, tahun, "capaian", lap.capaian), predikat=lap.predikat.label)
        if not target and real:
            return self.t("analisis.tanpa_target", **isi, realisasi=real)
        if target and not real:
            return self.t("analisis.tanpa_realisasi", **isi, target=target)
        if not target and not real:
            return self.t("analisis.tanpa_baris", **isi)
        alasan = lap.capaian.alasan if isinstance(lap.capaian, NA) else self.t("umum.tidak_dihitung")
        return self.t("analisis.target_na", **isi, target=target, realisasi=real, alasan=alasan)

    def _kalimat_komponen(self, hi: HasilIndikator, lap: NilaiTahun) -> list[str]:
        """How a realisasi computed from the yearly counts (column Jumlah) was made."""
        ind, tahun = hi.indikator, self.tahun
        if not lap.dari_komponen or ind.tipe == "rata_rata":
            return []
        rows = [r for r in self.h.data.realisasi_indikator(ind.kode) if r.tahun <= tahun and r.jumlah.angka is not None]
        if ind.tipe == "non_kumulatif":
            if ind.penyebut is None or lap.baris is None or lap.baris.jumlah.angka is None:
                return []
            return [self.t("analisis.komponen_tunggal", tahun=str(tahun),
                           jumlah=self.bilangan(ind.kode, tahun, "jumlah_tahun", lap.baris.jumlah.angka),
                           penyebut=self.bilangan(ind.kode, tahun, "penyebut", ind.penyebut))]
        rincian = self._daftar([self.t("analisis.komponen_item", tahun=str(r.tahun),
                                       jumlah=self.bilangan(ind.kode, r.tahun, "jumlah_tahun", r.jumlah.angka))
                                for r in rows])
        if ind.penyebut is None:
            return [self.t("analisis.komponen_tanpa_penyebut", tahun=str(tahun), rincian=rincian)]
        if lap.jumlah_sd is None:
            return []
        return [self.t("analisis.komponen", tahun=str(tahun), rincian=rincian,
                       jumlah=self.bilangan(ind.kode, tahun, "jumlah", lap.jumlah_sd),
                       penyebut=self.bilangan(ind.kode, tahun, "penyebut", ind.penyebut))]

    def _kalimat_lalu(self, hi: HasilIndikator) -> list[str]:
        """Against the earlier years of the yearly comparison (table 3.2's years)."""
        ind, tahun = hi.indikator, self.tahun
        sebelum = [(y, hi.per_tahun[y]) for y in self.h.tahun_tabel(3)
                   if y < tahun and y in hi.per_tahun and isinstance(hi.per_tahun[y].capaian, Decimal)]
        if not sebelum:
            return [self.t("analisis.tanpa_riwayat")]
        out = []
        lap = hi.laporan
        if lap is not None and isinstance(lap.capaian, Decimal):
            y, v = sebelum[-1]
            sebelum = sebelum[:-1]
            a, b = _bulat2(v.capaian), _bulat2(lap.capaian)
            kunci = "analisis.naik" if b > a else "analisis.turun" if b < a else "analisis.tetap"
            out.append(self.t(kunci, tahun=str(tahun), tahun_lalu=str(y),
                              capaian_lalu=self.persen(ind.kode, y, "capaian", v.capaian),
                              capaian=self.persen(ind.kode, tahun, "capaian", lap.capaian),
                              realisasi_lalu=self.nilai_kalimat(ind.kode, y, "realisasi", v.realisasi, v.realisasi_teks,
                                                                ind.satuan) or "-"))
        if sebelum:
            out.append(self.t("analisis.riwayat", riwayat=self._daftar(
                [self.t("analisis.riwayat_item", tahun=str(y), capaian=self.persen(ind.kode, y, "capaian", v.capaian))
                 for y, v in sebelum])))
        return out

    def _kalimat_renstra(self, hi: HasilIndikator, lap: NilaiTahun) -> str:
        ind, tahun = hi.indikator, self.tahun
        akhir = str(self.p.akhir_renstra)
        if not isinstance(hi.capaian_renstra, Decimal):
            alasan = hi.capaian_renstra.alasan if isinstance(hi.capaian_renstra, NA) else self.t("umum.tidak_dihitung")
            return self.t("analisis.renstra_na", akhir_renstra=akhir, alasan=alasan)
        return self.t("analisis.renstra", akhir_renstra=akhir, tahun=str(tahun),
                      target_renstra=self.nilai_kalimat(ind.kode, self.p.akhir_renstra, "target_renstra",
                                                        hi.target_renstra, hi.target_renstra_teks, ind.satuan),
                      realisasi_sd=self.nilai_kalimat(ind.kode, tahun, "realisasi_sd", lap.realisasi,
                                                      lap.realisasi_teks, ind.satuan),
                      capaian_renstra=self.persen(ind.kode, tahun, "capaian_renstra", hi.capaian_renstra))

    def _kalimat_nasional(self, hi: HasilIndikator, a) -> str:
        ind, tahun = hi.indikator, self.tahun
        tn = self.nilai_kalimat(ind.kode, tahun, "target_nasional", a.target_nasional.nilai, a.target_nasional.teks,
                                ind.satuan)
        sumber = self.t("analisis.nasional_sumber", sumber=a.sumber_target_nasional) if a.sumber_target_nasional else ""
        c = self._capaian_nasional(hi, a)
        if isinstance(c, Decimal):
            return self.t("analisis.nasional", target_nasional=tn, sumber=sumber, tahun=str(tahun),
                          capaian_nasional=self.persen(ind.kode, tahun, "capaian_nasional", c))
        alasan = c.alasan if isinstance(c, NA) else self.t("umum.tidak_dihitung")
        return self.t("analisis.nasional_na", target_nasional=tn, sumber=sumber, alasan=alasan)

    # -- B. anggaran --------------------------------------------------------------------------------
    def anggaran(self) -> None:
        h, tahun = self.h, self.tahun
        self.judul(self.t("bab3.judul_b"), 2)
        total = next((b for b in h.belanja if b.jenis == "Total"), None)
        if total is None:
            self.par(self.t("anggaran.tanpa_belanja", tahun=str(tahun)))
        else:
            kalimat = [self.t("anggaran.total", **self.umum,
                              pagu=self.rupiah("Total", tahun, "pagu_belanja", total.pagu),
                              realisasi=self.rupiah("Total", tahun, "realisasi_belanja", total.realisasi),
                              serapan=self.persen2("Total", tahun, "serapan_belanja", total.serapan) or "-")]
            for b in h.belanja:
                if b.jenis != "Total" and b.pagu is not None and b.realisasi is not None:
                    kalimat.append(self.t("anggaran.jenis", jenis=b.jenis,
                                          pagu=self.rupiah(b.jenis, tahun, "pagu_belanja", b.pagu),
                                          realisasi=self.rupiah(b.jenis, tahun, "realisasi_belanja", b.realisasi),
                                          serapan=self.persen2(b.jenis, tahun, "serapan_belanja", b.serapan) or "-"))
            self.par(" ".join(kalimat))
            self.n.blok.append(self.tabel_belanja(self.t("anggaran.tabel_judul", tahun=str(tahun))))
        tab = self.tabel_efisiensi(self.t("anggaran.tabel_efisiensi_judul", tahun=str(tahun)))
        rasio = h.kebijakan.metode_efisiensi == "rasio"
        self.par(self.t("anggaran.efisiensi_pengantar_rasio" if rasio else "anggaran.efisiensi_pengantar",
                        tabel=self.t("umum.tabel", nomor=tab.nomor)))
        self.n.blok.append(Bagian(lanskap=True))
        self.n.blok.append(tab)
        self.n.blok.append(Bagian(lanskap=False))
        netral = Decimal(1) if rasio else Decimal(0)  # capaian equal to serapan
        positif = [hi.indikator.nama for hi in h.indikator if isinstance(hi.efisiensi, Decimal) and hi.efisiensi > netral]
        negatif = [hi.indikator.nama for hi in h.indikator if isinstance(hi.efisiensi, Decimal) and hi.efisiensi < netral]
        if positif:
            self.par(self.t("anggaran.efisiensi_positif", daftar=self._daftar(positif)))
        if negatif:
            self.par(self.t("anggaran.efisiensi_negatif", daftar=self._daftar(negatif)))
        program = [p for p in h.data.program if p.tahun == tahun]
        if program:
            tab = self.tabel_program(self.t("anggaran.tabel_program_judul", tahun=str(tahun)), program)
            self.par(self.t("anggaran.program_pengantar", tahun=str(tahun), tabel=self.t("umum.tabel", nomor=tab.nomor),
                            jumlah=self.rupiah("", tahun, "pagu_program_jumlah", h.pagu_program)))
            self.n.blok.append(tab)

    # -- charts -------------------------------------------------------------------------------------
    def _gambar_capaian(self) -> Gambar | None:
        from lakip_xl.laporan.dokumen import grafik

        ind = self.h.indikator[:MAKS_GRAFIK]
        if not ind:
            return None
        judul = self.t("capaian.grafik_judul", tahun=str(self.tahun))
        return Gambar(self.gambar_baru(), judul, grafik.batang_capaian(
            [hi.indikator.nama for hi in ind], [hi.capaian if isinstance(hi.capaian, Decimal) else None for hi in ind]))

    def _gambar_tahunan(self, years: list[int]) -> Gambar | None:
        from lakip_xl.laporan.dokumen import grafik

        ind = self.h.indikator[:MAKS_GRAFIK]
        if not ind:
            return None
        seri = [(hi.indikator.nama, [hi.per_tahun[y].capaian if y in hi.per_tahun
                                     and isinstance(hi.per_tahun[y].capaian, Decimal) else None for y in years])
                for hi in ind]
        return Gambar(self.gambar_baru(), self.t("tahunan.grafik_judul"), grafik.garis_tahunan(years, seri))


def _tercapai(c) -> bool:
    return isinstance(c, Decimal) and bulatkan(c, 2, "half_up") >= 100


def _bulat2(c: Decimal) -> Decimal:
    return bulatkan(c, 2, "half_up")


def susun(hasil: HasilLaporan, *, kalimat: Kalimat | None = None, grafik: bool = True) -> Naskah:
    """The document's content from the computed report; `grafik=False` leaves the two charts out."""
    return _Penyusun(hasil, kalimat or muat(), grafik).susun()

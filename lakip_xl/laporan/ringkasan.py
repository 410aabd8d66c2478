"""The summary builder: the LAKIP's tables as `SheetSpec`s, from the computed report.

One builder, two writers: the file sync (lakip_xl.xlsx, editing the package) and the live sync in
Excel (lakip_xl.excel.langsung) both write what `bangun_ringkasan` returns. Pure: no I/O.

Sheets mirror the seed's tables (LAKIP 2020 DKUM Kota Depok): Pengukuran Kinerja (LAMPIRAN),
Capaian Sasaran (BAB III.A), Perbandingan Tahunan (3.2), Capaian Renstra (3.3), Efisiensi Anggaran
(3.6), Realisasi Anggaran (D) and Ikhtisar (executive summary).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache, partial

from lakip_xl.aturan.anggaran import BATAS_EFISIENSI, serapan
from lakip_xl.aturan.angka import format_angka
from lakip_xl.aturan.nilai import NA, Rentang
from lakip_xl.aturan.predikat import Predikat, skala_dari
from lakip_xl.laporan.hitung import HasilIndikator, HasilLaporan, hitung
from lakip_xl.laporan.lembar import (
    SHEET_ANGGARAN,
    SHEET_EFISIENSI,
    SHEET_IKHTISAR,
    SHEET_PEMERIKSAAN,
    SHEET_PENGUKURAN,  # noqa: F401
    SHEET_RENSTRA,
    SHEET_SASARAN,
    SHEET_TAHUNAN,
    SHEET_TRIWULAN,
    judul_efisiensi,
)
from lakip_xl.laporan.periksa import lembar_pemeriksaan, periksa
from lakip_xl.sumber.model import DataLakip
from lakip_xl.xlsx.sheetspec import (
    FMT_ANGKA,
    FMT_DESIMAL2,
    FMT_PERSEN2,
    FMT_RUPIAH,
    Chart,
    LazySheetSpec,
    Series,
    SheetSpec,
    Style,
    cell_ref,
    estimated_row_heights,
)

# Charts show at most this many indicators (a chart of thousands of series helps nobody and
# slows Excel); the tables always hold every indicator.
MAKS_GRAFIK = 20
TINGGI_BARIS = 15.0  # points per line of wrapped text (Calibri 11's default row height)

# --- styles ---------------------------------------------------------------------------------------
JUDUL = Style(bold=True, size=14, halign="center")
SUBJUDUL = Style(bold=True, size=11, halign="center")
CATATAN = Style(italic=True, size=9)
HEADER = Style(bold=True, fill="D9E1F2", halign="center", valign="center", wrap=True, border=True)
TEKS = Style(valign="top", wrap=True, border=True)
TEKS_TENGAH = Style(halign="center", valign="top", wrap=True, border=True)
TEBAL = Style(bold=True, valign="top", wrap=True, border=True)
LABEL = Style(bold=True)
# 45100000000 shown as 45,1 M and 103000000000 as 103 M (three scaling commas = 10^9); the decimals
# follow the value, as the report prints them
FMT_MILIAR = ('#,##0,,," M"', '#,##0.0,,," M"', '#,##0.00,,," M"')


@lru_cache(maxsize=None)
def _angka_style(fmt: str, fill: str | None = None, bold: bool = False) -> Style:
    return Style(number_format=fmt, halign="right", valign="top", border=True, fill=fill, bold=bold)


@lru_cache(maxsize=None)
def _kontras(hex_warna: str) -> str:
    """Black or white text on a fill, whichever reads better."""
    r, g, b = (int(hex_warna[i:i + 2], 16) for i in (0, 2, 4))
    return "000000" if (r * 299 + g * 587 + b * 114) / 1000 > 140 else "FFFFFF"


def _predikat_style(p: Predikat, fmt: str | None = FMT_PERSEN2, halign="right") -> Style:
    return _gaya_warna(p.warna, fmt, halign)


@lru_cache(maxsize=None)
def _gaya_warna(warna: str, fmt: str | None, halign: str) -> Style:
    return Style(number_format=fmt, halign=halign, valign="top", border=True, fill=warna,
                 font_color=_kontras(warna), bold=True)


def _nilai_style(satuan: str, teks: str, nilai: Decimal) -> Style:
    s = (satuan or "").strip().lower()
    t = (teks or "").strip()
    if "%" in s or "persen" in s or t.endswith("%"):
        return _angka_style(FMT_PERSEN2)
    if t[-1:] == "M" or s in ("m", "miliar", "rp m", "rp miliar"):
        miliar = nilai.scaleb(-9).normalize()
        return _angka_style(FMT_MILIAR[min(max(-miliar.as_tuple().exponent, 0), 2)])
    if s.startswith("rp") or t.lower().startswith("rp"):
        return _angka_style(FMT_RUPIAH)
    if nilai == nilai.to_integral_value():
        return _angka_style(FMT_ANGKA)
    return _angka_style(FMT_DESIMAL2)


def _tulis_nilai(sh: SheetSpec, r: int, c: int, nilai, teks: str, satuan: str) -> None:
    """A target or realisasi: numbers stay numbers (with a format by unit), grades and ranges text."""
    if isinstance(nilai, Decimal):
        sh.set(r, c, nilai, style=_nilai_style(satuan, teks, nilai))
    elif isinstance(nilai, Rentang):
        sh.set(r, c, f"{format_angka(nilai.bawah)} - {format_angka(nilai.atas)}", style=TEKS_TENGAH)
    elif isinstance(nilai, NA) or nilai is None:
        sh.set(r, c, "n/a" if isinstance(nilai, NA) else "", style=TEKS_TENGAH)
    else:
        sh.set(r, c, str(nilai), style=TEKS_TENGAH)


def _tulis_capaian(sh: SheetSpec, r: int, c: int, nilai, p: Predikat) -> None:
    if isinstance(nilai, Decimal):
        sh.set(r, c, nilai, style=_predikat_style(p))
    else:
        sh.set(r, c, "n/a", style=_predikat_style(p, None, "center"))


def _judul(sh: SheetSpec, hasil: HasilLaporan, judul: str, ncol: int) -> int:
    """Title rows (merged over the table's width); returns the next free row."""
    p = hasil.data.pengaturan
    baris = [judul, (p.instansi or "").upper(), (p.wilayah or "").upper()]
    r = 1
    for i, teks in enumerate(b for b in baris if b):
        sh.set(r, 1, teks, style=JUDUL if i == 0 else SUBJUDUL)
        if ncol > 1:
            sh.merges.append(f"A{r}:{cell_ref(r, ncol)}")
        r += 1
    return r + 1


def _header(sh: SheetSpec, r: int, labels: list[str]) -> None:
    for c, label in enumerate(labels, start=1):
        sh.set(r, c, label, style=HEADER)


def _merge_col(sh: SheetSpec, c: int, r0: int, r1: int) -> None:
    if r1 > r0:
        sh.merges.append(f"{cell_ref(r0, c)}:{cell_ref(r1, c)}")


def _tabel_indikator(sh: SheetSpec, hasil: HasilLaporan, r: int, isi) -> int:
    """One row per indicator, grouped by sasaran as the report prints them: No and Sasaran written and
    merged over the sasaran's rows; `isi(r, hi)` fills the rest of the row. Returns the next free row."""
    for no, s in enumerate(hasil.sasaran, start=1):
        start = r
        for hi in s.indikator:
            sh.set(r, 1, f"{no}.", style=TEKS_TENGAH)
            sh.set(r, 2, s.nama, style=TEKS)
            isi(r, hi)
            r += 1
        _merge_col(sh, 1, start, r - 1)
        _merge_col(sh, 2, start, r - 1)
    return r


def _tanda_tangan(sh: SheetSpec, hasil: HasilLaporan, r: int, c: int) -> int:
    p = hasil.data.pengaturan
    if not p.kepala:
        return r
    sh.set(r, c, f"KEPALA {(p.instansi or '').upper()}".strip(), style=LABEL)
    sh.set(r + 4, c, p.kepala, style=Style(bold=True))
    if p.nip:
        sh.set(r + 5, c, f"NIP. {p.nip}")
    return r + 6


def _rupiah(x: Decimal | None) -> str:
    return "" if x is None else format_angka(x, gaya="rupiah")


def _persen_teks(x) -> str:
    return format_angka(x, desimal=2, gaya="persen") if isinstance(x, Decimal) else "n/a"


def _footer_catatan(sh: SheetSpec, r: int, hasil: HasilLaporan) -> int:
    k = hasil.kebijakan
    cara = "dibulatkan (ROUND)" if k.pembulatan == "half_up" else "dipotong (TRUNC)"
    sh.set(r, 1, f"Catatan: capaian = realisasi / target x 100, {cara} {k.desimal} desimal; "
                 f"predikat menurut skala '{skala_dari(k.skala_predikat).judul}'. "
                 "Sheet ini dibuat ulang oleh lakip_xl setiap sinkronisasi; jangan diketik manual.", style=CATATAN)
    return r + 1


# --- Pengukuran Kinerja (LAMPIRAN) --------------------------------------------------------------------
def _pengukuran(hasil: HasilLaporan) -> SheetSpec:
    sh = SheetSpec(SHEET_PENGUKURAN, col_widths={1: 5, 2: 36, 3: 40, 4: 12, 5: 12, 6: 11, 7: 30},
                   tab_color="1F4E79")
    r = _judul(sh, hasil, f"PENGUKURAN KINERJA TAHUN {hasil.tahun}", 7)
    _header(sh, r, ["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Realisasi", "%", "Ket"])
    sh.print_title_rows = (r, r)
    sh.freeze = f"A{r + 1}"
    r0 = r + 1
    r = r0

    def isi(r: int, hi: HasilIndikator) -> None:
        ind = hi.indikator
        n = hi.laporan
        sh.set(r, 3, ind.nama, style=TEKS)
        if n is None:
            for c in (4, 5):
                sh.set(r, c, "", style=TEKS)
            _tulis_capaian(sh, r, 6, NA("tidak ada baris realisasi"), hi.predikat_renstra)
            sh.set(r, 7, "Belum ada data tahun ini", style=TEKS)
        else:
            _tulis_nilai(sh, r, 4, n.target, n.target_teks, ind.satuan)
            _tulis_nilai(sh, r, 5, n.realisasi, n.realisasi_teks, ind.satuan)
            _tulis_capaian(sh, r, 6, n.capaian, n.predikat)
            sh.set(r, 7, n.ket, style=TEKS)

    r = _tabel_indikator(sh, hasil, r, isi)
    r += 1
    bl = next((b for b in hasil.belanja if b.jenis.lower() == "belanja langsung"), None)
    if bl is not None:
        sh.set(r, 1, f"Jumlah Anggaran Kegiatan Tahun {hasil.tahun} : {_rupiah(bl.pagu)}")
        sh.set(r + 1, 1, f"Jumlah Realisasi Anggaran Kegiatan Tahun {hasil.tahun} : {_rupiah(bl.realisasi)}")
        r += 3
    r = _tanda_tangan(sh, hasil, r, 6) + 1
    _footer_catatan(sh, r, hasil)
    grafik = hasil.indikator[:MAKS_GRAFIK]
    if not grafik:
        sh.print_area = (1, 1, r, 7)
        return sh
    # The chart prints whole on a page of its own after the table; its data (target = 100 % against
    # the capaian of each indicator) is a helper table below it, outside the printed area.
    a = r + 2
    tinggi = 20
    r = _halaman_grafik(sh, a, tinggi, 7)
    sh.set(r, 2, "Data grafik (tidak dicetak)", style=LABEL)
    r += 1
    _header(sh, r, ["", "Indikator", "Target (%)", "Realisasi (% dari target)"])
    g0 = r + 1
    for i, hi in enumerate(grafik):
        rr = g0 + i
        sh.set(rr, 2, hi.indikator.nama, style=TEKS)
        sh.set(rr, 3, Decimal(100), style=_angka_style(FMT_DESIMAL2))
        c = hi.capaian
        sh.set(rr, 4, c if isinstance(c, Decimal) else "n/a", style=_angka_style(FMT_DESIMAL2))
    g1 = g0 + len(grafik) - 1
    sh.charts.append(Chart(
        kind="bar", title="Target dan Realisasi per Indikator (% terhadap target)",
        categories=f"B{g0}:B{g1}",
        series=(Series("Target", f"C{g0}:C{g1}"), Series("Realisasi", f"D{g0}:D{g1}")),
        anchor=cell_ref(a, 2), width_cols=6, height_rows=tinggi, y_title="%",
    ))
    return sh


def _halaman_grafik(sh: SheetSpec, a: int, tinggi: int, ncol: int) -> int:
    """Print setup for a chart anchored at row `a`, `tinggi` rows high, below the sheet's table: a page
    break above it (so it is never cut across two pages, nor printed under the repeated header rows of
    a page it starts on half-way) and a print area ending with it. Returns the first row after it."""
    sh.page_breaks = (*sh.page_breaks, a)
    sh.print_area = (1, 1, a + tinggi - 1, ncol)  # the chart ends at the top of row a + tinggi
    return a + tinggi + 2


# --- Capaian Sasaran (BAB III.A) -----------------------------------------------------------------------
def _sasaran(hasil: HasilLaporan) -> SheetSpec:
    sh = SheetSpec(SHEET_SASARAN, col_widths={1: 5, 2: 50, 3: 12, 4: 14, 5: 18}, tab_color="1F4E79")
    r = _judul(sh, hasil, f"CAPAIAN KINERJA SASARAN TAHUN {hasil.tahun}", 5)
    _header(sh, r, ["No", "Sasaran Strategis", "Jumlah Indikator", "Rata-rata % Capaian", "Predikat"])
    r += 1
    for no, s in enumerate(hasil.sasaran, start=1):
        sh.set(r, 1, f"{no}.", style=TEKS_TENGAH)
        sh.set(r, 2, s.nama, style=TEKS)
        sh.set(r, 3, len(s.indikator), style=_angka_style(FMT_ANGKA))
        _tulis_capaian(sh, r, 4, s.capaian, s.predikat)
        sh.set(r, 5, s.predikat.label, style=_predikat_style(s.predikat, None, "center"))
        r += 1
    r += 1
    skala = skala_dari(hasil.kebijakan.skala_sasaran)
    sh.set(r, 2, f"Skala predikat: {skala.judul}", style=LABEL)
    r += 1
    for t in skala.tingkat:
        sh.set(r, 2, _batas_teks(t), style=TEKS)
        sh.set(r, 3, t.label, style=Style(fill=t.warna, font_color=_kontras(t.warna), border=True, bold=True))
        sh.merges.append(f"C{r}:E{r}")
        r += 1
    r += 1
    sh.set(r, 1, "Capaian sasaran = rata-rata capaian indikator kinerja sasaran (n/a tidak dihitung).",
           style=CATATAN)
    return sh


def _batas_teks(t) -> str:
    if t.bawah is None:
        return "lainnya"
    op = ">=" if t.inklusif else ">"
    return f"{op} {format_angka(t.bawah, desimal=2)}"


# --- Perbandingan Tahunan (3.2) ---------------------------------------------------------------------
def _tahunan(hasil: HasilLaporan) -> SheetSpec:
    years = hasil.tahun_tabel(3)
    n = len(years)
    ncol = 4 + 3 * n
    sh = SheetSpec(SHEET_TAHUNAN, col_widths={1: 5, 2: 30, 3: 34, 4: 8}, tab_color="1F4E79")
    for c in range(5, ncol + 1):
        sh.col_widths[c] = 10
    r = _judul(sh, hasil, "PERBANDINGAN REALISASI DAN CAPAIAN KINERJA DENGAN TAHUN-TAHUN SEBELUMNYA", ncol)
    h1, h2 = r, r + 1
    # (cells set row by row, left to right, as the sheet writer reads them fastest: lakip_xl.xlsx.sheetxml)
    kolom = ((1, "No"), (2, "Sasaran Strategis"), (3, "Indikator Kinerja"), (4, "Satuan"))
    kelompok = ("Target", "Realisasi", "Capaian (%)")
    for c, label in kolom:
        sh.set(h1, c, label, style=HEADER)
    for g, label in enumerate(kelompok):
        sh.set(h1, 5 + g * n, label, style=HEADER)
        for i in range(1, n):
            sh.set(h1, 5 + g * n + i, "", style=HEADER)
    for c, _ in kolom:
        sh.set(h2, c, "", style=HEADER)
    for g in range(len(kelompok)):
        for i, y in enumerate(years):
            sh.set(h2, 5 + g * n + i, str(y), style=HEADER)
    for c, _ in kolom:
        _merge_col(sh, c, h1, h2)
    for g in range(len(kelompok)):
        if n > 1:
            sh.merges.append(f"{cell_ref(h1, 5 + g * n)}:{cell_ref(h1, 5 + g * n + n - 1)}")
    sh.print_title_rows = (h1, h2)
    sh.freeze = f"A{h2 + 1}"
    r = h2 + 1
    r0 = r

    def isi(r: int, hi: HasilIndikator) -> None:
        ind = hi.indikator
        sh.set(r, 3, ind.nama, style=TEKS)
        sh.set(r, 4, ind.satuan, style=TEKS_TENGAH)
        per = [hi.per_tahun.get(y) for y in years]
        for i, v in enumerate(per, 5):
            if v is None:
                sh.set(r, i, "", style=TEKS)
            else:
                _tulis_nilai(sh, r, i, v.target, v.target_teks, ind.satuan)
        for i, v in enumerate(per, 5 + n):
            if v is None:
                sh.set(r, i, "", style=TEKS)
            else:
                _tulis_nilai(sh, r, i, v.realisasi, v.realisasi_teks, ind.satuan)
        for i, v in enumerate(per, 5 + 2 * n):
            if v is None:
                sh.set(r, i, "", style=TEKS)
            else:
                _tulis_capaian(sh, r, i, v.capaian, v.predikat)

    r = _tabel_indikator(sh, hasil, r, isi)
    r1 = r - 1
    _footer_catatan(sh, r + 1, hasil)
    sh.print_area = (1, 1, r + 1, ncol)
    if hasil.indikator and n > 1:
        c0 = 5 + 2 * n
        _halaman_grafik(sh, r1 + 4, 18, max(ncol, 9))
        sh.charts.append(Chart(
            kind="line", title="Capaian Kinerja per Tahun (%)",
            categories=f"{cell_ref(h2, c0)}:{cell_ref(h2, c0 + n - 1)}",
            series=tuple(Series(hasil.indikator[i].indikator.nama,
                                f"{cell_ref(rr, c0)}:{cell_ref(rr, c0 + n - 1)}")
                         for i, rr in enumerate(range(r0, min(r1, r0 + MAKS_GRAFIK - 1) + 1))),
            anchor=cell_ref(r1 + 4, 2), width_cols=8, height_rows=18, y_title="%",
        ))
    return sh


# --- Capaian Renstra (3.3) --------------------------------------------------------------------------
def _renstra(hasil: HasilLaporan) -> SheetSpec:
    p = hasil.data.pengaturan
    sh = SheetSpec(SHEET_RENSTRA, col_widths={1: 5, 2: 34, 3: 38, 4: 8, 5: 14, 6: 14, 7: 12}, tab_color="1F4E79")
    r = _judul(sh, hasil, "PERBANDINGAN REALISASI KINERJA S/D TAHUN INI DENGAN TARGET RENSTRA", 7)
    _header(sh, r, ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan",
                    f"Target Renstra s/d {p.akhir_renstra}", f"Realisasi s/d {hasil.tahun}", "% Capaian"])
    sh.freeze = f"A{r + 1}"
    r += 1

    def isi(r: int, hi: HasilIndikator) -> None:
        ind = hi.indikator
        lap = hi.laporan
        sh.set(r, 3, ind.nama, style=TEKS)
        sh.set(r, 4, ind.satuan, style=TEKS_TENGAH)
        _tulis_nilai(sh, r, 5, hi.target_renstra, hi.target_renstra_teks, ind.satuan)
        if lap is None:
            sh.set(r, 6, "", style=TEKS)
        else:
            _tulis_nilai(sh, r, 6, lap.realisasi, lap.realisasi_teks, ind.satuan)
        _tulis_capaian(sh, r, 7, hi.capaian_renstra, hi.predikat_renstra)

    r = _tabel_indikator(sh, hasil, r, isi)
    _footer_catatan(sh, r + 1, hasil)
    return sh


# --- Efisiensi Anggaran (3.6) -------------------------------------------------------------------------
def _efisiensi(hasil: HasilLaporan) -> SheetSpec:
    k = hasil.kebijakan
    sh = SheetSpec(SHEET_EFISIENSI, col_widths={1: 5, 2: 30, 3: 34, 4: 11, 5: 11, 6: 11, 7: 17, 8: 17, 9: 11, 10: 12,
                                                11: 14},
                   tab_color="1F4E79")
    r = _judul(sh, hasil, f"ANALISIS EFISIENSI PENGGUNAAN SUMBER DAYA TAHUN {hasil.tahun}", 11)
    _header(sh, r, ["No", "Sasaran", "Indikator Kinerja", "Target", "Realisasi", "% Capaian",
                    "Anggaran (Rp)", "Realisasi Anggaran (Rp)", "% Serapan", judul_efisiensi(k.metode_efisiensi),
                    "Kategori"])
    sh.freeze = f"A{r + 1}"
    r += 1
    rupiah = _angka_style(FMT_ANGKA)

    def isi(r: int, hi: HasilIndikator) -> None:
        ind = hi.indikator
        lap = hi.laporan
        sh.set(r, 3, ind.nama, style=TEKS)
        if lap is not None:
            _tulis_nilai(sh, r, 4, lap.target, lap.target_teks, ind.satuan)
            _tulis_nilai(sh, r, 5, lap.realisasi, lap.realisasi_teks, ind.satuan)
            _tulis_capaian(sh, r, 6, lap.capaian, lap.predikat)
        else:
            for c in (4, 5, 6):
                sh.set(r, c, "", style=TEKS)
        sh.set(r, 7, hi.pagu, style=rupiah)
        sh.set(r, 8, hi.realisasi_anggaran, style=rupiah)
        for c, v in ((9, hi.serapan), (10, hi.efisiensi)):
            if isinstance(v, Decimal):
                sh.set(r, c, v, style=_angka_style(FMT_DESIMAL2))
            else:
                sh.set(r, c, "" if v is None else "n/a", style=TEKS_TENGAH)
        kat = hi.kategori_efisiensi
        sh.set(r, 11, "" if kat is None else str(kat), style=TEKS_TENGAH)

    r = _tabel_indikator(sh, hasil, r, isi)
    pagu = [hi.pagu for hi in hasil.indikator if hi.pagu is not None]
    real = [hi.realisasi_anggaran for hi in hasil.indikator if hi.realisasi_anggaran is not None]
    sh.set(r, 1, "Jumlah", style=TEBAL)
    for c in range(2, 7):
        sh.set(r, c, "", style=TEBAL)
    sh.merges.append(f"A{r}:F{r}")
    sh.set(r, 7, sum(pagu, Decimal(0)) if pagu else None, style=_angka_style(FMT_ANGKA, bold=True))
    sh.set(r, 8, sum(real, Decimal(0)) if real else None, style=_angka_style(FMT_ANGKA, bold=True))
    r += 2
    sh.set(r, 1, catatan_efisiensi(k), style=CATATAN)
    return sh


def catatan_efisiensi(k) -> str:
    """The footnote under the efisiensi table: the formula and the category bounds in use."""
    e, c = BATAS_EFISIENSI[k.metode_efisiensi]
    e = e if k.batas_efisien is None else k.batas_efisien
    c = c if k.batas_cukup_efisien is None else k.batas_cukup_efisien
    if k.metode_efisiensi == "rasio":
        rumus = "Efisiensi = % capaian / % serapan anggaran (rasio); 1 atau lebih berarti capaian setara atau " \
                "lebih tinggi daripada serapan anggaran."
    else:
        rumus = "Efisiensi = % capaian - % serapan anggaran (poin persentase); positif berarti capaian lebih " \
                "tinggi daripada serapan anggaran."
    return (f"{rumus} Kategori: {format_angka(e)} atau lebih Efisien; {format_angka(c)} sampai di bawah "
            f"{format_angka(e)} Cukup Efisien; di bawah {format_angka(c)} Tidak Efisien (sheet Pengaturan: "
            "Metode Efisiensi, Batas Efisien, Batas Cukup Efisien).")


# --- Realisasi Anggaran (D) ---------------------------------------------------------------------------
def _anggaran(hasil: HasilLaporan) -> SheetSpec:
    sh = SheetSpec(SHEET_ANGGARAN, col_widths={1: 5, 2: 52, 3: 20, 4: 20, 5: 11, 6: 10, 7: 34}, tab_color="1F4E79")
    r = _judul(sh, hasil, f"REALISASI ANGGARAN TAHUN {hasil.tahun}", 5)
    _header(sh, r, ["No", "Uraian", "Anggaran (Rp)", "Realisasi (Rp)", "% Serapan"])
    r += 1
    for i, b in enumerate(hasil.belanja, start=1):
        total = b.jenis == "Total"
        st = TEBAL if total else TEKS
        sh.set(r, 1, "" if total else f"{i}.", style=st)
        sh.set(r, 2, "Total Belanja" if total else b.jenis, style=st)
        sh.set(r, 3, b.pagu, style=_angka_style(FMT_ANGKA, bold=total))
        sh.set(r, 4, b.realisasi, style=_angka_style(FMT_ANGKA, bold=total))
        if isinstance(b.serapan, Decimal):
            sh.set(r, 5, b.serapan, style=_angka_style(FMT_PERSEN2, bold=total))
        else:
            sh.set(r, 5, "n/a", style=TEKS_TENGAH)
        r += 1
    program = [p for p in hasil.data.program if p.tahun == hasil.tahun]
    if program:
        r += 1
        sh.set(r, 1, f"Program dalam Perjanjian Kinerja {hasil.tahun}", style=LABEL)
        r += 1
        _header(sh, r, ["No", "Program", "Anggaran (Rp)", "Realisasi (Rp)", "Serapan (%)", "Sasaran",
                        "Keterangan"])
        r += 1
        k = hasil.kebijakan
        for p in program:
            pagu = p.pagu.angka if p.pagu.angka is not None else Decimal(0)
            sh.set(r, 1, p.no, style=TEKS_TENGAH)
            sh.set(r, 2, p.nama, style=TEKS)
            sh.set(r, 3, pagu, style=_angka_style(FMT_ANGKA))
            _tulis_serapan(sh, r, 4, pagu, p.realisasi.angka, k, False)
            sh.set(r, 6, p.kode_sasaran, style=TEKS_TENGAH)
            sh.set(r, 7, p.keterangan, style=TEKS)
            r += 1
        sh.set(r, 1, "", style=TEBAL)
        sh.set(r, 2, "Jumlah Anggaran", style=TEBAL)
        sh.set(r, 3, hasil.pagu_program, style=_angka_style(FMT_ANGKA, bold=True))
        real = [p.realisasi.angka for p in program if p.realisasi.angka is not None]
        _tulis_serapan(sh, r, 4, hasil.pagu_program, sum(real, Decimal(0)) if real else None, k, True)
    return sh


def _tulis_serapan(sh: SheetSpec, r: int, c: int, pagu, real, k, tebal: bool) -> None:
    """Realisasi (Rp) at column c and its serapan at c + 1 (docs/aturan.md section 4); blank when the
    realisasi is not filled."""
    if real is None:
        sh.set(r, c, "", style=TEKS)
        sh.set(r, c + 1, "", style=TEKS)
        return
    sh.set(r, c, real, style=_angka_style(FMT_ANGKA, bold=tebal))
    s = serapan(pagu, real, desimal=k.desimal, pembulatan=k.pembulatan)
    if isinstance(s, Decimal):
        sh.set(r, c + 1, s, style=_angka_style(FMT_PERSEN2, bold=tebal))
    else:
        sh.set(r, c + 1, "n/a", style=TEKS_TENGAH)


# --- Ikhtisar -------------------------------------------------------------------------------------------
def _ikhtisar(hasil: HasilLaporan) -> SheetSpec:
    sh = SheetSpec(SHEET_IKHTISAR, col_widths={1: 5, 2: 36, 3: 40, 4: 12, 5: 12, 6: 11, 7: 30}, tab_color="1F4E79")
    r = _judul(sh, hasil, f"IKHTISAR EKSEKUTIF LAPORAN KINERJA TAHUN {hasil.tahun}", 7)
    indikator = hasil.indikator
    tercapai = [hi for hi in indikator if isinstance(hi.capaian, Decimal) and hi.capaian >= 100]
    na = [hi for hi in indikator if not isinstance(hi.capaian, Decimal)]
    s_tercapai = [s for s in hasil.sasaran if isinstance(s.capaian, Decimal) and s.capaian >= 100]
    baris = [
        ("Jumlah sasaran strategis", len(hasil.sasaran)),
        ("Sasaran yang mencapai target (rata-rata capaian >= 100%)", len(s_tercapai)),
        ("Jumlah indikator kinerja", len(indikator)),
        ("Indikator yang mencapai atau melampaui target (capaian >= 100%)", len(tercapai)),
        ("Indikator yang belum mencapai target", len(indikator) - len(tercapai) - len(na)),
        ("Indikator yang capaiannya tidak dapat dihitung (n/a)", len(na)),
    ]
    for label, n in baris:
        sh.set(r, 2, label, style=TEKS)
        sh.merges.append(f"B{r}:C{r}")
        sh.set(r, 3, "", style=TEKS)
        sh.set(r, 4, n, style=_angka_style(FMT_ANGKA, bold=True))
        r += 1
    r += 1
    total = next((b for b in hasil.belanja if b.jenis == "Total"), None)
    if total is not None:
        bagian = ", ".join(
            f"{b.jenis} {_rupiah(b.pagu)} (realisasi {_rupiah(b.realisasi)}, {_persen_teks(b.serapan)})"
            for b in hasil.belanja if b.jenis != "Total")
        sh.set(r, 2, f"Total anggaran belanja {_rupiah(total.pagu)}, realisasi {_rupiah(total.realisasi)} "
                     f"({_persen_teks(total.serapan)}); terdiri dari {bagian}.", style=Style(wrap=True, valign="top"))
        sh.merges.append(f"B{r}:G{r}")
        sh.row_heights[r] = 45
        r += 2
    _header(sh, r, ["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Realisasi", "%", "Ket"])
    r += 1

    def isi(r: int, hi: HasilIndikator) -> None:
        lap = hi.laporan
        sh.set(r, 3, hi.indikator.nama, style=TEKS)
        if lap is None:
            for c in (4, 5, 6, 7):
                sh.set(r, c, "", style=TEKS)
        else:
            _tulis_nilai(sh, r, 4, lap.target, lap.target_teks, hi.indikator.satuan)
            _tulis_nilai(sh, r, 5, lap.realisasi, lap.realisasi_teks, hi.indikator.satuan)
            _tulis_capaian(sh, r, 6, lap.capaian, lap.predikat)
            sh.set(r, 7, lap.ket, style=TEKS)

    r = _tabel_indikator(sh, hasil, r, isi)
    return sh


def _tinggi_baris(sh: SheetSpec, pt_per_baris: float = TINGGI_BARIS) -> SheetSpec:
    """Row heights for wrapped text, estimated now (lakip_xl.xlsx.sheetspec.estimated_row_heights): the
    sheets the live writers write cell by cell."""
    sh.row_heights.update(estimated_row_heights(sh, pt_per_baris))
    return sh


def _pemeriksaan(hasil: HasilLaporan) -> SheetSpec:
    """The audit's findings (lakip_xl.laporan.periksa): stated figures that do not follow from the data."""

    return lembar_pemeriksaan(periksa(hasil.data, hasil), hasil.tahun)


# --- Capaian Triwulan ---------------------------------------------------------------------------------
def _triwulan(hasil: HasilLaporan) -> SheetSpec:
    """The quarterly rows of the report year: realisasi per triwulan, s/d each triwulan by tipe, and
    capaian s/d against the annual target (lakip_xl.laporan.triwulan)."""
    from lakip_xl.laporan.triwulan import ROMAWI, hitung_triwulan

    ncol = 19
    sh = SheetSpec(SHEET_TRIWULAN, col_widths={1: 5, 2: 28, 3: 32, 4: 9, 5: 13, 6: 11, 19: 22}, tab_color="1F4E79")
    for c in range(7, 19):
        sh.col_widths[c] = 10
    r = _judul(sh, hasil, f"CAPAIAN KINERJA PER TRIWULAN TAHUN {hasil.tahun}", ncol)
    baris = hitung_triwulan(hasil)
    if not baris:
        sh.set(r, 1, f"Belum ada baris triwulan tahun {hasil.tahun} di sheet Realisasi. Isi kolom Triwulan "
                     "(I, II, III, IV) pada baris realisasi triwulan; tabel ini lalu dibuat saat sinkronisasi.",
               style=CATATAN)
        return sh
    h1, h2 = r, r + 1
    for c, label in ((1, "No"), (2, "Sasaran Strategis"), (3, "Indikator Kinerja"), (4, "Satuan"),
                     (5, "Tipe Penghitungan"), (6, "Target Tahunan"), (19, "Predikat (s/d triwulan terakhir)")):
        sh.set(h1, c, label, style=HEADER)
        sh.set(h2, c, "", style=HEADER)
        _merge_col(sh, c, h1, h2)
    for g, label in enumerate(("Realisasi per Triwulan", "Realisasi s/d Triwulan",
                               "Capaian s/d Triwulan thd Target Tahunan (%)")):
        c0 = 7 + 4 * g
        sh.set(h1, c0, label, style=HEADER)
        for i in range(1, 4):
            sh.set(h1, c0 + i, "", style=HEADER)
        sh.merges.append(f"{cell_ref(h1, c0)}:{cell_ref(h1, c0 + 3)}")
        for i, tw in enumerate(ROMAWI):
            sh.set(h2, c0 + i, f"TW {tw}", style=HEADER)
    sh.print_title_rows = (h1, h2)
    sh.freeze = f"D{h2 + 1}"
    r = h2 + 1
    tipe = {"kumulatif": "Kumulatif", "non_kumulatif": "Non Kumulatif", "rata_rata": "Rata-rata"}
    no_sasaran = {s.kode: no for no, s in enumerate(hasil.sasaran, start=1)}
    nama_sasaran = {s.kode: s.nama for s in hasil.sasaran}
    for b in baris:
        ind = b.hasil.indikator
        sh.set(r, 1, f"{no_sasaran.get(ind.kode_sasaran, '')}.", style=TEKS_TENGAH)
        sh.set(r, 2, nama_sasaran.get(ind.kode_sasaran, ""), style=TEKS)
        sh.set(r, 3, ind.nama, style=TEKS)
        sh.set(r, 4, ind.satuan, style=TEKS_TENGAH)
        sh.set(r, 5, tipe.get(ind.tipe, ind.tipe), style=TEKS_TENGAH)
        _tulis_nilai(sh, r, 6, b.target_tahunan, b.target_teks, ind.satuan)
        for q in range(4):
            _tulis_nilai(sh, r, 7 + q, b.realisasi[q], b.realisasi_teks[q], ind.satuan)
            _tulis_nilai(sh, r, 11 + q, b.sd[q], "", ind.satuan)
            if b.capaian[q] is None:
                sh.set(r, 15 + q, "", style=TEKS)
            else:
                _tulis_capaian(sh, r, 15 + q, b.capaian[q], b.predikat[q])
        q = b.terakhir
        if q is None:
            sh.set(r, 19, "", style=TEKS)
        else:
            p = b.predikat[q]
            sh.set(r, 19, f"{p.label} (TW {ROMAWI[q]})", style=_predikat_style(p, None, "center"))
        r += 1
    r += 1
    sh.set(r, 1, "Catatan: realisasi s/d triwulan menurut tipe penghitungan (Kumulatif dijumlah, Non Kumulatif "
                 "nilai triwulan terakhir, Rata-rata dirata-rata); capaian dihitung terhadap target tahunan "
                 "dengan aturan yang sama dengan tabel lain. Sheet ini dibuat ulang setiap sinkronisasi.",
           style=CATATAN)
    sh.print_area = (1, 1, r, ncol)
    return sh


# The sheets in workbook order, each with its builder.
_PEMBANGUN = ((SHEET_IKHTISAR, _ikhtisar), (SHEET_PENGUKURAN, _pengukuran), (SHEET_SASARAN, _sasaran),
              (SHEET_TAHUNAN, _tahunan), (SHEET_RENSTRA, _renstra), (SHEET_EFISIENSI, _efisiensi),
              (SHEET_ANGGARAN, _anggaran), (SHEET_TRIWULAN, _triwulan), (SHEET_PEMERIKSAAN, _pemeriksaan))


def _bangun(fungsi, hasil: HasilLaporan, nama: str | None = None, *, penulis_berkas: bool = False) -> SheetSpec:
    """One sheet. Its rows of wrapped text get their heights estimated now, or, for the package writer
    (`penulis_berkas`), as it writes each row (the same estimate without one more pass over every cell:
    0.2 s of a 50,000-row sync)."""
    sh = fungsi(hasil)
    if penulis_berkas:
        sh.auto_row_height = TINGGI_BARIS
    else:
        _tinggi_baris(sh)
    if nama is not None:
        sh.name = nama  # charts quote the sheet by the name it is written under
    return sh


def bangun_dari_hasil(hasil: HasilLaporan, nama: dict[str, str] | None = None) -> list[SheetSpec]:
    """Every summary sheet, built now (the live sync writes them cell by cell through Excel).

    `nama`: plain sheet name -> the name to write it under (lakip_xl.laporan.lembar.NAMA_PETA for a
    workbook mapped with `lakip-xl peta`); the plain names when None."""
    return [_bangun(fungsi, hasil, (nama or {}).get(n)) for n, fungsi in _PEMBANGUN]


def rencana_dari_hasil(hasil: HasilLaporan, nama: dict[str, str] | None = None) -> list[LazySheetSpec]:
    """The same sheets, each built only when the package writer reaches it (the file sync): a large
    report then holds one sheet's cells at a time instead of all of them. `nama` as for
    `bangun_dari_hasil`."""
    nama = nama or {}
    return [LazySheetSpec(nama.get(n, n), partial(_bangun, fungsi, hasil, nama.get(n), penulis_berkas=True))
            for n, fungsi in _PEMBANGUN]


def bangun_ringkasan(data: DataLakip) -> list[SheetSpec]:
    """Every summary sheet of the LAKIP, from the workbook's data."""
    return bangun_dari_hasil(hitung(data))


def ringkas_baris(hi: HasilIndikator) -> tuple[str, str, str, str, str]:
    """One terminal line of an indicator: name, target, realisasi, capaian, predikat (all text)."""
    lap = hi.laporan

    satuan = (hi.indikator.satuan or "").strip().lower()

    def teks(v, asli: str) -> str:
        """Indonesian notation whatever the typing was ("77.33%" shows as 77,33%)."""
        if isinstance(v, Decimal):
            if "%" in satuan or "persen" in satuan or asli.strip().endswith("%"):
                return format_angka(v, desimal=2, gaya="persen")
            if asli.strip()[-1:] in ("M", "T") or asli.strip().lower().endswith(("jt", "juta")):
                return format_angka(v, gaya="singkat")
            return format_angka(v, desimal=None if v == v.to_integral_value() else 2)
        if isinstance(v, Rentang):
            return f"{format_angka(v.bawah)} - {format_angka(v.atas)}"
        return "n/a" if isinstance(v, NA) else ("" if v is None else str(v))

    if lap is None:
        return hi.indikator.nama, "", "", "n/a", "n/a"
    return (hi.indikator.nama, teks(lap.target, lap.target_teks), teks(lap.realisasi, lap.realisasi_teks),
            _persen_teks(lap.capaian), lap.predikat.label)

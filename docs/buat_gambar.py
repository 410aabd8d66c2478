"""Render the pictures of the docs through LibreOffice (PDF, then pdftoppm):

    python3 docs/buat_gambar.py

- docs/pengukuran_kinerja.png (the README picture) and docs/ringkasan/<sheet>.png, the first printed
  page of every summary sheet of the synced sample, plus the page of each chart (what staff print);
- docs/peta_lakip.png, the Peta LAKIP sheet of the Depok report typed the dinas way
  (tests/data/lakip_dinas_depok_2020.xlsx) as `lakip-xl peta` writes it (docs/panduan.md section 6d).

Works on copies in a temp folder (the tracked files are never touched).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lakip_xl.berkas import libreoffice  # noqa: E402
from lakip_xl.sync import sinkron  # noqa: E402

# summary sheet -> (text its first page starts with, file name); the charts' pages follow their sheet's
RINGKASAN = [
    ("IKHTISAR EKSEKUTIF", "ikhtisar"),
    ("PENGUKURAN KINERJA TAHUN", "pengukuran_kinerja"),
    ("CAPAIAN KINERJA SASARAN", "capaian_sasaran"),
    ("PERBANDINGAN REALISASI DAN CAPAIAN", "perbandingan_tahunan"),
    ("PERBANDINGAN REALISASI KINERJA S/D", "capaian_renstra"),
    ("ANALISIS EFISIENSI", "efisiensi_anggaran"),
    ("REALISASI ANGGARAN TAHUN", "realisasi_anggaran"),
    ("CAPAIAN KINERJA PER TRIWULAN", "capaian_triwulan"),
    ("PEMERIKSAAN ANGKA", "pemeriksaan"),
]
GRAFIK = {"pengukuran_kinerja", "perbandingan_tahunan"}  # a page of its own after the table


def _ringkasan(tmp: Path) -> list[Path]:
    buku = tmp / "contoh.xlsx"
    shutil.copyfile(ROOT / "workbooks" / "contoh_depok_2020.xlsx", buku)
    sinkron(buku, backups=0)
    pdf = libreoffice.pdf(buku, tmp)
    out = []
    folder = ROOT / "docs" / "ringkasan"
    folder.mkdir(exist_ok=True)
    for awal, nama in RINGKASAN:
        halaman = libreoffice.halaman_dengan_teks(pdf, awal)
        if halaman is None:
            raise SystemExit(f"Halaman '{awal}' tidak ditemukan di PDF.")
        out.append(libreoffice.gambar_halaman(pdf, halaman, folder / f"{nama}.png", dpi=60))
        if nama in GRAFIK:
            out.append(libreoffice.gambar_halaman(pdf, halaman + 1, folder / f"{nama}_grafik.png", dpi=60))
        if nama == "pengukuran_kinerja":
            out.append(libreoffice.gambar_halaman(pdf, halaman, ROOT / "docs" / "pengukuran_kinerja.png", dpi=90))
    return out


def _peta(tmp: Path) -> Path:
    from lakip_xl.sumber.peta import petakan, tulis_peta

    buku = tmp / "LAPORAN.xlsx"
    shutil.copyfile(ROOT / "tests" / "data" / "lakip_dinas_depok_2020.xlsx", buku)
    tulis_peta(buku, petakan(buku), backups=0)
    pdf = libreoffice.pdf(buku, tmp / "peta")
    halaman = libreoffice.halaman_dengan_teks(pdf, "PETA LAKIP")
    if halaman is None:
        raise SystemExit("Halaman Peta LAKIP tidak ditemukan di PDF.")
    return libreoffice.gambar_halaman(pdf, halaman, ROOT / "docs" / "peta_lakip.png", dpi=90)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        for p in _ringkasan(Path(tmp)) + [_peta(Path(tmp))]:
            print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())

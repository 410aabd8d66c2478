"""Render the README picture: the Pengukuran Kinerja sheet of the synced sample, through LibreOffice.

    python3 docs/buat_gambar.py          # writes docs/pengukuran_kinerja.png

Syncs a copy of workbooks/contoh_depok_2020.xlsx in a temp folder (the tracked file is never touched),
converts it to PDF with LibreOffice headless, finds the page of the sheet and renders it with pdftoppm.
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


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        buku = Path(tmp) / "contoh.xlsx"
        shutil.copyfile(ROOT / "workbooks" / "contoh_depok_2020.xlsx", buku)
        sinkron(buku, backups=0)
        pdf = libreoffice.pdf(buku, tmp)
        halaman = libreoffice.halaman_dengan_teks(pdf, "PENGUKURAN KINERJA TAHUN")
        if halaman is None:
            print("Halaman Pengukuran Kinerja tidak ditemukan di PDF.", file=sys.stderr)
            return 1
        out = libreoffice.gambar_halaman(pdf, halaman, ROOT / "docs" / "pengukuran_kinerja.png", dpi=90)
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""LibreOffice headless: a real spreadsheet application to convert workbooks to CSV and PDF.

Used by the tests (proof that a synced or exported workbook opens and shows the right numbers), by
`lakip-xl ekspor --pdf` and by the script that renders the README picture. Each call runs soffice with
a private, throw-away profile (so it never touches the user's LibreOffice settings and two calls never
share a lock). LibreOffice's re-saved files are never given back to users: it rewrites the whole
package (see shared/docs/excel.md).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from lakip_xl.errors import LakipError

# Forces LibreOffice to recalculate every formula of an .xlsx on load instead of showing cached
# values (OOXMLRecalcMode 0 = "always"): the way to prove what a workbook shows on a PC where
# formulas get recalculated.
_RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

# CSV filter: comma, double quote, UTF-8 (76), from row 1, raw values (not as shown), every sheet to
# its own file (the last token, -1; LibreOffice >= 7.2).
_CSV_SEMUA_SHEET = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


class LibreOfficeError(LakipError):
    """LibreOffice is missing or failed to convert a file."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _perlu_soffice() -> str:
    exe = soffice()
    if exe is None:
        raise LibreOfficeError(
            "LibreOffice tidak terpasang di komputer ini, jadi PDF tidak dapat dibuat.",
            saran="Pasang LibreOffice (Debian/Ubuntu: apt-get install libreoffice-calc-nogui; Windows: "
                  "libreoffice.org), lalu jalankan lagi. Berkas .xlsx hasil ekspor tetap tersimpan.",
        )
    return exe


def konversi(path: str | Path, filter_: str, outdir: str | Path, *, hitung_ulang: bool = False,
             timeout: int = 180) -> list[Path]:
    """Convert `path` with the LibreOffice filter `filter_` into `outdir`; returns the new files."""
    exe = _perlu_soffice()
    path, outdir = Path(path), Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    sebelum = set(outdir.iterdir())
    with tempfile.TemporaryDirectory(prefix="lakipxl-lo-") as profil:
        if hitung_ulang:
            user = Path(profil) / "user"
            user.mkdir(parents=True)
            (user / "registrymodifications.xcu").write_text(_RECALC_XCU, encoding="utf-8")
        cmd = [exe, f"-env:UserInstallation={Path(profil).as_uri()}", "--headless", "--norestore",
               "--convert-to", filter_, "--outdir", str(outdir), str(path)]
        env = dict(os.environ, HOME=profil)
        try:
            proses = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise LibreOfficeError(f"LibreOffice tidak selesai mengonversi {path.name} dalam {timeout} detik.",
                                   saran="Tutup LibreOffice yang sedang terbuka, lalu coba lagi.") from None
    baru = sorted(set(outdir.iterdir()) - sebelum)
    if proses.returncode != 0 or not baru:
        raise LibreOfficeError(
            f"LibreOffice gagal mengonversi {path.name}: {(proses.stderr or proses.stdout).strip()[:300]}",
            saran="Periksa bahwa berkas dapat dibuka di Excel atau LibreOffice.",
        )
    return baru


def csv_per_sheet(path: str | Path, outdir: str | Path, *, hitung_ulang: bool = False) -> dict[str, Path]:
    """Every sheet as a CSV file (raw values), keyed by sheet name."""
    path = Path(path)
    files = konversi(path, _CSV_SEMUA_SHEET, outdir, hitung_ulang=hitung_ulang)
    awalan = path.stem + "-"
    return {f.stem[len(awalan):] if f.stem.startswith(awalan) else f.stem: f for f in files if f.suffix == ".csv"}


def pdf(path: str | Path, outdir: str | Path) -> Path:
    files = [f for f in konversi(path, "pdf", outdir) if f.suffix == ".pdf"]
    return files[0]


def halaman_dengan_teks(pdf_path: str | Path, teks: str) -> int | None:
    """The first page (1-based) whose text starts with `teks` (pdftotext); None when absent."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise LibreOfficeError("pdftotext (poppler-utils) tidak terpasang.", saran="apt-get install poppler-utils")
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    halaman = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    for p in range(1, halaman + 1):
        isi = subprocess.run([exe, "-f", str(p), "-l", str(p), str(pdf_path), "-"],
                             capture_output=True, text=True, check=True).stdout
        if isi.lstrip().startswith(teks):
            return p
    return None


def gambar_halaman(pdf_path: str | Path, halaman: int, png: str | Path, *, dpi: int = 80) -> Path:
    """Render one PDF page to PNG with pdftoppm."""
    png = Path(png)
    awalan = png.with_suffix("")
    subprocess.run(["pdftoppm", "-f", str(halaman), "-l", str(halaman), "-r", str(dpi), "-png",
                    "-singlefile", str(pdf_path), str(awalan)], check=True, capture_output=True)
    return png

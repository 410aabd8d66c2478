"""Staff PC setup (`lakip-xl pasang`): the xlwings add-in and the settings the workbook's VBA reads.

On Windows with Excel:
1. refuse a Microsoft Store Python (its sandboxed paths break xlwings' DLL loading and the config file);
2. check the installed xlwings is the pinned version (the workbook's VBA names xlwings64-<version>.dll);
3. run `xlwings addin install` (copies xlwings.xlam to Excel's XLSTART folder);
4. write INTERPRETER_WIN (this Python) and UDF MODULES (lakip_xl.udf) into the user config
   %USERPROFILE%\\.xlwings\\xlwings.conf, keeping any other line. The workbook's own xlwings.conf sheet
   deliberately has no interpreter row, so this per-PC file decides (see lakip_xl.excel.vba).
Elsewhere nothing is changed: the same steps are printed in Bahasa Indonesia for a Windows PC.

`pasang(dry_run=True)` only lists what it would do. Returns the lines shown to the user.

The other form of the command, `lakip-xl pasang BUKU` (our VBA project, the xlwings.conf sheet and the
button put into a user's workbook), is lakip_xl.excel.pasang_buku.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

from lakip_xl.errors import BerkasError, LakipError
from lakip_xl.excel.vba import UDF_MODULE, XLWINGS_VERSION

Cetak = Callable[[str], None]


def langkah_manual() -> list[str]:
    """The steps for a staff PC, in Bahasa Indonesia (printed on machines where pasang cannot act)."""
    return [
        "Pemasangan add-in hanya dapat dilakukan di Windows dengan Microsoft Excel. "
        "Di komputer ini tidak ada yang diubah. Lakukan langkah berikut di PC Windows:",
        "1. Pasang Python 3.11 atau lebih baru dari https://www.python.org/downloads/ "
        "(JANGAN dari Microsoft Store). Saat memasang, centang \"Add python.exe to PATH\".",
        "2. Tutup semua jendela Excel.",
        "3. Buka Command Prompt (tekan tombol Windows, ketik cmd, Enter), lalu ketik: "
        "py -m pip install lakip_xl   (atau berkas .whl yang diberikan pengelola: py -m pip install <berkas>.whl)",
        "4. Masih di Command Prompt, ketik: lakip-xl pasang",
        f"   Perintah ini memasang add-in xlwings {XLWINGS_VERSION} dan menulis pengaturan "
        f"Interpreter_Win (lokasi python.exe) serta UDF Modules = {UDF_MODULE} ke berkas "
        "%USERPROFILE%\\.xlwings\\xlwings.conf.",
        "5. Buka Excel: tab \"xlwings\" harus muncul di pita (ribbon).",
        "6. Buka workbook LAKIP (.xlsm). Bila berkas diterima lewat e-mail atau diunduh, klik kanan berkas "
        "> Properties > centang Unblock > OK sebelum membukanya (atau simpan di Trusted Location), "
        "lalu klik Enable Content.",
        "7. Ketik =CAPAIAN(100;50) di sel kosong: hasilnya harus 50.",
        "Panduan lengkap: docs/panduan.md.",
    ]


def _python_store(executable: str) -> bool:
    return "windowsapps" in executable.lower()


def _ada_excel() -> bool:
    """Excel is registered as a COM server (HKEY_CLASSES_ROOT\\Excel.Application)."""
    try:
        import winreg

        with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, r"Excel.Application\CLSID"):
            return True
    except OSError:
        return False


def user_config_path() -> Path:
    """%USERPROFILE%\\.xlwings\\xlwings.conf (the file xlwings' VBA reads after the workbook sheet)."""
    return Path(os.path.expanduser("~")) / ".xlwings" / "xlwings.conf"


def perbarui_config(teks_lama: str, nilai: dict[str, str]) -> str:
    """The user config with `nilai` set (keys compared case-insensitively), other lines kept.
    Format as xlwings writes it: one `"KEY","VALUE"` per line."""
    sisa = []
    kunci = {k.lower() for k in nilai}
    for baris in teks_lama.splitlines():
        isi = baris.strip()
        if isi.startswith('"'):
            nama = isi[1:].split('"', 1)[0]
            if nama.lower() in kunci:
                continue
        if isi:
            sisa.append(baris)
    baru = [f'"{k}","{v}"' for k, v in nilai.items()]
    return "\n".join(sisa + baru) + "\n"


def _tulis_config(path: Path, nilai: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lama = path.read_text(encoding="cp1252") if path.exists() else ""
    data = perbarui_config(lama, nilai).encode("cp1252")  # VBA's `Input #` reads the ANSI code page
    fd, tmp = tempfile.mkstemp(prefix="xlwings.conf.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def pasang(dry_run: bool = False, *, cetak: Cetak = print, platform: str | None = None) -> list[str]:
    """Set up this PC for the LAKIP workbooks (see the module docstring). Returns the lines shown.

    Raises LakipError (Indonesian message) when the PC cannot be set up: Microsoft Store Python,
    wrong xlwings version, Excel missing, `xlwings addin install` failing."""
    platform = platform or sys.platform
    if not platform.startswith("win"):
        baris = langkah_manual()
        for b in baris:
            cetak(b)
        return baris

    baris: list[str] = []

    def lapor(teks: str) -> None:
        baris.append(teks)
        cetak(teks)

    if _python_store(sys.executable):
        raise LakipError(
            f"Python yang dipakai berasal dari Microsoft Store ({sys.executable}); xlwings tidak dapat memakainya.",
            saran="Hapus Python dari Microsoft Store (Settings > Apps), pasang Python dari python.org, "
            "lalu ulangi: py -m pip install lakip_xl, kemudian lakip-xl pasang.")
    import xlwings

    if xlwings.__version__ != XLWINGS_VERSION:
        raise LakipError(
            f"Versi xlwings yang terpasang {xlwings.__version__}, sedangkan workbook LAKIP memerlukan {XLWINGS_VERSION}.",
            saran=f"Jalankan: py -m pip install xlwings=={XLWINGS_VERSION}, lalu lakip-xl pasang lagi.")
    if not _ada_excel():
        raise LakipError("Microsoft Excel tidak ditemukan di komputer ini.",
                         saran="Pasang Microsoft Excel (2016 atau lebih baru), lalu jalankan lakip-xl pasang lagi.")

    perintah = [sys.executable, "-m", "xlwings.cli", "addin", "install"]
    config = user_config_path()
    nilai = {"INTERPRETER_WIN": sys.executable, "UDF MODULES": UDF_MODULE}
    awalan = "[uji coba, tidak dijalankan] " if dry_run else ""
    lapor(f"{awalan}Memasang add-in xlwings {XLWINGS_VERSION}: {' '.join(perintah)}")
    if not dry_run:
        hasil = subprocess.run(perintah, capture_output=True, text=True)
        if hasil.returncode != 0:
            raise LakipError(
                "Add-in xlwings gagal dipasang: " + (hasil.stderr or hasil.stdout).strip()[-300:],
                saran="Tutup semua jendela Excel lalu jalankan lakip-xl pasang lagi.")
    lapor(f"{awalan}Menulis pengaturan ke {config}: Interpreter_Win = {sys.executable}; UDF Modules = {UDF_MODULE}")
    if not dry_run:
        try:
            _tulis_config(config, nilai)
        except OSError as e:
            raise BerkasError(f"Berkas pengaturan {config} tidak dapat ditulis ({e.strerror}).",
                              saran="Periksa izin folder atau jalankan Command Prompt sebagai pengguna biasa.",
                              berkas=str(config)) from None
    lapor("Selesai. Tutup lalu buka kembali Excel. Bila workbook LAKIP diterima lewat e-mail: klik kanan "
          "berkas > Properties > Unblock, lalu Enable Content saat dibuka.")
    return baris


__all__ = ["pasang", "langkah_manual", "perbarui_config", "user_config_path"]

"""Issue 13: an ekspor, laporan or pasang whose write fails half-way (an exception while the temp file
is written or when it replaces the target) leaves no temp file beside the workbook, and the target
and the workbook as they were. The failures are injected into the os calls the atomic write makes
(lakip_xl.berkas.safety.tulis_atomik: write + fsync the temp file, then os.replace). A SIGKILL cannot
be cleaned up by the process itself; tests/test_sync_crash.py covers that for the sync."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lakip_xl.errors import BerkasError

ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "workbooks" / "contoh_depok_2020.xlsx"


def _isi_folder(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in d.iterdir() if p.is_file()}


class Disuntik(Exception):
    """The injected failure (not an OSError, so no handler turns it into a message)."""


def _gagal_di(monkeypatch, titik: str, jenis: type[BaseException]):
    """Make os.fsync (while the temp file is written) or os.replace (when it takes the target's place)
    raise `jenis`, once it is called on a lakip_xl temp file."""
    asli = getattr(os, titik)
    dipanggil = []

    def gagal(*args, **kwargs):
        if titik == "fsync" or ".lakipxl-" in str(args[0]) or "xlwings.conf." in str(args[0]):
            dipanggil.append(args)
            raise jenis(28, "No space left on device") if issubclass(jenis, OSError) else jenis("disuntik")
        return asli(*args, **kwargs)

    monkeypatch.setattr(os, titik, gagal)
    return dipanggil


KASUS = [("fsync", OSError), ("fsync", Disuntik), ("fsync", KeyboardInterrupt),
         ("replace", OSError), ("replace", Disuntik)]


@pytest.mark.parametrize("titik, jenis", KASUS)
def test_laporan_gagal_menulis_tanpa_sisa(tmp_path, monkeypatch, titik, jenis):
    from lakip_xl.laporan.dokumen.buat import buat_laporan

    buku = tmp_path / CONTOH.name
    shutil.copyfile(CONTOH, buku)
    (tmp_path / "contoh_depok_2020_LKjIP.docx").write_bytes(b"dokumen lama staf")  # a document already there
    sebelum = _isi_folder(tmp_path)
    dipanggil = _gagal_di(monkeypatch, titik, jenis)
    with pytest.raises(BerkasError if jenis is OSError else jenis):
        buat_laporan(buku, grafik=False)
    assert dipanggil
    assert _isi_folder(tmp_path) == sebelum  # no temp file; the old document and the workbook unchanged


@pytest.mark.parametrize("titik, jenis", KASUS)
def test_ekspor_gagal_menulis_tanpa_sisa(tmp_path, monkeypatch, titik, jenis):
    from lakip_xl.surel.ekspor import ekspor

    buku = tmp_path / CONTOH.name
    shutil.copyfile(CONTOH, buku)
    sebelum = _isi_folder(tmp_path)
    dipanggil = _gagal_di(monkeypatch, titik, jenis)
    with pytest.raises(BerkasError if jenis is OSError else jenis):
        ekspor(buku)
    assert dipanggil
    assert _isi_folder(tmp_path) == sebelum


@pytest.mark.parametrize("jenis", [OSError, Disuntik, KeyboardInterrupt])
def test_pasang_config_gagal_menulis_tanpa_sisa(tmp_path, monkeypatch, jenis):
    from lakip_xl.excel.pasang import _tulis_config

    conf = tmp_path / "xlwings.conf"
    conf.write_bytes(b'"INTERPRETER_WIN","C:\\\\Python\\\\python.exe"\n')
    sebelum = _isi_folder(tmp_path)
    dipanggil = _gagal_di(monkeypatch, "replace", jenis)
    with pytest.raises(jenis):
        _tulis_config(conf, {"UDF MODULES": "lakip_xl.udf"})
    assert dipanggil
    assert _isi_folder(tmp_path) == sebelum


def test_pemeriksaan_melihat_sisa_bila_pembersihan_tidak_jalan(tmp_path, monkeypatch):
    """The check above can fail: with the clean-up's os.unlink disabled, the same injected failure
    leaves the temp file beside the workbook and the folder differs."""
    from lakip_xl.laporan.dokumen.buat import buat_laporan

    buku = tmp_path / CONTOH.name
    shutil.copyfile(CONTOH, buku)
    sebelum = _isi_folder(tmp_path)
    _gagal_di(monkeypatch, "replace", Disuntik)
    monkeypatch.setattr(os, "unlink", lambda *a, **k: None)
    with pytest.raises(Disuntik):
        buat_laporan(buku, grafik=False)
    sisa = set(_isi_folder(tmp_path)) - set(sebelum)
    assert len(sisa) == 1 and ".lakipxl-" in next(iter(sisa))

"""`lakip-xl pasang`: on this (non-Windows) machine it only prints the steps, in Bahasa Indonesia."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lakip_xl.errors import LakipError
from lakip_xl.excel import pasang as p


@pytest.fixture
def rumah(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    return tmp_path


def test_bukan_windows_mencetak_langkah_tanpa_mengubah_apa_pun(rumah):
    dicetak = []
    baris = p.pasang(cetak=dicetak.append, platform="linux")
    assert baris == dicetak == p.langkah_manual()
    teks = "\n".join(baris)
    assert "python.org" in teks and "Microsoft Store" in teks
    assert "lakip-xl pasang" in teks and "Unblock" in teks and "Trusted Location" in teks
    assert "=CAPAIAN(100;50)" in teks
    # numbered steps 1..7, in order
    nomor = [int(b.split(".")[0]) for b in baris if b[:1].isdigit()]
    assert nomor == list(range(1, 8))
    assert list(rumah.iterdir()) == []  # nothing written


def test_dry_run_bukan_windows_sama(rumah):
    assert p.pasang(dry_run=True, cetak=lambda s: None, platform="darwin") == p.langkah_manual()


def test_windows_dry_run_tidak_menjalankan_apa_pun(rumah, monkeypatch):
    monkeypatch.setattr(p, "_ada_excel", lambda: True)

    def dilarang(*args, **kwargs):
        raise AssertionError("dry run must not run a command")

    monkeypatch.setattr(subprocess, "run", dilarang)
    baris = p.pasang(dry_run=True, cetak=lambda s: None, platform="win32")
    assert baris[0].startswith("[uji coba, tidak dijalankan] Memasang add-in xlwings 0.37.8")
    assert "addin install" in baris[0]
    assert "UDF Modules = lakip_xl.udf" in baris[1]
    assert list(rumah.iterdir()) == []


def test_windows_menolak_python_microsoft_store(monkeypatch):
    monkeypatch.setattr(sys, "executable",
                        r"C:\Users\staf\AppData\Local\Microsoft\WindowsApps\python3.11.exe")
    with pytest.raises(LakipError, match="Microsoft Store") as e:
        p.pasang(cetak=lambda s: None, platform="win32")
    assert "python.org" in e.value.masalah.saran


def test_windows_tanpa_excel(monkeypatch):
    monkeypatch.setattr(p, "_ada_excel", lambda: False)
    with pytest.raises(LakipError, match="Excel tidak ditemukan"):
        p.pasang(cetak=lambda s: None, platform="win32")


def test_windows_menulis_config(rumah, monkeypatch):
    monkeypatch.setattr(p, "_ada_excel", lambda: True)
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, "", ""))
    config = rumah / ".xlwings" / "xlwings.conf"
    config.parent.mkdir()
    config.write_text('"INTERPRETER_WIN","C:\\lama\\python.exe"\n"LICENSE_KEY","abc"\n', encoding="cp1252")
    p.pasang(cetak=lambda s: None, platform="win32")
    assert config.read_text(encoding="cp1252").splitlines() == [
        '"LICENSE_KEY","abc"',
        f'"INTERPRETER_WIN","{sys.executable}"',
        '"UDF MODULES","lakip_xl.udf"',
    ]


# existing config text, expected lines (xlwings' format: "KEY","VALUE" per line)
CONFIG = [
    ("", ['"INTERPRETER_WIN","C:\\py\\python.exe"', '"UDF MODULES","lakip_xl.udf"']),
    ('"udf modules","lain"\n"CONDA PATH","C:\\conda"\n',
     ['"CONDA PATH","C:\\conda"', '"INTERPRETER_WIN","C:\\py\\python.exe"', '"UDF MODULES","lakip_xl.udf"']),
]


@pytest.mark.parametrize("lama, expected", CONFIG)
def test_perbarui_config(lama, expected):
    got = p.perbarui_config(lama, {"INTERPRETER_WIN": "C:\\py\\python.exe", "UDF MODULES": "lakip_xl.udf"})
    assert got.splitlines() == expected

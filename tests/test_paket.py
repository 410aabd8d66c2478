"""The installed package (issue 11): `lakip-xl pasang BUKU` needs the VBA sources of macros/ and pyopenvba
and XlsxWriter at run time, so the wheel carries macros/*.bas as lakip_xl/macros/ (setup.py) and its
metadata requires both packages; lakip_xl.excel.vba finds the sources in a checkout and in an install."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_the_macros_and_requires_what_pasang_needs(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT),
                    "-w", str(tmp_path)], check=True, capture_output=True, cwd=tmp_path)
    (whl,) = tmp_path.glob("lakip_xl-*.whl")
    with zipfile.ZipFile(whl) as z:
        nama = set(z.namelist())
        meta = z.read(next(n for n in nama if n.endswith(".dist-info/METADATA"))).decode()
        for f in sorted((ROOT / "macros").glob("*.bas")):
            assert z.read(f"lakip_xl/macros/{f.name}") == f.read_bytes(), f.name
    wajib = [b.split(";")[0].strip() for b in meta.splitlines() if b.startswith("Requires-Dist:") and "extra ==" not in b]
    assert any(w.startswith("Requires-Dist: pyopenvba==") for w in wajib), wajib
    assert any(w.startswith("Requires-Dist: xlsxwriter") for w in wajib), wajib


def test_macro_folder_of_an_install(tmp_path, monkeypatch):
    import lakip_xl.excel.vba as vba

    assert vba.MACROS_DIR == ROOT / "macros"  # the checkout's, when there is one
    monkeypatch.setattr(vba, "ROOT", tmp_path)  # an install: no macros/ beside the package
    assert vba._folder_makro() == ROOT / "lakip_xl" / "macros"

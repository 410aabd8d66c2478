"""A sync SIGKILLed during its write phase (issue 13, items 7 and 8): the workbook is always the old or
the new version, the next sync succeeds, the previous version is never lost, and no lakip_xl temp file
stays behind.

The sync of a generated 20,000-row workbook runs in a child process (tests/fixtures/sync_terbunuh.py)
whose write phase is marked in checkpoints: every 256 KB of a temp file's content, every fsync,
chmod, mkstemp and replace inside safety.tulis_atomik, and the moment after it (lock still held). A
first run counts them (N); then 20 checkpoints spread evenly over 1..N are each run in a fresh copy,
the parent SIGKILLs the child there, and checks the folder. Two older backups are in place before each
run, so a kill inside the backup rotation is covered too.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lakip_xl.berkas import safety
from lakip_xl.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name == "nt", reason="SIGKILL")]

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "fixtures" / "sync_terbunuh.py"
BARIS = 20_000
TITIK = 20
CADANGAN_LAMA = (b"cadangan lama 1 (versi sebelum yang terakhir)", b"cadangan lama 2 (versi paling tua)")


def _anak(path: Path, k: int) -> subprocess.Popen:
    # The runner is a script (sys.path[0] is its folder): put the checkout first so the child imports
    # this tree's lakip_xl whether or not the package is installed.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    return subprocess.Popen([sys.executable, str(RUNNER), str(path), str(k)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)


def _siapkan(d: Path, v0: Path) -> Path:
    d.mkdir()
    p = d / "besar.xlsx"
    shutil.copyfile(v0, p)
    for n, isi in enumerate(CADANGAN_LAMA, start=1):
        safety.backup_path(p, n).write_bytes(isi)
    return p


def _sisa_sementara(d: Path) -> list[str]:
    return sorted(n for n in os.listdir(d) if re.fullmatch(r"\..*\.lakipxl-.*\.tmp", n))


def test_sync_dibunuh_di_20_titik_fase_tulis(tmp_path):
    from lakip_xl.excel.buku import buat_workbook_sintetis

    v0 = buat_workbook_sintetis(tmp_path / "v0.xlsx", BARIS)
    lama = v0.read_bytes()

    # the reference run: the number of checkpoints, and the new version
    p = _siapkan(tmp_path / "acuan", v0)
    proc = _anak(p, 0)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err[-2000:]
    n = int(re.search(r"JUMLAH (\d+)", out).group(1))
    baru = p.read_bytes()
    assert baru != lama and n >= TITIK

    titik = sorted({1 + round(i * (n - 1) / (TITIK - 1)) for i in range(TITIK)})
    assert len(titik) == TITIK
    dilihat: dict[str, int] = {}  # what the child was about to do at the kills
    keadaan = {"lama": 0, "baru": 0, "tmp_terpotong": 0, "bak_tmp": 0}
    for k in titik:
        d = tmp_path / f"titik{k}"
        p = _siapkan(d, v0)
        proc = _anak(p, k)
        baris = proc.stdout.readline()
        assert baris.startswith(f"TITIK {k} "), (baris, proc.stderr.read()[-2000:] if proc.poll() is not None else "")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        assert proc.returncode == -signal.SIGKILL
        apa = baris.split()[2]
        dilihat[apa] = dilihat.get(apa, 0) + 1

        # right after the kill: the workbook is the old or the new version, never anything else
        isi = p.read_bytes()
        assert isi in (lama, baru), k
        keadaan["lama" if isi == lama else "baru"] += 1
        sisa = _sisa_sementara(d)
        keadaan["tmp_terpotong"] += any(not n_.endswith(".bak.tmp") and len((d / n_).read_bytes()) < len(baru)
                                        for n_ in sisa)
        keadaan["bak_tmp"] += any(n_.endswith(".bak.tmp") for n_ in sisa)

        # the next sync: it takes the crashed sync's lock over, cleans up, and succeeds
        res = CliRunner().invoke(main, ["sync", "--diam", str(p)])
        assert res.exit_code == 0, (k, apa, res.output[-2000:])
        assert "Traceback" not in res.output
        assert p.read_bytes() == baru, k
        # the previous version is never lost: backup 1 is the old workbook, the older ones follow
        assert [safety.backup_path(p, i).read_bytes() for i in (1, 2, 3)] == [lama, *CADANGAN_LAMA], (k, apa)
        assert _sisa_sementara(d) == [], (k, apa)
        assert not safety.lock_path(p).exists()
        shutil.rmtree(d)  # 20 copies of a 2.5 MB workbook and its backups need not pile up

    # the kills were spread over the write phase, not only before it
    assert dilihat.get("tulis", 0) >= 5 and {"fsync", "replace"} <= set(dilihat), dilihat
    assert keadaan["lama"] and keadaan["baru"] and keadaan["tmp_terpotong"] and keadaan["bak_tmp"], keadaan

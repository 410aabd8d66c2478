"""Sync speed and memory against openpyxl's load_workbook + save of the same file, in one run.

    python3 benchmarks/sync_bench.py                 # 500, 5,000 and 50,000 realisasi rows
    python3 benchmarks/sync_bench.py --rows 500,5000

For each size a synthetic workbook in the template's layout is generated (lakip_xl.excel.buku), then, each in
a fresh Python process (so peak memory is that process's own maximum resident set size, read with
os.wait4; the workbooks are generated in a child process too, because Linux starts a child's
ru_maxrss at its parent's resident size when the child execs, and a parent that built the
50,000-row workbook itself would pass on ~200 MiB): `lakip_xl.sync.sinkron` on one copy, and openpyxl load_workbook + save on another copy.
Targets (issue "LAKIP workbook ... sync"): time <= 0.5x and peak memory <= 0.5x of openpyxl at 5,000
and 50,000 rows, and sync time growing at most linearly (50,000-row time / 5,000-row time <= 12).
Issue 14 tightens the time to <= 0.4x openpyxl at 5,000 and 50,000 rows, and adds the floor: the least
any sync must do, measured in a fresh process the same way, = python-calamine reading every data sheet
(the sheets lakip_xl.sumber.model.KOLOM names, every cell to Python) + writing the synced package again
(every entry read and deflated into a new zip with zipfile, as a writer that produced the same bytes
would at least do). Target: sync <= 2.5x the floor at 50,000 rows.
Wall-clock times are the median of --repeat runs (default 3).

Both sides run as installed code does: from compiled bytecode. The child processes get a bytecode
cache of their own (PYTHONPYCACHEPREFIX in the temporary folder, so the checkout is not touched, and
PYTHONDONTWRITEBYTECODE removed), filled by one untimed run of each command first; otherwise a
PYTHONDONTWRITEBYTECODE=1 environment makes every run recompile lakip_xl from source while
openpyxl's installed bytecode is used. --cold keeps the environment as it is.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUAT = "from lakip_xl.excel.buku import buat_workbook_sintetis; buat_workbook_sintetis({path!r}, {n})"
SYNC = "from lakip_xl.sync import sinkron; sinkron({path!r}, backups=0)"
OPENPYXL = "import openpyxl; wb = openpyxl.load_workbook({path!r}); wb.save({path!r})"
LANTAI = """
import zipfile
from python_calamine import CalamineWorkbook
from lakip_xl.sumber.model import KOLOM
wb = CalamineWorkbook.from_path({path!r})
for nama in wb.sheet_names:
    if nama in KOLOM:
        wb.get_sheet_by_name(nama).to_python()
with zipfile.ZipFile({hasil!r}) as z, zipfile.ZipFile({path!r} + ".salin", "w", zipfile.ZIP_DEFLATED) as out:
    for info in z.infolist():
        out.writestr(info.filename, z.read(info))
"""


def lingkungan(tmp: str, cold: bool) -> dict[str, str]:
    """The child processes' environment (see the module docstring)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if not cold:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
    return env


def ukur(kode: str, path: Path, env: dict[str, str], **lain: str) -> tuple[float, float]:
    """Run `kode` in a fresh interpreter; wall time in seconds and peak RSS in MiB."""
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-c", kode.format(path=str(path), **lain)], env=env)
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark step failed: {kode}")
    return dt, ru.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", default="500,5000,50000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cold", action="store_true", help="no bytecode cache for the child processes")
    args = ap.parse_args()
    sizes = [int(x) for x in args.rows.split(",")]
    hasil = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = lingkungan(tmp, args.cold)
        for k, n in enumerate(sizes):
            asli = Path(tmp) / f"sintetis_{n}.xlsx"
            subprocess.run([sys.executable, "-c", BUAT.format(path=str(asli), n=n)], env=env, check=True)
            if k == 0 and not args.cold:  # untimed: fills the bytecode cache of both sides
                for kode, nama in ((SYNC, "warm_s.xlsx"), (OPENPYXL, "warm_o.xlsx")):
                    shutil.copyfile(asli, Path(tmp) / nama)
                    ukur(kode, Path(tmp) / nama, env)
            t_sync, m_sync, t_opx, m_opx, t_lantai = [], [], [], [], []
            for i in range(args.repeat):
                a, b, c = (Path(tmp) / f"{x}{n}_{i}.xlsx" for x in "sol")
                for x in (a, b, c):
                    shutil.copyfile(asli, x)
                t, m = ukur(SYNC, a, env)
                t_sync.append(t)
                m_sync.append(m)
                t, m = ukur(OPENPYXL, b, env)
                t_opx.append(t)
                m_opx.append(m)
                t_lantai.append(ukur(LANTAI, c, env, hasil=str(a))[0])
            hasil[n] = (statistics.median(t_sync), max(m_sync), statistics.median(t_opx), max(m_opx),
                        asli.stat().st_size, statistics.median(t_lantai))
    print("child processes: " + ("environment as is (--cold)" if args.cold else "warm bytecode cache")
          + f"; this process's own peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB"
          " (no child can show less)")
    print(f"median of {args.repeat} runs")
    print(f"{'rows':>7} {'file KiB':>9} {'sync s':>8} {'openpyxl s':>11} {'time x':>7} "
          f"{'sync MiB':>9} {'openpyxl MiB':>13} {'mem x':>6} {'floor s':>8} {'x floor':>8}")
    for n, (ts, ms, to, mo, size, tl) in hasil.items():
        print(f"{n:>7} {size / 1024:>9.0f} {ts:>8.2f} {to:>11.2f} {ts / to:>7.2f} {ms:>9.1f} {mo:>13.1f} "
              f"{ms / mo:>6.2f} {tl:>8.2f} {ts / tl:>8.2f}")
    if 5000 in hasil and 50000 in hasil:
        print(f"growth: sync time 50,000 / 5,000 rows = {hasil[50000][0] / hasil[5000][0]:.2f} (target <= 12)")
    print("targets: time x <= 0.4 (issue 14; round 1: 0.5) and mem x <= 0.5 at 5,000 and 50,000 rows; "
          "x floor <= 2.5 at 50,000 rows")
    for n, (ts, ms, to, mo, _, tl) in hasil.items():
        if n in (5000, 50000):
            print(f"  {n} rows: time {'met' if ts / to <= 0.4 else 'MISSED'}, "
                  f"memory {'met' if ms / mo <= 0.5 else 'MISSED'}"
                  + (f", floor {'met' if ts / tl <= 2.5 else 'MISSED'}" if n == 50000 else ""))
    if 5000 in hasil and 50000 in hasil:
        print(f"  growth: {'met' if hasil[50000][0] / hasil[5000][0] <= 12 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

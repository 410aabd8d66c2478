"""ekspor (the values-only copy) against the sync of the same workbook and openpyxl load + save, in one run.

    python3 benchmarks/ekspor_bench.py                          # 500, 5,000 and 50,000 rows, median of 3
    python3 benchmarks/ekspor_bench.py --rows 500,5000 --repeat 1   # a quick run

Measured as benchmarks/sync_bench.py measures (its helpers are imported, not copied): for each size a
synthetic workbook in the template's layout (lakip_xl.excel.buku.buat_workbook_sintetis, generated in a
child process), then, each in a fresh Python process with a warm bytecode cache, wall time and peak
RSS (os.wait4) of `lakip_xl.surel.ekspor.ekspor` on one copy, `lakip_xl.sync.sinkron` on another and
openpyxl load_workbook + save on a third. Times are the median of --repeat runs, memory the maximum.

Targets (issue 14): ekspor at 50,000 rows <= 2x the sync's time of the same workbook and <= 0.5x
openpyxl load + save peak memory; ekspor time growing at most linearly (50,000 / 5,000 rows <= 12).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sync_bench import BUAT, OPENPYXL, SYNC, lingkungan, ukur  # noqa: E402

EKSPOR = ("from lakip_xl.surel.ekspor import ekspor; "
          "h = ekspor({path!r}); assert h.rumus_lakip > 0")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", default="500,5000,50000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cold", action="store_true", help="no bytecode cache for the child processes")
    args = ap.parse_args()
    sizes = [int(x) for x in args.rows.split(",")]
    langkah = (("ekspor", EKSPOR), ("sync", SYNC), ("openpyxl", OPENPYXL))
    hasil: dict[int, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = lingkungan(tmp, args.cold)
        for k, n in enumerate(sizes):
            asli = Path(tmp) / f"sintetis_{n}.xlsx"
            subprocess.run([sys.executable, "-c", BUAT.format(path=str(asli), n=n)], env=env, check=True)
            if k == 0 and not args.cold:  # untimed: fills the bytecode cache of every side
                for nama, kode in langkah:
                    salinan = Path(tmp) / f"warm_{nama}.xlsx"
                    shutil.copyfile(asli, salinan)
                    ukur(kode, salinan, env)
            waktu: dict[str, list[float]] = {nama: [] for nama, _ in langkah}
            memori: dict[str, list[float]] = {nama: [] for nama, _ in langkah}
            for i in range(args.repeat):
                for nama, kode in langkah:
                    salinan = Path(tmp) / f"{nama}{n}_{i}.xlsx"
                    shutil.copyfile(asli, salinan)
                    t, m = ukur(kode, salinan, env)
                    waktu[nama].append(t)
                    memori[nama].append(m)
                    salinan.unlink()
                    salinan.with_name(salinan.stem + "_ekspor.xlsx").unlink(missing_ok=True)
            hasil[n] = {nama: (statistics.median(waktu[nama]), max(memori[nama])) for nama, _ in langkah}
            asli.unlink()
    print("child processes: " + ("environment as is (--cold)" if args.cold else "warm bytecode cache")
          + f"; median of {args.repeat} run(s); this process's own peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB (no child can show less)")
    print(f"{'rows':>7} {'ekspor s':>9} {'sync s':>7} {'openpyxl s':>11} {'/sync':>6} {'/opx':>5} "
          f"{'ekspor MiB':>11} {'sync MiB':>9} {'openpyxl MiB':>13} {'mem /opx':>9}")
    for n, h in hasil.items():
        (te, me), (ts, ms), (to, mo) = h["ekspor"], h["sync"], h["openpyxl"]
        print(f"{n:>7} {te:>9.2f} {ts:>7.2f} {to:>11.2f} {te / ts:>6.2f} {te / to:>5.2f} "
              f"{me:>11.1f} {ms:>9.1f} {mo:>13.1f} {me / mo:>9.2f}")
    print("targets: at 50,000 rows ekspor time <= 2x the sync, peak memory <= 0.5x openpyxl load + save; "
          "growth 50,000 / 5,000 rows <= 12")
    if 50000 in hasil:
        h = hasil[50000]
        print(f"  50000 rows: time {h['ekspor'][0] / h['sync'][0]:.2f}x sync "
              f"{'met' if h['ekspor'][0] / h['sync'][0] <= 2 else 'MISSED'}, "
              f"memory {h['ekspor'][1] / h['openpyxl'][1]:.2f}x openpyxl "
              f"{'met' if h['ekspor'][1] / h['openpyxl'][1] <= 0.5 else 'MISSED'}")
    if 5000 in hasil and 50000 in hasil:
        g = hasil[50000]["ekspor"][0] / hasil[5000]["ekspor"][0]
        print(f"  growth: ekspor time 50,000 / 5,000 rows = {g:.2f} {'met' if g <= 12 else 'MISSED'}")
    for n, h in hasil.items():
        if n != 50000:
            print(f"  {n} rows (no target at this size): {h['ekspor'][0] / h['sync'][0]:.2f}x sync time, "
                  f"{h['ekspor'][1] / h['openpyxl'][1]:.2f}x openpyxl memory")
    return 0


if __name__ == "__main__":
    sys.exit(main())

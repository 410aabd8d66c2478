"""The LKjIP document (`lakip-xl laporan`) against the sync of the same workbook, in one run.

    python3 benchmarks/dokumen_bench.py                # a 500-indicator workbook (3,000 realisasi rows)
    python3 benchmarks/dokumen_bench.py --indikator 100,500 --repeat 3

For each size a synthetic workbook in the template's layout is generated (lakip_xl.excel.buku, six
years per indicator), then, each in a fresh Python process as a user runs them: `lakip_xl.sync.sinkron`
on one copy and `lakip_xl.laporan.dokumen.buat.buat_laporan` (charts included) on another. Target
(issue 15): the document in at most 2x the time of the sync. Wall-clock times are the median of
--repeat runs; both sides run from a bytecode cache filled by one untimed run (as installed code does).
"""

from __future__ import annotations

import argparse
import os
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
DOKUMEN = "from lakip_xl.laporan.dokumen.buat import buat_laporan; buat_laporan({path!r})"
# the same without the two charts (native Word charts: their XML and embedded workbooks)
TANPA_GRAFIK = "from lakip_xl.laporan.dokumen.buat import buat_laporan; buat_laporan({path!r}, grafik=False)"
TARGET = 2.0


def ukur(kode: str, path: Path, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", kode.format(path=str(path))], env=env, check=True)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--indikator", default="500")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    semua_ok = True
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for n in (int(x) for x in args.indikator.split(",")):
            asli = Path(tmp) / f"sintetis_{n}.xlsx"
            subprocess.run([sys.executable, "-c", BUAT.format(path=str(asli), n=n * 6)], env=env, check=True)
            hasil = {"sync": [], "dokumen": [], "tanpa_grafik": []}
            for i in range(args.repeat + 1):
                for nama, kode in (("sync", SYNC), ("dokumen", DOKUMEN), ("tanpa_grafik", TANPA_GRAFIK)):
                    salinan = Path(tmp) / f"{nama}_{n}.xlsx"
                    shutil.copyfile(asli, salinan)
                    dt = ukur(kode, salinan, env)
                    if i:  # the first round fills the bytecode cache
                        hasil[nama].append(dt)
            t_sync = statistics.median(hasil["sync"])
            for nama, label in (("dokumen", "dokumen"), ("tanpa_grafik", "dokumen tanpa grafik")):
                t = statistics.median(hasil[nama])
                rasio = t / t_sync
                ok = rasio <= TARGET
                if nama == "dokumen":
                    semua_ok &= ok
                print(f"{n} indikator ({n * 6} baris realisasi): sync {t_sync:.2f} s, {label} {t:.2f} s, "
                      f"rasio {rasio:.2f}x (target <= {TARGET:.0f}x): {'met' if ok else 'MISSED'}")
    return 0 if semua_ok else 1


if __name__ == "__main__":
    sys.exit(main())

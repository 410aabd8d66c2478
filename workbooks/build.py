#!/usr/bin/env python3
"""Build the LAKIP workbooks (template and sample, each as .xlsx and macro-enabled .xlsm) from workbooks/src.

    python workbooks/build.py                 # rebuild the four files in workbooks/
    python workbooks/build.py --keluar DIR    # build into DIR instead
    python workbooks/build.py --cek           # rebuild into a temp folder; exit 1 when the committed
                                              # files differ (every zip entry but docProps/core.xml)

The logic lives in lakip_xl.excel.buku (importable by tests and benchmarks); this is a thin script.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

from lakip_xl.excel.buku import bangun_semua, beda_berkas  # noqa: E402

SRC = HERE / "src"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keluar", type=Path, default=HERE, help="output folder (default: workbooks/)")
    ap.add_argument("--cek", action="store_true", help="check that the committed workbooks are up to date")
    args = ap.parse_args(argv)
    if args.cek:
        with tempfile.TemporaryDirectory() as tmp:
            baru = bangun_semua(SRC, tmp)
            gagal = False
            for b in baru:
                lama = HERE / b.name
                if not lama.exists():
                    print(f"{lama.name}: belum ada (jalankan python workbooks/build.py)")
                    gagal = True
                    continue
                beda = beda_berkas(lama, b)
                if beda:
                    print(f"{lama.name}: berbeda dari hasil build ulang: {', '.join(beda)}")
                    gagal = True
                else:
                    print(f"{lama.name}: sama")
            return 1 if gagal else 0
    for p in bangun_semua(SRC, args.keluar):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Expected cell grids of the summary sheets of the synced sample (golden data).

    python3 tests/golden/grid.py        # regenerate tests/golden/ringkasan_contoh.json on purpose

Review the diff of the JSON like code: every changed cell is a changed figure or label in a LAKIP
table. The grid is read back from the synced file with python-calamine (what any reader sees), plus
the merged ranges.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("ringkasan_contoh.json")
CONTOH = ROOT / "workbooks" / "contoh_depok_2020.xlsx"


def _ref(r: int, c: int) -> str:
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return f"{s}{r + 1}"


def grid(path: Path, sheets: list[str]) -> dict:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    out = {}
    for name in sheets:
        sh = wb.get_sheet_by_name(name)
        rows = sh.to_python(skip_empty_area=False)
        cells = {}
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v == "" or v is None:
                    continue
                if isinstance(v, float) and v.is_integer():
                    v = int(v)
                cells[_ref(r, c)] = v
        merges = sorted(f"{_ref(a[0], a[1])}:{_ref(b[0], b[1])}" for a, b in (sh.merged_cell_ranges or []))
        out[name] = {"cells": cells, "merges": merges}
    return out


def synced_grid() -> dict:
    sys.path.insert(0, str(ROOT))
    from lakip_xl.laporan.lembar import SHEET_RINGKASAN
    from lakip_xl.sync import sinkron

    with tempfile.TemporaryDirectory() as tmp:
        buku = Path(tmp) / CONTOH.name
        shutil.copyfile(CONTOH, buku)
        h = sinkron(buku, backups=0)
        names = list(SHEET_RINGKASAN) + [n for n in h.perubahan.sheets_added + h.perubahan.sheets_replaced
                                         if n not in SHEET_RINGKASAN]
        return grid(buku, names)


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(synced_grid(), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                      encoding="utf-8")
    print(GOLDEN)

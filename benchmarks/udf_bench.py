"""One array call of CAPAIAN over a 10,000-row column against 10,000 single-cell calls.

Measures the Python side of an xlwings UDF call as xlwings' COM server runs it
(xlwings.udfs.call_udf, 0.37.8): each argument through `xlwings.conversion.read` with the function's
options (ndim=2), the function, the result through `xlwings.conversion.write`. The engine-specific
steps are those of xlwings._xlwindows.Engine (copied below, since that module needs pywin32).

Not measured: the COM round trip between Excel and Python, 4-13 ms per call by user reports
(shared/docs/excel.md); it multiplies the advantage of one array call further. Printed, not asserted.

Second table (issue 14): each array function over one long column (default 1,000,000 rows), the
function only (arguments as the 2-D lists xlwings hands over), median of 3 runs, as a ratio to
CAPAIAN over the same rows. Target: PREDIKAT and SERAPAN <= 1.5x CAPAIAN; KETERANGAN and
CAPAIAN_SASARAN are printed beside them.

    python benchmarks/udf_bench.py [rows] [--kolom N]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without install

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402  (xlwings imports both itself; _xlwindows uses them per element)
import xlwings  # noqa: E402
from xlwings import conversion  # noqa: E402
from xlwings.main import Engine  # noqa: E402

import lakip_xl.udf as udf  # noqa: E402


class _ExcelEngineImpl:
    """xlwings._xlwindows.Engine's data-cleaning steps (0.37.8), without pywin32."""

    name = "excel"
    type = "desktop"

    @staticmethod
    def prepare_xl_data_element(x, date_format):
        if isinstance(x, (dt.date, dt.datetime)):
            return x
        elif pd.isna(x):
            return ""
        elif isinstance(x, (np.floating, float)) and np.isnan(x):
            return ""
        elif isinstance(x, np.number):
            return float(x)
        elif x is None:
            return ""
        return x

    @staticmethod
    def clean_value_data(data, datetime_builder, empty_as, number_builder, err_to_str):
        def one(value):
            if value in ("", None):
                return empty_as
            if number_builder is not None and isinstance(value, float):
                return number_builder(value)
            return value

        return [[one(c) for c in row] for row in data]


def _pasang_engine() -> None:
    if "excel" not in [e.name for e in xlwings.engines]:
        xlwings.engines.add(Engine(impl=_ExcelEngineImpl()))


OPSI_ARG = {"ndim": 2}  # every argument of lakip_xl.udf is declared with ndim=2
OPSI_RET: dict = {}


def panggil(func, *args):
    """What call_udf does around the function for values passed by VBA."""
    args = [conversion.read(None, a, OPSI_ARG) for a in args]
    return conversion.write(func(*args), None, OPSI_RET)


def data(rows: int, seed: int = 20) -> tuple[list, list]:
    rnd = random.Random(seed)
    # a realistic column: 2-decimal targets and realisasi, a few blanks and Indonesian texts
    target = [round(rnd.uniform(1, 1000), 2) for _ in range(rows)]
    realisasi = [round(rnd.uniform(0, 1200), 2) for _ in range(rows)]
    for i in range(0, rows, 97):
        realisasi[i] = None
    for i in range(0, rows, 211):
        target[i] = f"{target[i]:.2f}".replace(".", ",")
    return target, realisasi


def ukur(fn, ulang: int) -> float:
    """Best of `ulang` runs (the machine is shared: the minimum is the least disturbed run)."""
    waktu = []
    for _ in range(ulang):
        t0 = time.perf_counter()
        fn()
        waktu.append(time.perf_counter() - t0)
    return min(waktu)


def main(rows: int = 10_000) -> tuple[float, float]:
    _pasang_engine()
    target, realisasi = data(rows)
    kolom_t = tuple((v,) for v in target)  # VBA passes a column as a 2-D tuple
    kolom_r = tuple((v,) for v in realisasi)
    sel_t = [[[v]] for v in target]  # what the function receives for one cell (ndim=2)
    sel_r = [[[v]] for v in realisasi]
    arg_t = [list(r) for r in kolom_t]
    arg_r = [list(r) for r in kolom_r]

    hasil_array = panggil(udf.CAPAIAN, kolom_t, kolom_r)
    hasil_skalar = [panggil(udf.CAPAIAN, t, r) for t, r in zip(target, realisasi)]
    # the same numbers either way (conversion.write gives [[x]] for a scalar)
    assert [row[0] for row in hasil_array] == [cell[0][0] for cell in hasil_skalar]

    fungsi_array = ukur(lambda: udf.CAPAIAN(arg_t, arg_r), 7)
    fungsi_skalar = ukur(lambda: [udf.CAPAIAN(t, r) for t, r in zip(sel_t, sel_r)], 3)
    xl_array = ukur(lambda: panggil(udf.CAPAIAN, kolom_t, kolom_r), 7)
    xl_skalar = ukur(lambda: [panggil(udf.CAPAIAN, t, r) for t, r in zip(target, realisasi)], 3)
    print(f"CAPAIAN over {rows} rows: one array call vs {rows} single-cell calls (best of several runs)")
    print(f"{'':38}{'array':>10}{'scalar':>11}{'per call':>11}{'ratio':>9}")
    for nama, a, s in (("the function only", fungsi_array, fungsi_skalar),
                       ("+ xlwings argument/result conversion", xl_array, xl_skalar)):
        print(f"{nama:38}{a * 1000:8.1f}ms{s * 1000:9.1f}ms{s / rows * 1e6:9.1f}us{s / a:8.1f}x")
    print("target: >= 20x, for 'the function only' (the second row adds xlwings' own per-cell argument and")
    print("result conversion, the same cost for any UDF, which no function can remove).")
    print("Not measured: Excel's COM round trip per call (4-13 ms by user reports,")
    print(f"shared/docs/excel.md): about {rows * 4 / 1000:.0f}-{rows * 13 / 1000:.0f} s more for the single-cell "
          "calls, 4-13 ms once for the array call.")
    return fungsi_skalar / fungsi_array, xl_skalar / xl_array


def median(fn, ulang: int = 3) -> float:
    waktu = []
    for _ in range(ulang):
        t0 = time.perf_counter()
        fn()
        waktu.append(time.perf_counter() - t0)
    return sorted(waktu)[len(waktu) // 2]


def kolom(rows: int = 1_000_000) -> dict[str, float]:
    """Each array function over one `rows`-long column, as a ratio to CAPAIAN (median of 3)."""
    rnd = random.Random(21)
    target = [[round(rnd.uniform(1, 1000), 2)] for _ in range(rows)]
    realisasi = [[round(rnd.uniform(0, 1200), 2)] for _ in range(rows)]
    capaian = [[round(rnd.uniform(0, 250), 2)] for _ in range(rows)]
    for i in range(0, rows, 97):  # a few blanks, as in a real column
        realisasi[i] = [None]
        capaian[i] = [None]
    kasus = [
        ("CAPAIAN", lambda: udf.CAPAIAN(target, realisasi), None),
        ("PREDIKAT", lambda: udf.PREDIKAT(capaian), 1.5),
        ("SERAPAN", lambda: udf.SERAPAN(target, realisasi), 1.5),
        ("KETERANGAN", lambda: udf.KETERANGAN(capaian), None),
        ("CAPAIAN_SASARAN", lambda: udf.CAPAIAN_SASARAN(capaian), None),
    ]
    waktu = {nama: median(fn) for nama, fn, _ in kasus}
    print(f"\nArray functions over one {rows:,}-row column, the function only (median of 3)")
    print(f"{'':18}{'time':>9}{'x CAPAIAN':>11}  target")
    for nama, _, batas in kasus:
        rasio = waktu[nama] / waktu["CAPAIAN"]
        hasil = "" if batas is None else f"<= {batas}x {'met' if rasio <= batas else 'MISSED'}"
        print(f"{nama:18}{waktu[nama]:8.2f}s{rasio:10.2f}x  {hasil}")
    return waktu


if __name__ == "__main__":
    argv = sys.argv[1:]
    n_kolom = 1_000_000
    if "--kolom" in argv:
        i = argv.index("--kolom")
        n_kolom = int(argv[i + 1])
        del argv[i:i + 2]
    main(int(argv[0]) if argv else 10_000)
    kolom(n_kolom)

"""The document's charts as PNG pictures, drawn with matplotlib (the Agg renderer, no display).

The two charts of the summary sheets: target (100 %) against the capaian of each indicator in the
report year, and the capaian of each indicator over the years of the yearly comparison. Tick labels
are written by format_angka (Indonesian decimal comma). Without matplotlib every function returns
None and the document says, where the chart would be, that it was left out and why.

Speed (issue 15): importing matplotlib takes about 0.6 s and drawing the two charts about 0.55 s, more
than the whole sync of a 500-indicator workbook. `Pelukis` draws them in one worker process, started
before the workbook is read, so matplotlib's import and the drawing run beside the reading, composing
and writing; the writer takes the pictures last (`Lukisan.png()`). The same functions draw the same
bytes there. Where no worker can be started (or it breaks) a chart is drawn in this process when it
is asked for.
"""

from __future__ import annotations

import io
import textwrap
from decimal import Decimal
from typing import Any, Callable

from lakip_xl.aturan.angka import format_angka

_WARNA_TARGET = "#A6A6A6"
_WARNA_REALISASI = "#1F4E79"
_DPI = 120


def tersedia() -> bool:
    """Whether matplotlib is installed (found without importing it: the import is the slow part)."""
    from importlib.util import find_spec

    try:
        return find_spec("matplotlib") is not None
    except (ImportError, ValueError):
        return False


def _siapkan() -> None:
    """Run first in the worker: import what drawing needs while the main process reads the workbook."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: F401
    from matplotlib.figure import Figure  # noqa: F401
    from matplotlib.ticker import FuncFormatter  # noqa: F401


class Lukisan:
    """A chart being drawn: `png()` gives its bytes, waiting for the worker if it is not done yet."""

    def __init__(self, fungsi: Callable[..., bytes | None], args: tuple, future: Any = None):
        self._fungsi, self._args, self._future = fungsi, args, future
        self._png: bytes | None = None

    def png(self) -> bytes | None:
        if self._png is None:
            if self._future is not None:
                from concurrent.futures.process import BrokenProcessPool

                try:
                    self._png = self._future.result()
                except BrokenProcessPool:  # the worker died (killed, out of memory): draw here
                    self._png = self._fungsi(*self._args)
            else:
                self._png = self._fungsi(*self._args)
        return self._png


class Pelukis:
    """Draws the charts in a worker process (see the module docstring). `paralel=False`, or a system
    where no process can be started: each chart is drawn in this process when `Lukisan.png()` asks.
    Use as a context manager (the worker is shut down on leaving)."""

    def __init__(self, paralel: bool = True):
        self._pool = None
        if paralel and tersedia():
            try:
                from concurrent.futures import ProcessPoolExecutor

                self._pool = ProcessPoolExecutor(max_workers=1)
                self._pool.submit(_siapkan)
            except (OSError, ImportError, NotImplementedError, RuntimeError):
                # no process support (a sandbox, a frozen app without multiprocessing): draw here
                self._tutup()

    def lukis(self, fungsi: Callable[..., bytes | None], *args: Any) -> Lukisan | None:
        """`fungsi(*args)` (batang_capaian, garis_tahunan) as a Lukisan; None without matplotlib."""
        if not tersedia():
            return None
        if self._pool is not None:
            try:
                return Lukisan(fungsi, args, self._pool.submit(fungsi, *args))
            except RuntimeError:  # the pool broke or was shut down
                self._tutup()
        return Lukisan(fungsi, args)

    def _tutup(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Pelukis:
        return self

    def __exit__(self, *exc: object) -> None:
        self._tutup()


def _figur(lebar: float, tinggi: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    fig = Figure(figsize=(lebar, tinggi), dpi=_DPI)
    FigureCanvasAgg(fig)
    persen = FuncFormatter(lambda x, _: format_angka(Decimal(f"{float(x):.2f}").normalize(), gaya="persen"))
    return fig, persen


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=_DPI, metadata={"Software": None})
    return buf.getvalue()


def _label(nama: str, lebar: int = 38) -> str:
    return "\n".join(textwrap.wrap(nama, lebar)[:3])


def batang_capaian(nama: list[str], capaian: list[Decimal | None]) -> bytes | None:
    """Horizontal bars: target 100 % and the capaian of each indicator (None: no bar, label "-")."""
    if not tersedia():
        return None
    n = len(nama)
    tinggi_in = max(2.5, 0.36 * n + 1.0)
    fig, persen = _figur(6.5, tinggi_in)
    ax = fig.add_subplot()
    y = list(range(n))[::-1]
    tinggi = 0.38
    nilai = [float(c) if c is not None else 0.0 for c in capaian]
    ax.barh([v + tinggi / 2 for v in y], [100.0] * n, height=tinggi, color=_WARNA_TARGET, label="Target")
    bar = ax.barh([v - tinggi / 2 for v in y], nilai, height=tinggi, color=_WARNA_REALISASI, label="Realisasi")
    for b, c in zip(bar, capaian):
        teks = format_angka(c, desimal=2, gaya="persen") if c is not None else "-"
        ax.annotate(teks, (b.get_width(), b.get_y() + b.get_height() / 2), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=7)
    ax.set_yticks(y, [_label(x) for x in nama], fontsize=7)
    ax.xaxis.set_major_formatter(persen)
    ax.tick_params(axis="x", labelsize=7)
    ax.set_xlim(0, max([100.0] + nilai) * 1.18)
    ax.legend(fontsize=7, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, frameon=False)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.5)
    ax.set_axisbelow(True)
    # a fixed layout (tight_layout would draw the figure once more just to measure it)
    fig.subplots_adjust(left=0.40, right=0.97, top=1 - 0.35 / tinggi_in, bottom=0.45 / tinggi_in)
    return _png(fig)


def garis_tahunan(tahun: list[int], seri: list[tuple[str, list[Decimal | None]]]) -> bytes | None:
    """One line per indicator: its capaian in each year (gaps where there is none)."""
    if not tersedia():
        return None
    baris_legenda = (len(seri) + 1) // 2
    tinggi_in = 3.2 + 0.16 * baris_legenda
    fig, persen = _figur(6.5, tinggi_in)
    ax = fig.add_subplot()
    x = list(range(len(tahun)))
    for nama, nilai in seri:
        ax.plot(x, [float(v) if v is not None else float("nan") for v in nilai], marker="o", linewidth=1.2,
                markersize=3, label=_label(nama, 60))
    ax.set_xticks(x, [str(t) for t in tahun], fontsize=7)
    ax.yaxis.set_major_formatter(persen)
    ax.tick_params(axis="y", labelsize=7)
    ax.axhline(100, color=_WARNA_TARGET, linewidth=0.8, linestyle="--")
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.5)
    bawah = (0.45 + 0.16 * baris_legenda) / tinggi_in
    fig.subplots_adjust(left=0.10, right=0.97, top=1 - 0.2 / tinggi_in, bottom=bawah)
    ax.legend(fontsize=6, loc="upper center", bbox_to_anchor=(0.5, -0.35 / (tinggi_in * (1 - bawah))), ncol=2,
              frameon=False)
    return _png(fig)

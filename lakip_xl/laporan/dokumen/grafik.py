"""The document's charts as PNG pictures, drawn with matplotlib (the Agg renderer, no display).

The two charts of the summary sheets: target (100 %) against the capaian of each indicator in the
report year, and the capaian of each indicator over the years of the yearly comparison. Tick labels
are written by format_angka (Indonesian decimal comma). Without matplotlib every function returns
None and the document says, where the chart would be, that it was left out and why.
"""

from __future__ import annotations

import io
import textwrap
from decimal import Decimal

from lakip_xl.aturan.angka import format_angka

_WARNA_TARGET = "#A6A6A6"
_WARNA_REALISASI = "#1F4E79"
_DPI = 120


def tersedia() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


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

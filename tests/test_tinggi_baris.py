"""Row heights of the summary sheets (lakip_xl.laporan.ringkasan._tinggi_baris): a row gets the height of
its tallest wrapped text, estimated as ceil(length x 1.1 / column width) lines of 15 pt; merged cells,
unwrapped cells, numbers and rows given a height already are left out. The estimate is restated here
cell by cell and compared with the builder's (which skips texts that fit one line)."""

from __future__ import annotations

import math
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from lakip_xl.laporan.ringkasan import _tinggi_baris
from lakip_xl.xlsx.sheetspec import SheetSpec, Style, cell_ref

BUNGKUS, POLOS = Style(wrap=True), Style()


def _harapan(sh: SheetSpec) -> dict[int, float]:
    merged = set()
    for m in sh.merges:
        a, b = m.split(":")
        (r0, c0), (r1, c1) = _rc(a), _rc(b)
        merged |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    perlu: dict[int, int] = {}
    for (r, c), (nilai, _, gaya) in sh.cells.items():
        if gaya is None or not gaya.wrap or not isinstance(nilai, str) or (r, c) in merged:
            continue
        baris = max(1, math.ceil(len(nilai) * 1.1 / max(sh.col_widths.get(c, 9.0), 1.0)))
        perlu[r] = max(perlu.get(r, 1), baris)
    hasil = dict(sh.row_heights)
    for r, n in perlu.items():
        if n > 1 and r not in hasil:
            hasil[r] = n * 15.0
    return hasil


def _rc(ref: str) -> tuple[int, int]:
    huruf = ref.rstrip("0123456789")
    c = 0
    for h in huruf:
        c = c * 26 + ord(h) - 64
    return int(ref[len(huruf):]), c


sel = st.tuples(st.integers(1, 12), st.integers(1, 70),
                st.one_of(st.text(min_size=0, max_size=120), st.just(Decimal("44.83")), st.none()),
                st.sampled_from([BUNGKUS, POLOS, None]))


@settings(max_examples=300, deadline=None)
@given(st.lists(sel, max_size=40),
       st.dictionaries(st.integers(1, 70), st.sampled_from([0.5, 1, 5, 9, 10.5, 28, 40, 60]), max_size=8),
       st.lists(st.tuples(st.integers(1, 12), st.integers(1, 8), st.integers(0, 2), st.integers(0, 2)), max_size=3),
       st.dictionaries(st.integers(1, 12), st.just(30.0), max_size=2))
def test_tinggi_baris_sama_dengan_perkiraan_per_sel(cells, lebar, gabung, tinggi):
    sh = SheetSpec("X", col_widths=dict(lebar), row_heights=dict(tinggi))
    for r, c, v, gaya in cells:
        sh.set(r, c, v, style=gaya)
    for r, c, dr, dc in gabung:
        sh.merges.append(f"{cell_ref(r, c)}:{cell_ref(r + dr, c + dc)}")
    harapan = _harapan(sh)
    assert _tinggi_baris(sh).row_heights == harapan


def test_teks_panjang_menaikkan_baris_teks_pendek_tidak():
    sh = SheetSpec("X", col_widths={2: 10})
    sh.set(3, 2, "x" * 9, style=BUNGKUS)  # 9 x 1.1 = 9.9 <= 10: one line
    sh.set(4, 2, "x" * 10, style=BUNGKUS)  # 11 > 10: two lines
    sh.set(5, 2, "x" * 30, style=POLOS)  # not wrapped
    sh.set(6, 2, "x" * 30, style=BUNGKUS)  # merged
    sh.merges.append("B6:C6")
    assert _tinggi_baris(sh).row_heights == {4: 30.0}

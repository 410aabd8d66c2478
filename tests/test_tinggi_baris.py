"""Row heights of the summary sheets (lakip_xl.laporan.ringkasan._tinggi_baris): a row gets the height of
its tallest wrapped text, estimated as ceil(length x 1.1 / column width) lines of 15 pt; merged cells,
unwrapped cells, numbers and rows given a height already are left out. The estimate is restated here
cell by cell and compared with the builder's (which skips texts that fit one line), and the package
writer's (a sheet with auto_row_height gets the same heights worked out row by row as it is written)."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lakip_xl.laporan.ringkasan import _tinggi_baris
from lakip_xl.xlsx.sheetspec import SheetSpec, Style, cell_ref
from lakip_xl.xlsx.sheetxml import sheet_xml

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


@settings(max_examples=300, deadline=None)
@given(st.lists(sel, max_size=40),
       st.dictionaries(st.integers(1, 70), st.sampled_from([0.5, 1, 5, 9, 10.5, 28, 40, 60]), max_size=8),
       st.lists(st.tuples(st.integers(1, 12), st.integers(1, 8), st.integers(0, 2), st.integers(0, 2)), max_size=3),
       st.dictionaries(st.integers(1, 12), st.just(30.0), max_size=2),
       st.booleans())
def test_penulis_berkas_memberi_tinggi_yang_sama(cells, lebar, gabung, tinggi, rumus):
    """The same sheet written with auto_row_height and with the heights estimated beforehand: the same
    XML (also with the texts as formulas' values, which the writer handles on its other path)."""
    def lembar(auto):
        sh = SheetSpec("X", col_widths=dict(lebar), row_heights=dict(tinggi), auto_row_height=15.0 if auto else None)
        for r, c, v, gaya in cells:
            sh.set(r, c, v, style=gaya, formula='"x"' if rumus and isinstance(v, str) else None)
        for r, c, dr, dc in gabung:
            sh.merges.append(f"{cell_ref(r, c)}:{cell_ref(r + dr, c + dc)}")
        if not auto:
            _tinggi_baris(sh)
        return sh

    gaya = {id(BUNGKUS): 1, id(POLOS): 2}
    try:
        harapan = sheet_xml(lembar(False), lambda s: gaya.get(id(s), 0))
    except ValueError:  # overlapping merges: refused either way
        with pytest.raises(ValueError):
            sheet_xml(lembar(True), lambda s: gaya.get(id(s), 0))
        return
    assert sheet_xml(lembar(True), lambda s: gaya.get(id(s), 0)) == harapan


def test_penulis_berkas_tinggi_baris():
    sh = SheetSpec("X", col_widths={2: 10}, auto_row_height=15.0)
    sh.set(3, 2, "x" * 9, style=BUNGKUS)
    sh.set(4, 2, "x" * 10, style=BUNGKUS)
    sh.set(4, 3, "x" * 30, style=BUNGKUS)  # column C has no width: 9 -> 30 x 1.1 / 9 = 4 lines
    sh.set(5, 2, "x" * 30, style=POLOS)
    sh.set(6, 2, "x" * 30, style=BUNGKUS)
    sh.merges.append("B6:C6")
    sh.set(7, 2, "x" * 30, style=BUNGKUS)
    sh.row_heights[7] = 20  # given: kept
    xml = sheet_xml(sh, lambda s: 0).decode()
    assert '<row r="3">' in xml and '<row r="5">' in xml and '<row r="6">' in xml
    assert '<row r="4" ht="60" customHeight="1">' in xml
    assert '<row r="7" ht="20" customHeight="1">' in xml


def test_teks_panjang_menaikkan_baris_teks_pendek_tidak():
    sh = SheetSpec("X", col_widths={2: 10})
    sh.set(3, 2, "x" * 9, style=BUNGKUS)  # 9 x 1.1 = 9.9 <= 10: one line
    sh.set(4, 2, "x" * 10, style=BUNGKUS)  # 11 > 10: two lines
    sh.set(5, 2, "x" * 30, style=POLOS)  # not wrapped
    sh.set(6, 2, "x" * 30, style=BUNGKUS)  # merged
    sh.merges.append("B6:C6")
    assert _tinggi_baris(sh).row_heights == {4: 30.0}

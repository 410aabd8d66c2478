"""The column readers of lakip_xl.sumber.sel.Pembaca (kolom_kode, kolom_tahun, kolom_pilihan, kolom_teks,
kolom_isian) give exactly the cell methods' results and messages, cell for cell and in the same order,
on messy columns: numbers (zero, -0.0, negative, huge, NaN, bool), texts (spaces, Indonesian numbers,
ranges, grades, "-", over-long), dates, Excel error values and formulas saved without a value."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lakip_xl.aturan.capaian import SKALA_HURUF
from lakip_xl.sumber import model as m
from lakip_xl.sumber.sel import Pembaca, Tabel
from lakip_xl.xlsx.sheetxml import MAX_TEXT

NILAI = [None, "", "   ", 0, 0.0, -0.0, 1, 2.5, 2.5, -3.25, 1e300, float("nan"), float("inf"), True, False,
         2020, 2020.0, 1899, "2021", " 2022 ", "IK1", "ik1", " IK 2 ", "Tw I", "II", "triwulan iv", "5",
         "34,67", "1.264.373", "10 - 20", "-", "n/a", "B", "AA", "WTP", "abc", "x" * (MAX_TEXT + 1),
         date(2020, 1, 2), datetime(2020, 1, 2, 3, 4), "Positif", "negatif", "Kumulatif", "rata-rata",
         "  dua   spasi  ", 44.83, 44.83, 7]


class Memori:
    """A source of one sheet, with error cells and formulas without a value at chosen cells."""

    nama = "uji.xlsx"

    def __init__(self, rows, galat, rumus):
        self._rows, self._galat, self._rumus = rows, galat, rumus

    def sheet_names(self):
        return ["Data"]

    def rows(self, sheet):
        return self._rows

    def sel_galat(self, sheet):
        return self._galat

    def rumus_tanpa_nilai(self, sheet):
        return self._rumus


def _baca_dua_kali(nilai: list, galat_di: set[int], rumus_di: set[int]):
    """(results and messages of the cell methods, the same of the column readers) over one column."""
    rows = [["Kolom"]] + [[v] for v in nilai]
    galat = {(r, 0): "#DIV/0!" for r in galat_di}
    rumus = {(r, 0) for r in rumus_di}
    skala = SKALA_HURUF["akip"]
    hasil = []
    for cara in ("sel", "kolom"):
        p = Pembaca(Memori(rows, galat, rumus))
        t = Tabel("Data", 0, {"kolom": 0})
        baca = {
            "kode": (p.kolom_kode(t, "Kolom"), lambda r, c: p.kode(t, r, c, "Kolom")),
            "kode_wajib": (p.kolom_kode(t, "Kolom", wajib=True), lambda r, c: p.kode(t, r, c, "Kolom", wajib=True)),
            "tahun": (p.kolom_tahun(t, "Kolom"), lambda r, c: p.tahun(t, r, c, "Kolom")),
            "tahun_opsional": (p.kolom_tahun(t, "Kolom", wajib=False),
                               lambda r, c: p.tahun(t, r, c, "Kolom", wajib=False)),
            "triwulan": (p.kolom_pilihan(t, "Kolom", m.TRIWULAN_LABEL, sinonim={"5": 5}),
                         lambda r, c: p.pilihan(t, r, c, "Kolom", m.TRIWULAN_LABEL, sinonim={"5": 5})),
            "polaritas": (p.kolom_pilihan(t, "Kolom", m.POLARITAS_LABEL, sinonim=m.POLARITAS_SINONIM, wajib=True),
                          lambda r, c: p.pilihan(t, r, c, "Kolom", m.POLARITAS_LABEL,
                                                 sinonim=m.POLARITAS_SINONIM, wajib=True)),
            "tipe_bawaan": (p.kolom_pilihan(t, "Kolom", m.TIPE_LABEL, bawaan="x"),
                            lambda r, c: p.pilihan(t, r, c, "Kolom", m.TIPE_LABEL, bawaan="x")),
            "teks": (p.kolom_teks(t, "Kolom"), lambda r, c: p.teks(t, r, c, "Kolom")),
            "teks_wajib": (p.kolom_teks(t, "Kolom", wajib=True, saran=lambda r: f"baris {r + 1}"),
                           lambda r, c: p.teks(t, r, c, "Kolom", wajib=True, saran=f"baris {r + 1}")),
            "isian": (p.kolom_isian(t, "Kolom", boleh_rentang=True), None),
            "isian_positif": (p.kolom_isian(t, "Kolom", boleh_negatif=False, wajib=True), None),
        }
        out = []
        for nama, (kolom, sel) in baca.items():
            for r in range(1, len(rows)):
                cells = rows[r]
                if nama == "isian":
                    huruf = skala if r % 3 == 0 else None
                    x = (kolom(r, cells, huruf) if cara == "kolom"
                         else p.isian(t, r, cells, "Kolom", huruf=huruf, boleh_rentang=True))
                elif nama == "isian_positif":
                    x = (kolom(r, cells) if cara == "kolom"
                         else p.isian(t, r, cells, "Kolom", boleh_negatif=False, wajib=True))
                else:
                    x = (kolom if cara == "kolom" else sel)(r, cells)
                out.append((nama, r, _sama(x), len(p.lap.daftar)))
        hasil.append((out, [(x.tingkat, x.pesan, x.saran, x.sheet, x.sel) for x in p.lap.daftar]))
    return hasil


def _sama(x):
    """A comparable form (NaN is not equal to itself; an Isian compares by value, text, cell, source)."""
    if isinstance(x, float) and math.isnan(x):
        return "nan"
    if hasattr(x, "sel") and hasattr(x, "nilai"):
        return (repr(x.nilai), x.teks, x.sel, x.dari_teks)
    return x


def test_kolom_sama_dengan_sel_pada_nilai_campuran():
    nilai = NILAI * 2  # the second time round, the readers answer from what they have seen
    sel, kolom = _baca_dua_kali(nilai, galat_di={2, 3, 50}, rumus_di={1, 51, 52})
    assert kolom == sel
    assert len(sel[1]) > 100  # the column is messy enough to produce many messages


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(NILAI), min_size=1, max_size=40),
       st.sets(st.integers(1, 40), max_size=5), st.sets(st.integers(1, 40), max_size=5))
def test_kolom_sama_dengan_sel_acak(nilai, galat_di, rumus_di):
    sel, kolom = _baca_dua_kali(nilai, galat_di, rumus_di)
    assert kolom == sel


@pytest.mark.parametrize("kolom", ["kolom_kode", "kolom_teks", "kolom_isian", "kolom_pilihan"])
def test_kolom_tanpa_kolom_di_tabel(kolom):
    # a table without the column: the readers answer as the methods do for a missing column
    p = Pembaca(Memori([["Lain"], ["x"]], {}, set()))
    t = Tabel("Data", 0, {"lain": 0})
    args = (m.TRIWULAN_LABEL,) if kolom == "kolom_pilihan" else ()
    baca = getattr(p, kolom)(t, "Kolom", *args)
    hasil = baca(1, ["x"])
    assert hasil in ("", None) or (hasattr(hasil, "nilai") and hasil.nilai is None and hasil.sel == "")
    assert p.lap.daftar == []

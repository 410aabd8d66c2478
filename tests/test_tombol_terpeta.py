"""The "Perbarui Ringkasan" button in the agency's own workbook (issue 11): with a Peta LAKIP sheet the
live sync reads through it, writes the same summary sheets under the same names as `lakip-xl sync`,
fills the cells marked "Diisi lakip_xl" (leaving the agency's formulas) and places the audit on the
agency's sheets. Excel itself is the FakeAdapter here (lakip_xl.excel.langsung); what only Excel runs
(XlwingsAdapter) is listed in docs/dev/excel-side.md."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import test_tulis_balik
from test_tulis_balik import TANDAI, _bagian_sheet

from lakip_xl.excel.langsung import FakeAdapter, sinkron_langsung
from lakip_xl.laporan.lembar import NAMA_PETA, SHEET_PEMERIKSAAN, SHEET_PENGUKURAN
from lakip_xl.sumber.calamine import SumberCalamine
from lakip_xl.sync import sinkron
from lakip_xl.xlsx import owned_sheets
from lakip_xl.xlsx.sheetspec import cell_ref, parse_ref

ditandai = test_tulis_balik.ditandai  # the mapped Depok fixture with Capaian/Ket columns marked "Ya"


def _rumus(p: Path) -> set[tuple[str, int, int]]:
    """(sheet, row, col) of every cell holding a formula in the agency's marked sheets."""
    out = set()
    bagian = _bagian_sheet(p)
    with zipfile.ZipFile(p) as z:
        for sheet in TANDAI:
            xml = z.read(bagian[sheet]).decode()
            for ref in re.findall(r'<c r="([A-Z]+\d+)"[^>]*(?<!/)>(?:(?!</c>).)*?<f[ >/]', xml):
                r, c = parse_ref(ref)
                out.add((sheet, r, c))
    return out


def _adapter(p: Path) -> FakeAdapter:
    s = SumberCalamine(p)
    names = s.sheet_names()
    return FakeAdapter({n: s.rows(n) for n in names}, nama=p.name, owned=owned_sheets(p),
                       merged={n: s.merged_ranges(n) for n in names}, rumus=_rumus(p))


def _isi(rows) -> dict[tuple[int, int], object]:
    """Non-empty cells, 1-based, numbers as floats rounded to 10 places."""
    out = {}
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row, 1):
            if v is None or v == "":
                continue
            out[(r, c)] = round(float(v), 10) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
    return out


def test_tombol_sama_dengan_sync_berkas(ditandai, tmp_path):
    berkas = tmp_path / "berkas.xlsx"
    shutil.copyfile(ditandai, berkas)
    fake = _adapter(ditandai)
    assert sinkron_langsung(fake) == 0, fake.pesan
    h = sinkron(berkas, backups=0)
    hasil = SumberCalamine(berkas)
    # the same generated sheets, under the mapped names, with the same cells
    nama = [n for n in hasil.sheet_names() if n in NAMA_PETA.values()]
    assert sorted(fake.ditulis) == sorted(nama)
    assert NAMA_PETA[SHEET_PENGUKURAN] in fake.ditulis and NAMA_PETA[SHEET_PEMERIKSAAN] in fake.ditulis
    for n in nama:
        assert _isi(fake.rows(n)) == _isi(hasil.rows(n)), n
    # the marked cells filled alike; the agency's formulas left
    diisi = {(ref.rpartition("!")[0].strip("'"), ref.rpartition("!")[2]) for ref in h.perubahan.sel_diisi}
    assert diisi, "the fixture marks Capaian and Ket columns"
    for sheet, sel in diisi:
        r, c = parse_ref(sel)
        assert _isi(fake.rows(sheet)).get((r, c)) == _isi(hasil.rows(sheet)).get((r, c)), (sheet, sel)
    for sheet, r, c in _rumus(ditandai):
        assert (sheet, cell_ref(r, c)) not in diisi
    assert "diisi dengan angka lakip_xl" in fake.pesan[-1] and "rumus Anda sendiri dibiarkan" in fake.pesan[-1]
    assert set(fake.owned_sheets()) >= set(nama)


def test_tombol_tanpa_isi_sel_memberi_catatan(ditandai):
    fake = _adapter(ditandai)
    fake.isi_sel = None  # an adapter that cannot write cells: the summary is still written, the message says so
    assert sinkron_langsung(fake) == 0, fake.pesan
    assert "tidak diisi dari tombol ini" in fake.pesan[-1]


def test_tombol_menolak_nama_sheet_milik_instansi(ditandai):
    fake = _adapter(ditandai)
    fake._sheets[NAMA_PETA[SHEET_PENGUKURAN]] = [["milik dinas"]]
    sebelum = {n: fake.rows(n) for n in fake.sheet_names()}
    assert sinkron_langsung(fake) == 1
    assert "bukan buatan lakip_xl" in fake.pesan[-1]
    assert {n: fake.rows(n) for n in fake.sheet_names()} == sebelum  # nothing written, no cell filled

"""Opt-in write-back into the agency's own sheets (issue 11 item 4): columns marked "Diisi lakip_xl" in
the Peta LAKIP sheet get the rules' figures, by a cell-level edit that leaves every other byte of the
sheet part as it was (lakip_xl.xlsx.sel_ubah); the agency's own formulas are left to it."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_peta_golden import BERSAMA, _isi, _isi_fakta

import lakip_xl.sumber.peta as peta_mod
from lakip_xl.cli import main
from lakip_xl.sumber.peta import baca_terpeta, buka
from lakip_xl.sync import sinkron
from lakip_xl.xlsx.charts import quote_sheet
from lakip_xl.xlsx.sel_ubah import ubah_sel
from lakip_xl.xlsx.sheetspec import cell_ref

ROOT = Path(__file__).resolve().parents[1]
DINAS = ROOT / "tests" / "data" / "lakip_dinas_depok_2020.xlsx"
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


# --- the cell editor ------------------------------------------------------------------------------------
CONTOH_XML = (b'<?xml version="1.0" encoding="UTF-8"?>\r\n<worksheet xmlns="http://schemas.openxmlformats.org/'
              b'spreadsheetml/2006/main"><sheetData><row r="2" spans="1:4" x14ac:dyDescent="0.25" '
              b'xmlns:x14ac="urn:x"><c r="A2" s="3" t="s"><v>0</v></c><c r="C2" s="5"><v>12</v></c>'
              b'<c r="D2" s="7"><f>B2/C2*100</f><v>1</v></c></row><row r="4" ht="20" customHeight="1"/>'
              b'<row r="6"><c r="B6" s="2"/></row></sheetData><mergeCells count="1"><mergeCell ref="A6:A7"/>'
              b'</mergeCells></worksheet>')


def _sel(xml: bytes) -> dict[str, bytes]:
    """Every <c> element by its address, as serialised XML (a canonical view of the cells)."""
    root = ET.fromstring(xml)
    return {c.get("r"): ET.tostring(c) for c in root.iter(f"{NS}c")}


def test_only_the_target_cells_change():
    h = ubah_sel(CONTOH_XML, {(2, 1): "Tercapai", (2, 2): Decimal("44.830"), (2, 4): Decimal(5),
                              (4, 2): "a < b & c", (6, 2): Decimal("-0.50"), (1, 1): "awal", (9, 3): Decimal("1E+2")})
    sebelum, sesudah = _sel(CONTOH_XML), _sel(h.xml)
    berubah = {r for r in sesudah if sebelum.get(r) != sesudah[r]} | {r for r in sebelum if r not in sesudah}
    assert berubah == set(h.diisi) == {"A2", "B2", "B4", "B6", "A1", "C9"}
    assert h.dilewati == [("D2", "sel berisi rumus instansi; rumus itu dibiarkan")]
    root = ET.fromstring(h.xml)
    c = {x.get("r"): x for x in root.iter(f"{NS}c")}
    assert c["A2"].get("s") == "3" and c["A2"].get("t") == "inlineStr" and c["A2"].find(f"{NS}is/{NS}t").text == "Tercapai"
    assert c["B6"].get("s") == "2" and c["B6"].find(f"{NS}v").text == "-0.5"
    assert c["B2"].find(f"{NS}v").text == "44.83" and c["C9"].find(f"{NS}v").text == "100"
    assert c["B4"].find(f"{NS}is/{NS}t").text == "a < b & c"
    # rows and cells in order, the row's own attributes and everything outside sheetData as they were
    rows = [int(r.get("r")) for r in root.iter(f"{NS}row")]
    assert rows == sorted(rows) == [1, 2, 4, 6, 9]
    assert [x.get("r") for x in root.iter(f"{NS}row") if x.get("r") == "2"][0] == "2"
    assert b'<row r="2" spans="1:4" x14ac:dyDescent="0.25" xmlns:x14ac="urn:x">' in h.xml
    assert b'<row r="4" ht="20" customHeight="1">' in h.xml
    assert h.xml.endswith(CONTOH_XML[CONTOH_XML.index(b"</sheetData>"):])
    assert h.xml.startswith(CONTOH_XML[:CONTOH_XML.index(b"<sheetData>")])
    # the formula cell's bytes untouched
    assert b'<c r="D2" s="7"><f>B2/C2*100</f><v>1</v></c>' in h.xml


def test_empty_sheet_and_cells_without_address():
    kosong = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
    h = ubah_sel(kosong, {(3, 2): Decimal("7")})
    assert _sel(h.xml)["B3"] and h.diisi == ["B3"]
    tanpa_r = CONTOH_XML.replace(b'<c r="C2" s="5">', b'<c s="5">')
    h = ubah_sel(tanpa_r, {(2, 2): Decimal(1)})
    assert h.xml == tanpa_r and h.diisi == [] and h.dilewati[0][0] == "B2"


# --- the agency's workbook ------------------------------------------------------------------------------
TANDAI = {"Pengukuran Kinerja": ("capaian", "ket"), "Perbandingan": ("capaian",)}


@pytest.fixture
def ditandai(tmp_path, monkeypatch) -> Path:
    """The Depok report typed the dinas way, mapped with the facts filled in (tests/test_peta_golden.py)
    and its Pengukuran Kinerja Capaian and Ket and Perbandingan Capaian columns marked "Ya"."""
    p = tmp_path / "dinas.xlsx"
    shutil.copyfile(DINAS, p)
    asli = peta_mod.petakan

    def petakan(path):
        h = asli(path)
        for t in h.peta.tabel:
            for k in t.kolom:
                k.isi = k.peran in TANDAI.get(t.sheet, ())
        return h

    import test_peta_golden

    monkeypatch.setattr(test_peta_golden, "petakan", petakan)
    _isi_fakta(p)
    return p


def _bagian_sheet(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    import re

    target = {i: t for i, t in re.findall(r'Id="(rId\d+)"[^>]*?Target="([^"]+)"', rels)}
    target |= {i: t for t, i in re.findall(r'Target="([^"]+)"[^>]*?Id="(rId\d+)"', rels)}
    return {n: "xl/" + target[i].removeprefix("/xl/") for n, i in re.findall(r'<sheet name="([^"]+)"[^>]*r:id="(rId\d+)"', wb)}


def test_sync_fills_only_the_marked_cells(ditandai):
    p = ditandai
    sebelum = _isi(p)
    bagian = _bagian_sheet(p)
    h = sinkron(p, backups=0)
    per = h.perubahan
    assert per.sel_diisi and all(alasan for _, alasan in per.sel_dilewati)
    sesudah = _isi(p)
    # parts other than the marked sheets and the parts every sync edits: byte for byte
    ditulis = {bagian[s] for s in TANDAI}
    assert [x for x in sebelum if x not in BERSAMA | ditulis and sesudah.get(x) != sebelum[x]] == []
    # in the marked sheets only the reported cells differ
    diisi = {}
    for ref in per.sel_diisi:
        sheet, _, sel = ref.rpartition("!")
        diisi.setdefault(sheet.strip("'"), set()).add(sel)
    for sheet in TANDAI:
        a, b = _sel(sebelum[bagian[sheet]]), _sel(sesudah[bagian[sheet]])
        beda = {r for r in b if a.get(r) != b[r]} | {r for r in a if r not in b}
        assert beda == diisi[sheet], sheet
        # and the XML around the cells: the same once the changed cells are put back
        xa, xb = sebelum[bagian[sheet]], sesudah[bagian[sheet]]
        assert xa[:xa.index(b"<sheetData")] == xb[:xb.index(b"<sheetData")]
        assert xa[xa.index(b"</sheetData>"):] == xb[xb.index(b"</sheetData>"):]
    # the agency's own formulas stayed and were named
    assert any("rumus instansi" in alasan for _, alasan in per.sel_dilewati)
    for ref, _ in per.sel_dilewati:
        sheet, _, sel = ref.rpartition("!")
        if sheet.strip("'") in TANDAI and "rumus" in _:
            assert _sel(sesudah[bagian[sheet.strip("'")]])[sel] == _sel(sebelum[bagian[sheet.strip("'")]])[sel]


def test_filled_values_are_the_summary_figures(ditandai):
    p = ditandai
    h = sinkron(p, backups=0)
    bacaan = baca_terpeta(buka(p))
    per_kode = {hi.indikator.kode: hi for hi in h.hasil.indikator}
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(p))
    dicek = 0
    for x in bacaan.isi_balik:
        if f"{quote_sheet(x.sheet)}!{cell_ref(x.baris, x.kolom)}" not in h.perubahan.sel_diisi:
            continue
        v = wb.get_sheet_by_name(x.sheet).to_python(skip_empty_area=False)[x.baris - 1][x.kolom - 1]
        n = per_kode[x.kode].per_tahun[x.tahun]
        if x.peran == "capaian":
            assert (Decimal(str(v)).quantize(Decimal("0.01")) if isinstance(v, float) else v) == \
                (n.capaian if isinstance(n.capaian, Decimal) else "n/a"), (x, v)
        else:
            assert v == (n.predikat.label if x.peran == "predikat" else n.ket), (x, v)
        dicek += 1
    assert dicek == len(h.perubahan.sel_diisi) >= 15
    # the seed's IK3 2020 capaian 44,83 (Perbandingan M8 is the agency's formula; Pengukuran G10 is filled)
    assert wb.get_sheet_by_name("Pengukuran Kinerja").to_python()[9][6] == 44.83


def test_second_sync_writes_nothing(ditandai):
    sinkron(ditandai, backups=0)
    data = ditandai.read_bytes()
    h = sinkron(ditandai, backups=0)
    assert not h.perubahan.written and ditandai.read_bytes() == data


def test_dry_run_lists_the_cells_and_writes_nothing(ditandai):
    data = ditandai.read_bytes()
    r = CliRunner().invoke(main, ["sync", str(ditandai), "--dry-run"])
    assert r.exit_code == 0, r.output
    assert "akan diisi lakip_xl" in r.output and "'Pengukuran Kinerja'!G10" in r.output
    assert "rumus instansi" in r.output
    assert ditandai.read_bytes() == data


def test_unmarked_mapping_leaves_the_agency_sheets_alone(tmp_path):
    p = tmp_path / "dinas.xlsx"
    shutil.copyfile(DINAS, p)
    _isi_fakta(p)
    sebelum = _isi(p)
    h = sinkron(p, backups=0)
    assert h.perubahan.sel_diisi == [] and h.perubahan.sel_dilewati == []
    sesudah = _isi(p)
    assert [x for x in sebelum if x not in BERSAMA and sesudah.get(x) != sebelum[x]] == []


@pytest.mark.parametrize("isi, pesan", [("Ya", "hanya mengisi kolom Capaian, Predikat dan Keterangan"),
                                        ("Mungkin", "tidak dikenal")])
def test_a_wrong_mark_is_named(tmp_path, isi, pesan):
    """'Ya' on a Target row, or a word that is neither yes nor no: exit 1 naming the Peta LAKIP cell."""
    from openpyxl import load_workbook

    p = tmp_path / "dinas.xlsx"
    shutil.copyfile(DINAS, p)
    _isi_fakta(p)
    wb = load_workbook(p)
    ws = wb["Peta LAKIP"]
    head = next(r for r in ws.iter_rows() if r[0].value == "Sheet" and r[4].value == "Peran")
    kol = next(c.column for c in head if c.value == "Diisi lakip_xl")
    baris = next(r[0].row for r in ws.iter_rows(min_row=head[0].row + 1)
                 if r[0].value == "Pengukuran Kinerja" and r[4].value == "Target")
    ws.cell(baris, kol, isi)
    wb.save(p)
    data = p.read_bytes()
    r = CliRunner().invoke(main, ["sync", str(p)])
    assert r.exit_code == 1, r.output
    assert pesan in r.output and "Peta LAKIP" in r.output and f"{chr(64 + kol)}{baris}" in r.output
    assert "Traceback" not in r.output and p.read_bytes() == data


@pytest.mark.libreoffice
def test_libreoffice_reads_the_filled_cells(ditandai, tmp_path):
    from lakip_xl.berkas import libreoffice

    sinkron(ditandai, backups=0)
    csv = libreoffice.csv_per_sheet(ditandai, tmp_path / "csv")
    teks = next(v for k, v in csv.items() if k == "Pengukuran Kinerja").read_text(encoding="utf-8")
    baris = teks.splitlines()[9]
    assert "44.83" in baris or "44,83" in baris, baris

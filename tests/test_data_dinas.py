"""tests/data/lakip_dinas_depok_2020.xlsx: the Depok 2020 report's own tables as a dinas types them
(built by tests/data/buat_lakip_dinas.py; the input of issue 11's golden equality, tests/test_peta_golden.py).

- the committed file is what the script builds: a fresh build (XlsxWriter, then saved by LibreOffice)
  has the same cell values, merged ranges and formulas with the same cached values (LibreOffice's zip
  bytes differ between runs, so values are compared, not bytes);
- it was saved by LibreOffice and every formula carries a cached value;
- its figures are the template sample's: every target, realisasi, Target Renstra, pagu, realisasi
  anggaran, program and belanja figure read from it equals what the template reader
  (lakip_xl.sumber.baca) reads from workbooks/contoh_depok_2020.xlsx, found by indicator name;
- the agency's own capaian cells are its formulas where a dinas types them (=F9/E9*100), including the
  letter-grade row where that formula is wrong (#VALUE!).
"""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from lakip_xl.aturan.angka import angka_sel
from lakip_xl.sumber.baca import baca_workbook

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
BUKU = DATA / "lakip_dinas_depok_2020.xlsx"
CONTOH = ROOT / "workbooks" / "contoh_depok_2020.xlsx"


def _skrip():
    spec = importlib.util.spec_from_file_location("buat_lakip_dinas", DATA / "buat_lakip_dinas.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


SKRIP = _skrip()


def _merges(path: Path) -> dict[str, list]:
    wb = CalamineWorkbook.from_path(str(path))
    return {n: sorted(wb.get_sheet_by_name(n).merged_cell_ranges or []) for n in wb.sheet_names}


# --- the committed file is the script's output ----------------------------------------------------------
@pytest.mark.libreoffice
def test_rebuild_gives_the_committed_values(tmp_path):
    baru = SKRIP.bangun(tmp_path / "lakip_dinas_depok_2020.xlsx")
    assert SKRIP.nilai_sel(baru) == SKRIP.nilai_sel(BUKU)
    assert SKRIP.rumus_sel(baru) == SKRIP.rumus_sel(BUKU)
    assert _merges(baru) == _merges(BUKU)


def test_saved_by_libreoffice_with_cached_values():
    with zipfile.ZipFile(BUKU) as z:
        assert "LibreOffice" in z.read("docProps/app.xml").decode("utf-8")
    rumus = SKRIP.rumus_sel(BUKU)
    nilai = SKRIP.nilai_sel(BUKU)
    assert sum(map(len, rumus.values())) == 32
    for sheet, sel in rumus.items():
        for ref, (_f, v) in sel.items():
            assert v is not None, f"{sheet}!{ref} has no cached value"
            if v != "#VALUE!":
                assert isinstance(v, float) and nilai[sheet][ref] == v, f"{sheet}!{ref}"


def test_the_agency_own_capaian_formulas():
    rumus = SKRIP.rumus_sel(BUKU)
    pk = rumus["Pengukuran Kinerja"]
    assert pk["G9"] == ("F9/E9*100", 214.0)  # 85,6 / 40 x 100
    assert pk["G8"] == ("F8/E8*100", "#VALUE!")  # B / B: the formula copied down onto the grade row
    assert pk["G12"][0] == "F12/E12*100" and round(pk["G12"][1], 2) == 71.43  # the report printed 73,55
    nilai = SKRIP.nilai_sel(BUKU)["Pengukuran Kinerja"]
    assert nilai["G7"] == "(7)=(6)/(5)x100"
    assert nilai["G10"] == "44.83%"  # text realisasi "34,67": the figure typed from the report
    assert rumus["Renstra"]["G6"] == ("F6/E6*100", "#VALUE!")  # B against BB
    assert rumus["Anggaran"]["D13"] == ("SUM(D6:D12)", 4926982500.0)
    assert rumus["PK 2020"]["C29"] == ("SUM(C16:C28)", 4926982500.0)


# --- the figures are the template sample's ------------------------------------------------------------
def _lembar(sheet: str) -> tuple[list[list], dict[str, object]]:
    """Rows of `sheet` (merged cells filled from their top-left cell) and the raw cells."""
    wb = CalamineWorkbook.from_path(str(BUKU))
    sh = wb.get_sheet_by_name(sheet)
    rows = [list(r) for r in sh.to_python(skip_empty_area=False)]
    for (r0, c0), (r1, c1) in sh.merged_cell_ranges or []:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                rows[r][c] = rows[r0][c0]
    return rows, SKRIP.nilai_sel(BUKU)[sheet]


def _sama(sel: object, isian) -> bool:
    """A cell of the agency's workbook against the template's Isian: the same figure or grade."""
    if isian.nilai is None:
        return sel in ("", None)
    if isinstance(isian.nilai, str):
        return sel == isian.nilai
    return angka_sel(sel, "nilai") == isian.nilai


@pytest.fixture(scope="module")
def contoh():
    return baca_workbook(CONTOH)


def _per_indikator(rows: list[list], contoh) -> dict[str, list]:
    """Indicator code -> its row, found by the indicator's name in column C."""
    nama = {i.nama: i.kode for i in contoh.indikator}
    hasil = {nama[r[2]]: r for r in rows if len(r) > 2 and r[2] in nama}
    assert list(hasil) == [i.kode for i in contoh.indikator]
    return hasil


def _realisasi(contoh, kode: str, tahun: int):
    return next((r for r in contoh.realisasi if r.kode == kode and r.tahun == tahun and r.triwulan is None), None)


def test_indicators_sasaran_and_satuan(contoh):
    for sheet in ("PK 2020", "Pengukuran Kinerja", "Perbandingan", "Renstra", "Anggaran"):
        rows, _ = _lembar(sheet)
        baris = _per_indikator(rows, contoh)
        for i in contoh.indikator:
            assert baris[i.kode][1] == i.sasaran, (sheet, i.kode)
            if sheet in ("Pengukuran Kinerja", "Perbandingan", "Renstra"):
                assert baris[i.kode][3] == i.satuan, (sheet, i.kode)


def test_targets_and_realisasi_of_the_report_year(contoh):
    pk = _per_indikator(_lembar("PK 2020")[0], contoh)
    ukur = _per_indikator(_lembar("Pengukuran Kinerja")[0], contoh)
    for i in contoh.indikator:
        r = _realisasi(contoh, i.kode, 2020)
        assert _sama(pk[i.kode][3], r.target), i.kode
        assert _sama(ukur[i.kode][4], r.target), i.kode
        assert _sama(ukur[i.kode][5], r.realisasi), i.kode


def test_targets_and_realisasi_per_year(contoh):
    rows, _ = _lembar("Perbandingan")
    assert rows[4][4:13] == [2018.0, 2019.0, 2020.0] * 3
    assert (rows[3][4], rows[3][7], rows[3][10]) == ("Target", "Realisasi", "Capaian")
    baris = _per_indikator(rows, contoh)
    dicek = 0
    for i in contoh.indikator:
        for k, th in enumerate((2018, 2019, 2020)):
            r = _realisasi(contoh, i.kode, th)
            if r is None:
                assert baris[i.kode][4 + k] == baris[i.kode][7 + k] == "", (i.kode, th)
                continue
            assert _sama(baris[i.kode][4 + k], r.target), (i.kode, th)
            assert _sama(baris[i.kode][7 + k], r.realisasi), (i.kode, th)
            dicek += 1
    assert dicek == 20  # every template row of 2018-2020 (IK2 has none in 2018)


def test_renstra(contoh):
    baris = _per_indikator(_lembar("Renstra")[0], contoh)
    for i in contoh.indikator:
        assert _sama(baris[i.kode][4], i.target_renstra), i.kode
        assert _sama(baris[i.kode][5], _realisasi(contoh, i.kode, 2020).realisasi), i.kode


def test_anggaran_and_belanja(contoh):
    rows, sel = _lembar("Anggaran")
    baris = _per_indikator(rows, contoh)
    for a in contoh.anggaran:
        assert _sama(baris[a.kode][3], a.pagu) and _sama(baris[a.kode][4], a.realisasi), a.kode
    jumlah = next(r for r in rows if r[0] == "JUMLAH")
    assert Decimal(str(jumlah[3])) == sum(a.pagu.nilai for a in contoh.anggaran) == Decimal(4926982500)
    assert Decimal(str(jumlah[4])) == sum(a.realisasi.nilai for a in contoh.anggaran) == Decimal(4317115936)
    belanja = {r[1]: r for r in rows if r[1] in ("Belanja Tidak Langsung", "Belanja Langsung")}
    assert list(belanja) == [b.jenis for b in contoh.belanja]
    for b in contoh.belanja:
        assert _sama(belanja[b.jenis][3], b.pagu) and _sama(belanja[b.jenis][4], b.realisasi), b.jenis
    total = [r for r in rows if r[0] == "JUMLAH"][1]
    assert (total[3], total[4]) == (11347257853.0, 9978832816.0)  # seed: Rp 11.347.257.853 / 9.978.832.816


def test_programs(contoh):
    rows, _ = _lembar("PK 2020")
    awal = next(k for k, r in enumerate(rows) if r[1] == "Program") + 1
    akhir = next(k for k, r in enumerate(rows) if r[1] == "Jumlah Anggaran")
    program = rows[awal:akhir]
    assert len(program) == len(contoh.program) == 13
    for r, p in zip(program, contoh.program):
        assert (str(int(r[0])) if r[0] != "" else "") == p.no
        assert r[1] == p.nama and r[3] == p.keterangan
        assert _sama(r[2], p.pagu), p.nama
    assert rows[akhir][2] == 4926982500.0  # seed: Jumlah Anggaran Rp 4,926,982,500


def test_layout_the_issue_names():
    """Title rows above, a two-row header, a numbered row, sasaran merged over their indicators,
    notes and a signature under the table (Pengukuran Kinerja)."""
    rows, sel = _lembar("Pengukuran Kinerja")
    wb = CalamineWorkbook.from_path(str(BUKU))
    assert wb.sheet_names == ["PK 2020", "Pengukuran Kinerja", "Perbandingan", "Renstra", "Anggaran"]
    merges = _merges(BUKU)["Pengukuran Kinerja"]
    assert ((4, 4), (4, 6)) in merges  # "Tahun 2020" over Target | Realisasi | % Capaian
    assert ((11, 1), (13, 1)) in merges  # sasaran 4 over its three indicators
    assert sel["A1"] == "PENGUKURAN KINERJA TAHUN 2020"
    assert [sel[f"{c}6"] for c in "EFG"] == ["Target", "Realisasi", "% Capaian"]
    assert [sel[f"{c}7"] for c in "ABCDEF"] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    bawah = [v for k, v in sel.items() if int(re.sub(r"\D", "", k)) > 14]
    assert "Catatan:" in bawah and any(str(v).startswith("Sumber:") for v in bawah)
    assert "NIP. 19691210 199803 1 002" in bawah

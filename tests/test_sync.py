"""The file sync on the bundled sample: golden grid, figures of the seed, safety, CLI behaviour."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from lakip_xl.cli import main
from lakip_xl.laporan.lembar import SHEET_RINGKASAN
from lakip_xl.sync import sinkron

ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "workbooks" / "contoh_depok_2020.xlsx"
GOLDEN = ROOT / "tests" / "golden" / "ringkasan_contoh.json"

# Entries a sync may change (lakip_xl/xlsx/__init__.py); everything else must stay byte-identical.
SHARED_PARTS = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                "xl/calcChain.xml"}


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def buku(tmp_path) -> Path:
    p = tmp_path / "contoh.xlsx"
    shutil.copyfile(CONTOH, p)
    return p


@pytest.fixture(scope="module")
def synced(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("sync") / "contoh.xlsx"
    shutil.copyfile(CONTOH, p)
    sinkron(p, backups=0)
    return p


def test_golden_grid(synced):
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "golden"))
    from grid import grid

    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = grid(synced, list(expected))
    for sheet in expected:
        assert got[sheet]["merges"] == expected[sheet]["merges"], sheet
        exp, act = expected[sheet]["cells"], got[sheet]["cells"]
        diff = {k: (exp.get(k), act.get(k)) for k in set(exp) | set(act) if exp.get(k) != act.get(k)}
        assert not diff, f"{sheet}: {sorted(diff.items())[:10]}"


def _sheet(path: Path, name: str) -> list[list]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def _kolom(rows, header: str, after: str = "No") -> list:
    """Values under `header` in the table whose header row starts with `after`."""
    for i, row in enumerate(rows):
        if row and row[0] == after and header in row:
            c = row.index(header)
            out = []
            for r in rows[i + 1:]:
                if not any(v not in ("", None) for v in r[:3]):
                    break
                out.append(r[c])
            return out
    raise AssertionError(f"header {header!r} not found")


def test_pengukuran_kinerja_figures(synced):
    # LAMPIRAN "Pengukuran Kinerja 2020", % column: 100 / 214 / 44,83 / 43,79 as printed (OK rows of
    # seed-figures.md); wirausaha 71,43 (printed 73,55 is a MISMATCH: 0,10 / 0,14); 104; 75,32.
    rows = _sheet(synced, "Pengukuran Kinerja")
    assert _kolom(rows, "%") == [100.0, 214.0, 44.83, 43.79, 71.43, 104.0, 75.32]
    assert _kolom(rows, "Ket")[:2] == ["Telah mencapai target", "Telah melampaui target"]


def test_capaian_renstra_figures(synced):
    # Table 3.3: 80,00 (AKIP, ordinal rule; printed 66,67 is a policy question), 142,67, 42,78, 42,95,
    # 58,82, 86,67, and 62,77 (half up; the report truncated to 62,76).
    rows = _sheet(synced, "Capaian Renstra")
    assert _kolom(rows, "% Capaian") == [80.0, 142.67, 42.78, 42.95, 58.82, 86.67, 62.77]


def test_capaian_sasaran_figures(synced):
    # Means of the computed capaian: S3 (44,83 + 43,79) / 2 = 44,31; S4 (71,43 + 104 + 75,32) / 3 = 83,58.
    rows = _sheet(synced, "Capaian Sasaran")
    assert _kolom(rows, "Rata-rata % Capaian") == [100.0, 214.0, 44.31, 83.58]
    assert _kolom(rows, "Predikat") == ["Sangat Baik", "Sangat Baik", "Sangat Kurang", "Baik"]


def test_realisasi_anggaran_figures(synced):
    # Seed BAB III.D: serapan 88,18 (BTL), 87,62 (BL), 87,94 (total); pagu total 11.347.257.853.
    rows = _sheet(synced, "Realisasi Anggaran")
    assert _kolom(rows, "% Serapan") == [88.18, 87.62, 87.94]
    assert _kolom(rows, "Anggaran (Rp)")[2] == 11347257853


def test_untouched_entries_byte_identical(synced):
    with zipfile.ZipFile(CONTOH) as a, zipfile.ZipFile(synced) as b:
        before = {i.filename: a.read(i) for i in a.infolist()}
        after = {i.filename: b.read(i) for i in b.infolist()}
    changed = [n for n in before if n not in SHARED_PARTS and after.get(n) != before[n]]
    assert changed == []
    assert set(SHEET_RINGKASAN) <= set(_sheet_names(synced))


def _sheet_names(p: Path) -> list[str]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(p)).sheet_names


def test_dry_run_leaves_file_and_folder_unchanged(buku):
    sebelum = _sha(buku)
    isi = sorted(buku.parent.iterdir())
    res = CliRunner().invoke(main, ["sync", str(buku), "--dry-run"])
    assert res.exit_code == 0, res.output
    assert "akan" in res.output.lower()  # says what would change
    assert _sha(buku) == sebelum
    assert sorted(buku.parent.iterdir()) == isi


def test_sync_twice_identical_bytes(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    shutil.copyfile(CONTOH, a)
    shutil.copyfile(CONTOH, b)
    sinkron(a, backups=0)
    sinkron(b, backups=0)
    assert _sha(a) == _sha(b)
    pertama = _sha(a)
    h = sinkron(a, backups=0)
    assert _sha(a) == pertama
    assert h.perubahan.written is False


def test_backup_kept(buku):
    asli = buku.read_bytes()
    h = sinkron(buku, backups=2)
    assert h.perubahan.backup_path is not None and h.perubahan.backup_path.read_bytes() == asli


def test_excel_owner_file_refused(buku):
    (buku.parent / f"~${buku.name}").write_bytes(b"owner")
    sebelum = _sha(buku)
    res = CliRunner().invoke(main, ["sync", str(buku)])
    assert res.exit_code == 1
    assert "Excel" in res.output and "tutup" in res.output.lower()
    assert _sha(buku) == sebelum


def test_cli_sync_prints_table(buku):
    res = CliRunner().invoke(main, ["sync", str(buku)])
    assert res.exit_code == 0, res.output
    assert "Persentase usaha mikro naik kelas" in res.output
    assert "104,00%" in res.output and "Melebihi Target" in res.output


def test_cli_contoh_never_touches_tracked_sample(tmp_path):
    sebelum = _sha(CONTOH)
    res = CliRunner().invoke(main, ["contoh", "--keluar", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert _sha(CONTOH) == sebelum
    assert (tmp_path / "out" / CONTOH.name).exists()
    assert str((tmp_path / "out" / CONTOH.name).resolve()) in res.output.replace("\n", "")


def test_cli_missing_file_message(tmp_path):
    res = CliRunner().invoke(main, ["sync", str(tmp_path / "tidak_ada.xlsx")])
    assert res.exit_code == 1
    assert "tidak_ada.xlsx" in res.output
    assert "Traceback" not in res.output


@pytest.mark.libreoffice
def test_libreoffice_shows_summary_values_and_prints_pdf(synced, tmp_path):
    from lakip_xl.berkas import libreoffice

    csvs = libreoffice.csv_per_sheet(synced, tmp_path / "csv")
    import csv

    with open(csvs["Pengukuran Kinerja"], encoding="utf-8") as f:
        rows = list(csv.reader(f))
    pct = [r[5] for r in rows if len(r) > 6 and r[6].startswith(("Telah", "Perlu"))]
    assert [Decimal(x) for x in pct] == [Decimal(x) for x in
                                         ("100", "214", "44.83", "43.79", "71.43", "104", "75.32")]
    pdf = libreoffice.pdf(synced, tmp_path / "pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert libreoffice.halaman_dengan_teks(pdf, "PENGUKURAN KINERJA TAHUN") is not None


def test_pemeriksaan_sheet_lists_the_seed_mismatches(synced):
    # seed-figures.md: wirausaha 2020 printed 73,55 where 0,10 / 0,14 = 71,43; volume usaha 2018
    # printed 102,8 where 128 / 98 = 130,61.
    rows = _sheet(synced, "Pemeriksaan")
    teks = [" | ".join(str(v) for v in r) for r in rows]
    assert any("73.55" in t and "71,43" in t for t in teks)
    assert any("102,8" in t and "130,61" in t for t in teks)

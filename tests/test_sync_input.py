"""Bad input in the data sheets, end to end through `lakip-xl sync`.

Each case: the Bahasa Indonesia message names the sheet and the cell and says how to fix it, the exit
code is non-zero, and the workbook's bytes (and its folder) are unchanged. Where the rules say n/a
instead (a "-" realisasi, a zero target), the sync goes on and shows n/a. The reader's own per-case
tests are in test_model_baca.py; these prove the whole command keeps the file safe.
"""

from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner
from test_model_baca import IND_HDR, IND_ROWS, PENGATURAN, REAL_HDR, REAL_ROWS, buku, lembar

from lakip_xl.cli import main


def _sha(p) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _ganti(rows, i, j, v):
    rows = [list(r) for r in rows]
    rows[i][j] = v
    return rows


def _refused(path, *expected):
    sebelum, isi = _sha(path), sorted(path.parent.iterdir())
    res = CliRunner().invoke(main, ["sync", str(path)])
    out = res.output
    assert res.exit_code == 1, out
    assert "Traceback" not in out
    for teks in expected:
        assert teks in out, (teks, out)
    assert "Perbaikan:" in out  # every message says how to fix it
    assert _sha(path) == sebelum
    assert sorted(path.parent.iterdir()) == isi  # no backup, lock or temp file left behind
    return out


# case, how the workbook is changed, texts the message must hold (sheet name and cell)
# (REAL_ROWS: row 2 of sheet Realisasi is IK1 2020, row 3 IK2 2019, row 4 IK2 2020; columns
#  A Kode Indikator, B Tahun, C Triwulan, D Target, E Realisasi, F Jumlah)
KASUS_TOLAK = [
    ("teks bukan angka", dict(realisasi=lembar(REAL_HDR, _ganti(REAL_ROWS, 1, 3, "sebelas"))), ["'Realisasi'", "D3"]),
    ("tahun kosong", dict(realisasi=lembar(REAL_HDR, _ganti(REAL_ROWS, 2, 1, None))), ["'Realisasi'", "B4"]),
    ("polaritas tidak dikenal", dict(indikator=lembar(IND_HDR, _ganti(IND_ROWS, 1, 5, "naik"))),
     ["'Indikator'", "F3"]),
    ("nilai huruf tidak dikenal", dict(realisasi=lembar(REAL_HDR, _ganti(REAL_ROWS, 0, 4, "Z"))),
     ["'Realisasi'", "E2"]),
    ("kode indikator ganda", dict(indikator=lembar(IND_HDR, _ganti(IND_ROWS, 1, 2, "IK1"))), ["'Indikator'", "C3"]),
    ("tahun di luar Renstra", dict(realisasi=lembar(REAL_HDR, _ganti(REAL_ROWS, 1, 1, 2030))),
     ["'Realisasi'", "B3"]),
    ("sel gabungan di dalam tabel", dict(merge={"Realisasi": "D3:E3"}), ["'Realisasi'", "D3"]),
]


@pytest.mark.parametrize("kasus,ubah,harus", KASUS_TOLAK, ids=[k[0] for k in KASUS_TOLAK])
def test_sync_refuses_and_leaves_file_untouched(tmp_path, kasus, ubah, harus):
    _refused(buku(tmp_path, **ubah), *harus)


def test_formula_without_cached_value_refused(tmp_path):
    import xlsxwriter

    p = tmp_path / "rumus.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    for name, rows in (("Pengaturan", PENGATURAN), ("Indikator", lembar(IND_HDR, IND_ROWS)),
                       ("Realisasi", lembar(REAL_HDR, REAL_ROWS))):
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is not None:
                    ws.write(r, c, v)
    # a realisasi that is a formula saved without its value (as a file made by a script can be)
    wb.get_worksheet_by_name("Realisasi").write_formula("E2", '=IF(1,"B","B")', None, "")
    wb.close()
    _refused(p, "'Realisasi'", "E2")


def test_all_problems_listed_at_once(tmp_path):
    rows = _ganti(_ganti(REAL_ROWS, 1, 3, "sebelas"), 2, 1, 2030)
    out = _refused(buku(tmp_path, realisasi=lembar(REAL_HDR, rows)), "D3", "B4")
    assert out.count("GALAT") >= 2


def _persen_pengukuran(path) -> list:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Pengukuran Kinerja").to_python()
    head = next(i for i, r in enumerate(rows) if r and r[0] == "No")
    return [r[5] for r in rows[head + 1: head + 1 + len(IND_ROWS)]]


def test_dash_realisasi_shows_na(tmp_path):
    # "-" means missing (not zero): capaian n/a under the default policy "Realisasi Kosong = n/a".
    p = buku(tmp_path, realisasi=lembar(REAL_HDR, _ganti(REAL_ROWS, 0, 4, "-")))
    res = CliRunner().invoke(main, ["sync", str(p)])
    assert res.exit_code == 0, res.output
    assert _persen_pengukuran(p)[0] == "n/a"


def test_zero_target_warns_and_shows_na(tmp_path):
    rows = _ganti(_ganti(REAL_ROWS, 2, 3, "0"), 2, 5, 475)
    p = buku(tmp_path, realisasi=lembar(REAL_HDR, rows))
    res = CliRunner().invoke(main, ["sync", str(p)])
    assert res.exit_code == 0, res.output
    assert "PERINGATAN" in res.output and "D4" in res.output
    assert _persen_pengukuran(p)[1] == "n/a"


def test_decreasing_kumulatif_warns_and_syncs(tmp_path):
    # Typed s/d values of a Kumulatif indicator that fall (the seed's koperasi aktif 89,93 -> 44,00).
    ind = [["S1", "Sasaran satu", "IK1", "Persentase koperasi aktif", "%", "positif", "Kumulatif", None, None, "81,04"]]
    real = [["IK1", 2018, None, "69,93", "89,93", None, None], ["IK1", 2019, None, "73,63", "44,00", None, None]]
    pengaturan = [r if r[0] != "Tahun Laporan" else ["Tahun Laporan", 2019] for r in PENGATURAN]
    p = buku(tmp_path, pengaturan=pengaturan, indikator=lembar(IND_HDR, ind), realisasi=lembar(REAL_HDR, real))
    res = CliRunner().invoke(main, ["sync", str(p)])
    assert res.exit_code == 0, res.output
    assert "PERINGATAN" in res.output and "menurun" in res.output and "E3" in res.output


@pytest.mark.parametrize("teks", ['=HYPERLINK("http://contoh.invalid","klik")', "+62 21 000", "-catatan", "@nama"])
def test_user_text_that_looks_like_a_formula_stays_text(tmp_path, teks):
    import zipfile

    from python_calamine import CalamineWorkbook

    p = buku(tmp_path, indikator=lembar(IND_HDR, _ganti(IND_ROWS, 0, 3, teks)))
    res = CliRunner().invoke(main, ["sync", str(p)])
    assert res.exit_code == 0, res.output
    rows = CalamineWorkbook.from_path(str(p)).get_sheet_by_name("Pengukuran Kinerja").to_python()
    assert any(teks in row for row in rows)
    with zipfile.ZipFile(p) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = z.read(name).decode("utf-8")
                assert "<f>HYPERLINK" not in xml and "<f>=" not in xml


def test_buku_instansi_belum_dipetakan_diarahkan_ke_peta(tmp_path):
    # An agency's own workbook (tests/data/evaluasi_renja_2025.xlsx: no template sheet, no Peta LAKIP)
    # synced before it is mapped: one message pointing at `lakip-xl peta`, not three "add the template's
    # sheet" messages; the file untouched.
    import shutil
    from pathlib import Path

    path = tmp_path / "evaluasi_renja_2025.xlsx"
    shutil.copyfile(Path(__file__).parent / "data" / "evaluasi_renja_2025.xlsx", path)
    out = _refused(path, "bukan template lakip_xl", "Peta LAKIP", f"lakip-xl peta {path.name}")
    assert "Tambahkan sheet bernama 'Pengaturan'" not in out


def test_satu_sheet_template_ada_tetap_menyebut_sheet_yang_hilang(tmp_path):
    # a template workbook that lost a sheet is not an agency's own layout: the missing sheet is named
    path = buku(tmp_path, realisasi=False)
    _refused(path, "Sheet 'Realisasi' tidak ada")

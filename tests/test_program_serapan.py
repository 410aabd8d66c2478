"""Program realisasi and serapan (issue 12): the Program sheet takes an optional Realisasi column, and
the Realisasi Anggaran sheet shows each program's serapan and the total (BAB III.D). A workbook made
before the column existed is still read."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from test_satu_jawaban import _baris

from lakip_xl.excel.buku import Sumber, buat_buku, sumber_dari_folder
from lakip_xl.sumber.baca import baca_workbook
from lakip_xl.sync import sinkron

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "workbooks" / "src"


def _tabel_program(buku: Path) -> list[list]:
    rows = _baris(buku, "Realisasi Anggaran")
    h = next(i for i, r in enumerate(rows) if r[:5] == ["No", "Program", "Anggaran (Rp)", "Realisasi (Rp)",
                                                      "Serapan (%)"])
    out = []
    for r in rows[h + 1:]:
        out.append(r)
        if r[1] == "Jumlah Anggaran":
            break
    return out


def test_program_serapan_per_row_and_total(tmp_path):
    src = sumber_dari_folder(SRC / "contoh_depok_2020", SRC / "beranda.toml")
    tabel = {k: [dict(r) for r in v] for k, v in src.tabel.items()}
    prog = [r for r in tabel["Program"] if r["Tahun"] == "2020"]
    # program 1: pagu 16.200.000, realisasi 15.390.000 -> 95,00 %; program 2: 651.661.000, 586.494.900 -> 90,00 %
    prog[0]["Realisasi"] = "15390000"
    prog[1]["Realisasi"] = "586494900"
    buku = tmp_path / "program.xlsx"
    buat_buku(buku, Sumber(src.pengaturan, tabel, src.beranda))
    sinkron(buku, backups=0)
    t = _tabel_program(buku)
    assert t[0][2:5] == [16200000.0, 15390000.0, 95.0]
    assert t[1][2:5] == [651661000.0, 586494900.0, 90.0]
    assert t[2][3:5] == ["", ""]  # not filled: no serapan invented
    jumlah = t[-1]
    # total serapan over the whole pagu (Rp 4.926.982.500, seed-figures: the PK programs' sum)
    real = Decimal(15390000 + 586494900)
    assert jumlah[2] == 4926982500.0 and jumlah[3] == float(real)
    assert Decimal(str(jumlah[4])) == (real / Decimal(4926982500) * 100).quantize(Decimal("0.01"))


def test_workbook_without_the_column_is_read(tmp_path, monkeypatch):
    import lakip_xl.sumber.model as m

    lama = [k for k in m.KOLOM[m.SHEET_PROGRAM] if k != "Realisasi"]  # the Program table before the column
    monkeypatch.setitem(m.KOLOM, m.SHEET_PROGRAM, lama)
    src = sumber_dari_folder(SRC / "contoh_depok_2020", SRC / "beranda.toml")
    buku = tmp_path / "lama.xlsx"
    buat_buku(buku, src)
    monkeypatch.undo()
    assert "Realisasi" not in _baris(buku, "Program")[3]
    data = baca_workbook(buku)
    assert len(data.program) == 13 and all(p.realisasi.angka is None for p in data.program)
    sinkron(buku, backups=0)
    assert _tabel_program(buku)[0][3:5] == ["", ""]

"""Efisiensi settings on the summary and in the document (issue 12): Metode Efisiensi rasio gives
capaian / serapan under an "Efisiensi (rasio)" header, and every row carries the Efisien / Cukup
Efisien / Tidak Efisien label from the bounds in the Pengaturan sheet."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from test_satu_jawaban import _baris

from lakip_xl.aturan.anggaran import kategori_efisiensi
from lakip_xl.excel.buku import Sumber, buat_buku, sumber_dari_folder
from lakip_xl.laporan.hitung import hitung
from lakip_xl.sumber.baca import baca_workbook
from lakip_xl.sync import sinkron

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "workbooks" / "src"


def _buku(tmp_path: Path, **ubah: str) -> Path:
    src = sumber_dari_folder(SRC / "contoh_depok_2020", SRC / "beranda.toml")
    peng = {**src.pengaturan, **ubah}
    buku = tmp_path / "efisiensi.xlsx"
    buat_buku(buku, Sumber(peng, src.tabel, src.beranda))
    sinkron(buku, backups=0)
    return buku


def _tabel(buku: Path) -> tuple[list, list[list]]:
    rows = _baris(buku, "Efisiensi Anggaran")
    h = next(i for i, r in enumerate(rows) if r[:3] == ["No", "Sasaran", "Indikator Kinerja"])
    body = [r for r in rows[h + 1:] if isinstance(r[8], (int, float))]
    return rows[h], body


def test_rasio_dan_kategori(tmp_path):
    buku = _buku(tmp_path, **{"Metode Efisiensi": "rasio", "Batas Efisien": "1", "Batas Cukup Efisien": "0,5"})
    header, body = _tabel(buku)
    assert header[9:11] == ["Efisiensi (rasio)", "Kategori"]
    assert body, "no indicator with a budget in the sample"
    for r in body:
        capaian, srp, rasio, kat = Decimal(str(r[5])), Decimal(str(r[8])), r[9], r[10]
        # capaian / serapan from the figures the same row shows, to 2 decimals (both are 2-decimal figures,
        # so the recomputation can differ from the exact one by rounding only: tolerance 0,01)
        assert abs(Decimal(str(rasio)) - (capaian / srp).quantize(Decimal("0.01"), ROUND_HALF_UP)) <= Decimal("0.01")
        harus = "Efisien" if Decimal(str(rasio)) >= 1 else "Cukup Efisien" if Decimal(str(rasio)) >= Decimal("0.5") \
            else "Tidak Efisien"
        assert kat == harus, r
    assert {r[10] for r in body} >= {"Efisien", "Tidak Efisien"}  # the sample has both kinds (214 % / 44,83 %)
    catatan = [r[0] for r in _baris(buku, "Efisiensi Anggaran") if isinstance(r[0], str) and "Kategori:" in r[0]]
    assert catatan and "rasio" in catatan[0] and "0,5 sampai di bawah 1 Cukup Efisien" in catatan[0]


def test_bawaan_selisih_sama_dengan_aturan(tmp_path):
    buku = _buku(tmp_path)
    header, body = _tabel(buku)
    assert header[9:11] == ["Efisiensi (poin)", "Kategori"]
    hasil = hitung(baca_workbook(buku))
    dengan = [hi for hi in hasil.indikator if hi.efisiensi is not None]
    assert [r[10] for r in body] == [kategori_efisiensi(hi.efisiensi) for hi in dengan]
    for r, hi in zip(body, dengan):
        assert Decimal(str(r[9])) == hi.efisiensi == hi.capaian - hi.serapan


def test_dokumen_ikut_metode(tmp_path):
    from docx import Document

    from lakip_xl.laporan.dokumen.buat import buat_laporan

    buku = _buku(tmp_path, **{"Metode Efisiensi": "rasio"})
    out = tmp_path / "lkjip.docx"
    buat_laporan(buku, out, grafik=False)
    doc = Document(str(out))
    teks = "\n".join(p.text for p in doc.paragraphs)
    assert "rasio capaian terhadap serapan anggaran (efisiensi) sebesar" in teks
    assert "selisih capaian terhadap serapan anggaran" not in teks
    (tabel,) = [t for t in doc.tables if t.rows[0].cells[-2].text == "Efisiensi (rasio)"]
    assert tabel.rows[0].cells[-1].text == "Kategori"
    _, body = _tabel(buku)
    dok = {r.cells[2].text: r.cells[-1].text for r in tabel.rows[1:]}
    assert all(dok[r[2]] == r[10] for r in body)

"""The agency's own workbook against the template (issue 11), on the workbooks in tests/data
(tests/data/README.md names each file's public source):

- golden equality: the Depok 2020 report's own tables typed the way a dinas types them
  (lakip_dinas_depok_2020.xlsx, same data as workbooks/contoh_depok_2020.xlsx) give, through `peta` with
  only the facts a layout cannot show filled in, the same summary sheets cell for cell as the template
  sample (tests/golden/ringkasan_contoh.json), and the agency's own sheets stay byte-identical;
- the three real agency workbooks: `peta` reads each and says what it found; the Deli Serdang
  Evaluasi Renja form maps to indicators with target, realisasi and capaian; the Permendagri 54 .xls is
  read, and `sync --keluar` writes its summary into a new .xlsx.
"""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from lakip_xl.cli import main
from lakip_xl.laporan.hitung import hitung
from lakip_xl.laporan.lembar import NAMA_PETA, SHEET_RINGKASAN
from lakip_xl.sumber.baca import baca_workbook
from lakip_xl.sumber.model import SKALA_NILAI_LABEL, TIPE_LABEL
from lakip_xl.sumber.peta import SHEET_PETA, petakan, tulis_peta
from lakip_xl.sumber.peta.baca import baca_terpeta, kunci_nama
from lakip_xl.sumber.peta.sumber import buka
from lakip_xl.sync import periksa_buku, sinkron

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
CONTOH = ROOT / "workbooks" / "contoh_depok_2020.xlsx"
GOLDEN = ROOT / "tests" / "golden" / "ringkasan_contoh.json"
BERSAMA = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"}

sys.path.insert(0, str(ROOT / "tests" / "golden"))
from grid import grid  # noqa: E402


def _salin(nama: str, tmp_path: Path) -> Path:
    asal = DATA / nama
    if not asal.exists():
        pytest.skip(f"tests/data/{nama} is not in this checkout yet")
    p = tmp_path / nama
    shutil.copyfile(asal, p)
    p.chmod(0o644)
    return p


def _isi(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


# --- golden equality --------------------------------------------------------------------------------------
def _isi_fakta(p: Path) -> None:
    """`peta`, then the facts no layout shows filled in from the template sample (polaritas, tipe,
    skala nilai and penyebut of each indicator; the agency's name split from its region, the signature
    and the Renstra period), written back as a user would correct the Peta LAKIP sheet."""
    contoh = baca_workbook(CONTOH)
    per_nama = {kunci_nama(i.nama): i for i in contoh.indikator}
    tipe = {v: k for k, v in TIPE_LABEL.items()}
    skala = {v: k for k, v in SKALA_NILAI_LABEL.items()}
    h = petakan(p)
    assert len(h.peta.indikator) == len(contoh.indikator)
    for f in h.peta.indikator:
        i = per_nama[kunci_nama(f.nama)]
        f.polaritas, f.tipe = i.polaritas, tipe[i.tipe]
        f.skala_nilai = skala.get(i.skala_nilai, "")
        f.penyebut = i.penyebut if i.penyebut is not None else ""
    pg = contoh.pengaturan
    h.peta.pengaturan.update({
        "Instansi": pg.instansi, "Kota/Kabupaten": pg.wilayah, "Kepala Dinas": pg.kepala, "NIP": pg.nip,
        "Tahun Laporan": pg.tahun, "Awal Renstra": pg.awal_renstra, "Akhir Renstra": pg.akhir_renstra,
        "Skala Predikat Sasaran": pg.kebijakan.skala_sasaran})
    tulis_peta(p, h, backups=0)


def test_golden_equality_with_the_template_sample(tmp_path):
    p = _salin("lakip_dinas_depok_2020.xlsx", tmp_path)
    _isi_fakta(p)
    sebelum = _isi(p)
    h = sinkron(p, backups=0)
    assert h.terpeta
    diharapkan = json.loads(GOLDEN.read_text(encoding="utf-8"))
    didapat = grid(p, [NAMA_PETA[n] for n in SHEET_RINGKASAN])
    for n in SHEET_RINGKASAN:
        beda = {k: (didapat[NAMA_PETA[n]]["cells"].get(k), v) for k, v in diharapkan[n]["cells"].items()
                if didapat[NAMA_PETA[n]]["cells"].get(k) != v}
        beda |= {k: (v, None) for k, v in didapat[NAMA_PETA[n]]["cells"].items() if k not in diharapkan[n]["cells"]}
        assert beda == {}, n
        assert didapat[NAMA_PETA[n]]["merges"] == diharapkan[n]["merges"], n
    # the agency's sheets, the Peta LAKIP sheet and every other part: byte for byte
    sesudah = _isi(p)
    assert [x for x in sebelum if x not in BERSAMA and sesudah.get(x) != sebelum[x]] == []


def test_the_same_model_from_both_sources(tmp_path):
    p = _salin("lakip_dinas_depok_2020.xlsx", tmp_path)
    _isi_fakta(p)
    a, b = hitung(baca_terpeta(buka(p)).data), hitung(baca_workbook(CONTOH))
    assert [(s.nama, s.capaian) for s in a.sasaran] == [(s.nama, s.capaian) for s in b.sasaran]
    assert [(hi.indikator.nama, hi.capaian, hi.capaian_renstra, hi.pagu) for hi in a.indikator] == \
        [(hi.indikator.nama, hi.capaian, hi.capaian_renstra, hi.pagu) for hi in b.indikator]


# --- the real agency workbooks ---------------------------------------------------------------------------
NYATA = ["evaluasi_renja_2025.xlsx", "renja_permendagri54_biro_perekonomian.xls",
         "lkpj_formulir_capaian_kinerja.xlsx"]


@pytest.mark.parametrize("nama", NYATA)
def test_peta_reads_each_real_workbook(nama, tmp_path):
    p = _salin(nama, tmp_path)
    sebelum = p.read_bytes()
    res = CliRunner().invoke(main, ["peta", str(p), "--dry-run"])
    assert res.exit_code == 0, res.output
    assert "tabel indikator" in res.output and " Indikator" in res.output
    assert p.read_bytes() == sebelum


def test_renja_form_maps_to_indicators_with_target_realisasi_and_capaian(tmp_path):
    p = _salin("evaluasi_renja_2025.xlsx", tmp_path)
    h = petakan(p)
    (t,) = h.peta.tabel
    peran = {k.huruf: (k.peran, k.tahun) for k in t.kolom}
    assert peran["H"] == ("indikator", None)
    assert peran["N"] == ("target", 2025)
    assert peran["AB"] == ("realisasi", 2025)
    assert peran["AF"][0] == "capaian_renstra"
    assert h.peta.pengaturan["Tahun Laporan"] == 2025
    hasil = hitung(h.data)
    assert len(hasil.indikator) >= 90
    ditulis = [hi for hi in hasil.indikator if hi.laporan is not None and isinstance(hi.capaian, Decimal)]
    assert len(ditulis) >= 80
    tertib = next(hi for hi in hasil.indikator if hi.indikator.nama.startswith("Persentase Tertib Pelaporan"))
    assert (tertib.laporan.target, tertib.capaian) == (Decimal(100), Decimal("100.00"))
    # its own blind cumulative sums (200 % for a percentage) are stated figures the audit compares
    assert any(d.besaran == "realisasi_sd" and d.nilai.sel == "AD14" and d.nilai.nilai == 200 for d in h.data.dilaporkan)


def test_renja_form_sync_after_peta(tmp_path):
    p = _salin("evaluasi_renja_2025.xlsx", tmp_path)
    assert CliRunner().invoke(main, ["peta", str(p), "--cadangan", "0"]).exit_code == 0
    sebelum = _isi(p)
    res = CliRunner().invoke(main, ["sync", str(p), "--cadangan", "0", "--diam"])
    assert res.exit_code == 0, res.output
    sesudah = _isi(p)
    assert [x for x in sebelum if x not in BERSAMA and sesudah.get(x) != sebelum[x]] == []
    res = CliRunner().invoke(main, ["periksa", str(p)])
    assert res.exit_code == 1
    assert "Evaluasi Renja" in res.output and "Peta LAKIP" in res.output


def test_xls_is_read_and_synced_into_a_new_xlsx(tmp_path):
    p = _salin("renja_permendagri54_biro_perekonomian.xls", tmp_path)
    h = petakan(p)
    assert h.xls
    assert [t.sheet for t in h.peta.tabel] == ["J-1", "J-2", "J-3"]
    assert h.data is not None and len(h.data.indikator) >= 50
    sebelum = p.read_bytes()
    res = CliRunner().invoke(main, ["sync", str(p)])
    assert res.exit_code == 1 and "--keluar" in res.output
    keluar = tmp_path / "biro_lakip.xlsx"
    res = CliRunner().invoke(main, ["sync", str(p), "--keluar", str(keluar), "--diam"])
    assert res.exit_code == 0, res.output
    assert p.read_bytes() == sebelum
    from python_calamine import CalamineWorkbook

    nama = CalamineWorkbook.from_path(str(keluar)).sheet_names
    assert nama[0] == SHEET_PETA and NAMA_PETA["Pengukuran Kinerja"] in nama
    # the new workbook reads its tables from the .xls on every later sync and audit
    dua = CliRunner().invoke(main, ["sync", str(keluar), "--diam", "--cadangan", "0"])
    assert dua.exit_code == 0, dua.output
    res = CliRunner().invoke(main, ["periksa", str(keluar)])
    assert res.exit_code in (0, 1) and "Peta LAKIP" in res.output


def test_periksa_reads_the_xls(tmp_path):
    p = _salin("renja_permendagri54_biro_perekonomian.xls", tmp_path)
    res = CliRunner().invoke(main, ["periksa", str(p)])
    assert res.exit_code in (0, 1), res.output
    assert "peta sementara" in res.output


def test_lkpj_form_needs_its_year_before_a_sync(tmp_path):
    p = _salin("lkpj_formulir_capaian_kinerja.xlsx", tmp_path)
    h = petakan(p)
    peran = {k.huruf: k.peran for k in h.peta.tabel[0].kolom}
    assert (peran["D"], peran["F"], peran["G"], peran["H"], peran["I"], peran["J"]) == (
        "indikator", "target", "realisasi", "pagu", "realisasi_anggaran", "serapan")
    assert any("Tahun Laporan" in m.pesan for m in h.masalah)
    res = CliRunner().invoke(main, ["periksa", str(p)])
    assert res.exit_code == 2
    assert "Tahun Laporan" in res.output


def test_periksa_temporary_map_names_no_missing_sheet(tmp_path):
    """periksa on an unmapped dinas workbook reads it through a proposed map that is not in the workbook:
    no finding may send the user to a 'Peta LAKIP' sheet that does not exist, and the seed's own
    capaian errors in its yearly comparison are found on the agency's sheet."""
    p = _salin("lakip_dinas_depok_2020.xlsx", tmp_path)
    h = periksa_buku(p)
    assert h.form.endswith("peta sementara, belum dikoreksi)")
    assert SHEET_PETA not in {t.sheet for t in h.temuan}
    assert {t.sel for t in h.temuan if t.sheet == "Perbandingan" and t.kategori == "capaian"} >= {"K9", "K10"}

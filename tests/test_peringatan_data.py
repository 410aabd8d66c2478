"""Reader warnings that say what was applied (issue 12): a zero target under a 'Target Nol' policy says
which value was used, and a count indicator whose unit is a percentage but whose Penyebut is empty is
warned about at its Penyebut cell instead of silently becoming '10,00 %'."""

from __future__ import annotations

from pathlib import Path

import test_satu_jawaban as t

from lakip_xl.excel.buku import Sumber, buat_buku, sumber_dari_folder
from lakip_xl.sumber.baca import baca_workbook


def _baca(tmp_path: Path, *, pengaturan: dict | None = None, indikator=None):
    src = sumber_dari_folder(t.SRC / "contoh_depok_2020", t.SRC / "beranda.toml")
    peng = dict(src.pengaturan) | (pengaturan or {})
    tabel = {s: [] for s in src.tabel}
    tabel["Indikator"] = [dict(zip(t._IND, r)) for r in (indikator or t.INDIKATOR)]
    tabel["Realisasi"] = [dict(zip(t._REAL, r)) for r in t.REALISASI]
    p = tmp_path / "dinas.xlsx"
    buat_buku(p, Sumber(peng, tabel, src.beranda))
    return baca_workbook(p)


def _pesan(d, awal: str) -> list:
    return [m for m in d.peringatan if m.pesan.startswith(awal)]


def test_zero_target_names_the_policy_applied(tmp_path):
    bawaan = _pesan(_baca(tmp_path), "Target bernilai 0")
    assert bawaan and all("tidak dapat dihitung (n/a)" in m.pesan for m in bawaan)
    seratus = _pesan(_baca(tmp_path, pengaturan={"Target Nol": "100"}), "Target bernilai 0")
    assert len(seratus) == len(bawaan) == 2  # IKF 2019 and 2020
    assert all(m.pesan == "Target bernilai 0: capaian diisi 100 sesuai pengaturan 'Target Nol'." for m in seratus)
    assert all(m.sheet == "Realisasi" and m.sel.startswith("D") for m in seratus)


def test_forgotten_penyebut_of_a_percentage_count_is_warned_at_its_cell(tmp_path):
    assert not _pesan(_baca(tmp_path), "Indikator IKE")  # Penyebut 40 filled: no warning
    tanpa = [r[:8] + ("",) + r[9:] if r[2] == "IKE" else r for r in t.INDIKATOR]
    (m,) = _pesan(_baca(tmp_path, indikator=tanpa), "Indikator IKE")
    assert "Penyebut kosong" in m.pesan and m.sheet == "Indikator"
    kolom = t._IND.index("Penyebut")
    assert m.sel == f"{chr(65 + kolom)}{5 + [r[2] for r in t.INDIKATOR].index('IKE')}"


def test_empty_polaritas_with_a_grade_target_is_a_grade_indicator(tmp_path):
    """docs/template.md: Polaritas left empty is positif, unless the targets are grades ('BB'): then the
    indicator is graded on the scale the grades belong to (the sync refused 'BB' before)."""
    from lakip_xl.laporan.hitung import hitung

    kosong = [r[:5] + ("",) + r[6:7] + ("",) + r[8:] if r[2] == "IKD" else r for r in t.INDIKATOR]
    d = _baca(tmp_path, indikator=kosong)
    ikd = next(i for i in d.indikator if i.kode == "IKD")
    assert (ikd.polaritas, ikd.skala_nilai) == ("huruf", "akip")
    assert next(i for i in d.indikator if i.kode == "IKG").polaritas == "positif"
    (tmp_path / "b").mkdir()
    tegas = _baca(tmp_path / "b", indikator=t.INDIKATOR)  # the same with Polaritas 'huruf' typed
    a = {hi.indikator.kode: hi.capaian for hi in hitung(d).indikator}
    b = {hi.indikator.kode: hi.capaian for hi in hitung(tegas).indikator}
    assert a == b and str(a["IKD"]) == "100.00"

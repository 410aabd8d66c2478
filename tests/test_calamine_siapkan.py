"""SumberCalamine.siapkan: sheets parsed ahead on a background thread give what rows() gives without it.

The reader (baca_data) names the sheets it reads after Pengaturan and Indikator; the thread parses them
with a workbook object of its own while the reader works. Compared here with a second SumberCalamine
that parses on the calling thread: rows, merged ranges, the error of a corrupt sheet, and a file saved
over the path after it was opened (the thread must not read the new file). A source without siapkan
(the xlwings adapter) is read as before: test_model_baca.test_sumber_protocol_in_memory.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
from pathlib import Path

import pytest
from test_model_baca import REAL_HDR, REAL_ROWS, buku, lembar

from lakip_xl.errors import BerkasError
from lakip_xl.sumber import calamine
from lakip_xl.sumber.baca import SumberCalamine, baca_data

sys.path.insert(0, str(Path(__file__).parent))
from fixtures.buku_rusak import rusak_deflate  # noqa: E402

CONTOH = Path(__file__).resolve().parents[1] / "workbooks" / "contoh_depok_2020.xlsx"


@pytest.fixture(autouse=True)
def selalu_siapkan(monkeypatch):
    """The workbooks here are small: parse ahead whatever their size (the threshold has its own test)."""
    monkeypatch.setattr(calamine, "SIAPKAN_MULAI", 0)


def _tunggu_thread() -> None:
    for t in threading.enumerate():
        if t.name == "lakip_xl-calamine":
            t.join(timeout=30)


@pytest.mark.parametrize("nama", ["contoh", "gabungan"])
def test_siapkan_sama_dengan_membaca_langsung(tmp_path, nama):
    path = CONTOH if nama == "contoh" else buku(tmp_path, merge={"Realisasi": "G2:G3"})
    langsung = SumberCalamine(path)
    lebih_dulu = SumberCalamine(path)
    semua = lebih_dulu.sheet_names()
    lebih_dulu.siapkan(list(reversed(semua)) + ["Tidak Ada"])  # any order; an absent sheet is skipped
    assert "Tidak Ada" not in lebih_dulu._siap
    for s in semua:
        assert lebih_dulu.rows(s) == langsung.rows(s), s
        assert lebih_dulu.merged_ranges(s) == langsung.merged_ranges(s), s
    if nama == "gabungan":
        assert lebih_dulu.merged_ranges("Realisasi") == [(1, 6, 2, 6)]
    assert lebih_dulu._siap == {}  # each parsed sheet handed over once, then dropped
    assert lebih_dulu.rows("Realisasi") == langsung.rows("Realisasi")  # asked again: parsed again


def test_thread_bukan_daemon_dan_selesai(tmp_path):
    s = SumberCalamine(buku(tmp_path))
    s.siapkan(["Realisasi"])
    (thread,) = s._thread
    # the interpreter waits for it at exit instead of stopping it inside calamine
    assert thread.name == "lakip_xl-calamine" and not thread.daemon
    assert s.rows("Realisasi")[0] == REAL_HDR
    assert not thread.is_alive()  # joined once its sheet was read


def test_sheet_rusak_pesannya_sama(tmp_path):
    asli = buku(tmp_path)
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(rusak_deflate(asli.read_bytes(), "xl/worksheets/sheet3.xml"))  # Realisasi

    def pesan(siapkan: bool) -> str:
        s = SumberCalamine(rusak)
        if siapkan:
            s.siapkan(["Realisasi"])
            _tunggu_thread()
        with pytest.raises(BerkasError) as e:
            s.rows("Realisasi")
        return str(e.value)

    tanpa = pesan(False)
    assert "Realisasi" in tanpa and "rusak" in tanpa
    assert pesan(True) == tanpa


def test_berkas_yang_disimpan_ulang_tidak_dibaca_thread(tmp_path):
    # The file is saved over (a new file renamed onto the path, as Excel saves) after the reader opened
    # it: the thread must not parse the new file; the rows are those of the file the reader opened.
    path = buku(tmp_path, nama="a.xlsx")
    lama = SumberCalamine(path).rows("Realisasi")
    s = SumberCalamine(path)
    baru = buku(tmp_path, nama="b.xlsx", realisasi=lembar(REAL_HDR, REAL_ROWS[:1]))
    shutil.copyfile(baru, tmp_path / "b2.xlsx")
    os.replace(tmp_path / "b2.xlsx", path)
    s.siapkan(["Realisasi"])
    _tunggu_thread()
    assert SumberCalamine(path).rows("Realisasi") != lama  # the path holds the new file now
    assert s.rows("Realisasi") == lama


def test_baca_data_menyebut_sheet_dengan_ejaan_buku(tmp_path):
    # the reader names the sheets it reads after Indikator, spelled as the workbook spells them, in order
    path = buku(tmp_path, realisasi=False, lain={"REALISASI ": lembar(REAL_HDR, REAL_ROWS),
                                                  "anggaran": [["Kode Indikator", "Tahun", "Pagu", "Realisasi"]]})

    class Catat(SumberCalamine):
        disebut: list[str] = []

        def siapkan(self, sheets):
            Catat.disebut = list(sheets)
            super().siapkan(sheets)

    data = baca_data(Catat(path))
    assert Catat.disebut == ["REALISASI ", "anggaran"]
    assert len(data.realisasi) == 3
    assert baca_data(SumberCalamine(path)).realisasi == data.realisasi
    _tunggu_thread()


def test_di_bawah_ambang_tidak_ada_thread(tmp_path, monkeypatch):
    # a small workbook is parsed as before, on the calling thread: no thread, nothing parsed ahead
    path = buku(tmp_path)
    s = SumberCalamine(path)
    monkeypatch.setattr(calamine, "SIAPKAN_MULAI", s._ukuran_xml(["Realisasi", "Indikator"]) + 1)
    s.siapkan(["Realisasi", "Indikator"])
    assert s._siap == {}
    monkeypatch.setattr(calamine, "SIAPKAN_MULAI", s._ukuran_xml(["Realisasi", "Indikator"]))
    s.siapkan(["Realisasi", "Indikator"])
    assert set(s._siap) == {"Realisasi", "Indikator"}
    _tunggu_thread()
    assert s.rows("Realisasi")[0] == REAL_HDR


def test_tanpa_thread_dibaca_seperti_biasa(tmp_path, monkeypatch):
    # where no thread can start (Pyodide, an interpreter shutting down) siapkan does nothing
    class TanpaThread:
        def __init__(self, *a, **k):
            pass

        def start(self):
            raise RuntimeError("can't start new thread")

    path = buku(tmp_path)
    s = SumberCalamine(path)
    monkeypatch.setattr(calamine.threading, "Thread", TanpaThread)
    s.siapkan(["Realisasi"])
    assert s._siap == {}
    assert s.rows("Realisasi") == SumberCalamine(path).rows("Realisasi")


def test_memori_thread_dikembalikan_setelah_sheet_terakhir(tmp_path, monkeypatch):
    # once every sheet parsed ahead has been read, the thread has ended and the memory it freed is given
    # back (glibc keeps it in the thread's own arena otherwise)
    dipanggil = []
    monkeypatch.setattr(calamine, "_kembalikan_memori", lambda: dipanggil.append(1))
    s = SumberCalamine(buku(tmp_path))
    s.siapkan(["Realisasi", "Indikator"])
    thread = list(s._thread)
    assert len(thread) == 1
    s.rows("Realisasi")
    assert dipanggil == []
    s.rows("Indikator")
    assert dipanggil == [1] and s._thread == [] and not thread[0].is_alive()
    s.rows("Pengaturan")  # not parsed ahead: nothing more to give back
    assert dipanggil == [1]


def test_ekspor_membaca_tanpa_thread(tmp_path):
    # the export's reader keeps its memory: baca_data through it parses nothing ahead
    from lakip_xl.excel.rumus_cepat import _SumberSimpan

    asal = SumberCalamine(buku(tmp_path))
    data = baca_data(_SumberSimpan(asal, {"Realisasi"}))
    assert len(data.realisasi) == 3
    assert asal._siap == {} and asal._thread == []

"""lakip_xl.xlsx.package.DeflateWorker: entries deflated on a second thread give exactly the bytes of
Deflated.from_chunks, an error while an entry is being made leaves the worker usable and ends its thread,
and without threads (Pyodide) it deflates in place. The plan's use of it: a sync that fails mid-sheet
leaves no thread behind and the file untouched."""

from __future__ import annotations

import shutil
import threading
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_xlsx_package import make_book, spec

from lakip_xl.xlsx import package, update_workbook
from lakip_xl.xlsx.package import RAW_DEFLATE_WBITS, Deflated, DeflateWorker, PendingDeflate
from lakip_xl.xlsx.sheetspec import SheetSpec

entries = st.lists(st.lists(st.binary(max_size=40) | st.sampled_from([b"<c r=\"A1\"/>" * 9, b""]), max_size=12),
                   min_size=1, max_size=4)


@settings(max_examples=80, deadline=None)
@given(entries, st.integers(1, 64), st.integers(1, 3), st.sampled_from([0, 30, 10**9]))
def test_same_bytes_as_deflating_here(isi, piece, depth, mulai):
    # an entry goes to the thread once its chunks reach `start` bytes (an entry with no chunk never does)
    besar = [bool(chunks) and sum(map(len, chunks)) >= mulai for chunks in isi]
    with DeflateWorker(piece=piece, depth=depth, start=mulai) as w:
        assert w.thread is None  # started by the first large entry
        hasil = [w.deflate(iter(chunks)) for chunks in isi]
        assert (w.thread is not None and w.thread.is_alive()) == any(besar)
    for chunks, p, b in zip(isi, hasil, besar):
        assert isinstance(p, PendingDeflate) == b
        d = p.result() if b else p
        assert d == Deflated.from_chunks(chunks)
        assert zlib.decompress(d.raw, RAW_DEFLATE_WBITS) == b"".join(chunks)
        assert (d.crc, d.size) == (zlib.crc32(b"".join(chunks)), len(b"".join(chunks)))


def test_error_while_making_an_entry():
    def rusak():
        yield b"<row>" * 50
        raise ValueError("cannot write NaN")

    with DeflateWorker(piece=16, start=0) as w:
        with pytest.raises(ValueError, match="NaN"):
            w.deflate(rusak())
        t = w.thread
        # the worker goes on with the next entry, from a fresh compressor
        berikut = w.deflate([b"abc" * 20, b"def"])
    assert not t.is_alive() and w.thread is None
    assert berikut.result() == Deflated.from_chunks([b"abc" * 20, b"def"])
    assert w.deflate([b"ghi"]) == Deflated.from_chunks([b"ghi"])  # closed: deflated here


def test_error_in_the_thread_reaches_result(monkeypatch):
    class Rusak:
        def compress(self, data):
            raise zlib.error("boom")

    monkeypatch.setattr(package, "_compressor", Rusak)
    with DeflateWorker(start=0) as w:
        p = w.deflate([b"x" * 10])
    with pytest.raises(zlib.error, match="boom"):
        p.result()


def test_without_threads_deflates_here(monkeypatch):
    def tidak_bisa(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", tidak_bisa)
    with DeflateWorker() as w:
        assert w.thread is None
        d = w.deflate([b"abc", b"def"])
    assert d == Deflated.from_chunks([b"abc", b"def"])


def test_failed_sync_leaves_no_thread_and_the_file_untouched(tmp_path, monkeypatch):
    path = tmp_path / "Laporan.xlsx"
    make_book(path)
    sebelum = path.read_bytes()
    threads = []
    asli = DeflateWorker.close

    def catat(self):
        threads.append(self.thread)
        asli(self)

    monkeypatch.setattr(DeflateWorker, "close", catat)
    monkeypatch.setitem(DeflateWorker.__init__.__kwdefaults__, "start", 0)  # every sheet on the thread
    buruk = SheetSpec("Rusak")
    buruk.set(1, 1, Decimal("NaN"))
    with pytest.raises(ValueError, match="NaN"):
        update_workbook(path, [spec("Ikhtisar"), buruk])
    assert len(threads) == 1 and threads[0] is not None  # the plan did deflate on a thread...
    assert not threads[0].is_alive()  # ...which ended with it
    assert path.read_bytes() == sebelum


def test_small_sheets_deflated_here(tmp_path, monkeypatch):
    """An entry below the worker's `start` bytes is deflated in place and no thread starts (a small sync
    is slower with one); the same file either way."""
    for n, cells in (("kecil", 10**9), ("besar", 0)):
        path = tmp_path / f"{n}.xlsx"
        make_book(path)
        threads = []
        asli = DeflateWorker.close
        monkeypatch.setattr(DeflateWorker, "close", lambda self, asli=asli: (threads.append(self.thread), asli(self)))
        monkeypatch.setitem(DeflateWorker.__init__.__kwdefaults__, "start", cells)
        update_workbook(path, [spec("Ikhtisar"), spec("Capaian")], backups=0)
        assert (threads[0] is None) == (n == "kecil")
    assert (tmp_path / "kecil.xlsx").read_bytes() == (tmp_path / "besar.xlsx").read_bytes()


def test_ekspor_same_copy_with_the_thread(tmp_path, monkeypatch):
    """The ekspor's spliced sheets on the thread (every one, however small) give the same copy as
    deflated in place; the sample's counted Realisasi and CAPAIAN cells are spliced either way."""
    from lakip_xl.surel import ekspor as ek

    contoh = Path(__file__).resolve().parent.parent / "workbooks" / "contoh_depok_2020.xlsx"
    keluar = {}
    for n, batas in (("di_sini", 10**12), ("thread", 0)):
        asal = tmp_path / f"{n}.xlsx"
        shutil.copyfile(contoh, asal)
        threads = []
        asli = DeflateWorker.close
        monkeypatch.setattr(DeflateWorker, "close", lambda self, asli=asli: (threads.append(self.thread), asli(self)))
        monkeypatch.setitem(DeflateWorker.__init__.__kwdefaults__, "start", batas)
        h = ek.ekspor(asal, tmp_path / f"{n}_ekspor.xlsx")
        assert h.rumus_lakip > 0
        assert (threads[0] is None) == (n == "di_sini")
        keluar[n] = (tmp_path / f"{n}_ekspor.xlsx").read_bytes()
    assert keluar["di_sini"] == keluar["thread"]

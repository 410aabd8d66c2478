"""File safety: refusals with Indonesian messages, the lock, atomic writes, rotating backups, and the
original staying byte-identical on every injected failure."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import zipfile
from decimal import Decimal

import pytest
import xlsxwriter

from lakip_xl.berkas import safety
from lakip_xl.errors import BerkasError
from lakip_xl.xlsx import check_workbook, update_workbook
from lakip_xl.xlsx.sheetspec import SheetSpec


def make_book(path) -> None:
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Data").write_row("A1", ["IK1", 100, 97.65])
    wb.close()


def spec(value=1) -> SheetSpec:
    s = SheetSpec("Ikhtisar")
    s.set(1, 1, "Nilai")
    s.set(1, 2, Decimal(value))
    return s


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "Laporan.xlsx"
    make_book(path)
    return path


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def refused(path, match):
    """update_workbook and check_workbook both refuse; nothing in the folder changes."""
    before = snapshot(path.parent)
    with pytest.raises(BerkasError, match=match) as e:
        update_workbook(path, [spec()])
    assert snapshot(path.parent) == before
    with pytest.raises(BerkasError, match=match):
        check_workbook(path)
    return str(e.value)


# ------------------------------------------------------------------------------------------- refusals


def test_missing_file(tmp_path):
    with pytest.raises(BerkasError, match="tidak ditemukan"):
        update_workbook(tmp_path / "Tidak Ada.xlsx", [spec()])


def test_not_a_zip(tmp_path):
    path = tmp_path / "Laporan.xlsx"
    path.write_text("bukan excel")
    refused(path, "bukan arsip zip")


def test_old_xls(tmp_path):
    path = tmp_path / "Laporan.xls"
    path.write_bytes(safety.OLE_MAGIC + bytes(504))  # a CFB header, as every .xls starts
    msg = refused(path, "97-2003")
    assert "Simpan Sebagai" in msg


def test_encrypted(tmp_path, book):
    pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    enc = tmp_path / "Rahasia.xlsx"
    with open(book, "rb") as fin, open(enc, "wb") as fout:
        OOXMLFile(fin).encrypt("sandi", fout)  # a real password-protected file, as Excel writes it
    assert enc.read_bytes()[:8] == safety.OLE_MAGIC
    msg = refused(enc, "kata sandi")
    assert "Perbaikan:" in msg


def _zip_with(path, name, data):
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, data)


def test_zip_bomb_ratio_refused(book):
    _zip_with(book, "xl/media/bom.bin", bytes(20 * 1024 * 1024))  # 20 MB of zeros: ratio ~1000:1
    msg = refused(book, "zip bomb")
    assert "bom.bin" in msg


def test_small_entries_exempt_from_ratio(book):
    _zip_with(book, "xl/media/nol.bin", bytes(1024 * 1024))  # 1 MB of zeros: ratio ~1000:1 but small
    check_workbook(book)


def test_total_uncompressed_limit(book, monkeypatch):
    monkeypatch.setattr(safety, "MAX_TOTAL_UNCOMPRESSED", 1000)
    refused(book, "terlalu besar")


def test_open_in_excel(book):
    owner = book.with_name("~$Laporan.xlsx")
    owner.write_bytes(b"\x00" * 165)
    msg = refused(book, "sedang dibuka di Excel")
    assert "~$Laporan.xlsx" in msg


def test_open_in_libreoffice(book):
    book.with_name(".~lock.Laporan.xlsx#").write_text("pengguna")
    refused(book, "sedang dibuka")


def test_read_only(book):
    os.chmod(book, 0o444)  # refused even for root, who could write anyway
    try:
        refused(book, "hanya-baca")
    finally:
        os.chmod(book, 0o644)


# --------------------------------------------------------------------------------------------- lock


def test_lock_is_exclusive_and_released(book):
    with safety.Kunci(book):
        assert safety.lock_path(book).exists()
        info = safety.baca_kunci(book)
        assert info["pid"] == os.getpid() and info["hidup"]
        with pytest.raises(BerkasError, match="proses lakip_xl lain"):
            safety.Kunci(book).acquire()
        msg = refused(book, "proses lakip_xl lain")
        assert safety.lock_path(book).name in msg
    assert not safety.lock_path(book).exists()


def test_stale_lock_reported_with_fix(book):
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(proc.stdout)  # a pid that has exited
    safety.lock_path(book).write_text(f"pid={dead}\nhost={__import__('socket').gethostname()}\nwaktu=kemarin\n")
    msg = refused(book, "sudah berhenti")
    assert "hapus berkas kunci '.Laporan.xlsx.lakipxl.lock'" in msg
    assert safety.lock_path(book).exists()  # never removed silently


def test_lock_timeout_waits_for_release(book):
    lock = safety.Kunci(book)
    lock.acquire()
    timer = threading.Timer(0.3, lock.release)
    timer.start()
    try:
        per = update_workbook(book, [spec()], lock_timeout=30)
    finally:
        timer.join()
    assert per.written


def test_lock_released_after_failure(book, monkeypatch):
    import lakip_xl.xlsx.workbook as wbmod

    def boom(*a, **k):
        raise RuntimeError("gagal buatan")

    monkeypatch.setattr(wbmod, "sheet_xml", boom)
    before = snapshot(book.parent)
    with pytest.raises(RuntimeError, match="gagal buatan"):
        update_workbook(book, [spec()])
    assert snapshot(book.parent) == before  # no lock, no temp file, no backup, same bytes


# ----------------------------------------------------------------------------------- atomic + backups


def test_replace_failure_leaves_everything_identical(book, monkeypatch):
    update_workbook(book, [spec(1)], backups=2)  # one backup exists now
    before = snapshot(book.parent)
    real_replace = os.replace

    def failing(src, dst):
        if str(dst) == str(book):
            raise PermissionError(13, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(BerkasError, match="berkas asli tidak berubah"):
        update_workbook(book, [spec(2)], backups=2)
    assert snapshot(book.parent) == before


def test_fsync_failure_leaves_everything_identical(book, monkeypatch):
    before = snapshot(book.parent)

    def failing(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(OSError, match="Input/output error"):
        update_workbook(book, [spec(2)])
    assert snapshot(book.parent) == before


def test_file_changed_meanwhile_is_not_overwritten(book):
    original = book.read_bytes()
    changed = original + b"disimpan lagi oleh Excel"  # someone saved the file after we read it
    book.write_bytes(changed)
    with pytest.raises(BerkasError, match="berubah"):
        safety.tulis_atomik(book, b"baru", backups=1, sebelum=original)
    assert book.read_bytes() == changed
    assert sorted(p.name for p in book.parent.iterdir()) == ["Laporan.xlsx"]


def test_backups_rotate(book):
    # write 1..4 with backups=2; backup 1 = the file before the last write, backup 2 = the one before
    states = [book.read_bytes()]
    for v in (1, 2, 3):
        per = update_workbook(book, [spec(v)], backups=2)
        assert per.written and per.backup_path == safety.backup_path(book, 1)
        states.append(book.read_bytes())
    assert safety.backup_path(book, 1).read_bytes() == states[2]
    assert safety.backup_path(book, 2).read_bytes() == states[1]
    assert not safety.backup_path(book, 3).exists()
    names = sorted(p.name for p in book.parent.iterdir())
    assert names == [".Laporan.xlsx.lakipxl-1.bak", ".Laporan.xlsx.lakipxl-2.bak", "Laporan.xlsx"]


def test_no_backup_when_zero(book):
    per = update_workbook(book, [spec()], backups=0)
    assert per.written and per.backup_path is None
    assert sorted(p.name for p in book.parent.iterdir()) == ["Laporan.xlsx"]


def test_file_mode_kept(book):
    os.chmod(book, 0o640)
    update_workbook(book, [spec()], backups=0)
    assert os.stat(book).st_mode & 0o777 == 0o640


def test_output_is_a_valid_zip(book):
    update_workbook(book, [spec()], backups=0)
    with zipfile.ZipFile(io.BytesIO(book.read_bytes())) as z:
        assert z.testzip() is None


# ------------------------------------------------------------------ a lock being taken; leftovers of a crash


@pytest.mark.parametrize("isi", ["", "pid=", "pid=12345\nhost=", "sampah tanpa baris"])
def test_lock_being_taken_is_alive_not_stale(book, isi):
    # an empty or half-written lock: the other process is between its create and its write
    safety.lock_path(book).write_text(isi)
    info = safety.baca_kunci(book)
    assert info["hidup"] and not info["lengkap"]
    msg = refused(book, "sedang diperbarui oleh proses lakip_xl lain")
    assert "kunci lama" not in msg and "sudah berhenti" not in msg
    assert safety.lock_path(book).read_text() == isi  # never removed


def _sisa(book, akhiran, isi: bytes):
    path = book.with_name(f".{book.name}.lakipxl-abcd1234{akhiran}")
    path.write_bytes(isi)
    return path


def test_leftover_temp_files_cleaned_by_next_sync(book):
    asli = book.read_bytes()
    _sisa(book, ".tmp", b"PK\x03\x04 setengah")  # the new content, cut short: never replaced the workbook
    _sisa(book, ".bak.tmp", asli[: len(asli) // 2])  # a copy of the workbook itself, cut short
    lain = book.with_name(".Lain.xlsx.lakipxl-abcd1234.tmp")  # another workbook's: not ours to touch
    lain.write_bytes(b"x")
    per = update_workbook(book, [spec(1)], backups=2)
    assert per.written
    assert safety.backup_path(book, 1).read_bytes() == asli  # the previous version, kept once
    names = sorted(p.name for p in book.parent.iterdir())
    assert names == [".Lain.xlsx.lakipxl-abcd1234.tmp", ".Laporan.xlsx.lakipxl-1.bak", "Laporan.xlsx"]
    assert any("berkas sementara" in p for p in per.peringatan)


def test_previous_version_left_as_bak_tmp_is_recovered(book):
    # killed after the replace, before the rotation: the workbook is the new version and the old one
    # exists only as the .bak.tmp; backups 1 and 2 are the two before it
    update_workbook(book, [spec(1)], backups=3)
    update_workbook(book, [spec(2)], backups=3)
    b1, b2 = safety.backup_path(book, 1).read_bytes(), safety.backup_path(book, 2).read_bytes()
    lama = book.read_bytes()
    update_workbook(book, [spec(3)], backups=0)  # the new version in place, no backup made
    baru = book.read_bytes()
    _sisa(book, ".bak.tmp", lama)
    per = update_workbook(book, [spec(3)], backups=3)  # nothing to write: the cleanup still runs
    assert not per.written and book.read_bytes() == baru
    assert [safety.backup_path(book, n).read_bytes() for n in (1, 2, 3)] == [lama, b1, b2]
    assert not [p for p in book.parent.iterdir() if p.name.endswith(".tmp")]
    assert any("dipulihkan" in p for p in per.peringatan)


def test_recovery_fills_the_gap_of_an_interrupted_rotation(book):
    update_workbook(book, [spec(1)], backups=3)
    update_workbook(book, [spec(2)], backups=3)
    b1, b2 = safety.backup_path(book, 1).read_bytes(), safety.backup_path(book, 2).read_bytes()
    lama = book.read_bytes()
    update_workbook(book, [spec(3)], backups=0)
    # the rotation had moved -2 to -3 and -1 to -2 when it was killed: -1 is missing
    os.replace(safety.backup_path(book, 2), safety.backup_path(book, 3))
    os.replace(safety.backup_path(book, 1), safety.backup_path(book, 2))
    _sisa(book, ".bak.tmp", lama)
    update_workbook(book, [spec(3)], backups=3)
    assert [safety.backup_path(book, n).read_bytes() for n in (1, 2, 3)] == [lama, b1, b2]


def test_leftovers_wait_for_the_lock(book):
    # a live sync holds the lock: its temp file is in use and must not be touched
    with safety.Kunci(book):
        sisa = _sisa(book, ".tmp", b"sedang ditulis")
        with pytest.raises(BerkasError):
            update_workbook(book, [spec(1)])
        assert sisa.exists()
    update_workbook(book, [spec(1)])
    assert not sisa.exists()


def test_name_too_long_or_unreadable_is_a_berkas_error(tmp_path, monkeypatch):
    with pytest.raises(BerkasError, match="tidak dapat dibuka"):
        safety.periksa_ada(tmp_path / ("x" * 300 + ".xlsx"))
    book = tmp_path / "Laporan.xlsx"
    make_book(book)
    monkeypatch.setattr(os, "access", lambda p, mode, **k: not (mode & os.R_OK))
    with pytest.raises(BerkasError, match="tidak dapat dibaca"):
        safety.periksa_ada(book)


def test_doctype_in_any_part_is_refused(tmp_path):
    book = tmp_path / "Laporan.xlsx"
    make_book(book)
    data = {}
    with zipfile.ZipFile(book) as z:
        for name in z.namelist():
            data[name] = z.read(name)
    data["xl/worksheets/sheet1.xml"] = data["xl/worksheets/sheet1.xml"].replace(
        b"?>", b'?><!-- x --><!DOCTYPE worksheet [<!ENTITY a "b">]>', 1)
    with zipfile.ZipFile(book, "w") as z:
        for name, isi in data.items():
            z.writestr(name, isi)
    refused(book, "DOCTYPE")


_PEMEGANG = """
import os, signal, sys, time
from lakip_xl.berkas import safety
k = safety.Kunci(sys.argv[1]); k.acquire()
print("siap", flush=True)
if sys.argv[2] == "mati":
    os.kill(os.getpid(), signal.SIGKILL)  # a crash: no release, no cleanup
time.sleep(60)
"""


def _pemegang(book, cara):
    proc = subprocess.Popen([sys.executable, "-c", _PEMEGANG, str(book), cara], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "siap"
    return proc


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_lock_of_a_crashed_sync_is_taken_over_a_live_one_is_not(book):
    hidup = _pemegang(book, "hidup")
    try:
        info = safety.baca_kunci(book)
        assert info["hidup"] and info["kunci_os"] == "1" and not info["terbengkalai"]
        refused(book, "sedang diperbarui oleh proses lakip_xl lain")
    finally:
        hidup.kill()
        hidup.wait()
    # killed while holding it: the lock file stays, its OS-level lock went with the process
    assert safety.lock_path(book).exists()
    info = safety.baca_kunci(book)
    assert not info["hidup"] and info["terbengkalai"]
    per = update_workbook(book, [spec(5)])
    assert per.written and any("diambil alih" in p for p in per.peringatan)
    assert not safety.lock_path(book).exists()
    mati = _pemegang(book, "mati")  # SIGKILLs itself right after taking the lock
    mati.wait()
    assert safety.baca_kunci(book)["terbengkalai"]
    check_workbook(book)  # not refused: the sync would take it over

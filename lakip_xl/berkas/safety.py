"""File safety for everything that rewrites a user's workbook: checks, lock, atomic write, backups.

What this module owns:

- `cek_berkas(path)`: refuse (BerkasError, Indonesian message + fix) a file that does not exist,
  is an old .xls, is encrypted, is not a zip, is beyond the size / compression-ratio limits below
  (zip bomb guard: declared sizes are checked before any entry is decompressed; Python's zipfile
  never yields more than the declared size of an entry), is open in Excel / LibreOffice, is
  read-only, or is being synced by another process.
- `Kunci`: our lock file ".BOOK.xlsx.lakipxl.lock" beside the workbook, created atomically with
  O_CREAT|O_EXCL, holding pid, host and time (written in one write right after the create). While the
  sync runs it also holds an OS-level lock on that file (flock; msvcrt.locking on Windows), which the
  operating system releases when the process ends, however it ends, and the file says so
  ("kunci_os=1"). A lock of this host whose process is dead, that says it had the OS-level lock and
  that nobody holds any more, is provably left by a crashed sync: the next sync takes it over and says
  so. Any other lock left by a dead process (no such proof: written by hand, an older version, a file
  system without OS-level locks) is reported with the file to delete, never removed silently: the user
  decides. An empty or half-written lock, or one whose content is not ours, is a lock being taken by
  another process (between its create and its write), reported as alive: never "delete it".
- `tulis_atomik`: temp file in the same folder, fsync, os.replace; then the backups rotate. Backups
  are files beside the workbook, ".BOOK.xlsx.lakipxl-1.bak" (the newest: the file as it was before
  the last write) up to "-N.bak" (the oldest). The copy of the old file is made and fsynced BEFORE the
  replace, and the existing backups are only shifted AFTER the new file is safely in place, so no
  failure ever leaves the user with fewer good copies than before.
- `bersihkan_sisa`: what a write killed half-way (power cut, SIGKILL) left beside the workbook, cleaned
  by the next one as soon as it holds the lock (`Kunci` calls it): temp files of the new content
  (".BOOK.xlsx.lakipxl-XXXXXXXX.tmp", the workbook was never replaced by them) are deleted; a temp
  copy of the old content (".BOOK.xlsx.lakipxl-XXXXXXXX.bak.tmp") is deleted when it is the workbook
  itself or a cut-short copy of it (the write never reached its replace), and otherwise, being a
  whole workbook that differs from the current one (the replace happened, the rotation did not), is
  put in place as the newest backup: the previous version is never lost.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import io
import os
import re
import socket
import stat
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

from lakip_xl.errors import BerkasError

# Limits (zip bomb guard). A real LAKIP workbook is a few MB; Excel's own limits are far above these,
# so the numbers are chosen to be generous for agency files and small enough to protect memory.
_MB = 1024 * 1024  # one MB (mebibyte) in bytes, for the limits and for the sizes in messages
MAX_FILE_BYTES = 200 * _MB  # size of the .xlsx file itself
MAX_TOTAL_UNCOMPRESSED = 500 * _MB  # sum of the declared uncompressed sizes of all entries
MAX_ENTRY_RATIO = 100  # uncompressed / compressed, per entry
RATIO_EXEMPT_BYTES = 10 * _MB  # entries up to this uncompressed size are never refused for ratio
MAX_ENTRIES = 10_000

# File signatures (a file's first bytes)
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # Compound File Binary: .xls, or an encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"  # a zip's local file header (PKWARE APPNOTE 4.3.7): what an .xlsx/.xlsm starts with
ZIP_PREFIX = ZIP_MAGIC[:2]  # "PK": the first two bytes of every zip record signature
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # stream name in an encrypted OOXML file
_SCAN_CHUNK = 1 << 20  # bytes read at a time while looking for ENCRYPTED_STREAM


def lock_path(path: str | os.PathLike) -> Path:
    p = Path(path)
    return p.with_name(f".{p.name}.lakipxl.lock")


def backup_path(path: str | os.PathLike, n: int = 1) -> Path:
    """The n-th backup (1 = newest)."""
    p = Path(path)
    return p.with_name(f".{p.name}.lakipxl-{n}.bak")


def owner_files(path: str | os.PathLike) -> list[Path]:
    """Files whose presence means an office application has the workbook open.

    Excel writes "~$" + name (Word-style "~$" + name[2:] is checked as well); LibreOffice writes
    ".~lock." + name + "#".
    """
    p = Path(path)
    names = [f"~${p.name}", f".~lock.{p.name}#"]
    if len(p.name) > 2:
        names.append(f"~${p.name[2:]}")
    return [p.with_name(n) for n in names]


# ---------------------------------------------------------------------------------------------- checks


def periksa_ada(path: str | os.PathLike) -> Path:
    """The path, when it names an existing file; BerkasError otherwise (every command that reads a
    workbook starts here)."""
    p = Path(path)
    try:
        ada, berkas_biasa = p.exists(), p.is_file()
    except OSError as exc:  # a name too long for the file system, a path through a file...
        raise BerkasError(f"Berkas '{_potong_nama(p.name)}' tidak dapat dibuka ({pesan_os(exc)}).",
                          saran="Periksa nama berkas dan foldernya; gunakan nama yang lebih pendek bila perlu.",
                          berkas=_potong_nama(p.name)) from None
    if not ada:
        raise BerkasError(f"Berkas '{p.name}' tidak ditemukan.",
                          saran=f"Periksa nama berkas dan foldernya ({p.parent}).", berkas=p.name)
    if not berkas_biasa:
        raise BerkasError(f"'{p.name}' bukan berkas (mungkin sebuah folder).",
                          saran="Pilih berkas buku kerja .xlsx atau .xlsm.", berkas=p.name)
    if not os.access(p, os.R_OK):
        raise BerkasError(f"Berkas '{p.name}' tidak dapat dibaca (tidak ada izin baca).",
                          saran="Minta izin baca berkas itu, atau salin berkas ke folder Anda sendiri, lalu ulangi.",
                          berkas=p.name)
    return p


_NAMA_MAKS = 80  # characters of a file name quoted in a message (a 300-character name is cut)

# errno -> what the user reads (Bahasa Indonesia); others: the system's own text
_PESAN_OS = {
    "EACCES": "tidak ada izin", "EPERM": "tidak ada izin", "ENOENT": "tidak ditemukan",
    "ENAMETOOLONG": "nama terlalu panjang", "ENOSPC": "ruang disk penuh", "EDQUOT": "kuota disk habis",
    "EROFS": "disk/folder hanya-baca", "EISDIR": "berupa folder", "ENOTDIR": "ada bagian jalur yang bukan folder",
    "EEXIST": "sudah ada", "EBUSY": "sedang dipakai program lain", "ELOOP": "tautan (symlink) berputar",
    "EIO": "galat baca/tulis disk",
}


def pesan_os(exc: OSError) -> str:
    """A short Bahasa Indonesia reason for an OSError."""
    import errno

    nama = errno.errorcode.get(exc.errno or 0, "")
    return _PESAN_OS.get(nama) or exc.strerror or type(exc).__name__


def _potong_nama(nama: str) -> str:
    return nama if len(nama) <= _NAMA_MAKS else nama[:_NAMA_MAKS - 1] + "…"


def cek_berkas(path: str | os.PathLike, *, cek_kunci: bool = True) -> None:
    """All file-level checks; raises BerkasError. Does not parse any XML."""
    p = periksa_ada(path)
    berkas = p.name
    size = p.stat().st_size
    with open(p, "rb") as fh:
        head = fh.read(len(OLE_MAGIC))
    if head == OLE_MAGIC:
        if _ole_encrypted(p):
            raise BerkasError(
                "Berkas dilindungi kata sandi (terenkripsi), sehingga isinya tidak dapat dibaca.",
                saran="Buka di Excel, pilih File > Info > Lindungi Buku Kerja > Enkripsi dengan Kata Sandi, "
                      "kosongkan kata sandinya, simpan, lalu ulangi.", berkas=berkas)
        raise BerkasError(
            "Berkas berformat lama Excel 97-2003 (.xls), bukan .xlsx/.xlsm.",
            saran="Buka di Excel lalu Simpan Sebagai 'Buku Kerja Excel (*.xlsx)' atau 'Buku Kerja Excel "
                  "Berkemampuan Makro (*.xlsm)', lalu gunakan berkas baru itu.", berkas=berkas)
    if not zipfile.is_zipfile(p):
        raise BerkasError(
            "Berkas bukan buku kerja Excel .xlsx/.xlsm (bukan arsip zip; mungkin rusak atau berformat lain).",
            saran="Buka di Excel lalu simpan sebagai 'Buku Kerja Excel (*.xlsx)' atau '(*.xlsm)'.",
            berkas=berkas)
    if size > MAX_FILE_BYTES:
        raise BerkasError(
            f"Berkas terlalu besar ({size // _MB} MB; batas {MAX_FILE_BYTES // _MB} MB).",
            saran="Pisahkan data yang tidak diperlukan ke berkas lain, lalu ulangi.", berkas=berkas)
    try:
        with zipfile.ZipFile(p) as zf:
            periksa_zip(zf, berkas=berkas)
    except zipfile.BadZipFile:
        raise BerkasError("Arsip zip berkas rusak.",
                          saran="Buka di Excel (Excel dapat memperbaikinya), simpan, lalu ulangi.",
                          berkas=berkas) from None
    for owner in owner_files(p):
        if owner.exists():
            raise BerkasError(
                f"Berkas sedang dibuka di Excel atau LibreOffice (ada berkas penanda '{owner.name}').",
                saran=f"Tutup berkas itu di Excel lalu ulangi. Jika aplikasinya sudah tertutup, hapus berkas "
                      f"'{owner.name}' di folder yang sama.", berkas=berkas)
    mode = p.stat().st_mode
    if not (mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(p, os.W_OK):
        raise BerkasError(
            "Berkas hanya-baca (read-only), sehingga tidak dapat diperbarui.",
            saran="Klik kanan berkas > Properties, hapus centang 'Read-only' (atau salin berkas ke folder "
                  "Anda sendiri), lalu ulangi.", berkas=berkas)
    if not os.access(p.parent, os.W_OK | os.X_OK):
        raise BerkasError(
            f"Folder '{p.parent}' tidak dapat ditulisi (berkas sementara dan cadangan dibuat di sana).",
            saran="Salin berkas ke folder yang dapat Anda tulisi, lalu ulangi.", berkas=berkas)
    if cek_kunci:
        info = baca_kunci(p)
        if info is not None and not info.get("terbengkalai"):  # a crashed sync's lock: the sync takes it over
            raise _kunci_error(p, info)


def periksa_zip(zf: zipfile.ZipFile, *, berkas: str = "") -> None:
    """Declared sizes and ratios of the entries, before anything is decompressed."""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise BerkasError(f"Berkas berisi terlalu banyak bagian ({len(infos)}; batas {MAX_ENTRIES}).",
                          saran="Berkas ini kemungkinan bukan buku kerja Excel biasa.", berkas=berkas)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise BerkasError("Sebagian isi arsip berkas terenkripsi.",
                              saran="Simpan ulang berkas di Excel tanpa kata sandi, lalu ulangi.", berkas=berkas)
        total += info.file_size
        if info.file_size > RATIO_EXEMPT_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_ENTRY_RATIO:
                raise BerkasError(
                    f"Bagian '{info.filename}' terkompresi tidak wajar (rasio {ratio:.0f}:1; batas "
                    f"{MAX_ENTRY_RATIO}:1); berkas ditolak demi keamanan (kemungkinan 'zip bomb').",
                    saran="Gunakan berkas asli dari Excel; jika berkas ini memang benar, hubungi pengelola.",
                    berkas=berkas)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise BerkasError(
            f"Isi berkas terlalu besar setelah diekstrak ({total // _MB} MB; batas "
            f"{MAX_TOTAL_UNCOMPRESSED // _MB} MB).",
            saran="Pisahkan data yang tidak diperlukan ke berkas lain, lalu ulangi.", berkas=berkas)
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels")) and _ada_doctype(zf, info):
            raise BerkasError(
                f"Bagian '{info.filename}' berisi deklarasi DOCTYPE/ENTITY, yang tidak pernah ditulis Excel; berkas "
                "ditolak demi keamanan (XML semacam ini dapat dipakai untuk serangan).",
                saran="Gunakan berkas asli dari Excel, atau buka berkas di Excel lalu simpan ulang sebagai .xlsx.",
                berkas=berkas)


_PROLOG_MAKS = 64 * 1024  # bytes of a part read while looking for its root element


def _ada_doctype(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog (what comes before its root element) holds a <!DOCTYPE>. Only the
    start of the part is decompressed; an unreadable part is left to the reader that needs it."""
    try:
        with zf.open(info) as fh:
            head = fh.read(_PROLOG_MAKS)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError):
        return False
    for enc in ("utf-8", "utf-16"):
        teks = head.decode(enc, "ignore")
        i = 0
        while True:
            i = teks.find("<", i)
            if i < 0 or i + 1 >= len(teks):
                break
            nxt = teks[i + 1]
            if teks.startswith("<!DOCTYPE", i) or teks.startswith("<!ENTITY", i):
                return True
            if nxt == "?":
                i = teks.find("?>", i)
            elif teks.startswith("<!--", i):
                i = teks.find("-->", i)
            else:
                break  # the root element: no DOCTYPE can follow
            if i < 0:
                break
    return False


def _ole_encrypted(p: Path) -> bool:
    """An encrypted OOXML file is a CFB container with an "EncryptedPackage" stream; its directory
    entries store names in UTF-16LE, so a scan of the bytes finds it without a CFB parser."""
    keep = len(ENCRYPTED_STREAM)
    tail = b""
    with open(p, "rb") as fh:
        while True:
            chunk = fh.read(_SCAN_CHUNK)
            if not chunk:
                return False
            if ENCRYPTED_STREAM in tail + chunk:
                return True
            tail = chunk[-keep:]


# ------------------------------------------------------------------------------------------------ lock


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C_EVENT on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_KUNCI_OS_DI = 1 << 20  # the byte the Windows lock covers: beyond the content, which others must read


def _kunci_os(fd: int) -> bool:
    """Take the OS-level exclusive lock on an open lock file, without waiting. False when another process
    holds it or the file system has no such locks. The OS releases it when the process ends."""
    try:
        if os.name == "nt":
            import msvcrt

            os.lseek(fd, _KUNCI_OS_DI, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except (OSError, ImportError):
        return False


def _kunci_os_bebas(lp: Path) -> bool:
    """Nobody holds the OS-level lock of the lock file (tried and let go at once)."""
    try:
        fd = os.open(lp, os.O_RDWR)
    except OSError:
        return False
    try:
        if not _kunci_os(fd):
            return False
        if os.name == "nt":
            import msvcrt

            os.lseek(fd, _KUNCI_OS_DI, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return True
    finally:
        os.close(fd)  # closing lets a flock go


def baca_kunci(path: str | os.PathLike) -> dict | None:
    """The lock's content ({"pid", "host", "waktu", "lengkap", "hidup", "terbengkalai", "teks"}), or None
    when there is no lock.

    "lengkap": the lock holds the three lines our writer puts there (a pid > 0, a host, a time). An
    incomplete lock (empty, cut short, or not ours) is one another process is taking right now, between
    its create and its write: it counts as alive, never as stale. "terbengkalai": provably left by a
    crashed sync (see the module docstring); Kunci takes such a lock over."""
    lp = lock_path(path)
    try:
        text = lp.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None
    except OSError:
        text = ""
    info: dict = {}
    for line in text.splitlines():
        key, _, val = line.partition("=")
        info[key.strip()] = val.strip()
    try:
        pid = int(info.get("pid", "0"))
    except ValueError:
        pid = 0
    info["pid"] = pid
    info["lengkap"] = pid > 0 and "host" in info and bool(info.get("waktu")) and text.endswith("\n")
    same_host = info.get("host", "") in ("", socket.gethostname())
    if not info["lengkap"]:
        info["hidup"] = True  # being taken (or not ours): never tell the user it is stale
    else:
        # On another host we cannot tell: treat it as alive (the message says how to remove it).
        info["hidup"] = _pid_alive(pid) if same_host else True
    info["teks"] = text
    info["terbengkalai"] = (info["lengkap"] and same_host and not info["hidup"] and info.get("kunci_os") == "1"
                            and _kunci_os_bebas(lp))
    return info


def _kunci_error(p: Path, info: dict) -> BerkasError:
    lp = lock_path(p)
    if not info.get("lengkap", True):
        return BerkasError(
            "Berkas sedang diperbarui oleh proses lakip_xl lain, yang baru saja mengambil kuncinya.",
            saran=f"Tunggu sampai proses itu selesai, lalu ulangi. Jika pesan ini tetap muncul beberapa menit "
                  f"kemudian dan Anda yakin tidak ada proses lakip_xl lain, hapus berkas '{lp.name}' di folder "
                  "yang sama.", berkas=p.name)
    if info.get("hidup"):
        return BerkasError(
            f"Berkas sedang diperbarui oleh proses lakip_xl lain (pid {info.get('pid')}, komputer "
            f"{info.get('host') or '?'}, sejak {info.get('waktu') or '?'}).",
            saran=f"Tunggu sampai proses itu selesai, lalu ulangi. Jika Anda yakin tidak ada proses lain, "
                  f"hapus berkas '{lp.name}' di folder yang sama.", berkas=p.name)
    return BerkasError(
        f"Ada kunci lama dari proses lakip_xl yang sudah berhenti (pid {info.get('pid')}, sejak "
        f"{info.get('waktu') or '?'}); kemungkinan sinkronisasi sebelumnya terhenti di tengah jalan.",
        saran=f"Periksa berkas masih dapat dibuka di Excel, hapus berkas kunci '{lp.name}' di folder "
              f"'{p.parent}', lalu ulangi.", berkas=p.name)


_COBA_KUNCI = 50  # attempts when the lock vanishes between our create and our read (its holder released it)


class Kunci:
    """The sync lock of one workbook. Use as a context manager; `timeout` seconds of waiting (0 = none).

    Once held, what an interrupted earlier write left beside the workbook is cleaned up
    (`bersihkan_sisa`, keeping up to `backups` backups); `catatan` lists what was done (Indonesian)."""

    def __init__(self, path: str | os.PathLike, timeout: float = 0, *, backups: int = 3):
        self.path = Path(path)
        self.lock = lock_path(path)
        self.timeout = timeout
        self.backups = backups
        self.catatan: list[str] = []
        self._held = False
        self._fd: int | None = None  # the open lock file, holding the OS-level lock

    def _isi(self, kunci_os: bool) -> bytes:
        waktu = _dt.datetime.now().astimezone().isoformat(timespec="seconds")
        return (f"pid={os.getpid()}\nhost={socket.gethostname()}\nwaktu={waktu}\n"
                + ("kunci_os=1\n" if kunci_os else "")).encode("utf-8")

    def acquire(self) -> None:
        deadline = time.monotonic() + max(self.timeout, 0)
        hilang = 0
        while True:
            try:
                fd = os.open(self.lock, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o644)
            except FileExistsError:
                info = baca_kunci(self.path)
                if info is None and hilang < _COBA_KUNCI:  # released meanwhile: take it
                    hilang += 1
                    continue
                if info is not None and info.get("terbengkalai") and self._ambil_alih(info):
                    break
                info = info or {"pid": 0, "lengkap": False, "hidup": True}
                if info.get("hidup") and time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                if info.get("terbengkalai") and hilang < _COBA_KUNCI:  # another sync took it over first
                    hilang += 1
                    continue
                raise _kunci_error(self.path, info) from None
            except OSError as exc:
                raise BerkasError(f"Berkas kunci '{self.lock.name}' tidak dapat dibuat ({pesan_os(exc)}).",
                                  saran="Pastikan folder dapat ditulisi, lalu ulangi.",
                                  berkas=self.path.name) from None
            try:
                # the OS-level lock before the content: a lock that says "kunci_os=1" always had it
                # one write: a reader sees the lock empty or whole (or, rarely, cut short)
                os.write(fd, self._isi(_kunci_os(fd)))
            except BaseException:
                os.close(fd)
                with contextlib.suppress(OSError):
                    os.unlink(self.lock)
                raise
            self._fd = fd
            break
        self._held = True
        try:
            self.catatan += bersihkan_sisa(self.path, backups=self.backups)
        except BaseException:
            self.release()
            raise

    def _ambil_alih(self, info: dict) -> bool:
        """Take over a lock left by a crashed sync: its OS-level lock, then (the content still the same
        dead process's) our content in the same file. False when another process got there first."""
        try:
            fd = os.open(self.lock, os.O_RDWR)
        except OSError:
            return False
        try:
            if not _kunci_os(fd):
                os.close(fd)
                return False
            os.lseek(fd, 0, os.SEEK_SET)
            if os.read(fd, 1 << 16).decode("utf-8", "replace") != info.get("teks"):
                os.close(fd)  # changed meanwhile (another sync took it, and has released it): start over
                return False
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, self._isi(True))
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self.catatan.append(
            f"Kunci lama dari sinkronisasi yang terhenti (pid {info.get('pid')}, sejak {info.get('waktu') or '?'}) "
            "diambil alih: proses itu sudah tidak berjalan.")
        return True

    def release(self) -> None:
        if self._held:
            self._held = False
            fd, self._fd = self._fd, None
            if os.name == "nt" and fd is not None:  # Windows cannot delete a file that is still open
                os.close(fd)
                fd = None
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.lock)
            if fd is not None:
                os.close(fd)  # lets the OS-level lock go

    def __enter__(self) -> "Kunci":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


# ------------------------------------------------------------------------------- leftovers of a crash


def _pola_sisa(p: Path) -> re.Pattern:
    """Names of tulis_atomik's temp files for `p` (mkstemp's random part between prefix and suffix)."""
    return re.compile(re.escape(f".{p.name}.lakipxl-") + r"[A-Za-z0-9_]+(\.bak)?\.tmp")


def _zip_utuh(data: bytes) -> bool:
    """A whole zip package: its central directory is there and every entry lies inside the bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False
    return bool(infos) and all(i.header_offset + 30 + len(i.filename) + i.compress_size <= len(data) for i in infos)


def _sisipkan_cadangan(p: Path, salinan: Path, backups: int) -> None:
    """Put `salinan` in place as backup 1, shifting backups 1..k-1 up by one where k is the first free
    number (or `backups`, whose file then goes, as a rotation drops the oldest)."""
    n = max(backups, 1)
    k = 1
    while k <= n and backup_path(p, k).exists():
        k += 1
    for j in range(min(k, n) - 1, 0, -1):
        os.replace(backup_path(p, j), backup_path(p, j + 1))
    os.replace(salinan, backup_path(p, 1))
    _fsync_dir(p.parent)


def bersihkan_sisa(path: str | os.PathLike, *, backups: int = 3) -> list[str]:
    """Clean what an interrupted tulis_atomik of `path` left beside it (see the module docstring);
    call it only while holding the workbook's lock. Returns what was done, one Indonesian line each."""
    p = Path(path)
    pola = _pola_sisa(p)
    try:
        nama = sorted(n for n in os.listdir(p.parent) if pola.fullmatch(n))
    except OSError:
        return []
    if not nama:
        return []
    catatan: list[str] = []
    baru = [p.parent / n for n in nama if not n.endswith(".bak.tmp")]
    lama = [p.parent / n for n in nama if n.endswith(".bak.tmp")]
    dihapus = 0
    for t in baru:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(t)
            dihapus += 1
    if lama:
        try:
            sekarang = p.read_bytes()
        except OSError:
            sekarang = None
        for t in sorted(lama, key=lambda x: (x.stat().st_mtime_ns, x.name)):
            try:
                isi = t.read_bytes()
            except FileNotFoundError:
                continue
            if sekarang is not None and (sekarang.startswith(isi) or not _zip_utuh(isi)):
                os.unlink(t)  # the workbook itself, or a copy of it cut short: its write never replaced it
                dihapus += 1
            elif sekarang is None and not _zip_utuh(isi):
                os.unlink(t)
                dihapus += 1
            else:
                _sisipkan_cadangan(p, t, backups)
                catatan.append(
                    f"Penulisan sebelumnya terhenti setelah berkas diganti; versi sebelum penulisan itu dipulihkan "
                    f"sebagai cadangan '{backup_path(p, 1).name}'.")
    if dihapus:
        catatan.append(f"{dihapus} berkas sementara sisa penulisan yang terhenti di folder '{p.parent}' dihapus.")
    _fsync_dir(p.parent)
    return catatan


# --------------------------------------------------------------------------------------- atomic write


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _tulis_temp(folder: Path, prefix: str, suffix: str, data: bytes, mode: int | None) -> Path:
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, stat.S_IMODE(mode))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def tulis_atomik(path: str | os.PathLike, data: bytes, *, backups: int = 3,
                 sebelum: bytes | None = None) -> tuple[Path | None, list[str]]:
    """Replace `path` with `data` atomically; keep `backups` rotating backups of the previous file.

    `sebelum`: the bytes the caller read and built upon; if the file changed meanwhile (someone saved
    it), nothing is written. Returns (newest backup path or None, warnings). On any failure before the
    replace, the original and the existing backups are untouched and no temp file is left.
    """
    p = Path(path)
    folder = p.parent
    ada = p.exists()
    # a new file (e.g. an export) gets the usual 0644, not mkstemp's private 0600
    mode = p.stat().st_mode if ada else 0o644
    prefix = f".{p.name}.lakipxl-"
    tmp = bak_tmp = None
    try:
        tmp = _tulis_temp(folder, prefix, ".tmp", data, mode)
        lama = p.read_bytes() if ada else b""
        if sebelum is not None and lama != sebelum:  # plain comparison: no hashlib (OpenSSL) import
            raise BerkasError("Berkas berubah (disimpan oleh aplikasi lain) selama sinkronisasi; tidak ada "
                              "yang ditulis.", saran="Tutup berkas di Excel, lalu ulangi.", berkas=p.name)
        if backups > 0 and ada:
            bak_tmp = _tulis_temp(folder, prefix, ".bak.tmp", lama, mode)
        try:
            os.replace(tmp, p)
        except OSError as exc:
            raise BerkasError(
                f"Berkas tidak dapat ditulis ({exc.strerror or exc}); berkas asli tidak berubah.",
                saran="Pastikan berkas tidak sedang dibuka di Excel dan folder dapat ditulisi, lalu ulangi.",
                berkas=p.name) from None
        tmp = None
        _fsync_dir(folder)
    except BaseException:
        for t in (tmp, bak_tmp):
            if t is not None:
                with contextlib.suppress(OSError):
                    os.unlink(t)
        raise
    peringatan: list[str] = []
    if bak_tmp is None:
        return None, peringatan
    # The new file is in place: now (and only now) the backups shift by one; the oldest is dropped.
    try:
        for n in range(backups - 1, 0, -1):
            src = backup_path(p, n)
            if src.exists():
                os.replace(src, backup_path(p, n + 1))
        os.replace(bak_tmp, backup_path(p, 1))
        _fsync_dir(folder)
    except OSError as exc:
        peringatan.append(f"Cadangan tidak dapat diputar ({exc}); salinan berkas lama ada di '{bak_tmp.name}'.")
        return bak_tmp, peringatan
    return backup_path(p, 1), peringatan

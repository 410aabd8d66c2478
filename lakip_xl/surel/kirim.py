"""Sending the exported (values-only) LAKIP workbook by e-mail: `lakip-xl kirim`.

This module owns:
- the delivery (`kirim_pesan`) over STARTTLS or implicit TLS with certificate checking, every failure
  mapped to a clear Indonesian `KirimError`;
- the dry run (`simpan_eml`) that writes the message as an .eml file and connects to nothing;
- `kirim_berkas`, the one function the CLI calls.

The settings and `KirimError` live in lakip_xl.surel.smtp_pengaturan, the message in
lakip_xl.surel.pesan; the names the CLI and callers use are re-exported here.

Nothing here deletes or rewrites the exported file: whatever fails, it stays where the export put it
and every error message says where that is. The password is never printed: not in `repr`, not in an
error message, and smtplib's debug output (which would show the AUTH exchange) is never switched on.
"""

from __future__ import annotations

import os
import smtplib
import socket
import ssl
import tempfile
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from lakip_xl.surel.pesan import (
    SARAN_UKURAN,
    RingkasanSurat,
    cek_batas,
    daftar_penerima,
    format_ringkas,
    lengkapi_header,
    periksa_lampiran,
    ringkasan_dari_hasil,
    susun_pesan,
    ukuran_lampiran,
)
from lakip_xl.surel.smtp_pengaturan import (
    BATAS_BAWAAN_MB,
    ENV,
    KEAMANAN,
    KirimError,
    PengaturanSmtp,
    alamat_tunggal,
    kalimat_tersimpan,
    lokasi_pengaturan_bawaan,
    muat_pengaturan_smtp,
)

__all__ = [
    "KEAMANAN",
    "ENV",
    "KirimError",
    "PengaturanSmtp",
    "RingkasanSurat",
    "lokasi_pengaturan_bawaan",
    "muat_pengaturan_smtp",
    "ringkasan_dari_hasil",
    "susun_pesan",
    "kirim_pesan",
    "simpan_eml",
    "kirim_berkas",
]

# SMTP replies that get their own explanation
KODE_TERLALU_BESAR = 552  # RFC 5321 4.2.3: exceeded storage allocation
STATUS_TERLALU_BESAR = "5.3.4"  # RFC 3463 enhanced status: message too big for system
KODE_PERLU_LOGIN = 530  # RFC 4954 section 6: authentication required

# the step of the SMTP conversation in progress, as the error message names it
_NAMA_TAHAP = {
    "sambung": "menyambung",
    "ehlo": "membuka sesi",
    "tls": "membuka sambungan aman",
    "login": "login",
    "kirim": "mengirim",
}


# ---------------------------------------------------------------------------------------------
# Sending


def _konteks_ssl(pengaturan: PengaturanSmtp) -> ssl.SSLContext:
    if pengaturan.ca_berkas is not None:
        return ssl.create_default_context(cafile=str(pengaturan.ca_berkas))
    return ssl.create_default_context()


def _teks_server(kode: int | None, pesan: bytes | str | None) -> str:
    if isinstance(pesan, bytes):
        pesan = pesan.decode("utf-8", "replace")
    pesan = " ".join((pesan or "").split())
    if kode is None:
        return pesan
    return f"{kode} {pesan}".strip()


def _terlalu_besar(kode: int | None, pesan: bytes | str | None) -> bool:
    teks = _teks_server(None, pesan).lower()
    return kode == KODE_TERLALU_BESAR or STATUS_TERLALU_BESAR in teks or "too big" in teks or "size" in teks


def _siapkan(msg: EmailMessage, pengaturan: PengaturanSmtp, tersimpan: tuple[Path, ...]) -> tuple[str, list[str]]:
    """Checks made before any connection: the attachments fit the limit, the headers are complete,
    there is a recipient. Returns (sender address, recipients)."""
    lebih = cek_batas(ukuran_lampiran(msg), pengaturan.batas_lampiran_mb)
    if lebih:
        raise KirimError("Surel tidak dikirim: " + lebih, saran=SARAN_UKURAN, tersimpan=tersimpan)
    lengkapi_header(msg, pengaturan.pengirim)
    penerima = daftar_penerima(msg)
    if not penerima:
        raise KirimError("Alamat penerima belum diisi.", saran="Tambahkan --ke alamat@instansi.go.id.", tersimpan=tersimpan)
    pengirim = alamat_tunggal(pengaturan.pengirim, asal=ENV["pengirim"]).addr_spec
    return pengirim, penerima


class _Sesi:
    """One SMTP conversation. `tahap` names the step in progress, for the error message when a step
    fails; it is "selesai" once the server has accepted the message."""

    def __init__(self, pengaturan: PengaturanSmtp, ctx: ssl.SSLContext | None):
        self.pengaturan = pengaturan
        self.ctx = ctx
        self.tahap = "sambung"
        self.smtp: smtplib.SMTP | None = None

    def kirim(self, msg: EmailMessage, pengirim: str, penerima: list[str]) -> dict:
        """Connect, secure, log in and send; the recipients the server refused (smtplib's form)."""
        self._sambung()
        if self.pengaturan.pengguna:
            self.tahap = "login"
            self.smtp.login(self.pengaturan.pengguna, self.pengaturan.sandi or "")
        self.tahap = "kirim"
        ditolak = self.smtp.send_message(msg, from_addr=pengirim, to_addrs=penerima)
        self.tahap = "selesai"
        return ditolak

    def _sambung(self) -> None:
        p = self.pengaturan
        if p.keamanan == "ssl":
            self.tahap = "tls"  # the handshake happens while connecting
            self.smtp = smtplib.SMTP_SSL(p.host, p.port, timeout=p.timeout, context=self.ctx)
        else:
            self.smtp = smtplib.SMTP(p.host, p.port, timeout=p.timeout)
        self.tahap = "ehlo"
        self.smtp.ehlo()
        if p.keamanan == "starttls":
            self.tahap = "tls"
            self.smtp.starttls(context=self.ctx)
            self.smtp.ehlo()

    def tutup(self) -> None:
        if self.smtp is None:
            return
        try:
            if self.tahap == "selesai":
                self.smtp.quit()  # the message is already accepted: a failed QUIT changes nothing
        except (smtplib.SMTPException, OSError):
            pass
        finally:
            self.smtp.close()


def kirim_pesan(
    msg: EmailMessage,
    pengaturan: PengaturanSmtp,
    *,
    ssl_context: ssl.SSLContext | None = None,
    tersimpan: Sequence[Path | str] = (),
) -> dict[str, tuple[int, str]]:
    """Send `msg` through the configured server. Returns the recipients the server refused while
    accepting others (empty when all were accepted); raises `KirimError` when nothing was sent.

    `ssl_context` replaces the default verifying context (tests use one trusting a test CA).
    `tersimpan`: the exported files, named in every error message. The attachments are checked
    against `batas_lampiran_mb` before any connection is made."""
    tersimpan = tuple(Path(p) for p in tersimpan)
    pengirim, penerima = _siapkan(msg, pengaturan, tersimpan)
    ctx = ssl_context if ssl_context is not None else (
        _konteks_ssl(pengaturan) if pengaturan.keamanan != "none" else None
    )
    sesi = _Sesi(pengaturan, ctx)
    try:
        ditolak = sesi.kirim(msg, pengirim, penerima)
    except OSError as e:  # smtplib's and ssl's errors are OSErrors too
        pesan, saran = _jelaskan(e, sesi.tahap, pengaturan)
        raise KirimError("Surel tidak terkirim: " + pesan, saran=saran, tersimpan=tersimpan) from None
    finally:
        sesi.tutup()
    return {a: (k, _teks_server(None, m)) for a, (k, m) in ditolak.items()}


# ---------------------------------------------------------------------------------------------
# What went wrong, in Bahasa Indonesia: (message after "Surel tidak terkirim: ", saran)


def _jelaskan(e: OSError, tahap: str, pengaturan: PengaturanSmtp) -> tuple[str, str]:
    if isinstance(e, smtplib.SMTPException):
        return _jelaskan_smtp(e, tahap, pengaturan)
    return _jelaskan_sambungan(e, tahap, pengaturan)


def _jelaskan_smtp(e: smtplib.SMTPException, tahap: str, pengaturan: PengaturanSmtp) -> tuple[str, str]:
    """A refusal or error reported by the server (most specific kind first)."""
    alamat = pengaturan.alamat
    saat = _NAMA_TAHAP.get(tahap, "mengirim")
    if isinstance(e, smtplib.SMTPRecipientsRefused):
        rinci = "; ".join(f"{a} ({_teks_server(k, m)})" for a, (k, m) in e.recipients.items())
        return (
            f"server {alamat} menolak alamat penerima: {rinci}.",
            "Periksa ejaan alamat penerima (--ke/--cc); bila alamat benar, tanyakan ke pengelola surel instansi.",
        )
    if isinstance(e, smtplib.SMTPSenderRefused):
        return _jelaskan_pengirim_ditolak(e, alamat)
    if isinstance(e, smtplib.SMTPAuthenticationError):
        return (
            f"login ke server {alamat} gagal: nama pengguna atau sandi ditolak ({_teks_server(e.smtp_code, e.smtp_error)}).",
            f"Periksa {ENV['pengguna']} dan {ENV['sandi']}; beberapa layanan surel meminta 'sandi aplikasi'.",
        )
    if isinstance(e, smtplib.SMTPNotSupportedError):
        if tahap == "tls":
            return (
                f"server {alamat} tidak mendukung STARTTLS (sambungan aman).",
                f"Coba {ENV['keamanan']}=ssl dengan port 465, atau tanyakan pengaturan yang benar ke pengelola surel.",
            )
        return (
            f"server {alamat} tidak menawarkan login (AUTH) pada sambungan ini.",
            f"Gunakan {ENV['keamanan']}=starttls atau ssl; bila server tidak memerlukan login, kosongkan {ENV['pengguna']}.",
        )
    if isinstance(e, smtplib.SMTPDataError):
        if _terlalu_besar(e.smtp_code, e.smtp_error):
            return _terlalu_besar_pesan(e, alamat)
        return (
            f"server {alamat} menolak isi surel ({_teks_server(e.smtp_code, e.smtp_error)}).",
            "Tanyakan ke pengelola surel instansi; lampiran mungkin diblokir oleh penyaring.",
        )
    if isinstance(e, smtplib.SMTPConnectError):
        return (
            f"server {alamat} menolak sambungan ({_teks_server(e.smtp_code, e.smtp_error)}).",
            "Coba lagi nanti, atau periksa host dan port server surel.",
        )
    if isinstance(e, smtplib.SMTPServerDisconnected):
        return _jelaskan_terputus(e, tahap, pengaturan)
    if isinstance(e, smtplib.SMTPResponseException):
        return (
            f"server {alamat} menjawab dengan galat saat {saat} ({_teks_server(e.smtp_code, e.smtp_error)}).",
            "Tanyakan ke pengelola surel instansi.",
        )
    if tahap == "login":
        return (
            f"login ke server {alamat} tidak dapat dilakukan ({e}).",
            f"Periksa {ENV['keamanan']}; login biasanya hanya ditawarkan pada sambungan aman.",
        )
    return f"galat SMTP saat {saat} ({e}).", "Coba kirim lagi."


def _terlalu_besar_pesan(e: smtplib.SMTPResponseException, alamat: str) -> tuple[str, str]:
    return (
        f"server {alamat} menolak surel karena terlalu besar ({_teks_server(e.smtp_code, e.smtp_error)}).",
        SARAN_UKURAN,
    )


def _jelaskan_pengirim_ditolak(e: smtplib.SMTPSenderRefused, alamat: str) -> tuple[str, str]:
    if _terlalu_besar(e.smtp_code, e.smtp_error):
        return _terlalu_besar_pesan(e, alamat)
    if e.smtp_code == KODE_PERLU_LOGIN:
        return (
            f"server {alamat} meminta login sebelum mengirim ({_teks_server(e.smtp_code, e.smtp_error)}).",
            f"Isi {ENV['pengguna']} dan {ENV['sandi']} (variabel lingkungan atau berkas pengaturan).",
        )
    return (
        f"server {alamat} menolak alamat pengirim {e.sender} ({_teks_server(e.smtp_code, e.smtp_error)}).",
        f"Periksa {ENV['pengirim']}: biasanya harus sama dengan akun yang dipakai login ({ENV['pengguna']}).",
    )


def _jelaskan_terputus(e: smtplib.SMTPServerDisconnected, tahap: str, pengaturan: PengaturanSmtp) -> tuple[str, str]:
    alamat = pengaturan.alamat
    if "timed out" in str(e):  # smtplib turns a read timeout into "unexpectedly closed"
        return _pesan_waktu_habis(tahap, alamat, pengaturan)
    if tahap in ("sambung", "ehlo", "tls"):
        return (
            f"server {alamat} memutus sambungan sebelum siap.",
            f"Periksa port dan {ENV['keamanan']} (starttls untuk port 587, ssl untuk port 465).",
        )
    return (
        f"sambungan ke server {alamat} terputus saat {_NAMA_TAHAP.get(tahap, 'mengirim')}.",
        "Coba kirim lagi.",
    )


def _jelaskan_sambungan(e: OSError, tahap: str, pengaturan: PengaturanSmtp) -> tuple[str, str]:
    """A failure of the network or of TLS, before or while talking to the server."""
    alamat = pengaturan.alamat
    if isinstance(e, ssl.SSLCertVerificationError):
        return (
            f"sertifikat server {alamat} tidak dapat dipercaya ({e.verify_message or e.reason}).",
            f"Periksa nama host {ENV['host']}; bila instansi memakai sertifikat sendiri, isi {ENV['ca_berkas']}"
            " dengan berkas sertifikat CA-nya (jangan mematikan pemeriksaan sertifikat).",
        )
    if isinstance(e, ssl.SSLError):
        return (
            f"sambungan aman (TLS) ke server {alamat} gagal ({e.reason or e}).",
            f"Periksa {ENV['keamanan']} dan port: ssl untuk port 465, starttls untuk port 587.",
        )
    if isinstance(e, TimeoutError):
        return _pesan_waktu_habis(tahap, alamat, pengaturan)
    if isinstance(e, ConnectionRefusedError):
        return (
            f"tidak dapat tersambung ke server {alamat}: sambungan ditolak (server mati atau port salah).",
            f"Periksa {ENV['host']} dan {ENV['port']}, lalu coba lagi.",
        )
    if isinstance(e, socket.gaierror):
        return (
            f"nama server '{pengaturan.host}' tidak ditemukan.",
            f"Periksa ejaan {ENV['host']} dan sambungan internet.",
        )
    return (
        f"tidak dapat tersambung ke server {alamat} ({e.strerror or e}).",
        f"Periksa jaringan, {ENV['host']} dan {ENV['port']}.",
    )


def _pesan_waktu_habis(tahap: str, alamat: str, pengaturan: PengaturanSmtp) -> tuple[str, str]:
    if tahap in ("sambung", "ehlo"):
        return (
            f"server {alamat} tidak menjawab dalam {format_ringkas(Decimal(str(pengaturan.timeout)))} detik"
            " (server mati, jaringan terputus, atau jenis keamanan tidak cocok dengan port).",
            f"Periksa jaringan, {ENV['host']} dan {ENV['port']}; untuk port 465 isi {ENV['keamanan']}=ssl.",
        )
    return (
        f"server {alamat} berhenti menjawab saat {_NAMA_TAHAP.get(tahap, 'mengirim')}.",
        f"Coba lagi; bila berulang, periksa {ENV['keamanan']} dan {ENV['port']}.",
    )


# ---------------------------------------------------------------------------------------------
# The dry run, and the one call of the CLI


def simpan_eml(msg: EmailMessage, path: Path | str) -> Path:
    """Write `msg` as an .eml file (atomic: temp file in the same folder, then os.replace)."""
    path = Path(path)
    lengkapi_header(msg, str(msg["From"]) if "From" in msg else None)
    data = msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=folder)
    except OSError as e:
        raise KirimError(
            f"Berkas .eml tidak dapat ditulis ({e.strerror or e}).",
            saran="Pilih folder lain yang dapat ditulisi.",
            berkas=str(path),
        ) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise KirimError(
            f"Berkas .eml tidak dapat ditulis ({e.strerror or e}).",
            saran="Tutup berkas itu bila sedang dibuka, atau pilih folder lain.",
            berkas=str(path),
        ) from None
    return path


def _pengaturan_untuk(pengaturan: PengaturanSmtp | None, env: Mapping[str, str] | None,
                      dry_run: bool) -> PengaturanSmtp | None:
    """The settings given, else those of the environment; a dry run does without (None)."""
    if pengaturan is not None:
        return pengaturan
    try:
        return muat_pengaturan_smtp(env)
    except KirimError:
        if not dry_run:
            raise
    return None


def _simpan_uji(msg: EmailMessage, paths: list[Path], pengaturan: PengaturanSmtp | None,
                eml_path: Path | str | None, lebih: str | None) -> str:
    """The dry run: the message saved as .eml (never over an attachment); the status line."""
    if pengaturan is not None:
        lengkapi_header(msg, pengaturan.pengirim)
    tujuan = Path(eml_path) if eml_path is not None else paths[0].with_suffix(".eml")
    if any(tujuan.resolve() == p.resolve() for p in paths):
        raise KirimError(
            "Berkas .eml tidak boleh menimpa berkas lampiran.",
            saran="Pilih nama lain yang berakhiran .eml.",
            berkas=str(tujuan),
        )
    simpan_eml(msg, tujuan)
    status = (
        f"Mode uji (--dry-run): surel untuk {', '.join(daftar_penerima(msg))} tidak dikirim; isinya "
        f"disimpan di {tujuan}. " + kalimat_tersimpan(paths)
    )
    if lebih:
        status += f" Peringatan: {lebih} Pengiriman sungguhan akan ditolak."
    return status


def _status_terkirim(msg: EmailMessage, pengaturan: PengaturanSmtp, paths: list[Path],
                     ditolak: dict[str, tuple[int, str]]) -> str:
    if ditolak:
        rinci = "; ".join(f"{a} ({kode} {teks})" for a, (kode, teks) in ditolak.items())
        diterima = ", ".join(a for a in daftar_penerima(msg) if a not in ditolak)
        return (
            f"Surel terkirim ke {diterima} melalui {pengaturan.alamat}, tetapi ditolak untuk: {rinci}. "
            + kalimat_tersimpan(paths)
        )
    penerima = ", ".join(daftar_penerima(msg))
    return f"Surel terkirim ke {penerima} melalui {pengaturan.alamat}. " + kalimat_tersimpan(paths)


def kirim_berkas(
    lampiran: Sequence[Path | str],
    ke: Iterable[str] | str,
    cc: Iterable[str] | str = (),
    subjek: str | None = None,
    pesan: str | None = None,
    ringkasan: RingkasanSurat | None = None,
    dry_run: bool = False,
    eml_path: Path | str | None = None,
    pengaturan: PengaturanSmtp | None = None,
    *,
    ssl_context: ssl.SSLContext | None = None,
    env: Mapping[str, str] | None = None,
) -> str:
    """Compose and send (or, with `dry_run`, save as .eml) the exported files; returns an Indonesian
    status line. Raises `KirimError` whose message names where the exported files stay.

    Settings: `pengaturan`, else `muat_pengaturan_smtp(env)`. A dry run needs no settings (the From
    header is filled when they exist) and never connects."""
    paths = [Path(p) for p in lampiran]
    try:
        paths = periksa_lampiran(paths)
        pengaturan = _pengaturan_untuk(pengaturan, env, dry_run)
        batas = pengaturan.batas_lampiran_mb if pengaturan is not None else BATAS_BAWAAN_MB
        lebih = cek_batas([(p.name, p.stat().st_size) for p in paths], batas)
        if lebih and not dry_run:
            raise KirimError("Surel tidak dikirim: " + lebih, saran=SARAN_UKURAN)
        msg = susun_pesan(paths, ke, cc, subjek, pesan, ringkasan)
        if dry_run:
            return _simpan_uji(msg, paths, pengaturan, eml_path, lebih)
        assert pengaturan is not None
        ditolak = kirim_pesan(msg, pengaturan, ssl_context=ssl_context, tersimpan=paths)
    except KirimError as e:
        raise e.dengan_tersimpan(p for p in paths if p.is_file()) from None
    return _status_terkirim(msg, pengaturan, paths, ditolak)

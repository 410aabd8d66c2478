"""Sending the exported (values-only) LAKIP workbook by e-mail: `lakip-xl kirim`.

This module owns:
- the SMTP settings (`PengaturanSmtp`), read from environment variables or a TOML file in the
  user's config folder, never from the workbook (a workbook is shared and mailed around: a password
  in it would travel with every copy);
- the message (`susun_pesan`): a Bahasa Indonesia body summarising the results (indicators per
  predikat, sasaran averages, agency, year) with the exported .xlsx (and .pdf) attached;
- the delivery (`kirim_pesan`) over STARTTLS or implicit TLS with certificate checking, every failure
  mapped to a clear Indonesian `KirimError`;
- the dry run (`simpan_eml`) that writes the message as an .eml file and connects to nothing;
- `kirim_berkas`, the one function the CLI calls.

Nothing here deletes or rewrites the exported file: whatever fails, it stays where the export put it
and every error message says where that is. The password is never printed: not in `repr`, not in an
error message, and smtplib's debug output (which would show the AUTH exchange) is never switched on.
"""

from __future__ import annotations

import ipaddress
import os
import re
import smtplib
import socket
import ssl
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, make_msgid
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from lakip_xl.aturan.nilai import NA, bulatkan, is_na
from lakip_xl.errors import LakipError

__all__ = [
    "KEAMANAN",
    "ENV",
    "KirimError",
    "PengaturanSmtp",
    "RingkasanSurat",
    "lokasi_pengaturan_bawaan",
    "muat_pengaturan_smtp",
    "susun_pesan",
    "kirim_pesan",
    "simpan_eml",
    "kirim_berkas",
]

KEAMANAN = ("starttls", "ssl", "none")
PORT_BAWAAN = {"starttls": 587, "ssl": 465, "none": 25}  # RFC 6409 submission, RFC 8314 SMTPS, RFC 5321

# setting name -> environment variable
ENV = {
    "host": "LAKIPXL_SMTP_HOST",
    "port": "LAKIPXL_SMTP_PORT",
    "pengguna": "LAKIPXL_SMTP_USER",
    "sandi": "LAKIPXL_SMTP_PASSWORD",
    "keamanan": "LAKIPXL_SMTP_SECURITY",
    "pengirim": "LAKIPXL_SMTP_FROM",
    "batas_lampiran_mb": "LAKIPXL_MAX_ATTACHMENT_MB",
    "timeout": "LAKIPXL_SMTP_TIMEOUT",
    "ca_berkas": "LAKIPXL_SMTP_CAFILE",
}
ENV_BERKAS = "LAKIPXL_SMTP_CONFIG"  # path of the TOML file, instead of the default location

MIME = {
    ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".xlsm": ("application", "vnd.ms-excel.sheet.macroEnabled.12"),
    ".pdf": ("application", "pdf"),
}
BATAS_BAWAAN_MB = Decimal(10)  # common limit of government and webmail servers (Gmail: 25)
MB = 1024 * 1024  # "MB" in the size limit is a mebibyte, as mail clients and servers count it


class KirimError(LakipError):
    """The message could not be composed or sent; says why and where the exported file is."""

    def __init__(self, pesan: str, *, saran: str = "", tersimpan: Iterable[Path | str] = (), **lokasi):
        self.pesan_dasar = pesan
        self.saran_dasar = saran
        self.tersimpan = tuple(Path(p) for p in tersimpan)
        teks = pesan
        if self.tersimpan:
            teks += " " + _kalimat_tersimpan(self.tersimpan)
        super().__init__(teks, saran=saran, **lokasi)

    def dengan_tersimpan(self, tersimpan: Iterable[Path | str]) -> "KirimError":
        """The same error, now also saying where the exported file(s) stay."""
        if self.tersimpan:
            return self
        baru = KirimError(self.pesan_dasar, saran=self.saran_dasar, tersimpan=tersimpan)
        baru.__cause__ = self.__cause__
        return baru


def _kalimat_tersimpan(paths: Sequence[Path]) -> str:
    daftar = ", ".join(str(p) for p in paths)
    return f"Berkas hasil ekspor tetap tersimpan di: {daftar}."


# ---------------------------------------------------------------------------------------------
# Settings


@dataclass(frozen=True, kw_only=True)
class PengaturanSmtp:
    """How to reach the agency's mail server. `sandi` is kept out of repr and of every message."""

    host: str
    port: int | None = None  # None: 587 for starttls, 465 for ssl, 25 for none
    pengguna: str | None = None
    sandi: str | None = field(default=None, repr=False)
    keamanan: str = "starttls"
    pengirim: str
    batas_lampiran_mb: Decimal = BATAS_BAWAAN_MB
    timeout: float = 30.0
    ca_berkas: Path | None = None  # a CA bundle for a server with an internal/self-signed CA

    def __post_init__(self) -> None:
        keamanan = (self.keamanan or "").strip().lower()
        if keamanan not in KEAMANAN:
            raise KirimError(
                f"Nilai keamanan SMTP '{self.keamanan}' tidak dikenal.",
                saran=f"Isi {ENV['keamanan']} dengan starttls (port 587), ssl (port 465) atau none.",
            )
        object.__setattr__(self, "keamanan", keamanan)
        if self.port is None:
            object.__setattr__(self, "port", PORT_BAWAAN[keamanan])
        if not isinstance(self.port, int) or isinstance(self.port, bool) or not 0 < self.port < 65536:
            raise KirimError(
                f"Port SMTP '{self.port}' tidak valid.",
                saran=f"Isi {ENV['port']} dengan angka 1 sampai 65535, misalnya 587.",
            )
        if not isinstance(self.batas_lampiran_mb, Decimal):
            object.__setattr__(self, "batas_lampiran_mb", Decimal(str(self.batas_lampiran_mb)))
        if self.batas_lampiran_mb <= 0:
            raise KirimError(
                f"Batas ukuran lampiran {self.batas_lampiran_mb} MB tidak valid.",
                saran=f"Isi {ENV['batas_lampiran_mb']} dengan angka lebih dari 0, misalnya 10.",
            )
        if self.timeout <= 0:
            raise KirimError(
                f"Batas waktu SMTP {self.timeout} detik tidak valid.",
                saran=f"Isi {ENV['timeout']} dengan angka lebih dari 0, misalnya 30.",
            )
        if self.pengguna and not self.sandi:
            raise KirimError(
                f"Nama pengguna SMTP sudah diisi tetapi sandinya belum ({ENV['sandi']}).",
                saran=f"Isi {ENV['sandi']} (atau 'sandi' di berkas pengaturan), bukan di buku kerja.",
            )
        if self.sandi and not self.pengguna:
            raise KirimError(
                f"Sandi SMTP sudah diisi tetapi nama penggunanya belum ({ENV['pengguna']}).",
                saran=f"Isi {ENV['pengguna']} dengan nama akun surel pengirim.",
            )
        # Never send a password in clear text over the network; a relay on this very machine is the
        # one exception (nothing leaves the computer).
        if self.pengguna and keamanan == "none" and not _loopback(self.host):
            raise KirimError(
                f"Login ke server {self.host} tanpa enkripsi akan mengirim sandi tanpa perlindungan.",
                saran=f"Isi {ENV['keamanan']} dengan starttls (port 587) atau ssl (port 465).",
            )
        _alamat_tunggal(self.pengirim, asal=ENV["pengirim"])

    @property
    def alamat(self) -> str:
        return f"{self.host}:{self.port}"


def _loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def lokasi_pengaturan_bawaan(env: Mapping[str, str] | None = None, sistem: str | None = None) -> Path:
    """%APPDATA%\\lakip_xl\\smtp.toml on Windows, $XDG_CONFIG_HOME or ~/.config/lakip_xl/smtp.toml
    elsewhere."""
    env = os.environ if env is None else env
    sistem = sys.platform if sistem is None else sistem
    if sistem == "win32":
        dasar = env.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(dasar) / "lakip_xl" / "smtp.toml"
    dasar = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME") or Path.home()) / ".config")
    return Path(dasar) / "lakip_xl" / "smtp.toml"


def _baca_toml(path: Path) -> dict[str, object]:
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise KirimError(
            f"Berkas pengaturan SMTP tidak dapat dibaca ({e}).",
            saran="Periksa penulisan berkas TOML, misalnya: host = \"mail.instansi.go.id\".",
            berkas=str(path),
        ) from None
    except OSError as e:
        raise KirimError(
            f"Berkas pengaturan SMTP tidak dapat dibuka ({e.strerror or e}).",
            saran="Periksa lokasi dan izin baca berkas tersebut.",
            berkas=str(path),
        ) from None
    # Keys either at the top level or in an [smtp] table.
    nilai = {k: v for k, v in data.items() if k != "smtp"}
    if isinstance(data.get("smtp"), dict):
        nilai.update(data["smtp"])
    asing = sorted(set(nilai) - set(ENV))
    if asing:
        raise KirimError(
            f"Kunci tidak dikenal di berkas pengaturan SMTP: {', '.join(asing)}.",
            saran="Kunci yang dikenal: " + ", ".join(ENV) + ".",
            berkas=str(path),
        )
    return nilai


def muat_pengaturan_smtp(env: Mapping[str, str] | None = None, berkas: Path | str | None = None) -> PengaturanSmtp:
    """Read the SMTP settings: environment variables win over the TOML file, key by key.

    `berkas` None means $LAKIPXL_SMTP_CONFIG if set, else the default location (used only if it
    exists). The workbook is never read for settings."""
    env = os.environ if env is None else env
    if berkas is None and env.get(ENV_BERKAS):
        berkas = env[ENV_BERKAS]
    bawaan = lokasi_pengaturan_bawaan(env)
    nilai: dict[str, object] = {}
    sumber: dict[str, str] = {}  # setting -> where it came from, for error messages
    path: Path | None = None
    if berkas is not None:
        path = Path(berkas)
        if not path.is_file():
            raise KirimError(
                "Berkas pengaturan SMTP tidak ditemukan.",
                saran=f"Periksa lokasinya, atau gunakan variabel lingkungan {ENV['host']} dan lainnya.",
                berkas=str(path),
            )
    elif bawaan.is_file():
        path = bawaan
    if path is not None:
        for k, v in _baca_toml(path).items():
            nilai[k] = v
            sumber[k] = f"'{k}' di {path}"
    for k, var in ENV.items():
        v = env.get(var)
        if v is not None and str(v).strip() != "":
            nilai[k] = v if k == "sandi" else str(v).strip()
            sumber[k] = var

    kurang = [ENV[k] for k in ("host", "pengirim") if not str(nilai.get(k) or "").strip()]
    if kurang:
        raise KirimError(
            "Pengaturan server surel (SMTP) belum lengkap: " + ", ".join(kurang) + " belum diisi.",
            saran=(
                "Isi variabel lingkungan " + ", ".join(kurang)
                + f" (juga {ENV['port']}, {ENV['pengguna']}, {ENV['sandi']},"
                f" {ENV['keamanan']} bila perlu), atau tulis berkas {bawaan} berisi baris seperti"
                " host = \"mail.instansi.go.id\" dan pengirim = \"admin@instansi.go.id\"."
                " Jangan menulis pengaturan atau sandi di buku kerja."
            ),
        )

    def angka(k: str, jenis):
        v = nilai.get(k)
        if v is None:
            return None
        if isinstance(v, bool):
            v = "?"
        try:
            if jenis is int:
                if isinstance(v, int):
                    return v
                return int(str(v).strip())
            return Decimal(str(v).strip().replace(",", "."))  # "2,5" as staff write it
        except (ValueError, InvalidOperation):
            contoh = {"port": "587", "batas_lampiran_mb": "10", "timeout": "30"}[k]
            raise KirimError(
                f"Nilai {sumber[k]} ('{v}') bukan angka.",
                saran=f"Isi dengan angka, misalnya {contoh}.",
            ) from None

    kwargs: dict[str, object] = {
        "host": str(nilai["host"]).strip(),
        "pengirim": str(nilai["pengirim"]).strip(),
        "port": angka("port", int),
        "pengguna": (str(nilai["pengguna"]).strip() or None) if nilai.get("pengguna") else None,
        "sandi": str(nilai["sandi"]) if nilai.get("sandi") else None,
        "keamanan": str(nilai.get("keamanan") or "starttls"),
    }
    if nilai.get("batas_lampiran_mb") is not None:
        kwargs["batas_lampiran_mb"] = angka("batas_lampiran_mb", Decimal)
    if nilai.get("timeout") is not None:
        kwargs["timeout"] = float(angka("timeout", Decimal))
    if nilai.get("ca_berkas"):
        ca = Path(str(nilai["ca_berkas"])).expanduser()
        if not ca.is_file():
            raise KirimError(
                f"Berkas sertifikat CA ({sumber['ca_berkas']}) tidak ditemukan.",
                saran="Periksa lokasinya; berkas itu berisi sertifikat CA server surel dalam format PEM.",
                berkas=str(ca),
            )
        kwargs["ca_berkas"] = ca
    return PengaturanSmtp(**kwargs)


# ---------------------------------------------------------------------------------------------
# Composing


@dataclass(frozen=True)
class RingkasanSurat:
    """What the body summarises; built by the export step from the computed results."""

    instansi: str
    tahun: int | str
    jumlah_per_predikat: dict[str, int]  # predikat label -> number of indicators, in display order
    sasaran: list[tuple[str, Decimal | NA | None, str]] = field(default_factory=list)  # (nama, capaian, predikat)



def ringkasan_dari_hasil(hasil) -> RingkasanSurat:
    """The body's summary from a computed report (lakip_xl.laporan.hitung.HasilLaporan): indicators per
    predikat in the scale's order, and each sasaran's average with its predikat."""
    from lakip_xl.aturan.predikat import skala_dari

    urutan = [t.label for t in skala_dari(hasil.kebijakan.skala_predikat).tingkat]
    hitungan = {label: 0 for label in urutan}
    for hi in hasil.indikator:
        label = hi.laporan.predikat.label if hi.laporan else "n/a"
        hitungan[label] = hitungan.get(label, 0) + 1
    p = hasil.data.pengaturan
    return RingkasanSurat(
        instansi=p.instansi, tahun=hasil.tahun,
        jumlah_per_predikat={k: v for k, v in hitungan.items() if v},
        sasaran=[(s.nama, s.capaian, s.predikat.label) for s in hasil.sasaran],
    )

def _kelompok_ribuan(digits: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return ".".join(out)


def _format_angka_lokal(nilai: Decimal, desimal: int = 2) -> str:
    """Indonesian style: "." groups thousands, "," is the decimal mark (domain.md section 5).
    Fallback used when lakip_xl.aturan.angka.format_angka is not available."""
    x = bulatkan(Decimal(nilai), desimal)  # half up, as Excel's ROUND
    tanda = "-" if x < 0 else ""
    teks = f"{abs(x):f}"
    bulat, _, pecahan = teks.partition(".")
    out = tanda + _kelompok_ribuan(bulat)
    if desimal > 0:
        out += "," + pecahan.ljust(desimal, "0")[:desimal]
    return out


def _format_persen_lokal(nilai: Decimal, desimal: int = 2) -> str:
    return _format_angka_lokal(nilai, desimal) + "%"


def _format_persen(nilai: Decimal) -> str:
    """44.31 -> "44,31%": lakip_xl.aturan.angka.format_angka when present, else the local fallback."""
    try:
        from lakip_xl.aturan.angka import format_angka  # written by another engineer; optional until it lands
    except ImportError:
        return _format_persen_lokal(nilai)
    try:
        return format_angka(nilai, desimal=2, gaya="persen")
    except (TypeError, ValueError, LakipError):
        return _format_persen_lokal(nilai)


def _format_ukuran(n: int) -> str:
    if n >= MB:
        return _format_angka_lokal(Decimal(n) / MB, 1) + " MB"
    if n >= 1024:
        return _format_angka_lokal(Decimal(n) / 1024, 1) + " KB"
    return f"{n} byte"


_ALAMAT_RE = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+$")


def _alamat_tunggal(teks: str, *, asal: str) -> Address:
    daftar = _daftar_alamat([teks], asal=asal)
    if len(daftar) != 1:
        raise KirimError(
            f"{asal} harus berisi tepat satu alamat surel, bukan '{teks}'.",
            saran="Contoh: admin@instansi.go.id",
        )
    return daftar[0]


def _daftar_alamat(teks: Iterable[str] | str | None, *, asal: str) -> list[Address]:
    """Addresses from CLI values: each may hold several, separated by "," or ";" (Outlook habit)."""
    if teks is None:
        return []
    if isinstance(teks, str):
        teks = [teks]
    mentah = [t.replace(";", ",") for t in teks if t and t.strip()]
    out: list[Address] = []
    gabung = " ".join(mentah)
    for nama, alamat in getaddresses(mentah):
        if not nama and not alamat:
            continue
        # getaddresses() quietly drops spaces ("a@dinas go.id" -> "a@dinasgo.id"): an address not
        # found verbatim in what the user typed is a typo, not something to guess.
        if not _ALAMAT_RE.match(alamat or "") or alamat not in gabung:
            tampil = alamat if alamat and alamat in gabung else ", ".join(mentah)
            raise KirimError(
                f"Alamat surel '{tampil}' ({asal}) tidak valid.",
                saran="Tulis alamat lengkap seperti nama@instansi.go.id; pisahkan beberapa alamat dengan koma.",
            )
        try:
            out.append(Address(display_name=nama or "", addr_spec=alamat))
        except (ValueError, IndexError):  # email's header parser refuses the address
            raise KirimError(
                f"Alamat surel '{alamat}' ({asal}) tidak valid.",
                saran="Tulis alamat lengkap seperti nama@instansi.go.id.",
            ) from None
    return out


def _satu_baris(teks: str) -> str:
    # A header must not carry a line break (header injection); staff may paste one from Word.
    return " ".join(teks.split())


def _isi_surel(ringkasan: RingkasanSurat | None, pesan: str | None, lampiran: Sequence[Path]) -> str:
    baris: list[str] = ["Dengan hormat,", ""]
    if pesan and pesan.strip():
        baris += [pesan.strip(), ""]
    if ringkasan is not None:
        baris.append(
            f"Bersama surel ini kami sampaikan Laporan Kinerja Instansi Pemerintah (LAKIP) "
            f"{ringkasan.instansi} Tahun {ringkasan.tahun}."
        )
        baris.append("")
        baris.append("Ringkasan capaian kinerja:")
        if ringkasan.jumlah_per_predikat:
            total = sum(ringkasan.jumlah_per_predikat.values())
            bagian = ", ".join(f"{label}: {n}" for label, n in ringkasan.jumlah_per_predikat.items())
            baris.append(f"- Jumlah indikator per predikat: {bagian} (seluruhnya {total} indikator).")
        else:
            baris.append("- Belum ada indikator yang dinilai.")
        if ringkasan.sasaran:
            baris.append("- Capaian rata-rata per sasaran:")
            for i, (nama, nilai, label) in enumerate(ringkasan.sasaran, 1):
                if nilai is None or is_na(nilai):
                    angka = "n/a (tidak dapat dihitung)"
                else:
                    angka = _format_persen(Decimal(nilai))
                ket = f" ({label})" if label else ""
                baris.append(f"  {i}. {nama}: {angka}{ket}")
        baris.append("")
    else:
        baris += ["Bersama surel ini kami sampaikan Laporan Kinerja Instansi Pemerintah (LAKIP).", ""]
    baris.append("Lampiran:")
    for p in lampiran:
        baris.append(f"- {p.name} ({_format_ukuran(p.stat().st_size)})")
    baris.append("")
    baris.append(
        "Berkas Excel terlampir adalah salinan berisi nilai saja (tanpa rumus dan makro), "
        "aman dibuka di komputer mana pun."
    )
    baris += ["", "Terima kasih.", "", "-- ", "Surel ini disusun oleh lakip-xl."]
    return "\n".join(baris) + "\n"


def _periksa_lampiran(lampiran: Sequence[Path | str]) -> list[Path]:
    paths = [Path(p) for p in lampiran]
    if not paths:
        raise KirimError("Tidak ada berkas untuk dilampirkan.", saran="Ekspor buku kerja terlebih dahulu.")
    for p in paths:
        if not p.is_file():
            raise KirimError(
                "Berkas lampiran tidak ditemukan.",
                saran="Jalankan ekspor lagi, lalu kirim ulang.",
                berkas=str(p),
            )
    return paths


def susun_pesan(
    lampiran: Sequence[Path | str],
    ke: Iterable[str] | str,
    cc: Iterable[str] | str = (),
    subjek: str | None = None,
    pesan: str | None = None,
    ringkasan: RingkasanSurat | None = None,
) -> EmailMessage:
    """The message: Bahasa Indonesia body summarising the results, the files attached.

    From, Date and Message-ID are completed when sending (`kirim_pesan`) or saving (`simpan_eml`)."""
    paths = _periksa_lampiran(lampiran)
    kepada = _daftar_alamat(ke, asal="--ke")
    if not kepada:
        raise KirimError(
            "Alamat penerima belum diisi.",
            saran="Tambahkan --ke alamat@instansi.go.id (boleh lebih dari satu, dipisah koma).",
        )
    tembusan = _daftar_alamat(cc, asal="--cc")
    if subjek is None or not subjek.strip():
        if ringkasan is not None:
            subjek = f"Laporan Kinerja (LAKIP) {ringkasan.instansi} Tahun {ringkasan.tahun}"
        else:
            subjek = "Laporan Kinerja (LAKIP)"
    msg = EmailMessage()
    msg["Subject"] = _satu_baris(subjek)
    msg["To"] = kepada
    if tembusan:
        msg["Cc"] = tembusan
    msg.set_content(_isi_surel(ringkasan, pesan, paths))
    for p in paths:
        maintype, subtype = MIME.get(p.suffix.lower(), ("application", "octet-stream"))
        msg.add_attachment(p.read_bytes(), maintype=maintype, subtype=subtype, filename=p.name)
    return msg


def _lengkapi_header(msg: EmailMessage, pengirim: str | None) -> None:
    if pengirim and "From" not in msg:
        msg["From"] = _alamat_tunggal(pengirim, asal=ENV["pengirim"])
    if "Date" not in msg:
        msg["Date"] = formatdate(localtime=True)
    if "Message-ID" not in msg:
        domain = "lakip-xl.invalid"
        if pengirim and "@" in pengirim:
            domain = pengirim.rsplit("@", 1)[1].strip("> ") or domain
        msg["Message-ID"] = make_msgid(domain=domain)


def _ukuran_lampiran(msg: EmailMessage) -> list[tuple[str, int]]:
    out = []
    for part in msg.iter_attachments():
        data = part.get_content()
        n = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
        out.append((part.get_filename() or "lampiran", n))
    return out


def _format_ringkas(x: Decimal) -> str:
    """A setting as the user wrote it, Indonesian decimal mark: 10 -> "10", 2.5 -> "2,5",
    0.001 -> "0,001" (limits and timeouts in messages; never rounded away to "0")."""
    teks = f"{Decimal(x).normalize():f}"
    return teks.replace(".", ",")


def _cek_batas(ukuran: list[tuple[str, int]], batas_mb: Decimal) -> str | None:
    """None when the attachments fit, else the Indonesian sentence saying they do not."""
    total = sum(n for _, n in ukuran)
    if Decimal(total) <= batas_mb * MB:
        return None
    rinci = "; ".join(f"{nama} {_format_ukuran(n)}" for nama, n in ukuran)
    return f"ukuran lampiran {_format_ukuran(total)} melebihi batas {_format_ringkas(batas_mb)} MB (rincian: {rinci})."


_SARAN_UKURAN = (
    f"Bagikan berkas melalui tautan (misalnya Google Drive atau OneDrive), atau naikkan batas dengan "
    f"{ENV['batas_lampiran_mb']} bila server surel instansi mengizinkannya."
)


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
    return kode == 552 or "5.3.4" in teks or "too big" in teks or "size" in teks


def _penerima(msg: EmailMessage) -> list[str]:
    out: list[str] = []
    for h in ("To", "Cc", "Bcc"):
        for _, a in getaddresses(msg.get_all(h, [])):
            if a and a not in out:
                out.append(a)
    return out


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
    lebih = _cek_batas(_ukuran_lampiran(msg), pengaturan.batas_lampiran_mb)
    if lebih:
        raise KirimError("Surel tidak dikirim: " + lebih, saran=_SARAN_UKURAN, tersimpan=tersimpan)
    _lengkapi_header(msg, pengaturan.pengirim)
    penerima = _penerima(msg)
    if not penerima:
        raise KirimError("Alamat penerima belum diisi.", saran="Tambahkan --ke alamat@instansi.go.id.", tersimpan=tersimpan)
    pengirim = _alamat_tunggal(pengaturan.pengirim, asal=ENV["pengirim"]).addr_spec
    ctx = ssl_context if ssl_context is not None else (
        _konteks_ssl(pengaturan) if pengaturan.keamanan != "none" else None
    )
    alamat = pengaturan.alamat

    def galat(pesan: str, saran: str = "") -> KirimError:
        return KirimError("Surel tidak terkirim: " + pesan, saran=saran, tersimpan=tersimpan)

    tahap = "sambung"
    smtp: smtplib.SMTP | None = None
    try:
        if pengaturan.keamanan == "ssl":
            tahap = "tls"  # the handshake happens while connecting
            smtp = smtplib.SMTP_SSL(pengaturan.host, pengaturan.port, timeout=pengaturan.timeout, context=ctx)
        else:
            smtp = smtplib.SMTP(pengaturan.host, pengaturan.port, timeout=pengaturan.timeout)
        tahap = "ehlo"
        smtp.ehlo()
        if pengaturan.keamanan == "starttls":
            tahap = "tls"
            smtp.starttls(context=ctx)
            smtp.ehlo()
        if pengaturan.pengguna:
            tahap = "login"
            smtp.login(pengaturan.pengguna, pengaturan.sandi or "")
        tahap = "kirim"
        ditolak = smtp.send_message(msg, from_addr=pengirim, to_addrs=penerima)
        tahap = "selesai"
    except smtplib.SMTPRecipientsRefused as e:
        rinci = "; ".join(f"{a} ({_teks_server(k, m)})" for a, (k, m) in e.recipients.items())
        raise galat(
            f"server {alamat} menolak alamat penerima: {rinci}.",
            "Periksa ejaan alamat penerima (--ke/--cc); bila alamat benar, tanyakan ke pengelola surel instansi.",
        ) from None
    except smtplib.SMTPSenderRefused as e:
        if _terlalu_besar(e.smtp_code, e.smtp_error):
            raise galat(
                f"server {alamat} menolak surel karena terlalu besar ({_teks_server(e.smtp_code, e.smtp_error)}).",
                _SARAN_UKURAN,
            ) from None
        if e.smtp_code == 530:
            raise galat(
                f"server {alamat} meminta login sebelum mengirim ({_teks_server(e.smtp_code, e.smtp_error)}).",
                f"Isi {ENV['pengguna']} dan {ENV['sandi']} (variabel lingkungan atau berkas pengaturan).",
            ) from None
        raise galat(
            f"server {alamat} menolak alamat pengirim {e.sender} ({_teks_server(e.smtp_code, e.smtp_error)}).",
            f"Periksa {ENV['pengirim']}: biasanya harus sama dengan akun yang dipakai login ({ENV['pengguna']}).",
        ) from None
    except smtplib.SMTPAuthenticationError as e:
        raise galat(
            f"login ke server {alamat} gagal: nama pengguna atau sandi ditolak ({_teks_server(e.smtp_code, e.smtp_error)}).",
            f"Periksa {ENV['pengguna']} dan {ENV['sandi']}; beberapa layanan surel meminta 'sandi aplikasi'.",
        ) from None
    except smtplib.SMTPNotSupportedError:
        if tahap == "tls":
            raise galat(
                f"server {alamat} tidak mendukung STARTTLS (sambungan aman).",
                f"Coba {ENV['keamanan']}=ssl dengan port 465, atau tanyakan pengaturan yang benar ke pengelola surel.",
            ) from None
        raise galat(
            f"server {alamat} tidak menawarkan login (AUTH) pada sambungan ini.",
            f"Gunakan {ENV['keamanan']}=starttls atau ssl; bila server tidak memerlukan login, kosongkan {ENV['pengguna']}.",
        ) from None
    except smtplib.SMTPDataError as e:
        if _terlalu_besar(e.smtp_code, e.smtp_error):
            raise galat(
                f"server {alamat} menolak surel karena terlalu besar ({_teks_server(e.smtp_code, e.smtp_error)}).",
                _SARAN_UKURAN,
            ) from None
        raise galat(
            f"server {alamat} menolak isi surel ({_teks_server(e.smtp_code, e.smtp_error)}).",
            "Tanyakan ke pengelola surel instansi; lampiran mungkin diblokir oleh penyaring.",
        ) from None
    except smtplib.SMTPConnectError as e:
        raise galat(
            f"server {alamat} menolak sambungan ({_teks_server(e.smtp_code, e.smtp_error)}).",
            "Coba lagi nanti, atau periksa host dan port server surel.",
        ) from None
    except smtplib.SMTPServerDisconnected as e:
        if "timed out" in str(e):  # smtplib turns a read timeout into "unexpectedly closed"
            raise galat(*_pesan_waktu_habis(tahap, alamat, pengaturan)) from None
        if tahap in ("sambung", "ehlo", "tls"):
            raise galat(
                f"server {alamat} memutus sambungan sebelum siap.",
                f"Periksa port dan {ENV['keamanan']} (starttls untuk port 587, ssl untuk port 465).",
            ) from None
        raise galat(
            f"sambungan ke server {alamat} terputus saat {_NAMA_TAHAP.get(tahap, 'mengirim')}.",
            "Coba kirim lagi.",
        ) from None
    except smtplib.SMTPResponseException as e:
        raise galat(
            f"server {alamat} menjawab dengan galat saat {_NAMA_TAHAP.get(tahap, 'mengirim')} ({_teks_server(e.smtp_code, e.smtp_error)}).",
            "Tanyakan ke pengelola surel instansi.",
        ) from None
    except smtplib.SMTPException as e:
        if tahap == "login":
            raise galat(
                f"login ke server {alamat} tidak dapat dilakukan ({e}).",
                f"Periksa {ENV['keamanan']}; login biasanya hanya ditawarkan pada sambungan aman.",
            ) from None
        raise galat(f"galat SMTP saat {_NAMA_TAHAP.get(tahap, 'mengirim')} ({e}).", "Coba kirim lagi.") from None
    except ssl.SSLCertVerificationError as e:
        raise galat(
            f"sertifikat server {alamat} tidak dapat dipercaya ({e.verify_message or e.reason}).",
            f"Periksa nama host {ENV['host']}; bila instansi memakai sertifikat sendiri, isi {ENV['ca_berkas']}"
            " dengan berkas sertifikat CA-nya (jangan mematikan pemeriksaan sertifikat).",
        ) from None
    except ssl.SSLError as e:
        raise galat(
            f"sambungan aman (TLS) ke server {alamat} gagal ({e.reason or e}).",
            f"Periksa {ENV['keamanan']} dan port: ssl untuk port 465, starttls untuk port 587.",
        ) from None
    except TimeoutError:
        raise galat(*_pesan_waktu_habis(tahap, alamat, pengaturan)) from None
    except ConnectionRefusedError:
        raise galat(
            f"tidak dapat tersambung ke server {alamat}: sambungan ditolak (server mati atau port salah).",
            f"Periksa {ENV['host']} dan {ENV['port']}, lalu coba lagi.",
        ) from None
    except socket.gaierror:
        raise galat(
            f"nama server '{pengaturan.host}' tidak ditemukan.",
            f"Periksa ejaan {ENV['host']} dan sambungan internet.",
        ) from None
    except OSError as e:
        raise galat(
            f"tidak dapat tersambung ke server {alamat} ({e.strerror or e}).",
            f"Periksa jaringan, {ENV['host']} dan {ENV['port']}.",
        ) from None
    finally:
        if smtp is not None:
            try:
                if tahap == "selesai":
                    smtp.quit()  # the message is already accepted: a failed QUIT changes nothing
            except (smtplib.SMTPException, OSError):
                pass
            finally:
                smtp.close()
    return {a: (k, _teks_server(None, m)) for a, (k, m) in ditolak.items()}


def _pesan_waktu_habis(tahap: str, alamat: str, pengaturan: PengaturanSmtp) -> tuple[str, str]:
    if tahap in ("sambung", "ehlo"):
        return (
            f"server {alamat} tidak menjawab dalam {_format_ringkas(Decimal(str(pengaturan.timeout)))} detik"
            " (server mati, jaringan terputus, atau jenis keamanan tidak cocok dengan port).",
            f"Periksa jaringan, {ENV['host']} dan {ENV['port']}; untuk port 465 isi {ENV['keamanan']}=ssl.",
        )
    return (
        f"server {alamat} berhenti menjawab saat {_NAMA_TAHAP.get(tahap, 'mengirim')}.",
        f"Coba lagi; bila berulang, periksa {ENV['keamanan']} dan {ENV['port']}.",
    )


_NAMA_TAHAP = {
    "sambung": "menyambung",
    "ehlo": "membuka sesi",
    "tls": "membuka sambungan aman",
    "login": "login",
    "kirim": "mengirim",
}


def simpan_eml(msg: EmailMessage, path: Path | str) -> Path:
    """Write `msg` as an .eml file (atomic: temp file in the same folder, then os.replace)."""
    path = Path(path)
    _lengkapi_header(msg, str(msg["From"]) if "From" in msg else None)
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
        paths = _periksa_lampiran(paths)
        if pengaturan is None:
            try:
                pengaturan = muat_pengaturan_smtp(env)
            except KirimError:
                if not dry_run:
                    raise
        batas = pengaturan.batas_lampiran_mb if pengaturan is not None else BATAS_BAWAAN_MB
        lebih = _cek_batas([(p.name, p.stat().st_size) for p in paths], batas)
        if lebih and not dry_run:
            raise KirimError("Surel tidak dikirim: " + lebih, saran=_SARAN_UKURAN)
        msg = susun_pesan(paths, ke, cc, subjek, pesan, ringkasan)
        penerima = ", ".join(_penerima(msg))
        if dry_run:
            if pengaturan is not None:
                _lengkapi_header(msg, pengaturan.pengirim)
            tujuan = Path(eml_path) if eml_path is not None else paths[0].with_suffix(".eml")
            if any(tujuan.resolve() == p.resolve() for p in paths):
                raise KirimError(
                    "Berkas .eml tidak boleh menimpa berkas lampiran.",
                    saran="Pilih nama lain yang berakhiran .eml.",
                    berkas=str(tujuan),
                )
            simpan_eml(msg, tujuan)
            status = (
                f"Mode uji (--dry-run): surel untuk {penerima} tidak dikirim; isinya disimpan di {tujuan}. "
                + _kalimat_tersimpan(paths)
            )
            if lebih:
                status += f" Peringatan: {lebih} Pengiriman sungguhan akan ditolak."
            return status
        assert pengaturan is not None
        ditolak = kirim_pesan(msg, pengaturan, ssl_context=ssl_context, tersimpan=paths)
    except KirimError as e:
        raise e.dengan_tersimpan(p for p in paths if p.is_file()) from None
    if ditolak:
        rinci = "; ".join(f"{a} ({kode} {teks})" for a, (kode, teks) in ditolak.items())
        diterima = ", ".join(a for a in _penerima(msg) if a not in ditolak)
        return (
            f"Surel terkirim ke {diterima} melalui {pengaturan.alamat}, tetapi ditolak untuk: {rinci}. "
            + _kalimat_tersimpan(paths)
        )
    return f"Surel terkirim ke {penerima} melalui {pengaturan.alamat}. " + _kalimat_tersimpan(paths)

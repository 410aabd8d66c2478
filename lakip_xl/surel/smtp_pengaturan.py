"""The SMTP settings of `lakip-xl kirim`, the error every mail step raises, and address checking.

This module owns:
- `KirimError`, raised by every step of composing and sending (lakip_xl.surel.pesan,
  lakip_xl.surel.kirim); its message says where the exported file stays;
- the SMTP settings (`PengaturanSmtp`), read from environment variables or a TOML file in the
  user's config folder, never from the workbook (a workbook is shared and mailed around: a password
  in it would travel with every copy);
- reading the addresses users type (`--ke`, `--cc`, the sender), refusing anything doubtful.

The password is never printed: not in `repr`, not in an error message.
"""

from __future__ import annotations

import ipaddress
import os
import re
import sys
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from email.headerregistry import Address
from email.utils import getaddresses
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from lakip_xl.errors import LakipError

__all__ = [
    "KEAMANAN",
    "ENV",
    "ENV_BERKAS",
    "BATAS_BAWAAN_MB",
    "MB",
    "KirimError",
    "PengaturanSmtp",
    "lokasi_pengaturan_bawaan",
    "muat_pengaturan_smtp",
]

KEAMANAN = ("starttls", "ssl", "none")
PORT_BAWAAN = {"starttls": 587, "ssl": 465, "none": 25}  # RFC 6409 submission, RFC 8314 SMTPS, RFC 5321
PORT_MAKS = 65535  # TCP ports are 16-bit; 0 is not a port one can connect to

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

BATAS_BAWAAN_MB = Decimal(10)  # common limit of government and webmail servers (Gmail: 25)
KB = 1024
MB = KB * KB  # "MB" in the size limit is a mebibyte, as mail clients and servers count it

# the example given when a numeric setting is not a number
_CONTOH_ANGKA = {"port": "587", "batas_lampiran_mb": "10", "timeout": "30"}


class KirimError(LakipError):
    """The message could not be composed or sent; says why and where the exported file is."""

    def __init__(self, pesan: str, *, saran: str = "", tersimpan: Iterable[Path | str] = (), **lokasi):
        self.pesan_dasar = pesan
        self.saran_dasar = saran
        self.tersimpan = tuple(Path(p) for p in tersimpan)
        teks = pesan
        if self.tersimpan:
            teks += " " + kalimat_tersimpan(self.tersimpan)
        super().__init__(teks, saran=saran, **lokasi)

    def dengan_tersimpan(self, tersimpan: Iterable[Path | str]) -> "KirimError":
        """The same error, now also saying where the exported file(s) stay."""
        if self.tersimpan:
            return self
        baru = KirimError(self.pesan_dasar, saran=self.saran_dasar, tersimpan=tersimpan)
        baru.__cause__ = self.__cause__
        return baru


def kalimat_tersimpan(paths: Sequence[Path]) -> str:
    """The sentence saying where the exported files stay (in every error and status line)."""
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
        if not isinstance(self.port, int) or isinstance(self.port, bool) or not 0 < self.port <= PORT_MAKS:
            raise KirimError(
                f"Port SMTP '{self.port}' tidak valid.",
                saran=f"Isi {ENV['port']} dengan angka 1 sampai {PORT_MAKS}, misalnya 587.",
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
        self._periksa_login()
        alamat_tunggal(self.pengirim, asal=ENV["pengirim"])

    def _periksa_login(self) -> None:
        """User name and password come together, and never travel in clear text."""
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
        if self.pengguna and self.keamanan == "none" and not _loopback(self.host):
            raise KirimError(
                f"Login ke server {self.host} tanpa enkripsi akan mengirim sandi tanpa perlindungan.",
                saran=f"Isi {ENV['keamanan']} dengan starttls (port 587) atau ssl (port 465).",
            )

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


def _berkas_pengaturan(berkas: Path | str | None, bawaan: Path) -> Path | None:
    """The TOML file to read: the one named (it must exist), else the default one when it exists."""
    if berkas is not None:
        path = Path(berkas)
        if not path.is_file():
            raise KirimError(
                "Berkas pengaturan SMTP tidak ditemukan.",
                saran=f"Periksa lokasinya, atau gunakan variabel lingkungan {ENV['host']} dan lainnya.",
                berkas=str(path),
            )
        return path
    return bawaan if bawaan.is_file() else None


def _kumpulkan(env: Mapping[str, str], path: Path | None) -> tuple[dict[str, object], dict[str, str]]:
    """(setting -> raw value, setting -> where it came from): the file first, then the environment
    variables over it, key by key."""
    nilai: dict[str, object] = {}
    sumber: dict[str, str] = {}  # setting -> where it came from, for error messages
    if path is not None:
        for k, v in _baca_toml(path).items():
            nilai[k] = v
            sumber[k] = f"'{k}' di {path}"
    for k, var in ENV.items():
        v = env.get(var)
        if v is not None and str(v).strip() != "":
            nilai[k] = v if k == "sandi" else str(v).strip()
            sumber[k] = var
    return nilai, sumber


def _periksa_wajib(nilai: Mapping[str, object], bawaan: Path) -> None:
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


def _angka(nilai: Mapping[str, object], sumber: Mapping[str, str], k: str, jenis) -> int | Decimal | None:
    """Setting `k` as an int (`jenis` int) or a Decimal; None when it is not set."""
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
        raise KirimError(
            f"Nilai {sumber[k]} ('{v}') bukan angka.",
            saran=f"Isi dengan angka, misalnya {_CONTOH_ANGKA[k]}.",
        ) from None


def _argumen(nilai: Mapping[str, object], sumber: Mapping[str, str]) -> dict[str, object]:
    """The keyword arguments of PengaturanSmtp from the collected raw values."""
    kwargs: dict[str, object] = {
        "host": str(nilai["host"]).strip(),
        "pengirim": str(nilai["pengirim"]).strip(),
        "port": _angka(nilai, sumber, "port", int),
        "pengguna": (str(nilai["pengguna"]).strip() or None) if nilai.get("pengguna") else None,
        "sandi": str(nilai["sandi"]) if nilai.get("sandi") else None,
        "keamanan": str(nilai.get("keamanan") or "starttls"),
    }
    if nilai.get("batas_lampiran_mb") is not None:
        kwargs["batas_lampiran_mb"] = _angka(nilai, sumber, "batas_lampiran_mb", Decimal)
    if nilai.get("timeout") is not None:
        kwargs["timeout"] = float(_angka(nilai, sumber, "timeout", Decimal))
    if nilai.get("ca_berkas"):
        ca = Path(str(nilai["ca_berkas"])).expanduser()
        if not ca.is_file():
            raise KirimError(
                f"Berkas sertifikat CA ({sumber['ca_berkas']}) tidak ditemukan.",
                saran="Periksa lokasinya; berkas itu berisi sertifikat CA server surel dalam format PEM.",
                berkas=str(ca),
            )
        kwargs["ca_berkas"] = ca
    return kwargs


def muat_pengaturan_smtp(env: Mapping[str, str] | None = None, berkas: Path | str | None = None) -> PengaturanSmtp:
    """Read the SMTP settings: environment variables win over the TOML file, key by key.

    `berkas` None means $LAKIPXL_SMTP_CONFIG if set, else the default location (used only if it
    exists). The workbook is never read for settings."""
    env = os.environ if env is None else env
    if berkas is None and env.get(ENV_BERKAS):
        berkas = env[ENV_BERKAS]
    bawaan = lokasi_pengaturan_bawaan(env)
    nilai, sumber = _kumpulkan(env, _berkas_pengaturan(berkas, bawaan))
    _periksa_wajib(nilai, bawaan)
    return PengaturanSmtp(**_argumen(nilai, sumber))


# ---------------------------------------------------------------------------------------------
# Addresses

_ALAMAT_RE = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+$")
_KENDALI_RE = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")  # CR, LF, tab, NUL...: never in an address
_DIKUTIP_RE = re.compile(r'"(?:[^"\\]|\\.)*"')


def _tampil(teks: str) -> str:
    """What the user typed, with control characters made visible (\r\n), for a message."""
    return teks.encode("unicode_escape").decode("ascii") if _KENDALI_RE.search(teks) else teks


def _periksa_mentah(teks: str, asal: str) -> None:
    """Refuse what would smuggle a header or a recipient in: a control character (a CR/LF starts a new
    header line: 'a@dinas.go.id\r\nBcc: x@luar'), or the group syntax 'Nama: a@b;' (a ':' outside a
    quoted display name)."""
    if _KENDALI_RE.search(teks):
        raise KirimError(
            f"Alamat surel '{_tampil(teks)}' ({asal}) berisi karakter kendali (baris baru, tab), yang tidak "
            "boleh ada di alamat.",
            saran="Ketik ulang alamatnya pada satu baris, misalnya nama@instansi.go.id.",
        )
    if ":" in _DIKUTIP_RE.sub('""', teks):
        raise KirimError(
            f"Alamat surel '{teks}' ({asal}) tidak valid: tanda ':' hanya boleh ada di dalam nama yang dikutip.",
            saran="Tulis alamatnya saja (nama@instansi.go.id), atau \"Nama Lengkap\" <nama@instansi.go.id>.",
        )


def alamat_tunggal(teks: str, *, asal: str) -> Address:
    """Exactly one address (the sender, or one --ke/--cc value); `asal` names where it was typed."""
    daftar = daftar_alamat([teks], asal=asal)
    if len(daftar) != 1:
        raise KirimError(
            f"{asal} harus berisi tepat satu alamat surel, bukan '{_tampil(teks)}'.",
            saran="Contoh: admin@instansi.go.id"
                  + (f"; untuk beberapa alamat, ulangi {asal} untuk setiap alamat." if asal.startswith("--") else ""),
        )
    return daftar[0]


def periksa_penerima(ke: Iterable[str], cc: Iterable[str] = ()) -> None:
    """The recipients typed on the command line: each --ke and each --cc is exactly one well-formed
    address (several recipients: the option repeated). Checked before any work is done."""
    for asal, daftar in (("--ke", ke), ("--cc", cc)):
        for teks in daftar:
            alamat_tunggal(teks, asal=asal)


def daftar_alamat(teks: Iterable[str] | str | None, *, asal: str) -> list[Address]:
    """Addresses from CLI values: each may hold several, separated by "," or ";" (Outlook habit);
    control characters and the group syntax are refused (`_periksa_mentah`)."""
    if teks is None:
        return []
    if isinstance(teks, str):
        teks = [teks]
    teks = [t for t in teks if t is not None]
    for t in teks:
        _periksa_mentah(t, asal)
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

"""`lakip-xl kirim`: settings, the message, and delivery end to end against a real SMTP server
(aiosmtpd) on 127.0.0.1, in plain, STARTTLS and implicit-TLS variants, with login, and every failure
mode giving a Bahasa Indonesia message while the exported file stays on disk, byte for byte.

Only loopback addresses are used; every server is stopped by its context manager.
"""

from __future__ import annotations

import email
import hashlib
import re
import smtplib
from decimal import Decimal
from email import policy
from pathlib import Path

import pytest

try:
    from smtp_server import (
        Penampung,
        buat_sertifikat,
        jalankan_server,
        pemeriksa_login,
        port_tertutup,
        server_bisu,
    )
except ImportError:  # tests/ turned into a package
    from tests.smtp_server import (
        Penampung,
        buat_sertifikat,
        jalankan_server,
        pemeriksa_login,
        port_tertutup,
        server_bisu,
    )

from lakip_xl.surel.kirim import (
    KirimError,
    PengaturanSmtp,
    RingkasanSurat,
    kirim_berkas,
    kirim_pesan,
    lokasi_pengaturan_bawaan,
    muat_pengaturan_smtp,
    simpan_eml,
    susun_pesan,
)
from lakip_xl.surel.pesan import _format_persen

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PENGIRIM = "sakip@dkum.depok.go.id"
KE = "kepala@dkum.depok.go.id"
CC = "bappeda@depok.go.id"
PENGGUNA, SANDI = "sakip", "Rahasia-Sandi-123"

# The seed's LAKIP 2020 (docs: shared/docs/seed-figures.md). Indicator capaian 100, 214, 44.83,
# 43.79, 73.55, 104, 75.32 under the SAKIP 3-level scale (domain.md section 2a): > 100 twice
# (214, 104), = 100 once, < 100 four times. Sasaran averages from seed-figures.md; labels by hand
# from the depok2020 scale (formerly permendagri54) in core-api.md (> 90 Sangat Baik, >= 75 Baik, < 50 Sangat Kurang).
RINGKASAN = RingkasanSurat(
    instansi="Dinas Koperasi dan Usaha Mikro Kota Depok",
    tahun=2020,
    jumlah_per_predikat={"Melebihi Target": 2, "Tercapai": 1, "Tidak Tercapai": 4},
    sasaran=[
        ("Meningkatnya Kualitas Manajemen Pemerintahan yang Akuntabel", Decimal("100"), "Sangat Baik"),
        ("Mendorong pengembangan usaha mikro di lokasi P2WKSS", Decimal("214"), "Sangat Baik"),
        ("Meningkatnya peran koperasi dalam pengembangan ekonomi", Decimal("44.31"), "Sangat Kurang"),
        ("Meningkatnya pertumbuhan dan daya saing usaha mikro", Decimal("84.29"), "Baik"),
    ],
)


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def ekspor(tmp_path: Path) -> Path:
    """A real values-only .xlsx as the export step would leave it."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Capaian"
    ws.append(["Indikator", "Target", "Realisasi", "Capaian"])
    ws.append(["Persentase koperasi aktif", 77.33, 34.67, 44.83])
    p = tmp_path / "ekspor" / "LAKIP 2020 (nilai).xlsx"
    p.parent.mkdir()
    wb.save(p)
    return p


@pytest.fixture(scope="module")
def sertifikat(tmp_path_factory):
    return buat_sertifikat(tmp_path_factory.mktemp("tls"))


def _env(tmp_path: Path, **vars: str) -> dict[str, str]:
    """An environment whose config folder is empty (the developer's real ~/.config is never read)."""
    env = {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.update(vars)
    return env


def _atur(port: int, **kw) -> PengaturanSmtp:
    kw.setdefault("keamanan", "none")
    kw.setdefault("timeout", 5.0)
    return PengaturanSmtp(host="127.0.0.1", port=port, pengirim=PENGIRIM, **kw)


def _diterima(server) -> email.message.EmailMessage:
    assert len(server.penampung.amplop) == 1
    return email.message_from_bytes(server.penampung.amplop[0].content, policy=policy.default)


def _isi(msg) -> str:
    return msg.get_body(("plain",)).get_content()


def _tetap_ada(path: Path, sha: str, err: KirimError) -> None:
    """The exported file is still there, unchanged, and the message says where."""
    assert path.is_file() and _sha(path) == sha
    assert str(path) in str(err) and "tetap tersimpan" in str(err)


# ---------------------------------------------------------------------------------------------
# Settings


def test_pengaturan_dari_env(tmp_path):
    env = _env(
        tmp_path,
        LAKIPXL_SMTP_HOST="mail.depok.go.id",
        LAKIPXL_SMTP_USER=PENGGUNA,
        LAKIPXL_SMTP_PASSWORD=SANDI,
        LAKIPXL_SMTP_FROM=PENGIRIM,
        LAKIPXL_MAX_ATTACHMENT_MB="2,5",
    )
    a = muat_pengaturan_smtp(env)
    assert (a.host, a.pengguna, a.sandi, a.pengirim) == ("mail.depok.go.id", PENGGUNA, SANDI, PENGIRIM)
    # starttls by default on the submission port 587 (RFC 6409); "2,5" written the Indonesian way
    assert (a.keamanan, a.port, a.batas_lampiran_mb) == ("starttls", 587, Decimal("2.5"))
    assert SANDI not in repr(a) and SANDI not in str(a)
    ssl_ = muat_pengaturan_smtp({**env, "LAKIPXL_SMTP_SECURITY": "SSL"})
    assert (ssl_.keamanan, ssl_.port) == ("ssl", 465)  # SMTPS port, RFC 8314
    assert muat_pengaturan_smtp({**env, "LAKIPXL_SMTP_PORT": "2525"}).port == 2525


def test_pengaturan_berkas_toml_dan_env_menang(tmp_path):
    toml = tmp_path / "config" / "lakip_xl" / "smtp.toml"  # the default location under XDG_CONFIG_HOME
    toml.parent.mkdir(parents=True)
    toml.write_text(
        '[smtp]\nhost = "mail.lama.go.id"\nport = 465\nkeamanan = "ssl"\n'
        f'pengirim = "{PENGIRIM}"\npengguna = "{PENGGUNA}"\nsandi = "{SANDI}"\nbatas_lampiran_mb = 5\n',
        encoding="utf-8",
    )
    env = _env(tmp_path)
    assert lokasi_pengaturan_bawaan(env, "linux") == toml
    a = muat_pengaturan_smtp(env)
    assert (a.host, a.port, a.keamanan, a.batas_lampiran_mb) == ("mail.lama.go.id", 465, "ssl", Decimal(5))
    b = muat_pengaturan_smtp({**env, "LAKIPXL_SMTP_HOST": "mail.baru.go.id"})
    assert (b.host, b.port, b.pengguna) == ("mail.baru.go.id", 465, PENGGUNA)  # env wins key by key
    # explicit file argument, keys at the top level
    lain = tmp_path / "lain.toml"
    lain.write_text(f'host = "127.0.0.1"\npengirim = "{PENGIRIM}"\nkeamanan = "none"\n', encoding="utf-8")
    c = muat_pengaturan_smtp(env, berkas=lain)
    assert (c.host, c.port) == ("127.0.0.1", 25)


def test_lokasi_bawaan_windows():
    p = lokasi_pengaturan_bawaan({"APPDATA": r"C:\Users\ani\AppData\Roaming"}, "win32")
    assert p.parts[-2:] == ("lakip_xl", "smtp.toml")
    assert str(p).startswith(r"C:\Users\ani\AppData\Roaming")


def test_pengaturan_kurang_menyebut_variabel(tmp_path):
    with pytest.raises(KirimError, match=r"Pengaturan server surel \(SMTP\) belum lengkap") as e:
        muat_pengaturan_smtp(_env(tmp_path, LAKIPXL_SMTP_USER=PENGGUNA))
    teks = str(e.value)
    assert "belum lengkap" in teks and "LAKIPXL_SMTP_HOST" in teks and "LAKIPXL_SMTP_FROM" in teks
    assert "buku kerja" in teks  # tells the user not to put settings in the workbook


# env overrides, expected words in the message
KASUS_SALAH = [
    ({"LAKIPXL_SMTP_PORT": "lima"}, ["LAKIPXL_SMTP_PORT", "bukan angka"]),
    ({"LAKIPXL_SMTP_PORT": "70000"}, ["Port SMTP", "tidak valid", "65535"]),
    ({"LAKIPXL_SMTP_SECURITY": "tls-kuat"}, ["tidak dikenal", "starttls", "ssl"]),
    ({"LAKIPXL_MAX_ATTACHMENT_MB": "0"}, ["Batas ukuran lampiran", "tidak valid"]),
    ({"LAKIPXL_SMTP_USER": PENGGUNA}, ["sandinya belum", "LAKIPXL_SMTP_PASSWORD"]),
    ({"LAKIPXL_SMTP_FROM": "bukan alamat"}, ["tidak valid", "LAKIPXL_SMTP_FROM"]),
    ({"LAKIPXL_SMTP_CAFILE": "/tidak/ada/ca.pem"}, ["sertifikat CA", "tidak ditemukan"]),
    # a password must not cross the network in clear text
    ({"LAKIPXL_SMTP_SECURITY": "none", "LAKIPXL_SMTP_USER": PENGGUNA, "LAKIPXL_SMTP_PASSWORD": SANDI},
     ["tanpa enkripsi", "starttls"]),
]


@pytest.mark.parametrize("ubah, kata", KASUS_SALAH)
def test_pengaturan_salah(tmp_path, ubah, kata):
    env = _env(tmp_path, **{"LAKIPXL_SMTP_HOST": "mail.depok.go.id", "LAKIPXL_SMTP_FROM": PENGIRIM, **ubah})
    with pytest.raises(KirimError, match=re.escape(kata[0])) as e:
        muat_pengaturan_smtp(env)
    for k in kata:
        assert k in str(e.value)
    assert SANDI not in str(e.value)


def test_login_tanpa_enkripsi_hanya_di_loopback(tmp_path):
    env = _env(tmp_path, LAKIPXL_SMTP_HOST="127.0.0.1", LAKIPXL_SMTP_FROM=PENGIRIM,
               LAKIPXL_SMTP_SECURITY="none", LAKIPXL_SMTP_USER=PENGGUNA, LAKIPXL_SMTP_PASSWORD=SANDI)
    assert muat_pengaturan_smtp(env).keamanan == "none"


def test_toml_kunci_asing_dan_rusak(tmp_path):
    p = tmp_path / "smtp.toml"
    p.write_text('host = "x.go.id"\npasword = "salah ketik"\n', encoding="utf-8")
    with pytest.raises(KirimError, match="pasword"):
        muat_pengaturan_smtp(_env(tmp_path), berkas=p)
    p.write_text('host = "x.go.id\n', encoding="utf-8")
    with pytest.raises(KirimError, match="tidak dapat dibaca"):
        muat_pengaturan_smtp(_env(tmp_path), berkas=p)
    with pytest.raises(KirimError, match="tidak ditemukan"):
        muat_pengaturan_smtp(_env(tmp_path), berkas=tmp_path / "tidak-ada.toml")


# ---------------------------------------------------------------------------------------------
# Composing

# value, expected: Indonesian style by hand ("." thousands, "," decimals, half up as Excel ROUND)
FORMAT_PERSEN = [
    (Decimal("44.31"), "44,31%"),
    (Decimal("44.305"), "44,31%"),
    (Decimal("214"), "214,00%"),
    (Decimal("1234.5"), "1.234,50%"),
    (Decimal("-0.005"), "-0,01%"),
    (Decimal("0"), "0,00%"),
]


@pytest.mark.parametrize("nilai, diharapkan", FORMAT_PERSEN)
def test_format_persen(nilai, diharapkan):
    assert _format_persen(nilai) == diharapkan


def test_susun_pesan(ekspor, tmp_path):
    pdf = tmp_path / "ekspor" / "LAKIP 2020.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% uji\n")
    msg = susun_pesan([ekspor, pdf], KE, [CC], None, "Mohon diperiksa.", RINGKASAN)
    assert msg["Subject"] == "Laporan Kinerja (LAKIP) Dinas Koperasi dan Usaha Mikro Kota Depok Tahun 2020"
    assert msg["To"] == KE and msg["Cc"] == CC
    lampiran = list(msg.iter_attachments())
    assert [(a.get_content_type(), a.get_filename()) for a in lampiran] == [
        (XLSX, ekspor.name),
        ("application/pdf", pdf.name),
    ]
    assert lampiran[0].get_content() == ekspor.read_bytes()
    isi = _isi(msg)
    assert "Melebihi Target: 2, Tercapai: 1, Tidak Tercapai: 4" in isi
    assert "seluruhnya 7 indikator" in isi
    assert "Mohon diperiksa." in isi and "Tahun 2020" in isi
    baris = [b for b in isi.splitlines() if "peran koperasi" in b][0]
    assert "44,31" in baris and "%" in baris and "(Sangat Kurang)" in baris
    assert "44.31" not in isi  # never the English decimal point


def test_susun_pesan_capaian_na_dan_subjek_satu_baris(ekspor):
    r = RingkasanSurat("Dinas X", 2024, {}, [("Sasaran tanpa data", None, "n/a")])
    msg = susun_pesan([ekspor], f"Kepala Dinas <{KE}>; {CC}", (), "Laporan\r\nBcc: penyusup@luar.id", None, r)
    assert msg["Subject"] == "Laporan Bcc: penyusup@luar.id"  # no header injection
    assert "Bcc" not in msg
    assert msg["To"].addresses[1].addr_spec == CC  # ";" accepted as a separator
    isi = _isi(msg)
    assert "Sasaran tanpa data: n/a" in isi and "Belum ada indikator" in isi


# texts for --ke, expected words
ALAMAT_SALAH = [
    ("", "belum diisi"),
    ("kepala.dkum", "tidak valid"),
    ("kepala@dkum depok.go.id", "tidak valid"),
    ("kepala@dkum.go.id\r\nBcc: penyusup@luar.id", "karakter kendali"),  # a header smuggled in
    ("kepala@dkum.go.id\npenyusup@luar.id", "karakter kendali"),
    ("Bcc: penyusup@luar.id", "':'"),  # the group syntax
]


@pytest.mark.parametrize("ke, kata", ALAMAT_SALAH)
def test_alamat_salah(ekspor, ke, kata):
    with pytest.raises(KirimError, match=kata):
        susun_pesan([ekspor], ke, (), None, None, RINGKASAN)


def test_lampiran_hilang(tmp_path):
    with pytest.raises(KirimError, match="tidak ditemukan"):
        susun_pesan([tmp_path / "hilang.xlsx"], KE, (), None, None, RINGKASAN)


# ---------------------------------------------------------------------------------------------
# Delivery, end to end


def test_kirim_polos(ekspor):
    sha = _sha(ekspor)
    with jalankan_server() as srv:
        status = kirim_berkas([ekspor], KE, cc=[CC], ringkasan=RINGKASAN, pengaturan=_atur(srv.port))
    assert "Surel terkirim" in status and KE in status and str(ekspor) in status
    amplop = srv.penampung.amplop[0]
    assert amplop.mail_from == PENGIRIM and amplop.rcpt_tos == [KE, CC]
    msg = _diterima(srv)
    assert msg["From"] == PENGIRIM and msg["Message-ID"] and msg["Date"]
    (lampiran,) = list(msg.iter_attachments())
    assert lampiran.get_content_type() == XLSX and lampiran.get_filename() == ekspor.name
    assert lampiran.get_content() == ekspor.read_bytes()
    assert "Melebihi Target: 2, Tercapai: 1, Tidak Tercapai: 4" in _isi(msg)
    assert _sha(ekspor) == sha


@pytest.mark.parametrize("mekanisme, buang", [("PLAIN", ["LOGIN"]), ("LOGIN", ["PLAIN"])])
def test_kirim_starttls_dengan_login(ekspor, sertifikat, mekanisme, buang):
    p = Penampung()
    with jalankan_server(
        p,
        tls_context=sertifikat.server_ctx,
        require_starttls=True,
        authenticator=pemeriksa_login(PENGGUNA, SANDI, p),
        auth_required=True,
        auth_require_tls=True,
        auth_exclude_mechanism=buang,
    ) as srv:
        atur = _atur(srv.port, keamanan="starttls", pengguna=PENGGUNA, sandi=SANDI)
        kirim_berkas([ekspor], KE, ringkasan=RINGKASAN, pengaturan=atur, ssl_context=sertifikat.client_ctx())
    assert p.mekanisme == [mekanisme]
    assert _diterima(srv).get_payload()[1].get_content() == ekspor.read_bytes()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_kirim_ssl_implisit_dengan_cafile_dari_env(ekspor, sertifikat, tmp_path):
    p = Penampung()
    # aiosmtpd only counts STARTTLS sessions as encrypted for auth_require_tls, so on its implicit
    # TLS listener AUTH must be allowed explicitly; the connection itself is TLS.
    with jalankan_server(
        p, ssl_context=sertifikat.server_ctx, authenticator=pemeriksa_login(PENGGUNA, SANDI, p),
        auth_required=True, auth_require_tls=False,
    ) as srv:
        env = _env(
            tmp_path,
            LAKIPXL_SMTP_HOST="127.0.0.1",
            LAKIPXL_SMTP_PORT=str(srv.port),
            LAKIPXL_SMTP_SECURITY="ssl",
            LAKIPXL_SMTP_USER=PENGGUNA,
            LAKIPXL_SMTP_PASSWORD=SANDI,
            LAKIPXL_SMTP_FROM=PENGIRIM,
            LAKIPXL_SMTP_CAFILE=str(sertifikat.ca_pem),
            LAKIPXL_SMTP_TIMEOUT="5",
        )
        status = kirim_berkas([ekspor], KE, ringkasan=RINGKASAN, env=env)
    assert "Surel terkirim" in status
    assert p.mekanisme and _diterima(srv).get_payload()[1].get_content() == ekspor.read_bytes()


def test_login_tanpa_enkripsi_di_loopback(ekspor):
    # a relay on this machine: the password never leaves it, so plain AUTH is allowed here only
    p = Penampung()
    with jalankan_server(p, authenticator=pemeriksa_login(PENGGUNA, SANDI, p), auth_require_tls=False) as srv:
        kirim_berkas([ekspor], KE, ringkasan=RINGKASAN, pengaturan=_atur(srv.port, pengguna=PENGGUNA, sandi=SANDI))
    assert p.mekanisme and len(p.amplop) == 1


def test_kirim_sebagian_penerima_ditolak(ekspor):
    p = Penampung(tolak_penerima={"salah@dkum.depok.go.id": "550 5.1.1 Mailbox tidak ada"})
    with jalankan_server(p) as srv:
        status = kirim_berkas([ekspor], [KE, "salah@dkum.depok.go.id"], ringkasan=RINGKASAN, pengaturan=_atur(srv.port))
    assert p.amplop[0].rcpt_tos == [KE]
    assert "ditolak untuk: salah@dkum.depok.go.id" in status and "550" in status


# ---------------------------------------------------------------------------------------------
# Failures: a clear Indonesian message, nothing sent, the exported file untouched


def _gagal(ekspor, pengaturan, ke=KE, **kw) -> KirimError:
    sha = _sha(ekspor)
    with pytest.raises(KirimError, match="Berkas hasil ekspor tetap tersimpan di") as e:
        kirim_berkas([ekspor], ke, ringkasan=RINGKASAN, pengaturan=pengaturan, **kw)
    _tetap_ada(ekspor, sha, e.value)
    assert "Traceback" not in str(e.value)
    return e.value


def test_penerima_ditolak(ekspor):
    p = Penampung(tolak_penerima={KE: "550 5.1.1 Mailbox tidak ada"})
    with jalankan_server(p) as srv:
        err = _gagal(ekspor, _atur(srv.port))
    assert "Surel tidak terkirim" in str(err) and "menolak alamat penerima" in str(err)
    assert KE in str(err) and "550" in str(err) and "Periksa ejaan alamat" in str(err)
    assert p.amplop == []


def test_pengirim_ditolak(ekspor):
    p = Penampung(tolak_pengirim="553 5.7.1 Pengirim tidak diizinkan")
    with jalankan_server(p) as srv:
        err = _gagal(ekspor, _atur(srv.port))
    assert "menolak alamat pengirim" in str(err) and PENGIRIM in str(err) and "LAKIPXL_SMTP_FROM" in str(err)


def test_server_mati(ekspor):
    with port_tertutup() as port:
        err = _gagal(ekspor, _atur(port))
    assert "tidak dapat tersambung" in str(err) and "server mati" in str(err)
    assert f"127.0.0.1:{port}" in str(err)


def test_server_tidak_menjawab(ekspor):
    with server_bisu() as port:
        err = _gagal(ekspor, _atur(port, timeout=0.3))
    assert "tidak menjawab" in str(err) and "0,3 detik" in str(err)


def test_login_gagal_tanpa_membocorkan_sandi(ekspor, sertifikat):
    p = Penampung()
    with jalankan_server(
        p, tls_context=sertifikat.server_ctx, authenticator=pemeriksa_login(PENGGUNA, SANDI, p), auth_required=True
    ) as srv:
        atur = _atur(srv.port, keamanan="starttls", pengguna=PENGGUNA, sandi="sandi-keliru-987")
        err = _gagal(ekspor, atur, ssl_context=sertifikat.client_ctx())
    assert "login" in str(err) and "ditolak" in str(err) and "LAKIPXL_SMTP_PASSWORD" in str(err)
    assert "sandi-keliru-987" not in str(err) and "sandi-keliru-987" not in repr(atur)
    assert p.amplop == []


def test_server_minta_login(ekspor, sertifikat):
    p = Penampung()
    with jalankan_server(
        p, tls_context=sertifikat.server_ctx, authenticator=pemeriksa_login(PENGGUNA, SANDI, p), auth_required=True
    ) as srv:
        err = _gagal(ekspor, _atur(srv.port, keamanan="starttls"), ssl_context=sertifikat.client_ctx())
    assert "meminta login" in str(err) and "LAKIPXL_SMTP_USER" in str(err)


def test_server_tidak_menawarkan_login(ekspor):
    # aiosmtpd offers AUTH only after TLS (auth_require_tls): a plain session sees no AUTH at all
    with jalankan_server(authenticator=lambda *a: None) as srv:
        err = _gagal(ekspor, _atur(srv.port, pengguna=PENGGUNA, sandi=SANDI))
    assert "tidak menawarkan login" in str(err) and "starttls" in str(err)


def test_sertifikat_tidak_dipercaya(ekspor, sertifikat):
    # The default context trusts only the system CAs, not the test CA: verification must fail.
    with jalankan_server(tls_context=sertifikat.server_ctx) as srv:
        err = _gagal(ekspor, _atur(srv.port, keamanan="starttls"))
    assert "sertifikat server" in str(err) and "tidak dapat dipercaya" in str(err)
    assert "LAKIPXL_SMTP_CAFILE" in str(err)
    assert srv.penampung.amplop == []


def test_ssl_ke_server_polos(ekspor):
    with jalankan_server() as srv:
        err = _gagal(ekspor, _atur(srv.port, keamanan="ssl"))
    assert "sambungan aman (TLS)" in str(err) and "gagal" in str(err)


def test_starttls_tidak_didukung(ekspor):
    with jalankan_server() as srv:
        err = _gagal(ekspor, _atur(srv.port, keamanan="starttls"))
    assert "tidak mendukung STARTTLS" in str(err)


def test_server_menolak_karena_terlalu_besar(ekspor):
    # the server's SIZE limit (1.000 bytes) is below the workbook's size (openpyxl writes ~5 KB)
    assert ekspor.stat().st_size > 1000
    with jalankan_server(data_size_limit=1000) as srv:
        err = _gagal(ekspor, _atur(srv.port))
    assert "terlalu besar" in str(err) and "552" in str(err)
    assert srv.penampung.amplop == []


def test_lampiran_melebihi_batas_ditolak_sebelum_menyambung(ekspor, monkeypatch):
    def jangan(*a, **k):
        raise AssertionError("no connection may be opened")

    monkeypatch.setattr(smtplib, "SMTP", jangan)
    monkeypatch.setattr(smtplib, "SMTP_SSL", jangan)
    # 0.001 MB = 1.048 bytes, below the workbook's size
    err = _gagal(ekspor, _atur(2525, batas_lampiran_mb=Decimal("0.001")))
    assert "Surel tidak dikirim" in str(err) and "melebihi batas" in str(err) and ekspor.name in str(err)
    assert "LAKIPXL_MAX_ATTACHMENT_MB" in str(err)
    # kirim_pesan checks too, for callers that compose the message themselves
    msg = susun_pesan([ekspor], KE, (), None, None, RINGKASAN)
    with pytest.raises(KirimError, match="melebihi batas"):
        kirim_pesan(msg, _atur(2525, batas_lampiran_mb=Decimal("0.001")))


# ---------------------------------------------------------------------------------------------
# Dry run


def test_dry_run_menulis_eml_tanpa_menyambung(ekspor, tmp_path, monkeypatch):
    def jangan(*a, **k):
        raise AssertionError("a dry run connects to nothing")

    monkeypatch.setattr(smtplib, "SMTP", jangan)
    monkeypatch.setattr(smtplib, "SMTP_SSL", jangan)
    sha = _sha(ekspor)
    # no SMTP settings at all: a dry run does not need them
    status = kirim_berkas([ekspor], KE, cc=CC, ringkasan=RINGKASAN, dry_run=True, env=_env(tmp_path))
    eml = ekspor.with_suffix(".eml")
    assert "tidak dikirim" in status and str(eml) in status and _sha(ekspor) == sha
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["To"] == KE and msg["Cc"] == CC
    (lampiran,) = list(msg.iter_attachments())
    assert lampiran.get_content_type() == XLSX and lampiran.get_content() == ekspor.read_bytes()
    assert "Tidak Tercapai: 4" in _isi(msg)
    assert [p.name for p in eml.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_dry_run_dengan_pengaturan_dan_jalur_eml(ekspor, tmp_path):
    with port_tertutup() as port:
        tujuan = tmp_path / "keluar.eml"
        status = kirim_berkas([ekspor], KE, ringkasan=RINGKASAN, dry_run=True, eml_path=tujuan,
                              pengaturan=_atur(port, batas_lampiran_mb=Decimal("0.001")))
    msg = email.message_from_bytes(tujuan.read_bytes(), policy=policy.default)
    assert msg["From"] == PENGIRIM
    assert "Peringatan" in status and "melebihi batas" in status  # says the real send would be refused


def test_dry_run_tidak_menimpa_ekspor(ekspor, tmp_path):
    sha = _sha(ekspor)
    with pytest.raises(KirimError, match="tidak boleh menimpa") as e:
        kirim_berkas([ekspor], KE, ringkasan=RINGKASAN, dry_run=True, eml_path=ekspor, env=_env(tmp_path))
    _tetap_ada(ekspor, sha, e.value)


def test_simpan_eml_langsung(ekspor, tmp_path):
    msg = susun_pesan([ekspor], KE, (), "Uji", None, RINGKASAN)
    p = simpan_eml(msg, tmp_path / "a.eml")
    dibaca = email.message_from_bytes(p.read_bytes(), policy=policy.default)
    assert dibaca["Subject"] == "Uji" and dibaca["Message-ID"]
    assert b"\r\n" in p.read_bytes()


# one --ke/--cc value, expected words; nothing is written before the refusal
SATU_ALAMAT = [
    (["--ke", "kepala@dkum.go.id\r\nBcc: penyusup@luar.id"], "karakter kendali"),
    (["--ke", KE, "--cc", "tembusan@dkum.go.id\nBcc: penyusup@luar.id"], "karakter kendali"),
    (["--ke", f"{KE}, penyusup@luar.id"], "tepat satu alamat"),
    (["--ke", KE, "--cc", "Bcc: penyusup@luar.id"], "':'"),
]


@pytest.mark.parametrize("argumen, kata", SATU_ALAMAT)
def test_cli_satu_alamat_per_pilihan(tmp_path, argumen, kata):
    import shutil

    from click.testing import CliRunner

    from lakip_xl.cli import main

    buku = tmp_path / "buku.xlsx"
    shutil.copyfile(Path(__file__).resolve().parent.parent / "workbooks" / "contoh_depok_2020.xlsx", buku)
    res = CliRunner().invoke(main, ["kirim", str(buku), *argumen, "--dry-run"])
    assert res.exit_code == 1 and kata in res.output and "Traceback" not in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["buku.xlsx"]  # no export, no .eml

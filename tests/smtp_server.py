"""Test helpers: a real SMTP server (aiosmtpd) on 127.0.0.1, a test CA with a server certificate made
at test time (the `cryptography` package), and addresses where nothing listens or nothing answers.

Everything binds to 127.0.0.1 only, on a port the OS picks (port 0), and every helper is a context
manager that stops its server or closes its socket on exit.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
import socket
import ssl
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

LOOPBACK = "127.0.0.1"


class _ControllerPortBebas(Controller):
    """aiosmtpd's Controller, bound to port 0: the real port is read back from the listening
    socket before the controller makes its first (trigger) connection, so no port guessing."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class Penampung:
    """The server's handler: records delivered envelopes and refuses what it is told to."""

    tolak_penerima: dict[str, str] = field(default_factory=dict)  # address -> SMTP reply, e.g. "550 ..."
    tolak_pengirim: str | None = None  # SMTP reply to every MAIL FROM, e.g. "553 ..."
    amplop: list = field(default_factory=list)  # aiosmtpd Envelope objects, one per message accepted
    mekanisme: list[str] = field(default_factory=list)  # AUTH mechanisms used successfully
    _kunci: threading.Lock = field(default_factory=threading.Lock)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.tolak_pengirim:
            return self.tolak_pengirim
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        balas = self.tolak_penerima.get(address.lower())
        if balas:
            return balas
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._kunci:
            self.amplop.append(envelope)
        return "250 Message accepted for delivery"


@dataclass
class ServerUji:
    host: str
    port: int
    penampung: Penampung


def pemeriksa_login(pengguna: str, sandi: str, penampung: Penampung):
    """An aiosmtpd authenticator accepting exactly one user/password (AUTH PLAIN or LOGIN)."""

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == pengguna.encode()
            and auth_data.password == sandi.encode()
        )
        if ok:
            penampung.mekanisme.append(mechanism)
        # handled=False: aiosmtpd itself answers a failure with "535 5.7.8 Authentication
        # credentials invalid" (handled=True would leave the client waiting for a reply).
        return AuthResult(success=ok, handled=ok)

    return authenticator


@contextmanager
def jalankan_server(penampung: Penampung | None = None, **smtp_kwargs) -> Iterator[ServerUji]:
    """Start an aiosmtpd server on 127.0.0.1 (free port), yield it, stop it.

    smtp_kwargs go to aiosmtpd: ssl_context (implicit TLS), tls_context (STARTTLS), authenticator,
    auth_required, auth_require_tls, auth_exclude_mechanism, data_size_limit..."""
    penampung = penampung or Penampung()
    smtp_kwargs.setdefault("server_hostname", "localhost")  # the greeting name; skips getfqdn()
    smtp_kwargs.setdefault("ready_timeout", 10.0)
    kontrol = _ControllerPortBebas(penampung, hostname=LOOPBACK, port=0, **smtp_kwargs)
    kontrol.start()
    try:
        yield ServerUji(LOOPBACK, kontrol.port, penampung)
    finally:
        kontrol.stop()


@contextmanager
def port_tertutup() -> Iterator[int]:
    """A loopback port where nothing listens (connections are refused)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((LOOPBACK, 0))
    port = s.getsockname()[1]
    s.close()  # bound then closed without listen: nothing accepts on it
    yield port


@contextmanager
def server_bisu() -> Iterator[int]:
    """A loopback port that accepts TCP connections (backlog) but never sends a greeting."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((LOOPBACK, 0))
    s.listen(4)
    try:
        yield s.getsockname()[1]
    finally:
        s.close()


@dataclass
class Sertifikat:
    ca_pem: Path  # the test CA, PEM, for clients (ssl_context override or LAKIPXL_SMTP_CAFILE)
    server_ctx: ssl.SSLContext  # for aiosmtpd (ssl_context= or tls_context=)

    def client_ctx(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_pem))


def buat_sertifikat(folder: Path) -> Sertifikat:
    """A throwaway CA and a server certificate for localhost / 127.0.0.1, valid for one day."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = _dt.datetime.now(_dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "lakip-xl test CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(minutes=5))
        .not_valid_after(now + _dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(minutes=5))
        .not_valid_after(now + _dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(LOOPBACK))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    ca_pem = folder / "ca.pem"
    ca_pem.write_bytes(ca_cert.public_bytes(pem))
    cert_pem = folder / "server.pem"
    cert_pem.write_bytes(cert.public_bytes(pem))
    key_pem = folder / "server.key"
    key_pem.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(str(cert_pem), str(key_pem))
    return Sertifikat(ca_pem=ca_pem, server_ctx=server_ctx)

"""The message of `lakip-xl kirim`: a Bahasa Indonesia body summarising the results (indicators per
predikat, sasaran averages, agency, year) with the exported .xlsx (and .pdf) attached.

This module owns `RingkasanSurat` (what the body summarises) and `susun_pesan` (the message), and the
checks made on a message before it is sent or saved: the headers completed, the recipients listed,
the attachments measured against the size limit. Numbers are written the Indonesian way by
lakip_xl.aturan.angka.format_angka.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, make_msgid
from pathlib import Path
from typing import Iterable, Sequence

from lakip_xl.aturan.angka import format_angka
from lakip_xl.aturan.nilai import NA, is_na
from lakip_xl.surel.smtp_pengaturan import ENV, KB, MB, KirimError, alamat_tunggal, daftar_alamat

__all__ = ["RingkasanSurat", "ringkasan_dari_hasil", "susun_pesan"]

MIME = {
    ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".xlsm": ("application", "vnd.ms-excel.sheet.macroEnabled.12"),
    ".pdf": ("application", "pdf"),
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),  # kirim --laporan
}
MIME_LAIN = ("application", "octet-stream")
DOMAIN_ID_BAWAAN = "lakip-xl.invalid"  # Message-ID domain without a sender (RFC 6761 reserves .invalid)

SARAN_UKURAN = (
    f"Bagikan berkas melalui tautan (misalnya Google Drive atau OneDrive), atau naikkan batas dengan "
    f"{ENV['batas_lampiran_mb']} bila server surel instansi mengizinkannya."
)


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


# ---------------------------------------------------------------------------------------------
# Numbers in the body and in messages


def _format_persen(nilai: Decimal) -> str:
    """44.31 -> "44,31%" (two decimals, half up as Excel's ROUND)."""
    return format_angka(nilai, desimal=2, gaya="persen")


def format_ukuran(n: int) -> str:
    """A file size in bytes as people read it: "512 byte", "1,5 KB", "3,0 MB"."""
    if n >= MB:
        return format_angka(Decimal(n) / MB, desimal=1) + " MB"
    if n >= KB:
        return format_angka(Decimal(n) / KB, desimal=1) + " KB"
    return f"{n} byte"


def format_ringkas(x: Decimal) -> str:
    """A setting as the user wrote it, Indonesian decimal mark: 10 -> "10", 2.5 -> "2,5",
    0.001 -> "0,001" (limits and timeouts in messages; never rounded away to "0")."""
    teks = f"{Decimal(x).normalize():f}"
    return teks.replace(".", ",")


# ---------------------------------------------------------------------------------------------
# The body


def _satu_baris(teks: str) -> str:
    # A header must not carry a line break (header injection); staff may paste one from Word.
    return " ".join(teks.split())


def _baris_ringkasan(ringkasan: RingkasanSurat) -> list[str]:
    """The paragraph introducing the report and summarising its results."""
    baris = [
        f"Bersama surel ini kami sampaikan Laporan Kinerja Instansi Pemerintah (LAKIP) "
        f"{ringkasan.instansi} Tahun {ringkasan.tahun}.",
        "",
        "Ringkasan capaian kinerja:",
    ]
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
    return baris


def _baris_lampiran(lampiran: Sequence[Path]) -> list[str]:
    """The list of attached files with their sizes, and what kind of copy they are."""
    baris = ["Lampiran:"]
    baris += [f"- {p.name} ({format_ukuran(p.stat().st_size)})" for p in lampiran]
    baris.append("")
    baris.append(
        "Berkas Excel terlampir adalah salinan berisi nilai saja (tanpa rumus dan makro), "
        "aman dibuka di komputer mana pun."
    )
    return baris


def _isi_surel(ringkasan: RingkasanSurat | None, pesan: str | None, lampiran: Sequence[Path]) -> str:
    baris: list[str] = ["Dengan hormat,", ""]
    if pesan and pesan.strip():
        baris += [pesan.strip(), ""]
    if ringkasan is not None:
        baris += _baris_ringkasan(ringkasan)
    else:
        baris += ["Bersama surel ini kami sampaikan Laporan Kinerja Instansi Pemerintah (LAKIP).", ""]
    baris += _baris_lampiran(lampiran)
    baris += ["", "Terima kasih.", "", "-- ", "Surel ini disusun oleh lakip-xl."]
    return "\n".join(baris) + "\n"


# ---------------------------------------------------------------------------------------------
# The message


def periksa_lampiran(lampiran: Sequence[Path | str]) -> list[Path]:
    """The files to attach, as paths; KirimError when there is none or one is missing."""
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


def _subjek(subjek: str | None, ringkasan: RingkasanSurat | None) -> str:
    if subjek is not None and subjek.strip():
        return subjek
    if ringkasan is not None:
        return f"Laporan Kinerja (LAKIP) {ringkasan.instansi} Tahun {ringkasan.tahun}"
    return "Laporan Kinerja (LAKIP)"


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
    paths = periksa_lampiran(lampiran)
    kepada = daftar_alamat(ke, asal="--ke")
    if not kepada:
        raise KirimError(
            "Alamat penerima belum diisi.",
            saran="Tambahkan --ke alamat@instansi.go.id (boleh lebih dari satu, dipisah koma).",
        )
    tembusan = daftar_alamat(cc, asal="--cc")
    msg = EmailMessage()
    msg["Subject"] = _satu_baris(_subjek(subjek, ringkasan))
    msg["To"] = kepada
    if tembusan:
        msg["Cc"] = tembusan
    msg.set_content(_isi_surel(ringkasan, pesan, paths))
    for p in paths:
        maintype, subtype = MIME.get(p.suffix.lower(), MIME_LAIN)
        msg.add_attachment(p.read_bytes(), maintype=maintype, subtype=subtype, filename=p.name)
    return msg


def lengkapi_header(msg: EmailMessage, pengirim: str | None) -> None:
    """Add From (when a sender is known), Date and Message-ID unless the message has them."""
    if pengirim and "From" not in msg:
        msg["From"] = alamat_tunggal(pengirim, asal=ENV["pengirim"])
    if "Date" not in msg:
        msg["Date"] = formatdate(localtime=True)
    if "Message-ID" not in msg:
        domain = DOMAIN_ID_BAWAAN
        if pengirim and "@" in pengirim:
            domain = pengirim.rsplit("@", 1)[1].strip("> ") or domain
        msg["Message-ID"] = make_msgid(domain=domain)


def daftar_penerima(msg: EmailMessage) -> list[str]:
    """Every address of To, Cc and Bcc, once each, in order."""
    out: list[str] = []
    for h in ("To", "Cc", "Bcc"):
        for _, a in getaddresses(msg.get_all(h, [])):
            if a and a not in out:
                out.append(a)
    return out


def ukuran_lampiran(msg: EmailMessage) -> list[tuple[str, int]]:
    """(file name, size in bytes) of each attachment of `msg`."""
    out = []
    for part in msg.iter_attachments():
        data = part.get_content()
        n = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
        out.append((part.get_filename() or "lampiran", n))
    return out


def cek_batas(ukuran: list[tuple[str, int]], batas_mb: Decimal) -> str | None:
    """None when the attachments fit, else the Indonesian sentence saying they do not."""
    total = sum(n for _, n in ukuran)
    if Decimal(total) <= batas_mb * MB:
        return None
    rinci = "; ".join(f"{nama} {format_ukuran(n)}" for nama, n in ukuran)
    return f"ukuran lampiran {format_ukuran(total)} melebihi batas {format_ringkas(batas_mb)} MB (rincian: {rinci})."

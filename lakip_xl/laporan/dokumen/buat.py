"""`lakip-xl laporan BUKU`: the LKjIP document (.docx, optionally .pdf) written from a workbook.

`buat_laporan(buku, keluar=None, *, templat=None, pdf=False)` reads the workbook's data sheets (the
workbook is only read), computes the report (lakip_xl.laporan.hitung), composes the content
(naskah), writes it on the template (penulis) and saves it atomically beside the workbook as
BUKU_LKjIP.docx. A document already there (staff may have edited it) is kept as a rotating backup,
like a synced workbook; one open in Word is refused.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lakip_xl.berkas import safety
from lakip_xl.errors import BerkasError, LakipError

if TYPE_CHECKING:
    from lakip_xl.laporan.dokumen.naskah import Naskah

CADANGAN = 3


@dataclass
class HasilDokumen:
    buku: Path
    keluar: Path
    naskah: Naskah
    cadangan: Path | None = None
    pdf: Path | None = None
    galat_pdf: LakipError | None = None
    peringatan: list[str] = field(default_factory=list)

    @property
    def ditulis(self) -> list[Path]:
        return [self.keluar] + ([self.pdf] if self.pdf else [])

    def ringkasan(self) -> str:
        """The lines the CLI prints (Bahasa Indonesia)."""
        n = self.naskah
        lines = [f"Dokumen LKjIP ditulis: {self.keluar}"]
        if n.penanda:
            lines.append(f"Bagian yang perlu dilengkapi penyusun: {len(n.penanda)} penanda '[isi oleh penyusun: ...]' "
                         "(isi sheet Analisis lalu buat ulang, atau lengkapi langsung di Word).")
        if self.cadangan:
            lines.append(f"Dokumen sebelumnya disimpan sebagai cadangan: {self.cadangan.name}")
        if self.pdf:
            lines.append(f"PDF ditulis: {self.pdf}")
        lines.append(f"Buku kerja tidak diubah: {self.buku}")
        lines.extend(f"Peringatan: {p}" for p in self.peringatan)
        return "\n".join(lines)


def _keluaran(asal: Path, keluar: str | os.PathLike | None) -> Path:
    out = Path(keluar) if keluar is not None else asal.with_name(asal.stem + "_LKjIP.docx")
    if out.suffix.lower() != ".docx":
        raise BerkasError(f"Nama berkas dokumen harus berakhiran .docx, bukan '{out.name}'.",
                          saran="Gunakan misalnya LKjIP_2020.docx.", berkas=asal.name)
    if out.is_dir():
        raise BerkasError(f"'{out}' adalah folder.", saran="Tulis nama berkas .docx lengkap.", berkas=asal.name)
    for owner in safety.owner_files(out):
        if owner.exists():
            raise BerkasError(
                f"Dokumen '{out.name}' sedang dibuka di Word atau LibreOffice (ada berkas penanda '{owner.name}').",
                saran=f"Tutup dokumen itu lalu ulangi, atau pilih nama lain dengan --keluar. Jika aplikasinya sudah "
                      f"tertutup, hapus berkas '{owner.name}'.", berkas=out.name)
    return out


def _tulis(path: Path, data: bytes, backups: int) -> Path | None:
    try:
        cadangan, _ = safety.tulis_atomik(path, data, backups=backups)
    except OSError as exc:
        raise BerkasError(f"Folder '{path.parent}' tidak dapat ditulisi ({exc.strerror or exc}).",
                          saran="Pilih folder lain dengan --keluar.", berkas=path.name) from None
    return cadangan


def buat_laporan(buku: str | os.PathLike, keluar: str | os.PathLike | None = None, *,
                 templat: str | os.PathLike | None = None, pdf: bool = False, grafik: bool = True) -> HasilDokumen:
    """Write the LKjIP document of the workbook `buku` (see the module docstring)."""
    asal = safety.periksa_ada(buku)
    out = _keluaran(asal, keluar)
    from lakip_xl.laporan.dokumen.naskah import susun
    from lakip_xl.laporan.dokumen.penulis import tulis_docx
    from lakip_xl.laporan.hitung import hitung, tanpa_gc
    from lakip_xl.sumber.peta import baca_buku

    with tanpa_gc():
        data = baca_buku(asal)  # as the sync reads it: template sheets, or through Peta LAKIP
        naskah = susun(hitung(data), grafik=grafik)
        isi = tulis_docx(naskah, templat)
    hasil = HasilDokumen(buku=asal, keluar=out, naskah=naskah)
    hasil.peringatan.extend(m.teks() for m in data.peringatan)
    hasil.cadangan = _tulis(out, isi, CADANGAN)
    if pdf:
        try:
            hasil.pdf = _pdf(out)
        except LakipError as exc:
            hasil.galat_pdf = exc
            hasil.peringatan.append(exc.masalah.teks())
    return hasil


def _pdf(docx: Path) -> Path:
    from lakip_xl.berkas import libreoffice

    tujuan = docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="lakipxl-pdf-") as tmp:
        hasil = libreoffice.pdf(docx, Path(tmp))
        _tulis(tujuan, hasil.read_bytes(), 0)
    return tujuan

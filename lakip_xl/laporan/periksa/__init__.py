"""The audit: `periksa` checks the figures a lakip_xl workbook states (tercetak, konteks; daftar.DAFTAR -> indikator,
capaian, sasaran, anggaran, struktur), `renja*` the Permendagri 86/2017 Evaluasi Renja form; temuan, lembar: results.
May import errors, aturan, berkas, xlsx, sumber, laporan.hitung and laporan.lembar; nothing above laporan."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from lakip_xl.aturan.angka import pangkat_kata
from lakip_xl.laporan.hitung import HasilLaporan, hitung
from lakip_xl.laporan.lembar import SHEET_PEMERIKSAAN
from lakip_xl.laporan.periksa.daftar import jalankan
from lakip_xl.laporan.periksa.konteks import FORM, Audit
from lakip_xl.laporan.periksa.lembar import lembar_pemeriksaan
from lakip_xl.laporan.periksa.temuan import TINGKAT, Hasil, Temuan
from lakip_xl.laporan.periksa.tercetak import BEDA, PEMBULATAN, SAMA, Cetak, banding, cetak, pangkat_satuan, penuh
from lakip_xl.sumber.model import (
    SHEET_ANGGARAN,
    SHEET_BELANJA,
    SHEET_DILAPORKAN,
    SHEET_INDIKATOR,
    SHEET_PENGATURAN,
    SHEET_PROGRAM,
    SHEET_REALISASI,
    DataLakip,
    kunci,
)
from lakip_xl.xlsx.sheetspec import parse_ref

_URUT_SHEET = {SHEET_DILAPORKAN: 0, SHEET_REALISASI: 1, SHEET_INDIKATOR: 2, SHEET_ANGGARAN: 3, SHEET_PROGRAM: 4,
               SHEET_BELANJA: 5, SHEET_PENGATURAN: 6}


def _kunci_urut(t: Temuan) -> tuple:
    pertama = re.split(r"[:,\s]", t.sel.strip())[0] if t.sel else ""
    try:
        r, c = parse_ref(pertama) if pertama else (0, 0)
    except ValueError:
        r, c = 0, 0
    return TINGKAT.index(t.tingkat), _URUT_SHEET.get(t.sheet, 9), r, c


def periksa(data: DataLakip, hasil: HasilLaporan | None = None) -> Hasil:
    """Audit a workbook's data: every Dilaporkan figure against what the data give, and the data sheets'
    own consistency. Pure; `hasil` is computed with `lakip_xl.laporan.hitung.hitung` when not given.

    Findings are sorted by severity (galat, peringatan, info), then sheet and cell."""
    if hasil is None:
        hasil = hitung(data)
    au = Audit(data, hasil)
    jalankan(au)
    temuan = sorted((c.temuan for c in au.catat), key=_kunci_urut)
    return Hasil(form=FORM, temuan=temuan, tidak_dipahami=au.tidak, berkas=data.berkas,
                 peringatan=list(data.peringatan))


def periksa_berkas(path: str | os.PathLike) -> Hasil:
    """Audit a workbook file; never modifies it. A lakip_xl workbook (sheets Indikator and Realisasi)
    is read with `lakip_xl.sumber.baca` (InputError listing its data problems); any other workbook goes to
    `lakip_xl.laporan.periksa.renja` (the Permendagri 86/2017 "Evaluasi Renja" form). BerkasError when the file
    cannot be read."""
    from lakip_xl.berkas.safety import periksa_zip
    from lakip_xl.errors import BerkasError
    from lakip_xl.laporan.periksa.renja import periksa_renja
    from lakip_xl.sumber.baca import SumberCalamine, baca_data

    p = Path(path)
    # anything that is not a readable zip package goes to periksa_renja, whose BerkasError messages
    # name the cause (missing, folder, .xls, encrypted, corrupted)
    if not p.is_file() or not zipfile.is_zipfile(p):
        return periksa_renja(p)
    try:
        with zipfile.ZipFile(p) as zf:
            periksa_zip(zf, berkas=p.name)  # zip bomb guard before any decompression
        sumber = SumberCalamine(p)
    except (zipfile.BadZipFile, BerkasError):
        return periksa_renja(p)
    nama = {kunci(n) for n in sumber.sheet_names()}
    if kunci(SHEET_INDIKATOR) not in nama or kunci(SHEET_REALISASI) not in nama:
        return periksa_renja(p)
    data = baca_data(sumber)  # InputError listing every problem of the data sheets
    hasil = periksa(data)
    hasil.berkas = p.name
    return hasil


__all__ = ["BEDA", "FORM", "PEMBULATAN", "SAMA", "SHEET_PEMERIKSAAN", "Cetak", "banding", "cetak",
           "lembar_pemeriksaan", "pangkat_kata", "pangkat_satuan", "penuh", "periksa", "periksa_berkas"]

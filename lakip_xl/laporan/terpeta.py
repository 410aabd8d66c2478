"""The report of a workbook read through its Peta LAKIP sheet: the summary sheets under their mapped
names, the audit with its findings placed on the agency's own sheets, and the figures the opt-in
write-back puts into the agency's cells. Shared by the file sync (lakip_xl.sync) and the workbook
button (lakip_xl.excel.langsung), so that both give one answer."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from functools import partial

from lakip_xl.laporan.lembar import NAMA_PETA, SHEET_PEMERIKSAAN

FORM_PETA = "Buku kerja instansi (dibaca lewat sheet Peta LAKIP)"
FORM_PETA_SEMENTARA = "Buku kerja instansi (dibaca lewat peta sementara, belum dikoreksi)"


def periksa_peta(bacaan, hasil=None):
    """The audit (lakip_xl.laporan.periksa) of a workbook read through its Peta LAKIP sheet, its findings
    placed on the agency's sheets: the audit names the template's sheets (Dilaporkan, Realisasi, ...),
    whose cells here lie on the agency's own sheets (`bacaan.alamat`)."""
    from lakip_xl.laporan.periksa import periksa

    h = periksa(bacaan.data, hasil)
    h.temuan = [_tempatkan(t, bacaan.alamat) for t in h.temuan]
    h.tidak_dipahami = [_tempatkan_teks(x, bacaan.alamat) for x in h.tidak_dipahami]
    h.form = FORM_PETA
    return h


def rencana_terpeta(hasil, bacaan) -> list:
    """The summary sheets (LazySheetSpecs) of a mapped workbook: the generated names of NAMA_PETA, and a
    Pemeriksaan sheet whose findings name the agency's sheets."""
    from lakip_xl.laporan.ringkasan import rencana_dari_hasil
    from lakip_xl.xlsx.sheetspec import LazySheetSpec

    nama = NAMA_PETA[SHEET_PEMERIKSAAN]
    return [LazySheetSpec(nama, partial(_lembar_pemeriksaan, bacaan, hasil, nama)) if x.name == nama else x
            for x in rencana_dari_hasil(hasil, NAMA_PETA)]


def nilai_isi_balik(bacaan, hasil) -> tuple[dict[str, dict[tuple[int, int], object]], list[tuple[str, str]]]:
    """The opt-in write-back's values: for each cell of a column marked "Diisi lakip_xl" in the Peta
    LAKIP sheet, the figure the summary sheets show for that indicator and year (capaian as the number
    shown, e.g. 44.83; predikat and Ket as their text; n/a as the text "n/a"). Values, never formulas.
    Returns (sheet -> {(row, col): value} with 1-based row and column, cells skipped with the reason)."""
    from lakip_xl.xlsx.charts import quote_sheet
    from lakip_xl.xlsx.sheetspec import cell_ref

    per_kode = {hi.indikator.kode: hi for hi in hasil.indikator}
    isi: dict[str, dict[tuple[int, int], object]] = {}
    dilewati = []
    for x in bacaan.isi_balik:
        n = per_kode[x.kode].per_tahun.get(x.tahun) if x.kode in per_kode else None
        if n is None:
            dilewati.append((f"{quote_sheet(x.sheet)}!{cell_ref(x.baris, x.kolom)}",
                             f"tidak ada target/realisasi tahun {x.tahun} untuk indikator ini"))
            continue
        if x.peran == "capaian":
            v = n.capaian if isinstance(n.capaian, Decimal) else "n/a"
        elif x.peran == "predikat":
            v = n.predikat.label
        else:
            v = n.ket
        isi.setdefault(x.sheet, {})[(x.baris, x.kolom)] = v
    return isi, dilewati


def lepas_dari_audit(hasil, diisi: set[tuple[str, str]]) -> None:
    """The stated figures of the cells lakip_xl fills leave the audit (they will be lakip_xl's own):
    `diisi` holds (sheet, A1 address) of each filled cell."""
    data = hasil.data
    data.dilaporkan[:] = [d for d in data.dilaporkan if (d.lokasi.sheet, d.nilai.sel) not in diisi]


_SEL = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")


def _tempatkan(t, alamat: dict[tuple[str, str], str]):
    pertama = _SEL.search(t.sel or "")
    if pertama is None:
        return t
    sheet = alamat.get((t.sheet, pertama.group(1) + pertama.group(2)))
    return replace(t, sheet=sheet) if sheet else t


_KALIMAT_SEL = re.compile(r"Sheet '([^']+)' sel ([A-Z]{1,3}\d+)")


def _tempatkan_teks(teks: str, alamat: dict[tuple[str, str], str]) -> str:
    def ganti(mt: re.Match) -> str:
        sheet = alamat.get((mt.group(1), mt.group(2)))
        return f"Sheet '{sheet}' sel {mt.group(2)}" if sheet else mt.group(0)

    return _KALIMAT_SEL.sub(ganti, teks)


def _lembar_pemeriksaan(bacaan, hasil, nama: str):
    from lakip_xl.laporan.periksa import lembar_pemeriksaan

    sh = lembar_pemeriksaan(periksa_peta(bacaan, hasil), hasil.tahun)
    sh.name = nama
    return sh


__all__ = ["FORM_PETA", "FORM_PETA_SEMENTARA", "periksa_peta", "rencana_terpeta", "nilai_isi_balik",
           "lepas_dari_audit"]

"""The names of the sheets lakip_xl generates, in one place: the builder (ringkasan), the audit
(periksa) and the export (ekspor) all read them from here."""

SHEET_PENGUKURAN = "Pengukuran Kinerja"
SHEET_SASARAN = "Capaian Sasaran"
SHEET_TAHUNAN = "Perbandingan Tahunan"
SHEET_RENSTRA = "Capaian Renstra"
SHEET_EFISIENSI = "Efisiensi Anggaran"
SHEET_ANGGARAN = "Realisasi Anggaran"
SHEET_IKHTISAR = "Ikhtisar"
SHEET_TRIWULAN = "Capaian Triwulan"
SHEET_PEMERIKSAAN = "Pemeriksaan"  # the audit's findings (lakip_xl.laporan.periksa)
# The report's tables (what `ekspor --pdf` prints); the sync also writes the Pemeriksaan sheet.
SHEET_RINGKASAN = (SHEET_IKHTISAR, SHEET_PENGUKURAN, SHEET_SASARAN, SHEET_TAHUNAN, SHEET_RENSTRA,
                   SHEET_EFISIENSI, SHEET_ANGGARAN, SHEET_TRIWULAN)

# A workbook mapped with `lakip-xl peta` is the agency's own: its sheets may carry any of the names above
# (a dinas's own "Pengukuran Kinerja" table). Every sheet lakip_xl generates there carries this prefix,
# so a generated sheet never takes the name of one of the agency's sheets; the template's workbooks keep
# the plain names. (lakip_xl.sumber.peta never reads the sheets lakip_xl owns as the agency's tables.)
AWALAN_PETA = "LAKIP "
SHEET_SEMUA = SHEET_RINGKASAN + (SHEET_PEMERIKSAAN,)


def nama_lembar(awalan: str = "") -> dict[str, str]:
    """Each generated sheet's plain name -> its name in a workbook whose generated sheets carry `awalan`."""
    return {n: f"{awalan}{n}" for n in SHEET_SEMUA}


NAMA_PETA = nama_lembar(AWALAN_PETA)  # the generated sheets of a mapped workbook
SHEET_RINGKASAN_PETA = tuple(NAMA_PETA[n] for n in SHEET_RINGKASAN)


def judul_efisiensi(metode: str) -> str:
    """The efisiensi column's header, in the unit of the workbook's Metode Efisiensi."""
    return "Efisiensi (rasio)" if metode == "rasio" else "Efisiensi (poin)"

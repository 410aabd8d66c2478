"""The names of the sheets lakip_xl generates, in one place: the builder (ringkasan), the audit
(periksa) and the export (ekspor) all read them from here."""

SHEET_PENGUKURAN = "Pengukuran Kinerja"
SHEET_SASARAN = "Capaian Sasaran"
SHEET_TAHUNAN = "Perbandingan Tahunan"
SHEET_RENSTRA = "Capaian Renstra"
SHEET_EFISIENSI = "Efisiensi Anggaran"
SHEET_ANGGARAN = "Realisasi Anggaran"
SHEET_IKHTISAR = "Ikhtisar"
SHEET_PEMERIKSAAN = "Pemeriksaan"  # the audit's findings (lakip_xl.laporan.periksa)
# The report's tables (what `ekspor --pdf` prints); the sync also writes the Pemeriksaan sheet.
SHEET_RINGKASAN = (SHEET_IKHTISAR, SHEET_PENGUKURAN, SHEET_SASARAN, SHEET_TAHUNAN, SHEET_RENSTRA,
                   SHEET_EFISIENSI, SHEET_ANGGARAN)

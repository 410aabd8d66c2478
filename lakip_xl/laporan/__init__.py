"""Report: figures computed from the model (hitung), the summary sheets (ringkasan), the audit (periksa).

Builds descriptions of what to write (SheetSpec, findings), never writes a file itself.
May import: sumber, xlsx.sheetspec, berkas, aturan, errors; never excel, surel or the CLI.
"""

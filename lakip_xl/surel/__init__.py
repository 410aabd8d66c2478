"""Mail: the values-only copy safe to e-mail (ekspor) and sending it over SMTP (kirim).

May import: excel (formula evaluation), laporan, sumber, xlsx, berkas, aturan, errors.
"""

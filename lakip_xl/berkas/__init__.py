"""Files: writing a user's file safely (atomic replace, backups, locks, zip guards) and LibreOffice.

Knows nothing of LAKIP: any workbook or document passes through here on its way to disk.
May import: the standard library and lakip_xl.errors.
"""

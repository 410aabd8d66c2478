"""Excel edge: the worksheet functions (udf), formula evaluation (rumus), the VBA project (vba), the
live sync of an open workbook (langsung), installation (pasang) and the bundled workbooks (buku).

May import: laporan, sumber, xlsx, berkas, aturan, errors; xlwings only inside functions.
"""

"""Sources: a workbook's cells turned into the model (DataLakip) the reports are computed from.

The model itself (model.py) and its readers: the template's data sheets (baca.py), later others.
May import: aturan, berkas, xlsx (sheet addresses), errors; never laporan, excel, surel or the CLI.
"""

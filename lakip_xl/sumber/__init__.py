"""Sources: a workbook's cells turned into the model (DataLakip) the reports are computed from.

    model.py     the model (DataLakip, Isian...) and the template's drop-down values
    calamine.py  a workbook file as a source of cells (SumberCalamine, python-calamine)
    sel.py       reading cells, for every reader: SumberData, cari_tabel / Tabel, Pembaca (cell values
                 parsed and checked, problems collected), cocokkan
    baca.py      the reader of the template's data sheets (baca_data, baca_workbook)
    peta/        the reader of an agency's own tables, through a mapping (Peta LAKIP)

May import: aturan, berkas, xlsx (sheet addresses), errors; never laporan, excel, surel or the CLI.
"""

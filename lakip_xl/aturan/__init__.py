"""Rules: the SAKIP/LAKIP arithmetic (numbers, capaian, predikat, kumulatif, sasaran, anggaran).

Pure functions on Decimal, each rule citing its source; no files, no Excel, no I/O.
May import: the standard library and lakip_xl.errors; numpy/pandas only in vektor, lazily.
"""

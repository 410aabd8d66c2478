"""Rules: the SAKIP/LAKIP arithmetic (numbers, capaian, predikat, kumulatif, sasaran, anggaran), and
the matching key of typed words every layer uses (teks.norm).

Pure functions on Decimal, each rule citing its source (docs/aturan.md); no files, no Excel, no I/O.
May import: the standard library and lakip_xl.errors; numpy/pandas only in vektor, lazily.
"""

"""The LKjIP document (Ikhtisar Eksekutif and BAB III) written from the workbook as a .docx.

    naskah   the content: blocks and the figures they state, from HasilLaporan (pure)
    kalimat  the sentence patterns of lakip_xl/data/kalimat.toml
    grafik   the two charts as native Word charts (DrawingML, data embedded)
    penulis  the .docx writer (python-docx) on a template
    templat  the bundled template's builder
    buat     read, compute, compose, write: `buat_laporan` (the CLI's `lakip-xl laporan`)

docs/dev/dokumen.md describes the design.
"""

"""The "Pemeriksaan" sheet the sync writes: the findings of an audit (either form), coloured by severity,
and what was not checked. Pure: returns a SheetSpec."""

from __future__ import annotations

from lakip_xl.laporan.lembar import SHEET_PEMERIKSAAN
from lakip_xl.laporan.periksa.konteks import FORM
from lakip_xl.laporan.periksa.temuan import GALAT, INFO, PERINGATAN, TINGKAT, Hasil
from lakip_xl.xlsx.sheetspec import SheetSpec, Style, cell_ref

_WARNA = {  # fill, font: Excel's "Bad" / "Neutral" / a light blue
    GALAT: ("FFC7CE", "9C0006"),
    PERINGATAN: ("FFEB9C", "9C5700"),
    INFO: ("DDEBF7", "1F4E79"),
}
_LABEL_TINGKAT = {GALAT: "Galat", PERINGATAN: "Peringatan", INFO: "Info"}
_JUDUL = Style(bold=True, size=14)
_SUB = Style(italic=True, size=10)
_RINGKAS = Style(bold=True)
_HEADER = Style(bold=True, fill="D9E1F2", halign="center", valign="center", wrap=True, border=True)
_KOLOM = ["No", "Tingkat", "Kategori", "Sheet", "Sel", "Uraian", "Dinyatakan", "Seharusnya", "Selisih", "Saran"]
_LEBAR = {1: 5, 2: 11, 3: 17, 4: 11, 5: 10, 6: 70, 7: 16, 8: 16, 9: 11, 10: 40}


def lembar_pemeriksaan(hasil: Hasil, judul_tahun: int | None = None) -> SheetSpec:
    """The "Pemeriksaan" sheet: a title, a summary count, one row per finding (No | Tingkat | Kategori |
    Sheet | Sel | Uraian | Dinyatakan | Seharusnya | Selisih | Saran) coloured by severity, then what
    was not checked. Pure; written by the sync like the summary sheets."""
    n = len(_KOLOM)
    warna_tab = _WARNA[GALAT][1] if hasil.ada_galat else ("00B050" if not hasil.temuan else _WARNA[PERINGATAN][1])
    sh = SheetSpec(SHEET_PEMERIKSAAN, col_widths=dict(_LEBAR), tab_color=warna_tab)
    judul = "PEMERIKSAAN ANGKA LAPORAN KINERJA" + (f" TAHUN {judul_tahun}" if judul_tahun else "")
    sh.set(1, 1, judul, style=_JUDUL)
    sh.merges.append(f"A1:{cell_ref(1, n)}")
    sub = "Angka di sheet Dilaporkan (sebagaimana tercetak di laporan) dibandingkan dengan data kerja"
    if hasil.form and hasil.form != FORM:
        sub = f"Formulir: {hasil.form}"
    # no file name here: the sheet lives inside the file, and a renamed copy must sync to the same bytes
    sh.set(2, 1, sub + ".", style=_SUB)
    sh.merges.append(f"A2:{cell_ref(2, n)}")
    g, p, i = (hasil.jumlah(t) for t in TINGKAT)
    sh.set(3, 1, f"Ringkasan: {g} galat, {p} peringatan, {i} info.", style=_RINGKAS)
    sh.merges.append(f"A3:{cell_ref(3, n)}")
    sh.set(4, 1, "Galat: angka tidak mengikuti data atau aturan. Peringatan: temuan kecil (pembulatan, deret "
                 "kumulatif menurun, tahun judul). Info: pilihan kebijakan yang perlu dinyatakan.", style=_SUB)
    sh.merges.append(f"A4:{cell_ref(4, n)}")
    r = 6
    if not hasil.temuan:
        teks = ("Tidak ada temuan: semua angka yang diperiksa sesuai dengan data kerja." if hasil.dikenali
                else "Buku kerja tidak dikenali; tidak ada angka yang diperiksa.")
        sh.set(r, 1, teks, style=Style(bold=True, font_color="006100", fill="C6EFCE"))
        sh.merges.append(f"A{r}:{cell_ref(r, n)}")
        r += 2
    else:
        for c, label in enumerate(_KOLOM, start=1):
            sh.set(r, c, label, style=_HEADER)
        sh.freeze = f"A{r + 1}"
        sh.print_title_rows = (r, r)
        for no, t in enumerate(hasil.temuan, start=1):
            r += 1
            fill, font = _WARNA[t.tingkat]
            biasa = Style(valign="top", wrap=True, border=True, fill=fill)
            kanan = Style(valign="top", halign="right", wrap=True, border=True, fill=fill)
            nilai = [no, _LABEL_TINGKAT[t.tingkat], t.kategori, t.sheet, t.sel, t.uraian, t.dinyatakan,
                     t.seharusnya, t.selisih, t.saran]
            for c, v in enumerate(nilai, start=1):
                if c == 2:
                    st = Style(bold=True, valign="top", halign="center", border=True, fill=fill, font_color=font)
                elif c in (1, 7, 8, 9):
                    st = kanan
                else:
                    st = biasa
                sh.set(r, c, v, style=st)
        r += 2
    if hasil.tidak_dipahami:
        sh.set(r, 1, f"Tidak diperiksa ({len(hasil.tidak_dipahami)}):", style=_RINGKAS)
        r += 1
        for s in hasil.tidak_dipahami:
            sh.set(r, 2, s, style=Style(wrap=False, size=9))
            r += 1
        r += 1
    sh.set(r, 1, "Sheet ini dibuat ulang oleh lakip_xl setiap sinkronisasi; jangan diketik manual. "
                 "Perbaiki angka di laporan atau di sheet data, lalu sinkronkan lagi.", style=_SUB)
    _tinggi_baris(sh)
    return sh


def _tinggi_baris(sh: SheetSpec, pt_per_baris: float = 13.0) -> None:
    """Row heights for wrapped text (the file stores no auto-fit): the lines each wrapped cell needs
    from its column width, as lakip_xl.laporan.ringkasan estimates them."""
    for (r, c), cell in sh.cells.items():
        if not isinstance(cell.value, str) or not cell.style or not cell.style.wrap:
            continue
        lebar = max(sh.col_widths.get(c, 9.0), 1.0)
        n = max(1, -(-int(len(cell.value) * 1.1) // int(lebar)))
        if n > 1:
            sh.row_heights[r] = max(sh.row_heights.get(r, 0), n * pt_per_baris)

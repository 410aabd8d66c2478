"""The sync: regenerate the summary sheets of a LAKIP workbook from its data.

Two entry points, one builder (lakip_xl.laporan.ringkasan):
- `sinkron(path)`: the file sync used by `lakip-xl sync`, on any machine, without Excel. It reads the
  data with python-calamine, and writes by editing the package (lakip_xl.xlsx.update_workbook):
  everything lakip_xl does not own stays byte-identical.
- `main()`: the live sync behind the workbook's "Perbarui Ringkasan" button (RunPython), which reads
  and writes the open workbook through xlwings (lakip_xl.excel.langsung).

Two sources of the data (lakip_xl.sumber): the template's data sheets, or, in a workbook that has a
"Peta LAKIP" sheet (`lakip-xl peta`), the agency's own tables read through it. A mapped workbook's
generated sheets carry the prefix of lakip_xl.laporan.lembar.AWALAN_PETA ("LAKIP Pengukuran Kinerja"),
so the agency's own sheets, whatever their names, are never touched; its Pemeriksaan sheet names the
agency's sheets and cells. An .xls cannot be written: `keluar` names a new .xlsx that receives the
Peta LAKIP sheet and the summary sheets, and reads the .xls on every later sync.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from lakip_xl.errors import BerkasError, InputError, Masalah
from lakip_xl.laporan.hitung import tanpa_gc
from lakip_xl.laporan.terpeta import FORM_PETA_SEMENTARA, periksa_peta  # periksa_peta: also lakip_xl.sync's


@dataclass
class HasilSinkron:
    path: Path
    perubahan: object  # lakip_xl.xlsx.Perubahan
    hasil: object  # lakip_xl.laporan.hitung.HasilLaporan
    peringatan: list[Masalah] = field(default_factory=list)
    terpeta: bool = False  # read through a Peta LAKIP sheet


def sinkron(path: str | Path, *, dry_run: bool = False, backups: int = 3,
            keluar: str | Path | None = None) -> HasilSinkron:
    """Read the data, compute, and write the summary sheets into `path` (atomically, with a backup).
    With dry_run, compute everything and report what would change, writing nothing.

    `keluar`: for an .xls (which cannot be written), the .xlsx that holds (or is created with) the Peta
    LAKIP sheet and the summary sheets; refused for other files."""
    from lakip_xl.xlsx import check_workbook

    path = Path(path)
    if _xls(path):
        if keluar is None:
            raise BerkasError(
                f"Berkas '{path.name}' berformat Excel 97-2003 (.xls) dan tidak dapat diubah oleh lakip_xl.",
                saran=f"Tulis ringkasannya ke buku kerja baru: lakip-xl sync {path.name} --keluar "
                      f"{path.stem}_lakip.xlsx (berisi sheet Peta LAKIP dan sheet ringkasan; data tetap dibaca dari "
                      f"{path.name}). Atau simpan berkas sebagai .xlsx di Excel.", berkas=path.name)
        return _sinkron_keluar(path, Path(keluar), dry_run=dry_run, backups=backups)
    if keluar is not None:
        raise BerkasError("Pilihan --keluar hanya untuk berkas .xls (Excel 97-2003).",
                          saran=f"Jalankan lakip-xl sync {path.name} tanpa --keluar; ringkasan ditulis ke dalamnya.",
                          berkas=path.name)
    check_workbook(path)  # refuse locked, encrypted, oversized... files before reading anything
    with tanpa_gc():
        return _tulis(path, _baca(path), dry_run=dry_run, backups=backups)


def _xls(path: Path) -> bool:
    """An Excel 97-2003 workbook (.xls, a Compound File), which lakip_xl reads but cannot write."""
    from lakip_xl.berkas.safety import OLE_MAGIC

    if path.suffix.lower() != ".xls":
        return False
    try:
        with open(path, "rb") as f:
            return f.read(len(OLE_MAGIC)) == OLE_MAGIC
    except OSError:
        return False


def _baca(path: Path, *, peta_dari: Path | None = None):
    """(DataLakip, BacaanPeta or None) of a workbook: through its Peta LAKIP sheet when it has one."""
    from lakip_xl.sumber.peta import bacaan_buku

    return bacaan_buku(path, peta_dari=peta_dari)


def _rencana(data, bacaan):
    """(HasilLaporan, the summary sheets to write) for the data of either source."""
    from lakip_xl.laporan.hitung import hitung
    from lakip_xl.laporan.ringkasan import rencana_dari_hasil
    from lakip_xl.laporan.terpeta import rencana_terpeta

    hasil = hitung(data)
    if bacaan is None:
        return hasil, rencana_dari_hasil(hasil)
    return hasil, rencana_terpeta(hasil, bacaan)


def _tulis(path: Path, dibaca, *, dry_run: bool, backups: int) -> HasilSinkron:
    from lakip_xl.xlsx import update_workbook

    data, bacaan = dibaca
    hasil, rencana = _rencana(data, bacaan)
    if bacaan is not None:
        _cek_nama(path, [x.name for x in rencana])
    isi_sel, dilewati = _isi_balik(path, bacaan, hasil) if bacaan is not None else ({}, [])
    # each summary sheet is built, written and dropped in turn (lakip_xl.xlsx.sheetspec.LazySheetSpec)
    perubahan = update_workbook(path, rencana, dry_run=dry_run, backups=backups, isi_sel=isi_sel)
    perubahan.sel_dilewati[:0] = dilewati
    return HasilSinkron(path=path, perubahan=perubahan, hasil=hasil, peringatan=list(data.peringatan),
                        terpeta=bacaan is not None)


def _isi_balik(path: Path, bacaan, hasil) -> tuple[dict[str, dict[tuple[int, int], object]], list[tuple[str, str]]]:
    """The opt-in write-back (lakip_xl.laporan.terpeta.nilai_isi_balik): a cell holding the agency's own
    formula is left to it (lakip_xl.xlsx.sel_ubah) and still audited, while the stated figures of the
    cells that are filled leave the audit (they will be lakip_xl's own).
    Returns (sheet -> {(row, col): value}, cells skipped with the reason)."""
    from lakip_xl.laporan.terpeta import lepas_dari_audit, nilai_isi_balik

    isi, dilewati = nilai_isi_balik(bacaan, hasil)
    if isi:
        from lakip_xl.xlsx.sel_ubah import tak_terisi
        from lakip_xl.xlsx.sheetspec import cell_ref
        from lakip_xl.xlsx.workbook import bagian_sheet

        xml = bagian_sheet(path, list(isi))
        lepas_dari_audit(hasil, {(sheet, cell_ref(r, c)) for sheet, sel in isi.items()
                                 for r, c in set(sel) - tak_terisi(xml.get(sheet, b""), set(sel))})
    return isi, dilewati


def _cek_nama(path: Path, nama: list[str]) -> None:
    """A generated name already taken by a sheet lakip_xl does not own: refuse, saying why."""
    from lakip_xl.sumber.baca import SumberCalamine
    from lakip_xl.xlsx import owned_sheets

    milik = {n.casefold() for n in owned_sheets(path)}
    ada = {n.casefold(): n for n in SumberCalamine(path).sheet_names()}
    bentrok = [ada[n.casefold()] for n in nama if n.casefold() in ada and n.casefold() not in milik]
    if bentrok:
        raise BerkasError(
            f"Sheet {', '.join(repr(n) for n in bentrok)} sudah ada dan bukan buatan lakip_xl; lakip_xl menulis sheet "
            "ringkasan buku kerja yang dipetakan dengan nama itu.",
            saran="Ganti nama sheet Anda tersebut (klik kanan tab sheet > Rename), lalu jalankan sync lagi. Sheet "
                  "Anda yang lain tidak pernah diubah.", berkas=path.name, sheet=bentrok[0])


def _sinkron_keluar(asal: Path, keluar: Path, *, dry_run: bool, backups: int) -> HasilSinkron:
    """An .xls: the summary sheets go into the .xlsx `keluar`, which holds the Peta LAKIP sheet. Made
    from the detected mapping when it does not exist yet (its sheet names the .xls as Berkas Data)."""
    from lakip_xl.sumber.baca import SumberCalamine
    from lakip_xl.sumber.peta import ada_peta, baca_terpeta, lembar_peta, petakan
    from lakip_xl.xlsx import check_workbook, update_workbook

    if keluar.suffix.lower() not in (".xlsx", ".xlsm"):
        raise BerkasError(f"Berkas keluaran '{keluar.name}' harus berakhiran .xlsx.",
                          saran=f"Misalnya --keluar {asal.stem}_lakip.xlsx.", berkas=keluar.name)
    if keluar.exists():
        check_workbook(keluar)
        if ada_peta(SumberCalamine(keluar).sheet_names()) is None:
            raise BerkasError(f"Berkas '{keluar.name}' sudah ada dan tidak berisi sheet Peta LAKIP; tidak ditimpa.",
                              saran="Pilih nama berkas keluaran lain.", berkas=keluar.name)
        with tanpa_gc():
            return _tulis(keluar, _baca(asal, peta_dari=keluar), dry_run=dry_run, backups=backups)
    hp = petakan(asal)
    hp.peta.berkas_data = os.path.relpath(asal.resolve(), keluar.resolve().parent)
    sumber = SumberCalamine(asal)
    galat: InputError | None = None
    try:
        bacaan = baca_terpeta(sumber, hp.peta)
        hasil, rencana = _rencana(bacaan.data, bacaan)
    except InputError as e:  # the mapping needs correcting first: write it alone
        galat, hasil, rencana, bacaan = e, None, [], None
    specs = [lembar_peta(hp.peta)] + rencana
    if dry_run:
        from lakip_xl.xlsx.workbook import Perubahan

        per = Perubahan(sheets_added=[x.name for x in specs], berkas=keluar.name, dry_run=True)
    else:
        _buku_kosong(keluar)
        try:
            per = update_workbook(keluar, specs, backups=0)
        except BaseException:
            keluar.unlink(missing_ok=True)
            raise
    if galat is not None:
        akan = "akan ditulis" if dry_run else "ditulis"
        raise InputError(list(galat.daftar) + [Masalah(
            f"Sheet Peta LAKIP {akan} ke '{keluar.name}' tanpa sheet ringkasan, karena pemetaannya perlu "
            "dikoreksi dulu.", saran=f"Koreksi sheet Peta LAKIP di {keluar.name}, lalu jalankan lakip-xl sync "
                                    f"{keluar.name}.", berkas=keluar.name)], berkas=asal.name)
    return HasilSinkron(path=keluar, perubahan=per, hasil=hasil, peringatan=list(bacaan.data.peringatan),
                        terpeta=True)


def _buku_kosong(path: Path) -> None:
    """A new workbook whose only sheet is a Peta LAKIP placeholder recorded as lakip_xl's, so that the
    package writer replaces it (an .xlsx needs at least one sheet)."""
    import xlsxwriter

    from lakip_xl.sumber.peta import SHEET_PETA
    from lakip_xl.xlsx.owned import OWNED_NAME, encode_owned

    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet(SHEET_PETA)
    wb.define_name(OWNED_NAME, "=" + encode_owned([SHEET_PETA]))
    wb.close()


# ---------------------------------------------------------------------------------------- the audit

class BukuTidakDikenali(BerkasError):
    """A workbook `periksa` cannot read: no template sheets, no Peta LAKIP sheet, no known form, no table
    that can be mapped (the CLI exits 2)."""


def periksa_buku(path: str | Path):
    """Audit any workbook lakip_xl reads; never modifies it (lakip_xl.laporan.periksa.temuan.Hasil).

    - with a Peta LAKIP sheet: the agency's tables through it (findings on its sheets), plus the
      Evaluasi Renja form checks when the workbook is one;
    - with the template's data sheets, or an Evaluasi Renja form: lakip_xl.laporan.periksa.periksa_berkas;
    - otherwise the tables `lakip-xl peta` would map, read through that mapping as proposed (defaults
      for what the layout cannot show, said so in the result);
    - nothing of these: BukuTidakDikenali, saying what was looked for and how to map the workbook."""
    from lakip_xl.laporan.periksa import periksa_berkas
    from lakip_xl.laporan.periksa.renja import periksa_renja
    from lakip_xl.sumber.peta import SHEET_PETA, ada_peta, baca_terpeta, buka, petakan

    p = Path(path)
    sumber = None
    if p.is_file() and not _xls(p):
        try:
            sumber = buka(p)
        except BerkasError:
            sumber = None
    if sumber is not None and ada_peta(sumber.sheet_names()):
        h = periksa_peta(baca_terpeta(sumber))
        h.berkas = p.name
        try:
            renja = periksa_renja(p)
        except BerkasError:
            renja = None
        if renja is not None and renja.dikenali:
            h.form = f"{h.form}; {renja.form}"
            h.temuan.extend(renja.temuan)
            h.tidak_dipahami.extend(renja.tidak_dipahami)
        return h
    h = periksa_berkas(p)  # BerkasError when the file cannot be read at all
    if h.dikenali:
        return h
    if sumber is not None:
        _cek_template_utuh(p, sumber.sheet_names())
    try:
        hp = petakan(p)
    except InputError:
        hp = None
    if hp is not None and hp.data is not None:
        from lakip_xl.laporan.hitung import hitung
        from lakip_xl.sumber.baca import SumberCalamine

        bacaan = baca_terpeta(SumberCalamine(p), hp.peta)
        h2 = periksa_peta(bacaan, hitung(bacaan.data))
        h2.form, h2.berkas = FORM_PETA_SEMENTARA, p.name
        # The temporary map is not in the workbook: a finding on one of its cells names the proposal, not
        # a 'Peta LAKIP' sheet the user cannot find.
        h2.temuan = [replace(t, sheet=f"{SHEET_PETA} (usulan, belum ditulis)") if t.sheet == SHEET_PETA else t
                     for t in h2.temuan]
        h2.tidak_dipahami.insert(0, (
            "Tabel instansi dibaca dengan peta sementara: semua indikator dianggap berpolaritas positif dan bertipe "
            f"Non Kumulatif kecuali yang terlihat dari tabel. Jalankan 'lakip-xl peta {p.name}' dan koreksi sheet "
            "Peta LAKIP agar pemeriksaan tepat."))
        return h2
    alasan = ""
    if hp is not None and hp.peta.tabel:
        galat = [x for x in hp.masalah if x.tingkat == "galat"]
        alasan = (f" Tabel kinerjanya ditemukan ({len(hp.peta.tabel)}), tetapi belum dapat dibaca tanpa koreksi: "
                  + "; ".join(x.pesan.rstrip(".") for x in galat[:3]) + ("." if len(galat) <= 3 else "; ..."))
    raise BukuTidakDikenali(
        f"Buku kerja '{p.name}' tidak dapat diperiksa. lakip_xl mencari: sheet data template (Pengaturan, Indikator, "
        "Realisasi); sheet 'Peta LAKIP' yang memetakan tabel instansi; formulir Evaluasi Renja Permendagri 86/2017 "
        "(baris judul bernomor); tabel kinerja yang dapat dipetakan (baris judul berisi kolom Indikator bersama "
        "Target/Realisasi). Tidak ada angka yang diperiksa." + alasan,
        saran=(f"Petakan tabel Anda dan tulis ringkasannya ke buku kerja baru: lakip-xl sync {p.name} --keluar "
               f"{p.stem}_lakip.xlsx; koreksi sheet 'Peta LAKIP' di berkas baru itu; lalu lakip-xl periksa "
               f"{p.stem}_lakip.xlsx." if _xls(p) else
               f"Petakan tabel Anda: lakip-xl peta {p.name}; koreksi sheet 'Peta LAKIP' (sel kuning); lalu "
               f"lakip-xl periksa {p.name}."), berkas=p.name)


def _cek_template_utuh(p: Path, nama_sheet: list[str]) -> None:
    """A template workbook (Pengaturan and Indikator present) that lost a data sheet is not an agency's own
    layout: mapping its Indikator sheet as a table of its own would check nothing and exit 0. Name the
    missing sheet instead (issue 13 item 6: periksa never exits 0 with nothing checked)."""
    from lakip_xl.sumber.model import SHEET_INDIKATOR, SHEET_PENGATURAN, SHEET_REALISASI, kunci

    ada = {kunci(n) for n in nama_sheet}
    if kunci(SHEET_PENGATURAN) not in ada:
        return
    hilang = [n for n in (SHEET_INDIKATOR, SHEET_REALISASI) if kunci(n) not in ada]
    if hilang:
        daftar = ", ".join(f"'{n}'" for n in hilang)
        raise BukuTidakDikenali(
            f"Buku kerja '{p.name}' memakai template lakip_xl (ada sheet '{SHEET_PENGATURAN}'), tetapi sheet "
            f"{daftar} tidak ada (terhapus atau berganti nama). Tanpa sheet itu tidak ada angka yang dapat diperiksa.",
            saran=(f"Kembalikan sheet {daftar} dengan nama persis itu (ganti nama kembali, atau salin dari "
                   "workbooks/template.xlsx), lalu jalankan lagi: lakip-xl periksa " + p.name + "."),
            berkas=p.name)


def main() -> None:
    """Entry point of the workbook button: RunPython "import lakip_xl.sync; lakip_xl.sync.main()"."""
    import xlwings as xw  # only here: the file sync and the CLI never need xlwings

    from lakip_xl.excel.langsung import XlwingsAdapter, sinkron_langsung

    # Excel-only line (needs Windows + Excel): the workbook whose button was clicked.
    sinkron_langsung(XlwingsAdapter(xw.Book.caller()))

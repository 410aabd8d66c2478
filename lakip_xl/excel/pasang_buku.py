"""`lakip-xl pasang BUKU.xlsx`: put lakip_xl's functions and the "Perbarui Ringkasan" button into a
workbook lakip_xl did not build.

The result is an .xlsm carrying
- the VBA project of macros/ (modules xlwings, xlwings_udfs, LakipXL: lakip_xl.excel.vba.MODUL) as
  xl/vbaProject.bin, its relationship and content type, the main part made macro-enabled;
- the hidden `xlwings.conf` sheet with the same cells as the bundled .xlsm (vba.KONFIGURASI_XLWINGS);
- a visible sheet "Kendali LAKIP" with two lines of instructions and the form button bound to the
  sync macro (vba.MACRO_SINKRON), as legacy VML plus ctrlProps and <controls> (lakip_xl.xlsx.tombol);
- every entry of the original package, copied raw, except [Content_Types].xml, xl/workbook.xml and
  xl/_rels/workbook.xml.rels, which only gain entries (lakip_xl.xlsx.sisip). xl/calcChain.xml stays.

Where it goes: BUKU.xlsx -> BUKU.xlsm beside it; BUKU.xlsm -> BUKU_lakip.xlsm beside it; with
`ganti=True` an .xlsm is replaced in place (lock, atomic write, backups: lakip_xl.berkas.safety). An
.xlsx cannot be replaced in place (Excel refuses macros in a file named .xlsx). An existing target is
never overwritten without `ganti`.

An .xlsm with its own VBA project: our modules (and the document modules of the two new sheets) are
added to it with pyopenvba (vba.tambah_ke_proyek), its own modules kept as they are, when that is
safe: the project is not signed (a signature part beside it or signature streams inside it), not
locked with a password, readable by pyopenvba, and has no module of the same name. Otherwise it is
refused (LakipError, Indonesian message naming the manual steps: import the .bas files of macros/
through the VBA editor) and nothing is written. Our modules already there, identical: nothing to do.

Code names: Excel writes a codeName on every sheet of a workbook with VBA and binds each to a
document module. The two new sheets get their own (LakipKendali, LakipConf; a number is appended if
taken) and a document module each. Existing sheets are not touched (their parts stay byte-identical):
in an .xlsx they have no codeName, Excel assigns one when it opens the workbook (Excel, unverified).

Needs the checkout's macros/ and pyopenvba (as building the bundled .xlsm does).
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lakip_xl.berkas import safety
from lakip_xl.errors import BerkasError, LakipError
from lakip_xl.excel import vba
from lakip_xl.xlsx.sisip import InfoBuku, LembarBaru, baca_buku, sisipkan
from lakip_xl.xlsx.tombol import Tombol
from lakip_xl.xlsx.verify import compare

NAMA_KENDALI = "Kendali LAKIP"
CODENAME_KENDALI = "LakipKendali"
CODENAME_CONF = "LakipConf"
PETUNJUK_KENDALI = (
    f'Tombol "{vba.CAPTION_TOMBOL}" di bawah membaca sheet data workbook ini lalu menulis ulang sheet '
    "ringkasan LAKIP; sheet lain tidak diubah.",
    "Fungsi CAPAIAN, PREDIKAT, KETERANGAN, CAPAIAN_SASARAN, KUMULATIF, SERAPAN, ANGKA dan NILAI_AKIP dapat diketik di "
    "sel mana pun. Perlu Python dan add-in xlwings di PC ini (sekali: lakip-xl pasang) dan Enable Content "
    "saat berkas dibuka.",
)
TOMBOL = Tombol(vba.CAPTION_TOMBOL, vba.MACRO_SINKRON, kolom=0, baris=3, lebar_px=160, tinggi_px=32,
                keterangan="Membaca sheet data lalu menulis ulang sheet ringkasan LAKIP.")
AKHIRAN_SALINAN = "_lakip"

Cetak = Callable[[str], None]


# ------------------------------------------------------------------------------------------- result


@dataclass
class HasilPasang:
    sumber: Path
    tujuan: Path
    dry_run: bool = False
    ditulis: bool = False
    sudah_terpasang: bool = False
    proyek_lama: bool = False  # our modules were added to the workbook's own VBA project
    sheets_added: list[str] = field(default_factory=list)
    modul_ditambah: list[str] = field(default_factory=list)
    parts_changed: list[str] = field(default_factory=list)
    parts_added: list[str] = field(default_factory=list)
    parts_same: int = 0
    backup_path: Path | None = None
    peringatan: list[str] = field(default_factory=list)

    def ringkasan(self) -> str:
        """What was done (or would be done), in Bahasa Indonesia."""
        if self.sudah_terpasang:
            return (f"Berkas: {self.sumber.name}\nWorkbook ini sudah memuat modul VBA lakip_xl "
                    f"({', '.join(n for _, n in vba.MODUL)}) yang sama dengan versi ini dan sheet "
                    f"{vba.NAMA_SHEET_CONF}. Tidak ada yang diubah.")
        akan = "akan " if self.dry_run else ""
        baris = [f"Berkas: {self.sumber.name}"]
        if self.dry_run:
            baris.append("Uji coba (tanpa menulis): berikut yang akan dibuat.")
        if self.tujuan == self.sumber:
            baris.append(f"Berkas ini {akan}diganti (cadangan berkas lama {akan}disimpan di sampingnya).")
        else:
            baris.append(f"Berkas baru yang {akan}ditulis: {self.tujuan.name} (berkas asli tidak diubah).")
        baris.append(f"Sheet yang {akan}ditambahkan: {NAMA_KENDALI} (tombol \"{vba.CAPTION_TOMBOL}\"), "
                     f"{vba.NAMA_SHEET_CONF} (tersembunyi).")
        tempat = "ke proyek VBA yang sudah ada di workbook (modul Anda tetap)" if self.proyek_lama else ""
        baris.append(f"Modul VBA yang {akan}ditambahkan{(' ' + tempat) if tempat else ''}: "
                     + ", ".join(self.modul_ditambah) + ".")
        baris.append(f"Bagian berkas yang {akan}diubah: {', '.join(self.parts_changed)}; yang {akan}ditambah: "
                     f"{len(self.parts_added)}; {self.parts_same} bagian lain (data, sheet, tombol, gambar) "
                     "disalin persis tanpa perubahan.")
        if self.backup_path is not None:
            baris.append(f"Cadangan berkas lama: {self.backup_path.name}")
        if self.dry_run:
            baris.append("Belum ada yang ditulis.")
        else:
            baris.append(f"Selesai. Buka {self.tujuan.name} di Excel dan klik Enable Content. Bila berkas "
                         "dikirim lewat e-mail, penerima: klik kanan berkas > Properties > Unblock.")
            baris.append("Di setiap PC yang memakai fungsi atau tombol ini jalankan sekali: lakip-xl pasang")
        baris.extend(f"Peringatan: {p}" for p in self.peringatan)
        return "\n".join(baris)


# ---------------------------------------------------------------------------------------- messages


def langkah_tangan(macros_dir: Path = vba.MACROS_DIR) -> str:
    """How to add the functions and the button by hand in Excel (one line, Bahasa Indonesia)."""
    berkas = ", ".join(f for f, _ in vba.MODUL)
    return (f"Tambahkan dengan tangan di Excel: (1) buka workbook, tekan Alt+F11 (Visual Basic Editor); "
            f"(2) File > Import File..., impor satu per satu {berkas} dari folder macros lakip_xl "
            f"({macros_dir}); (3) buat sheet '{vba.NAMA_SHEET_CONF}' berisi A1 'UDF Modules' dan B1 "
            f"'{vba.UDF_MODULE}' (boleh disembunyikan); (4) Developer > Insert > Button (Form Control), pilih "
            f"makro {vba.MACRO_SINKRON}; (5) simpan sebagai 'Excel Macro-Enabled Workbook (*.xlsm)'.")


def _tolak(pesan: str, saran: str, berkas: str) -> LakipError:
    return BerkasError(pesan, saran=saran, berkas=berkas)


# --------------------------------------------------------------------------------------------- logic


def tujuan_bawaan(buku: Path) -> Path:
    """BUKU.xlsx -> BUKU.xlsm; BUKU.xlsm -> BUKU_lakip.xlsm (beside it)."""
    if buku.suffix.lower() == ".xlsx":
        return buku.with_suffix(".xlsm")
    return buku.with_name(buku.stem + AKHIRAN_SALINAN + ".xlsm")


def _kode_bebas(dasar: str, terpakai: set[str]) -> str:
    kode, n = dasar, 1
    while kode.casefold() in terpakai:
        n += 1
        kode = f"{dasar}{n}"
    terpakai.add(kode.casefold())
    return kode


def _norm(kode: str) -> str:
    return kode.replace("\r\n", "\n").rstrip("\n")


def lembar_baru(kode_kendali: str, kode_conf: str) -> list[LembarBaru]:
    """The two sheets pasang adds: the control sheet (visible) and xlwings.conf (hidden), with the
    conf cells of the bundled .xlsm (vba.tambah_vba)."""
    conf = [(k, v if isinstance(v, bool) else str(v)) for k, v in vba.KONFIGURASI_XLWINGS]
    conf += [(None,), (None,)] + [(t,) for t in vba.PETUNJUK_CONF]
    return [
        LembarBaru(NAMA_KENDALI, kode_kendali, isi=tuple((t,) for t in PETUNJUK_KENDALI), tombol=(TOMBOL,)),
        LembarBaru(vba.NAMA_SHEET_CONF, kode_conf, isi=tuple(tuple(r) for r in conf), tersembunyi=True,
                   lebar_kolom=((1, 18), (2, 16))),
    ]


def _periksa_sumber(buku: Path, ganti: bool) -> Path:
    p = safety.periksa_ada(buku)
    akhiran = p.suffix.lower()
    if akhiran not in (".xlsx", ".xlsm"):
        raise _tolak(f"Berkas '{p.name}' bukan buku kerja .xlsx atau .xlsm.",
                     "Buka di Excel lalu Simpan Sebagai 'Buku Kerja Excel (*.xlsx)', kemudian jalankan "
                     "lakip-xl pasang pada berkas .xlsx itu.", p.name)
    if ganti and akhiran == ".xlsx":
        raise _tolak("Berkas .xlsx tidak dapat memuat makro, jadi tidak dapat diganti di tempat.",
                     f"Jalankan tanpa --ganti: lakip_xl menulis {tujuan_bawaan(p).name} di sampingnya dan "
                     f"{p.name} tidak diubah.", p.name)
    if ganti:
        safety.cek_berkas(p)  # every check of a file about to be rewritten (open, read-only, locked...)
        return p
    # Only read: a read-only source (a shared folder, a downloaded file) is fine. The checks of the
    # content (old .xls, encrypted, not a zip, too large) are cek_berkas's first ones, so it is
    # called when one of them fails, for its message; the zip limits are checked when it is read.
    with open(p, "rb") as fh:
        head = fh.read(8)
    if head == safety.OLE_MAGIC or not zipfile.is_zipfile(p) or p.stat().st_size > safety.MAX_FILE_BYTES:
        safety.cek_berkas(p)
    if not os.access(p.parent, os.W_OK | os.X_OK):
        raise _tolak(f"Folder '{p.parent}' tidak dapat ditulisi, sehingga {tujuan_bawaan(p).name} tidak dapat "
                     "dibuat di sana.", "Salin berkas ke folder yang dapat Anda tulisi, lalu ulangi.", p.name)
    return p


def _periksa_alat(macros_dir: Path, berkas: str) -> None:
    hilang = [f for f, _ in vba.MODUL if not (macros_dir / f).is_file()]
    if hilang:
        raise LakipError(f"Berkas makro lakip_xl tidak ditemukan ({', '.join(hilang)} di {macros_dir}).",
                         saran="Jalankan perintah ini dari salinan repositori lakip_xl (git clone, lalu "
                               "pip install -e \".[build]\").", berkas=berkas)
    try:
        import pyopenvba  # noqa: F401
        import xlsxwriter  # noqa: F401
    except ImportError as e:
        raise LakipError(f"Paket Python {e.name} belum terpasang; paket itu diperlukan untuk menulis proyek VBA.",
                         saran="Jalankan: pip install -e \".[build]\" di salinan repositori lakip_xl, lalu ulangi.",
                         berkas=berkas) from None


def _proyek_lama(info: InfoBuku, berkas: str, macros_dir: Path) -> tuple[bool, vba.InfoProyek | None]:
    """(already installed, project info) for a workbook with its own VBA project; refusals raise."""
    tangan = langkah_tangan(macros_dir)
    if info.tanda_tangan:
        raise _tolak("Proyek VBA workbook ini ditandatangani secara digital "
                     f"({', '.join(info.tanda_tangan)}). Menambahkan modul lakip_xl akan merusak tanda "
                     "tangan itu, sehingga berkas tidak diubah.",
                     tangan + " Setelah itu tanda tangani ulang proyeknya (Visual Basic Editor: Tools > "
                     "Digital Signature) dengan sertifikat instansi.", berkas)
    try:
        proyek = vba.baca_proyek(info.vba)
    except Exception:  # noqa: BLE001 - any failure to read a user's project is a refusal, not a crash
        raise _tolak("Proyek VBA workbook ini tidak dapat dibaca dengan aman oleh lakip_xl, sehingga modul "
                     "lakip_xl tidak ditambahkan dan berkas tidak diubah.", tangan, berkas) from None
    if proyek.tertanda:
        raise _tolak("Proyek VBA workbook ini ditandatangani secara digital. Menambahkan modul lakip_xl akan "
                     "merusak tanda tangan itu, sehingga berkas tidak diubah.",
                     tangan + " Setelah itu tanda tangani ulang proyeknya (Tools > Digital Signature).", berkas)
    if proyek.berkata_sandi:
        raise _tolak("Proyek VBA workbook ini dikunci dengan kata sandi; lakip_xl tidak mengubah proyek yang "
                     "terkunci, sehingga berkas tidak diubah.",
                     "Buka kunci proyek di Visual Basic Editor (Tools > VBAProject Properties > Protection) "
                     "dengan kata sandinya, lalu ulangi; atau " + tangan[0].lower() + tangan[1:], berkas)
    kami = {n.casefold(): n for _, n in vba.MODUL}
    ada = {n.casefold(): n for n in proyek.modul}
    bentrok = [ada[k] for k in kami if k in ada]
    if bentrok:
        sumber = vba.vba_sources(macros_dir)
        sama = len(bentrok) == len(kami) and all(
            _norm(proyek.modul[ada[k]]) == _norm(sumber[n]) for k, n in kami.items())
        if sama and vba.NAMA_SHEET_CONF.casefold() in info.nama_lembar():
            return True, proyek
        raise _tolak(f"Proyek VBA workbook ini sudah memiliki modul bernama {', '.join(bentrok)} yang berbeda dari "
                     "modul lakip_xl versi ini; lakip_xl tidak menimpa modul Anda, sehingga berkas tidak diubah.",
                     "Di Visual Basic Editor (Alt+F11) hapus modul itu (klik kanan > Remove) bila memang salinan "
                     "lama dari lakip_xl atau xlwings, lalu ulangi; atau " + tangan[0].lower() + tangan[1:],
                     berkas)
    return False, proyek


def pasang_buku(buku: str | os.PathLike, *, ganti: bool = False, dry_run: bool = False, backups: int = 3,
                macros_dir: Path = vba.MACROS_DIR) -> HasilPasang:
    """Give the workbook `buku` lakip_xl's VBA project, the xlwings.conf sheet and the control sheet
    with the button (see the module docstring). Raises LakipError (Indonesian) when refused; then
    nothing is written anywhere."""
    p = _periksa_sumber(Path(buku), ganti)
    berkas = p.name
    if p.is_symlink():
        p = p.resolve()
    tujuan = p if ganti else tujuan_bawaan(p)
    if not ganti and (tujuan.exists() or tujuan.is_symlink()):
        raise _tolak(f"Berkas tujuan '{tujuan.name}' sudah ada; lakip_xl tidak menimpanya.",
                     f"Hapus atau ganti nama '{tujuan.name}', lalu ulangi. Bila '{tujuan.name}' yang ingin diberi "
                     f"tombol: lakip-xl pasang \"{tujuan.name}\" --ganti.", berkas)
    _periksa_alat(macros_dir, berkas)

    data = p.read_bytes()
    info = baca_buku(data, berkas=berkas)
    hasil = HasilPasang(sumber=p, tujuan=tujuan, dry_run=dry_run)
    if not ganti and any(f.exists() for f in safety.owner_files(p)):
        hasil.peringatan.append(f"{p.name} sedang dibuka di Excel atau LibreOffice; yang dipakai adalah isi yang "
                                "terakhir disimpan.")

    terpakai = info.codenames()
    proyek = None
    if info.vba is not None:
        terpasang, proyek = _proyek_lama(info, berkas, macros_dir)
        if terpasang:
            hasil.sudah_terpasang = True
            return hasil
        terpakai |= {n.casefold() for n in proyek.modul}
    for nama in (vba.NAMA_SHEET_CONF, NAMA_KENDALI):
        if nama.casefold() in info.nama_lembar():
            pesan = (f"Workbook sudah memiliki sheet '{nama}'"
                     + (" (pengaturan xlwings milik workbook ini)" if nama == vba.NAMA_SHEET_CONF else "")
                     + "; lakip_xl tidak menimpanya, sehingga berkas tidak diubah.")
            raise _tolak(pesan, f"Ganti nama atau hapus sheet '{nama}' bila tidak diperlukan, lalu ulangi; atau "
                         + langkah_tangan(macros_dir)[0].lower() + langkah_tangan(macros_dir)[1:], berkas)
    terpakai |= {n.casefold() for _, n in vba.MODUL}
    kode_kendali = _kode_bebas(CODENAME_KENDALI, terpakai)
    kode_conf = _kode_bebas(CODENAME_CONF, terpakai)
    codename_buku = info.codename_buku or "ThisWorkbook"

    if proyek is not None:
        try:
            proyek_baru = vba.tambah_ke_proyek(info.vba, [kode_kendali, kode_conf], macros_dir=macros_dir)
        except Exception:  # noqa: BLE001 - refuse rather than write a project we could not verify
            raise _tolak("Modul lakip_xl tidak dapat ditambahkan dengan aman ke proyek VBA workbook ini, sehingga "
                         "berkas tidak diubah.", langkah_tangan(macros_dir), berkas) from None
        hasil.proyek_lama = True
        hasil.modul_ditambah = [n for _, n in vba.MODUL]
    else:
        # a new project: a document module for the workbook and for every sheet code name in the package
        kode_lama = [s.codename for s in info.lembar if s.codename and s.jenis == "worksheet"]
        try:
            proyek_baru = vba.vba_project_bytes(kode_lama + [kode_kendali, kode_conf],
                                                workbook_codename=codename_buku, macros_dir=macros_dir)
        except ValueError:  # a code name VBA (pyopenvba) does not accept as a module name
            raise _tolak("Nama kode (codeName) sheet workbook ini tidak dapat dipakai sebagai nama modul VBA, "
                         "sehingga proyek VBA lakip_xl tidak dapat dibuat; berkas tidak diubah.",
                         langkah_tangan(macros_dir), berkas) from None
        hasil.modul_ditambah = [n for _, n in vba.MODUL]

    sis = sisipkan(data, lembar_baru(kode_kendali, kode_conf), proyek_vba=proyek_baru,
                   codename_buku=codename_buku, berkas=berkas)
    hasil.sheets_added = sis.sheets_added
    hasil.parts_changed = sis.parts_changed
    hasil.parts_added = sis.parts_added
    hasil.parts_same = _periksa_hasil(data, sis.data, proyek_lama=proyek is not None)

    if dry_run:
        if ganti and backups > 0:
            hasil.backup_path = safety.backup_path(p, 1)
        return hasil
    if ganti:
        with safety.Kunci(p):
            bak, peringatan = safety.tulis_atomik(p, sis.data, backups=backups, sebelum=data)
        hasil.backup_path = bak
        hasil.peringatan.extend(peringatan)
    else:
        if tujuan.exists():  # appeared meanwhile
            raise _tolak(f"Berkas tujuan '{tujuan.name}' sudah ada; lakip_xl tidak menimpanya.",
                         f"Hapus atau ganti nama '{tujuan.name}', lalu ulangi.", berkas)
        safety.tulis_atomik(tujuan, sis.data, backups=0)
    hasil.ditulis = True
    return hasil


def _periksa_hasil(lama: bytes, baru: bytes, *, proyek_lama: bool) -> int:
    """A guard before anything is written: only [Content_Types].xml, the workbook part and its rels
    (and the VBA project of a workbook that had one) differ, nothing was removed and the original
    entries keep their order. Returns how many original entries are unchanged. A failure is a bug in
    lakip_xl, not a user mistake."""
    beda = compare(lama, baru)
    sebelum, sesudah = baca_buku(lama), baca_buku(baru)
    boleh = {n.lower() for n in (sebelum.bagian_ct, sebelum.bagian_buku, sebelum.bagian_rels)}
    if proyek_lama and sebelum.vba_part:
        boleh.add(sebelum.vba_part.lower())
    salah = [n for n in beda.changed if n.lower() not in boleh]
    if salah or beda.removed or not beda.order_kept or sesudah.vba is None:
        raise RuntimeError(f"pasang would change entries it must keep: changed {salah}, removed {beda.removed}")
    with zipfile.ZipFile(io.BytesIO(lama)) as z:
        return len(z.infolist()) - len(beda.changed)


__all__ = ["HasilPasang", "NAMA_KENDALI", "PETUNJUK_KENDALI", "langkah_tangan", "lembar_baru", "pasang_buku",
           "tujuan_bawaan"]

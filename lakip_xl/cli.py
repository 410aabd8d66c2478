"""`lakip-xl`: the command line, a thin shell over the library.

User mistakes (lakip_xl.errors.LakipError) end in a Bahasa Indonesia message on stderr and exit code 1;
the workbook is untouched. Anything else is a bug: a short message, exit code 3, and the traceback only
with --debug.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from pathlib import Path

import click

from lakip_xl.errors import PERINGATAN, LakipError

EXIT_MASALAH = 1  # a user-fixable problem (or, for `periksa`, errors found in the report)
EXIT_TIDAK_DIKENALI = 2  # `periksa`: a workbook it cannot read at all (nothing was checked)
EXIT_INTERNAL = 3
EXIT_DIBATALKAN = 130  # Ctrl+C: 128 + SIGINT (2), as shells report an interrupted command


def _tampilkan_masalah(err: LakipError) -> None:
    daftar = err.daftar
    galat = [m for m in daftar if m.tingkat != PERINGATAN]
    if len(daftar) > 1:
        click.echo(f"Ditemukan {len(galat)} masalah; berkas tidak diubah:", err=True)
    for m in daftar:
        prefix = "PERINGATAN" if m.tingkat == PERINGATAN else "GALAT"
        click.echo(f"{prefix}: {m.teks()}", err=True)


def _lindungi(fn):
    """Turn library errors into messages and exit codes (never a traceback for a user mistake)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context()
        debug = (ctx.find_root().params or {}).get("debug", False)
        try:
            return fn(*args, **kwargs)
        except LakipError as err:
            _tampilkan_masalah(err)
            sys.exit(EXIT_MASALAH)
        except KeyboardInterrupt:
            click.echo("Dibatalkan.", err=True)
            sys.exit(EXIT_DIBATALKAN)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except OSError as err:  # the file system refused (no permission, disk full, name too long...)
            if debug:
                traceback.print_exc()
            _tampilkan_masalah(_galat_os(err))
            sys.exit(EXIT_MASALAH)
        except Exception:  # noqa: BLE001 - the last line of defence
            if debug:
                traceback.print_exc()
            click.echo(
                "Terjadi kesalahan internal lakip_xl (bukan kesalahan Anda). Berkas tidak diubah. "
                "Jalankan lagi dengan --debug dan kirim keluarannya ke pengelola TI.",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)

    return wrapper


def _galat_os(err: OSError) -> LakipError:
    """An OSError as a user-facing problem naming the file (Bahasa Indonesia)."""
    from lakip_xl.berkas.safety import pesan_os

    nama = Path(os.fsdecode(err.filename)).name if err.filename else ""
    if len(nama) > 80:
        nama = nama[:79] + "…"
    return LakipError(f"Berkas{' ' + repr(nama) if nama else ''} tidak dapat dibaca atau ditulis ({pesan_os(err)}).",
                      saran="Periksa nama berkas, izin folder dan ruang disk, lalu ulangi.", berkas=nama)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Tampilkan traceback lengkap untuk kesalahan internal.")
@click.version_option(package_name="lakip_xl")
def main(debug: bool) -> None:
    """lakip-xl: aturan SAKIP/LAKIP di dalam workbook Excel Anda.

    Perintah utama: `lakip-xl sync BUKU.xlsx` memperbarui sheet ringkasan (tabel LAKIP) dari sheet data.
    """


# --- helpers ---------------------------------------------------------------------------------------
# Every file argument and option: click only turns the text into a Path. Its own checks (readable by
# default) would answer an unreadable file with an English usage error and exit 2; the commands check
# the file themselves and say what is wrong in Bahasa Indonesia, with exit 1.
_JALUR = click.Path(path_type=Path, readable=False)
ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "workbooks" / "contoh_depok_2020.xlsx"


def _potong(teks: str, n: int) -> str:
    return teks if len(teks) <= n else teks[: n - 1] + "…"


def cetak_tabel(hasil) -> None:
    """A short terminal table: indicator, target, realisasi, capaian and predikat of the report year."""
    from lakip_xl.aturan.angka import format_angka
    from lakip_xl.laporan.ringkasan import ringkas_baris

    head = ("Indikator Kinerja", "Target", "Realisasi", "Capaian", "Predikat")
    lebar = [48, 8, 10, 10, 26]
    fmt = "  ".join("{:<%d}" % w if i == 0 else "{:>%d}" % w if i < 4 else "{:<%d}" % w
                    for i, w in enumerate(lebar))
    baris = [f"Capaian kinerja tahun {hasil.tahun}:", fmt.format(*head), "  ".join("-" * w for w in lebar)]
    baris += [fmt.format(*(_potong(v, w) for v, w in zip(ringkas_baris(hi), lebar))) for hi in hasil.indikator]
    baris.append("")
    for s in hasil.sasaran:
        nilai = format_angka(s.capaian, desimal=2, gaya="persen")  # an NA prints as "n/a"
        baris.append(f"Sasaran {s.kode}: {nilai} ({s.predikat.label}) - {_potong(s.nama, 70)}")
    # one write: click.echo checks the terminal on every call (0.1-0.2 s for the 11,000 lines of 50,000 rows)
    click.echo("\n".join(baris))


def _cetak_peringatan(daftar) -> None:
    for m in daftar:
        click.echo(f"PERINGATAN: {m.teks()}", err=True)


# --- commands --------------------------------------------------------------------------------------
@main.command()
@click.argument("buku", type=_JALUR)
@click.option("--dry-run", is_flag=True, help="Tampilkan apa yang akan berubah tanpa menulis berkas.")
@click.option("--cadangan", default=3, show_default=True, type=click.IntRange(0, 20),
              help="Jumlah cadangan versi sebelumnya yang disimpan di samping berkas.")
@click.option("--diam", is_flag=True, help="Jangan cetak tabel capaian.")
@click.option("--keluar", type=_JALUR, default=None,
              help="Untuk BUKU .xls: buku kerja .xlsx yang menerima sheet Peta LAKIP dan sheet ringkasan.")
@_lindungi
def sync(buku: Path, dry_run: bool, cadangan: int, diam: bool, keluar: Path | None) -> None:
    """Perbarui sheet ringkasan (tabel LAKIP) BUKU dari sheet datanya.

    Hanya sheet buatan lakip_xl yang ditulis ulang; semua isi lain workbook tetap persis sama. Buku kerja
    yang dipetakan dengan `lakip-xl peta` dibaca lewat sheet Peta LAKIP-nya, dan sheet ringkasannya
    bernama "LAKIP ..." (misalnya "LAKIP Pengukuran Kinerja") agar tidak pernah menimpa sheet Anda.
    """
    from lakip_xl.sync import sinkron

    h = sinkron(buku, dry_run=dry_run, backups=cadangan, keluar=keluar)
    _cetak_peringatan(h.peringatan)
    click.echo(h.perubahan.ringkasan())
    if not diam:
        click.echo("")
        cetak_tabel(h.hasil)


@main.command()
@click.argument("buku", type=_JALUR)
@click.option("--dry-run", is_flag=True, help="Tampilkan hasil pemetaan tanpa menulis berkas.")
@click.option("--ganti", is_flag=True, help="Timpa sheet Peta LAKIP yang sudah ada (koreksi Anda di sheet itu hilang).")
@click.option("--cadangan", default=3, show_default=True, type=click.IntRange(0, 20),
              help="Jumlah cadangan versi sebelumnya yang disimpan di samping berkas.")
@_lindungi
def peta(buku: Path, dry_run: bool, ganti: bool, cadangan: int) -> None:
    """Petakan tabel kinerja buku kerja instansi Anda sendiri agar dapat dibaca lakip_xl.

    Mencari tabel (Sasaran, Indikator, Target, Realisasi, Capaian, Anggaran ...), mencetak apa yang
    ditemukan, lalu menulis sheet "Peta LAKIP" ke dalam BUKU: satu baris per kolom yang dibaca, dan
    fakta yang tidak terlihat dari tabel (tahun laporan, periode Renstra, polaritas dan tipe tiap
    indikator) berisi nilai bawaan untuk Anda koreksi. Sheet lain tidak diubah. Setelah itu:
    lakip-xl sync BUKU.
    """
    from lakip_xl.sumber.peta import cek_peta_ada, petakan, tulis_peta

    if not dry_run:
        cek_peta_ada(buku, ganti=ganti)  # the user's corrected Peta LAKIP sheet is never replaced silently
    h = petakan(buku)
    click.echo(h.ringkasan())
    click.echo("")
    if h.xls:
        click.echo(f"Berkas .xls (Excel 97-2003) tidak dapat ditulis: sheet Peta LAKIP tidak dibuat. Untuk membuat "
                   f"buku kerja baru berisi Peta LAKIP dan sheet ringkasan: lakip-xl sync {buku.name} --keluar "
                   f"{buku.stem}_lakip.xlsx")
        return
    per = tulis_peta(buku, h, ganti=ganti, dry_run=dry_run, backups=cadangan)
    click.echo(per.ringkasan())
    if not dry_run:
        click.echo("")
        click.echo(f"Langkah berikutnya: buka {buku.name}, periksa sheet 'Peta LAKIP' (terutama sel kuning), simpan, "
                   f"lalu jalankan: lakip-xl sync {buku.name}")


@main.command()
@click.option("--keluar", default="out", show_default=True, type=_JALUR,
              help="Folder tempat salinan contoh ditulis.")
@_lindungi
def contoh(keluar: Path) -> None:
    """Sinkronkan SALINAN workbook contoh (LAKIP 2020 DKUM Kota Depok) dan tampilkan tabel capaiannya.

    Berkas contoh di repositori tidak pernah diubah.
    """
    from lakip_xl.berkas import safety
    from lakip_xl.errors import BerkasError
    from lakip_xl.sync import sinkron

    if not CONTOH.exists():
        raise BerkasError(f"Workbook contoh tidak ditemukan di {CONTOH}.",
                          saran="Jalankan perintah ini dari salinan repositori lakip_xl (pip install -e .).")
    if keluar.exists() and not keluar.is_dir():
        raise BerkasError(f"'{keluar}' sudah ada dan bukan folder; --keluar menunjuk folder tempat salinan contoh "
                          "ditulis.", saran=f"Pilih folder, misalnya --keluar {keluar.parent / 'contoh_lakip'}.",
                          berkas=keluar.name)
    try:
        keluar.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BerkasError(f"Folder '{keluar}' tidak dapat dibuat ({safety.pesan_os(exc)}).",
                          saran="Pilih folder yang dapat Anda tulisi dengan --keluar.", berkas=keluar.name) from None
    tujuan = keluar / CONTOH.name
    if tujuan.exists() or tujuan.is_symlink():
        safety.cek_berkas(tujuan)  # the previous copy: not open in Excel, not read-only, not a folder
    try:
        safety.tulis_atomik(tujuan, CONTOH.read_bytes(), backups=0)
    except OSError as exc:
        raise BerkasError(f"Folder '{keluar}' tidak dapat ditulisi ({safety.pesan_os(exc)}).",
                          saran="Pilih folder yang dapat Anda tulisi dengan --keluar.", berkas=tujuan.name) from None
    h = sinkron(tujuan, backups=0)
    _cetak_peringatan(h.peringatan)
    cetak_tabel(h.hasil)
    click.echo("")
    click.echo(f"Workbook hasil sinkronisasi: {tujuan.resolve()}")


@main.command()
@click.argument("buku", type=_JALUR)
@click.option("--json", "sebagai_json", is_flag=True, help="Keluaran JSON untuk mesin.")
@_lindungi
def periksa(buku: Path, sebagai_json: bool) -> None:
    """Periksa angka laporan: yang dinyatakan laporan dibandingkan dengan yang mengikuti dari datanya.

    Membaca saja; berkas tidak diubah. Kode keluar 1 bila ada galat (untuk pemeriksaan otomatis),
    2 bila buku kerja tidak dapat dibaca sama sekali. Membaca template lakip_xl, buku kerja yang
    dipetakan (sheet Peta LAKIP, lihat `lakip-xl peta`) dan formulir Evaluasi Renja (Permendagri 86/2017).
    """
    import json

    from lakip_xl.laporan.periksa.temuan import format_hasil
    from lakip_xl.sync import BukuTidakDikenali, periksa_buku

    try:
        hasil = periksa_buku(buku)
    except BukuTidakDikenali as err:
        _tampilkan_masalah(err)
        sys.exit(EXIT_TIDAK_DIKENALI)
    _cetak_peringatan(hasil.peringatan)  # the reader's warnings, on stderr as sync prints them
    if sebagai_json:
        click.echo(json.dumps(hasil.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(format_hasil(hasil))
    if hasil.ada_galat:
        sys.exit(EXIT_MASALAH)


@main.command()
@click.argument("buku", type=_JALUR)
@click.option("--keluar", type=_JALUR, default=None,
              help="Berkas .docx hasil (bawaan: BUKU_LKjIP.docx di samping BUKU).")
@click.option("--templat", type=_JALUR, default=None,
              help="Templat Word .docx instansi (gaya huruf, kop surat, margin); bawaan: templat lakip_xl.")
@click.option("--pdf", is_flag=True, help="Buat juga PDF dokumen (perlu LibreOffice).")
@_lindungi
def laporan(buku: Path, keluar: Path | None, templat: Path | None, pdf: bool) -> None:
    """Tulis dokumen LKjIP (Ikhtisar Eksekutif dan BAB III) dari BUKU sebagai berkas Word .docx.

    Tabel, grafik dan kalimat disusun dari angka workbook; analisis staf diambil dari sheet Analisis,
    dan yang belum diisi ditandai "[isi oleh penyusun: ...]". Workbook tidak diubah.
    """
    from lakip_xl.laporan.dokumen.buat import buat_laporan

    hasil = buat_laporan(buku, keluar, templat=templat, pdf=pdf)
    click.echo(hasil.ringkasan())
    if hasil.galat_pdf is not None:
        sys.exit(EXIT_MASALAH)  # the .docx is written; the PDF that was asked for is not


def _ekspor(buku: Path, keluar: Path | None, pdf: bool, semua_rumus: bool):
    from lakip_xl.surel.ekspor import ekspor as _ekspor_buku

    hasil = _ekspor_buku(buku, keluar, semua_rumus=semua_rumus, pdf=pdf)
    click.echo(hasil.ringkasan())
    return hasil


@main.command()
@click.argument("buku", type=_JALUR)
@click.option("--keluar", type=_JALUR, default=None,
              help="Berkas .xlsx hasil (bawaan: BUKU_ekspor.xlsx di samping BUKU).")
@click.option("--pdf", is_flag=True, help="Buat juga PDF sheet ringkasan (perlu LibreOffice).")
@click.option("--semua-rumus", is_flag=True, help="Ganti SEMUA rumus dengan nilainya, bukan hanya fungsi lakip_xl.")
@_lindungi
def ekspor(buku: Path, keluar: Path | None, pdf: bool, semua_rumus: bool) -> None:
    """Buat salinan .xlsx "nilai saja" yang aman dikirim lewat e-mail.

    Rumus yang memanggil fungsi lakip_xl diganti nilainya (dihitung ulang dengan aturan lakip_xl);
    makro VBA, tombol, sheet xlwings.conf dan tautan eksternal dihapus. Berkas asli tidak diubah.
    """
    hasil = _ekspor(buku, keluar, pdf, semua_rumus)
    if hasil.galat_pdf is not None:
        sys.exit(EXIT_MASALAH)  # the .xlsx is written; the PDF that was asked for is not


@main.command()
@click.argument("buku", type=_JALUR)
@click.option("--ke", "ke", multiple=True, required=True, help="Alamat tujuan (boleh diulang).")
@click.option("--cc", multiple=True, help="Alamat tembusan (boleh diulang).")
@click.option("--subjek", default=None, help="Subjek surat (bawaan: Laporan Kinerja INSTANSI TAHUN).")
@click.option("--pesan", default=None, help="Kalimat pembuka surat.")
@click.option("--pdf", is_flag=True, help="Lampirkan juga PDF sheet ringkasan (perlu LibreOffice).")
@click.option("--keluar", type=_JALUR, default=None, help="Berkas .xlsx hasil ekspor.")
@click.option("--dry-run", is_flag=True, help="Jangan kirim: tulis berkas .eml berisi surat dan lampirannya.")
@click.option("--eml", type=_JALUR, default=None, help="Lokasi berkas .eml untuk --dry-run.")
@click.option("--laporan", "dengan_laporan", is_flag=True,
              help="Lampirkan juga dokumen LKjIP .docx (seperti lakip-xl laporan, ditulis di samping BUKU).")
@_lindungi
def kirim(buku: Path, ke: tuple[str, ...], cc: tuple[str, ...], subjek: str | None, pesan: str | None,
          pdf: bool, keluar: Path | None, dry_run: bool, eml: Path | None, dengan_laporan: bool) -> None:
    """Ekspor BUKU menjadi salinan nilai saja, lalu kirim lewat e-mail (SMTP).

    Pengaturan server diambil dari variabel lingkungan LAKIPXL_SMTP_* atau berkas smtp.toml, tidak
    pernah dari workbook. Isi surat merangkum capaian (jumlah indikator per predikat, rata-rata
    sasaran). Berkas hasil ekspor tetap tersimpan walaupun pengiriman gagal.
    """
    from lakip_xl.laporan.hitung import hitung
    from lakip_xl.sumber.peta import baca_buku  # the template's data sheets, or the tables through Peta LAKIP
    from lakip_xl.surel.kirim import kirim_berkas, muat_pengaturan_smtp, ringkasan_dari_hasil
    from lakip_xl.surel.smtp_pengaturan import periksa_penerima

    # each --ke/--cc exactly one address, and missing server settings, refused before any work is done
    # (a dry run needs no settings)
    periksa_penerima(ke, cc)
    pengaturan = None if dry_run else muat_pengaturan_smtp()
    ringkasan = ringkasan_dari_hasil(hitung(baca_buku(buku)))
    hasil = _ekspor(buku, keluar, pdf, False)
    if hasil.galat_pdf is not None:
        sys.exit(EXIT_MASALAH)
    lampiran = list(hasil.ditulis)
    if dengan_laporan:
        from lakip_xl.laporan.dokumen.buat import buat_laporan

        dokumen = buat_laporan(buku)
        click.echo(dokumen.ringkasan())
        lampiran.append(dokumen.keluar)
    status = kirim_berkas(lampiran, ke, cc, subjek=subjek, pesan=pesan, ringkasan=ringkasan,
                          dry_run=dry_run, eml_path=eml, pengaturan=pengaturan)
    click.echo(status)


@main.command()
@click.argument("buku", required=False, type=_JALUR)
@click.option("--ganti", is_flag=True, help="Dengan BUKU .xlsm: ganti berkas itu sendiri (dengan cadangan).")
@click.option("--dry-run", is_flag=True, help="Tampilkan langkah tanpa mengubah apa pun.")
@click.option("--lite", is_flag=True,
              help="Untuk xlwings Lite (tanpa Python di PC): cetak main.py, requirements.txt dan langkahnya; "
                   "dengan BUKU, tulis juga ke folder BUKU_xlwings_lite di sampingnya.")
@click.option("--tombol", default=None, metavar="SHEET!SEL",
              help="Dengan --lite: sel di bawah tombol bentuk (shape) yang menjalankan skrip, mis. \"Beranda!H2\".")
@click.option("--paket", default=None,
              help="Dengan --lite: baris lakip_xl di requirements.txt (bawaan lakip_xl==VERSI; atau alamat https berkas .whl).")
@_lindungi
def pasang(buku: Path | None, ganti: bool, dry_run: bool, lite: bool, tombol: str | None, paket: str | None) -> None:
    """Siapkan PC staf, atau (dengan BUKU) pasang fungsi dan tombol lakip_xl ke workbook Anda.

    Tanpa BUKU: add-in xlwings, interpreter Python dan modul fungsi lakip_xl di PC ini. Di PC tanpa
    Excel (mis. Linux), perintah ini hanya mencetak langkah yang harus dilakukan.

    Dengan BUKU (.xlsx/.xlsm): menulis BUKU.xlsm (untuk .xlsm: BUKU_lakip.xlsm) berisi makro lakip_xl,
    sheet xlwings.conf dan sheet "Kendali LAKIP" dengan tombol "Perbarui Ringkasan"; isi lain tidak diubah.

    Dengan --lite: untuk xlwings Lite (add-in Excel, Python berjalan di dalam Excel, tanpa makro). BUKU
    sendiri tidak diubah.
    """
    if lite:
        if ganti:
            raise click.UsageError("--ganti tidak berlaku bersama --lite.")
        from lakip_xl.excel.lite import pasang_lite

        pasang_lite(buku, tombol=tombol, paket=paket, dry_run=dry_run, cetak=click.echo)
        return
    if tombol is not None or paket is not None:
        raise click.UsageError("--tombol dan --paket hanya berlaku bersama --lite.")
    if buku is None:
        if ganti:
            raise click.UsageError("--ganti hanya berlaku bersama BUKU.")
        from lakip_xl.excel.pasang import pasang as _pasang

        _pasang(dry_run=dry_run, cetak=click.echo)
        return
    from lakip_xl.excel.pasang_buku import pasang_buku

    click.echo(pasang_buku(buku, ganti=ganti, dry_run=dry_run).ringkasan())


if __name__ == "__main__":  # python -m lakip_xl.cli
    main()

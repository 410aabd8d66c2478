"""The xlwings Lite edge: the LAKIP functions and the "Perbarui Ringkasan" script on a PC without Python.

xlwings Lite (an Office add-in from Excel's add-in store) runs Python inside Excel's add-in runtime
through Pyodide (WebAssembly), on Windows, macOS and Excel on the web. A workbook's code is two texts
in the add-in's editor: main.py and requirements.txt. `lakip-xl pasang --lite` prints both (`main_py()`,
`requirements_txt()`); main.py imports the functions below, so that Lite registers them, and defines
the script, which calls `perbarui(book)`.

Same functions, same conventions as the classic edge (lakip_xl/excel/udf.py): each is a decorated
one-line call into lakip_xl.excel.konversi (ranges in as 2-D lists, same shape out, "n/a", errors as
"#N/A: <pesan>", the Indonesian help texts of konversi.BANTUAN). Lite declares every argument to Excel
as a matrix of any values and, with `ndim=2`, hands it over as a 2-D list; empty cells arrive as None
(or ""), error cells as None, dates as serial numbers, whole numbers as int (xlwings 0.37.8,
xlwings/pro/udfs_officejs.py and _xlofficejs.py).

The script runs the same live sync as the classic button (lakip_xl.excel.langsung.sinkron_langsung:
the same reader, the same summary builder, the same ownership rules) through `LiteAdapter`, the narrow
ExcelAdapter over the book object Lite passes. That book holds a snapshot of the workbook's values;
writes are queued and applied by the add-in after the script returns (xlwings/pro/_xlremote.py).
What that engine cannot do is left out, and the message says so: charts, tab colours and print setup.

Nothing here needs more than the standard library, xlwings and lakip_xl, so it runs under Pyodide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import xlwings as xw
from xlwings import arg, func, script

from lakip_xl.excel import konversi
from lakip_xl.excel.konversi import arg_dok, dok
from lakip_xl.excel.langsung import OWNED_NAME, XlwingsAdapter, _grid_spec, sinkron_langsung
from lakip_xl.xlsx.sheetspec import SheetSpec, Style, cell_ref

NAMA_SKRIP = "Perbarui Ringkasan"  # the script's name in Lite's Run button and App Mode
NAMA_TOMBOL = "TombolLAKIP"  # the shape a sheet button must be named (see langkah_lite)
FUNGSI = ("CAPAIAN", "PREDIKAT", "KETERANGAN", "CAPAIAN_SASARAN", "KUMULATIF", "SERAPAN", "ANGKA", "NILAI_AKIP")


# --------------------------------------------------------------------------------------------------
# The functions (registered by xlwings Lite once main.py imports them)


@func
@arg("target", ndim=2, doc=arg_dok("CAPAIAN", "target"))
@arg("realisasi", ndim=2, doc=arg_dok("CAPAIAN", "realisasi"))
@arg("polaritas", ndim=2, doc=arg_dok("CAPAIAN", "polaritas"))
@arg("metode", ndim=2, doc=arg_dok("CAPAIAN", "metode"))
@arg("pengaturan", ndim=2, doc=arg_dok("CAPAIAN", "pengaturan"))
@dok
def CAPAIAN(target, realisasi, polaritas=None, metode=None, pengaturan=None):
    return konversi.hitung_capaian(target, realisasi, polaritas, metode, pengaturan)


@func
@arg("nilai_capaian", ndim=2, doc=arg_dok("PREDIKAT", "nilai_capaian"))
@arg("skala", ndim=2, doc=arg_dok("PREDIKAT", "skala"))
@dok
def PREDIKAT(nilai_capaian, skala=None):
    return konversi.hitung_predikat(nilai_capaian, skala)


@func
@arg("nilai_capaian", ndim=2, doc=arg_dok("KETERANGAN", "nilai_capaian"))
@dok
def KETERANGAN(nilai_capaian):
    return konversi.hitung_keterangan(nilai_capaian)


@func
@arg("nilai_capaian", ndim=2, doc=arg_dok("CAPAIAN_SASARAN", "nilai_capaian"))
@arg("bobot", ndim=2, doc=arg_dok("CAPAIAN_SASARAN", "bobot"))
@arg("batas_atas", ndim=2, doc=arg_dok("CAPAIAN_SASARAN", "batas_atas"))
@dok
def CAPAIAN_SASARAN(nilai_capaian, bobot=None, batas_atas=None):
    return konversi.hitung_capaian_sasaran(nilai_capaian, bobot, batas_atas)


@func
@arg("nilai", ndim=2, doc=arg_dok("KUMULATIF", "nilai"))
@arg("tipe", ndim=2, doc=arg_dok("KUMULATIF", "tipe"))
@arg("penyebut", ndim=2, doc=arg_dok("KUMULATIF", "penyebut"))
@dok
def KUMULATIF(nilai, tipe=None, penyebut=None):
    return konversi.hitung_kumulatif(nilai, tipe, penyebut)


@func
@arg("pagu", ndim=2, doc=arg_dok("SERAPAN", "pagu"))
@arg("realisasi", ndim=2, doc=arg_dok("SERAPAN", "realisasi"))
@dok
def SERAPAN(pagu, realisasi):
    return konversi.hitung_serapan(pagu, realisasi)


@func
@arg("teks", ndim=2, doc=arg_dok("ANGKA", "teks"))
@dok
def ANGKA(teks):
    return konversi.hitung_angka(teks)


@func
@arg("skor", ndim=2, doc=arg_dok("NILAI_AKIP", "skor"))
@arg("bentuk", ndim=2, doc=arg_dok("NILAI_AKIP", "bentuk"))
@dok
def NILAI_AKIP(skor, bentuk=None):
    return konversi.hitung_nilai_akip(skor, bentuk)


UDF = (CAPAIAN, PREDIKAT, KETERANGAN, CAPAIAN_SASARAN, KUMULATIF, SERAPAN, ANGKA, NILAI_AKIP)


# --------------------------------------------------------------------------------------------------
# The script


def perbarui(book: Any, *, cetak: Callable[[str], None] = print) -> int:
    """The live sync of the book Lite passes to a script: 0 ok, 1 a user error, 2 an internal error
    (sinkron_langsung's codes). The message goes to `cetak` (print: Lite's output pane)."""
    return sinkron_langsung(LiteAdapter(book, cetak=cetak))


@script(name=NAMA_SKRIP)
def perbarui_ringkasan(book: xw.Book):
    """Menyusun ulang sheet ringkasan LAKIP (Pengukuran Kinerja, Capaian Sasaran, ...) dari sheet data."""
    perbarui(book)


# --------------------------------------------------------------------------------------------------
# The adapter: the ExcelAdapter over the book of xlwings Lite (xlwings' Office.js engine)

# What was not done, named in the message (Bahasa Indonesia). The first three the Office.js engine does
# not offer at all (xlwings 0.37.8); the rest only if an engine refuses the call (NotImplementedError).
TIDAK_DIDUKUNG = {
    "grafik": "grafik",
    "tab": "warna tab sheet",
    "cetak": "pengaturan cetak (orientasi, muat satu halaman, baris judul)",
    "pisah": "pemisahan sel gabungan lama",
    "gabung": "sel gabungan",
    "beku": "baris/kolom beku",
    "lebar": "lebar kolom",
    "tinggi": "tinggi baris",
    "huruf": "huruf tebal/miring/ukuran/warna",
    "warna": "warna sel",
    "format": "format angka",
    "rata": "perataan teks",
    "lipat": "teks terlipat",
    "garis": "garis tepi",
}


def _lebar_poin(karakter: float) -> float:
    """A column width in characters (what SheetSpec and the file use) as points (what Office.js sets):
    Excel's pixel width for a 7-pixel digit (Calibri 11), at 0.75 point per pixel. Approximate for
    other default fonts."""
    return round((karakter * 7 + 5) * 0.75, 2)


def persegi(sel: Iterable[tuple[int, int]]) -> list[str]:
    """Cells (row, col) as few rectangular A1 ranges: runs of adjacent columns in a row, joined with
    the same run on the rows below. The Office.js engine takes one rectangle per range, not the
    comma-separated unions the classic adapter uses."""
    per_baris: dict[int, list[int]] = {}
    for r, c in sorted(set(sel)):
        per_baris.setdefault(r, []).append(c)
    terbuka: dict[tuple[int, int], tuple[int, int]] = {}  # (c0, c1) -> (first row, last row)
    selesai: list[tuple[int, int, int, int]] = []
    for r in sorted(per_baris):
        kolom = per_baris[r]
        ruas = []
        awal = akhir = kolom[0]
        for c in kolom[1:]:
            if c == akhir + 1:
                akhir = c
            else:
                ruas.append((awal, akhir))
                awal = akhir = c
        ruas.append((awal, akhir))
        for seg in ruas:
            lama = terbuka.get(seg)
            if lama is not None and lama[1] == r - 1:
                terbuka[seg] = (lama[0], r)
            else:
                if lama is not None:
                    selesai.append((lama[0], seg[0], lama[1], seg[1]))
                terbuka[seg] = (r, r)
    selesai += [(r0, c0, r1, c1) for (c0, c1), (r0, r1) in terbuka.items()]
    out = []
    for r0, c0, r1, c1 in sorted(selesai):
        a, b = cell_ref(r0, c0), cell_ref(r1, c1)
        out.append(a if a == b else f"{a}:{b}")
    return out


class LiteAdapter(XlwingsAdapter):
    """The open workbook through the `book` xlwings Lite passes to a script.

    Reading (`rows`, `sheet_names`, `owned_sheets`) is the classic adapter's: it uses only xlwings'
    public API, which the Office.js engine implements on the snapshot of values Lite loads. Writing
    avoids what that engine refuses: reading `app.screen_updating`, `.api` (COM objects), union
    addresses ("A1,C3"), hiding a defined name. Formatting an engine does not support
    (NotImplementedError) is skipped and named in the message, never a reason to stop the sync."""

    def __init__(self, book: Any, *, cetak: Callable[[str], None] = print):
        super().__init__(book)
        self.cetak = cetak
        self.dilewati: set[str] = set()  # keys of TIDAK_DIDUKUNG

    # --- ownership and messages

    def set_owned_sheets(self, names: list[str]) -> None:
        from lakip_xl.xlsx.owned import encode_owned

        for name in self.book.names:
            if name.name == OWNED_NAME:
                name.delete()
                break
        # No hiding: Office.js names have a `visible` flag, but xlwings' API does not set it; the marker
        # shows in Name Manager (Formulas > Name Manager) as "_lakipxl_milik". Do not delete it.
        self.book.names.add(OWNED_NAME, "=" + encode_owned(names))

    def message(self, text: str) -> None:
        catatan = [TIDAK_DIDUKUNG[k] for k in TIDAK_DIDUKUNG if k in self.dilewati]
        if catatan:
            text += ("\n\nCatatan: di xlwings Lite bagian berikut tidak dibuat: " + "; ".join(catatan)
                     + ". Untuk sheet ringkasan yang lengkap, jalankan 'lakip-xl sync BUKU' di komputer yang "
                     "memiliki Python.")
        self.cetak(text)

    # --- writing

    def write_sheet(self, spec: SheetSpec) -> None:
        self._tulis(spec)  # screen updating: the engine cannot read it back, and batches writes anyway

    def _coba(self, kunci: str, fn: Callable[[], Any]) -> None:
        try:
            fn()
        except NotImplementedError:
            self.dilewati.add(kunci)

    def _tulis(self, spec: SheetSpec) -> None:
        if spec.name in self.sheet_names():
            sht = self.book.sheets[spec.name]
            self._coba("grafik", lambda: [c.delete() for c in list(sht.charts)])
            self._coba("pisah", lambda: sht.cells.unmerge())
            sht.clear()  # contents and formats
            self._coba("beku", lambda: sht.freeze_panes.unfreeze())
        else:
            sht = self.book.sheets.add(spec.name, after=self.book.sheets[-1])
        if spec.cells:
            # Office.js writes formulas with dynamic-array semantics (there is no separate Formula2)
            sht.range((1, 1), (spec.max_row, spec.max_col)).formula = _grid_spec(spec)
        gaya: dict[Style, list[tuple[int, int]]] = {}
        for rc, cell in spec.cells.items():
            if cell.style is not None:
                gaya.setdefault(cell.style, []).append(rc)
        for style, sel in gaya.items():
            for bagian in persegi(sel):
                self._gaya(sht.range(bagian), style)
        for merge in spec.merges:
            self._coba("gabung", lambda m=merge: sht.range(m).merge())
        for col, width in spec.col_widths.items():
            self._coba("lebar", lambda c=col, w=width: setattr(sht.range((1, c)), "column_width", _lebar_poin(w)))
        for row, height in spec.row_heights.items():
            self._coba("tinggi", lambda r=row, h=height: setattr(sht.range((r, 1)), "row_height", h))
        if spec.freeze:
            self._coba("beku", lambda: sht.freeze_panes.freeze_at(spec.freeze))
        if spec.tab_color:
            self.dilewati.add("tab")  # xlwings has no tab colour outside COM (`.api.Tab.Color`)
        if spec.print_title_rows or spec.fit_width or not spec.landscape:
            self.dilewati.add("cetak")  # xlwings' page_setup offers only print_area here
        if spec.charts:
            self.dilewati.add("grafik")  # the data table under each chart is written; the chart is not

    def _gaya(self, rng: Any, style: Style) -> None:
        coba = self._coba
        if style.bold:
            coba("huruf", lambda: setattr(rng.font, "bold", True))
        if style.italic:
            coba("huruf", lambda: setattr(rng.font, "italic", True))
        if style.size:
            coba("huruf", lambda: setattr(rng.font, "size", style.size))
        if style.font_color:
            coba("huruf", lambda: setattr(rng.font, "color", "#" + style.font_color))
        if style.fill:
            coba("warna", lambda: setattr(rng, "color", "#" + style.fill))
        if style.number_format:
            coba("format", lambda: setattr(rng, "number_format", style.number_format))
        if style.halign:
            coba("rata", lambda: setattr(rng, "horizontal_alignment", style.halign))
        if style.valign:
            coba("rata", lambda: setattr(rng, "vertical_alignment", style.valign))
        if style.wrap:
            coba("lipat", lambda: setattr(rng, "wrap_text", True))
        if style.border:
            coba("garis", lambda: setattr(rng.borders, "line_style", "continuous"))
            coba("garis", lambda: setattr(rng.borders, "weight", "thin"))


# --------------------------------------------------------------------------------------------------
# What the user pastes into the xlwings Lite editor


def main_py(tombol: str | None = None) -> str:
    """The text of main.py: imports the eight functions (so Lite registers them) and defines the script.

    The script is defined here, not only imported, because Lite finds scripts by reading main.py's
    source for functions decorated with `script` (xlwings-server, app/lite/main.py, get_xlwings_scripts).
    `tombol`: "Sheet!A1", the cell a sheet button's hyperlink points to (see langkah_lite)."""
    from importlib.metadata import version

    opsi = f'name="{NAMA_SKRIP}"'
    if tombol:
        sheet, _, sel = tombol.rpartition("!")
        opsi += f', button="[{NAMA_TOMBOL}]{sheet}!{sel}", show_taskpane=True'
    impor = ", ".join(sorted(FUNGSI))
    return (
        f'"""lakip_xl {version("lakip_xl")} untuk xlwings Lite: fungsi LAKIP (=CAPAIAN, =PREDIKAT, ...) dan skrip\n'
        f'"{NAMA_SKRIP}". Dibuat oleh `lakip-xl pasang --lite`; tempel seluruh isi berkas ini ke tab\n'
        'main.py di editor xlwings Lite. Aturan LAKIP ada di paket lakip_xl (lihat requirements.txt)."""\n'
        "\n"
        "import xlwings as xw\n"
        "from xlwings import script\n"
        "\n"
        "# Diimpor agar xlwings Lite mendaftarkan kedelapan fungsi di Excel.\n"
        f"from lakip_xl.excel.lite import {impor}  # noqa: F401\n"
        "from lakip_xl.excel.lite import perbarui\n"
        "\n"
        "\n"
        f"@script({opsi})\n"
        "def perbarui_ringkasan(book: xw.Book):\n"
        '    """Menyusun ulang sheet ringkasan LAKIP dari sheet data (seperti tombol Perbarui Ringkasan)."""\n'
        "    perbarui(book)\n"
    )


def requirements_txt(paket: str | None = None) -> str:
    """The text of requirements.txt: xlwings at the version lakip_xl is tested with, and lakip_xl.

    `paket`: how Lite finds lakip_xl: a pinned name (default `lakip_xl==<this version>`, from PyPI) or
    the https address of its wheel. lakip_xl's own dependencies carry `sys_platform != "emscripten"`
    (pyproject.toml), so under Pyodide it pulls in nothing but xlwings, a pure-Python wheel."""
    from importlib.metadata import version

    from lakip_xl.excel.vba import XLWINGS_VERSION

    return (
        "# lakip_xl untuk xlwings Lite (dibuat oleh lakip-xl pasang --lite)\n"
        f"xlwings=={XLWINGS_VERSION}\n"
        f"{paket or 'lakip_xl==' + version('lakip_xl')}\n"
    )


def langkah_lite(tombol: str | None = None, *, folder: Path | None = None) -> list[str]:
    """The steps for a staff PC with xlwings Lite, in Bahasa Indonesia."""
    asal = f"folder {folder}" if folder else "keluaran perintah ini (di atas)"
    baris = [
        "Cara memasang fungsi dan skrip LAKIP dengan xlwings Lite (tanpa Python di PC, tanpa makro):",
        "1. Buka workbook LAKIP di Excel (Microsoft 365 atau Office 2021 ke atas di Windows/macOS, atau Excel "
        "di web). Simpan sebagai .xlsx biasa; makro tidak diperlukan.",
        "2. Pasang add-in sekali per pengguna: Home > Add-ins (atau Insert > Get Add-ins), cari \"xlwings\", "
        "pilih xlwings Lite, klik Add. Tombol xlwings Lite muncul di ujung kanan tab Home.",
        "3. Klik tombol xlwings Lite: editor terbuka di panel kanan.",
        f"4. Buka tab requirements.txt di editor, hapus isinya, tempel isi requirements.txt dari {asal}. "
        "Mulai ulang xlwings Lite (menu xlwings Lite > Restart) agar paket terpasang.",
        f"5. Buka tab main.py, hapus isinya, tempel isi main.py dari {asal}.",
        "6. Coba: ketik =CAPAIAN(100;50) di sel kosong (Excel berbahasa Inggris: =CAPAIAN(100,50)). "
        "Hasilnya harus 50.",
        f"7. Skrip \"{NAMA_SKRIP}\": pilih di tombol Run xlwings Lite (atau tekan F5). Pesan hasilnya "
        "tampil di panel Output xlwings Lite. Simpan workbook (Ctrl+S) setelahnya.",
    ]
    if tombol:
        sheet, _, sel = tombol.rpartition("!")
        baris.append(
            f"8. Tombol di sheet (opsional): di sheet '{sheet}', Insert > Shapes, gambar kotak di atas sel {sel}, "
            f"beri teks \"{NAMA_SKRIP}\". Klik kotak itu, ketik {NAMA_TOMBOL} di Name Box (kiri atas), Enter. "
            f"Klik kanan kotak > Link > Place in This Document, sheet '{sheet}', sel {sel}, OK. Mulai ulang "
            "xlwings Lite. (Buat tombolnya di Excel desktop: Excel di web mungkin tidak dapat menautkan bentuk.)")
    baris += [
        "Kode tersimpan di dalam workbook: PC lain cukup memasang add-in xlwings Lite (langkah 2).",
        "xlwings Lite memerlukan internet saat dimulai (add-in, Python dan paket diunduh). Tanpa internet "
        "anggap fungsi dan skrip tidak tersedia; nilai yang sudah terhitung tetap terlihat.",
        "Panduan lengkap: docs/panduan.md, bagian \"Dua cara memakai fungsi LAKIP\".",
    ]
    return baris


@dataclass
class HasilLite:
    """What `pasang_lite` printed and wrote."""

    baris: list[str]
    ditulis: list[Path] = field(default_factory=list)


def folder_lite(buku: Path) -> Path:
    """Where `pasang --lite BUKU` writes: a folder beside BUKU named after it."""
    return buku.with_name(f"{buku.stem}_xlwings_lite")


def pasang_lite(buku: Path | None = None, *, tombol: str | None = None, paket: str | None = None,
                dry_run: bool = False, cetak: Callable[[str], None] = print) -> HasilLite:
    """`lakip-xl pasang --lite [BUKU]`: print main.py, requirements.txt and the steps; with BUKU also write
    them into folder_lite(BUKU) (main.py, requirements.txt, LANGKAH.txt). The workbook itself is only
    checked to exist, never opened for writing: where xlwings Lite keeps its code inside a workbook is
    not documented publicly, so lakip_xl does not write it there.

    A file already in that folder with other content is not replaced (BerkasError, nothing written)."""
    from lakip_xl.berkas.safety import tulis_atomik
    from lakip_xl.errors import BerkasError

    if tombol is not None:
        tombol = _periksa_tombol(tombol)
    isi = {"main.py": main_py(tombol), "requirements.txt": requirements_txt(paket)}
    folder = folder_lite(buku) if buku is not None else None
    langkah = langkah_lite(tombol, folder=folder)
    isi["LANGKAH.txt"] = "\n".join(langkah) + "\n"
    tulis: dict[Path, bytes] = {}
    if buku is not None:
        if not buku.is_file():
            raise BerkasError(f"Berkas {buku} tidak ditemukan.", saran="Periksa nama dan folder berkas.",
                              berkas=str(buku))
        for nama, teks in isi.items():
            p = folder / nama
            data = teks.encode("utf-8")
            if p.exists() and p.read_bytes() != data:
                raise BerkasError(
                    f"{nama} sudah ada di folder {folder.name} dengan isi lain; tidak ada yang ditulis.",
                    saran=f"Pindahkan atau hapus folder {folder.name} (simpan dulu bila Anda mengubahnya), "
                          "lalu ulangi perintah.", berkas=str(p))
            tulis[p] = data
    baris: list[str] = []

    def lapor(teks: str) -> None:
        baris.append(teks)
        cetak(teks)

    for nama in ("main.py", "requirements.txt"):
        lapor(f"===== {nama} =====")
        for b in isi[nama].rstrip("\n").split("\n"):
            lapor(b)
    lapor("=====")
    for b in langkah:
        lapor(b)
    hasil = HasilLite(baris=baris)
    if buku is not None:
        lapor("")
        if dry_run:
            lapor(f"[uji coba] Tidak ada yang ditulis. Tanpa --dry-run, berkas ditulis ke folder {folder}: "
                  + ", ".join(isi))
        else:
            folder.mkdir(exist_ok=True)
            sama = []
            for p, data in tulis.items():
                if p.exists():
                    sama.append(p.name)  # the same content (checked above): nothing to write
                else:
                    tulis_atomik(p, data, backups=0)
                    hasil.ditulis.append(p)
            teks = f"Folder {folder}: "
            if hasil.ditulis:
                teks += "ditulis " + ", ".join(p.name for p in hasil.ditulis)
            if sama:
                teks += ("; " if hasil.ditulis else "") + "sudah ada dan sama: " + ", ".join(sama)
            lapor(teks + f". Workbook {buku.name} tidak diubah.")
    return hasil


def _periksa_tombol(tombol: str) -> str:
    """"Sheet!H2" (quotes around the sheet and $ allowed) -> "Sheet!H2"; a user error otherwise."""
    import re

    from lakip_xl.errors import LakipError
    from lakip_xl.xlsx.sheetspec import MAX_COL, MAX_ROW, parse_ref, valid_sheet_name

    sheet, pisah, sel = tombol.strip().rpartition("!")
    sheet = sheet.strip()
    if len(sheet) >= 2 and sheet[0] == sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    sel = sel.strip().upper().replace("$", "")
    m = re.fullmatch(r"([A-Z]{1,3})([1-9][0-9]{0,6})", sel)
    ok = bool(pisah) and valid_sheet_name(sheet) and m is not None
    if ok:
        baris, kolom = parse_ref(sel)
        ok = kolom <= MAX_COL and baris <= MAX_ROW
    if not ok:
        raise LakipError(f"--tombol '{tombol}' tidak dapat dibaca (perlu nama sheet dan satu sel).",
                         saran="Tulis misalnya --tombol \"Beranda!H2\" (sel di bawah kotak tombol).")
    return f"{sheet}!{sel}"


__all__ = [
    "CAPAIAN", "PREDIKAT", "KETERANGAN", "CAPAIAN_SASARAN", "KUMULATIF", "SERAPAN", "ANGKA", "NILAI_AKIP", "UDF",
    "perbarui", "perbarui_ringkasan", "LiteAdapter", "persegi", "main_py", "requirements_txt",
    "langkah_lite", "pasang_lite", "folder_lite", "HasilLite", "NAMA_SKRIP", "NAMA_TOMBOL",
]

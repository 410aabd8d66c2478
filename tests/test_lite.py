"""The xlwings Lite edge (lakip_xl/excel/lite.py) under CPython, and `lakip-xl pasang --lite`.

On Linux `from xlwings import func, arg, ret, script` (xlwings 0.37.8) gives decorators that return the
function unchanged and record nothing. xlwings Lite runs with XLWINGS_ON_SERVER=true, where the same
import gives xlwings' Office.js decorators (xlwings/server.py -> xlwings/pro/udfs_officejs.py), and its
glue code calls `custom_functions_meta`, `custom_functions_call` and `custom_scripts_call` of that
module (xlwings-server, app/lite/main.py). Those tests run in a subprocess with XLWINGS_ON_SERVER=true
and XLWINGS_LICENSE_KEY=noncommercial (xlwings' PRO code checks for a key on import; "noncommercial" is
its PolyForm Noncommercial key, used here for testing only): the generated main.py is executed as the
module "main", the metadata Excel would receive is read, each function is called with arguments
encoded as Office.js sends them, and the script runs against xlwings' own Office.js book
(xlwings/pro/_xlremote.py) built from the sample workbook; the actions it queues are replayed into
sheets and compared with what `lakip-xl sync` writes into the file.

The same comparison runs in-process against FakeBook, a duck-typed book with the xlwings API the
adapter uses (the FakeAdapter pattern of tests/test_excel_live.py, one level lower).
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lakip_xl.excel import konversi, lite, udf
from lakip_xl.xlsx.sheetspec import cell_ref, col_letter, parse_ref

ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "workbooks" / "contoh_depok_2020.xlsx"


# --------------------------------------------------------------------------------------------------
# The sample workbook as Lite's book holds it, and as `lakip-xl sync` writes it


def _nilai_lite(v):
    """A cell of the workbook as Office.js gives it to Python: whole numbers int, blanks empty."""
    if v == "" or v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v


@pytest.fixture(scope="module")
def lembar_contoh() -> dict[str, list[list]]:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(CONTOH))
    return {n: [[_nilai_lite(v) for v in r] for r in wb.get_sheet_by_name(n).to_python(skip_empty_area=False)]
            for n in wb.sheet_names}


@pytest.fixture(scope="module")
def hasil_sync(tmp_path_factory):
    """The sample after `lakip-xl sync` (the file path), opened with openpyxl (formulas, not values)."""
    import openpyxl

    from lakip_xl.sync import sinkron

    p = tmp_path_factory.mktemp("sync") / CONTOH.name
    shutil.copyfile(CONTOH, p)
    sinkron(p, backups=0)
    return openpyxl.load_workbook(p)


class Lembar:
    """What a sheet received: cells (value or "=formula" as written), formats per cell, merges."""

    def __init__(self):
        self.isi: dict[tuple[int, int], object] = {}
        self.format: dict[tuple[int, int], dict[str, object]] = {}
        self.merges: list[str] = []


def _banding(nama: str, lembar: Lembar, wb) -> list[str]:
    """Differences between a sheet written through the Lite adapter and the same sheet in the synced
    file: values and formulas (cells covered by a merge other than its top-left one are not kept by Excel
    and not written by the file sync), merges, number formats, bold, fill."""
    ws = wb[nama]
    tertutup = set()
    for m in ws.merged_cells.ranges:
        c0, r0, c1, r1 = m.bounds
        tertutup |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    beda = []
    kunci = set(lembar.isi) | {(c.row, c.column) for row in ws.iter_rows() for c in row if c.value is not None}
    for rc in sorted(kunci - tertutup):
        a, b = lembar.isi.get(rc), ws.cell(*rc).value
        if isinstance(a, str) and a.startswith("'"):
            a = a[1:]  # forced to text in Excel: the apostrophe is not part of the value
        a, b = (None if a == "" else a), (None if b == "" else b)
        if a != b:
            beda.append(f"{nama}!{cell_ref(*rc)}: {a!r} != {b!r}")
    if sorted(lembar.merges) != sorted(str(m) for m in ws.merged_cells.ranges):
        beda.append(f"{nama}: merges {sorted(lembar.merges)} != {sorted(str(m) for m in ws.merged_cells.ranges)}")
    for row in ws.iter_rows():  # every format in the file was applied, and nothing else (below)
        for c in row:
            f = lembar.format.get((c.row, c.column), {})
            if (c.row, c.column) in tertutup:
                continue
            if c.number_format != "General" and "number_format" not in f:
                beda.append(f"{nama}!{c.coordinate}: format {c.number_format!r} not applied")
            if c.font.b and not f.get("bold"):
                beda.append(f"{nama}!{c.coordinate}: bold not applied")
            if c.fill.fill_type == "solid" and "color" not in f:
                beda.append(f"{nama}!{c.coordinate}: fill not applied")
    for rc, f in lembar.format.items():
        if rc in tertutup:
            continue
        c = ws.cell(*rc)
        if "number_format" in f and f["number_format"] != c.number_format:
            beda.append(f"{nama}!{cell_ref(*rc)}: format {f['number_format']!r} != {c.number_format!r}")
        if f.get("bold") and not c.font.b:
            beda.append(f"{nama}!{cell_ref(*rc)}: not bold in the file")
        if "color" in f and c.fill.fgColor.rgb[-6:].upper() != str(f["color"]).lstrip("#").upper():
            beda.append(f"{nama}!{cell_ref(*rc)}: fill {f['color']} != {c.fill.fgColor.rgb}")
    return beda


RINGKASAN = ["Ikhtisar", "Pengukuran Kinerja", "Capaian Sasaran", "Perbandingan Tahunan", "Capaian Renstra",
             "Efisiensi Anggaran", "Realisasi Anggaran", "Capaian Triwulan", "Pemeriksaan"]


# --------------------------------------------------------------------------------------------------
# FakeBook: the xlwings API the adapter uses, in memory


def _sel(a):
    if isinstance(a, tuple):
        return a
    return parse_ref(a)


class _Titik:
    def __init__(self, row, column):
        self.row, self.column = row, column


class _Atribut:
    """font / borders: every attribute set is recorded on the range's cells with a prefix."""

    def __init__(self, rng, awalan):
        self.__dict__.update(_rng=rng, _awalan=awalan)

    def __setattr__(self, k, v):
        self._rng._format(self._awalan + k, v)


class FakeRange:
    def __init__(self, sheet, a, b=None):
        if isinstance(a, str) and ":" in a:
            a, b = a.split(":")
        a = _sel(a)
        b = _sel(b) if b is not None else a
        self.__dict__.update(sheet=sheet, r0=a[0], c0=a[1], r1=b[0], c1=b[1])

    @property
    def address(self):
        a, b = cell_ref(self.r0, self.c0), cell_ref(self.r1, self.c1)
        return a if a == b else f"{a}:{b}"

    @property
    def last_cell(self):
        return _Titik(self.r1, self.c1)

    def options(self, ndim=None):
        return self

    @property
    def value(self):
        v = self.sheet.values
        return [[v[r - 1][c - 1] if r <= len(v) and c <= len(v[r - 1]) else None
                 for c in range(self.c0, self.c1 + 1)] for r in range(self.r0, self.r1 + 1)]

    def _format(self, k, v):
        for r in range(self.r0, self.r1 + 1):
            for c in range(self.c0, self.c1 + 1):
                self.sheet.lembar.format.setdefault((r, c), {})[k] = v

    @property
    def font(self):
        return _Atribut(self, "")

    @property
    def borders(self):
        return _Atribut(self, "border_")

    def __setattr__(self, k, v):
        if k == "formula":
            for i, row in enumerate(v):
                for j, x in enumerate(row):
                    self.sheet.lembar.isi[(self.r0 + i, self.c0 + j)] = x
        elif k in ("color", "number_format", "horizontal_alignment", "vertical_alignment", "wrap_text"):
            self._format(k, v)
        elif k == "column_width":
            self.sheet.lebar[self.c0] = v
        elif k == "row_height":
            self.sheet.tinggi[self.r0] = v
        else:
            raise AttributeError(k)

    def merge(self):
        self.sheet.lembar.merges.append(self.address)

    def unmerge(self):
        self.sheet.lembar.merges.clear()


class _Beku:
    def __init__(self, sheet):
        self.sheet = sheet

    def freeze_at(self, a):
        self.sheet.freeze = a

    def unfreeze(self):
        self.sheet.freeze = None


class FakeSheet:
    def __init__(self, book, name, values):
        self.book, self.name, self.values = book, name, values
        self.lembar, self.lebar, self.tinggi, self.freeze, self.charts = Lembar(), {}, {}, None, []

    @property
    def used_range(self):
        return FakeRange(self, (1, 1), (max(len(self.values), 1), max((len(r) for r in self.values), default=1)))

    @property
    def cells(self):
        return FakeRange(self, (1, 1), (1048576, 16384))

    def range(self, a, b=None):
        return FakeRange(self, a, b)

    def clear(self):
        self.values, self.lembar = [], Lembar()

    @property
    def freeze_panes(self):
        return _Beku(self)


class FakeSheets:
    def __init__(self, book):
        self.book, self.daftar = book, []

    def __getitem__(self, k):
        if isinstance(k, int):
            return self.daftar[k]
        return next(s for s in self.daftar if s.name.lower() == k.lower())

    def __iter__(self):
        return iter(list(self.daftar))

    def add(self, name, after=None):
        s = FakeSheet(self.book, name, [])
        self.daftar.insert(self.daftar.index(after) + 1, s)
        return s


class _Nama:
    def __init__(self, names, name, refers_to):
        self.names, self.name, self.refers_to = names, name, refers_to

    def delete(self):
        self.names.daftar.remove(self)


class FakeNames:
    def __init__(self):
        self.daftar = []

    def __iter__(self):
        return iter(list(self.daftar))

    def add(self, name, refers_to):
        self.daftar.append(_Nama(self, name, refers_to))
        return self.daftar[-1]


class FakeBook:
    def __init__(self, sheets: dict[str, list[list]], name="contoh_depok_2020.xlsx"):
        self.name, self.sheets, self.names = name, FakeSheets(self), FakeNames()
        self.sheets.daftar = [FakeSheet(self, n, [list(r) for r in rows]) for n, rows in sheets.items()]


# --------------------------------------------------------------------------------------------------
# The rules core needs nothing but the standard library


def test_inti_dan_sinkron_tanpa_pustaka_pihak_ketiga():
    # A fresh interpreter: importing lakip_xl, calling the rules, the seven conversions and the live sync
    # (reader, summary builder, ownership) on an in-memory workbook loads no third-party module.
    kode = textwrap.dedent("""
        import sys
        awal = set(sys.modules)
        import lakip_xl
        from lakip_xl import capaian, predikat, keterangan, realisasi_sampai, capaian_sasaran, serapan, parse_angka
        from lakip_xl.excel import konversi as k
        from lakip_xl.excel.langsung import FakeAdapter, sinkron_langsung
        c = capaian("77,33%", "34,67%"); predikat(c); keterangan(c); capaian_sasaran([c, None])
        realisasi_sampai([parse_angka("1.145"), 150], "kumulatif", parse_angka("1.264.373")); serapan(10, 9)
        k.hitung_capaian([[40], ["BB"]], [[85.6], ["B"]]); k.hitung_predikat(214); k.hitung_keterangan(104)
        k.hitung_capaian_sasaran([[44.83], [43.79]]); k.hitung_kumulatif([[100, 114]], "Kumulatif", 250)
        k.hitung_serapan(100, 87); k.hitung_angka("45,1 M")
        kepala = ["Kode Sasaran", "Sasaran Strategis", "Kode Indikator", "Indikator Kinerja", "Satuan", "Polaritas",
                  "Tipe Penghitungan", "Skala Nilai", "Penyebut", "Target Renstra", "Bobot", "Formulasi", "Sumber Data"]
        fake = FakeAdapter({
            "Pengaturan": [["Pengaturan", "Nilai"], ["Tahun Laporan", 2020], ["Awal Renstra", 2016], ["Akhir Renstra", 2021]],
            "Indikator": [kepala, ["S3", "Peran koperasi", "IK3", "Koperasi aktif", "%", "positif", "Kumulatif",
                                   None, None, 81.04, None, None, None]],
            "Realisasi": [["Kode Indikator", "Tahun", "Triwulan", "Target", "Realisasi"], ["IK3", 2020, None, 77.33, 34.67]],
        })
        assert sinkron_langsung(fake) == 0, fake.pesan
        assert "Pengukuran Kinerja" in fake.ditulis
        baru = {m.split(".")[0] for m in set(sys.modules) - awal}
        print(sorted(m for m in baru if m not in sys.stdlib_module_names and m != "lakip_xl" and not m.startswith("_")))
    """)
    out = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------------------------------
# The functions, as Python (decorators are no-ops here)


def test_dekorator_xlwings_ada_dan_kosong_di_linux():
    import xlwings
    from xlwings import arg, func, ret, script  # noqa: F401 - the names xlwings Lite's main.py uses

    assert xlwings.__version__ == "0.37.8"
    assert not any(hasattr(f, "__xlfunc__") for f in lite.UDF)  # nothing recorded outside Lite/Server
    assert not hasattr(lite.perbarui_ringkasan, "__xlscript__")


def test_nama_tanda_tangan_dan_bantuan_sama_dengan_udf():
    import inspect

    assert [f.__name__ for f in lite.UDF] == [f.__name__ for f in udf.UDF] == list(lite.FUNGSI)
    for a, b in zip(lite.UDF, udf.UDF):
        assert inspect.signature(a) == inspect.signature(b)
        assert a.__doc__ == b.__doc__ == konversi.BANTUAN[a.__name__].keterangan
        assert list(inspect.signature(a).parameters) == list(konversi.BANTUAN[a.__name__].argumen)


# (function, 2-D arguments as Office.js passes them)
PANGGILAN = [
    ("CAPAIAN", [[[40]], [[85.6]]]),
    ("CAPAIAN", [[[77.33], [40], ["103 M"], ["BB"], [0], [None], [10]],
                 [[34.67], [85.6], ["45,1 M"], ["B"], [5], [None], [5]], [[None], [None], [None], [None], [None], [None], ["negatif"]]]),
    ("CAPAIAN", [[["80 - 90"]], [[92]], [["rentang"]], None]),
    ("CAPAIAN", [[[10]], [[5]], [["aneh"]]]),
    ("PREDIKAT", [[[214], [100], [44.83], ["n/a"]]]),
    ("PREDIKAT", [[[90]], [["permendagri54"]]]),
    ("KETERANGAN", [[[104], [100], [73.55]]]),
    ("CAPAIAN_SASARAN", [[[44.83], [43.79]]]),
    ("CAPAIAN_SASARAN", [[[80], [100]], [[1], [3]]]),
    ("KUMULATIF", [[[100, 114]], [["Kumulatif"]], [[250]]]),
    ("KUMULATIF", [[[89.93, 44, 34.67]], [["non kumulatif"]]]),
    ("SERAPAN", [[[11347257853]], [[9978832816]]]),
    ("SERAPAN", [[["Rp 4.926.982.500"]], [["4.317.115.936"]]]),
    ("ANGKA", [[["1.264.373"], ["34,67%"], ["45,1 M"], ["80 - 90"]]]),
]


@pytest.mark.parametrize("nama, args", PANGGILAN)
def test_fungsi_lite_sama_dengan_udf(nama, args):
    assert getattr(lite, nama)(*args) == getattr(udf, nama)(*args)


def test_fungsi_lite_nilai_aturan():
    assert lite.CAPAIAN([[40]], [[85.6]]) == 214.0  # seed: 85.6 / 40
    assert lite.CAPAIAN(*PANGGILAN[1][1]) == [[44.83], [214.0], [43.79], [80.0], ["n/a"], [None], [150.0]]
    assert lite.PREDIKAT([[90]], [["permendagri54"]]) == "Baik"
    assert lite.KETERANGAN([[104]]) == "Telah melampaui target"
    assert lite.CAPAIAN_SASARAN([[44.83], [43.79]]) == 44.31
    assert lite.KUMULATIF([[100, 114]], [["Kumulatif"]], [[250]]) == 85.6
    assert lite.SERAPAN([[11347257853]], [[9978832816]]) == 87.94
    assert lite.ANGKA([["45,1 M"]]) == 45100000000.0
    # Lite passes empty cells as None or "" and whole numbers as int: the same values as floats
    assert lite.CAPAIAN([[40], [""], [None]], [[85.6], [""], [3]]) == [[214.0], [None], ["n/a"]]
    assert lite.CAPAIAN([[77.0]], [[34.0]]) == lite.CAPAIAN([[77]], [[34]])


# --------------------------------------------------------------------------------------------------
# main.py and requirements.txt


def test_main_py_mendaftarkan_fungsi_dan_skrip():
    teks = lite.main_py()
    tree = ast.parse(teks)
    # xlwings Lite lists the scripts of main.py by reading its source (functions whose decorator
    # mentions "script"), so the script is defined there, not only imported
    skrip = [n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)
             and any("script" in ast.unparse(d) for d in n.decorator_list)]
    assert skrip == ["perbarui_ringkasan"]
    ns: dict = {}
    exec(compile(teks, "main.py", "exec"), ns)  # noqa: S102 - imports the functions like Lite does
    for f in lite.UDF:
        assert ns[f.__name__] is f
    assert 'button="[TombolLAKIP]Beranda!H2", show_taskpane=True' in lite.main_py("Beranda!H2")


def test_requirements_hanya_yang_terpasang_di_pyodide():
    import tomllib

    from packaging.markers import default_environment
    from packaging.requirements import Requirement

    from lakip_xl import __version__

    baris = [b for b in lite.requirements_txt().splitlines() if b and not b.startswith("#")]
    assert baris == ["xlwings==0.37.8", f"lakip_xl=={__version__}"]
    assert lite.requirements_txt("https://contoh.go.id/lakip_xl-0.1.0-py3-none-any.whl").splitlines()[-1].startswith(
        "https://")
    # lakip_xl's own dependencies under Pyodide (sys_platform "emscripten"): only xlwings, which has a
    # pure-Python wheel; python-calamine>=0.9, pandas, lxml... are needed by the CLI only.
    env = {**default_environment(), "sys_platform": "emscripten", "platform_system": "Emscripten",
           "platform_machine": "wasm32"}
    deps = [Requirement(d) for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]]
    di_pyodide = [str(r) for r in deps if r.marker is None or r.marker.evaluate(env)]
    assert di_pyodide == ["xlwings==0.37.8"]
    assert len([r for r in deps if r.marker is None or r.marker.evaluate(default_environment())]) == len(deps)


# --------------------------------------------------------------------------------------------------
# The script against FakeBook


def test_skrip_fakebook_sama_dengan_sync_berkas(lembar_contoh, hasil_sync):
    book = FakeBook(lembar_contoh)
    pesan: list[str] = []
    assert lite.perbarui(book, cetak=pesan.append) == 0
    nama = [s.name for s in book.sheets]
    assert nama == hasil_sync.sheetnames  # the same sheets in the same order
    assert nama[-len(RINGKASAN):] == RINGKASAN
    beda = [b for n in RINGKASAN for b in _banding(n, book.sheets[n].lembar, hasil_sync)]
    assert beda == []
    assert [(n.name, n.refers_to) for n in book.names] == [
        ("_lakipxl_milik", '="' + "|".join(RINGKASAN) + '"')]
    (teks,) = pesan
    assert teks.startswith(f"Ringkasan diperbarui: {len(RINGKASAN)} sheet ditulis ulang")
    assert "grafik" in teks and "lakip-xl sync" in teks  # what Lite leaves out is said
    pk = book.sheets["Pengukuran Kinerja"]
    assert pk.freeze and pk.lebar  # layout the engine supports is applied
    assert all(isinstance(w, float) and w > 10 for w in pk.lebar.values())  # points, not characters


def test_skrip_kedua_kali_menimpa_milik_sendiri(lembar_contoh, hasil_sync):
    book = FakeBook(lembar_contoh)
    assert lite.perbarui(book, cetak=lambda t: None) == 0
    assert lite.perbarui(book, cetak=lambda t: None) == 0
    assert [s.name for s in book.sheets] == hasil_sync.sheetnames  # no duplicate sheets
    assert [b for n in RINGKASAN for b in _banding(n, book.sheets[n].lembar, hasil_sync)] == []
    assert len(list(book.names)) == 1


def test_skrip_tidak_menimpa_sheet_pengguna(lembar_contoh):
    sheets = dict(lembar_contoh)
    sheets["Ikhtisar"] = [["catatan saya"]]  # a user's own sheet with a generated sheet's name
    book = FakeBook(sheets)
    pesan: list[str] = []
    assert lite.perbarui(book, cetak=pesan.append) == 1
    assert all(not s.lembar.isi for s in book.sheets)  # nothing written
    assert book.sheets["Ikhtisar"].values == [["catatan saya"]] and list(book.names) == []
    assert "bukan buatan lakip_xl" in pesan[0] and "Traceback" not in pesan[0]


def test_fitur_yang_ditolak_mesin_dilewati_dan_disebut(lembar_contoh, monkeypatch):
    def tolak(self):
        raise NotImplementedError("merge")

    monkeypatch.setattr(FakeRange, "merge", tolak)
    book = FakeBook(lembar_contoh)
    pesan: list[str] = []
    assert lite.perbarui(book, cetak=pesan.append) == 0
    assert "sel gabungan" in pesan[0] and book.sheets["Ikhtisar"].lembar.isi
    # every refusal the adapter can record has its Indonesian name for the message
    import re

    kunci = set(re.findall(r'coba\("([a-z]+)"', Path(lite.__file__).read_text(encoding="utf-8")))
    assert kunci and kunci <= set(lite.TIDAK_DIDUKUNG)


def test_persegi():
    assert lite.persegi([(1, 1)]) == ["A1"]
    assert lite.persegi([(1, 1), (1, 2), (2, 1), (2, 2), (3, 1), (3, 2)]) == ["A1:B3"]
    assert lite.persegi([(1, 1), (1, 3), (2, 1)]) == ["A1:A2", "C1"]
    sel = {(r, c) for r in range(1, 40) for c in range(1, 9) if (r * c) % 3}
    hasil = set()
    for bagian in lite.persegi(sel):
        a, _, b = bagian.partition(":")
        (r0, c0), (r1, c1) = parse_ref(a), parse_ref(b or a)
        blok = {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        assert not blok & hasil  # rectangles do not overlap
        hasil |= blok
    assert hasil == sel


# --------------------------------------------------------------------------------------------------
# In xlwings Lite's mode: xlwings' Office.js decorators, calls and book (subprocess)

MODE_LITE = textwrap.dedent(r'''
    import asyncio, contextlib, io, json, sys
    import xlwings as xw
    from xlwings.pro import _xlremote as R
    from xlwings.server import custom_functions_call, custom_functions_meta, custom_scripts_call, custom_scripts_meta

    m = json.load(sys.stdin)
    main = type(sys)("main")
    exec(m["main"], main.__dict__)  # as xlwings Lite executes the workbook's main.py
    sys.modules["main"] = main
    out = {"meta": custom_functions_meta(main), "skrip": custom_scripts_meta(main), "hasil": []}
    for nama, args in m["panggilan"]:
        data = {"func_name": nama, "args": args, "version": xw.__version__, "client": "Office.js",
                "runtime": "1.4", "culture_info_name": "id-ID", "date_format": None, "caller_address": "Sheet1!A1"}
        out["hasil"].append(asyncio.run(custom_functions_call(data, main)))
    book = xw.Book(impl=R.App(R.Apps(), add_book=False).books.open(m["buku"]))
    keluaran = io.StringIO()  # xlwings Lite shows what a script prints in its output pane
    with contextlib.redirect_stdout(keluaran):
        book = asyncio.run(custom_scripts_call(main, "perbarui_ringkasan", typehint_to_value={xw.Book: book}))
    out["aksi"] = book.json()["actions"]
    out["pesan"] = keluaran.getvalue()
    print(json.dumps(out))
''')


def _buku_json(lembar: dict[str, list[list]]) -> dict:
    """The workbook as the xlwings Lite client sends it to a script (the payload of xw.Book(json=...))."""
    return {
        "client": "Office.js", "version": "0.37.8",
        "book": {"name": CONTOH.name, "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": [{"name": n, "values": [["" if v is None else v for v in r] for r in rows] or [[]],
                    "pictures": [], "tables": [], "charts": [], "shapes": []} for n, rows in lembar.items()],
    }


@pytest.fixture(scope="module")
def mode_lite(lembar_contoh):
    masukan = {"main": lite.main_py("Beranda!H2"), "panggilan": [[n, a] for n, a in PANGGILAN],
               "buku": _buku_json(lembar_contoh)}
    env = {**os.environ, "XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial"}
    out = subprocess.run([sys.executable, "-c", MODE_LITE], input=json.dumps(masukan), capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout)


def test_metadata_fungsi_untuk_excel(mode_lite):
    meta = {f["name"]: f for f in mode_lite["meta"]["functions"]}
    assert sorted(meta) == sorted(lite.FUNGSI)
    for nama, f in meta.items():
        bantuan = konversi.BANTUAN[nama]
        assert f["description"] == bantuan.keterangan  # the tooltip: Indonesian, from BANTUAN
        assert [p["name"] for p in f["parameters"]] == list(bantuan.argumen)
        assert [p["description"] for p in f["parameters"]] == list(bantuan.argumen.values())
        assert all(p["dimensionality"] == "matrix" and p["type"] == "any" for p in f["parameters"])
        assert f["result"] == {"dimensionality": "matrix", "type": "any"}  # spills like the classic function
    assert [p.get("optional", False) for p in meta["CAPAIAN"]["parameters"]] == [False, False, True, True, True]


def test_metadata_skrip(mode_lite):
    (s,) = mode_lite["skrip"]
    assert s["function_name"] == "perbarui_ringkasan" and s["name"] == lite.NAMA_SKRIP
    assert s["button"] == "[TombolLAKIP]Beranda!H2" and s["show_taskpane"] is True


def _sel_excel(v):
    """A classic function's result as xlwings' Office.js conversion returns it: a 2-D list, None as ""."""
    rows = v if isinstance(v, list) else [[v]]
    return [["" if x is None else x for x in r] for r in rows]


def test_panggilan_office_js_memberi_nilai_aturan(mode_lite):
    for (nama, args), hasil in zip(PANGGILAN, mode_lite["hasil"]):
        assert hasil == _sel_excel(getattr(udf, nama)(*args)), nama
    assert mode_lite["hasil"][0] == [[214.0]]
    assert mode_lite["hasil"][1] == [[44.83], [214.0], [43.79], [80.0], ["n/a"], [""], [150.0]]
    assert mode_lite["hasil"][3][0][0] == "#N/A: Polaritas 'aneh' tidak dikenal."
    assert mode_lite["hasil"][5] == [["Baik"]]
    assert mode_lite["hasil"][9] == [[85.6]]
    assert mode_lite["hasil"][13] == [[1264373.0], [34.67], [45100000000.0], ["#N/A: rentang 80 - 90, bukan satu angka"]]


def test_panggilan_sel_galat_excel_dibaca_kosong(lembar_contoh):
    # An error cell (#DIV/0!) arrives as Office.js' error object; xlwings hands it over as None.
    kode = MODE_LITE.split("book = xw.Book")[0] + "print(json.dumps(out['hasil']))\n"
    galat = {"type": "Error", "basicValue": "#DIV/0!", "errorType": "Div0"}
    masukan = {"main": lite.main_py(), "panggilan": [["CAPAIAN", [[[galat]], [[5]]]], ["CAPAIAN", [[[40], [galat]], [[85.6], [3]]]]]}
    env = {**os.environ, "XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial"}
    out = subprocess.run([sys.executable, "-c", kode], input=json.dumps(masukan), capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout) == [[["n/a"]], [[214.0], ["n/a"]]]


def _putar_ulang(aksi: list[dict], awal: list[str]) -> tuple[list[str], dict[str, Lembar], list]:
    """Replay the actions xlwings' Office.js book queued into sheets: sheet order, cells, formats, merges."""
    urutan = list(awal)
    lembar: dict[str, Lembar] = {}
    nama = []

    def kotak(a):
        return [(a["start_row"] + 1 + i, a["start_column"] + 1 + j)
                for i in range(a["row_count"]) for j in range(a["column_count"])]

    for a in aksi:
        f = a["func"]
        if f == "addSheet":
            ix, n = a["args"]
            urutan.insert(ix, n)
            continue
        if f == "namesAdd":
            nama.append(a["args"])
            continue
        if a.get("sheet_position") is None:
            continue
        lb = lembar.setdefault(urutan[a["sheet_position"]], Lembar())
        if f == "setFormula":
            for i, row in enumerate(a["values"]):
                for j, v in enumerate(row):
                    lb.isi[(a["start_row"] + 1 + i, a["start_column"] + 1 + j)] = v
        elif f == "setNumberFormat":
            for rc in kotak(a):
                lb.format.setdefault(rc, {})["number_format"] = a["args"][0]
        elif f == "setFontProperty" and a["args"][0] == "bold":
            for rc in kotak(a):
                lb.format.setdefault(rc, {})["bold"] = a["args"][1]
        elif f == "setRangeColor":
            for rc in kotak(a):
                lb.format.setdefault(rc, {})["color"] = a["args"][0]
        elif f == "rangeMerge":
            r0, c0 = a["start_row"] + 1, a["start_column"] + 1
            r1, c1 = r0 + a["row_count"] - 1, c0 + a["column_count"] - 1
            lb.merges.append(f"{col_letter(c0)}{r0}:{col_letter(c1)}{r1}")
    return urutan, lembar, nama


def test_skrip_dengan_buku_office_js_xlwings_sama_dengan_sync_berkas(mode_lite, lembar_contoh, hasil_sync):
    urutan, lembar, nama = _putar_ulang(mode_lite["aksi"], list(lembar_contoh))
    assert urutan == hasil_sync.sheetnames
    assert sorted(lembar) == sorted(RINGKASAN)
    beda = [b for n in RINGKASAN for b in _banding(n, lembar[n], hasil_sync)]
    assert beda == []
    assert nama == [["_lakipxl_milik", '="' + "|".join(RINGKASAN) + '"']]
    fungsi = {a["func"] for a in mode_lite["aksi"]}
    # every write went through calls xlwings' Office.js engine implements; no COM (.api), no union addresses
    assert fungsi <= {"addSheet", "setFormula", "setNumberFormat", "setFontProperty", "setRangeColor", "rangeMerge",
                      "setColumnWidth", "setRowHeight", "setWrapText", "setHorizontalAlignment",
                      "setVerticalAlignment", "setBorderProperty", "freezePaneAtRange", "namesAdd"}
    pesan = mode_lite["pesan"]
    assert pesan.startswith("Ringkasan diperbarui: 9 sheet ditulis ulang")
    assert "grafik" in pesan  # said, not silently dropped


# --------------------------------------------------------------------------------------------------
# lakip-xl pasang --lite


class _Keluar:
    def __init__(self, res):
        self.returncode, self.stdout, self.stderr = res.exit_code, res.stdout, res.stderr


def _cli(*args, cwd=None):
    """`lakip-xl pasang ARGS` in-process (click's runner), run in folder `cwd`."""
    from click.testing import CliRunner

    from lakip_xl.cli import main

    lama = os.getcwd()
    os.chdir(cwd or ROOT)
    try:
        return _Keluar(CliRunner().invoke(main, ["pasang", *args]))
    finally:
        os.chdir(lama)


def test_cli_cetak_tanpa_buku():
    out = _cli("--lite")
    assert out.returncode == 0, out.stderr
    assert lite.main_py() in out.stdout and lite.requirements_txt() in out.stdout
    assert "xlwings Lite" in out.stdout and "Restart" in out.stdout


def test_cli_tulis_di_samping_buku(tmp_path):
    buku = tmp_path / "LAPORAN.xlsx"
    shutil.copyfile(CONTOH, buku)
    asli = buku.read_bytes()
    out = _cli("--lite", str(buku), "--dry-run")
    assert out.returncode == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["LAPORAN.xlsx"]
    out = _cli("--lite", str(buku), "--tombol", "'Kendali LAKIP'!$b$4")
    assert out.returncode == 0, out.stderr
    folder = tmp_path / "LAPORAN_xlwings_lite"
    assert sorted(p.name for p in folder.iterdir()) == ["LANGKAH.txt", "main.py", "requirements.txt"]
    assert (folder / "main.py").read_text(encoding="utf-8") == lite.main_py("Kendali LAKIP!B4")
    assert (folder / "requirements.txt").read_text(encoding="utf-8") == lite.requirements_txt()
    assert "TombolLAKIP" in (folder / "LANGKAH.txt").read_text(encoding="utf-8")
    assert buku.read_bytes() == asli  # the workbook is never written
    # the same command again: nothing changes; another main.py there (the user's edit) is not replaced
    assert _cli("--lite", str(buku), "--tombol", "Kendali LAKIP!B4").returncode == 0
    (folder / "main.py").write_text("# punya saya\n", encoding="utf-8")
    out = _cli("--lite", str(buku))
    assert out.returncode == 1 and "sudah ada" in out.stderr and "Traceback" not in out.stderr
    assert (folder / "main.py").read_text(encoding="utf-8") == "# punya saya\n"
    assert buku.read_bytes() == asli


@pytest.mark.parametrize("args, kode", [
    (["--lite", "--tombol", "Beranda"], 1),  # no cell
    (["--lite", "--tombol", "Ber/anda!A1"], 1),  # not a sheet name
    (["--lite", "--tombol", "Beranda!A0"], 1),
    (["--lite", "--tombol", "Beranda!XFE1"], 1),  # past the last column (XFD)
    (["--lite", "tidak_ada.xlsx"], 1),
    (["--tombol", "Beranda!A1"], 2),  # only with --lite
    (["--lite", "--ganti"], 2),
])
def test_cli_kesalahan_pengguna(args, kode, tmp_path):
    out = _cli(*args, cwd=tmp_path)
    assert out.returncode == kode
    assert "Traceback" not in out.stderr and list(tmp_path.iterdir()) == []

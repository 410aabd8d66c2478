"""The live sync (button "Perbarui Ringkasan") against FakeAdapter, with a stub summary builder.

XlwingsAdapter itself needs Excel; here only its pure helpers and its reading of a duck-typed book are
checked (docs/dev/excel-side.md lists what was not verified).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from lakip_xl.errors import AturanError
from lakip_xl.excel import langsung as excel_live
from lakip_xl.excel.langsung import ExcelAdapter, FakeAdapter, XlwingsAdapter, sinkron_langsung
from lakip_xl.xlsx.sheetspec import SheetSpec, Style

# Data sheets as rows from A1: one indicator of the seed (koperasi aktif 2020: target 77.33,
# realisasi 34.67, seed-figures.md).
HEADER_INDIKATOR = ["Kode Sasaran", "Sasaran Strategis", "Kode Indikator", "Indikator Kinerja", "Satuan",
                    "Polaritas", "Tipe Penghitungan", "Skala Nilai", "Penyebut", "Target Renstra", "Bobot",
                    "Formulasi", "Sumber Data"]
HEADER_REALISASI = ["Kode Indikator", "Tahun", "Triwulan", "Target", "Realisasi", "Jumlah", "Capaian",
                    "Predikat", "Catatan"]


def data_sheets() -> dict[str, list[list[object]]]:
    return {
        "Beranda": [["LAKIP"]],
        "Pengaturan": [["Pengaturan", "Nilai", "Keterangan"], ["Instansi", "DKUM Kota Depok", None],
                       ["Tahun Laporan", 2020.0, None], ["Awal Renstra", 2016.0, None],
                       ["Akhir Renstra", 2021.0, None]],
        "Indikator": [HEADER_INDIKATOR,
                      ["S3", "Meningkatnya peran koperasi", "IK3", "Persentase koperasi aktif", "%", "positif",
                       "Kumulatif", None, None, 81.04, None, None, None]],
        "Realisasi": [HEADER_REALISASI, ["IK3", 2020.0, None, 77.33, 34.67, None, None, None, None]],
    }


JUDUL = Style(bold=True)


def bangun_stub(data) -> list[SheetSpec]:
    """Two sheets: a table with one row per realisasi row (a formula with its value) and a title sheet."""
    tabel = SheetSpec(name="Pengukuran Kinerja")
    tabel.set(1, 1, "Indikator", style=JUDUL)
    tabel.set(1, 2, "Target", style=JUDUL)
    tabel.set(1, 3, "Realisasi", style=JUDUL)
    tabel.set(1, 4, "%", style=JUDUL)
    for i, row in enumerate(data.realisasi, start=2):
        tabel.set(i, 1, row.kode)
        tabel.set(i, 2, row.target.nilai)
        tabel.set(i, 3, row.realisasi.nilai)
        tabel.set(i, 4, Decimal("44.83"), formula=f"CAPAIAN(B{i},C{i})")
    ikhtisar = SheetSpec(name="Ikhtisar")
    ikhtisar.set(1, 1, f"Ikhtisar {data.pengaturan.tahun}")
    return [tabel, ikhtisar]


def test_fake_memenuhi_protokol():
    from lakip_xl.sumber.baca import SumberData

    fake = FakeAdapter(data_sheets())
    assert isinstance(fake, ExcelAdapter)
    assert isinstance(fake, SumberData)


def test_sinkron_menulis_sheet_dan_mencatat_kepemilikan():
    fake = FakeAdapter(data_sheets(), nama="lakip_2020.xlsm")
    assert sinkron_langsung(fake, bangun_stub) == 0
    assert fake.urutan_tulis == ["Pengukuran Kinerja", "Ikhtisar"]
    assert fake.owned_sheets() == ["Pengukuran Kinerja", "Ikhtisar"]
    assert fake.rows("Pengukuran Kinerja")[1] == ["IK3", 77.33, 34.67, "=CAPAIAN(B2,C2)"]
    assert fake.rows("Ikhtisar") == [["Ikhtisar 2020"]]
    (pesan,) = fake.pesan
    assert pesan.startswith("Ringkasan diperbarui: 2 sheet ditulis ulang (Pengukuran Kinerja, Ikhtisar).")
    assert "Ctrl+S" in pesan


def test_sinkron_kedua_menimpa_sheet_milik_sendiri():
    fake = FakeAdapter(data_sheets())
    assert sinkron_langsung(fake, bangun_stub) == 0
    assert sinkron_langsung(fake, bangun_stub) == 0
    assert fake.urutan_tulis == ["Pengukuran Kinerja", "Ikhtisar"] * 2
    assert fake.owned_sheets() == ["Pengukuran Kinerja", "Ikhtisar"]  # no duplicates


def test_kepemilikan_lama_dipertahankan():
    sheets = data_sheets()
    sheets["Lama"] = [["dari versi sebelumnya"]]
    fake = FakeAdapter(sheets, owned=["Lama", "Ikhtisar"])
    assert sinkron_langsung(fake, bangun_stub) == 0
    assert fake.owned_sheets() == ["Lama", "Ikhtisar", "Pengukuran Kinerja"]


def test_sheet_pengguna_bernama_sama_tidak_ditimpa():
    sheets = data_sheets()
    sheets["pengukuran kinerja"] = [["catatan saya"]]  # Excel sheet names are case-insensitive
    fake = FakeAdapter(sheets)
    assert sinkron_langsung(fake, bangun_stub) == 1
    assert fake.urutan_tulis == []  # refused before writing anything
    assert fake.owned_sheets() == []
    assert fake.rows("pengukuran kinerja") == [["catatan saya"]]
    (pesan,) = fake.pesan
    assert "'pengukuran kinerja'" in pesan and "bukan buatan lakip_xl" in pesan
    assert "Rename" in pesan and "Traceback" not in pesan


def test_galat_data_ditampilkan_semua_tanpa_menulis():
    sheets = data_sheets()
    del sheets["Realisasi"]
    sheets["Indikator"][1][5] = "aneh"  # an unknown polaritas
    fake = FakeAdapter(sheets)
    assert sinkron_langsung(fake, bangun_stub) == 1
    assert fake.urutan_tulis == []
    (pesan,) = fake.pesan
    assert pesan.startswith("Ringkasan belum diperbarui: ada ")
    assert "Sheet 'Realisasi' tidak ada" in pesan
    assert "sheet 'Indikator'" in pesan and "F2" in pesan  # names the sheet and the cell of the polaritas


def test_galat_aturan_dari_pembangun():
    def bangun(data):
        raise AturanError("Skala predikat 'bintang5' tidak dikenal.", saran="Pilih sakip3.", sheet="Pengaturan")

    fake = FakeAdapter(data_sheets())
    assert sinkron_langsung(fake, bangun) == 1
    assert fake.pesan == ["Ringkasan belum diperbarui.\n\nsheet 'Pengaturan': Skala predikat 'bintang5' "
                          "tidak dikenal. Perbaikan: Pilih sakip3."]


def test_galat_internal_pesan_singkat():
    def bangun(data):
        return [SheetSpec(name="A")] + [1 / 0]  # a bug in the builder

    fake = FakeAdapter(data_sheets())
    assert sinkron_langsung(fake, bangun) == 2
    (pesan,) = fake.pesan
    assert "galat internal" in pesan and "ZeroDivisionError" in pesan and "Traceback" not in pesan


@pytest.mark.parametrize("nama", ["A/B", "x" * 32, "Ringkasan|2020", ""])
def test_nama_sheet_tidak_sah_ditolak(nama):
    fake = FakeAdapter(data_sheets())
    assert sinkron_langsung(fake, lambda data: [SheetSpec(name=nama)]) == 1
    assert fake.urutan_tulis == []


def test_nama_spec_ganda_ditolak():
    fake = FakeAdapter(data_sheets())
    assert sinkron_langsung(fake, lambda data: [SheetSpec(name="A"), SheetSpec(name="a")]) == 1
    assert "dua kali" in fake.pesan[0]


# --------------------------------------------------------------------------------------------------
# Helpers of the Excel writer (pure)

# cell (value, formula), what goes into Range.Formula
NILAI_EXCEL = [
    (("Target", None), "Target"),
    (("=HYPERLINK(\"http://x\")", None), "'=HYPERLINK(\"http://x\")"),  # user text stays text
    (("-", None), "'-"),
    (("1.145", None), "'1.145"),  # text that Excel would turn into a number
    ((Decimal("44.83"), None), 44.83),
    ((7, None), 7),
    ((True, None), True),
    ((None, None), None),
    ((Decimal("44.83"), "CAPAIAN(D5,E5)"), "=CAPAIAN(D5,E5)"),
]


@pytest.mark.parametrize("cell, expected", NILAI_EXCEL)
def test_nilai_excel(cell, expected):
    from lakip_xl.xlsx.sheetspec import Cell

    got = excel_live._nilai_excel(Cell(value=cell[0], formula=cell[1]))
    assert got == expected and type(got) is type(expected)


def test_potong_alamat_di_bawah_batas_excel():
    alamat = [f"A{i}" for i in range(1, 400)]
    bagian = excel_live._potong_alamat(alamat)
    assert all(len(b) <= 255 for b in bagian)
    assert ",".join(bagian).split(",") == alamat


def test_warna_bgr():
    assert excel_live._bgr("FF0000") == 0x0000FF  # Excel's COM colours are BGR
    assert excel_live._bgr("0070C0") == 0xC07000


def test_penanda_kepemilikan_sama_dengan_penulis_paket():
    from lakip_xl.xlsx import owned

    assert excel_live.OWNED_NAME == owned.OWNED_NAME
    assert excel_live.OWNED_SEP == owned.OWNED_SEP


# --------------------------------------------------------------------------------------------------
# XlwingsAdapter on a duck-typed book (the shape of xlwings' objects, no Excel)


class _Range:
    def __init__(self, values, row=1, column=1):
        self._values, self.row, self.column = values, row, column

    @property
    def last_cell(self):
        return _Range(None, row=self.row + len(self._values) - 1, column=self.column + len(self._values[0]) - 1)

    def options(self, ndim):
        return self

    @property
    def value(self):
        return self._values


class _Sheet:
    def __init__(self, name, values, start):
        self.name, self._values, self._start = name, values, start

    @property
    def used_range(self):  # Excel's used range starts at the first used cell, here B3
        r, c = self._start
        return _Range([row[c - 1:] for row in self._values[r - 1:]], row=r, column=c)

    def range(self, a, b):
        assert a == (1, 1)
        return _Range([row[: b[1]] for row in self._values[: b[0]]])


class _Name:
    def __init__(self, names, name, refers_to):
        self._names, self.name, self.refers_to = names, name, refers_to
        self.api = type("Api", (), {"Visible": True})()

    def delete(self):
        self._names._items.remove(self)


class _Names:
    def __init__(self):
        self._items = []

    def __iter__(self):
        return iter(list(self._items))

    def add(self, name, refers_to):
        item = _Name(self, name, refers_to)
        self._items.append(item)
        return item


class _Book:
    def __init__(self):
        self.name = "lakip.xlsm"
        values = [[None, None, None], [None, None, None], [None, "Pengaturan", "Nilai"], [None, "Tahun Laporan", 2020.0]]
        self.sheets = {"Pengaturan": _Sheet("Pengaturan", values, (3, 2))}
        self.names = _Names()


def test_xlwings_adapter_membaca_dari_a1_dan_kepemilikan():
    book = _Book()
    adapter = XlwingsAdapter(book)
    assert adapter.nama == "lakip.xlsm"
    rows = adapter.rows("Pengaturan")
    assert rows[2] == [None, "Pengaturan", "Nilai"] and len(rows) == 4  # row 1 is index 0
    # read once: a second read is the same without asking Excel again, and a caller's edit stays its own
    dibaca = []
    asli = book.sheets["Pengaturan"].range
    book.sheets["Pengaturan"].range = lambda a, b: dibaca.append(b) or asli(a, b)
    rows[0][0] = "diubah pemanggil"
    assert adapter.rows("Pengaturan")[0][0] is None and dibaca == []
    assert adapter.owned_sheets() == []
    adapter.set_owned_sheets(["Pengukuran Kinerja", "Ikhtisar"])
    adapter.set_owned_sheets(["Pengukuran Kinerja", "Ikhtisar", "Capaian Sasaran"])
    (name,) = list(book.names)
    assert name.refers_to == '="Pengukuran Kinerja|Ikhtisar|Capaian Sasaran"' and name.api.Visible is False
    assert adapter.owned_sheets() == ["Pengukuran Kinerja", "Ikhtisar", "Capaian Sasaran"]


# --------------------------------------------------------------------------------------------------
# Freeze panes in the classic button (issue 16): xlwings 0.37.8 implements Sheet.freeze_panes only in
# its Office.js engine, so on Windows `sht.freeze_panes` raises NotImplementedError. The adapter freezes
# through COM (the window's FreezePanes) and, failing that, skips with a note; it never fails the sync.
# Mocks of xlwings' objects only: the COM calls are not run in Excel here (docs/dev/excel-side.md).


class _AdapterCampur(XlwingsAdapter):
    """XlwingsAdapter's writing over a mocked xlwings book; reading, ownership and messages from FakeAdapter."""

    def __init__(self, book, sheets):
        super().__init__(book)
        self._fake = FakeAdapter(sheets)
        self.sheet_names = self._fake.sheet_names
        self.rows = self._fake.rows
        self.owned_sheets = self._fake.owned_sheets
        self.set_owned_sheets = self._fake.set_owned_sheets
        self.message = self._fake.message


def _buku_xlwings_windows(*, com: bool):
    """A mocked xlwings book on Windows: `sheet.freeze_panes` raises NotImplementedError, as
    base_classes.Sheet.freeze_panes does; `com=False`: the app's COM object has no ActiveWindow."""
    from unittest import mock

    book = mock.MagicMock()
    book.name = "lakip.xlsm"
    sht = book.sheets.add.return_value
    sht.name = "Pengukuran Kinerja"
    type(sht).freeze_panes = mock.PropertyMock(side_effect=NotImplementedError)
    if not com:
        book.app.api = mock.Mock(spec=[])  # any attribute: AttributeError, like a missing COM member
    return book, sht


def bangun_beku(data) -> list[SheetSpec]:
    (tabel, ikhtisar) = bangun_stub(data)
    tabel.freeze = "B5"
    return [tabel, ikhtisar]


def test_beku_lewat_com_bila_xlwings_tidak_mendukung():
    book, sht = _buku_xlwings_windows(com=True)
    aktif = book.sheets.active
    adapter = _AdapterCampur(book, data_sheets())
    assert sinkron_langsung(adapter, bangun_beku) == 0
    win = book.app.api.ActiveWindow
    assert (win.ScrollRow, win.ScrollColumn, win.SplitRow, win.SplitColumn) == (1, 1, 4, 1)
    assert win.FreezePanes is True
    sht.activate.assert_called()
    aktif.activate.assert_called()  # the sheet the user was on is active again
    (pesan,) = adapter._fake.pesan
    assert pesan.startswith("Ringkasan diperbarui: 2 sheet") and "Panel beku" not in pesan


def test_beku_dilewati_dengan_catatan_tanpa_menggagalkan_sinkron():
    book, sht = _buku_xlwings_windows(com=False)
    adapter = _AdapterCampur(book, data_sheets())
    assert sinkron_langsung(adapter, bangun_beku) == 0
    assert adapter._fake.owned_sheets() == ["Pengukuran Kinerja", "Ikhtisar"]
    assert sht.api.PageSetup.CenterFooter == "Halaman &P dari &N"  # the steps after freeze panes still ran
    (pesan,) = adapter._fake.pesan
    assert pesan.startswith("Ringkasan diperbarui: 2 sheet")
    assert ("Catatan: Panel beku (Freeze Panes) tidak dapat diatur otomatis pada sheet: Pengukuran Kinerja."
            in pesan)  # only the sheet that asked for frozen panes
    assert "Ctrl+S" in pesan


def test_galat_lain_saat_beku_tidak_disembunyikan():
    """Only 'not implemented' is cosmetic: any other error from freeze panes is an internal error."""
    from unittest import mock

    book, sht = _buku_xlwings_windows(com=False)
    type(sht).freeze_panes = mock.PropertyMock(side_effect=RuntimeError("rusak"))
    adapter = _AdapterCampur(book, data_sheets())
    assert sinkron_langsung(adapter, bangun_beku) == 2
    assert "galat internal" in adapter._fake.pesan[0]


def test_sheet_lama_dilepas_bekunya_lewat_com():
    """Rewriting an existing sheet without freeze: COM unfreezes and splits nothing."""
    from unittest import mock

    book = mock.MagicMock()
    sht = mock.MagicMock()
    sht.name = "Ikhtisar"
    book.sheets.__iter__.side_effect = lambda: iter([sht])
    book.sheets.__getitem__.return_value = sht
    XlwingsAdapter(book)._tulis(SheetSpec(name="Ikhtisar"))
    win = book.app.api.ActiveWindow
    assert win.FreezePanes is False
    assert not isinstance(win.SplitRow, int)  # not set


# --------------------------------------------------------------------------------------------------
# The button in a mapped workbook (issue 11): merges come from the saved file, write-back goes cell by
# cell and leaves the agency's formulas. Mocks of xlwings' objects; not run in Excel here.


def test_xlwings_adapter_gabungan_dari_berkas_tersimpan(tmp_path):
    from unittest import mock

    import xlsxwriter

    p = tmp_path / "dinas.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    ws = wb.add_worksheet("Pengukuran Kinerja")
    ws.merge_range("B5:B7", "Sasaran 1")
    wb.close()
    book = mock.MagicMock()
    book.name, book.fullname = "dinas.xlsx", str(p)
    assert XlwingsAdapter(book).merged_ranges("Pengukuran Kinerja") == [(4, 1, 6, 1)]
    book.fullname = "Book1"  # never saved: no file, no merges (the reader still reads)
    assert XlwingsAdapter(book).merged_ranges("Pengukuran Kinerja") == []


def test_xlwings_adapter_isi_sel_melewati_rumus():
    from decimal import Decimal
    from unittest import mock

    sel = {}

    def rng(addr):
        if addr not in sel:
            r = mock.MagicMock()
            r.formula = "=F5/E5*100" if addr == (6, 7) else ""
            sel[addr] = r
        return sel[addr]

    book = mock.MagicMock()
    book.sheets.__getitem__.return_value.range.side_effect = rng
    diisi = XlwingsAdapter(book).isi_sel({"Pengukuran Kinerja": {(5, 7): Decimal("44.83"), (6, 7): Decimal(1),
                                                                 (5, 8): "Tidak Tercapai"}})
    assert diisi == {("Pengukuran Kinerja", "G5"), ("Pengukuran Kinerja", "H5")}
    assert sel[(5, 7)].value == 44.83 and isinstance(sel[(5, 7)].value, float)
    assert sel[(5, 8)].value == "Tidak Tercapai"
    assert sel[(6, 7)].formula == "=F5/E5*100" and not isinstance(sel[(6, 7)].value, float)  # left alone

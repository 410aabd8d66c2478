"""Print setup (issue 12): summary charts print whole on a page of their own, the charts' helper tables
are not printed, data sheets print A4 landscape, fit to width, with their header row repeated.

Checked twice: in the package XML (what Excel reads) and in the PDF LibreOffice prints from it."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from lakip_xl.berkas import libreoffice
from lakip_xl.sumber.model import SHEET_INDIKATOR, SHEET_REALISASI
from lakip_xl.sync import sinkron

ROOT = Path(__file__).resolve().parents[1]
CONTOH = ROOT / "workbooks" / "contoh_depok_2020.xlsx"


@pytest.fixture(scope="module")
def tersinkron(tmp_path_factory) -> Path:
    buku = tmp_path_factory.mktemp("cetak") / "contoh.xlsx"
    shutil.copyfile(CONTOH, buku)
    sinkron(buku, backups=0)
    return buku


def _bagian(buku: Path) -> tuple[dict[str, str], dict[str, str], str]:
    """(sheet name -> worksheet XML, sheet name -> drawing XML, workbook.xml)."""
    with zipfile.ZipFile(buku) as z:
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        target = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
        target |= {k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)}
        lembar, gambar = {}, {}
        for nama, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+"[^>]* r:id="(rId\d+)"', wb):
            part = "xl/" + target[rid].lstrip("/").removeprefix("xl/")
            lembar[nama] = z.read(part).decode()
            srels = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
            if srels in z.namelist():
                d = re.search(r'Target="\.\./drawings/(drawing\d+\.xml)"', z.read(srels).decode())
                if d:
                    gambar[nama] = z.read(f"xl/drawings/{d.group(1)}").decode()
    return lembar, gambar, wb


def _nama_lokal(wb: str, nama: str) -> dict[int, str]:
    """localSheetId -> value of the defined name `nama`."""
    return {int(i): v for i, v in re.findall(
        rf'<definedName name="{re.escape(nama)}" localSheetId="(\d+)"[^>]*>([^<]+)</definedName>', wb)}


def _indeks(wb: str, sheet: str) -> int:
    return re.findall(r'<sheet name="([^"]+)"', wb).index(sheet)


@pytest.mark.parametrize("sheet", ["Pengukuran Kinerja", "Perbandingan Tahunan"])
def test_chart_starts_a_page_and_ends_the_print_area(tersinkron, sheet):
    lembar, gambar, wb = _bagian(tersinkron)
    xml = lembar[sheet]
    baris_grafik = int(re.search(r"<xdr:from><xdr:col>\d+</xdr:col><xdr:colOff>0</xdr:colOff>"
                                 r"<xdr:row>(\d+)</xdr:row>", gambar[sheet]).group(1))  # 0-based
    akhir_grafik = int(re.search(r"<xdr:to>.*?<xdr:row>(\d+)</xdr:row>", gambar[sheet]).group(1))
    # a manual break above the chart's first row (brk id = the last row of the page before)
    brk = [int(i) for i in re.findall(r'<brk id="(\d+)"[^>]*man="1"', xml)]
    assert baris_grafik in brk, (sheet, baris_grafik, brk)
    # the print area ends with the chart
    area = _nama_lokal(wb, "_xlnm.Print_Area")[_indeks(wb, sheet)]
    r2 = int(re.search(r":\$[A-Z]+\$(\d+)$", area).group(1))
    assert r2 == akhir_grafik, (area, akhir_grafik)  # <xdr:to> row (0-based, offset 0) = last 1-based row
    assert 'orientation="landscape"' in xml and 'fitToWidth="1"' in xml
    assert "<oddFooter>&amp;CHalaman &amp;P dari &amp;N</oddFooter>" in xml


def test_chart_helper_table_is_outside_the_print_area(tersinkron):
    from python_calamine import CalamineWorkbook

    lembar, _, wb = _bagian(tersinkron)
    area = _nama_lokal(wb, "_xlnm.Print_Area")[_indeks(wb, "Pengukuran Kinerja")]
    r2 = int(re.search(r":\$[A-Z]+\$(\d+)$", area).group(1))
    rows = CalamineWorkbook.from_path(str(tersinkron)).get_sheet_by_name("Pengukuran Kinerja").to_python(
        skip_empty_area=False)
    baris_data = next(i + 1 for i, row in enumerate(rows) if any(str(v).startswith("Data grafik") for v in row))
    assert baris_data > r2


def test_data_sheets_print_landscape_fit_to_width_with_header_repeated(tersinkron):
    lembar, _, wb = _bagian(tersinkron)
    judul = _nama_lokal(wb, "_xlnm.Print_Titles")
    for sheet in (SHEET_INDIKATOR, SHEET_REALISASI):
        xml = lembar[sheet]
        setup = re.search(r"<pageSetup [^>]*>", xml).group(0)
        # fitToWidth defaults to 1 (ECMA-376 18.3.1.63); XlsxWriter leaves the default out
        assert 'orientation="landscape"' in setup and 'fitToHeight="0"' in setup, (sheet, setup)
        assert 'fitToWidth="' not in setup or 'fitToWidth="1"' in setup, (sheet, setup)
        assert 'paperSize="9"' in setup, (sheet, setup)
        assert '<pageSetUpPr fitToPage="1"/>' in xml, sheet
        assert judul[_indeks(wb, sheet)].endswith("!$4:$4"), (sheet, judul.get(_indeks(wb, sheet)))


@pytest.mark.libreoffice
def test_libreoffice_prints_the_chart_alone_and_not_its_data(tersinkron, tmp_path):
    pdf = libreoffice.pdf(tersinkron, tmp_path)
    teks = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    halaman = teks.split("\f")
    assert not any("Data grafik" in h for h in halaman)
    p = next(i for i, h in enumerate(halaman) if h.lstrip().startswith("PENGUKURAN KINERJA TAHUN"))
    # the table's page(s), then the chart's page: only the repeated header row above the chart,
    # no indicator row and no footer note cut across it
    grafik = halaman[p + 1]
    assert "Sasaran Strategis" in grafik, grafik[:400]
    # (the chart's category labels are the indicator names; a table row would carry its sasaran)
    assert "Meningkatnya" not in grafik and "Catatan" not in grafik, grafik[:400]
    assert "Catatan: capaian" in halaman[p]
    # the Realisasi data sheet (19 rows, 9 columns) prints on one page, all columns on it
    real = [h for h in halaman if h.lstrip().startswith("Target dan Realisasi Indikator Kinerja")]
    assert len(real) == 1 and "Predikat" in real[0] and "Catatan" in real[0]


def test_live_sync_sets_the_same_print_setup_through_com():
    """The button's path (XlwingsAdapter over COM) gives a written sheet the print area, the page break
    above the chart and the page-number footer the file sync writes. Against a mock of xlwings' objects:
    the COM calls themselves are not run in Excel here (docs/dev/excel-side.md)."""
    from unittest import mock

    from lakip_xl.excel.langsung import XlwingsAdapter
    from lakip_xl.xlsx.sheetspec import SheetSpec

    book = mock.MagicMock()
    book.sheets.__iter__.return_value = iter([])
    sht = book.sheets.add.return_value
    spec = SheetSpec("Pengukuran Kinerja", print_title_rows=(5, 5), print_area=(1, 1, 45, 7), page_breaks=(26,))
    spec.set(1, 1, "judul")
    XlwingsAdapter(book)._tulis(spec)
    ps = sht.api.PageSetup
    assert ps.PrintTitleRows == "$5:$5" and ps.PrintArea == "$A$1:$G$45"
    assert ps.CenterFooter == "Halaman &P dari &N"
    sht.api.HPageBreaks.Add.assert_called_once_with(Before=sht.api.Range.return_value)
    sht.api.Range.assert_any_call("A26")

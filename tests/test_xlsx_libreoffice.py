"""One real spreadsheet application opens the output: LibreOffice headless converts every sheet to CSV.

LibreOffice does not recalculate xlsx on load by default (shared/docs/excel.md), so the CSV shows the
cached values we wrote, and the user's cached UDF value (87.83) proves the user sheet survived."""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from lakip_xl.xlsx import update_workbook
from lakip_xl.xlsx.sheetspec import Chart, Series, SheetSpec, Style

SAMPLE = Path(__file__).resolve().parent / "data" / "fidelity" / "fidelity_excelish.xlsm"
pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")]

# Export filter: comma, double quote, UTF-8, from line 1, raw values (not as shown), all sheets (-1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def test_libreoffice_opens_output(tmp_path):
    path = tmp_path / "Laporan.xlsm"
    shutil.copyfile(SAMPLE, path)
    s = SheetSpec("Pengukuran Kinerja")
    s.set(1, 1, "Indikator", style=Style(bold=True, fill="DDEBF7"))
    s.set(1, 2, "Capaian", style=Style(bold=True, fill="DDEBF7"))
    s.set(2, 1, "=bukan rumus")
    s.set(2, 2, Decimal("44.83"), formula="ROUND(44.834,2)")
    s.set(3, 1, "IK2")
    s.set(3, 2, Decimal("1264373"))
    s.merges = ["C1:D1"]
    s.charts.append(Chart("line", "Capaian", "A2:A3", (Series("Capaian", "B2:B3"),), "F2"))
    update_workbook(path, [s], backups=0)
    out = tmp_path / "csv"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", CSV_FILTER,
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=120)
    ours = list(csv.reader((out / "Laporan-Pengukuran Kinerja.csv").open(encoding="utf-8")))
    assert ours[0][:2] == ["Indikator", "Capaian"]
    assert ours[1][:2] == ["=bukan rumus", "44.83"]
    assert ours[2][:2] == ["IK2", "1264373"]
    data = (out / "Laporan-Data.csv").read_text(encoding="utf-8")
    assert "87.83" in data


def test_resync_after_another_application_rewrote_the_package(tmp_path):
    """LibreOffice re-saves the whole package (renamed parts, rewritten styles, un-hidden names): a
    later sync still finds its sheet by the marker, replaces it, and keeps the marker hidden."""
    import openpyxl
    import xlsxwriter

    from lakip_xl.xlsx import owned_sheets

    path = tmp_path / "Laporan.xlsx"
    wb = xlsxwriter.Workbook(str(tmp_path / "asal.xlsx"))
    wb.add_worksheet("Data").write("A1", "data pengguna")
    wb.close()
    s = SheetSpec("Ikhtisar")
    s.set(1, 1, "Versi 1")
    s.set(2, 1, Decimal(1))
    s.set(3, 1, Decimal(2))
    s.charts.append(Chart("bar", "Grafik", "A2:A3", (Series("Nilai", "A2:A3"),), "C2"))
    update_workbook(tmp_path / "asal.xlsx", [s], backups=0)
    out = tmp_path / "lo"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(out), str(tmp_path / "asal.xlsx")], check=True, capture_output=True, timeout=120)
    (out / "asal.xlsx").rename(path)
    assert owned_sheets(path) == ["Ikhtisar"]
    s.set(1, 1, "Versi 2")
    per = update_workbook(path, [s], backups=0)
    assert per.sheets_replaced == ["Ikhtisar"] and per.sheets_added == []
    wb = openpyxl.load_workbook(path)
    assert wb["Ikhtisar"]["A1"].value == "Versi 2" and len(wb["Ikhtisar"]._charts) == 1
    assert wb.sheetnames.count("Ikhtisar") == 1
    import zipfile

    from lxml import etree

    wbx = etree.fromstring(zipfile.ZipFile(path).read("xl/workbook.xml"))
    marker = [d for d in wbx.iter("{*}definedName") if d.get("name") == "_lakipxl_milik"]
    assert len(marker) == 1 and marker[0].get("hidden") == "1"

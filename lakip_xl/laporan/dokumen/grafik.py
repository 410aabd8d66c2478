"""The document's charts as native Word charts: a DrawingML chart part (word/charts/chartN.xml) with its
data in an embedded workbook, so that staff can restyle the chart in Word and change its numbers with
"Edit Data", as with a chart they inserted themselves.

The two charts of the summary sheets: target (100 %) against the capaian of each indicator in the
report year (horizontal bars, the capaian written at each bar), and the capaian of each indicator over
the years of the yearly comparison (lines, with the 100 % target dashed). Numbers are cached in the
chart part, so Word and LibreOffice draw it without opening the embedded workbook; Word shows them in
the reader's own number style (decimal comma on an Indonesian Windows).

Element order follows the DrawingML chart schema (ECMA-376 Part 1, 21.2: CT_ChartSpace, CT_BarChart,
CT_LineChart, CT_BarSer, CT_LineSer, CT_DLbls, CT_CatAx, CT_ValAx), as lakip_xl.xlsx.charts does for the
workbook's charts. Issue 15: this replaced pictures drawn with matplotlib, whose import and rendering
were slower than the whole sync; these are text, written in milliseconds, and editable.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from lakip_xl.xlsx.sheetspec import col_letter
from lakip_xl.xlsx.sheetxml import number_text, ooxml_text, xml_attr, xml_text

NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LEMBAR = "Data"  # the embedded workbook's sheet

WARNA_TARGET = "A6A6A6"
WARNA_REALISASI = "1F4E79"
FORMAT_PERSEN = '0.00"%"'
TINGGI_MAKS_CM = 20.0


@dataclass(frozen=True)
class Seri:
    nama: str
    nilai: tuple[Decimal | None, ...]  # None: no point (a gap)
    warna: str | None = None  # "RRGGBB"; None: the chart style's colour
    putus: bool = False  # a dashed line without markers (the 100 % target)
    label: bool = False  # the value written at each point


@dataclass(frozen=True)
class Grafik:
    jenis: str  # "batang" (horizontal bars) | "garis" (lines)
    kategori: tuple[str, ...]
    seri: tuple[Seri, ...]
    tinggi_cm: float

    def data(self) -> list[list[object]]:
        """The embedded workbook's table: a header row, then one row per category."""
        rows: list[list[object]] = [["", *(s.nama for s in self.seri)]]
        for i, k in enumerate(self.kategori):
            rows.append([k, *(None if s.nilai[i] is None else float(s.nilai[i]) for s in self.seri)])
        return rows


def batang_capaian(nama: list[str], capaian: list[Decimal | None]) -> Grafik:
    """Bars: target 100 % and the capaian of each indicator (None: no bar)."""
    n = len(nama)
    return Grafik("batang", tuple(nama), (
        Seri("Target", tuple(Decimal(100) for _ in nama), WARNA_TARGET),
        Seri("Realisasi", tuple(capaian), WARNA_REALISASI, label=True),
    ), min(TINGGI_MAKS_CM, max(6.0, 0.8 * n + 2.5)))


def garis_tahunan(tahun: list[int], seri: list[tuple[str, list[Decimal | None]]]) -> Grafik:
    """One line per indicator: its capaian in each year (gaps where there is none); the target dashed."""
    baris_legenda = (len(seri) + 1) // 2
    return Grafik("garis", tuple(str(t) for t in tahun), (
        *(Seri(n, tuple(v)) for n, v in seri),
        Seri("Target (100%)", tuple(Decimal(100) for _ in tahun), WARNA_TARGET, putus=True),
    ), min(TINGGI_MAKS_CM, 8.0 + 0.45 * baris_legenda))


# --- the chart part ----------------------------------------------------------------------------------
def _ref(kolom: int, n: int) -> str:
    c = col_letter(kolom)
    return f"{LEMBAR}!${c}$2:${c}${n + 1}"


def _str_ref(f: str, xs: tuple[str, ...]) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{xml_text(ooxml_text(x))}</c:v></c:pt>' for i, x in enumerate(xs))
    return f'<c:strRef><c:f>{f}</c:f><c:strCache><c:ptCount val="{len(xs)}"/>{pts}</c:strCache></c:strRef>'


def _num_ref(f: str, xs: tuple[Decimal | None, ...]) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{number_text(x)}</c:v></c:pt>' for i, x in enumerate(xs) if x is not None)
    return (f"<c:numRef><c:f>{f}</c:f><c:numCache><c:formatCode>General</c:formatCode>"
            f'<c:ptCount val="{len(xs)}"/>{pts}</c:numCache></c:numRef>')


def _teks(sz: int) -> str:
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{sz}"/></a:pPr>'
            '<a:endParaRPr lang="id-ID"/></a:p></c:txPr>')


def _isi(warna: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{warna}"/></a:solidFill>'


def _label_nilai() -> str:
    return (f'<c:dLbls><c:numFmt formatCode="{xml_attr(FORMAT_PERSEN)}" sourceLinked="0"/>'
            '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>' + _teks(700)
            + '<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
              '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>')


def chart_xml(g: Grafik, rid_data: str | None = None) -> bytes:
    """The chart part; `rid_data`: the relationship id of the embedded workbook ("Edit Data")."""
    n = len(g.kategori)
    cat = f"<c:cat>{_str_ref(_ref(1, n), g.kategori)}</c:cat>"
    sers = []
    for i, s in enumerate(g.seri):
        head = (f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/><c:tx><c:strRef><c:f>{LEMBAR}!${col_letter(i + 2)}$1'
                f'</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>{xml_text(ooxml_text(s.nama))}</c:v>'
                "</c:pt></c:strCache></c:strRef></c:tx>")
        val = f"<c:val>{_num_ref(_ref(i + 2, n), s.nilai)}</c:val>"
        label = _label_nilai() if s.label else ""
        if g.jenis == "batang":
            sp = f"<c:spPr>{_isi(s.warna)}</c:spPr>" if s.warna else ""
            sers.append(f'{head}{sp}<c:invertIfNegative val="0"/>{label}{cat}{val}</c:ser>')
        else:
            if s.putus:
                sp = (f'<c:spPr><a:ln w="12700">{_isi(s.warna or WARNA_TARGET)}<a:prstDash val="dash"/></a:ln>'
                      "</c:spPr>")
                marker = '<c:marker><c:symbol val="none"/></c:marker>'
            else:
                sp = f'<c:spPr><a:ln w="19050">{_isi(s.warna)}</a:ln></c:spPr>' if s.warna else ""
                marker = '<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>'
            sers.append(f'{head}{sp}{marker}{label}{cat}{val}<c:smooth val="0"/></c:ser>')
    ax_cat, ax_val = "500000001", "500000002"  # fixed ids: the output must be deterministic
    axids = f'<c:axId val="{ax_cat}"/><c:axId val="{ax_val}"/>'
    if g.jenis == "batang":
        plot = (f'<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
                f'{"".join(sers)}<c:gapWidth val="60"/>{axids}</c:barChart>')
        # first indicator at the top (maxMin), the value axis at the bottom (it crosses at the last category)
        arah, pos_cat, pos_val, silang = "maxMin", "l", "b", "max"
    else:
        plot = (f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{"".join(sers)}'
                f'<c:marker val="1"/>{axids}</c:lineChart>')
        arah, pos_cat, pos_val, silang = "minMax", "b", "l", "autoZero"
    cat_ax = (f'<c:catAx><c:axId val="{ax_cat}"/><c:scaling><c:orientation val="{arah}"/></c:scaling>'
              f'<c:delete val="0"/><c:axPos val="{pos_cat}"/><c:numFmt formatCode="General" sourceLinked="1"/>'
              '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
              f'{_teks(700)}<c:crossAx val="{ax_val}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
              '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>')
    val_ax = (f'<c:valAx><c:axId val="{ax_val}"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/>'
              f'</c:scaling><c:delete val="0"/><c:axPos val="{pos_val}"/>'
              '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="DDDDDD"/></a:solidFill>'
              '</a:ln></c:spPr></c:majorGridlines><c:numFmt formatCode="0&quot;%&quot;" sourceLinked="0"/>'
              '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
              f'{_teks(700)}<c:crossAx val="{ax_cat}"/><c:crosses val="{silang}"/>'
              '<c:crossBetween val="between"/></c:valAx>')
    data = f'<c:externalData r:id="{rid_data}"><c:autoUpdate val="0"/></c:externalData>' if rid_data else ""
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           f'<c:chartSpace xmlns:c="{NS_C}" xmlns:a="{NS_A}" xmlns:r="{NS_R}">'
           '<c:date1904 val="0"/><c:lang val="id-ID"/><c:roundedCorners val="0"/>'
           f'<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>{plot}{cat_ax}{val_ax}</c:plotArea>'
           f'<c:legend><c:legendPos val="{"t" if g.jenis == "batang" else "b"}"/><c:overlay val="0"/>{_teks(700)}'
           '</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
           f'<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{_teks(800)}{data}</c:chartSpace>')
    return xml.encode("utf-8")


def lembar_data(g: Grafik) -> bytes:
    """The embedded workbook behind "Edit Data" (XlsxWriter): the categories in column A, a series per
    column from B, names in row 1, as the chart's references say."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet(LEMBAR)
    for r, row in enumerate(g.data()):
        for c, v in enumerate(row):
            if v is not None:
                ws.write(r, c, v)
    ws.set_column(0, 0, 40)
    wb.close()
    return buf.getvalue()


__all__ = ["Grafik", "Seri", "batang_capaian", "garis_tahunan", "chart_xml", "lembar_data", "CT_CHART", "CT_XLSX"]

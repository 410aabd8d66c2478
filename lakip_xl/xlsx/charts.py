"""Charts of a SheetSpec as DrawingML parts: xl/charts/chartN.xml and the sheet's xl/drawings/drawingN.xml.

Bar = clustered columns, line = lines with markers. Series and categories refer to ranges of the
generated sheet ('Sheet'!$E$5:$E$11) and carry caches of the spec's values, so the chart shows its
numbers before Excel recalculates. Element order follows the DrawingML chart schema (ECMA-376 Part 1,
21.2: CT_ChartSpace, CT_BarChart, CT_LineChart, CT_BarSer, CT_LineSer, CT_CatAx, CT_ValAx).
"""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.xlsx.sheetspec import Chart, SheetSpec, parse_ref
from lakip_xl.xlsx.sheetxml import number_text, ooxml_text, xml_attr, xml_text

NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

KINDS = ("bar", "line")


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _abs_range(sheet: str, ref: str) -> str:
    a, _, b = ref.replace("$", "").partition(":")
    (r1, c1), (r2, c2) = parse_ref(a), parse_ref(b or a)
    from lakip_xl.xlsx.sheetspec import col_letter

    return f"{quote_sheet(sheet)}!${col_letter(c1)}${r1}:${col_letter(c2)}${r2}"


def _cells(spec: SheetSpec, ref: str) -> list:
    a, _, b = ref.replace("$", "").partition(":")
    (r1, c1), (r2, c2) = parse_ref(a), parse_ref(b or a)
    out = []
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            cell = spec.cells.get((r, c))
            out.append(None if cell is None else cell.value)
    return out


def _is_num(v) -> bool:
    return isinstance(v, (int, Decimal)) and not isinstance(v, bool) and (not isinstance(v, Decimal) or v.is_finite())


def _num_ref(f: str, values: list) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{number_text(v)}</c:v></c:pt>' for i, v in enumerate(values) if _is_num(v))
    return (f"<c:numRef><c:f>{xml_text(f)}</c:f><c:numCache><c:formatCode>General</c:formatCode>"
            f'<c:ptCount val="{len(values)}"/>{pts}</c:numCache></c:numRef>')


def _str_ref(f: str, values: list) -> str:
    def text(v) -> str:
        if v is None:
            return ""
        if _is_num(v):
            return number_text(v)
        return str(v)

    pts = "".join(f'<c:pt idx="{i}"><c:v>{xml_text(ooxml_text(text(v)))}</c:v></c:pt>'
                  for i, v in enumerate(values) if v is not None)
    return (f"<c:strRef><c:f>{xml_text(f)}</c:f><c:strCache>"
            f'<c:ptCount val="{len(values)}"/>{pts}</c:strCache></c:strRef>')


def _rich(text: str, rot: bool = False) -> str:
    body = '<a:bodyPr rot="-5400000" vert="horz"/>' if rot else "<a:bodyPr/>"
    return (f"<c:tx><c:rich>{body}<a:lstStyle/><a:p><a:r><a:t>{xml_text(ooxml_text(text))}</a:t></a:r></a:p>"
            f"</c:rich></c:tx>")


def chart_xml(chart: Chart, spec: SheetSpec) -> bytes:
    if chart.kind not in KINDS:
        raise ValueError(f"chart kind {chart.kind!r}: use one of {KINDS}")
    if not chart.series:
        raise ValueError(f"chart {chart.title!r} has no series")
    cat_values = _cells(spec, chart.categories)
    cat_f = _abs_range(spec.name, chart.categories)
    numeric = bool(cat_values) and all(_is_num(v) for v in cat_values)  # years as categories
    cat = _num_ref(cat_f, cat_values) if numeric else _str_ref(cat_f, cat_values)
    sers = []
    for i, s in enumerate(chart.series):
        vals = _num_ref(_abs_range(spec.name, s.values), _cells(spec, s.values))
        head = (f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>'
                f"<c:tx><c:v>{xml_text(ooxml_text(s.name))}</c:v></c:tx>")
        if chart.kind == "bar":
            sers.append(f'{head}<c:invertIfNegative val="0"/><c:cat>{cat}</c:cat><c:val>{vals}</c:val></c:ser>')
        else:
            sers.append(f'{head}<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>'
                        f'<c:cat>{cat}</c:cat><c:val>{vals}</c:val><c:smooth val="0"/></c:ser>')
    ax_cat, ax_val = "500000001", "500000002"  # fixed ids: the output must be deterministic
    axids = f'<c:axId val="{ax_cat}"/><c:axId val="{ax_val}"/>'
    if chart.kind == "bar":
        plot = (f'<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
                f'{"".join(sers)}<c:gapWidth val="150"/>{axids}</c:barChart>')
    else:
        plot = (f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{"".join(sers)}'
                f'<c:marker val="1"/>{axids}</c:lineChart>')
    y_title = f'<c:title>{_rich(chart.y_title, rot=True)}<c:overlay val="0"/></c:title>' if chart.y_title else ""
    cat_ax = (f'<c:catAx><c:axId val="{ax_cat}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
              f'<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/>'
              f'<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
              f'<c:crossAx val="{ax_val}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
              f'<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>')
    val_ax = (f'<c:valAx><c:axId val="{ax_val}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
              f'<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>{y_title}'
              f'<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/>'
              f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="{ax_cat}"/>'
              f'<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>')
    title = f'<c:title>{_rich(chart.title)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>' \
        if chart.title else '<c:autoTitleDeleted val="1"/>'
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           f'<c:chartSpace xmlns:c="{NS_C}" xmlns:a="{NS_A}" xmlns:r="{NS_R}">'
           '<c:roundedCorners val="0"/>'
           f'<c:chart>{title}<c:plotArea><c:layout/>{plot}{cat_ax}{val_ax}</c:plotArea>'
           '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/>'
           '<c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>')
    return xml.encode("utf-8")


def drawing_xml(anchors: list[tuple[Chart, str]]) -> bytes:
    """One drawing part holding each chart (with its relationship id) in a twoCellAnchor."""
    parts = []
    for n, (chart, rid) in enumerate(anchors, start=1):
        row, col = parse_ref(chart.anchor)
        r0, c0 = row - 1, col - 1
        name = xml_attr(f"Grafik {n}")
        parts.append(
            "<xdr:twoCellAnchor>"
            f"<xdr:from><xdr:col>{c0}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{r0}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
            f"<xdr:to><xdr:col>{c0 + chart.width_cols}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{r0 + chart.height_rows}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
            f'<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="{n + 1}" name="{name}"/>'
            "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"
            '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
            f'<a:graphic><a:graphicData uri="{NS_C}"><c:chart xmlns:c="{NS_C}" r:id="{rid}"/>'
            "</a:graphicData></a:graphic>"
            "</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>")
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           f'<xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}" xmlns:r="{NS_R}">'
           f'{"".join(parts)}</xdr:wsDr>')
    return xml.encode("utf-8")

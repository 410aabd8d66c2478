"""SheetSpec -> worksheet XML (CT_Worksheet), written as text in the schema's element order.

Element order (ECMA-376 Part 1, 18.3.1.99 CT_Worksheet): sheetPr, dimension, sheetViews,
sheetFormatPr, cols, sheetData, sheetCalcPr, sheetProtection, protectedRanges, scenarios, autoFilter,
sortState, dataConsolidate, customSheetViews, mergeCells, phoneticPr, conditionalFormatting,
dataValidations, hyperlinks, printOptions, pageMargins, pageSetup, headerFooter, rowBreaks, colBreaks,
customProperties, cellWatches, ignoredErrors, smartTags, drawing, ... We write the subset in
`ELEMENT_ORDER`; tests check the order against it.

Cells: text is an inline string (t="inlineStr"), so sharedStrings.xml is never touched and text that
starts with "=", "+", "-" or "@" stays text; numbers are written from Decimal exactly, without
exponent; booleans t="b"; a formula is <f> with its computed value in <v> (t="str" for text).
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from operator import itemgetter
from typing import Callable, Container, Iterable, Iterator

from lakip_xl.xlsx.sheetspec import (
    MAX_COL,
    MAX_ROW,
    Cell,
    SheetSpec,
    Style,
    cell_ref,
    col_letter,
    one_line_lengths,
    parse_range,
    parse_ref,
    text_lines,
)

ELEMENT_ORDER = ["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "mergeCells",
                 "pageMargins", "pageSetup", "drawing"]

MAX_TEXT = 32_767  # characters in one cell (Excel specification and limits)

# Not allowed in XML 1.0, plus CR (an XML parser turns CR LF into LF; Excel writes CR as _x000D_).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def xml_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(s: str) -> str:
    return xml_text(s).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


def ooxml_text(s: str) -> str:
    """Characters XML cannot carry become Excel's _xHHHH_ escapes; a literal "_xHHHH_" is protected
    with _x005F_ (ECMA-376 Part 1, 22.9.2.19 ST_Xstring)."""
    if s.isprintable() and "_x" not in s:  # the common text: nothing to escape (_ILLEGAL's are not printable)
        return s
    s = _ESCAPE_LIKE.sub(r"_x005F_\1", s)
    return _ILLEGAL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", s)


def number_text(x: Decimal | int) -> str:
    """Exact decimal text, no exponent, no trailing zeros: Decimal('44.830') -> '44.83', 1E+3 -> '1000'."""
    if type(x) is not Decimal:  # (the summary's numbers are Decimals: this is one test for them)
        if isinstance(x, bool):
            raise TypeError("bool is not a number here")
        if isinstance(x, int):
            return str(x)
    s = str(x)  # plain notation unless the exponent is positive or the number tiny ("1E+3", "1E-7")
    if "E" in s or "N" in s or "n" in s:  # also sNaN, NaN, Infinity
        if not x.is_finite():
            raise ValueError(f"cannot write {x} into a cell (NaN/Infinity); use NA text instead")
        s = format(x, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def col_width(chars: float) -> str:
    """Column width as Excel stores it for a width typed in Excel's dialog (Calibri 11: max digit width
    7 px, 5 px padding), computed like XlsxWriter's set_column, in exact binary fractions."""
    w = Fraction(str(chars))
    if w <= 0:
        return "0"
    if w < 1:
        pixels = int(w * 12 + Fraction(1, 2))
    else:
        pixels = int(w * 7 + Fraction(1, 2)) + 5
    stored = Fraction(int(Fraction(pixels * 256, 7)), 256)
    return number_text(Decimal(stored.numerator) / Decimal(stored.denominator))


def _needs_preserve(s: str) -> bool:
    return s != s.strip() or "\n" in s or "\t" in s or "  " in s


def _text_value(s: str) -> str:
    if len(s) > MAX_TEXT:
        raise ValueError(f"text of {len(s)} characters exceeds Excel's {MAX_TEXT} per cell")
    return ooxml_text(s)


def _cell_xml(ref: str, cell: Cell, s: int) -> str:
    sattr = f' s="{s}"' if s else ""
    v = cell.value
    if cell.formula is not None:
        f = cell.formula[1:] if cell.formula.startswith("=") else cell.formula
        fx = f"<f>{xml_text(f)}</f>"
        if v is None:
            return f'<c r="{ref}"{sattr}>{fx}</c>'
        if isinstance(v, bool):
            return f'<c r="{ref}"{sattr} t="b">{fx}<v>{int(v)}</v></c>'
        if isinstance(v, (int, Decimal)):
            return f'<c r="{ref}"{sattr}>{fx}<v>{number_text(v)}</v></c>'
        if isinstance(v, str):
            return f'<c r="{ref}"{sattr} t="str">{fx}<v>{xml_text(_text_value(v))}</v></c>'
        raise TypeError(f"cell {ref}: unsupported cached value {type(v).__name__}")
    if v is None:
        return f'<c r="{ref}"{sattr}/>' if s else ""
    if isinstance(v, bool):
        return f'<c r="{ref}"{sattr} t="b"><v>{int(v)}</v></c>'
    if isinstance(v, (int, Decimal)):
        return f'<c r="{ref}"{sattr}><v>{number_text(v)}</v></c>'
    if isinstance(v, str):
        space = ' xml:space="preserve"' if _needs_preserve(v) else ""
        return f'<c r="{ref}"{sattr} t="inlineStr"><is><t{space}>{xml_text(_text_value(v))}</t></is></c>'
    if isinstance(v, float):
        raise TypeError(f"cell {ref}: float {v!r}; give a Decimal (lakip_xl.aturan.nilai.ke_decimal)")
    raise TypeError(f"cell {ref}: unsupported value {type(v).__name__}")


def _range(ref: str) -> tuple[int, int, int, int]:
    r1, c1, r2, c2 = parse_range(ref)
    if not (1 <= r1 <= r2 <= MAX_ROW and 1 <= c1 <= c2 <= MAX_COL):
        raise ValueError(f"bad range {ref!r}")
    return r1, c1, r2, c2


def check_merges(merges: list[str]) -> list[tuple[int, int, int, int]]:
    """Merged ranges, refusing overlaps (Excel reports an overlap as a damaged file)."""
    return _merged_cells(merges)[0]


def _merged_cells(merges: list[str]) -> tuple[list[tuple[int, int, int, int]], dict[tuple[int, int], int]]:
    """`check_merges`, and every merged cell (row, col) -> the index of its range.

    Linear in the number of merged cells: each range claims its cells in one dict."""
    boxes = [_range(m) for m in merges]
    owner: dict[tuple[int, int], int] = {}
    for i, (r1, c1, r2, c2) in enumerate(boxes):
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                j = owner.setdefault((r, c), i)
                if j != i:
                    raise ValueError(f"merged ranges {merges[j]!r} and {merges[i]!r} overlap")
    return boxes, owner


def _pane(freeze: str) -> str:
    row, col = parse_ref(freeze)
    ys, xs = row - 1, col - 1
    if ys <= 0 and xs <= 0:
        return ""
    if ys > 0 and xs > 0:
        active = "bottomRight"
        sel = (f'<selection pane="topRight"/><selection pane="bottomLeft"/>'
               f'<selection pane="bottomRight" activeCell="{freeze}" sqref="{freeze}"/>')
    elif ys > 0:
        active = "bottomLeft"
        sel = f'<selection pane="bottomLeft" activeCell="{freeze}" sqref="{freeze}"/>'
    else:
        active = "topRight"
        sel = f'<selection pane="topRight" activeCell="{freeze}" sqref="{freeze}"/>'
    split = (f' xSplit="{xs}"' if xs > 0 else "") + (f' ySplit="{ys}"' if ys > 0 else "")
    return f'<pane{split} topLeftCell="{freeze}" activePane="{active}" state="frozen"/>{sel}'


def sheet_xml(spec: SheetSpec, xf: Callable[[Style | None], int], drawing_rid: str | None = None, *,
              code_name: str | None = None) -> bytes:
    """The worksheet part for `spec`; `xf` maps a Style to its cellXfs index; `code_name`: the sheet's
    VBA code name (<sheetPr codeName>), for a workbook with a VBA project."""
    return b"".join(iter_sheet_xml(spec, xf, drawing_rid, code_name=code_name))


ROWS_PER_CHUNK = 256  # rows of <sheetData> per yielded chunk: well under 1 MB of XML


def iter_sheet_xml(spec: SheetSpec, xf: Callable[[Style | None], int],
                   drawing_rid: str | None = None, *, code_name: str | None = None,
                   texts: dict[str, str] | None = None) -> Iterator[bytes]:
    """`sheet_xml` in UTF-8 chunks, so that a writer can compress a large sheet (tens of MB of XML
    at 50,000 realisasi rows) without ever holding all of it. Cell positions and merges are checked
    before the first chunk; a value that cannot be written raises when its row is reached (the
    package writer then writes nothing). `texts`: the text cells' XML already made (text -> XML after
    the address and style), shared by the sheets of one write, whose tables repeat the same names."""
    # The cells' (row, col) keys in order: a list of the tuples the spec already holds (sorting them is
    # cheap: timsort compares tuples of ints without the general comparison).
    keys = sorted(spec.cells)
    max_r = max_c = 0
    if keys:  # rows and columns within the sheet, checked with C loops (a sheet has up to ~100,000 cells)
        cols = list(map(itemgetter(1), keys))
        max_r, max_c = keys[-1][0], max(cols)
        if not (1 <= keys[0][0] and max_r <= MAX_ROW and 1 <= min(cols) and max_c <= MAX_COL):
            r, c = next((r, c) for r, c in keys if not (1 <= r <= MAX_ROW and 1 <= c <= MAX_COL))
            raise ValueError(f"sheet {spec.name!r}: cell ({r}, {c}) outside the sheet")
        del cols
    merges, merged = _merged_cells(spec.merges)
    for m in merges:
        max_r, max_c = max(max_r, m[2]), max(max_c, m[3])

    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">']
    pr = ""
    if spec.tab_color:
        from lakip_xl.xlsx.styles import argb

        pr += f'<tabColor rgb="{argb(spec.tab_color)}"/>'
    if spec.fit_width:
        pr += '<pageSetUpPr fitToPage="1"/>'
    kode = f' codeName="{xml_attr(code_name)}"' if code_name else ""
    if pr or kode:
        out.append(f"<sheetPr{kode}>{pr}</sheetPr>" if pr else f"<sheetPr{kode}/>")
    if max_r:
        out.append(f'<dimension ref="A1:{cell_ref(max_r, max_c)}"/>')
    else:
        out.append('<dimension ref="A1"/>')
    pane = _pane(spec.freeze) if spec.freeze else ""
    out.append(f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
               if pane else '<sheetViews><sheetView workbookViewId="0"/></sheetViews>')
    out.append('<sheetFormatPr defaultRowHeight="15"/>')
    if spec.col_widths:
        cols = "".join(f'<col min="{c}" max="{c}" width="{col_width(w)}" customWidth="1"/>'
                       for c, w in sorted(spec.col_widths.items()))
        out.append(f"<cols>{cols}</cols>")
    if not spec.cells and not spec.row_heights:
        out.append("<sheetData/>")
    else:
        out.append("<sheetData>")
        yield "".join(out).encode("utf-8")
        out = []
        auto = spec.auto_row_height
        writer = _CellWriter(xf, max_c, spec.col_widths if auto else None, merged, texts)
        heights = spec.row_heights
        # rows with a height and no cells go between the rows with cells: hs[j:] are not written yet
        hs = sorted(heights)
        j, nh = 0, len(hs)
        k = 0
        # The cells in (row, col) order, as (key, cell) pairs made by C loops: the spec's own items when
        # it holds them in that order (a builder that fills its sheet row by row, left to right; the
        # lists then hold the same tuples and compare by identity), else each key looked up.
        cells = spec.cells
        pairs = cells.items() if keys == list(cells) else zip(keys, map(cells.__getitem__, keys))
        for r, xml, lines in writer.rows(pairs):
            while j < nh and hs[j] <= r:
                if hs[j] < r:  # a row with a height and no cells (nothing of the row before counts for it)
                    out.append(f'<row r="{hs[j]}"{_ht(heights[hs[j]])}/>')
                    k += 1
                j += 1
            ht = heights.get(r)
            if ht is None and lines > 1:  # auto row height (estimated_row_heights)
                ht = lines * auto
            hattr = _ht(ht) if ht is not None else ""
            out.append(f'<row r="{r}"{hattr}>{xml}</row>' if xml else f'<row r="{r}"{hattr}/>')
            k += 1
            if k >= ROWS_PER_CHUNK:
                yield "".join(out).encode("utf-8")
                out, k = [], 0
        for h in hs[j:]:
            out.append(f'<row r="{h}"{_ht(heights[h])}/>')
        out.append("</sheetData>")
    if spec.merges:
        out.append(f'<mergeCells count="{len(spec.merges)}">'
                   + "".join(f'<mergeCell ref="{m.replace("$", "").upper()}"/>' for m in spec.merges)
                   + "</mergeCells>")
    out.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>')
    setup = '<pageSetup paperSize="9"'  # 9 = A4, the paper of Indonesian government reports
    setup += ' orientation="landscape"' if spec.landscape else ' orientation="portrait"'
    if spec.fit_width:
        setup += ' fitToWidth="1" fitToHeight="0"'
    out.append(setup + "/>")
    if spec.page_numbers:
        out.append("<headerFooter><oddFooter>&amp;CHalaman &amp;P dari &amp;N</oddFooter></headerFooter>")
    if spec.page_breaks:
        # <brk id> is the last row of the page before the break (ECMA-376 Part 1, 18.3.1.3 brk; as Excel
        # and XlsxWriter write a break above row N: id N - 1)
        brks = "".join(f'<brk id="{r - 1}" max="16383" man="1"/>' for r in sorted(set(spec.page_breaks)))
        out.append(f'<rowBreaks count="{len(set(spec.page_breaks))}" manualBreakCount='
                   f'"{len(set(spec.page_breaks))}">{brks}</rowBreaks>')
    if drawing_rid:
        out.append(f'<drawing r:id="{drawing_rid}"/>')
    out.append("</worksheet>")
    yield "".join(out).encode("utf-8")


def _ht(ht: float) -> str:
    return f' ht="{number_text(Decimal(str(ht)))}" customHeight="1"'


class _CellWriter:
    """The <c> elements of a sheet, with what repeats cached for the sheet's lifetime: the style
    attribute per Style object (resolving a frozen Style through `xf` hashes ten fields), column
    letters, and the escaped XML of each distinct text (sasaran and indicator names repeat on every row
    of their group). Numbers are not cached: the figures of a report are nearly all distinct, and a
    cache of their texts was 1 MB of the peak at 5,000 realisasi rows for no gain.
    Output is exactly `_cell_xml`'s; formulas and uncommon values go through it.

    With `widths` (a sheet with auto row height: its column widths) and `merged` (its merged cells),
    each row also gets the lines its longest wrapped text needs (1 when none needs more):
    `estimated_row_heights`'s estimate, made while the cells are written anyway."""

    def __init__(self, xf: Callable[[Style | None], int], max_col: int,
                 widths: dict[int, float] | None = None, merged: Container[tuple[int, int]] = (),
                 texts: dict[str, str] | None = None):
        self.xf = xf
        # keyed by id(): every Style is referenced by the spec's cells while the sheet is written
        self.sattr: dict[int, str] = {}
        self.wraps: set[int] = set()  # id() of the styles that wrap
        self.letters = [""] + [col_letter(c) for c in range(1, max_col + 1)]
        self.text: dict[str, str] = {} if texts is None else texts
        self.one_line = None
        self.merged = merged
        if widths is not None:
            one_line = one_line_lengths(widths)
            self.one_line = [one_line.get(c, -1) for c in range(max_col + 1)]
            self.width = [widths.get(c, 9.0) for c in range(max_col + 1)]

    def rows(self, items: Iterable[tuple[tuple[int, int], Cell]]) -> Iterator[tuple[int, str, int]]:
        """(row, its <c> elements, lines) of every row that has cells, given the cells as (key, cell)
        pairs in (row, col) order. Style indexes are resolved in that order, so styles.xml grows
        deterministically."""
        sattrs, letters, texts, xf = self.sattr, self.letters, self.text, self.xf
        one_line, wraps, merged = self.one_line, self.wraps, self.merged
        width = self.width if one_line is not None else None
        out: list[str] = []
        r = 0
        rs = ""
        lines = 1
        for key, cell in items:
            if key[0] != r:
                if r:
                    yield r, "".join(out), lines
                    out = []
                r = key[0]
                rs = str(r)
                lines = 1
            c = key[1]
            v, formula, st = cell
            sid = id(st)
            sattr = sattrs.get(sid)
            if sattr is None:
                s = xf(st)
                sattr = sattrs[sid] = f' s="{s}"' if s else ""
                if st is not None and st.wrap:
                    wraps.add(sid)
            t = type(v)
            if formula is None:
                if t is str:
                    body = texts.get(v)
                    if body is None:
                        space = ' xml:space="preserve"' if _needs_preserve(v) else ""
                        body = texts[v] = f' t="inlineStr"><is><t{space}>{xml_text(_text_value(v))}</t></is></c>'
                    out.append(f'<c r="{letters[c]}{rs}"{sattr}{body}')
                    if one_line is not None and len(v) > one_line[c] and sid in wraps and key not in merged:
                        n = text_lines(len(v), width[c])
                        if n > lines:
                            lines = n
                    continue
                if t is Decimal:  # (number_text refuses NaN and Infinity, as _cell_xml would)
                    out.append(f'<c r="{letters[c]}{rs}"{sattr}><v>{number_text(v)}</v></c>')
                    continue
            x = _cell_xml(f"{letters[c]}{rs}", cell, xf(st))
            if x:
                out.append(x)
            if one_line is not None and isinstance(v, str) and len(v) > one_line[c] and sid in wraps \
                    and key not in merged:
                n = text_lines(len(v), width[c])
                if n > lines:
                    lines = n
        if r:
            yield r, "".join(out), lines

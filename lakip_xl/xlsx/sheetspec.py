"""What a generated (summary) sheet contains, independent of how it is written.

The summary builder produces `SheetSpec`s; two writers consume them: the package writer (edits the
.xlsx/.xlsm zip directly, `lakip_xl.xlsx`) and the live writer (xlwings, inside Excel). Pure data:
no I/O and no third-party imports here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, NamedTuple, Union

CellValue = Union[str, Decimal, int, bool, None]

# Number formats (Excel format codes; the file stores them locale-free, Excel shows them with the
# PC's separators, which on an Indonesian Windows is "1.264.373" and "34,67").
FMT_ANGKA = "#,##0"
FMT_DESIMAL2 = "#,##0.00"
FMT_PERSEN2 = '0.00"%"'  # capaian is stored in percent points (44.83), not as a fraction
FMT_RUPIAH = '"Rp "#,##0'


# Style uses __slots__ (and Cell is a tuple): a summary of 50,000 realisasi rows holds a few hundred
# thousand cells, and a slotted instance is about half the size of one with a __dict__.
@dataclass(frozen=True, slots=True)
class Style:
    """A cell style. Frozen so that equal styles share one entry in styles.xml."""

    bold: bool = False
    italic: bool = False
    size: float | None = None  # points; None = workbook default
    font_color: str | None = None  # "RRGGBB"
    fill: str | None = None  # "RRGGBB" solid fill
    number_format: str | None = None
    halign: str | None = None  # "left" | "center" | "right"
    valign: str | None = None  # "top" | "center" | "bottom"
    wrap: bool = False
    border: bool = False  # thin border on all four sides


class Cell(NamedTuple):
    """A value, or a formula together with its computed value (so numbers show before Excel recalculates).

    Text is always written as text (inline string), so user text starting with "=", "+", "-" or "@"
    never becomes a formula. A formula is given without its leading "=".

    A named tuple rather than a frozen dataclass: a large summary makes hundreds of thousands of
    cells, and a tuple is built in C (a frozen dataclass's __init__ sets each field through
    object.__setattr__: 2 % of a 5,000-row sync went there).
    """

    value: CellValue = None
    formula: str | None = None
    style: Style | None = None


@dataclass(frozen=True)
class Series:
    name: str
    values: str  # a range on this sheet, e.g. "E5:E11" (the writer qualifies it with the sheet name)


@dataclass(frozen=True)
class Chart:
    kind: str  # "bar" (clustered columns) | "line"
    title: str
    categories: str  # range on this sheet, e.g. "C5:C11"
    series: tuple[Series, ...]
    anchor: str  # top-left cell, e.g. "I3"
    width_cols: int = 8
    height_rows: int = 16
    y_title: str = ""


_cell = tuple.__new__  # Cell(value, formula, style) without the keyword handling of its __new__


@dataclass
class SheetSpec:
    name: str  # <= 31 characters, none of []:*?/\
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)  # (row, col), both 1-based
    merges: list[str] = field(default_factory=list)  # "A5:A7"
    col_widths: dict[int, float] = field(default_factory=dict)  # 1-based column -> width in characters
    row_heights: dict[int, float] = field(default_factory=dict)
    freeze: str | None = None  # top-left cell of the scrolling pane, e.g. "A5"
    charts: list[Chart] = field(default_factory=list)
    landscape: bool = True
    fit_width: bool = True  # print: fit all columns on one page width
    print_title_rows: tuple[int, int] | None = None  # rows repeated on each printed page
    print_area: tuple[int, int, int, int] | None = None  # (row1, col1, row2, col2) printed; None = all
    page_breaks: tuple[int, ...] = ()  # a printed page starts at each of these rows
    page_numbers: bool = True  # footer "Halaman 1 dari 3"
    tab_color: str | None = None
    # points per line of wrapped text: when set, each row without a row height gets the height its wrapped
    # texts need (`estimated_row_heights`), worked out by the package writer as it writes the row. Only
    # the package writer reads it: a spec for the live writers (xlwings) carries its heights in row_heights
    auto_row_height: float | None = None

    def set(self, row: int, col: int, value: CellValue = None, *, formula: str | None = None,
            style: Style | None = None) -> None:
        self.cells[(row, col)] = _cell(Cell, (value, formula, style))

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.cells), default=0)


def text_lines(length: int, width: float) -> int:
    """The lines a wrapped text of `length` characters takes in a column `width` characters wide. An
    estimate (the file stores no auto-fit, and Excel fits rows only as it edits them): a character
    counted as 1.1 width units, Calibri 11's average with its wider capitals."""
    return max(1, math.ceil(length * 1.1 / max(width, 1.0)))


def one_line_lengths(col_widths: dict[int, float]) -> dict[int, int]:
    """Per column (1-64 and every column with a width), the longest text that fits one line. The
    estimate grows with the length, so a shorter text cannot raise its row; in a column past these
    every wrapped text counts (-1)."""
    out = {}
    for c in set(range(1, 65)) | col_widths.keys():
        w, n = col_widths.get(c, 9.0), 0
        while text_lines(n + 1, w) == 1:
            n += 1
        out[c] = n
    return out


def estimated_row_heights(spec: SheetSpec, pt_per_line: float) -> dict[int, float]:
    """The height (lines x `pt_per_line`) of each row whose wrapped texts need more than one line and
    that has no row height: the lines of its longest wrapped text (a str value, or a formula's str
    value, in a cell whose style wraps), merged cells left out (a merged text spreads over its rows).
    The package writer works out the same heights row by row when `spec.auto_row_height` is set."""
    satu_baris = one_line_lengths(spec.col_widths)
    teks = [(rc, nilai) for rc, (nilai, _, st) in spec.cells.items()
            if st is not None and st.wrap and isinstance(nilai, str) and len(nilai) > satu_baris.get(rc[1], -1)]
    if not teks:
        return {}
    merged = set()
    for m in spec.merges:
        r0, c0, r1, c1 = parse_range(m)
        merged.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
    perlu: dict[int, int] = {}
    for rc, nilai in teks:
        if rc in merged:
            continue
        r, c = rc
        perlu[r] = max(perlu.get(r, 1), text_lines(len(nilai), spec.col_widths.get(c, 9.0)))
    return {r: n * pt_per_line for r, n in perlu.items() if n > 1 and r not in spec.row_heights}


@dataclass(frozen=True)
class LazySheetSpec:
    """A sheet whose name is known now and whose SheetSpec is built when the writer reaches it.

    The package writer accepts these in place of SheetSpecs and builds, writes and drops one sheet
    at a time, so a large report never holds every sheet's cells at once."""

    name: str
    build: Callable[[], SheetSpec]


INVALID_SHEET_CHARS = set('[]:*?/\\')


def valid_sheet_name(name: str) -> bool:
    return 0 < len(name) <= 31 and not (set(name) & INVALID_SHEET_CHARS) and not name.startswith("'")


# A1 references: the one implementation in lakip_xl. 1-based (row, col) as in Excel and in the
# package XML; the "0" forms take the 0-based (row, col) of readers that index rows and cells from 0
# (python-calamine, xlwings values, lakip_xl.sumber).


def col_letter(col: int) -> str:
    """1 -> A, 27 -> AA; "" for 0 (and below, which would otherwise never end)."""
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def cell_ref(row: int, col: int) -> str:
    """(12, 28) -> 'AB12'."""
    if 0 < col <= MAX_COL:  # the letters from the shared table (the summary's merges: tens of thousands)
        return f"{col_letter0(col - 1)}{row}"
    return f"{col_letter(col)}{row}"


_HURUF_KOLOM: list[str] = []
MAX_ROW = 1_048_576  # rows of a sheet (Excel specification and limits)
MAX_COL = 16_384  # columns of a sheet (XFD)
_A1 = re.compile(r"([A-Z]{1,3})([0-9]+)")
_A1_RANGE = re.compile(r"([A-Z]{1,3})([0-9]+):([A-Z]{1,3})([0-9]+)")
_KOLOM: dict[str, int] = {}  # column letters -> 1-based number, filled by parse_ref


def col_letter0(c: int) -> str:
    """0-based column c -> its letters (0 -> A), one shared string per column: a reader calls this for
    every cell it reads."""
    while len(_HURUF_KOLOM) <= c:
        _HURUF_KOLOM.append(col_letter(len(_HURUF_KOLOM) + 1))
    return _HURUF_KOLOM[c]


def cell_ref0(r: int, c: int) -> str:
    """0-based (r, c) -> A1 reference: (11, 27) -> 'AB12'."""
    return f"{col_letter0(c)}{r + 1}"


def _col_number(huruf: str) -> int:
    """Column letters (capitals) -> 1-based number, each worked out once."""
    col = _KOLOM.get(huruf)
    if col is None:
        col = 0
        for ch in huruf:
            col = col * 26 + ord(ch) - 64
        _KOLOM[huruf] = col
    return col


def parse_range(ref: str) -> tuple[int, int, int, int]:
    """'B5:C7' -> (5, 2, 7, 3), each end read as parse_ref reads it; one cell 'B5' -> (5, 2, 5, 2)."""
    m = _A1_RANGE.fullmatch(ref)
    if m is not None:  # the form the summary builders write: one match for both ends
        a, r1, b, r2 = m.groups()
        return int(r1), _col_number(a), int(r2), _col_number(b)
    a, _, b = ref.partition(":")
    return (*parse_ref(a), *parse_ref(b or a))


def parse_ref(ref: str) -> tuple[int, int]:
    """'AB12' (or '$AB$12', 'ab12') -> (12, 28), 1-based."""
    ref = ref.replace("$", "").upper()
    m = _A1.fullmatch(ref)
    if m is not None:  # the common form, with the column letters' number looked up (merges: tens of thousands)
        huruf, baris = m.groups()
        return int(baris), _col_number(huruf)
    i = 0
    while i < len(ref) and ref[i].isalpha():
        i += 1
    col = 0
    for ch in ref[:i]:
        col = col * 26 + ord(ch) - 64
    return int(ref[i:]), col

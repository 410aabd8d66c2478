"""The fast path of `lakip_xl.excel.rumus.evaluasi_rumus`: lakip_xl's own formulas without a formula graph.

Why: evaluating every formula of a 5,000-row workbook through pycel took 108 s (every counted
Realisasi SUMIFS runs over the whole table, and pycel rebuilt a log string counting every edge of its
graph for each target cell), while the sync computes the same figures for 50,000 rows in seconds.

What it does (no openpyxl load; every sheet part read from the zip in pieces, never whole):

0. When the Realisasi sheet holds a ROUND( formula, the sync's model is read and computed first
   (`lakip_xl.sumber.baca` + `lakip_xl.laporan.hitung.realisasi_komponen`, the sync's own code for
   these cells, without the capaian and tables hitung computes besides) and only the counted
   realisasi per cell is kept (`_realisasi_model`); the model's memory is free again before step 1.
1. Every formula cell is found (`<f>`, shared formulas expanded with openpyxl's Translator, as openpyxl
   does on load). What a formula is (lakip or not, frozen or not, the call's shape) is decided once
   per R1C1 pattern (`_kunci_pola`): a filled-down column is classified once. Formulas reaching
   outside the workbook are frozen to their cached value exactly as the pycel path does
   (`rumus_dasar._sebab_beku`), with the same warning.
2. A lakip formula whose text is one call `FUNGSI(arg, ...)` with every argument a cell reference or
   a literal (text, number, TRUE/FALSE) -- `CAPAIAN(D5,E5)`, `PREDIKAT(G5,"lkjip5")`,
   `CAPAIAN_SASARAN(G5:G9)` -- is computed here. The argument cells take their values from:
   - a constant cell: python-calamine, the sync's reader (`lakip_xl.sumber.calamine`); a whole
     number reads as int, as openpyxl reads it; a date cell goes to pycel (which passes its serial);
   - another fast lakip cell: its value computed here (levels: PREDIKAT(G5) after CAPAIAN in G5);
   - the template's counted-Realisasi formula (`ROUND(SUMIFS(tblRealisasi[Jumlah],...)/INDEX(
     tblIndikator[Penyebut],MATCH(...))*100,2)` and its AVERAGEIFS / own-count forms, exactly as
     `lakip_xl.excel.buku` writes them): the realisasi of the model (step 0), so the copy cannot
     disagree with the summary sheets. The cell must hold the formula the builder writes for that
     row's indicator (tipe, penyebut, Jumlah Desimal, ROUND), both tables must exist and cover the
     model's rows, and each row's code, year and triwulan cells must hold what the model read (so
     SUMIFS selects the rows the model sums); otherwise the cell is left to pycel.
   The functions are those behind the Excel ones (`lakip_xl.excel.konversi`: each function of
   `lakip_xl.udf` is a one-line call of one of them), called once per formula pattern with the
   column of its cells for the element-wise ones (CAPAIAN, PREDIKAT, KETERANGAN, SERAPAN, ANGKA; each
   distinct argument row once, except CAPAIAN's nearly all distinct pairs), once per cell for
   CAPAIAN_SASARAN and KUMULATIF. CAPAIAN takes konversi's vectorised core (`lakip_xl.aturan.vektor`)
   when pandas is loaded already, else the per-cell rule (equal by vektor's property test; importing
   pandas only for this cost ~45 MiB of peak memory and saved no time). Arguments are what pycel
   would pass (blank None, an error cell None, a lakip cell whose result is blank "").
3. Everything else that must be evaluated -- a lakip call nested in another expression, an array
   formula, an argument cell holding some other formula, a date cell, a defined name, a range in an
   element-wise call -- goes to pycel (`rumus._evaluasi_pycel`, passed in), which builds its graph
   once for all of them and evaluates only what they depend on. A workbook without such cells never
   loads openpyxl or pycel. Anything the scan cannot read plainly sends the whole workbook to pycel.

The values are equal to the pycel path's for every cell (tests/test_rumus_cepat.py compares both
paths on the bundled workbooks, generated ones and hand-made ones with each case above).
"""

from __future__ import annotations

import functools
import gc
import html
import re
import sys
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from lakip_xl.errors import PERINGATAN, LakipError, Masalah
from lakip_xl.excel.rumus_dasar import (
    _KUTIP,
    KODE_GALAT_EXCEL,
    HasilRumus,
    _nilai_tersimpan,
    _sebab_beku,
    _tampil,
    normalkan,
    panggil_lakip,
    rujuk_eksternal,
)
from lakip_xl.xlsx.nilai_saja import awalan_xml, kepingan_xml

# The element-wise functions: one call per column gives each cell the value of its own call.
ELEMEN = ("CAPAIAN", "PREDIKAT", "KETERANGAN", "SERAPAN", "ANGKA", "NILAI_AKIP")
AGREGAT = ("CAPAIAN_SASARAN", "KUMULATIF")
# Arguments of an element-wise function that are a whole table, not broadcast (konversi): their position
ARG_TABEL = {"CAPAIAN": 4}  # CAPAIAN's Pengaturan table (konversi.kebijakan_sel)

_SEL_RE = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")
_ARG_REF_RE = re.compile(
    r"^(?:(?P<sheet>'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?"
    r"(?P<ac0>\$?)(?P<c0>[A-Z]{1,3})(?P<ar0>\$?)(?P<r0>[0-9]{1,7})"
    r"(?::(?P<ac1>\$?)(?P<c1>[A-Z]{1,3})(?P<ar1>\$?)(?P<r1>[0-9]{1,7}))?$")
_ANGKA_RE = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[Ee][+-]?\d+)?$")
_PANGGIL_RE = re.compile(r"^\s*(?P<nama>[A-Za-z_]+)\s*\((?P<isi>.*)\)\s*$", re.DOTALL)


@functools.lru_cache(maxsize=None)  # at most 16,384 column names; asked once per reference
def _kolom(huruf: str) -> int:
    n = 0
    for ch in huruf.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _huruf(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


@dataclass(slots=True)
class _Sel:
    """One formula cell."""

    key: tuple[str, str]  # (sheet, "G5"): the key of every HasilRumus field, one tuple shared by all
    row: int  # 0-based
    col: int
    teks: str  # the formula as openpyxl reads it, without "="
    v_mentah: tuple | None  # (cell type, <v> text, inline text) of the cached value, parsed on demand
    pola: tuple  # the formula's pattern (_pola): what it is, shared by every cell of one R1C1 formula
    larik: bool = False  # part of an array formula
    jenis: str = ""  # "beku" | "lakip" | "asli"
    nilai_pycel: Any = None  # the value as pycel holds it in the cell (None result -> "")
    selesai: bool = False

    @property
    def sheet(self) -> str:
        return self.key[0]

    @property
    def ref(self) -> str:
        return self.key[1]


@dataclass
class _Pindai:
    sel: dict[tuple[str, int, int], _Sel] = field(default_factory=dict)
    urutan: list[_Sel] = field(default_factory=list)
    larik: list[tuple[str, int, int, int, int]] = field(default_factory=list)  # array formula ranges


class _TakBisa(Exception):
    """The fast scan meets something it does not read: the whole workbook goes to pycel."""


# --------------------------------------------------------------------------------------------------
# Reading formula cells from the sheet XML


def _teks_xml(b: bytes) -> str:
    return html.unescape(b.decode("utf-8")) if b"&" in b else b.decode("utf-8")


def _angka_openpyxl(teks: str) -> Any:
    """A <v> number as openpyxl reads it (reader._cast_number)."""
    if "." in teks or "E" in teks or "e" in teks:
        return float(teks)
    return int(teks)


def _tersimpan(sel: _Sel, shared_strings) -> Any:
    """The cached value as openpyxl's data_only load reads it (pycel's wrapper keeps numbers numbers)."""
    if sel.v_mentah is None:
        return None
    ctipe, vt, inline = sel.v_mentah
    if ctipe == b"inlineStr":
        return inline
    if vt is None:
        return None
    if ctipe == b"s":
        return shared_strings()[int(vt)]
    if ctipe in (b"str", b"e"):
        return vt
    if ctipe == b"b":
        return bool(int(vt))
    return _angka_openpyxl(vt) if vt.strip() else None


# A cell reference outside string literals and quoted sheet names (both matched whole and kept: 'Q1 Data'
# is a name, not the cell Q1): its column and row become relative to the formula's cell unless fixed
# with $, so that every cell of a filled-down column has one pattern. Not a function name (LOG10( ),
# a table ([), a sheet name (Sheet1!).
_REF_POLA_RE = re.compile(
    r'"(?:[^"]|"")*"|\'(?:[^\']|\'\')*\'|(?<![\w$.])(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7})(?![\w(!\[.])')


def _kunci_pola(teks: str, r: int, c: int, baris_relatif: list | None = None) -> str:
    """The formula's pattern: `teks` with every reference relative to the cell (r, c), 0-based.
    `baris_relatif` receives (start, end, row) of the row numbers of the references relative in row."""
    def ganti(m: re.Match) -> str:
        abs_kol, kol, abs_bar, bar = m.groups()
        if kol is None:
            return m.group(0)
        kol = ("C" + kol) if abs_kol else f"c{_kolom(kol) - c}"
        if abs_bar:
            bar = "R" + bar
        else:
            if baris_relatif is not None:
                baris_relatif.append((m.start(4), m.end(4), int(bar)))
            bar = f"r{int(bar) - 1 - r}"
        return f"<{kol},{bar}>"

    return _REF_POLA_RE.sub(ganti, teks)


class _PolaKolom:
    """`_kunci_pola` for the formulas of a sheet read row after row. A filled-down formula is the previous
    row's formula of its column with every relative row number moved by the rows between them; when
    the text is exactly that, it has that formula's pattern (moving the digits of a reference keeps it a
    reference, and nothing else changes), and the regular expression is not run again."""

    def __init__(self) -> None:
        self._akhir: dict[tuple[str, int], tuple[int, str, str, list]] = {}  # (sheet, col) -> last formula

    def kunci(self, sheet: str, teks: str, r: int, c: int) -> str:
        akhir = self._akhir.get((sheet, c))
        if akhir is not None:
            r0, teks0, kunci0, baris0 = akhir
            geser = r - r0
            bagian, pos, panjang, baru = [], 0, 0, []
            for a, b, n in baris0:
                if not 1 <= n + geser <= 9_999_999:  # no longer a row number the pattern reads: read again
                    break
                angka = str(n + geser)
                bagian += (teks0[pos:a], angka)
                panjang += a - pos
                baru.append((panjang, panjang + len(angka), n + geser))
                panjang += len(angka)
                pos = b
            else:
                bagian.append(teks0[pos:])
                if "".join(bagian) == teks:
                    self._akhir[(sheet, c)] = (r, teks, kunci0, baru)
                    return kunci0
        baris: list = []
        kunci = _kunci_pola(teks, r, c, baris)
        self._akhir[(sheet, c)] = (r, teks, kunci, baris)
        return kunci


def _pindai_sheet(nama: str, kepingan, out: _Pindai, pola_dari) -> None:
    """Every formula cell of one sheet into `out`; `kepingan`: the part in pieces (nilai_saja.kepingan_xml)."""
    shared: dict[bytes, tuple[str, str]] = {}  # si -> (anchor formula text with "=", anchor cell)
    larik: list[tuple[int, int, int, int]] = []
    p = None
    for xml in kepingan:
        if p is None:
            p = awalan_xml(xml)
            if p is None:
                raise _TakBisa("no worksheet root")
            ep = re.escape(p)
            v_re = re.compile(rb"<" + ep + rb"v>(.*?)</" + ep + rb"v>", re.DOTALL)
            t_re = re.compile(rb"<" + ep + rb"t\b[^>]*?(?:/>|>(.*?)</" + ep + rb"t>)", re.DOTALL)
        _pindai_keping(nama, xml, p, v_re, t_re, shared, larik, out, pola_dari)
    for r0, c0, r1, c1 in larik:
        out.larik.append((nama, r0, c0, r1, c1))
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (nama, r, c) in out.sel:
                    out.sel[(nama, r, c)].larik = True


def _pindai_keping(nama: str, xml: bytes, p: bytes, v_re, t_re, shared, larik, out: _Pindai, pola_dari) -> None:
    from lakip_xl.xlsx.nilai_saja import sel_rumus_xml

    for x in sel_rumus_xml(xml, p):
        cattr = dict(x.attr)
        ref = cattr.get(b"r")
        if not ref:
            raise _TakBisa("cell without r")
        ref = ref.decode()
        mref = _SEL_RE.fullmatch(ref)
        if mref is None:
            raise _TakBisa("bad r")
        ftipe = x.f_attr.get(b"t", b"normal")
        teks = _teks_xml(x.f_teks) if x.f_teks is not None else ""
        if ftipe == b"shared":
            si = x.f_attr.get(b"si", b"")
            if teks.strip():
                shared[si] = ("=" + teks, ref)
            elif si in shared:
                from openpyxl.formula.translate import Translator  # what openpyxl does on load

                asal, sel_asal = shared[si]
                teks = Translator(asal, origin=sel_asal).translate_formula(ref)[1:]
            else:
                raise _TakBisa("shared formula member before its anchor")
        elif ftipe == b"array":
            ujung = (x.f_attr.get(b"ref") or ref.encode()).decode().split(":")
            m0, m1 = _SEL_RE.fullmatch(ujung[0]), _SEL_RE.fullmatch(ujung[-1])
            if m0 is None or m1 is None:
                raise _TakBisa("array ref")
            larik.append((int(m0.group(2)) - 1, _kolom(m0.group(1)), int(m1.group(2)) - 1, _kolom(m1.group(1))))
        elif ftipe != b"normal":
            raise _TakBisa("data table formula")
        if not teks.strip():
            continue  # a formula cell openpyxl would not read as a formula
        ctipe = cattr.get(b"t", b"n")
        if ctipe not in (b"n", b"s", b"str", b"e", b"b", b"inlineStr"):
            raise _TakBisa("cell type")
        mv = v_re.search(x.isi)
        vt = _teks_xml(mv.group(1)) if mv else None
        inline = None
        if ctipe == b"inlineStr":
            tt = t_re.findall(x.isi)
            inline = "".join(_teks_xml(t) for t in tt) if tt else None
        r, c = int(mref.group(2)) - 1, _kolom(mref.group(1))
        pola = pola_dari(nama, teks, r, c)
        # the cached value matters only for a frozen formula
        mentah = (ctipe, vt, inline) if pola[1] is not None and (mv or inline is not None) else None
        sel = _Sel((nama, ref), r, c, teks, mentah, pola)
        out.sel[(nama, r, c)] = sel
        out.urutan.append(sel)


def _shared_strings(src) -> Any:
    """A function giving the shared-string table (read on first use)."""
    memo: list = []

    def ambil():
        if not memo:
            nama = src.find("xl/sharedStrings.xml")
            teks = []
            if nama:
                xml = src.read(nama)
                for msi in re.finditer(rb"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", xml, re.DOTALL):
                    isi = msi.group(1) or b""
                    # rich text: the <t> of every run; phonetic runs (<rPh>) are not the cell's text
                    isi = re.sub(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", b"", isi, flags=re.DOTALL)
                    teks.append("".join(_teks_xml(x) for x in re.findall(
                        rb"<(?:\w+:)?t\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?t>)", isi, re.DOTALL)))
            memo.append(teks)
        return memo[0]

    return ambil


# --------------------------------------------------------------------------------------------------
# Formula shapes


def _pisah_argumen(isi: str) -> list[str] | None:
    """The top-level arguments of a call's inside, or None when it holds a nested call or parenthesis."""
    args, buf, i, n = [], [], 0, len(isi)
    while i < n:
        ch = isi[i]
        if ch == '"':
            j = i + 1
            while j < n:
                if isi[j] == '"':
                    if j + 1 < n and isi[j + 1] == '"':
                        j += 2
                        continue
                    break
                j += 1
            if j >= n:
                return None
            buf.append(isi[i:j + 1])
            i = j + 1
            continue
        if ch == "'":
            j = isi.find("'!", i + 1)
            if j < 0:
                return None
            buf.append(isi[i:j + 2])
            i = j + 2
            continue
        if ch in "(){}":
            return None
        if ch == ",":
            args.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
        i += 1
    args.append("".join(buf).strip())
    return args


def _argumen(teks: str, sheet: str, nama_sheet: dict[str, str], r: int, c: int):
    """One argument of the formula in cell (r, c): ("lit", value), ("sel", sheet, R, C) or ("range",
    sheet, R0, C0, R1, C1), each coordinate R/C a pair (fixed, n): a $-fixed row/column n, or an
    offset n from the formula's cell; None when it is anything else (a name, an expression, an
    omitted argument)."""
    if not teks:
        return None
    if len(teks) >= 2 and teks[0] == '"' and teks[-1] == '"':
        isi = teks[1:-1]
        if '"' in isi.replace('""', ""):
            return None
        return ("lit", isi.replace('""', '"'))
    up = teks.upper()
    if up in ("TRUE", "FALSE"):
        return ("lit", up == "TRUE")
    if _ANGKA_RE.match(teks):
        return ("lit", _angka_openpyxl(teks.lstrip("+")))
    m = _ARG_REF_RE.match(teks)
    if m is None:
        return None
    sh = sheet
    if m.group("sheet"):
        s = m.group("sheet")
        if s.startswith("'"):
            s = s[1:-1].replace("''", "'")
        sh = nama_sheet.get(s.casefold())
        if sh is None:
            return None

    def baris(tetap: str, n: str):
        return (True, int(n) - 1) if tetap else (False, int(n) - 1 - r)

    def kolom(tetap: str, h: str):
        return (True, _kolom(h)) if tetap else (False, _kolom(h) - c)

    a = (baris(m.group("ar0"), m.group("r0")), kolom(m.group("ac0"), m.group("c0")))
    if m.group("c1") is None:
        return ("sel", sh, *a)
    return ("range", sh, *a, baris(m.group("ar1"), m.group("r1")), kolom(m.group("ac1"), m.group("c1")))


def _bentuk_panggilan(teks: str, sheet: str, nama_sheet: dict[str, str], r: int, c: int) -> tuple | None:
    """(FUNGSI, (args)) for a formula that is one lakip call over references and literals."""
    m = _PANGGIL_RE.match(normalkan(teks))
    if m is None:
        return None
    nama = m.group("nama").upper()
    if nama not in ELEMEN + AGREGAT:
        return None
    bagian = _pisah_argumen(m.group("isi"))
    if bagian is None or (len(bagian) == 1 and not bagian[0]):
        return None
    args = tuple(_argumen(b, sheet, nama_sheet, r, c) for b in bagian)
    if any(a is None for a in args):
        return None
    i = ARG_TABEL.get(nama)
    if i is not None and len(args) > i and args[i][0] == "range" and all(k[0] for k in args[i][2:]):
        # a table argument (not element-wise) given as an absolute range: the same for every cell, one value
        args = (*args[:i], ("tetap", *args[i][1:]), *args[i + 1:])
    if nama in ELEMEN and any(a[0] == "range" for a in args):
        return None  # a range in a one-cell call: Excel's implicit intersection, left to pycel
    return nama, args


def _di(k: tuple[bool, int], asal: int) -> int:
    return k[1] if k[0] else k[1] + asal


def _wujud(arg: tuple, r: int, c: int) -> tuple:
    """An argument of a pattern made concrete for the cell (r, c)."""
    if arg[0] == "lit":
        return arg
    if arg[0] == "tetap":
        return ("range", arg[1], arg[2][1], arg[3][1], arg[4][1], arg[5][1])
    if arg[0] == "sel":
        return ("sel", arg[1], _di(arg[2], r), _di(arg[3], c))
    r0, c0, r1, c1 = _di(arg[2], r), _di(arg[3], c), _di(arg[4], r), _di(arg[5], c)
    return ("range", arg[1], min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1))


# --------------------------------------------------------------------------------------------------
# The counted Realisasi (the model's figures)


def _tabel_ref(src) -> dict[str, tuple[int, int]]:
    """{table name casefolded: (first data row, last row)} (0-based rows) of the package's tables."""
    out = {}
    for info in src.infos:
        if re.match(r"(?i)^xl/tables/[^/]+\.xml$", info.filename):
            kepala = src.read(info.filename)[:2048]
            mn = re.search(rb'<(?:\w+:)?table\b[^>]*?\bname="([^"]*)"', kepala)
            mr = re.search(rb'<(?:\w+:)?table\b[^>]*?\bref="([^"]*)"', kepala)
            mh = re.search(rb'\bheaderRowCount="0"', kepala)
            if mn and mr:
                ujung = mr.group(1).decode().split(":")
                a, b = _SEL_RE.fullmatch(ujung[0]), _SEL_RE.fullmatch(ujung[-1])
                if a and b:
                    r0 = int(a.group(2)) - 1 + (0 if mh else 1)  # the row below the header row
                    out[mn.group(1).decode().casefold()] = (r0, int(b.group(2)) - 1)
    return out


def _rumus_hitungan(tipe: str, penyebut: bool, desimal: int, n: int, kk: str, kt: str, kw: str, kj: str) -> str:
    """The counted-Realisasi formula lakip_xl.excel.buku writes for row n (without "=")."""
    bagi = (f"/INDEX(tblIndikator[Penyebut],MATCH({kk}{n},tblIndikator[Kode Indikator],0))*100"
            if penyebut else "")
    if tipe == "kumulatif":
        inti = (f'SUMIFS(tblRealisasi[Jumlah],tblRealisasi[Kode Indikator],{kk}{n},'
                f'tblRealisasi[Tahun],"<="&{kt}{n},tblRealisasi[Triwulan],"")')
    elif tipe == "rata_rata":
        inti = (f'AVERAGEIFS(tblRealisasi[Jumlah],tblRealisasi[Kode Indikator],{kk}{n},'
                f'tblRealisasi[Tahun],"<="&{kt}{n},tblRealisasi[Triwulan],"")')
    else:
        inti = f"{kj}{n}"
    return f"ROUND({inti}{bagi},{desimal})"


def _realisasi_model(calamine, src) -> dict[tuple[str, int, int], tuple[str, float]]:
    """{(sheet, row, col): (formula, realisasi)}: the counted-Realisasi cells whose value the sync's model
    gives (module docstring, point 2), with the formula lakip_xl writes there (spaces removed); a cell
    takes the value only when it holds that formula. Empty when the data sheets cannot be read as the
    template's or SUMIFS would not select the rows the model sums. Only this small dict outlives the
    call: the model itself (tens of MB at 50,000 rows) is gone before the formulas are scanned."""
    from decimal import Decimal

    from lakip_xl.laporan.hitung import realisasi_komponen
    from lakip_xl.sumber import model as m
    from lakip_xl.sumber.baca import baca_data

    tabel = _tabel_ref(src)
    t_real, t_ind = tabel.get("tblrealisasi"), tabel.get("tblindikator")
    if t_real is None or t_ind is None:
        return {}
    try:
        data = baca_data(calamine)
        k, komponen = realisasi_komponen(data)  # hitung's own computation of these cells, only these
    except LakipError:
        return {}
    kolom = m.KOLOM[m.SHEET_REALISASI]
    ik, it, iw, ir, ij = (kolom.index(h) for h in ("Kode Indikator", "Tahun", "Triwulan", "Realisasi", "Jumlah"))
    kk, kt, kw, kr, kj = (_huruf(i) for i in (ik, it, iw, ir, ij))
    # SUMIFS selects the rows the model sums: every row of the model inside the table, with its code,
    # year and triwulan cells holding exactly what the model read; MATCH finds every indicator
    for b in data.realisasi:
        rows = calamine.rows(b.lokasi.sheet)
        r = b.lokasi.baris - 1
        if not t_real[0] <= r <= t_real[1] or r >= len(rows):
            return {}
        row = rows[r]
        ambil = [row[i] if i < len(row) else "" for i in (ik, it, iw)]
        if ambil[0] != b.kode or not isinstance(ambil[1], (int, float)) or ambil[1] != b.tahun:
            return {}
        if (b.triwulan is None) != (ambil[2] in ("", None)):
            return {}
    for ind in data.indikator:
        if not t_ind[0] <= ind.lokasi.baris - 1 <= t_ind[1]:
            return {}
    out = {}
    for ind, b, realisasi in komponen:
        if not isinstance(realisasi, Decimal):
            continue
        mref, mj = _SEL_RE.fullmatch(b.realisasi.sel or ""), _SEL_RE.fullmatch(b.jumlah.sel or "")
        if mref is None or mref.group(1) != kr or mj is None or mj.group(1) != kj:
            continue
        n = b.lokasi.baris
        harap = _rumus_hitungan(ind.tipe, ind.penyebut is not None, k.desimal_realisasi, n, kk, kt, kw, kj)
        out[(b.lokasi.sheet, n - 1, _kolom(kr))] = (harap.replace(" ", ""), float(realisasi))
    return out


# --------------------------------------------------------------------------------------------------
# Evaluation


class _SumberSimpan:
    """A SumberCalamine whose rows of the sheets `simpan` are read once and kept (the fast path and the
    model's reader share them); other sheets' rows are not kept."""

    # No parse ahead on a thread (SumberCalamine.siapkan): at 50,000 rows it saves the export ~0.25 s of
    # ~5 s, while the export's peak memory sits at its target (0.48-0.50x openpyxl, benchmarks/ekspor_bench.py)
    # and the parse ahead holds a parsed sheet early.
    siapkan = None

    def __init__(self, asal, simpan: set[str]):
        self._asal = asal
        self._simpan = simpan
        self._rows: dict[str, list] = {}

    def simpan(self, sheets: set[str]) -> None:
        """Keep the rows of these sheets too (and no longer those of others not read yet)."""
        self._rows = {k: v for k, v in self._rows.items() if k in sheets}
        self._simpan = set(sheets)

    def rows(self, sheet: str):
        if sheet in self._rows:
            return self._rows[sheet]
        rows = self._asal.rows(sheet)
        if sheet in self._simpan:
            self._rows[sheet] = rows
        return rows

    def __getattr__(self, nama):
        return getattr(self._asal, nama)


class _BukanCepat(Exception):
    """An argument cell the fast path cannot give a value for (yet, or at all)."""


def evaluasi_cepat(p: Path, data: bytes, semua_rumus: bool, *, pycel) -> HasilRumus:
    """`evaluasi_rumus` by the fast path (module docstring). `pycel`: lakip_xl.excel.rumus's pycel path
    (`_evaluasi_pycel`), passed in so that this module does not import that one (which imports this)."""
    from lakip_xl.sumber.calamine import SumberCalamine
    from lakip_xl.xlsx.package import REL_WORKSHEET, SourcePackage
    from lakip_xl.xlsx.workbook import Book

    hasil = HasilRumus(berkas=p.name)
    src = SourcePackage(data, berkas=p.name)
    book = Book(src, p.name)
    sheets = [(s.name, s.part) for s in book.sheets() if s.part and s.rel_type == REL_WORKSHEET]
    nama_sheet = {n.casefold(): n for n, _ in sheets}
    # names into another workbook (a formula using one is frozen, as in the pycel path)
    nama_luar = set()
    for el in book.wb.iter():
        if isinstance(el.tag, str) and el.tag.endswith("}definedName") and rujuk_eksternal(el.text or ""):
            nama_luar.add((el.get("name") or "").casefold())

    # What a formula is depends only on its pattern (its R1C1 form): classified once per pattern.
    pola_cache: dict[str, tuple] = {}
    pola_kolom = _PolaKolom()

    def pola_dari(sheet: str, teks: str, r: int, c: int) -> tuple:
        kunci = sheet + "\x00" + pola_kolom.kunci(sheet, teks, r, c)
        pola = pola_cache.get(kunci)
        if pola is None:
            lakip = panggil_lakip("=" + teks)
            sebab = None if lakip else _sebab_beku(teks, nama_luar)
            bentuk = _bentuk_panggilan(teks, sheet, nama_sheet, r, c) if lakip else None
            pola = pola_cache[kunci] = (lakip, sebab, bentuk)
        return pola

    # The model first, when a sheet holds the template's counted Realisasi: reading and computing it is
    # the sync's own work, and its memory is free again before the formulas are scanned.
    from lakip_xl.sumber import model as m

    calamine = _SumberSimpan(SumberCalamine(p), {m.SHEET_REALISASI})
    model: dict = {}
    if any(n.casefold() == m.SHEET_REALISASI.casefold() and any(b"ROUND(" in k for k in kepingan_xml(src, part))
           for n, part in sheets):
        model = _realisasi_model(calamine, src)
        gc.collect()

    pindai = _Pindai()
    ss = _shared_strings(src)
    try:
        for nama, part in sheets:
            _pindai_sheet(nama, kepingan_xml(src, part), pindai, pola_dari)
    except (_TakBisa, ValueError, IndexError, UnicodeDecodeError):
        return pycel(p, data, hasil, semua_rumus=semua_rumus)

    target: list[_Sel] = []
    for s in pindai.urutan:
        key = s.key
        lakip, sebab, _ = s.pola
        if sebab is not None:
            tersimpan = _tersimpan(s, ss)
            s.jenis = "beku"
            s.nilai_pycel = tersimpan
            s.selesai = True
            hasil.rumus[key] = s.teks
            hasil.nilai[key] = _nilai_tersimpan(tersimpan)
            hasil.beku[key] = sebab
            hasil.masalah.append(Masalah(
                pesan=f"Rumus ={s.teks[:_KUTIP]} {sebab}; di salinan diganti nilai terakhir yang disimpan "
                      f"Excel ({_tampil(tersimpan)}), tidak dihitung ulang.",
                saran="Periksa angka itu di Excel sebelum salinan dikirim.",
                berkas=p.name, sheet=s.sheet, sel=s.ref, tingkat=PERINGATAN))
            continue
        s.jenis = "lakip" if lakip else "asli"
        if lakip or semua_rumus:
            hasil.rumus[key] = s.teks
            if lakip:
                hasil.lakip.add(key)
            target.append(s)
    if not target:
        return hasil

    # the sheets the fast cells read: their rows are read once and shared with the model's reader
    # the columns the fast cells read, kept as plain lists (the sheets' other cells are let go)
    perlu: dict[str, set[int]] = {}
    dilihat: set[tuple] = set()
    for s in target:
        if s.pola[2] is not None and not s.larik and (s.pola, s.col) not in dilihat:
            dilihat.add((s.pola, s.col))
            for a in s.pola[2][1]:
                if a[0] == "sel":
                    perlu.setdefault(a[1], set()).add(_di(a[3], s.col))
                elif a[0] in ("range", "tetap"):
                    c0, c1 = sorted((_di(a[3], s.col), _di(a[5], s.col)))
                    perlu.setdefault(a[1], set()).update(range(c0, c1 + 1))
    calamine.simpan(set(perlu))
    kolom_nilai: dict[tuple[str, int], list] = {}
    for sh, cols in perlu.items():
        rows = calamine.rows(sh)
        for c in cols:
            kolom_nilai[(sh, c)] = [row[c] if c < len(row) else None for row in rows]
    rows = None
    calamine = None  # the rows are no longer needed
    dari_model = 0
    for key, (harap, v) in model.items():
        s = pindai.sel.get(key)
        if s is not None and s.jenis == "asli" and s.teks.replace(" ", "") == harap:
            s.nilai_pycel = v
            s.selesai = True
            dari_model += 1
    model = {}

    def nilai_sel(sh: str, r: int, c: int) -> Any:
        """The value pycel would pass for one cell (before _ke_udf)."""
        s = pindai.sel.get((sh, r, c))
        if s is not None:
            if not s.selesai:
                raise _BukanCepat
            return s.nilai_pycel
        kol = kolom_nilai.get((sh, c))
        if kol is None or r >= len(kol):
            return None
        v = kol[r]
        t = type(v)
        if t is float:
            # openpyxl reads a whole number written without a point as int
            return int(v) if v.is_integer() and abs(v) < 2**53 else v
        if t is str:
            return v or None
        if v is None or t is bool or t is int:
            return v
        raise _BukanCepat  # a date or time cell: pycel passes Excel's serial number

    def argumen(a) -> Any:
        if a[0] == "lit":
            return a[1]
        if a[0] == "sel":
            v = nilai_sel(a[1], a[2], a[3])
            return None if v is None or (type(v) is str and v in KODE_GALAT_EXCEL) else v
        _, sh, r0, c0, r1, c1 = a
        out = []
        for r in range(r0, r1 + 1):
            baris = []
            for c in range(c0, c1 + 1):
                v = nilai_sel(sh, r, c)
                baris.append(None if v is None or (type(v) is str and v in KODE_GALAT_EXCEL) else v)
            out.append(baris)
        return out

    # The functions behind the Excel ones: each of lakip_xl.udf's functions is a one-line call of these
    # (with konversi's own AMBANG_VEKTOR and capaian_vektor); called here directly because importing
    # lakip_xl.udf imports xlwings, and with it pandas, where nothing else needs them.
    from lakip_xl.excel import konversi

    # The vectorised cores of CAPAIAN, PREDIKAT, KETERANGAN and SERAPAN (aturan.vektor, exact: equal to
    # the per-cell rule) need pandas, whose import costs ~45 MiB of peak memory (0.14x openpyxl's load +
    # save of a 50,000-row workbook) and saved no time here (measured at 50,000 rows: 12.1 s with it,
    # 11.3 s without, on a busy machine): they are taken when pandas is loaded already (e.g. by the
    # model), else the per-cell rule. (The array functions' own paths, issue 14 item 3, had brought
    # the import back: 153 -> 199 MB at 50,000 rows, until they got the same threshold.)
    ambang = konversi.AMBANG_VEKTOR if "pandas" in sys.modules else sys.maxsize

    fungsi = {"CAPAIAN": partial(konversi.hitung_capaian, ambang=ambang),
              "PREDIKAT": partial(konversi.hitung_predikat, ambang=ambang),
              "KETERANGAN": partial(konversi.hitung_keterangan, ambang=ambang),
              "CAPAIAN_SASARAN": konversi.hitung_capaian_sasaran,
              "KUMULATIF": konversi.hitung_kumulatif, "SERAPAN": partial(konversi.hitung_serapan, ambang=ambang),
              "ANGKA": konversi.hitung_angka, "NILAI_AKIP": konversi.hitung_nilai_akip}
    sisa = [s for s in target if s.pola[2] is not None and not s.larik]
    tetap: dict[tuple, Any] = {}  # an absolute range argument (CAPAIAN's Pengaturan table), read once

    def argumen_sel(a: tuple, s: _Sel) -> Any:
        if a[0] != "tetap":
            return argumen(_wujud(a, s.row, s.col))
        v = tetap.get(a)
        if v is None:
            v = tetap[a] = argumen(_wujud(a, s.row, s.col))
        return v

    while sisa:
        tunda: list[_Sel] = []
        kelompok: dict[tuple, list] = {}  # (function, pattern of its arguments) -> [(cell, args)]
        for s in sisa:
            nama, pola_arg = s.pola[2]
            try:
                args = [argumen_sel(a, s) for a in pola_arg]
            except _BukanCepat:
                tunda.append(s)
                continue
            if nama in ELEMEN:
                kelompok.setdefault((nama, pola_arg), []).append((s, args))
                continue
            v = fungsi[nama](*args)
            if isinstance(v, list):
                s.pola = (s.pola[0], None, None)  # an array result outside an array formula: pycel's rule
                continue
            s.nilai_pycel = "" if v is None else v
            s.selesai = True
        for (nama, pola_arg), anggota in kelompok.items():
            # One call per column: a literal argument (the same in every cell of the pattern) stays one
            # value. An element-wise function's value depends on its arguments only, so each distinct
            # argument row is computed once (typed: 1, 1.0 and TRUE stay apart).
            # (CAPAIAN's target/realisasi pairs are nearly all distinct: no dedup, no memory spent on it)
            sel_i = [i for i, a in enumerate(pola_arg) if a[0] not in ("lit", "tetap")]
            unik: dict[tuple, int] = {}
            if nama == "CAPAIAN":
                posisi = list(range(len(anggota)))
                unik = dict.fromkeys(range(len(anggota)))  # only its size is read below
            elif len(sel_i) == 1:
                i = sel_i[0]
                posisi = [unik.setdefault((type(args[i]), args[i]), len(unik)) for _, args in anggota]
            else:
                posisi = [unik.setdefault(tuple((type(args[i]), args[i]) for i in sel_i), len(unik))
                          for _, args in anggota]
            baris = [None] * len(unik)
            for (_, args), j in zip(anggota, posisi):
                if baris[j] is None:
                    baris[j] = args
            kolom = [a[1] if a[0] == "lit" else baris[0][i] if a[0] == "tetap" else [[args[i]] for args in baris]
                     for i, a in enumerate(pola_arg)]
            v = fungsi[nama](*kolom)
            hasilnya = [v] if len(baris) == 1 else [row[0] for row in v]
            for (s, _), j in zip(anggota, posisi):
                x = hasilnya[j]
                s.nilai_pycel = "" if x is None else x
                s.selesai = True
        if len(tunda) == len(sisa):
            break
        sisa = tunda

    jalur_pycel = {s.key for s in target if not s.selesai}
    # every cell of an array formula is pycel's (openpyxl gives each its own INDEX formula)
    for sh, r0, c0, r1, c1 in pindai.larik:
        jangkar = pindai.sel.get((sh, r0, c0))
        if jangkar is not None and jangkar.key in jalur_pycel:
            jalur_pycel.update((sh, f"{_huruf(c)}{r + 1}") for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
    # cepat: lakip targets computed here; model: counted-Realisasi cells given by the model (targets or
    # arguments); pycel: targets left to pycel
    hasil.jalur = {"cepat": sum(s.selesai for s in target if s.jenis == "lakip"), "model": dari_model,
                   "pycel": len(jalur_pycel)}
    if jalur_pycel:
        pycel(p, data, hasil, semua_rumus=semua_rumus, hanya=jalur_pycel)
    for s in target:
        key = s.key
        if key in jalur_pycel:
            continue
        v = s.nilai_pycel
        v = None if v == "" or v is None else v
        hasil.nilai[key] = v
        if key in hasil.lakip and isinstance(v, str) and v.startswith("#N/A: "):
            hasil.masalah.append(Masalah(
                pesan=f"Fungsi lakip_xl di sel ini menghasilkan pesan galat: {v[6:]}",
                saran="Perbaiki data yang dirujuk rumus itu agar salinan berisi angka.",
                berkas=p.name, sheet=s.sheet, sel=s.ref, tingkat=PERINGATAN))
    if jalur_pycel:
        # in sheet order (the pycel path's), whichever path computed a cell
        no_sheet = {n: i for i, (n, _) in enumerate(sheets)}

        def urut(kv):
            m = _SEL_RE.fullmatch(kv[0][1])
            return no_sheet.get(kv[0][0], -1), int(m.group(2)), _kolom(m.group(1))

        hasil.nilai = dict(sorted(hasil.nilai.items(), key=urut))
    return hasil

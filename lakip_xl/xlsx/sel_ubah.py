"""Cell-level surgery on a worksheet part: replace the values of a few cells, every other byte kept.

Used by the opt-in write-back of a mapped workbook (the agency's own Capaian / Predikat / Ket cells
marked in its Peta LAKIP sheet, lakip_xl.sync). The part is never parsed into a tree and written again:
the <c> element of each target cell is found by its r attribute inside its <row> of <sheetData> and
replaced by a new <c> carrying the same style (s) attribute; a missing cell is inserted in column order,
a missing row in row order. The bytes before and after each edit are the original bytes.

What is written (ECMA-376 Part 1, 18.3.1.4 c, 18.3.1.96 v, 18.3.1.53 is):
- a number: <c r s><v>text</v></c>, the Decimal written as plain digits (no exponent);
- a text: <c r s t="inlineStr"><is><t>text</t></is></c> (no change to sharedStrings.xml, which
  other cells share);
- a cell holding a formula (<f>) is NOT written: the agency's own formula stays and the cell is
  reported as skipped, with the reason (the user chose to keep a formula there; lakip_xl's Pemeriksaan
  still checks its value).
Cells written without r attributes (legal, rare; Excel always writes them) cannot be located safely:
the whole sheet is skipped with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from lakip_xl.xlsx.sheetspec import cell_ref, parse_ref


@dataclass
class HasilUbah:
    xml: bytes
    diisi: list[str] = field(default_factory=list)  # A1 refs written
    dilewati: list[tuple[str, str]] = field(default_factory=list)  # (A1 ref, reason in Bahasa Indonesia)


_ROW = re.compile(rb"<row\b[^>]*?\br=\"(\d+)\"[^>]*?(/>|>)")
_CELL = re.compile(rb"<c\b([^>]*?)(/>|>)")
_ATTR_R = re.compile(rb"\br=\"([A-Z]+)(\d+)\"")
_ATTR_S = re.compile(rb"\bs=\"(\d+)\"")
_SHEETDATA = re.compile(rb"<sheetData\s*/>|<sheetData\b[^>]*>")


def _esc(teks: str) -> bytes:
    teks = "".join(ch for ch in teks if ch in "\t\n\r" or ord(ch) >= 0x20)  # XML 1.0 characters only
    return teks.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")


def _angka(d: Decimal) -> str:
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def sel_baru(ref: str, nilai: Decimal | int | str, s: bytes | None) -> bytes:
    """The <c> element of one written cell (style `s` kept)."""
    gaya = b' s="' + s + b'"' if s is not None else b""
    if isinstance(nilai, (Decimal, int)) and not isinstance(nilai, bool):
        return b'<c r="' + ref.encode() + b'"' + gaya + b"><v>" + _angka(Decimal(nilai)).encode() + b"</v></c>"
    t = str(nilai)
    spasi = b' xml:space="preserve"' if t != t.strip() else b""
    return (b'<c r="' + ref.encode() + b'"' + gaya + b' t="inlineStr"><is><t' + spasi + b">" + _esc(t)
            + b"</t></is></c>")


def _akhir_sel(xml: bytes, m: re.Match) -> int:
    """End offset of the <c> element whose start tag `m` matched."""
    if m.group(2) == b"/>":
        return m.end()
    return xml.index(b"</c>", m.end()) + 4


def _kolom(huruf: bytes) -> int:
    return parse_ref(huruf.decode() + "1")[1]


def ubah_sel(xml: bytes, nilai: dict[tuple[int, int], Decimal | int | str]) -> HasilUbah:
    """`xml` with the cells at (row, col) (1-based) holding the given values; see the module docstring."""
    hasil = HasilUbah(xml)
    if not nilai:
        return hasil
    m = _SHEETDATA.search(xml)
    if m is None:
        hasil.dilewati += [(cell_ref(r, c), "bagian sheet tidak berisi sheetData") for r, c in sorted(nilai)]
        return hasil
    per_baris: dict[int, dict[int, object]] = {}
    for (r, c), v in nilai.items():
        per_baris.setdefault(r, {})[c] = v
    out: list[bytes] = []
    if m.group(0).endswith(b"/>"):  # an empty sheet: <sheetData/> becomes the rows written
        out.append(xml[: m.start()] + b"<sheetData>")
        for r in sorted(per_baris):
            out.append(_baris_baru(r, per_baris[r], hasil))
        out.append(b"</sheetData>" + xml[m.end():])
        hasil.xml = b"".join(out)
        return hasil
    akhir_data = xml.index(b"</sheetData>", m.end())
    pos = m.end()
    out.append(xml[:pos])
    sisa = sorted(per_baris)
    for mr in _ROW.finditer(xml, pos, akhir_data):
        r = int(mr.group(1))
        while sisa and sisa[0] < r:  # rows to insert before this one
            rr = sisa.pop(0)
            out.append(xml[pos: mr.start()])
            pos = mr.start()
            out.append(_baris_baru(rr, per_baris[rr], hasil))
        if not sisa or sisa[0] != r:
            continue
        sisa.pop(0)
        if mr.group(2) == b"/>":  # <row r="5" .../>: open it
            out.append(xml[pos: mr.end() - 2] + b">")
            out.append(b"".join(_sel_urut(r, per_baris[r], hasil)))
            out.append(b"</row>")
            pos = mr.end()
            continue
        akhir_baris = xml.index(b"</row>", mr.end())
        out.append(xml[pos: mr.end()])
        pos = mr.end()
        target = dict(per_baris[r])
        for mc in _CELL.finditer(xml, mr.end(), akhir_baris):
            ar = _ATTR_R.search(mc.group(1))
            if ar is None:
                hasil.dilewati += [(cell_ref(r, c), "sel di baris ini tidak memiliki alamat (atribut r)")
                                   for c in sorted(target)]
                target = {}
                break
            c = _kolom(ar.group(1))
            for cc in sorted(k for k in target if k < c):  # cells to insert before this one
                out.append(xml[pos: mc.start()])
                pos = mc.start()
                out.append(sel_baru(cell_ref(r, cc), target.pop(cc), None))
                hasil.diisi.append(cell_ref(r, cc))
            if c not in target:
                continue
            akhir = _akhir_sel(xml, mc)
            v = target.pop(c)
            if b"<f" in xml[mc.end(): akhir] and mc.group(2) == b">":
                hasil.dilewati.append((cell_ref(r, c), "sel berisi rumus instansi; rumus itu dibiarkan"))
                continue
            s = _ATTR_S.search(mc.group(1))
            out.append(xml[pos: mc.start()])
            out.append(sel_baru(cell_ref(r, c), v, s.group(1) if s else None))
            hasil.diisi.append(cell_ref(r, c))
            pos = akhir
        for cc in sorted(target):  # after the row's last cell
            out.append(xml[pos: akhir_baris])
            pos = akhir_baris
            out.append(sel_baru(cell_ref(r, cc), target[cc], None))
            hasil.diisi.append(cell_ref(r, cc))
    for rr in sisa:  # rows after the last row of the sheet
        out.append(xml[pos: akhir_data])
        pos = akhir_data
        out.append(_baris_baru(rr, per_baris[rr], hasil))
    out.append(xml[pos:])
    hasil.xml = b"".join(out)
    return hasil


def tak_terisi(xml: bytes, sel: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The cells of `sel` that `ubah_sel` would leave alone (a formula of the agency's, no address)."""
    h = ubah_sel(xml, dict.fromkeys(sel, ""))
    return {(parse_ref(ref)[0], parse_ref(ref)[1]) for ref, _ in h.dilewati}


def _sel_urut(r: int, sel: dict[int, object], hasil: HasilUbah) -> list[bytes]:
    out = []
    for c in sorted(sel):
        out.append(sel_baru(cell_ref(r, c), sel[c], None))
        hasil.diisi.append(cell_ref(r, c))
    return out


def _baris_baru(r: int, sel: dict[int, object], hasil: HasilUbah) -> bytes:
    return f'<row r="{r}">'.encode() + b"".join(_sel_urut(r, sel, hasil)) + b"</row>"

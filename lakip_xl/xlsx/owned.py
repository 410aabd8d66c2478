"""Which sheets lakip_xl owns: a hidden workbook-level defined name whose value is a string constant.

    <definedName name="_lakipxl_milik" hidden="1">"Pengukuran Kinerja|Ikhtisar"</definedName>

A defined name survives Excel's own saves (unlike custom XML or sheet properties we might invent), is
invisible to users (hidden="1"), and is plain data (no formula that Excel would evaluate against
cells). Excel limits a text constant in a formula to 255 characters, so a long list is written as
several constants joined with "&". Excel allows "|" in sheet names, so update_workbook refuses
generated sheet names that contain OWNED_SEP.
"""

from __future__ import annotations

import re

OWNED_NAME = "_lakipxl_milik"
OWNED_SEP = "|"
_CHUNK = 255  # Excel: text values in formulas are limited to 255 characters

_STRING = re.compile(r'\s*"((?:[^"]|"")*)"\s*')


def encode_owned(names: list[str]) -> str:
    """['A', 'B'] -> '"A|B"' (the defined name's formula text, without a leading '=')."""
    text = OWNED_SEP.join(names)
    chunks = [text[i:i + _CHUNK] for i in range(0, len(text), _CHUNK)] or [""]
    return "&".join('"' + c.replace('"', '""') + '"' for c in chunks)


def decode_owned(formula: str) -> list[str]:
    """The inverse of encode_owned; anything malformed gives [] (owning nothing is the safe reading)."""
    text = (formula or "").strip()
    if text.startswith("="):
        text = text[1:]
    parts = []
    pos = 0
    while True:
        m = _STRING.match(text, pos)
        if not m:
            return []
        parts.append(m.group(1).replace('""', '"'))
        pos = m.end()
        if pos == len(text):
            break
        if text[pos] != "&":
            return []
        pos += 1
    return [n for n in "".join(parts).split(OWNED_SEP) if n]

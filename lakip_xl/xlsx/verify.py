"""Compare two packages entry by entry: which zip entries differ in raw bytes or metadata.

For tests and for the fidelity check: after update_workbook, every entry outside the allowed list
must be identical in its compressed bytes, CRC, sizes, date_time, compress_type, external_attr and
extra, and the entries must keep their order.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
from dataclasses import dataclass

from lakip_xl.xlsx.package import LOCAL_HEADER_SIZE, LOCAL_NAME_LENGTHS_AT


@dataclass
class Beda:
    changed: list[str]  # present in both, raw bytes or metadata differ
    added: list[str]  # only in `after`
    removed: list[str]  # only in `before`
    order_kept: bool  # the common entries appear in the same relative order


def _load(x: bytes | str | os.PathLike) -> bytes:
    return x if isinstance(x, bytes) else open(x, "rb").read()


def _raw(data: bytes, info: zipfile.ZipInfo) -> bytes:
    off = info.header_offset
    n, m = struct.unpack("<HH", data[off + LOCAL_NAME_LENGTHS_AT:off + LOCAL_HEADER_SIZE])
    start = off + LOCAL_HEADER_SIZE + n + m
    return data[start:start + info.compress_size]


def _meta(info: zipfile.ZipInfo) -> tuple:
    return (info.date_time, info.compress_type, info.external_attr, info.extra, info.CRC, info.file_size,
            info.compress_size)


def compare(before: bytes | str | os.PathLike, after: bytes | str | os.PathLike) -> Beda:
    a, b = _load(before), _load(after)
    za, zb = zipfile.ZipFile(io.BytesIO(a)), zipfile.ZipFile(io.BytesIO(b))
    ia = {i.filename: i for i in za.infolist()}
    ib = {i.filename: i for i in zb.infolist()}
    changed = [n for n in ia if n in ib and (_meta(ia[n]) != _meta(ib[n]) or _raw(a, ia[n]) != _raw(b, ib[n]))]
    common_a = [n for n in ia if n in ib]
    common_b = [n for n in ib if n in ia]
    return Beda(changed=changed, added=[n for n in ib if n not in ia], removed=[n for n in ia if n not in ib],
                order_kept=common_a == common_b)

"""Write generated sheets into a user's .xlsx/.xlsm by editing the zip package directly.

Never an openpyxl load+save round trip (it drops cached values, shapes, x14 extensions, sparklines,
VML of sheets 10+...; see shared/docs/excel.md). Only these zip entries may change:

- the parts of the generated (owned) sheets: their worksheet XML, its rels, their drawings and charts
  (with their rels);
- ``xl/workbook.xml`` (new ``<sheet>`` entries appended, never reordered; the ``_lakipxl_milik`` and
  ``_xlnm.Print_Titles`` defined names; ``<calcPr>`` is left alone),
  ``xl/_rels/workbook.xml.rels``, ``[Content_Types].xml``, ``xl/styles.xml`` (fonts, fills, borders,
  numFmts, cellXfs appended at the end; existing ones never reordered or changed);
- ``xl/calcChain.xml`` is removed (with its relationship and content-type override) when present.

Every other entry is copied byte for byte (raw compressed data, same name, date_time, compress_type,
external_attr, extra), in the original order; new entries are appended at the end with the fixed
date_time 1980-01-01 00:00:00, so the same specs applied twice give byte-identical files.

Public API (stable; other modules and tests rely on it):

    update_workbook(path, specs: list[SheetSpec | LazySheetSpec], *, dry_run=False, backups=3, lock_timeout=0) -> Perubahan
        (a LazySheetSpec is built only when the writer reaches it, so a large report holds one sheet at a time)
        Validate the file (check_workbook), take the lock, build the new package, write it atomically
        (temp file in the same folder, fsync, os.replace), rotate backups. On any failure the original
        stays byte-identical. A run whose result equals the current file writes nothing
        (Perubahan.written is False, no backup is made).
        dry_run=True: same checks, same Perubahan, but nothing is written: no lock, no temp file, no
        backup (the file's bytes and the folder listing stay identical).
        Raises lakip_xl.errors.BerkasError (file unusable, locked, not owned sheet name clash...).

    Perubahan (dataclass):
        sheets_added: list[str]       # new sheets, appended after the existing ones
        sheets_replaced: list[str]    # owned sheets rewritten in place (same position, sheetId, r:id, part)
        parts_changed: list[str]      # zip entry names modified or added (in package order)
        parts_removed: list[str]      # zip entry names removed (calcChain, old drawings/charts)
        backup_path: pathlib.Path | None   # the backup of the previous file (or the one a write would make)
        written: bool                 # True only when the file was actually replaced
        peringatan: list[str]         # non-fatal notes (e.g. a backup could not be rotated)
        .ringkasan() -> str           # Indonesian multi-line text of what changed / would change
        .ada_perubahan -> bool

    check_workbook(path) -> None
        Raises BerkasError (Indonesian message + fix) when the file does not exist, is read-only, is
        open in Excel or LibreOffice (owner file "~$BOOK.xlsx" / ".~lock.BOOK.xlsx#"), is locked by
        another sync (live or stale lock file), is an old .xls, is encrypted, is not a zip, exceeds the
        size / compression-ratio limits (lakip_xl.berkas.safety constants), or is not an Excel workbook package
        (.xlsb and Strict Open XML are refused too).

    Ownership marker (a hidden workbook-level defined name whose value is a string constant), e.g.
    <definedName name="_lakipxl_milik" hidden="1">"Pengukuran Kinerja|Ikhtisar"</definedName>:
        OWNED_NAME = "_lakipxl_milik"
        OWNED_SEP = "|"                        # separator; generated sheet names must not contain it
        encode_owned(names: list[str]) -> str  # -> the defined name's formula text ('"A|B"'; chunks of
                                               #    <= 255 chars joined with & for long lists)
        decode_owned(formula: str) -> list[str]
        owned_sheets(path) -> list[str]        # names recorded in the workbook's marker ([] if none)

Also available (not re-exported): lakip_xl.xlsx.workbook.plan(data: bytes, specs, *, berkas="") ->
(new_bytes, Perubahan) (the pure in-memory step, no checks on the file), and
lakip_xl.xlsx.verify.compare(before, after) -> Beda(changed, added, removed, order_kept): zip entries
whose raw compressed bytes or metadata differ, for fidelity tests.

Sheet rules: a spec whose name exists in the workbook but is not recorded in the marker is refused
(BerkasError "Sheet 'X' sudah ada dan bukan buatan lakip_xl; ganti nama sheet itu atau hapus.");
names are compared case-insensitively, like Excel. Replaced sheets keep position, sheetId, r:id and
part name; their old drawings/charts (parts reachable only from that sheet) are removed or reused.
New sheets are appended after the existing ones. Invalid/duplicate spec names raise InputError.

Backups (lakip_xl.berkas.safety): files beside the workbook, ".BOOK.xlsx.lakipxl-1.bak" (newest) up to
"-N.bak" (oldest); rotated only after the new file has been written safely. Lock file:
".BOOK.xlsx.lakipxl.lock" (created with O_EXCL, holds pid, host and time).
"""

from __future__ import annotations

from lakip_xl.xlsx.owned import OWNED_NAME, OWNED_SEP, decode_owned, encode_owned
from lakip_xl.xlsx.workbook import Perubahan, check_workbook, owned_sheets, update_workbook

__all__ = [
    "OWNED_NAME",
    "OWNED_SEP",
    "Perubahan",
    "check_workbook",
    "decode_owned",
    "encode_owned",
    "owned_sheets",
    "update_workbook",
]

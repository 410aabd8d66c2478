"""The sync: regenerate the summary sheets of a LAKIP workbook from its data sheets.

Two entry points, one builder (lakip_xl.laporan.ringkasan):
- `sinkron(path)`: the file sync used by `lakip-xl sync`, on any machine, without Excel. It reads the
  data with python-calamine, and writes by editing the package (lakip_xl.xlsx.update_workbook):
  everything lakip_xl does not own stays byte-identical.
- `main()`: the live sync behind the workbook's "Perbarui Ringkasan" button (RunPython), which reads
  and writes the open workbook through xlwings (lakip_xl.excel.langsung).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lakip_xl.errors import Masalah


@dataclass
class HasilSinkron:
    path: Path
    perubahan: object  # lakip_xl.xlsx.Perubahan
    hasil: object  # lakip_xl.laporan.hitung.HasilLaporan
    peringatan: list[Masalah] = field(default_factory=list)


def sinkron(path: str | Path, *, dry_run: bool = False, backups: int = 3) -> HasilSinkron:
    """Read the data sheets, compute, and write the summary sheets into `path` (atomically, with a
    backup). With dry_run, compute everything and report what would change, writing nothing."""
    from lakip_xl.laporan.hitung import hitung
    from lakip_xl.laporan.ringkasan import rencana_dari_hasil
    from lakip_xl.sumber.baca import baca_workbook
    from lakip_xl.xlsx import check_workbook, update_workbook

    path = Path(path)
    check_workbook(path)  # refuse locked, encrypted, oversized... files before reading anything
    with _tanpa_gc_siklus():
        data = baca_workbook(path)  # raises InputError listing every problem at once
        hasil = hitung(data)
        # each summary sheet is built, written and dropped in turn (lakip_xl.xlsx.sheetspec.LazySheetSpec)
        perubahan = update_workbook(path, rencana_dari_hasil(hasil), dry_run=dry_run, backups=backups)
    return HasilSinkron(path=path, perubahan=perubahan, hasil=hasil, peringatan=list(data.peringatan))


@contextmanager
def _tanpa_gc_siklus():
    """Pause Python's cyclic garbage collector for the sync.

    The sync allocates millions of small objects (records, figures, cells) that form no reference
    cycles; reference counting frees them all. The cyclic collector would still rescan every live
    one again and again as they pile up, which measured as 40 % of the run time at 50,000 rows while
    finding almost nothing to free. Its previous state is restored afterwards, also on error."""
    aktif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aktif:
            gc.enable()


def main() -> None:
    """Entry point of the workbook button: RunPython "import lakip_xl.sync; lakip_xl.sync.main()"."""
    import xlwings as xw  # only here: the file sync and the CLI never need xlwings

    from lakip_xl.excel.langsung import XlwingsAdapter, sinkron_langsung

    # Excel-only line (needs Windows + Excel): the workbook whose button was clicked.
    sinkron_langsung(XlwingsAdapter(xw.Book.caller()))

"""Where a mapped workbook's cells come from: the workbook itself, or (when its Peta LAKIP sheet names a
"Berkas Data", the .xls it was made from) the tables of that file and the Peta LAKIP sheet of this one."""

from __future__ import annotations

from pathlib import Path

from lakip_xl.errors import BerkasError
from lakip_xl.sumber.baca import SumberCalamine
from lakip_xl.sumber.peta.lembar import ada_peta, berkas_data


class SumberGabungan:
    """The sheets of a data workbook plus the Peta LAKIP sheet of another (the .xlsx made for an .xls)."""

    def __init__(self, data: SumberCalamine, peta: SumberCalamine, nama_peta: str):
        self.data = data
        self.peta = peta
        self.nama_peta = nama_peta
        self.nama = f"{peta.nama} (tabel di {data.nama})"  # messages name both files
        self.path = peta.path

    def sheet_names(self) -> list[str]:
        return [n for n in self.data.sheet_names() if n != self.nama_peta] + [self.nama_peta]

    def _dari(self, sheet: str) -> SumberCalamine:
        return self.peta if sheet == self.nama_peta else self.data

    def rows(self, sheet: str) -> list[list[object]]:
        return self._dari(sheet).rows(sheet)

    def merged_ranges(self, sheet: str) -> list[tuple[int, int, int, int]]:
        return self._dari(sheet).merged_ranges(sheet)

    def rumus_tanpa_nilai(self, sheet: str) -> set[tuple[int, int]]:
        return self._dari(sheet).rumus_tanpa_nilai(sheet)


def buka(path: str | Path, *, peta_dari: str | Path | None = None):
    """The source of a workbook: SumberCalamine, or SumberGabungan when its Peta LAKIP sheet reads its
    tables from another file ("Berkas Data", relative to its folder), or when `peta_dari` (an .xlsx
    holding the Peta LAKIP sheet) is given for the data workbook `path`."""
    if peta_dari is not None:
        data, peta = SumberCalamine(path), SumberCalamine(peta_dari)
        nama = ada_peta(peta.sheet_names())
        if nama is None:
            return data
        return SumberGabungan(data, peta, nama)
    sumber = SumberCalamine(path)
    nama = ada_peta(sumber.sheet_names())
    if nama is None:
        return sumber
    lain = berkas_data(sumber.rows(nama))
    if not lain:
        return sumber
    p = Path(lain)
    if not p.is_absolute():
        p = Path(path).resolve().parent / p
    if not p.exists():
        raise BerkasError(f"Berkas data '{lain}' yang disebut sheet {nama} (sel B4) tidak ditemukan.",
                          saran=f"Letakkan berkas itu di folder yang sama dengan {Path(path).name}, atau "
                                "perbaiki namanya di sel B4.", berkas=Path(path).name, sheet=nama, sel="B4")
    return SumberGabungan(SumberCalamine(p), sumber, nama)

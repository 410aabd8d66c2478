"""The exception tree of lakip_xl and the `Masalah` record every user-facing problem is reported as.

Every message a user sees is in Bahasa Indonesia and names, where it can, the file, the sheet and the
cell, and says how to fix the problem. Code raises these; the CLI and the UDF layer turn them into a
message and an exit code (or a short text in the cell), never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

GALAT = "galat"  # an error: the operation refuses
PERINGATAN = "peringatan"  # a warning: reported, the operation goes on


@dataclass(frozen=True)
class Masalah:
    """One problem found in user input, located as precisely as possible."""

    pesan: str  # what is wrong, in Bahasa Indonesia
    saran: str = ""  # how to fix it
    berkas: str = ""  # file name
    sheet: str = ""
    sel: str = ""  # cell address such as "D7", or a range
    tingkat: str = GALAT

    def lokasi(self) -> str:
        parts = []
        if self.berkas:
            parts.append(f"berkas {self.berkas}")
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.sel:
            parts.append(f"sel {self.sel}")
        return ", ".join(parts)

    def teks(self) -> str:
        """The whole message on one line: location, problem, fix."""
        head = self.lokasi()
        out = f"{head}: {self.pesan}" if head else self.pesan
        if self.saran:
            out += f" Perbaikan: {self.saran}"
        return out


class LakipError(Exception):
    """Base of every error lakip_xl raises on purpose."""

    def __init__(self, pesan: str, *, saran: str = "", berkas: str = "", sheet: str = "", sel: str = ""):
        self.masalah = Masalah(pesan=pesan, saran=saran, berkas=berkas, sheet=sheet, sel=sel)
        super().__init__(self.masalah.teks())

    @property
    def daftar(self) -> list[Masalah]:
        return [self.masalah]


class AngkaError(LakipError, ValueError):
    """A text could not be read as an Indonesian number (or is ambiguous in strict mode)."""

    def __init__(self, pesan: str, *, teks: str = "", saran: str = "", **lokasi):
        self.teks_asli = teks
        super().__init__(pesan, saran=saran, **lokasi)


class AturanError(LakipError, ValueError):
    """A rule was called with a value outside its domain (unknown polaritas, grade, scale...)."""


class BerkasError(LakipError):
    """The workbook file cannot be used: locked, read-only, not a zip, encrypted, too large..."""


class InputError(LakipError):
    """One or more problems in the workbook's data sheets; all are listed at once."""

    def __init__(self, masalah: Iterable[Masalah], *, berkas: str = ""):
        items = list(masalah)
        if berkas:
            items = [m if m.berkas else Masalah(**{**m.__dict__, "berkas": berkas}) for m in items]
        self._daftar = items
        galat = [m for m in items if m.tingkat == GALAT]
        ringkas = f"{len(galat)} masalah pada data kerja" + (f" ({berkas})" if berkas else "")
        Exception.__init__(self, ringkas + ":\n" + "\n".join("- " + m.teks() for m in items))
        self.masalah = items[0] if items else Masalah(pesan=ringkas)

    @property
    def daftar(self) -> list[Masalah]:
        return list(self._daftar)


@dataclass
class Laporan:
    """Problems collected while reading, so that all of them can be reported at once."""

    daftar: list[Masalah] = field(default_factory=list)

    def galat(self, pesan: str, **kw) -> None:
        self.daftar.append(Masalah(pesan=pesan, tingkat=GALAT, **kw))

    def peringatan(self, pesan: str, **kw) -> None:
        self.daftar.append(Masalah(pesan=pesan, tingkat=PERINGATAN, **kw))

    @property
    def ada_galat(self) -> bool:
        return any(m.tingkat == GALAT for m in self.daftar)

    def hentikan_jika_galat(self, berkas: str = "") -> None:
        if self.ada_galat:
            raise InputError(self.daftar, berkas=berkas)

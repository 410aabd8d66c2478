"""The sentence patterns of the LKjIP document, read from lakip_xl/data/kalimat.toml.

The patterns are data a reviewer reads and changes (wording, order of clauses); this module only
fills them. `Kalimat.tulis("analisis.target", tahun=..., ...)` returns the sentence; every value is
already text (numbers written by lakip_xl.aturan.angka.format_angka). A value that is None or NA is
refused (ValueError: a bug in the caller, never a user mistake), so a sentence can never read
"None" or "n/a" where a figure belongs: the caller picks the pattern for the missing case instead.

A broken pattern file (a reviewer's typo: unknown {name}, unbalanced brace, missing pattern) is a user
mistake: BerkasError naming the file and the pattern, in Bahasa Indonesia.
"""

from __future__ import annotations

import string
import tomllib
from functools import lru_cache
from pathlib import Path

from lakip_xl.aturan.nilai import NA
from lakip_xl.errors import BerkasError

BERKAS_BAWAAN = Path(__file__).resolve().parents[2] / "data" / "kalimat.toml"


class Kalimat:
    """The patterns of one kalimat.toml."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else BERKAS_BAWAAN
        try:
            data = tomllib.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise BerkasError(f"Berkas pola kalimat '{self.path.name}' tidak dapat dibaca ({e}).",
                             saran="Periksa penulisan TOML-nya (tanda kutip, kurung siku), atau kembalikan "
                                   "berkas bawaan lakip_xl.", berkas=self.path.name) from None
        self.urutan_kata: list[str] = list(data.get("urutan", []))
        self.angka_kata: list[str] = list(data.get("angka_kata", []))
        self._pola: dict[str, str] = {}
        for bagian, isi in data.items():
            if isinstance(isi, dict):
                for kunci, pola in isi.items():
                    if isinstance(pola, str):
                        self._pola[f"{bagian}.{kunci}"] = pola
        self._nama: dict[str, tuple[str, ...]] = {}
        for kunci, pola in self._pola.items():
            try:
                self._nama[kunci] = tuple(n for _, n, _, _ in string.Formatter().parse(pola) if n is not None)
            except ValueError as e:
                raise self._galat(kunci, f"kurung kurawal tidak seimbang ({e})") from None
            for n in self._nama[kunci]:
                if not n.isidentifier():
                    raise self._galat(kunci, f"nama isian '{{{n}}}' tidak valid")

    def _galat(self, kunci: str, apa: str) -> BerkasError:
        return BerkasError(f"Pola kalimat '{kunci}' di berkas {self.path.name}: {apa}.",
                          saran="Perbaiki pola itu; nama dalam kurung kurawal harus persis seperti di berkas "
                                "bawaan (lihat komentar di awal berkas).", berkas=self.path.name)

    def ada(self, kunci: str) -> bool:
        return kunci in self._pola

    def kunci(self) -> list[str]:
        return list(self._pola)

    def nama_isian(self, kunci: str) -> tuple[str, ...]:
        return self._nama[kunci]

    def tulis(self, kunci: str, **isi: object) -> str:
        """The pattern `kunci` ("bagian.nama") filled with `isi` (all text)."""
        pola = self._pola.get(kunci)
        if pola is None:
            raise self._galat(kunci, "pola tidak ada")
        for n in self._nama[kunci]:
            if n not in isi:
                raise self._galat(kunci, f"isian '{{{n}}}' tidak dikenal lakip_xl")
            v = isi[n]
            if v is None or isinstance(v, NA) or v == "n/a":
                raise ValueError(f"pola {kunci}: isian {n} tanpa angka ({v!r})")
        return pola.format_map(isi)

    def urutan(self, n: int) -> str:
        """Ordinal word of the n-th (1-based): "pertama", ...; "ke-N" past the list."""
        return self.urutan_kata[n - 1] if 0 < n <= len(self.urutan_kata) else f"ke-{n}"

    def kata_angka(self, n: int) -> str:
        return self.angka_kata[n] if 0 <= n < len(self.angka_kata) else str(n)


@lru_cache(maxsize=4)
def muat(path: str | None = None) -> Kalimat:
    """The patterns of `path` (default: the bundled kalimat.toml), read once."""
    return Kalimat(path)

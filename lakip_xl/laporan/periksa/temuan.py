"""The finding record of the audit (`Temuan`) and the result of one audit run (`Hasil`).

Every checker of a report's figures (the lakip_xl workbook audit, the reader of foreign forms such as
`periksa_renja`) reports what it found as `Temuan` records and what it could not interpret as plain
sentences in `Hasil.tidak_dipahami`, so that the CLI can print both the same way (JSON with
`Hasil.to_dict`, text with `format_hasil`). Pure data: no I/O, no third-party imports. Everything a
user reads here is in Bahasa Indonesia; the figures are already formatted as text by the checker
(Indonesian style: "1.388,89").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

GALAT = "galat"  # the figure is wrong: it does not follow from its inputs under the form's rule
PERINGATAN = "peringatan"  # minor, or likely wrong but depends on a choice the file does not state
INFO = "info"  # a policy note: nothing to fix unless the agency's rule says otherwise
TINGKAT = (GALAT, PERINGATAN, INFO)

_LABEL = {GALAT: "GALAT", PERINGATAN: "PERINGATAN", INFO: "INFO"}


@dataclass(frozen=True)
class Temuan:
    """One finding of the audit, located to a sheet and a cell."""

    kategori: str  # short id: "kumulatif_bukan_jumlah", "capaian", "jumlah", "rounding", ...
    sheet: str
    sel: str  # cell address ("AD14") or range ("AD14:AF14")
    uraian: str  # what is wrong, one or two Indonesian sentences
    dinyatakan: str  # the figure as the report states it, formatted
    seharusnya: str = ""  # the figure that follows from the inputs under the rule, "" when unknown
    selisih: str = ""  # dinyatakan - seharusnya, signed, "" when unknown
    tingkat: str = GALAT
    saran: str = ""  # how to fix it (optional)

    def __post_init__(self) -> None:
        if self.tingkat not in TINGKAT:  # a programming error, not a user mistake
            raise ValueError(f"tingkat must be one of {TINGKAT}, got {self.tingkat!r}")

    def lokasi(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.sel:
            parts.append(f"sel {self.sel}")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    def teks(self) -> str:
        """The finding on one line, e.g. "GALAT sheet 'X', sel AD14: ... Tertulis 200; seharusnya 100
        (selisih +100)."."""
        head = _LABEL[self.tingkat]
        lok = self.lokasi()
        out = f"{head} {lok}: {self.uraian}" if lok else f"{head}: {self.uraian}"
        angka = f"Tertulis {self.dinyatakan}" if self.dinyatakan else ""
        if self.seharusnya:
            angka += ("; s" if angka else "S") + f"eharusnya {self.seharusnya}"
            if self.selisih:
                angka += f" (selisih {self.selisih})"
        if angka:
            out = out.rstrip() + (" " if out.rstrip().endswith(".") else ". ") + angka + "."
        if self.saran:
            out += f" Perbaikan: {self.saran}"
        return " ".join(out.split())  # one line, whatever the uraian contained


@dataclass
class Hasil:
    """The result of checking one workbook: findings, and what was left uninterpreted."""

    form: str = ""  # name of the recognised form, "" when the workbook was not recognised
    temuan: list[Temuan] = field(default_factory=list)
    tidak_dipahami: list[str] = field(default_factory=list)  # Indonesian sentences, one per item
    berkas: str = ""  # file name
    # the reader's warnings on the data (lakip_xl.errors.Masalah, as the sync prints them); not findings
    peringatan: list = field(default_factory=list)

    @property
    def dikenali(self) -> bool:
        return bool(self.form)

    @property
    def ada_galat(self) -> bool:
        return any(t.tingkat == GALAT for t in self.temuan)

    def jumlah(self, tingkat: str) -> int:
        return sum(1 for t in self.temuan if t.tingkat == tingkat)

    def to_dict(self) -> dict:
        return {
            "berkas": self.berkas,
            "form": self.form,
            "dikenali": self.dikenali,
            "ada_galat": self.ada_galat,
            "ringkasan": {t: self.jumlah(t) for t in TINGKAT},
            "temuan": [t.to_dict() for t in self.temuan],
            "tidak_dipahami": list(self.tidak_dipahami),
        }


def format_hasil(hasil: Hasil) -> str:
    """The result as Indonesian text, one finding per line (for `lakip-xl periksa BOOK`)."""
    out = []
    if hasil.berkas:
        out.append(f"Berkas: {hasil.berkas}")
    if not hasil.dikenali:
        out.append("Formulir tidak dikenali; tidak ada angka yang diperiksa.")
    else:
        out.append(f"Formulir: {hasil.form}")
        out.append(f"Temuan: {hasil.jumlah(GALAT)} galat, {hasil.jumlah(PERINGATAN)} peringatan, "
                   f"{hasil.jumlah(INFO)} info.")
        for i, tm in enumerate(hasil.temuan, 1):
            out.append(f"{i:>3}. {tm.teks()}")
        if not hasil.temuan:
            out.append("Tidak ada temuan.")
    if hasil.tidak_dipahami:
        out.append(f"Tidak dipahami ({len(hasil.tidak_dipahami)}):")
        out.extend(f"  - {s}" for s in hasil.tidak_dipahami)
    return "\n".join(out)

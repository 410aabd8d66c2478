"""The data of a LAKIP workbook, as read from its data sheets: pure dataclasses, no I/O.

`lakip_xl.sumber.baca` fills these from a workbook (a file through python-calamine, or an open Excel
workbook through xlwings); the summary builder, the sync and the audit consume them. The sheet layout
is described in docs/dev/workbook-schema.md (for developers) and docs/template.md (for users).

Every input value is kept twice (`Isian`): the parsed value used to compute, and the text as the user
typed it, used to display ("B", "45,1 M", "0,14%"), together with the cell it came from so that any
later message can name the cell.

The allowed values of the drop-down lists live here too (`POLARITAS_LABEL`, `TIPE_LABEL`, ...): the
reader accepts exactly these and the template builder writes them into the hidden "Daftar" sheet, so
the two never disagree.
"""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError, dataclass, field
from decimal import Decimal
from typing import Any, Union

from lakip_xl.aturan.capaian import SINONIM_POLARITAS
from lakip_xl.aturan.kumulatif import SINONIM_TIPE
from lakip_xl.aturan.nilai import Rentang
from lakip_xl.aturan.teks import norm
from lakip_xl.errors import Masalah

# The parsed value of an input cell: a number, a range target, a grade kept as text ("B", "WTP"),
# or None (empty, "-", "n/a").
Nilai = Union[Decimal, Rentang, str, None]

# --- Sheet and table names (Bahasa Indonesia: users see them) -----------------------------------
SHEET_BERANDA = "Beranda"
SHEET_PENGATURAN = "Pengaturan"
SHEET_INDIKATOR = "Indikator"
SHEET_REALISASI = "Realisasi"
SHEET_ANGGARAN = "Anggaran"
SHEET_PROGRAM = "Program"
SHEET_BELANJA = "Belanja"
SHEET_DILAPORKAN = "Dilaporkan"
SHEET_ANALISIS = "Analisis"
SHEET_SKALA = "Skala"
SHEET_DAFTAR = "Daftar"

TABEL = {
    SHEET_PENGATURAN: "tblPengaturan",
    SHEET_INDIKATOR: "tblIndikator",
    SHEET_REALISASI: "tblRealisasi",
    SHEET_ANGGARAN: "tblAnggaran",
    SHEET_PROGRAM: "tblProgram",
    SHEET_BELANJA: "tblBelanja",
    SHEET_DILAPORKAN: "tblDilaporkan",
    SHEET_ANALISIS: "tblAnalisis",
}

# Column headers of each data table, in template order. The reader finds columns by these texts
# (case and spacing insensitive); WAJIB lists the headers a table must have to be recognised.
KOLOM = {
    SHEET_PENGATURAN: ["Pengaturan", "Nilai", "Keterangan"],
    SHEET_INDIKATOR: [
        "Kode Sasaran", "Sasaran Strategis", "Kode Indikator", "Indikator Kinerja", "Satuan",
        "Polaritas", "Tipe Penghitungan", "Skala Nilai", "Penyebut", "Target Renstra", "Bobot",
        "Formulasi", "Sumber Data",
    ],
    SHEET_REALISASI: [
        "Kode Indikator", "Tahun", "Triwulan", "Target", "Realisasi", "Jumlah", "Capaian", "Predikat",
        "Catatan",
    ],
    SHEET_ANGGARAN: ["Tahun", "Kode Indikator", "Pagu", "Realisasi"],
    SHEET_PROGRAM: ["Tahun", "No", "Program", "Pagu", "Realisasi", "Kode Sasaran", "Kode Indikator", "Keterangan"],
    SHEET_BELANJA: ["Tahun", "Jenis Belanja", "Pagu", "Realisasi"],
    SHEET_DILAPORKAN: ["Tabel", "Kode Indikator", "Tahun", "Besaran", "Nilai", "Sumber"],
    # the staff's own analysis per indicator and year, written into the LKjIP document (BAB III)
    SHEET_ANALISIS: [
        "Kode Indikator", "Tahun", "Faktor Pendorong", "Faktor Penghambat", "Upaya / Solusi",
        "Rencana Tindak Lanjut", "Analisis Efisiensi", "Target Nasional/SPM", "Sumber Target Nasional",
    ],
}
WAJIB = {
    SHEET_PENGATURAN: ["Pengaturan", "Nilai"],
    SHEET_INDIKATOR: ["Kode Sasaran", "Kode Indikator", "Indikator Kinerja", "Polaritas", "Tipe Penghitungan"],
    SHEET_REALISASI: ["Kode Indikator", "Tahun", "Target", "Realisasi"],
    SHEET_ANGGARAN: ["Tahun", "Kode Indikator", "Pagu", "Realisasi"],
    SHEET_PROGRAM: ["Tahun", "Program", "Pagu"],
    SHEET_BELANJA: ["Tahun", "Jenis Belanja", "Pagu", "Realisasi"],
    SHEET_DILAPORKAN: ["Tabel", "Besaran", "Nilai"],
    SHEET_ANALISIS: ["Kode Indikator", "Tahun"],
}

# --- Allowed values of the drop-down lists: label shown to users -> code used by the rules --------
POLARITAS_LABEL = {"positif": "positif", "negatif": "negatif", "rentang": "rentang", "huruf": "huruf"}
TIPE_LABEL = {"Kumulatif": "kumulatif", "Non Kumulatif": "non_kumulatif", "Rata-rata": "rata_rata"}
SKALA_NILAI_LABEL = {"akip": "akip", "opini_bpk": "opini_bpk"}
SKALA_PREDIKAT_LABEL = {
    "sakip3": "sakip3", "depok2020": "depok2020", "permendagri86": "permendagri86", "lkjip5": "lkjip5",
}
# the former name of depok2020 (lakip_xl.aturan.predikat.ALIAS_SKALA), still read in existing workbooks;
# "akip" grades an LKE score, not a capaian (NILAI_AKIP): no longer offered, still read with a warning
SKALA_PREDIKAT_SINONIM = {"permendagri54": "depok2020", "akip": "akip"}
METODE_NEGATIF_LABEL = {"selisih": "selisih", "rasio": "rasio"}
METODE_EFISIENSI_LABEL = {"selisih": "selisih", "rasio": "rasio"}
PEMBULATAN_LABEL = {"Normal (ROUND)": "half_up", "Potong (TRUNC)": "truncate"}
TARGET_NOL_LABEL = {"n/a": "na", "100": "100", "0": "0"}
REALISASI_KOSONG_LABEL = {"n/a": "na", "0": "0"}
RASIO_REALISASI_NOL_LABEL = {"n/a": "na", "100": "100"}
TRIWULAN_LABEL = {"I": 1, "II": 2, "III": 3, "IV": 4}
JENIS_BELANJA = ("Belanja Tidak Langsung", "Belanja Langsung")

DESIMAL_LABEL = {str(i): i for i in range(5)}


@dataclass(frozen=True, slots=True)
class KunciPengaturan:
    """One setting of the Pengaturan sheet: key text, field it fills, default, allowed values."""

    label: str  # the key as written in column "Pengaturan"
    medan: str  # Pengaturan field, or Kebijakan field
    bawaan: str = ""  # default written into the template ("" = none)
    pilihan: dict | None = None  # allowed label -> code (a drop-down list); None = free value
    keterangan: str = ""  # help text for users (Bahasa Indonesia)
    wajib: bool = False


PENGATURAN_KUNCI = (
    KunciPengaturan("Instansi", "instansi", keterangan="Nama instansi, untuk judul laporan."),
    KunciPengaturan("Kota/Kabupaten", "wilayah", keterangan="Nama kota atau kabupaten."),
    KunciPengaturan("Tahun Laporan", "tahun", keterangan="Tahun yang dilaporkan (N), misalnya 2020.", wajib=True),
    KunciPengaturan("Awal Renstra", "awal_renstra", keterangan="Tahun pertama Renstra, misalnya 2016.", wajib=True),
    KunciPengaturan("Akhir Renstra", "akhir_renstra", keterangan="Tahun terakhir Renstra, misalnya 2021.",
                    wajib=True),
    KunciPengaturan("Skala Predikat Indikator", "skala_predikat", "sakip3", SKALA_PREDIKAT_LABEL,
                    "Skala predikat untuk capaian indikator (lihat sheet Skala)."),
    KunciPengaturan("Skala Predikat Sasaran", "skala_sasaran", "permendagri86", SKALA_PREDIKAT_LABEL,
                    "Skala predikat untuk rata-rata capaian sasaran (lihat sheet Skala)."),
    KunciPengaturan("Metode Negatif", "metode_negatif", "selisih", METODE_NEGATIF_LABEL,
                    "Rumus polaritas negatif: selisih = (2 x target - realisasi) / target x 100; "
                    "rasio = target / realisasi x 100."),
    KunciPengaturan("Pembulatan", "pembulatan", "Normal (ROUND)", PEMBULATAN_LABEL,
                    "Normal (ROUND) membulatkan setengah ke atas seperti ROUND di Excel; "
                    "Potong (TRUNC) memotong angka di belakang desimal."),
    KunciPengaturan("Jumlah Desimal", "desimal", "2", DESIMAL_LABEL, "Jumlah angka di belakang koma capaian (0-4)."),
    KunciPengaturan("Desimal Realisasi", "desimal_realisasi", "2", DESIMAL_LABEL,
                    "Jumlah desimal realisasi yang dihitung dari kolom Jumlah (0-4)."),
    KunciPengaturan("Target Nol", "target_nol", "n/a", TARGET_NOL_LABEL,
                    "Capaian bila target 0 atau kosong: n/a (tidak dapat dihitung), 100, atau 0."),
    KunciPengaturan("Realisasi Kosong", "realisasi_kosong", "n/a", REALISASI_KOSONG_LABEL,
                    "Capaian bila realisasi belum diisi: n/a atau 0."),
    KunciPengaturan("Realisasi Nol (Metode Rasio)", "rasio_realisasi_nol", "n/a", RASIO_REALISASI_NOL_LABEL,
                    "Capaian polaritas negatif metode rasio bila realisasi 0: n/a atau 100."),
    KunciPengaturan("Batas Atas Capaian", "batas_atas", keterangan="Kosong = tanpa batas; misalnya 100 atau 120."),
    KunciPengaturan("Batas Bawah Capaian", "batas_bawah", "0",
                    keterangan="Capaian terendah yang ditampilkan; bawaan 0 (kosong juga 0); 'tanpa' = tanpa batas."),
    KunciPengaturan("Batas Atas Capaian Sasaran", "batas_atas_sasaran",
                    keterangan="Hanya saat merata-rata capaian indikator menjadi capaian sasaran: capaian di atas "
                               "angka ini dihitung sebesar angka ini (misalnya 100 atau 120). Kosong = tanpa batas."),
    KunciPengaturan("Metode Efisiensi", "metode_efisiensi", "selisih", METODE_EFISIENSI_LABEL,
                    "selisih = % capaian - % serapan anggaran (poin); rasio = % capaian / % serapan."),
    KunciPengaturan("Batas Efisien", "batas_efisien",
                    keterangan="Efisiensi sebesar ini atau lebih disebut Efisien. Kosong = 0 (selisih) atau 1 (rasio)."),
    KunciPengaturan("Batas Cukup Efisien", "batas_cukup_efisien",
                    keterangan="Di bawah Batas Efisien tetapi sebesar ini atau lebih: Cukup Efisien; di bawahnya "
                               "Tidak Efisien. Kosong = -10 (selisih) atau 0,9 (rasio)."),
    KunciPengaturan("Kepala Dinas", "kepala", keterangan="Nama penandatangan laporan."),
    KunciPengaturan("NIP", "nip", keterangan="NIP penandatangan."),
)

# Besaran (kind of figure) of a Dilaporkan row: the vocabulary the audit understands.
BESARAN = {
    "target": "target of an indicator in Tahun",
    "realisasi": "realisasi of an indicator in Tahun (s/d for kumulatif)",
    "capaian": "capaian (%) of an indicator in Tahun",
    "keterangan": "the Ket sentence printed beside a capaian",
    "predikat": "predikat printed for an indicator or sasaran",
    "capaian_sasaran": "capaian (%) of a sasaran (Kode = kode sasaran)",
    "target_renstra": "Renstra end target (s/d akhir Renstra)",
    "realisasi_sd": "realisasi s/d Tahun compared with the Renstra target",
    "capaian_renstra": "capaian (%) against the Renstra target",
    "jumlah": "a count stated in the text (e.g. 1.145 WUB s/d Tahun)",
    "jumlah_tahun": "a yearly count stated in the text (e.g. 475 WUB in Tahun)",
    "penyebut": "a denominator stated in the text (e.g. 1.264.373)",
    "satuan": "the unit printed for an indicator",
    "pagu": "budget (pagu) of an indicator in Tahun",
    "realisasi_anggaran": "budget realisasi of an indicator in Tahun",
    "serapan": "budget absorption (%)",
    "pagu_program": "pagu of a PK program (Kode = program No, or empty)",
    "pagu_total": "total pagu of the agency",
    "realisasi_anggaran_total": "total budget realisasi of the agency",
    "serapan_total": "total absorption (%)",
    "pagu_btl": "pagu Belanja Tidak Langsung",
    "realisasi_btl": "realisasi Belanja Tidak Langsung",
    "serapan_btl": "serapan Belanja Tidak Langsung (%)",
    "pagu_bl": "pagu Belanja Langsung",
    "realisasi_bl": "realisasi Belanja Langsung",
    "serapan_bl": "serapan Belanja Langsung (%)",
    "jumlah_sasaran": "number of sasaran stated",
    "jumlah_indikator": "number of indicators stated (Kode = kode sasaran for a per-sasaran count)",
    "tahun_laporan": "the report year a heading or sentence states",
}


def kunci(teks: str) -> str:
    """Key for case- and spacing-insensitive matching: "Tipe  penghitungan" -> "tipe penghitungan"."""
    return norm(teks)


def kunci_rapat(teks: str) -> str:
    """Key that also ignores spaces, hyphens and underscores: "Non-Kumulatif" -> "nonkumulatif"."""
    return norm(teks, pemisah="-_", rapat=True)


_PETA_PILIHAN: dict[int, tuple[dict, dict]] = {}
_BERTANDA = re.compile(r"\s*[-\u2212\u2013]\s*\d")  # a negative number typed where a choice belongs


def cocokkan(teks: str, pilihan: dict, sinonim: dict | None = None) -> object:
    """Match a typed value against allowed labels and codes, ignoring case, spaces and hyphens. A minus
    sign is no hyphen: "-1" never matches "1"."""
    if _BERTANDA.match(teks):
        return None
    k = kunci_rapat(teks)
    peta = _PETA_PILIHAN.get(id(pilihan))
    if peta is None or peta[0] is not pilihan:
        isi = {}
        for label, kode in reversed(list(pilihan.items())):  # the first label wins on a clash
            isi[kunci_rapat(str(kode))] = kode
            isi[kunci_rapat(label)] = kode
        peta = _PETA_PILIHAN[id(pilihan)] = (pilihan, isi)
    if k in peta[1]:
        return peta[1][k]
    if sinonim:
        return sinonim.get(k)
    return None



# The Pengaturan settings that make the Kebijakan (lakip_xl.aturan.capaian), in the sheet's order
MEDAN_KEBIJAKAN = ("target_nol", "realisasi_kosong", "rasio_realisasi_nol", "batas_atas", "batas_bawah", "desimal",
                   "pembulatan", "skala_predikat", "skala_sasaran", "desimal_realisasi", "metode_negatif",
                   "batas_atas_sasaran", "metode_efisiensi", "batas_efisien", "batas_cukup_efisien")


def kebijakan_kw(nilai: dict) -> dict:
    """Kebijakan's keyword arguments from Pengaturan values keyed by `kunci_rapat(label)` (a typed or a
    cell value; blank gives the setting's default): a choice matched as the reader matches it (scale
    names with their former names), a bound or number as typed ("tanpa" included: the rule reads it).
    An unknown choice raises AturanError naming the setting and the allowed values. Shared by the
    workbook builder (lakip_xl.excel.buku) and CAPAIAN's Pengaturan argument (lakip_xl.excel.konversi);
    the reader (lakip_xl.sumber.baca) checks cell by cell, with addresses, and ends in the same Kebijakan."""
    from lakip_xl.errors import AturanError

    kw: dict = {}
    for k in PENGATURAN_KUNCI:
        if k.medan not in MEDAN_KEBIJAKAN:
            continue
        v = nilai.get(kunci_rapat(k.label))
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        teks = "" if v is None else str(v).strip()
        if not teks:
            if k.bawaan:
                kw[k.medan] = k.pilihan[k.bawaan] if k.pilihan else k.bawaan
            continue
        if k.pilihan is None:
            kw[k.medan] = v if isinstance(v, (int, float)) else teks
            continue
        kode = cocokkan(teks, k.pilihan, SKALA_PREDIKAT_SINONIM if k.pilihan is SKALA_PREDIKAT_LABEL else None)
        if kode is None:
            raise AturanError(f"Nilai '{teks}' untuk pengaturan '{k.label}' tidak dikenal.",
                              saran="Pilih salah satu: " + ", ".join(f"'{x}'" for x in k.pilihan) + ".")
        kw[k.medan] = kode
    return kw


# The other spellings staff type ("Nilai Huruf", "Tren Negatif", "non-kumulatif", "Nilai Akhir") are the
# ones the rules themselves accept: one table, in lakip_xl.aturan.capaian / lakip_xl.aturan.kumulatif, so that the
# reader, the UDFs and the rules never disagree about a word.
def _sinonim(alias: dict[str, str]) -> dict[str, str]:
    return {kunci_rapat(k): v for k, v in alias.items()}


POLARITAS_SINONIM = _sinonim(SINONIM_POLARITAS)
TIPE_SINONIM = _sinonim(SINONIM_TIPE)


# --- Records ---------------------------------------------------------------------------------------
def rekaman_cepat(cls):
    """Give a frozen, slotted dataclass an __init__ that sets each slot through the slot's own setter.

    The dataclass's own __init__ of a frozen class calls object.__setattr__(self, "name", value) per
    field, looking the attribute up by name each time; the slot setters skip that lookup. Same
    parameters, defaults and order; equality, hash, repr and immutability stay the dataclass's. The
    reader and hitung build one such record per realisasi row (timeit, 50,000 each: RealisasiBaris with
    its Lokasi 0.16 -> 0.10 s, NilaiTahun 0.12 -> 0.10 s)."""
    import dataclasses

    ns: dict[str, object] = {}
    params, body = [], []
    for f in dataclasses.fields(cls):
        if not f.init or f.default_factory is not dataclasses.MISSING or f.kw_only:
            raise TypeError(f"{cls.__name__}.{f.name}: rekaman_cepat takes plain fields only")
        ns[f"_isi_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            ns[f"_bawaan_{f.name}"] = f.default
            params.append(f"{f.name}=_bawaan_{f.name}")
        body.append(f"    _isi_{f.name}(self, {f.name})")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: rekaman_cepat does not call __post_init__")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body) + "\n", ns)  # noqa: S102 - our own fields
    init = ns["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init
    return cls


@rekaman_cepat
@dataclass(frozen=True, slots=True)
class Lokasi:
    """Where a record sits: sheet name and 1-based Excel row."""

    sheet: str
    baris: int

    def __str__(self) -> str:
        return f"{self.sheet}!{self.baris}"


class Isian:
    """One input cell: the parsed value, the text as typed (for display), and its address.

    - `nilai`: Decimal, Rentang, a grade as text ("B", "WTP"), or None (empty, "-", "n/a").
    - `teks`: what the user typed, stripped ("45,1 M", "0,14%", "B"); for a numeric cell the plain
      number ("34.67", no float artefacts); "" for an empty cell.
    - `sel`: A1 address on its sheet ("D7"); "" when the column is absent.
    - `dari_teks`: True when the cell held text (so `teks` is exactly what was typed).

    Immutable, compared and hashed by these four values, like a frozen dataclass. The reader makes
    one per input cell (tens of thousands in a large workbook), so the address is not stored as text:
    `Isian.di` keeps the column letters (one string per column, shared) and the 0-based row (one int
    per row, shared by the row's cells), and `sel` spells the address out when a message asks for it.
    That saves a string per cell (about 1 MB at 5,000 realisasi rows; benchmarks/sync_bench.py).
    """

    __slots__ = ("nilai", "teks", "_kol", "_baris", "dari_teks")

    nilai: Nilai
    teks: str
    dari_teks: bool

    def __init__(self, nilai: Nilai = None, teks: str = "", sel: str = "", dari_teks: bool = False) -> None:
        _isi(self, "nilai", nilai)
        _isi(self, "teks", teks)
        _isi(self, "_kol", sel)
        _isi(self, "_baris", None)  # None: `_kol` is the whole address
        _isi(self, "dari_teks", dari_teks)

    @classmethod
    def di(cls, nilai: Nilai, teks: str, kol: str, baris: int, dari_teks: bool) -> Isian:
        """The cell in column letters `kol` and 0-based row `baris` (the reader's form)."""
        x = cls.__new__(cls)
        _ISI_NILAI(x, nilai)  # the slots' own setters: a third faster than object.__setattr__ by name
        _ISI_TEKS(x, teks)
        _ISI_KOL(x, kol)
        _ISI_BARIS(x, baris)
        _ISI_DARI_TEKS(x, dari_teks)
        return x

    @property
    def sel(self) -> str:
        return self._kol if self._baris is None else f"{self._kol}{self._baris + 1}"

    @property
    def kosong(self) -> bool:
        return self.nilai is None

    @property
    def angka(self) -> Decimal | None:
        """The value when it is a plain number, else None."""
        return self.nilai if isinstance(self.nilai, Decimal) else None

    def _kunci(self) -> tuple:
        return (self.nilai, self.teks, self.sel, self.dari_teks)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._kunci() == other._kunci()

    def __hash__(self) -> int:
        return hash(self._kunci())

    def __repr__(self) -> str:
        return (f"Isian(nilai={self.nilai!r}, teks={self.teks!r}, sel={self.sel!r}, "
                f"dari_teks={self.dari_teks!r})")

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self):
        return (Isian.di, (self.nilai, self.teks, self._kol, self._baris, self.dari_teks)) \
            if self._baris is not None else (Isian, self._kunci())


_isi = object.__setattr__
_ISI_NILAI, _ISI_TEKS, _ISI_KOL, _ISI_BARIS, _ISI_DARI_TEKS = (
    Isian.__dict__[n].__set__ for n in ("nilai", "teks", "_kol", "_baris", "dari_teks"))


KOSONG = Isian()


@dataclass(frozen=True, slots=True)
class Pengaturan:
    """The Pengaturan sheet.

    `kebijakan` is a `lakip_xl.aturan.capaian.Kebijakan` (the policy bundle of the rules: target_nol,
    realisasi_kosong, rasio_realisasi_nol, batas_atas, batas_bawah, desimal, pembulatan, metode,
    skala_predikat, skala_sasaran, desimal_realisasi). While that module is missing the reader stores
    a plain dict with the same keys (`Kebijakan(**d)` converts it).
    """

    instansi: str = ""
    wilayah: str = ""
    tahun: int = 0
    awal_renstra: int = 0
    akhir_renstra: int = 0
    kebijakan: Any = None
    kepala: str = ""
    nip: str = ""
    lokasi: dict[str, str] = field(default_factory=dict)  # setting key (kunci) -> cell "B7"

    @property
    def periode_renstra(self) -> range:
        return range(self.awal_renstra, self.akhir_renstra + 1)


@rekaman_cepat
@dataclass(frozen=True, slots=True)
class Indikator:
    """One row of the Indikator sheet (an indicator of a sasaran)."""

    kode: str  # "IK1", canonical: stripped, upper case
    kode_sasaran: str  # "S1"
    sasaran: str  # sasaran text
    nama: str  # indicator text
    satuan: str = ""
    polaritas: str = "positif"  # POLARITAS_LABEL values
    tipe: str = "non_kumulatif"  # "kumulatif" | "non_kumulatif" | "rata_rata"
    skala_nilai: str | None = None  # "akip" | "opini_bpk" for polaritas "huruf"
    penyebut: Decimal | None = None
    target_renstra: Isian = KOSONG
    bobot: Decimal | None = None
    formulasi: str = ""
    sumber: str = ""
    lokasi: Lokasi = Lokasi("", 0)


@rekaman_cepat
@dataclass(frozen=True, slots=True)
class RealisasiBaris:
    """One row of the Realisasi sheet: an indicator in a year (and optionally a triwulan)."""

    kode: str
    tahun: int
    triwulan: int | None  # None = the yearly row; 1..4 for triwulan I..IV
    target: Isian = KOSONG
    realisasi: Isian = KOSONG  # the value to date (s/d) for a kumulatif indicator without Jumlah
    jumlah: Isian = KOSONG  # that period's own count (increment) behind a computed realisasi
    catatan: str = ""
    lokasi: Lokasi = Lokasi("", 0)


@rekaman_cepat
@dataclass(frozen=True, slots=True)
class Anggaran:
    """Budget of one indicator in one year (table 3.6 of the seed)."""

    tahun: int
    kode: str
    pagu: Isian = KOSONG
    realisasi: Isian = KOSONG
    lokasi: Lokasi = Lokasi("", 0)


@dataclass(frozen=True, slots=True)
class Program:
    """A program of the Perjanjian Kinerja with its pagu and the sasaran (and indicator) it supports."""

    tahun: int
    no: str  # as typed ("1", or "" where the PK leaves the number out)
    nama: str
    pagu: Isian = KOSONG
    kode_sasaran: str = ""
    kode_indikator: str = ""
    keterangan: str = ""
    lokasi: Lokasi = Lokasi("", 0)
    realisasi: Isian = KOSONG  # the program's spending, for its serapan (BAB III.D); optional column


@dataclass(frozen=True, slots=True)
class Belanja:
    """A spending total: Belanja Tidak Langsung or Belanja Langsung (seed, BAB III.D)."""

    tahun: int
    jenis: str
    pagu: Isian = KOSONG
    realisasi: Isian = KOSONG
    lokasi: Lokasi = Lokasi("", 0)


@dataclass(frozen=True, slots=True)
class Dilaporkan:
    """A figure as a printed report states it, for the audit.

    `nilai.nilai` is the parsed number when the text reads as one, else the stripped text (a grade,
    a Ket sentence); `nilai.teks` is as printed.
    """

    tabel: str
    kode: str  # indicator or sasaran code, "" for agency-wide figures
    tahun: int | None
    besaran: str  # one of BESARAN
    nilai: Isian = KOSONG
    sumber: str = ""
    lokasi: Lokasi = Lokasi("", 0)


@dataclass(frozen=True, slots=True)
class Analisis:
    """The staff's analysis of one indicator in one year (sheet Analisis, optional): the text the LKjIP
    document (BAB III) inserts beside the figures, and a national or SPM target to compare with.

    Texts keep the line breaks typed in the cell (Alt+Enter), one point per line; "" when empty."""

    kode: str
    tahun: int
    pendorong: str = ""  # Faktor Pendorong: why the target was reached
    penghambat: str = ""  # Faktor Penghambat: why it was missed
    upaya: str = ""  # Upaya / Solusi
    tindak_lanjut: str = ""  # Rencana Tindak Lanjut
    efisiensi: str = ""  # Analisis Efisiensi: why the budget was used as it was
    target_nasional: Isian = KOSONG  # Target Nasional/SPM
    sumber_target_nasional: str = ""
    lokasi: Lokasi = Lokasi("", 0)


@dataclass(frozen=True, slots=True)
class Sasaran:
    """A sasaran and its indicators, in sheet order (derived from the Indikator rows)."""

    kode: str
    nama: str
    indikator: tuple[str, ...]


@dataclass
class DataLakip:
    """Everything read from a workbook's data sheets."""

    pengaturan: Pengaturan
    indikator: list[Indikator] = field(default_factory=list)
    realisasi: list[RealisasiBaris] = field(default_factory=list)
    anggaran: list[Anggaran] = field(default_factory=list)
    program: list[Program] = field(default_factory=list)
    belanja: list[Belanja] = field(default_factory=list)
    dilaporkan: list[Dilaporkan] = field(default_factory=list)
    berkas: str = ""
    peringatan: list[Masalah] = field(default_factory=list)
    analisis: list[Analisis] = field(default_factory=list)  # sheet Analisis (optional; older workbooks have none)
    _per_kode: dict | None = field(default=None, init=False, repr=False, compare=False)
    _per_kode_n: int = field(default=-1, init=False, repr=False, compare=False)

    def indikator_per_kode(self) -> dict[str, Indikator]:
        return {i.kode: i for i in self.indikator}

    def sasaran(self) -> list[Sasaran]:
        """Sasaran in order of first appearance, each with its indicator codes in sheet order."""
        urut: dict[str, tuple[str, list[str]]] = {}
        for ind in self.indikator:
            nama, kode = urut.setdefault(ind.kode_sasaran, (ind.sasaran, []))
            kode.append(ind.kode)
        return [Sasaran(k, nama, tuple(kode)) for k, (nama, kode) in urut.items()]

    def _indeks(self) -> dict[str, list[RealisasiBaris]]:
        """Realisasi rows per indicator, sorted by (year, triwulan); built once (a DataLakip is not
        changed after reading), so per-indicator look-ups stay linear over a 50,000-row sheet."""
        if self._per_kode is None or self._per_kode_n != len(self.realisasi):
            per: dict[str, list[RealisasiBaris]] = {}
            for r in self.realisasi:
                per.setdefault(r.kode, []).append(r)
            for rows in per.values():
                rows.sort(key=lambda r: (r.tahun, r.triwulan or 0))
            self._per_kode, self._per_kode_n = per, len(self.realisasi)
        return self._per_kode

    def realisasi_indikator(self, kode: str, *, triwulan: bool = False) -> list[RealisasiBaris]:
        """Rows of one indicator sorted by year (and triwulan); yearly rows only unless `triwulan`."""
        rows = self._indeks().get(kode, [])
        return list(rows) if triwulan else [r for r in rows if r.triwulan is None]

    def baris(self, kode: str, tahun: int, triwulan: int | None = None) -> RealisasiBaris | None:
        for r in self._indeks().get(kode, []):
            if r.tahun == tahun and r.triwulan == triwulan:
                return r
        return None

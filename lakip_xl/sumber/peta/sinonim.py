"""The words of an agency's own tables: one table of header synonyms per role, and the small vocabularies
the detection reads (units under a group header, triwulan labels, total rows, notes, signature lines).

A column's role (`peran`) is one of `PERAN` (code -> label shown in the "Peta LAKIP" sheet, Bahasa
Indonesia). A header is read from its most specific text up (the leaf under its group headers):
the first text that names a base role gives it (`SINONIM`, longest phrase first), and the whole header
path qualifies it: "Renstra" turns target into target Renstra, "s/d" turns realisasi into realisasi s/d,
"Rp" / "Anggaran" turn target into pagu and realisasi into realisasi anggaran, a "K" / "%" / "Rp" leaf
picks the kinerja, ratio or money column of a group. Pure: no I/O.
"""

from __future__ import annotations

import re

from lakip_xl.aturan.teks import norm

# --- roles ------------------------------------------------------------------------------------------
# code -> label (users see and may type the label, or the code, in the Peta LAKIP sheet)
PERAN = {
    "no": "No",
    "kode": "Kode",
    "sasaran": "Sasaran",
    "indikator": "Indikator",
    "satuan": "Satuan",
    "program": "Program/Kegiatan",
    "target": "Target",
    "realisasi": "Realisasi",
    "capaian": "Capaian",
    "ket": "Keterangan",
    "predikat": "Predikat",
    "target_renstra": "Target Renstra",
    "realisasi_sd": "Realisasi s/d",
    "capaian_renstra": "Capaian Renstra",
    "jumlah": "Jumlah Tahun Ini",
    "pagu": "Pagu",
    "realisasi_anggaran": "Realisasi Anggaran",
    "serapan": "Serapan",
    "belanja": "Jenis Belanja",
    "permasalahan": "Permasalahan",
    "pendorong": "Faktor Pendorong",
    "upaya": "Upaya",
    "tindak_lanjut": "Tindak Lanjut",
    "abaikan": "Abaikan",
}
# label -> code, the form lakip_xl.sumber.baca.cocokkan matches typed values against
PERAN_LABEL = {label: kode for kode, label in PERAN.items()}

# Roles that take a year (Tahun column of the mapping) and, for realisasi, a triwulan.
PERAN_TAHUN = frozenset({"target", "realisasi", "capaian", "ket", "predikat", "jumlah", "pagu",
                         "realisasi_anggaran", "serapan", "realisasi_sd", "capaian_renstra", "target_renstra"})
# Roles kept for the LKjIP narrative (BAB III analysis): mapped, not computed with.
PERAN_NARASI = frozenset({"permasalahan", "pendorong", "upaya", "tindak_lanjut"})

# --- one table of header synonyms per base role -----------------------------------------------------
# Phrases are matched on whole words of the normalised header (`kata`); the longest matching phrase
# wins across roles, so "indikator kinerja program" (indikator) beats "program". Qualifiers ("renstra",
# "s/d", money words, the K / Rp / % leaf) are applied afterwards (`peran_kolom`).
SINONIM: dict[str, tuple[str, ...]] = {
    "no": ("no", "nomor", "nomor urut", "no urut"),
    "kode": ("kode", "kd", "kode rekening", "kode program", "kode kegiatan", "kode urusan"),
    "sasaran": ("sasaran", "sasaran strategis", "sasaran perangkat daerah", "sasaran opd", "sasaran skpd",
                "sasaran program", "sasaran kegiatan", "sasaran rpjmd", "sasaran rpjmd nspk", "sasaran nspk"),
    "indikator": ("indikator", "indikator kinerja", "iku", "indikator kinerja utama", "indikator sasaran",
                  "indikator kinerja sasaran", "indikator kinerja program", "indikator kinerja kegiatan",
                  "indikator program", "indikator kegiatan", "indikator kinerja individu", "ikk"),
    "satuan": ("satuan", "sat", "satuan indikator", "unit satuan"),
    "program": ("program", "kegiatan", "sub kegiatan", "subkegiatan", "program kegiatan", "program keg",
                "program keg sub kegiatan", "nama program", "uraian", "urusan", "bidang urusan",
                "program dan kegiatan", "urusan bidang urusan pemerintahan daerah dan program kegiatan"),
    "target": ("target", "tgt", "target kinerja", "target capaian", "target tahun", "target fisik",
               "rencana", "target renja"),
    "realisasi": ("realisasi", "real", "reaisasi", "realisasi kinerja", "realisasi target", "realisasi fisik",
                  "realisasi capaian"),
    "capaian": ("capaian", "%", "persen", "persentase", "capaian kinerja", "tingkat capaian", "capaian %",
                "persentase capaian", "tingkat realisasi", "% capaian", "tingkat capaian kinerja"),
    "ket": ("ket", "keterangan", "ket capaian"),
    "predikat": ("predikat", "kategori", "kriteria", "predikat kinerja", "kategori capaian"),
    "pagu": ("pagu", "alokasi", "anggaran", "pagu anggaran", "alokasi anggaran", "pagu indikatif", "dana",
             "kebutuhan dana", "anggaran rp", "jumlah anggaran", "dpa"),
    "realisasi_anggaran": ("realisasi anggaran", "realisasi keuangan", "realisasi dana", "realisasi belanja",
                           "realisasi rp", "realisasi pagu"),
    "serapan": ("serapan", "serapan anggaran", "daya serap", "persentase serapan", "% serapan"),
    "belanja": ("jenis belanja", "uraian belanja"),
    "permasalahan": ("kendala", "permasalahan", "hambatan", "masalah", "faktor penghambat"),
    "pendorong": ("faktor pendorong", "pendorong", "faktor pendukung", "faktor keberhasilan"),
    "upaya": ("solusi", "upaya", "upaya mengatasi permasalahan", "upaya mengatasi", "strategi"),
    "tindak_lanjut": ("rencana tindak lanjut", "tindak lanjut", "rtl", "tindak lanjut rekomendasi"),
}

# Words that qualify a base role (anywhere on the header path).
KATA_RENSTRA = frozenset({"renstra", "rpjmd", "akhir periode"})
KATA_UANG = frozenset({"rp", "rupiah", "pagu", "anggaran", "alokasi", "dana", "keuangan", "belanja"})
KATA_KINERJA = frozenset({"kinerja", "fisik", "k"})

# The leaf under a group header that picks one of its columns.
SATUAN_KINERJA = frozenset({"k", "kinerja", "fisik", "target fisik", "vol", "volume"})
SATUAN_UANG = frozenset({"rp", "rupiah", "keu", "keuangan", "rp juta", "rp ribu", "anggaran"})
SATUAN_PERSEN = frozenset({"%", "persen"})

# Triwulan labels (a leaf "I".."IV" under a group "Triwulan", or "TW II", "Triwulan III", "Q4").
_ROMAWI = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_TRIWULAN = re.compile(r"^(?:triwulan|tw|trw|q)\s*[-.]?\s*(i{1,3}|iv|[1-4])$")

# Rows: totals, notes, signature.
_JUMLAH = re.compile(r"(jumlah|total|sub\s*total|subtotal|grand\s*total|rata\s*-?\s*rata|rerata)"
                     r"(\s+(total|keseluruhan|seluruhnya|anggaran|belanja|program|kegiatan|sasaran|indikator|"
                     r"capaian|akhir|[ivx]+|\d+))?\s*:?")
_CATATAN = re.compile(r"^(catatan|keterangan\s*:|ket\s*:|sumber\s*(data)?\s*:|\*|note|nb\b|mengetahui|"
                      r"disetujui|kepala\b|plt\.?\s|pj\.?\s|nip\b|ditetapkan|dibuat oleh)")
_TEMPAT_TANGGAL = re.compile(r"^[A-Za-z .'-]{3,40},\s+(\d{1,2}\s+)?(januari|februari|maret|april|mei|juni|juli|"
                             r"agustus|september|oktober|november|desember|\s)+\s*\d{0,4}\s*$", re.I)
_PANGKAT = re.compile(r"^(pembina|penata|pengatur|juru)\b", re.I)
_NIP = re.compile(r"^nip\.?\s*[:.]?\s*([\d ]{8,})", re.I)
# "Perangkat Daerah : Badan ...", "OPD : Biro Perekonomian", "SKPD : ..."
_INSTANSI = re.compile(r"^(perangkat daerah|nama opd|opd|skpd|nama skpd|instansi|unit kerja|satuan kerja)\s*:\s*(.+)$",
                       re.I)
_WILAYAH = re.compile(r"^(kota|kabupaten|kab\.|provinsi|pemerintah (kota|kabupaten|provinsi))\s+\S", re.I)
_TAHUN = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d|2100)(?!\d)")
_PERIODE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|s\s*/\s*d|sampai|hingga)\s*((?:19|20)\d\d)(?!\d)")
# "Mendukung/Berkaitan Sasaran Strategis Ke 1 (satu)" -> sasaran 1
_SASARAN_KE = re.compile(r"sasaran(?:\s+strategis)?\s+(?:ke\s*-?\s*)?(\d+)", re.I)
_KODE = re.compile(r"^(?:[0-9X]{1,3}(?:\.[0-9X]{1,4})+|[IVX]{1,4}|[A-Z]\.?)$")


def kata(teks: object) -> str:
    """A header's text normalised for matching: lower case, "s/d" as "sd", punctuation as spaces, years
    and numbering such as "(7)" dropped. "Target (N)" -> "target n", "ALOKASI [ Rp ]" -> "alokasi rp"."""
    t = str(teks).casefold()
    t = re.sub(r"s\s*/\s*d|s\.\s*d\.?|sampai\s+dengan|s\.d", " sd ", t)
    t = _TAHUN.sub(" ", t)
    t = re.sub(r"\(\s*\d+\s*\)", " ", t)
    t = re.sub(r"[^\w%]+", " ", t)
    return " ".join(t.split())


def _berisi(kalimat: str, frasa: str) -> bool:
    return f" {frasa} " in f" {kalimat} "


_URUT = sorted(((f, p) for p, fs in SINONIM.items() for f in fs), key=lambda x: -len(x[0]))


def peran_dasar(teks: str) -> tuple[str | None, str]:
    """The base role one header text names, and the phrase that named it ("" when none).

    A text that starts with "realisasi" is a realisasi whatever follows ("Realisasi Capaian ..."), and
    one that starts with "tingkat" or "%" a capaian; otherwise the longest synonym found wins."""
    k = kata(teks)
    if not k:
        return None, ""
    awal = k.split()[0]
    if awal in ("realisasi", "real", "reaisasi") and not any(_berisi(k, f) for f in SINONIM["realisasi_anggaran"]):
        if not _berisi(k, "indikator"):
            return "realisasi", awal
    if awal in ("tingkat", "%", "persentase") and not _berisi(k, "serapan") and not _berisi(k, "indikator"):
        return "capaian", awal
    # the phrase found first in the text names the role ("Target Program dan Kegiatan" is a target),
    # the longest one on a tie ("Rencana Tindak Lanjut" is no "Rencana")
    terbaik = None
    kk = f" {k} "
    for frasa, peran in _URUT:
        i = kk.find(f" {frasa} ")
        if i >= 0 and (terbaik is None or i < terbaik[0]):
            terbaik = (i, peran, frasa)
    return (terbaik[1], terbaik[2]) if terbaik else (None, "")


def satuan_daun(teks: str) -> str | None:
    """"k", "rp" or "%" when a header leaf names the kind of column under its group ("K", "Rp.", "%")."""
    k = kata(teks)
    if k in SATUAN_KINERJA:
        return "k"
    if k in SATUAN_UANG:
        return "rp"
    if str(teks).strip() in ("%", "(%)") or k in SATUAN_PERSEN:
        return "%"
    return None


def triwulan(teks: str) -> int | None:
    """1..4 for "TW I", "Triwulan III", "Q4"; None otherwise (a bare "I" is read by its group)."""
    k = " ".join(str(teks).casefold().replace(".", " ").split())
    m = _TRIWULAN.match(k)
    if not m:
        return None
    v = m.group(1)
    return _ROMAWI.get(v) or int(v)


def romawi(teks: str) -> int | None:
    """1..4 for a bare "I".."IV" (a leaf under a "Triwulan" group)."""
    return _ROMAWI.get(str(teks).strip().casefold().rstrip("."))


def tahun_di(teks: object) -> int | None:
    """The last four-digit year a text names ("Target Renstra s/d 2021" -> 2021), or None."""
    if isinstance(teks, (int, float)) and not isinstance(teks, bool):
        return int(teks) if float(teks).is_integer() and 1950 <= teks <= 2100 else None
    semua = _TAHUN.findall(str(teks))
    return int(semua[-1]) if semua else None


def periode_di(teks: str) -> tuple[int, int] | None:
    """(2016, 2021) from "RENSTRA 2016-2021" / "2016 s/d 2021"."""
    m = _PERIODE.search(str(teks))
    if not m:
        return None
    a, b = int(m.group(1)), int(m.group(2))
    return (a, b) if a < b <= a + 10 else None


def peran_kolom(jalur: list[str]) -> tuple[str | None, int | None, int | None]:
    """(role, year, triwulan) of a column from its header path, top (group) to bottom (leaf).

    The most specific text that names a base role gives it; the path qualifies it (module docstring).
    None when no text on the path names a role."""
    jalur = [str(x) for x in jalur if str(x).strip()]
    if not jalur:
        return None, None, None
    unit = satuan_daun(jalur[-1])
    tw = None
    for i, t in enumerate(jalur):
        tw = tw or triwulan(t)
        if romawi(t) and any(_berisi(kata(g), "triwulan") or _berisi(kata(g), "tw") for g in jalur[:i]):
            tw = tw or romawi(t)
    tahun = None
    for t in reversed(jalur):
        tahun = tahun_di(t)
        if tahun:
            break
    dasar, sumber = None, -1
    for lewati_satuan in (True, False):  # a unit leaf ("Rp", "%") names a role only when nothing above does
        for i in range(len(jalur) - 1, -1, -1):
            if lewati_satuan and satuan_daun(jalur[i]) or romawi(jalur[i]) or tahun_di(jalur[i]) and not kata(jalur[i]):
                continue
            dasar, _ = peran_dasar(jalur[i])
            if dasar:
                sumber = i
                break
        if dasar:
            break
    if dasar is None:
        return None, tahun, tw
    if sumber == len(jalur) - 1 and unit is not None and sumber == 0:
        unit = None  # the header is the unit word itself ("Anggaran", "%")
    semua = " ".join(kata(t) for t in jalur)
    renstra = any(_berisi(semua, w) for w in KATA_RENSTRA)
    sd = _berisi(semua, "sd") or _berisi(semua, "kumulatif")
    teks_dasar = kata(jalur[sumber])
    if unit == "rp":
        uang = True
    elif unit in ("k", "%"):
        uang = False
    else:
        # money words in the text that names the role, or in a group above it that is about money only
        # ("Anggaran" over "Pagu | Realisasi"; not "Target Kinerja dan Anggaran" over "K | Rp")
        bukan = ("kinerja", "fisik", "indikator")
        uang = any(_berisi(teks_dasar, w) for w in KATA_UANG) and not any(_berisi(teks_dasar, w) for w in bukan)
        if not uang and dasar in ("target", "realisasi", "capaian"):
            uang = any(any(_berisi(kata(g), w) for w in KATA_UANG) and not any(_berisi(kata(g), w) for w in bukan)
                       and peran_dasar(g)[0] == "pagu" for g in jalur[:sumber])
    if unit == "%" and dasar == "pagu" and not tw:
        return ("abaikan" if renstra else "serapan"), tahun, tw  # "Anggaran" over "Pagu | Realisasi | %"
    if unit == "%" and dasar in ("target", "realisasi", "pagu", "realisasi_anggaran") or unit == "%" and tw:
        return "abaikan", tahun, tw  # a ratio column of a group (e.g. "%" beside K and Rp per triwulan)
    if dasar == "target":
        if uang:
            return ("abaikan" if renstra else "pagu"), tahun, tw
        return ("target_renstra" if renstra else "target"), tahun, tw
    if dasar == "realisasi":
        if uang:
            return ("abaikan" if renstra or sd or tw else "realisasi_anggaran"), tahun, tw
        return ("realisasi_sd" if renstra or sd else "realisasi"), tahun, tw
    if dasar == "capaian":
        if uang or any(peran_dasar(g)[0] in ("pagu", "realisasi_anggaran") for g in jalur[:sumber]):
            return ("abaikan" if renstra or sd else "serapan"), tahun, tw
        return ("capaian_renstra" if renstra else "capaian"), tahun, tw
    if dasar == "pagu":
        if unit == "k":
            return "abaikan", tahun, tw
        if renstra:
            return "abaikan", tahun, tw
        return ("realisasi_anggaran" if _berisi(semua, "realisasi") and _berisi(teks_dasar, "realisasi")
                else "pagu"), tahun, tw
    return dasar, tahun, tw


def skor_sasaran(teks: str) -> int:
    """How surely a sasaran header is the agency's own sasaran (strategis / perangkat daerah) rather
    than the region's (RPJMD / NSPK): the higher the better."""
    k = kata(teks)
    if any(_berisi(k, w) for w in ("strategis", "perangkat daerah", "opd", "skpd")):
        return 3
    if any(_berisi(k, w) for w in ("rpjmd", "nspk", "rpjmn")):
        return 1
    return 2


# --- rows ---------------------------------------------------------------------------------------------
def baris_jumlah(teks: str) -> bool:
    """"JUMLAH", "Total", "Sub Total", "Rata-rata": a total row, not an indicator or program."""
    return bool(_JUMLAH.fullmatch(norm(teks)))


def baris_catatan(teks: str) -> bool:
    """A note or signature line under a table ("Catatan: ...", "Sumber: ...", "Kepala Dinas", "NIP ...",
    "Depok, 31 Desember 2020")."""
    t = " ".join(str(teks).split())
    return bool(_CATATAN.match(t.casefold()) or _TEMPAT_TANGGAL.match(t))


def instansi_di(teks: str) -> str | None:
    """"Badan Perencanaan ..." from "Perangkat Daerah : Badan Perencanaan ..." (also OPD / SKPD : ...)."""
    m = _INSTANSI.match(" ".join(str(teks).split()))
    return m.group(2).strip() if m else None


def wilayah_di(teks: str) -> str | None:
    t = " ".join(str(teks).split())
    return t if _WILAYAH.match(t) and len(t) <= 60 else None


def pangkat(teks: str) -> bool:
    """A civil-service rank line of a signature block ("PEMBINA UTAMA MUDA")."""
    return bool(_PANGKAT.match(" ".join(str(teks).split())))


def nip_di(teks: str) -> str | None:
    m = _NIP.match(" ".join(str(teks).split()))
    return " ".join(m.group(1).split()) if m else None


def sasaran_ke(teks: str) -> int | None:
    """1 from "Mendukung/Berkaitan Sasaran Strategis Ke 1 (satu)"."""
    m = _SASARAN_KE.search(str(teks))
    return int(m.group(1)) if m else None


def kode_hierarki(teks: object) -> bool:
    """A program / kegiatan code ("1.20.03", "X.XX.01.202", "I", "II", "A.")."""
    return bool(_KODE.match(str(teks).strip())) if isinstance(teks, str) else False


# Ket sentences and status words staff type beside a capaian.
_STATUS = re.compile(r"^(telah\s+|sudah\s+|belum\s+|tidak\s+)?(tercapai|mencapai|melampaui|terlampaui|melebihi|"
                     r"sesuai|perlu upaya|kurang)")


def teks_status(teks: str) -> bool:
    """A Ket text that states whether the target was reached ("Tercapai", "Telah melampaui target")."""
    return bool(_STATUS.match(norm(teks)))

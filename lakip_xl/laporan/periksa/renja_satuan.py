"""The kind of an Evaluasi Renja indicator, from its unit (or its name): a level (percentage, index,
quantity per period) is never summed across years, a count is (docs/dev/renja-form.md, "The rule")."""

from __future__ import annotations

import re

# Unit classification (documented in docs/dev/renja-form.md, "The rule"):
#   "persen"   percentages: a share of something at a moment, never summed across years unless each
#              year's figure is an increment over a FIXED denominator (seed: "Persentase usaha mikro naik
#              kelas" 7 + 9 + 61 + 53 of 1000) - so a sum above 100 is an error, a sum below a warning;
#   "indeks"   scores, indices, ratios, grades ("Nilai", "Indeks", "Rasio", "Predikat"...): never summed
#              (seed: "Nilai evaluasi AKIP: non kumulatif");
#   "laju"     a quantity per period ("Orang / Bulan", "Orang per Tahun"): a level of a stock (e.g. staff
#              paid each month), never summed across years;
#   "hitungan" counts of outputs (dokumen, laporan, unit, paket, orang...): flows, summed by the form as
#              Permendagri 86/2017 intends; only checked against an end target that is itself not a sum.
_PERSEN = {"%", "persen", "prosen", "persentase", "prosentase", "percent"}
_INDEKS = {
    "nilai", "indeks", "index", "skor", "score", "poin", "point", "rasio", "ratio", "predikat", "opini",
    "peringkat", "level", "angka", "grade", "huruf", "kategori", "status",
}
_PERIODE = ("bulan", "bln", "tahun", "thn", "hari", "minggu", "triwulan", "semester")
_HITUNGAN = {
    "dok", "dokumen", "lap", "laporan", "unit", "paket", "jenis", "berita acara", "usulan", "kerja sama",
    "kegiatan", "orang", "org", "buah", "kali", "naskah", "buku", "sertifikat", "perda", "perkada", "sk",
    "rekomendasi", "kajian", "inovasi", "lokasi", "titik", "desa", "kelurahan", "kecamatan", "opd",
    "perangkat daerah", "aplikasi", "sistem", "data", "set", "judul", "event", "forum", "rapat", "ls",
    "keg", "eks", "eksemplar", "lembar", "bulan", "hari", "pd", "skpd", "instansi", "lembaga", "kelompok",
    "koperasi", "ukm", "umkm", "produk", "ha", "km", "m", "m2", "m3", "ton", "kk", "rumah", "sekolah",
    "peserta", "pegawai", "asn", "ruang", "gedung", "kendaraan", "proposal", "kesepakatan", "mou",
}
_NAMA_PERSEN = ("persentase", "prosentase")
_NAMA_INDEKS = ("indeks", "nilai", "rasio", "skor", "tingkat", "predikat", "opini", "angka")

JENIS = ("persen", "indeks", "laju", "hitungan")
LEVEL = ("persen", "indeks", "laju")
JENIS_TEKS = {
    "persen": "persentase",
    "indeks": "nilai/indeks/rasio",
    "laju": "jumlah per periode (stok, misalnya orang per bulan)",
}


def rapat(s: str) -> str:
    return " ".join(str(s).lower().split())


def jenis_satuan(satuan: str | None, indikator: str | None = "") -> tuple[str, str]:
    """Classify an indicator by its unit (falling back to its name when the unit is empty).

    Returns (jenis, dasar): jenis in JENIS or "" when unknown; dasar says what decided it ("satuan",
    "nama", "tak dikenal" for an unknown unit treated as "hitungan", or "" when nothing is known).

    >>> jenis_satuan("%")
    ('persen', 'satuan')
    >>> jenis_satuan("Orang / Bulan")
    ('laju', 'satuan')
    >>> jenis_satuan("Dok")
    ('hitungan', 'satuan')
    >>> jenis_satuan("", "Persentase Tertib Pelaporan")
    ('persen', 'nama')
    """
    s = rapat(satuan or "").strip(" .")
    s = re.sub(r"^[\d.,\s]+(?=[^\d.,\s])", "", s)  # a figure glued on: "100,00 Persen", "0,9 Angka"
    if s:
        if "%" in s or s in _PERSEN or s.startswith("persen"):
            return "persen", "satuan"
        # "orang / bulan", "orang per tahun", "org/bln", "OB": a quantity held during a period
        if s == "ob" or re.search(r"(/|\bper\b)\s*(" + "|".join(_PERIODE) + r")\b", s):
            return "laju", "satuan"
        kata = s.split()[0]
        if s in _INDEKS or kata in _INDEKS:
            return "indeks", "satuan"
        if s in _HITUNGAN or kata in _HITUNGAN or kata.rstrip(".") in _HITUNGAN:
            return "hitungan", "satuan"
        return "hitungan", "tak dikenal"
    nama = rapat(indikator or "")
    nama = re.sub(r"^\d+[.)]\s*", "", nama)
    if nama.startswith(_NAMA_PERSEN):
        return "persen", "nama"
    if nama.startswith(_NAMA_INDEKS):
        return "indeks", "nama"
    if nama.startswith("jumlah"):
        return "hitungan", "nama"
    return "", ""

"""Checks of the report's structure and notation (the numbers of sasaran and indicators, the report year
in headings, one number notation per table) and of the data sheets themselves (a kumulatif series that
decreases, a Realisasi typed beside counts that disagrees with them, the predikat scale's open boundary)."""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.aturan.kumulatif import seri_menurun
from lakip_xl.aturan.predikat import ALIAS_SKALA
from lakip_xl.laporan.periksa.konteks import Audit, label_tabel
from lakip_xl.laporan.periksa.temuan import GALAT, INFO, PERINGATAN, Temuan
from lakip_xl.laporan.periksa.tercetak import (
    BEDA,
    TOKEN,
    banding,
    beda_teks,
    cetak,
    fmt_c,
    pangkat_satuan,
    penuh,
    selisih_teks,
)
from lakip_xl.sumber.model import SHEET_DILAPORKAN, SHEET_INDIKATOR, SHEET_PENGATURAN, SHEET_REALISASI, Dilaporkan
from lakip_xl.xlsx.sheetspec import parse_ref


def cek_struktur(au: Audit, d: Dilaporkan) -> None:
    if not isinstance(d.nilai.nilai, Decimal):
        au.lewati(d, "bukan angka")
        return
    sasaran = au.data.sasaran()
    if d.besaran == "jumlah_sasaran":
        benar, apa = len(sasaran), "sasaran strategis"
        dasar = f"sheet {SHEET_INDIKATOR} memuat {benar} sasaran ({', '.join(s.kode for s in sasaran)})"
    elif not d.kode:
        benar, apa = len(au.data.indikator), "indikator kinerja"
        dasar = f"sheet {SHEET_INDIKATOR} memuat {benar} indikator"
    else:
        s = next((x for x in sasaran if x.kode == d.kode), None)
        if s is None:
            au.lewati(d, f"kode sasaran '{d.kode}' tidak ada di sheet {SHEET_INDIKATOR}")
            return
        benar, apa = len(s.indikator), f"indikator sasaran {s.kode} ({s.nama})"
        dasar = f"sheet {SHEET_INDIKATOR} memuat {benar} indikator untuk {s.kode} ({', '.join(s.indikator)})"
    if d.nilai.nilai == benar:
        return
    catatan = ""
    if d.tahun is not None and d.tahun != au.tahun:
        catatan = f" Kalimat ini menyebut tahun {d.tahun}, bukan tahun laporan {au.tahun}."
    au.temuan_dilaporkan(
        d, "struktur", f"Jumlah {apa} tertulis {d.nilai.teks}, sedangkan {dasar}.{catatan}",
        seharusnya=str(benar), selisih=beda_teks(d.nilai.nilai - benar),
        saran="Samakan jumlah sasaran dan indikator di seluruh laporan dengan Perjanjian Kinerja tahun laporan.")


def cek_tahun_laporan(au: Audit, d: Dilaporkan) -> None:
    v = d.nilai.nilai
    if not isinstance(v, Decimal):
        au.lewati(d, "bukan tahun")
        return
    if v == au.tahun:
        return
    au.temuan_dilaporkan(
        d, "tahun_laporan", f"Judul atau kalimat menyebut tahun {d.nilai.teks}, padahal laporan ini untuk "
        f"tahun {au.tahun} (sheet {SHEET_PENGATURAN}, Tahun Laporan).", seharusnya=str(au.tahun),
        tingkat=PERINGATAN, saran=f"Ganti tahun {d.nilai.teks} menjadi {au.tahun} (sisa laporan tahun lalu?).")


# -- notation --------------------------------------------------------------------------------------


def cek_notasi(au: Audit) -> None:
    """Numbers of one table written in two notations ("69,93" and "44.83%"): a reader cannot tell
    what "1.145" means (domain.md section 5)."""
    grup: dict[tuple[str, str], list[tuple[Dilaporkan, str, str]]] = {}
    for d in au.dilaporkan:
        if not d.nilai.dari_teks or not isinstance(d.nilai.nilai, Decimal):
            continue
        gaya = _gaya_notasi(d.nilai.teks)
        if gaya is not None:
            grup.setdefault((d.tabel, d.sumber), []).append((d, *gaya))
    for (tabel, sumber), rows in grup.items():
        desimal = {g for _, g, _ in rows if g}
        ribuan = {r for _, _, r in rows if r}
        if len(desimal) < 2 and len(ribuan) < 2 and not (desimal & ribuan):
            continue
        contoh = []
        for peran, tanda in (("desimal", ","), ("desimal", "."), ("ribuan", "."), ("ribuan", ",")):
            x = next((d for d, g, r in rows if (g if peran == "desimal" else r) == tanda), None)
            if x is not None:
                contoh.append((x, f"'{x.nilai.teks}' ({peran} '{tanda}')"))
        contoh.sort(key=lambda xt: xt[0].lokasi.baris)
        sel = [x.nilai.sel for x, _ in contoh]
        au.tambah(Temuan(
            kategori="notasi", sheet=SHEET_DILAPORKAN, sel=", ".join(dict.fromkeys(sel)),
            uraian=f"{label_tabel(tabel, sumber)}: angka ditulis dengan dua notasi, "
                   + ", ".join(t for _, t in contoh)
                   + ". Pembaca tidak dapat memastikan arti angka seperti '1.145' (seribu seratus empat puluh "
                     "lima atau satu koma seratus empat puluh lima).",
            dinyatakan=" / ".join(x.nilai.teks for x, _ in contoh), tingkat=INFO,
            saran="Gunakan satu notasi: koma untuk desimal dan titik untuk ribuan (34,67; 1.264.373).",
        ))


def _gaya_notasi(teks: str) -> tuple[str, str] | None:
    """(decimal separator, grouping separator) a number's text shows ("" when it shows none); None
    when it shows nothing decidable ("2.222": grouping or decimal)."""
    m = TOKEN.search(teks)
    if m is None:
        return None
    tok = m.group(0).rstrip(".,")
    titik, koma = tok.count("."), tok.count(",")
    if titik and koma:
        des = "." if tok.rfind(".") > tok.rfind(",") else ","
        return des, ("," if des == "." else ".")
    sep = "." if titik else ("," if koma else "")
    if not sep:
        return "", ""
    n = titik or koma
    if n > 1:
        return "", sep
    akhir = tok.split(sep)[1]
    if len(akhir) == 3:
        return None  # ambiguous by itself
    return sep, ""


# -- the data sheets -------------------------------------------------------------------------------


def cek_kumulatif_menurun(au: Audit) -> None:
    """A kumulatif realisasi to date must not decrease; a yearly count must not be negative."""
    for ind in au.data.indikator:
        if ind.tipe != "kumulatif":
            continue
        rows = au.data.realisasi_indikator(ind.kode)
        neg = [r for r in rows if r.jumlah.angka is not None and r.jumlah.angka < 0]
        for r in neg:
            au.tambah(Temuan(
                kategori="kumulatif_menurun", sheet=SHEET_REALISASI, sel=r.jumlah.sel,
                uraian=f"Hitungan {ind.kode} ({ind.nama}) tahun {r.tahun} negatif: indikator Kumulatif "
                       "dijumlahkan per tahun, jadi realisasi s/d tahun itu menurun.",
                dinyatakan=r.jumlah.teks, tingkat=PERINGATAN,
                saran="Periksa hitungan; bila nilainya memang bisa turun, ubah Tipe Penghitungan menjadi "
                      "Non Kumulatif."))
        seri = [r for r in rows if r.jumlah.angka is None and r.realisasi.angka is not None]
        if len(seri) < 2 or any(r.jumlah.angka is not None for r in rows):
            continue
        turun = seri_menurun([penuh(r.realisasi, ind.satuan) for r in seri])
        if not turun:
            continue
        jalur = " -> ".join(f"{r.realisasi.teks} ({r.tahun})" for r in seri)
        tahun_turun = ", ".join(str(seri[i].tahun) for i in turun)
        au.tambah(Temuan(
            kategori="kumulatif_menurun", sheet=SHEET_REALISASI, sel=_rentang_sel([r.realisasi.sel for r in seri]),
            uraian=f"{ind.kode} ({ind.nama}) bertipe Kumulatif (sheet {SHEET_INDIKATOR} baris {ind.lokasi.baris}), "
                   f"jadi realisasinya nilai s/d tahun yang tidak boleh turun, tetapi menurun pada {tahun_turun}: "
                   f"{jalur}. Angka ini tampak nilai per tahun (tingkat/stok), bukan jumlah kumulatif.",
            dinyatakan=" -> ".join(r.realisasi.teks for r in seri), tingkat=PERINGATAN,
            saran="Bila angka ini nilai tahunan, ubah Tipe Penghitungan menjadi Non Kumulatif; bila kumulatif, "
                  "isi hitungan per tahun di kolom Jumlah."))


def _rentang_sel(sel: list[str]) -> str:
    sel = [s for s in sel if s]
    if not sel:
        return ""
    if len(sel) == 1:
        return sel[0]
    rc = [parse_ref(s) for s in sel]
    kol = {c for _, c in rc}
    baris = sorted(r for r, _ in rc)
    if len(kol) == 1 and baris == list(range(baris[0], baris[0] + len(baris))):
        return f"{sel[0]}:{sel[-1]}"
    return ", ".join(sel)


def cek_realisasi_data(au: Audit) -> None:
    """A Realisasi typed beside counts (Jumlah) must be what the counts give."""
    for ind in au.data.indikator:
        h = au.hi.get(ind.kode)
        if h is None:
            continue
        for t, nt in sorted(h.per_tahun.items()):
            b = nt.baris
            if b is None or not nt.dari_komponen or b.realisasi.angka is None:
                continue
            exact = au.realisasi_exact(ind, nt)
            if not isinstance(exact, Decimal):
                continue
            satuan = ind.satuan if ind.penyebut is None else ""
            if b.realisasi.nilai == exact and not pangkat_satuan(satuan):
                # typed as the counts give it: printed in its own unit, it is `exact` at the decimals it
                # was typed with (banding SAMA, whatever the text); the reading below costs ~5 us a row
                continue
            c = cetak(b.realisasi, satuan)
            if c is None or banding(c, exact, au.k.pembulatan) != BEDA:
                continue
            au.tambah(Temuan(
                kategori="realisasi_komponen", sheet=SHEET_REALISASI, sel=b.realisasi.sel,
                uraian=f"Realisasi {ind.kode} ({ind.nama}) tahun {t} diketik {b.realisasi.teks}, tetapi kolom "
                       f"Jumlah memberi {au.rumus_realisasi(ind, nt)}. lakip_xl memakai hitungan dari kolom "
                       "Jumlah; angka yang diketik menyesatkan pembaca sheet ini.",
                dinyatakan=b.realisasi.teks, seharusnya=fmt_c(c, exact),
                selisih=selisih_teks(c, exact, c.desimal), tingkat=GALAT,
                saran="Kosongkan sel Realisasi (dihitung dari Jumlah) atau perbaiki hitungannya."))


def cek_skala(au: Audit) -> None:
    """The seed prints its 5-level scale as "Sangat Baik > 90" and "Baik 75.00 - 89.99": 90,00 itself
    belongs to no tier. lakip_xl puts it in Baik; the report should say so (domain.md section 2b)."""
    peng = au.data.pengaturan
    for medan in ("skala_sasaran", "skala_predikat"):
        if ALIAS_SKALA.get(getattr(au.k, medan), getattr(au.k, medan)) != "depok2020":
            continue
        au.tambah(Temuan(
            kategori="skala_predikat", sheet=SHEET_PENGATURAN, sel=peng.lokasi.get(medan, ""),
            uraian="Skala predikat depok2020 seperti tercetak di LAKIP ('Sangat Baik > 90', 'Baik 75.00 - "
                   "89.99') tidak menempatkan capaian 90,00 (juga 89,991 s/d 89,999) pada tingkat mana pun. "
                   "lakip_xl memasukkan 90,00 ke 'Baik' (Sangat Baik hanya di atas 90,00).",
            dinyatakan="> 90 / 75.00 - 89.99", seharusnya="Baik: 75,00 - 90,00; Sangat Baik: > 90,00",
            tingkat=INFO,
            saran="Tulis batas setiap tingkat tanpa celah di laporan, misalnya 'Baik 75,00 - 90,00' dan "
                  "'Sangat Baik > 90,00'."))
        break

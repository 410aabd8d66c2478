"""Checks of the figures derived from an indicator's target and realisasi: capaian (of the year and
against the Renstra target; a letter grade's capaian is a policy question), the Ket sentence and the
predikat. A derived figure that follows from a flagged input printed beside it is folded into that
input's finding ("one cause, one finding")."""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.aturan.angka import format_angka, pangkat_kata
from lakip_xl.aturan.capaian import DESIMAL_MAKS, capaian, skala_nilai_dari
from lakip_xl.aturan.nilai import NA, Rentang
from lakip_xl.aturan.predikat import KET_BELUM, KET_MELAMPAUI, KET_MENCAPAI, KET_NA, keterangan, predikat, skala_dari
from lakip_xl.laporan.periksa.konteks import Audit
from lakip_xl.laporan.periksa.sasaran import cek_capaian_sasaran
from lakip_xl.laporan.periksa.temuan import INFO, PERINGATAN
from lakip_xl.laporan.periksa.tercetak import (
    BEDA,
    CARA_TEKS,
    LAIN,
    PEMBULATAN,
    SAMA,
    Cetak,
    banding,
    cetak,
    fmt,
    label_satuan,
    penuh,
    rapat,
    selisih_teks,
    teks_angka,
    teks_nilai,
)
from lakip_xl.sumber.model import SHEET_PENGATURAN, Dilaporkan, Indikator, Isian

_KET_BAKU = (KET_MELAMPAUI, KET_MENCAPAI, KET_BELUM, KET_NA)
_KOSONG = {"", "-", "--", "\u2013", "\u2014", "n/a", "na"}


def _exact_capaian(target, realisasi, ind: Indikator, k, **ubah) -> Decimal | NA:
    """Capaian under the workbook's policies, to 10 decimals (DESIMAL_MAKS) so that it can be rounded
    again to whatever the report printed without a visible double rounding."""
    kw = {**k.kwargs_capaian(), "desimal": DESIMAL_MAKS, "pembulatan": "half_up", **ubah}
    return capaian(target, realisasi, ind.polaritas, k.metode_negatif, skala_nilai=ind.skala_nilai, **kw)


def _tanpa_batas(target, realisasi, ind: Indikator, k, exact) -> tuple[Decimal | None, str]:
    """The formula's figure without the workbook's bounds, and which bound moved it ("Batas Bawah
    Capaian = 0"), when a bound did; (None, "") otherwise."""
    if k.batas_atas is None and k.batas_bawah is None:
        return None, ""
    try:
        bebas = _exact_capaian(target, realisasi, ind, k, batas_atas=None, batas_bawah=None)
    except Exception:  # noqa: BLE001 - the bounded figure was computable, so this is too; never raise here
        return None, ""
    if not isinstance(bebas, Decimal) or not isinstance(exact, Decimal) or bebas == exact:
        return None, ""
    if k.batas_bawah is not None and bebas < k.batas_bawah:
        return bebas, f"Batas Bawah Capaian = {format_angka(k.batas_bawah)}"
    return bebas, f"Batas Atas Capaian = {format_angka(k.batas_atas)}"


def _rumus(ind: Indikator, k, target, realisasi) -> str:
    """The capaian formula with its figures, for a sentence: "0,10 / 0,14 x 100"."""
    t, r = _teks_data(ind, target), _teks_data(ind, realisasi)
    if ind.polaritas == "negatif":
        if k.metode_negatif == "rasio":
            return f"target / realisasi x 100 = {t} / {r} x 100"
        return f"(2 x target - realisasi) / target x 100 = (2 x {t} - {r}) / {t} x 100"
    if isinstance(target, Rentang):
        return f"realisasi terhadap rentang target {t} (realisasi {r})"
    return f"realisasi / target x 100 = {r} / {t} x 100"


def _teks_data(ind: Indikator, x) -> str:
    """A data figure for a sentence, in the indicator's magnitude when it has one ("128 M")."""
    if isinstance(x, Isian):
        x = penuh(x, ind.satuan) if isinstance(x.nilai, Decimal) else x.nilai
    if isinstance(x, Decimal):
        label = label_satuan(ind.satuan)
        if label and abs(x) >= Decimal(10) ** pangkat_kata(label):
            return format_angka(x, satuan=label)
        return format_angka(x)
    return teks_nilai(x)


# -- capaian ---------------------------------------------------------------------------------------


def _masukan_cetak(au: Audit, d: Dilaporkan, ind: Indikator, b_target: str, b_real: str, tahun: bool = True):
    """The target and realisasi the same table prints beside a derived figure, as values for
    `capaian` (full numbers or grades); None when either is missing."""
    td, rd = au.cari(d, b_target, tahun=tahun), au.cari(d, b_real, tahun=tahun)
    if td is None or rd is None:
        return None
    vals = []
    for x in (td, rd):
        if isinstance(x.nilai.nilai, Decimal):
            c = cetak(x.nilai, au.satuan(x))
            vals.append(c.nilai if c else None)
        else:
            vals.append(x.nilai.nilai)
    if any(v is None for v in vals):
        return None
    return td, rd, vals[0], vals[1]


def _lipat(au: Audit, d: Dilaporkan, c: Cetak, ind: Indikator, b_target: str, b_real: str,
           data_teks: str, tahun: bool = True) -> bool:
    """True when the printed capaian follows from the target and realisasi printed beside it and one
    of those is already flagged: the finding is there (it gets a sentence naming this cell)."""
    m = _masukan_cetak(au, d, ind, b_target, b_real, tahun)
    if m is None:
        return False
    td, rd, t, r = m
    salah = [x for x in (td, rd) if au.temuan_di(x) is not None]
    if not salah:
        return False
    try:
        x = _exact_capaian(t, r, ind, au.k)
    except Exception:  # noqa: BLE001 - a printed text the rule cannot read: not foldable
        return False
    if isinstance(x, NA) or banding(c, x, au.k.pembulatan) == BEDA:
        return False
    for s in salah:
        au.tambah_uraian(s, f"Capaian {d.nilai.teks} di tabel yang sama (sel {d.nilai.sel}) dihitung dari "
                            f"angka ini; dengan angka data kerja capaiannya {data_teks}.")
    return True


def _cek_capaian_nilai(au: Audit, d: Dilaporkan, ind: Indikator, target, realisasi, exact: Decimal | NA,
                       kategori: str, apa: str, b_target: str, b_real: str, tahun_masukan: bool,
                       catatan: str = "", realisasi_mentah=None) -> None:
    c = cetak(d.nilai)
    if c is None:
        au.lewati(d, "bukan angka")
        return
    if isinstance(exact, NA):
        au.lewati(d, f"capaian {d.kode} tidak dapat dihitung dari data kerja ({exact.alasan})")
        return
    k = au.k
    hasil = banding(c, exact, k.pembulatan)
    if hasil == SAMA:
        return
    des = max(c.desimal, k.desimal)
    nama = f"{apa} {ind.nama}" + (f" tahun {d.tahun}" if d.tahun and kategori == "capaian" else "")
    rumus = _rumus(ind, k, target, realisasi)
    huruf = ind.polaritas == "huruf" or isinstance(target, str)
    if huruf:
        _info_huruf(au, d, c, ind, target, realisasi, exact, kategori, nama, b_target, b_real, tahun_masukan)
        return
    if hasil == PEMBULATAN:
        au.temuan_dilaporkan(
            d, "pembulatan",
            f"{nama} tertulis {c.teks}: {rumus} = {teks_angka(exact, 4)}, {CARA_TEKS[k.pembulatan]} ke "
            f"{c.desimal} desimal menjadi {fmt(exact, c.desimal, cara=k.pembulatan)}; angka laporan "
            f"{CARA_TEKS[LAIN[k.pembulatan]]} ({fmt(exact, c.desimal, cara=LAIN[k.pembulatan])}).",
            seharusnya=fmt(exact, c.desimal, persen=c.persen, cara=k.pembulatan),
            selisih=selisih_teks(c, exact, c.desimal, k.pembulatan), tingkat=PERINGATAN,
            saran=f"Gunakan satu cara pembulatan di seluruh laporan (Pengaturan: Pembulatan = "
                  f"{'Normal (ROUND)' if k.pembulatan == 'half_up' else 'Potong (TRUNC)'}).")
        return
    data_teks = fmt(exact, des, persen=c.persen)
    bebas, batas = _tanpa_batas(target, realisasi, ind, k, exact)
    if bebas is not None and banding(c, bebas, k.pembulatan) != BEDA:
        # the report prints the formula's own figure; the workbook's bound moves it (issue 12)
        au.temuan_dilaporkan(
            d, "batas_capaian",
            f"{nama} tertulis {c.teks}, sama dengan {rumus} = {fmt(bebas, des)} tanpa batas; Pengaturan "
            f"{batas} membuatnya {data_teks}.", seharusnya=data_teks, selisih=selisih_teks(c, exact, des),
            tingkat=PERINGATAN,
            saran=f"Tetapkan apakah capaian dibatasi (sheet {SHEET_PENGATURAN}: {batas.split(' = ')[0]}; "
                  "isi 'tanpa' untuk tanpa batas), lalu terapkan sama di seluruh laporan.")
        return
    if _lipat(au, d, c, ind, b_target, b_real, data_teks, tahun_masukan):
        return
    kal = [f"{nama} tertulis {c.teks}, tetapi {rumus} = {data_teks}."]
    if bebas is not None:
        kal[0] = f"{nama} tertulis {c.teks}, tetapi {rumus} = {fmt(bebas, des)}, menjadi {data_teks} oleh {batas}."
    if catatan:
        kal.append(catatan)
    if realisasi_mentah is not None:
        # the realisasi from counts, unrounded: another rule some reports use
        try:
            mentah = _exact_capaian(target, realisasi_mentah, ind, k)
        except Exception:  # noqa: BLE001
            mentah = NA()
        if isinstance(mentah, Decimal) and banding(c, mentah, k.pembulatan) != BEDA:
            au.temuan_dilaporkan(
                d, "pembulatan",
                " ".join(kal) + f" Angka laporan mengikuti realisasi yang tidak dibulatkan "
                f"({teks_angka(realisasi_mentah, 4)}): {fmt(mentah, des)}. Pengaturan Desimal Realisasi = "
                f"{k.desimal_realisasi} membulatkan realisasi lebih dulu.",
                seharusnya=data_teks, selisih=selisih_teks(c, exact, des), tingkat=PERINGATAN,
                saran="Tetapkan apakah capaian dihitung dari realisasi yang dibulatkan, lalu terapkan sama di "
                      "seluruh laporan.")
            return
        if isinstance(mentah, Decimal):
            kal.append(f"Dengan realisasi yang tidak dibulatkan ({teks_angka(realisasi_mentah, 4)}) capaiannya "
                       f"{fmt(mentah, des)}; tidak ada aturan yang memberi {c.teks}.")
    m = _masukan_cetak(au, d, ind, b_target, b_real, tahun_masukan)
    if m is not None:
        td, rd, t, r = m
        try:
            dari_cetak = _exact_capaian(t, r, ind, k)
        except Exception:  # noqa: BLE001
            dari_cetak = NA()
        if isinstance(dari_cetak, Decimal) and banding(c, dari_cetak, k.pembulatan) == BEDA \
                and au.temuan_di(td) is None and au.temuan_di(rd) is None:
            kal.append(f"Target {td.nilai.teks} dan realisasi {rd.nilai.teks} yang tertulis di tabel yang sama "
                       f"juga memberi {fmt(dari_cetak, des)}.")
    au.temuan_dilaporkan(
        d, kategori, " ".join(kal), seharusnya=data_teks, selisih=selisih_teks(c, exact, des),
        saran="Hitung ulang capaian dari target dan realisasi (lakip_xl menuliskannya di sheet ringkasan).")


def _info_huruf(au: Audit, d, c: Cetak, ind: Indikator, target, realisasi, exact, kategori, nama,
                b_target, b_real, tahun_masukan) -> None:
    """Capaian of a letter grade: the rule is the agency's choice. Report what each rule gives."""
    k = au.k
    skala = skala_nilai_dari(ind.skala_nilai or "akip")
    daftar = ", ".join(f"{h}={format_angka(s)}" for h, s in skala.nilai)
    try:
        ordinal = _exact_capaian(target, realisasi, ind, k, batas_atas=None, batas_bawah=None)
        batas100 = _exact_capaian(target, realisasi, ind, k, batas_atas=Decimal(100), batas_bawah=None)
    except Exception:  # noqa: BLE001 - a grade outside the scale: the text says so
        au.lewati(d, f"nilai huruf {target} / {realisasi} tidak ada pada skala {skala.nama}")
        return
    des = max(c.desimal, k.desimal)
    if isinstance(ordinal, NA) or isinstance(batas100, NA):
        return
    aturan = [f"skor ordinal ({daftar}): {realisasi} / {target} x 100 = {fmt(ordinal, des)}",
              f"skor ordinal dengan batas atas 100 (target terlampaui dihitung 100%): {fmt(batas100, des)}"]
    cocok = []
    if banding(c, ordinal, k.pembulatan) != BEDA:
        cocok.append("skor ordinal")
    if banding(c, batas100, k.pembulatan) != BEDA:
        cocok.append("batas atas 100")
    if cocok:
        kesimpulan = f"Angka laporan sama dengan aturan {' dan '.join(cocok)}."
    else:
        kesimpulan = "Angka laporan tidak sama dengan kedua aturan itu (memakai skor lain)."
    au.temuan_dilaporkan(
        d, "capaian_huruf",
        f"{nama} tertulis {c.teks} untuk target {target} dan realisasi {realisasi} (nilai huruf). Capaian nilai "
        f"huruf adalah pilihan kebijakan: {'; '.join(aturan)}. {kesimpulan} Aturan buku kerja ini memberi "
        f"{fmt(exact, des)}.",
        seharusnya=fmt(exact, des, persen=c.persen), selisih=selisih_teks(c, exact, des), tingkat=INFO,
        saran="Tetapkan satu aturan capaian nilai huruf untuk seluruh laporan (misalnya Batas Atas Capaian = 100 "
              f"di sheet {SHEET_PENGATURAN}) dan tuliskan aturannya di BAB III.")


def cek_capaian(au: Audit, d: Dilaporkan) -> None:
    if d.kode in au.sas and d.kode not in au.ind:
        cek_capaian_sasaran(au, d)
        return
    ind = au.indikator(d)
    if ind is None:
        return
    nt = au.nilai_tahun(d)
    if nt is None:
        au.lewati(d, f"data kerja tidak memuat baris {d.kode} tahun {d.tahun}")
        return
    try:
        exact = _exact_capaian(nt.target, nt.realisasi, ind, au.k)
    except Exception as e:  # noqa: BLE001 - reported, never a traceback
        au.lewati(d, f"capaian tidak dapat dihitung ({e})")
        return
    catatan = ""
    mentah = None
    if nt.dari_komponen:
        mentah = au.realisasi_exact(ind, nt)
        catatan = (f"Realisasi {fmt(nt.realisasi, au.k.desimal_realisasi)} berasal dari "
                   f"{au.rumus_realisasi(ind, nt)}, dibulatkan {au.k.desimal_realisasi} desimal "
                   "(Pengaturan: Desimal Realisasi).")
        if mentah == nt.realisasi:
            mentah = None
    _cek_capaian_nilai(au, d, ind, nt.target, nt.realisasi, exact, "capaian", "Capaian", "target",
                       "realisasi", True, catatan, mentah)


def cek_capaian_renstra(au: Audit, d: Dilaporkan) -> None:
    ind = au.indikator(d)
    if ind is None:
        return
    h = au.hi[ind.kode]
    lap = h.laporan
    r = lap.realisasi if lap else None
    try:
        exact = _exact_capaian(h.target_renstra, r, ind, au.k)
    except Exception as e:  # noqa: BLE001
        au.lewati(d, f"capaian Renstra tidak dapat dihitung ({e})")
        return
    _cek_capaian_nilai(au, d, ind, h.target_renstra, r, exact, "capaian_renstra", "Capaian Renstra",
                       "target_renstra", "realisasi_sd", False)


# -- Ket and predikat ------------------------------------------------------------------------------


def _capaian_data(au: Audit, d: Dilaporkan) -> tuple[Decimal | NA | None, str]:
    """The data capaian behind a Ket/predikat row, and the scale to rate it on."""
    if d.kode in au.sas and d.kode not in au.ind:
        s = au.sas[d.kode]
        return s.capaian, au.k.skala_sasaran
    nt = au.nilai_tahun(d)
    return (nt.capaian if nt else None), au.k.skala_predikat


def _lipat_turunan(au: Audit, d: Dilaporkan, hitung_dari, stated_sama) -> bool:
    """A Ket/predikat that follows from the capaian printed beside it, which has a finding."""
    cd = au.cari(d, "capaian") or au.cari(d, "capaian_sasaran")
    if cd is None or au.temuan_di(cd) is None or not isinstance(cd.nilai.nilai, Decimal):
        return False
    if stated_sama(hitung_dari(cd.nilai.nilai)):
        au.tambah_uraian(cd, f"{d.besaran.capitalize()} '{d.nilai.teks}' di tabel yang sama (sel {d.nilai.sel}) "
                             "mengikuti angka ini.")
        return True
    return False


def cek_keterangan(au: Audit, d: Dilaporkan) -> None:
    teks = d.nilai.teks.strip()
    if teks.lower() in _KOSONG:
        return
    baku = next((x for x in _KET_BAKU if rapat(x) == rapat(teks)), None)
    if baku is None:
        au.lewati(d, "bukan salah satu kalimat Ket baku ('" + "', '".join(_KET_BAKU[:3]) + "')")
        return
    cap, _ = _capaian_data(au, d)
    if cap is None:
        au.lewati(d, f"data kerja tidak memuat capaian {d.kode} tahun {d.tahun}")
        return
    benar = keterangan(cap)
    if benar == baku:
        return
    if _lipat_turunan(au, d, keterangan, lambda x: x == baku):
        return
    ind = au.ind.get(d.kode)
    au.temuan_dilaporkan(
        d, "keterangan", f"Ket {ind.nama if ind else d.kode} tahun {d.tahun} tertulis '{teks}', tetapi capaian "
        f"{teks_nilai(cap)} memberi '{benar}' (> 100: melampaui; = 100: mencapai; < 100: perlu upaya).",
        seharusnya=benar, saran="Samakan Ket dengan capaian.")


def cek_predikat(au: Audit, d: Dilaporkan) -> None:
    teks = d.nilai.teks.strip()
    if teks.lower() in _KOSONG:
        return
    cap, nama_skala = _capaian_data(au, d)
    if cap is None:
        au.lewati(d, f"data kerja tidak memuat capaian {d.kode} tahun {d.tahun}")
        return
    skala = skala_dari(nama_skala)
    if not any(rapat(t.label) == rapat(teks) for t in skala.tingkat):
        au.lewati(d, f"'{teks}' bukan predikat skala {skala.nama} ("
                     + ", ".join(t.label for t in skala.tingkat) + ")")
        return
    benar = predikat(cap, skala).label
    if rapat(benar) == rapat(teks):
        return
    if _lipat_turunan(au, d, lambda x: predikat(x, skala).label, lambda x: rapat(x) == rapat(teks)):
        return
    au.temuan_dilaporkan(
        d, "predikat", f"Predikat {d.kode} tertulis '{teks}', tetapi capaian {teks_nilai(cap)} pada skala "
        f"'{skala.judul}' memberi '{benar}'.", seharusnya=benar,
        saran="Samakan predikat dengan capaian dan skala yang dipakai (sheet Skala).")

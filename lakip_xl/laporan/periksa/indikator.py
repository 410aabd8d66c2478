"""Checks of an indicator's stated figures: target, realisasi (s/d), target Renstra, counts (jumlah per
year and to date), penyebut and satuan; each compares the printed figure with the data at the precision
it was printed with (`tercetak`), and records the finding on the audit (`konteks.Audit`)."""

from __future__ import annotations

from decimal import Decimal, localcontext

from lakip_xl.aturan.angka import format_angka
from lakip_xl.aturan.kumulatif import realisasi_sampai
from lakip_xl.aturan.nilai import NA, Rentang, bulatkan
from lakip_xl.laporan.periksa.konteks import Audit, label_tabel
from lakip_xl.laporan.periksa.temuan import PERINGATAN
from lakip_xl.laporan.periksa.tercetak import (
    BEDA,
    CARA_TEKS,
    LAIN,
    PEMBULATAN,
    SAMA,
    banding,
    beda_teks,
    cetak,
    desimal_teks,
    fmt_c,
    huruf_sama,
    pangkat_teks,
    penuh,
    selisih_teks,
    teks_angka,
    teks_nilai,
)
from lakip_xl.sumber.model import SHEET_INDIKATOR, SHEET_REALISASI, Dilaporkan, Indikator


def _bandingkan_nilai(au: Audit, d: Dilaporkan, ind: Indikator, data_nilai, kategori: str, apa: str,
                      rumus: str = "") -> str | None:
    """Printed figure vs a data figure (full number, grade or range). Returns the outcome (SAMA,
    PEMBULATAN, BEDA) or None when not comparable; records the finding."""
    nama = f"{apa} {ind.nama}" + (f" tahun {d.tahun}" if d.tahun else "")
    if isinstance(data_nilai, str) or isinstance(d.nilai.nilai, str):
        if not isinstance(data_nilai, str) or not isinstance(d.nilai.nilai, str):
            au.temuan_dilaporkan(
                d, kategori, f"{nama} tertulis '{d.nilai.teks}', sedangkan data kerja berisi "
                f"'{teks_nilai(data_nilai)}'.", seharusnya=teks_nilai(data_nilai),
                saran="Samakan angka laporan dengan data kerja (atau perbaiki data kerja bila laporan yang benar).")
            return BEDA
        if huruf_sama(data_nilai, d.nilai.nilai):
            return SAMA
        au.temuan_dilaporkan(
            d, kategori, f"{nama} tertulis '{d.nilai.teks}', sedangkan data kerja berisi '{data_nilai}'.",
            seharusnya=data_nilai, saran="Samakan nilai huruf laporan dengan data kerja.")
        return BEDA
    if isinstance(data_nilai, Rentang) or isinstance(d.nilai.nilai, Rentang):
        if data_nilai == d.nilai.nilai:
            return SAMA
        au.temuan_dilaporkan(d, kategori, f"{nama} tertulis '{d.nilai.teks}', sedangkan data kerja berisi "
                             f"'{teks_nilai(data_nilai)}'.", seharusnya=teks_nilai(data_nilai))
        return BEDA
    c = cetak(d.nilai, au.satuan(d))
    if c is None or not isinstance(data_nilai, Decimal):
        au.lewati(d, "bukan angka" if c is None else f"data kerja berisi '{teks_nilai(data_nilai)}'")
        return None
    hasil = banding(c, data_nilai, au.k.pembulatan)
    if hasil == SAMA:
        return SAMA
    unit = f" (dalam {c.label})" if c.label and not pangkat_teks(c.teks)[0] else ""
    dasar = f" ({rumus})" if rumus else ""
    if hasil == PEMBULATAN:
        au.temuan_dilaporkan(
            d, "pembulatan",
            f"{nama} tertulis {c.teks}{unit}; data kerja memberi {fmt_c(c, data_nilai, 4)}{dasar}, yang "
            f"{CARA_TEKS[au.k.pembulatan]} ke {c.desimal} desimal menjadi "
            f"{fmt_c(c, data_nilai, cara=au.k.pembulatan)}. Angka laporan "
            f"{CARA_TEKS[LAIN[au.k.pembulatan]]}.",
            seharusnya=fmt_c(c, data_nilai, cara=au.k.pembulatan),
            selisih=selisih_teks(c, data_nilai, c.desimal, au.k.pembulatan), tingkat=PERINGATAN,
            saran=f"Gunakan satu cara pembulatan di seluruh laporan (Pengaturan: Pembulatan = "
                  f"{'Normal (ROUND)' if au.k.pembulatan == 'half_up' else 'Potong (TRUNC)'}).")
        return PEMBULATAN
    au.temuan_dilaporkan(
        d, kategori,
        f"{nama} tertulis {c.teks}{unit}, tetapi data kerja memberi {fmt_c(c, data_nilai)}{dasar}.",
        seharusnya=fmt_c(c, data_nilai), selisih=selisih_teks(c, data_nilai, c.desimal),
        saran="Perbaiki angka di laporan (atau data kerja, bila laporan yang benar).")
    return BEDA


# -- target / realisasi ----------------------------------------------------------------------------


def cek_target(au: Audit, d: Dilaporkan) -> None:
    ind = au.indikator(d)
    if ind is None:
        return
    nt = au.nilai_tahun(d)
    if nt is None or nt.baris is None or nt.baris.target.kosong:
        au.lewati(d, f"data kerja tidak memuat target {d.kode} tahun {d.tahun}")
        return
    v = nt.baris.target
    data_nilai = penuh(v, ind.satuan) if isinstance(v.nilai, Decimal) else v.nilai
    _bandingkan_nilai(au, d, ind, data_nilai, "target", "Target")


def cek_realisasi(au: Audit, d: Dilaporkan) -> None:
    ind = au.indikator(d)
    if ind is None:
        return
    nt = au.nilai_tahun(d)
    if nt is None:
        au.lewati(d, f"data kerja tidak memuat realisasi {d.kode} tahun {d.tahun}")
        return
    exact = au.realisasi_exact(ind, nt)
    if exact is None:
        au.lewati(d, f"realisasi {d.kode} tahun {d.tahun} tidak dapat dihitung dari data kerja")
        return
    apa = "Realisasi s/d" if d.besaran == "realisasi_sd" else "Realisasi"
    if nt.dari_komponen:
        r = au.rumus_realisasi(ind, nt)
        _bandingkan_nilai(au, d, ind, exact, "realisasi_komponen", apa,
                          rumus=f"dari kolom Jumlah sheet {SHEET_REALISASI}: {r}")
    else:
        _bandingkan_nilai(au, d, ind, exact, "realisasi", apa)


def cek_target_renstra(au: Audit, d: Dilaporkan) -> None:
    ind = au.indikator(d)
    if ind is None:
        return
    h = au.hi[ind.kode]
    t = h.target_renstra
    if isinstance(t, NA) or t is None:
        au.lewati(d, f"data kerja tidak memuat target Renstra {d.kode}")
        return
    if not h.target_renstra_dihitung and isinstance(ind.target_renstra.nilai, Decimal):
        t = penuh(ind.target_renstra, ind.satuan)
    rumus = "dihitung dari target tahunan" if h.target_renstra_dihitung else ""
    _bandingkan_nilai(au, d, ind, t, "target_renstra", "Target Renstra", rumus=rumus)


# -- counts ----------------------------------------------------------------------------------------


def _rincian(au: Audit, kode: str) -> dict[tuple[str, str], dict[int, Dilaporkan]]:
    """The yearly breakdowns the report states for an indicator, by (table, source)."""
    out: dict[tuple[str, str], dict[int, Dilaporkan]] = {}
    for x in au.dilaporkan:
        if x.besaran == "jumlah_tahun" and x.kode == kode and x.tahun is not None \
                and isinstance(x.nilai.nilai, Decimal):
            out.setdefault((x.tabel, x.sumber), {})[x.tahun] = x
    return out


def _teks_rincian(rincian: dict[int, Dilaporkan]) -> tuple[str, Decimal]:
    tahun = sorted(rincian)
    total = sum((rincian[t].nilai.nilai for t in tahun), Decimal(0))
    return " + ".join(f"{format_angka(rincian[t].nilai.nilai)} ({t})" for t in tahun), total


def cek_jumlah_tahun(au: Audit, d: Dilaporkan) -> None:
    ind = au.indikator(d)
    if ind is None:
        return
    if not isinstance(d.nilai.nilai, Decimal) or d.tahun is None:
        au.lewati(d, "bukan angka atau tahun kosong")
        return
    b = au.data.baris(d.kode, d.tahun)
    data_v = b.jumlah.angka if b is not None else None
    semua = _rincian(au, d.kode)
    milik = (d.tabel, d.sumber)
    lain = {g: r for g, r in semua.items() if g != milik}
    ini_teks, ini_total = _teks_rincian(semua.get(milik, {d.tahun: d}))
    if data_v is not None:
        if d.nilai.nilai == data_v:
            return
        kal = [f"Jumlah {ind.nama} tahun {d.tahun} tertulis {d.nilai.teks}, tetapi kolom Jumlah sheet "
               f"{SHEET_REALISASI} (sel {b.jumlah.sel}) berisi {format_angka(data_v)}."]
        for (tabel, sumber), r in lain.items():
            if d.tahun in r and r[d.tahun].nilai.nilai != d.nilai.nilai:
                lt, ltot = _teks_rincian(r)
                kal.append(f"Laporan memuat dua rincian per tahun yang berbeda: rincian ini {ini_teks} = "
                           f"{format_angka(ini_total)}; rincian lain ({label_tabel(tabel, sumber)}, sel "
                           f"{r[d.tahun].nilai.sel}) {lt} = {format_angka(ltot)}"
                           + (f"; keduanya berjumlah {format_angka(ltot)} tetapi berbeda untuk tahun {d.tahun}."
                              if ltot == ini_total else "."))
                break
        au.temuan_dilaporkan(
            d, "rincian", " ".join(kal), seharusnya=format_angka(data_v),
            selisih=beda_teks(d.nilai.nilai - data_v),
            saran="Gunakan satu rincian per tahun di seluruh laporan, sesuai data kerja.")
        return
    # no count in the data: the report's breakdowns against each other (reported on the later one)
    for (tabel, sumber), r in lain.items():
        x = r.get(d.tahun)
        if x is not None and x.nilai.nilai != d.nilai.nilai and x.lokasi.baris < d.lokasi.baris:
            lt, ltot = _teks_rincian(r)
            au.temuan_dilaporkan(
                d, "rincian",
                f"Jumlah {ind.nama} tahun {d.tahun} tertulis {d.nilai.teks}, sedangkan rincian lain di "
                f"laporan ({label_tabel(tabel, sumber)}, sel {x.nilai.sel}) menulis {x.nilai.teks} "
                f"({lt} = {format_angka(ltot)}; rincian ini {ini_teks} = {format_angka(ini_total)}). "
                "Data kerja tidak memuat hitungan tahun ini, jadi yang benar tidak dapat ditentukan.",
                saran=f"Isi kolom Jumlah sheet {SHEET_REALISASI} dan samakan kedua rincian.")
            return
    if not lain and data_v is None:
        au.lewati(d, f"data kerja tidak memuat hitungan (kolom Jumlah) {d.kode} tahun {d.tahun}")


def cek_jumlah(au: Audit, d: Dilaporkan) -> None:
    """A count to date: against the yearly counts (data, and the breakdown printed beside it), or,
    without counts in the data, count / denominator against the data's realisasi."""
    ind = au.indikator(d)
    if ind is None:
        return
    if not isinstance(d.nilai.nilai, Decimal) or d.tahun is None:
        au.lewati(d, "bukan angka atau tahun kosong")
        return
    nt = au.nilai_tahun(d)
    if nt is None:
        au.lewati(d, f"data kerja tidak memuat baris {d.kode} tahun {d.tahun}, jadi jumlah ini tidak dapat "
                     "dibandingkan dengan realisasi")
        return
    stated = d.nilai.nilai
    hs = au.hitungan(d.kode, d.tahun)
    if nt.dari_komponen and hs:
        total = realisasi_sampai([v for _, v in hs], ind.tipe).nilai
        if isinstance(total, NA) or stated == total:
            return
        bagian = " + ".join(format_angka(v) for _, v in hs)
        kal = [f"Jumlah {ind.nama} s/d {d.tahun} tertulis {d.nilai.teks}, padahal hitungan per tahun di "
               f"kolom Jumlah sheet {SHEET_REALISASI} ({', '.join(str(t) for t, _ in hs)}) adalah "
               f"{bagian} = {format_angka(total)}."]
        sendiri = {t: x for t, x in _rincian(au, d.kode).get((d.tabel, d.sumber), {}).items() if t <= d.tahun}
        if sendiri:
            st, stot = _teks_rincian(sendiri)
            if stot != stated:
                kal.append(f"Rincian per tahun yang ditulis di tempat yang sama ({st}) juga berjumlah "
                           f"{format_angka(stot)}.")
        if ind.penyebut:
            with localcontext() as ctx:
                ctx.prec = 40
                r_stated = stated * 100 / ind.penyebut
            rd = au.cari(d, "realisasi") or au.cari(d, "realisasi_sd")
            kal.append(f"Dengan {d.nilai.teks}, realisasi = {d.nilai.teks} / {format_angka(ind.penyebut)} x 100 = "
                       f"{teks_angka(r_stated, 4)}"
                       + (f", bukan {rd.nilai.teks} yang ditulis (sel {rd.nilai.sel})." if rd is not None
                          and isinstance(rd.nilai.nilai, Decimal)
                          and banding(cetak(rd.nilai), r_stated, au.k.pembulatan) == BEDA else "."))
        au.temuan_dilaporkan(d, "jumlah", " ".join(kal), seharusnya=format_angka(total),
                             selisih=beda_teks(stated - total),
                             saran="Perbaiki jumlah kumulatif agar sama dengan jumlah hitungan per tahun.")
        return
    # no counts: count / denominator (printed beside it, or the indicator's) against the realisasi
    pd = au.cari(d, "penyebut")
    peny = pd.nilai.nilai if pd is not None and isinstance(pd.nilai.nilai, Decimal) else ind.penyebut
    real = nt.baris.realisasi if nt.baris is not None else None
    if peny is None or not peny or real is None or real.angka is None:
        au.lewati(d, f"data kerja tidak memuat hitungan per tahun atau penyebut {d.kode}")
        return
    with localcontext() as ctx:
        ctx.prec = 40
        x = stated * 100 / peny
    des = desimal_teks(real.teks, real.angka)
    if bulatkan(x, des) == real.angka or bulatkan(x, des, "truncate") == real.angka:
        return
    au.temuan_dilaporkan(
        d, "realisasi_komponen",
        f"Jumlah {ind.nama} s/d {d.tahun} tertulis {d.nilai.teks}: {d.nilai.teks} / {format_angka(peny)} x 100 = "
        f"{teks_angka(x, 4)}, tidak sama dengan realisasi di data kerja {real.teks} (sheet {SHEET_REALISASI} "
        f"sel {real.sel}).", seharusnya="", saran="Periksa jumlah, penyebut, dan realisasi.")


def cek_penyebut(au: Audit, d: Dilaporkan) -> None:
    ind = au.indikator(d)
    if ind is None or not isinstance(d.nilai.nilai, Decimal):
        return
    if ind.penyebut is None:
        if au.cari(d, "jumlah") is None:
            au.lewati(d, f"indikator {d.kode} tidak berpenyebut di sheet {SHEET_INDIKATOR}")
        return
    if d.nilai.nilai == ind.penyebut:
        return
    au.temuan_dilaporkan(
        d, "penyebut", f"Penyebut {ind.nama} tertulis {d.nilai.teks}, sedangkan kolom Penyebut sheet "
        f"{SHEET_INDIKATOR} (baris {ind.lokasi.baris}) berisi {format_angka(ind.penyebut)}.",
        seharusnya=format_angka(ind.penyebut), selisih=beda_teks(d.nilai.nilai - ind.penyebut),
        saran="Samakan penyebut di laporan dengan data kerja.")


def cek_satuan(au: Audit, d: Dilaporkan) -> None:
    ind = au.indikator(d)
    if ind is None:
        return
    a, b = d.nilai.teks.strip(), (ind.satuan or "").strip()
    if not a or not b:
        return
    norm = {"persen": "%", "prosen": "%", "miliar": "m", "milyar": "m", "juta": "jt", "ribu": "rb"}
    if norm.get(a.lower(), a.lower()) == norm.get(b.lower(), b.lower()):
        return
    au.temuan_dilaporkan(
        d, "satuan", f"Satuan {ind.nama} tertulis '{a}', sedangkan sheet {SHEET_INDIKATOR} menulis '{b}'.",
        seharusnya=b, tingkat=PERINGATAN,
        saran="Samakan satuan; angka tanpa satuan besaran dibaca dalam satuan yang tertulis di tabel.")

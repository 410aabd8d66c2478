"""Checks of a sasaran's stated figures: its capaian, the mean of its indicators' capaian (weighted by
Bobot when filled; seed BAB III.A). The Ket and predikat of a sasaran code are checked in `capaian`."""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.aturan.angka import format_angka
from lakip_xl.aturan.capaian import DESIMAL_MAKS
from lakip_xl.aturan.nilai import NA
from lakip_xl.aturan.sasaran import capaian_sasaran
from lakip_xl.laporan.periksa.konteks import Audit
from lakip_xl.laporan.periksa.temuan import PERINGATAN
from lakip_xl.laporan.periksa.tercetak import (
    BEDA,
    CARA_TEKS,
    LAIN,
    PEMBULATAN,
    SAMA,
    banding,
    cetak,
    fmt,
    selisih_teks,
    teks_angka,
    teks_nilai,
)
from lakip_xl.sumber.model import SHEET_INDIKATOR, Dilaporkan


def cek_capaian_sasaran(au: Audit, d: Dilaporkan) -> None:
    s = au.sas.get(d.kode)
    c = cetak(d.nilai)
    if s is None:
        au.lewati(d, f"kode sasaran '{d.kode}' tidak ada di sheet {SHEET_INDIKATOR}")
        return
    if c is None:
        au.lewati(d, "bukan angka")
        return
    k = au.k
    if d.tahun not in (None, au.tahun):
        caps = [h.per_tahun[d.tahun].capaian if d.tahun in h.per_tahun else None for h in s.indikator]
    else:
        caps = [h.capaian for h in s.indikator]
    bobot = [h.indikator.bobot for h in s.indikator]
    exact = capaian_sasaran(caps, bobot if any(b is not None for b in bobot) else None, desimal=DESIMAL_MAKS,
                            batas_atas=k.batas_atas_sasaran)
    if isinstance(exact, NA):
        au.lewati(d, f"capaian sasaran {d.kode} tidak dapat dihitung ({exact.alasan})")
        return
    hasil = banding(c, exact, k.pembulatan)
    if hasil == SAMA:
        return
    des = max(c.desimal, k.desimal)
    bagian = " + ".join(teks_nilai(x) for x in caps)
    nama = f"Capaian sasaran {s.kode} ({s.nama})"
    if hasil == PEMBULATAN:
        au.temuan_dilaporkan(
            d, "pembulatan", f"{nama} tertulis {c.teks}: rata-rata capaian indikator ({bagian}) = "
            f"{teks_angka(exact, 4)}; angka laporan {CARA_TEKS[LAIN[k.pembulatan]]}.",
            seharusnya=fmt(exact, c.desimal, persen=c.persen, cara=k.pembulatan),
            selisih=selisih_teks(c, exact, c.desimal, k.pembulatan), tingkat=PERINGATAN,
            saran="Gunakan satu cara pembulatan di seluruh laporan.")
        return
    kal = [f"{nama} tertulis {c.teks}, tetapi rata-rata capaian indikatornya ({bagian}) = "
           f"{fmt(exact, des)}."]
    if k.batas_atas_sasaran is not None:
        bebas = capaian_sasaran(caps, bobot if any(b is not None for b in bobot) else None, desimal=DESIMAL_MAKS)
        if isinstance(bebas, Decimal) and bebas != exact and banding(c, bebas, k.pembulatan) != BEDA:
            # the report averages without the workbook's cap: a policy difference, said as such
            au.temuan_dilaporkan(
                d, "batas_capaian", f"{nama} tertulis {c.teks}, rata-rata capaian indikatornya ({bagian}) tanpa "
                f"batas; dengan tiap capaian dibatasi {format_angka(k.batas_atas_sasaran)} (Pengaturan: Batas "
                f"Atas Capaian Sasaran) rata-ratanya {fmt(exact, des)}.", seharusnya=fmt(exact, des, persen=c.persen),
                selisih=selisih_teks(c, exact, des), tingkat=PERINGATAN,
                saran="Tetapkan apakah capaian indikator dibatasi saat dirata-rata, lalu tuliskan aturannya di BAB III.")
            return
        if isinstance(bebas, Decimal) and bebas != exact:
            kal[0] = (f"{nama} tertulis {c.teks}, tetapi rata-rata capaian indikatornya ({bagian}), tiap capaian "
                      f"dibatasi {format_angka(k.batas_atas_sasaran)} (Pengaturan: Batas Atas Capaian Sasaran), "
                      f"= {fmt(exact, des)}; tanpa batas itu {fmt(bebas, des)}.")
    tertulis = []
    for h in s.indikator:
        x = next((y for y in au.dilaporkan if y.besaran == "capaian" and y.kode == h.indikator.kode
                  and y.tahun == (d.tahun or au.tahun) and isinstance(y.nilai.nilai, Decimal)), None)
        tertulis.append(x)
    if all(x is not None for x in tertulis):
        rata = capaian_sasaran([x.nilai.nilai for x in tertulis], desimal=DESIMAL_MAKS,
                               batas_atas=k.batas_atas_sasaran)
        if isinstance(rata, Decimal) and banding(c, rata, k.pembulatan) != BEDA:
            kal.append("Angka ini rata-rata capaian indikator yang tertulis di laporan ("
                       + " + ".join(x.nilai.teks for x in tertulis) + "), yang salah satunya keliru.")
    au.temuan_dilaporkan(d, "capaian_sasaran", " ".join(kal), seharusnya=fmt(exact, des, persen=c.persen),
                         selisih=selisih_teks(c, exact, des),
                         saran="Hitung ulang rata-rata dari capaian indikator yang benar.")

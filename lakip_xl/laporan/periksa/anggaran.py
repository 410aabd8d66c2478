"""Checks of the budget figures a report states (pagu, realisasi anggaran, serapan of an indicator; program
pagu; the agency's totals, Belanja Tidak Langsung and Langsung; a table's rows against its own total),
and of the budget data sheets adding up (Anggaran, Program, Belanja; seed BAB II.2 and III.D)."""

from __future__ import annotations

from decimal import Decimal, localcontext

from lakip_xl.laporan.periksa.konteks import Audit
from lakip_xl.laporan.periksa.temuan import PERINGATAN, Temuan
from lakip_xl.laporan.periksa.tercetak import (
    BEDA,
    CARA_TEKS,
    LAIN,
    PEMBULATAN,
    SAMA,
    banding,
    beda_teks,
    cetak,
    fmt,
    fmt_c,
    selisih_teks,
    teks_angka,
)
from lakip_xl.sumber.model import SHEET_ANGGARAN, SHEET_BELANJA, SHEET_PROGRAM, Dilaporkan, kunci

_TOTAL = {  # besaran -> (spending row, field); "Total" = both rows (seed BAB III.D)
    "pagu_total": ("Total", "pagu"), "realisasi_anggaran_total": ("Total", "realisasi"),
    "serapan_total": ("Total", "serapan"),
    "pagu_btl": ("Belanja Tidak Langsung", "pagu"), "realisasi_btl": ("Belanja Tidak Langsung", "realisasi"),
    "serapan_btl": ("Belanja Tidak Langsung", "serapan"),
    "pagu_bl": ("Belanja Langsung", "pagu"), "realisasi_bl": ("Belanja Langsung", "realisasi"),
    "serapan_bl": ("Belanja Langsung", "serapan"),
}
_NAMA_BESARAN = {
    "target": "target", "realisasi": "realisasi", "capaian": "capaian", "realisasi_sd": "realisasi s/d",
    "target_renstra": "target Renstra", "capaian_renstra": "capaian terhadap target Renstra",
    "pagu": "pagu", "realisasi_anggaran": "realisasi anggaran", "serapan": "serapan anggaran",
    "pagu_total": "total pagu", "realisasi_anggaran_total": "total realisasi anggaran",
    "serapan_total": "serapan total", "pagu_btl": "pagu Belanja Tidak Langsung",
    "realisasi_btl": "realisasi Belanja Tidak Langsung", "serapan_btl": "serapan Belanja Tidak Langsung",
    "pagu_bl": "pagu Belanja Langsung", "realisasi_bl": "realisasi Belanja Langsung",
    "serapan_bl": "serapan Belanja Langsung",
}


def cek_anggaran(au: Audit, d: Dilaporkan) -> None:
    ind = au.indikator(d)
    if ind is None:
        return
    c = cetak(d.nilai)
    if c is None or d.tahun is None:
        au.lewati(d, "bukan angka atau tahun kosong")
        return
    pagu, real, rows = au.anggaran(d.kode, d.tahun)
    if not rows:
        au.lewati(d, f"sheet {SHEET_ANGGARAN} tidak memuat {d.kode} tahun {d.tahun}")
        return
    v = pagu if d.besaran == "pagu" else real
    if banding(c, v) == SAMA:
        return
    kolom = "Pagu" if d.besaran == "pagu" else "Realisasi"
    sel = ", ".join((a.pagu if d.besaran == "pagu" else a.realisasi).sel for a in rows)
    au.temuan_dilaporkan(
        d, "anggaran", f"{_NAMA_BESARAN[d.besaran].capitalize()} {ind.nama} tahun {d.tahun} tertulis {c.teks}, "
        f"sedangkan kolom {kolom} sheet {SHEET_ANGGARAN} (sel {sel}) berisi {fmt(v, 0, rupiah=True)}.",
        seharusnya=fmt_c(c, v, 0), selisih=selisih_teks(c, v, 0),
        saran="Samakan angka anggaran laporan dengan data kerja.")


def _program(au: Audit, kode: str, tahun: int) -> list:
    prog = [p for p in au.data.program if p.tahun == tahun]
    if not kode:
        return prog
    if kode in au.ind:
        return [p for p in prog if p.kode_indikator == kode]
    if kode in au.sas:
        tanpa = [p for p in prog if p.kode_sasaran == kode and not p.kode_indikator]
        return tanpa or [p for p in prog if p.kode_sasaran == kode]
    return [p for p in prog if p.no.strip() == kode.strip()]


def cek_pagu_program(au: Audit) -> None:
    """Printed program pagu against the Program sheet: each printed figure must be the pagu of one
    program of its code (indicator, sasaran or program No), each program used once."""
    grup: dict[tuple[str, int], list[Dilaporkan]] = {}
    for d in au.dilaporkan:
        if d.besaran == "pagu_program":
            if d.tahun is None:
                au.lewati(d, "tahun kosong")
                continue
            grup.setdefault((d.kode, d.tahun), []).append(d)
    for (kode, tahun), rows in grup.items():
        calon = _program(au, kode, tahun)
        if not calon:
            for d in rows:
                au.lewati(d, f"sheet {SHEET_PROGRAM} tidak memuat program untuk kode '{kode}' tahun {tahun}")
            continue
        sisa = list(calon)
        tak = []
        for d in rows:
            v = d.nilai.nilai if isinstance(d.nilai.nilai, Decimal) else Decimal(0)  # "Rp -": nil
            hit = next((p for p in sisa if (p.pagu.angka or Decimal(0)) == v), None)
            if hit is None:
                tak.append(d)
            else:
                sisa.remove(hit)
        for d in tak:
            saran_nilai = fmt(sisa[0].pagu.angka, 0, rupiah=True) if len(sisa) == 1 else ""
            daftar = "; ".join(f"{p.nama} {fmt(p.pagu.angka, 0, rupiah=True)} (sel {p.pagu.sel})" for p in calon)
            au.temuan_dilaporkan(
                d, "anggaran", f"Pagu program tertulis {d.nilai.teks} tidak sama dengan pagu program mana pun "
                f"untuk kode '{kode}' tahun {tahun} di sheet {SHEET_PROGRAM}: {daftar}.",
                seharusnya=saran_nilai, saran="Samakan pagu program laporan dengan sheet Program.")


def _belanja(au: Audit, jenis: str, medan: str, tahun: int) -> tuple[Decimal | None, str]:
    """A spending figure of the data (Belanja rows; BL falls back to the Program/Anggaran sums)."""
    rows = [b for b in au.data.belanja if b.tahun == tahun]
    if jenis == "Total":
        pilih = rows
    else:
        pilih = [b for b in rows if kunci(b.jenis) == kunci(jenis)]
    if pilih:
        vals = [(b.pagu if medan == "pagu" else b.realisasi) for b in pilih]
        if all(v.angka is None for v in vals):
            return None, ""
        return (sum((v.angka or Decimal(0) for v in vals), Decimal(0)),
                f"sheet {SHEET_BELANJA} sel " + " + ".join(v.sel for v in vals))
    if jenis == "Total" and not rows and not _btl_tertulis(au, tahun):
        # no Belanja rows and the report states no Belanja Tidak Langsung that year: the agency's
        # budget is its Anggaran rows (issue 12), so the totals are their sums, pagu and realisasi alike
        ang = [a for a in au.data.anggaran if a.tahun == tahun]
        if ang:
            return (sum(((a.pagu if medan == "pagu" else a.realisasi).angka or Decimal(0) for a in ang),
                        Decimal(0)), f"jumlah sheet {SHEET_ANGGARAN}")
        jenis = "Belanja Langsung"
    if jenis == "Belanja Langsung":
        if medan == "pagu":
            prog = [p for p in au.data.program if p.tahun == tahun]
            if prog:
                return sum((p.pagu.angka or Decimal(0) for p in prog), Decimal(0)), f"jumlah sheet {SHEET_PROGRAM}"
        ang = [a for a in au.data.anggaran if a.tahun == tahun]
        if ang:
            return (sum(((a.pagu if medan == "pagu" else a.realisasi).angka or Decimal(0) for a in ang),
                        Decimal(0)), f"jumlah sheet {SHEET_ANGGARAN}")
    return None, ""


def _btl_tertulis(au: Audit, tahun: int) -> bool:
    """The report states a Belanja Tidak Langsung figure for the year: its totals include spending
    (salaries, grants) that the Anggaran rows do not hold."""
    return any(d.tahun == tahun and d.besaran in ("pagu_btl", "realisasi_btl", "serapan_btl")
               for d in au.dilaporkan)


def cek_total(au: Audit, d: Dilaporkan) -> None:
    jenis, medan = _TOTAL[d.besaran]
    c = cetak(d.nilai)
    if c is None or d.tahun is None:
        au.lewati(d, "bukan angka atau tahun kosong")
        return
    v, asal = _belanja(au, jenis, medan, d.tahun)
    if v is None:
        au.lewati(d, f"data kerja tidak memuat {_NAMA_BESARAN[d.besaran]} tahun {d.tahun}")
        return
    if banding(c, v) == SAMA:
        return
    if jenis == "Total" and not any(b.tahun == d.tahun for b in au.data.belanja):
        # the sums of the Anggaran rows: a total may also hold spending no indicator carries
        au.temuan_dilaporkan(
            d, "anggaran", f"{_NAMA_BESARAN[d.besaran].capitalize()} tahun {d.tahun} tertulis {c.teks}, "
            f"sedangkan {asal} (sheet {SHEET_BELANJA} kosong untuk tahun itu) memberi {fmt(v, 0, rupiah=True)}.",
            seharusnya=fmt_c(c, v, 0), selisih=selisih_teks(c, v, 0), tingkat=PERINGATAN,
            saran=f"Samakan angka anggaran laporan dengan data kerja; bila total ini juga memuat belanja yang "
                  f"tidak dikaitkan ke indikator (mis. Belanja Tidak Langsung), isi sheet {SHEET_BELANJA}.")
        return
    au.temuan_dilaporkan(
        d, "anggaran", f"{_NAMA_BESARAN[d.besaran].capitalize()} tahun {d.tahun} tertulis {c.teks}, sedangkan "
        f"data kerja ({asal}) memberi {fmt(v, 0, rupiah=True)}.", seharusnya=fmt_c(c, v, 0),
        selisih=selisih_teks(c, v, 0), saran="Samakan angka anggaran laporan dengan data kerja.")


def cek_serapan(au: Audit, d: Dilaporkan) -> None:
    c = cetak(d.nilai)
    if c is None or d.tahun is None:
        au.lewati(d, "bukan angka atau tahun kosong")
        return
    if d.besaran == "serapan":
        ind = au.indikator(d)
        if ind is None:
            return
        pagu, real, rows = au.anggaran(d.kode, d.tahun)
        apa, b_p, b_r = f"Serapan anggaran {ind.nama} tahun {d.tahun}", "pagu", "realisasi_anggaran"
    else:
        jenis = _TOTAL[d.besaran][0]
        pagu, _ = _belanja(au, jenis, "pagu", d.tahun)
        real, _ = _belanja(au, jenis, "realisasi", d.tahun)
        apa = f"{_NAMA_BESARAN[d.besaran].capitalize()} tahun {d.tahun}"
        akhir = d.besaran.split("_", 1)[1]
        b_p, b_r = f"pagu_{akhir}", ("realisasi_anggaran_total" if akhir == "total" else f"realisasi_{akhir}")
    if pagu is None or real is None or not pagu:
        au.lewati(d, "data kerja tidak memuat pagu dan realisasi anggarannya")
        return
    with localcontext() as ctx:
        ctx.prec = 40
        exact = real * 100 / pagu
    hasil = banding(c, exact, au.k.pembulatan)
    if hasil == SAMA:
        return
    des = max(c.desimal, au.k.desimal)
    if hasil == PEMBULATAN:
        au.temuan_dilaporkan(
            d, "pembulatan",
            f"{apa} tertulis {c.teks}: {fmt(real, 0, rupiah=True)} / {fmt(pagu, 0, rupiah=True)} "
            f"x 100 = {teks_angka(exact, 4)}; angka laporan {CARA_TEKS[LAIN[au.k.pembulatan]]}.",
            seharusnya=fmt(exact, c.desimal, persen=c.persen, cara=au.k.pembulatan),
            selisih=selisih_teks(c, exact, c.desimal, au.k.pembulatan), tingkat=PERINGATAN,
            saran="Gunakan satu cara pembulatan di seluruh laporan.")
        return
    # folded when it follows from the pagu and realisasi printed beside it, one of them flagged
    pd_, rd_ = au.cari(d, b_p), au.cari(d, b_r)
    if pd_ is not None and rd_ is not None and isinstance(pd_.nilai.nilai, Decimal) \
            and isinstance(rd_.nilai.nilai, Decimal) and pd_.nilai.nilai:
        salah = [x for x in (pd_, rd_) if au.temuan_di(x) is not None]
        with localcontext() as ctx:
            ctx.prec = 40
            dari = rd_.nilai.nilai * 100 / pd_.nilai.nilai
        if salah and banding(c, dari, au.k.pembulatan) != BEDA:
            for s in salah:
                au.tambah_uraian(s, f"Serapan {d.nilai.teks} (sel {d.nilai.sel}) dihitung dari angka ini.")
            return
    au.temuan_dilaporkan(
        d, "serapan", f"{apa} tertulis {c.teks}, tetapi realisasi / pagu x 100 = {fmt(real, 0, rupiah=True)} / "
        f"{fmt(pagu, 0, rupiah=True)} x 100 = {fmt(exact, des)}.",
        seharusnya=fmt(exact, des, persen=c.persen), selisih=selisih_teks(c, exact, des),
        saran="Hitung ulang serapan dari realisasi dan pagu.")


def cek_jumlah_tabel(au: Audit) -> None:
    """Budget rows of one table against the total the same table states (only when each figure on
    its own agrees with the data: otherwise that figure's finding says it already)."""
    grup: dict[tuple[str, int], dict[str, list[Dilaporkan]]] = {}
    for d in au.dilaporkan:
        if d.tahun is not None and isinstance(d.nilai.nilai, Decimal):
            grup.setdefault((kunci(d.tabel), d.tahun), {}).setdefault(d.besaran, []).append(d)
    for (_, tahun), b in grup.items():
        pasangan = [
            (b.get("pagu_program") or b.get("pagu") or [], (b.get("pagu_bl") or [None])[0], "pagu"),
            (b.get("realisasi_anggaran") or [], (b.get("realisasi_bl") or [None])[0], "realisasi anggaran"),
            ((b.get("pagu_btl") or []) + (b.get("pagu_bl") or []), (b.get("pagu_total") or [None])[0], "pagu"),
            ((b.get("realisasi_btl") or []) + (b.get("realisasi_bl") or []),
             (b.get("realisasi_anggaran_total") or [None])[0], "realisasi anggaran"),
        ]
        for baris, total, apa in pasangan:
            if total is None or len(baris) < 2:
                continue
            if any(au.temuan_di(x) is not None for x in [*baris, total]):
                continue
            s = sum((x.nilai.nilai for x in baris), Decimal(0))
            if s == total.nilai.nilai:
                continue
            au.temuan_dilaporkan(
                total, "jumlah_anggaran",
                f"Total {apa} tahun {tahun} tertulis {total.nilai.teks}, tetapi baris-baris "
                f"tabel yang sama (sel {baris[0].nilai.sel} s/d {baris[-1].nilai.sel}) berjumlah "
                f"{fmt(s, 0, rupiah=True)}.", seharusnya=fmt(s, 0, rupiah=True),
                selisih=beda_teks(total.nilai.nilai - s, rupiah=True),
                saran="Periksa baris yang terlewat atau total yang salah ketik.")


def cek_anggaran_data(au: Audit) -> None:
    """Budget data that should add up (seed BAB II.2 and III.D): programs of an indicator = its pagu;
    indicators' pagu and realisasi = Belanja Langsung; programs = Belanja Langsung."""
    tahun_set = sorted({a.tahun for a in au.data.anggaran} | {p.tahun for p in au.data.program})
    for tahun in tahun_set:
        for ind in au.data.indikator:
            pagu, _, rows = au.anggaran(ind.kode, tahun)
            prog = [p for p in au.data.program if p.tahun == tahun and p.kode_indikator == ind.kode]
            if not rows or not prog:
                continue
            s = sum((p.pagu.angka or Decimal(0) for p in prog), Decimal(0))
            if s == pagu:
                continue
            au.tambah(Temuan(
                kategori="anggaran_data", sheet=SHEET_ANGGARAN, sel=rows[0].pagu.sel,
                uraian=f"Pagu {ind.kode} ({ind.nama}) tahun {tahun} {fmt(pagu, 0, rupiah=True)}, tetapi program "
                       f"yang dikaitkan dengannya di sheet {SHEET_PROGRAM} berjumlah {fmt(s, 0, rupiah=True)} ("
                       + " + ".join(f"{p.pagu.sel}" for p in prog) + ").",
                dinyatakan=fmt(pagu, 0, rupiah=True), seharusnya=fmt(s, 0, rupiah=True),
                selisih=beda_teks(pagu - s, rupiah=True), tingkat=PERINGATAN,
                saran="Periksa kaitan program ke indikator (kolom Kode Indikator sheet Program) atau pagunya."))
        bl = next((b for b in au.data.belanja
                   if b.tahun == tahun and kunci(b.jenis) == kunci("Belanja Langsung")), None)
        if bl is None:
            continue
        ang = [a for a in au.data.anggaran if a.tahun == tahun]
        prog = [p for p in au.data.program if p.tahun == tahun]
        uji = []
        if ang:
            uji.append((bl.pagu, sum((a.pagu.angka or Decimal(0) for a in ang), Decimal(0)),
                        f"pagu semua indikator di sheet {SHEET_ANGGARAN}"))
            if bl.realisasi.angka is not None:
                uji.append((bl.realisasi, sum((a.realisasi.angka or Decimal(0) for a in ang), Decimal(0)),
                            f"realisasi semua indikator di sheet {SHEET_ANGGARAN}"))
        if prog:
            uji.append((bl.pagu, sum((p.pagu.angka or Decimal(0) for p in prog), Decimal(0)),
                        f"pagu semua program di sheet {SHEET_PROGRAM}"))
        for isian, s, apa in uji:
            if isian.angka is None or isian.angka == s:
                continue
            au.tambah(Temuan(
                kategori="anggaran_data", sheet=SHEET_BELANJA, sel=isian.sel,
                uraian=f"Belanja Langsung tahun {tahun} {fmt(isian.angka, 0, rupiah=True)}, tetapi {apa} "
                       f"berjumlah {fmt(s, 0, rupiah=True)}.",
                dinyatakan=fmt(isian.angka, 0, rupiah=True), seharusnya=fmt(s, 0, rupiah=True),
                selisih=beda_teks(isian.angka - s, rupiah=True), tingkat=PERINGATAN,
                saran="Periksa baris yang terlewat atau angka yang salah ketik."))

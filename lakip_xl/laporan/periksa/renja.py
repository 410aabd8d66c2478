"""Reader and checker of a form lakip_xl did not make: the Permendagri 86/2017 "Evaluasi Renja".

What this module and its helpers own (renja_satuan: the unit rule; renja_baca: the
file; renja_tata: the layout; renja_rumus: the arithmetic):

- recognising the form on any sheet from its NUMBERED header row (cells 1, 2, 3, ... N, some carrying
  the column algebra as text, e.g. "13 = 9 + 10 + 11 + 12"), and naming each numbered column from its
  header text (merged cells followed) and its sub-columns ("K" kinerja, "Rp." anggaran, "%");
  nothing is tied to column letters;
- the cumulative check: the form computes "realisasi s/d tahun ini = realisasi s/d tahun lalu +
  realisasi tahun ini" for EVERY row, which is wrong for indicators measuring a level (percentages,
  indices/scores/ratios, stocks counted per period such as "orang / bulan"): for those the s/d figure is
  the last value (domain.md section 3; seed: "Nilai evaluasi AKIP: non kumulatif"). Rule: `jenis_satuan`;
- the form's own arithmetic, from the equations written in its numbered header row (or, when the row
  carries none, the Permendagri 86/2017 algebra: 13 = sum of the quarters, 14 = 7 + 13, 15 = 14/6 x 100).

The workbook is only read: cached values with python-calamine, formulas (to quote them in findings)
with openpyxl in read_only mode. Nothing is ever saved. Whatever cannot be interpreted is listed in
`Hasil.tidak_dipahami`; a file that cannot be read at all raises `BerkasError`.
See docs/dev/renja-form.md for the form as found in the sample and the findings on it.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

from lakip_xl.laporan.periksa.renja_baca import (
    Lembar,
    alamat,
    baca_buku,
    baca_rumus,
    isi_rumus,
    kolom_huruf,
    nilai_angka,
    sama,
    teks_angka,
    teks_selisih,
)
from lakip_xl.laporan.periksa.renja_rumus import cek_aritmetika
from lakip_xl.laporan.periksa.renja_satuan import JENIS, JENIS_TEKS, LEVEL, jenis_satuan
from lakip_xl.laporan.periksa.renja_tata import NAMA_PERAN, NOMOR_MIN, WAJIB, Baris, Tata, baca_tata
from lakip_xl.laporan.periksa.temuan import GALAT, PERINGATAN, Hasil, Temuan

FORM = "Evaluasi Renja (Permendagri 86/2017)"


def periksa_renja(path: str | os.PathLike) -> Hasil:
    """Check a Permendagri 86/2017 "Evaluasi Renja" workbook; never modifies it.

    Returns a `Hasil` (form "" and an explanation in `tidak_dipahami` when no sheet carries the form).
    Raises `BerkasError` when the file cannot be read (missing, corrupted, encrypted).
    """
    p = Path(path)
    hasil = Hasil(berkas=p.name)
    lembar = baca_buku(p)
    dikenali = False
    for lb in lembar:
        catat: list[str] = []
        tata = baca_tata(lb, catat)
        if tata is None:
            continue
        kurang = [x for x in WAJIB if x not in tata.peran]
        if not tata.triwulan or kurang:
            hasil.tidak_dipahami.append(
                f"Sheet '{lb.nama}' punya baris judul bernomor (baris {tata.baris_nomor + 1}) tetapi bukan "
                f"formulir Evaluasi Renja: kolom "
                + ", ".join(f"'{NAMA_PERAN.get(x, x)}'" for x in (kurang or ["triwulan"]))
                + " tidak ditemukan dari judulnya.")
            continue
        dikenali = True
        hasil.tidak_dipahami.extend(catat)
        _periksa_lembar(p, lb, tata, hasil)
    if dikenali:
        hasil.form = FORM
    else:
        nama = ", ".join(f"'{lb.nama}'" for lb in lembar) or "(tidak ada sheet)"
        hasil.tidak_dipahami.insert(0, (
            f"Buku kerja '{p.name}' tidak dikenali sebagai formulir {FORM}: tidak ditemukan baris judul "
            f"bernomor (sel berisi 1, 2, 3, ... berurutan, paling sedikit sampai {NOMOR_MIN}) di sheet {nama}. "
            "Tidak ada angka yang diperiksa."))
    return hasil


def _periksa_lembar(path: Path, lb: Lembar, t: Tata, hasil: Hasil) -> None:
    sheet = lb.nama
    for peran in ("indikator", "satuan", "target_akhir", "capaian_sd"):
        if peran not in t.peran:
            hasil.tidak_dipahami.append(
                f"Sheet '{sheet}': kolom '{NAMA_PERAN[peran]}' tidak ditemukan dari judulnya"
                + ("; jenis indikator ditebak dari nama indikator." if peran == "satuan" else
                   "; pemeriksaan yang memerlukannya dilewati."))

    # numeric columns: every sub-column of the numbered columns from the first target onwards
    nomor_angka = [n for n in t.kolom if n >= min(
        t.kolom[t.peran[x]].nomor for x in ("target_akhir", "realisasi_lalu", "target_tahun") if x in t.peran)]
    kol_angka: dict[int, tuple[int, str]] = {}  # sheet column -> (column number, sub label)
    for n in nomor_angka:
        k = t.kolom[n]
        if k.sub:
            for lab, c in k.sub.items():
                kol_angka[c] = (n, lab)
        else:
            kol_angka[k.awal] = (n, "K")

    awal = max(t.baris_nomor, t.baris_sub if t.baris_sub is not None else -1) + 1
    akhir = awal - 1
    for r in range(awal, len(lb.grid)):
        if any(nilai_angka(lb.nilai(r, c))[0] is not None for c in kol_angka):
            akhir = r
    # rows after the last one with figures are the signature block ("Lubuk Pakam, ...", NIP): not data

    kol_tabel = set(range(0, max(k.akhir for k in t.kolom.values()) + 1))
    luar: set[int] = set()
    baris: list[Baris] = []
    for r in range(awal, akhir + 1):
        nilai: dict[int, Decimal | None] = {}
        sel_teks: set[int] = set()
        for c, (n, lab) in kol_angka.items():
            d, teks = nilai_angka(lb.nilai(r, c))
            nilai[c] = d
            if teks:
                sel_teks.add(c)
                hasil.tidak_dipahami.append(
                    f"Sheet '{sheet}', sel {alamat(r, c)}: teks '{lb.teks(r, c)}' di kolom angka (kolom {n}"
                    f"{', ' + lab if lab else ''}); tidak dibaca sebagai angka.")
        for c, v in enumerate(lb.grid[r] if r < len(lb.grid) else []):
            if c not in kol_tabel and nilai_angka(v)[0] is not None:
                luar.add(c)
        ind, sat, prog = (lb.teks(r, t.kolom[t.peran[x]].awal, vertikal_saja=True) if x in t.peran else ""
                          for x in ("indikator", "satuan", "program"))
        baris.append(Baris(r, ind, sat, prog, nilai, sel_teks))
    if luar:
        hasil.tidak_dipahami.append(
            f"Sheet '{sheet}', kolom {', '.join(kolom_huruf(c) for c in sorted(luar))}: berisi angka tetapi "
            "tidak berada di bawah judul bernomor; tidak diperiksa.")

    temuan: list[tuple[int, int, Temuan]] = []  # (row, column, finding) to sort at the end
    perlu_rumus: set[tuple[int, int]] = set()
    for b in baris:
        ada_angka = any(v is not None for v in b.nilai.values())
        if not b.indikator:
            if ada_angka:
                label = b.program
                hasil.tidak_dipahami.append(
                    f"Sheet '{sheet}', baris {b.r + 1}" + (f" ('{_pendek(label)}')" if label else "")
                    + ": berisi angka tetapi tanpa indikator kinerja (baris urusan/program atau baris jumlah); "
                    "aturan kumulatif tidak diterapkan, hanya aritmetika kolom yang diperiksa.")
        else:
            _cek_kumulatif(lb, t, b, hasil, temuan, perlu_rumus)
        if ada_angka:
            cek_aritmetika(lb, t, b, temuan, perlu_rumus)

    rumus = baca_rumus(path, sheet, perlu_rumus)
    temuan.sort(key=lambda x: (x[0], x[1]))
    for _, _, tm in temuan:
        hasil.temuan.append(isi_rumus(tm, rumus, lb))


def _pendek(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 3] + "..."


def _cek_kumulatif(lb, t: Tata, b: Baris, hasil: Hasil, temuan: list, perlu_rumus: set) -> None:
    sheet = lb.nama
    c_ind = t.kolom[t.peran["indikator"]].awal
    if not any(b.nilai.get(c) is not None for c in (t.k(x) for x in WAJIB) if c is not None) and not any(
            b.nilai.get(t.kolom[n].sel("K")) is not None for n in t.triwulan):
        hasil.tidak_dipahami.append(
            f"Sheet '{sheet}', baris {b.r + 1} (indikator '{_pendek(b.indikator)}'): tanpa realisasi "
            "(kolom realisasi kosong); tidak diperiksa.")
        return
    jenis, dasar = jenis_satuan(b.satuan, b.indikator)
    c_sat = t.kolom[t.peran["satuan"]].awal if "satuan" in t.peran else None
    if re.search(r"(^|\s)1[.)]\s.*\s2[.)]\s", b.indikator):
        hasil.tidak_dipahami.append(
            f"Sheet '{sheet}', sel {alamat(b.r, c_ind)}: satu sel memuat beberapa indikator "
            f"('{_pendek(b.indikator, 80)}'); diperiksa sebagai satu indikator dengan satuan '{b.satuan}'.")
    if not jenis:
        hasil.tidak_dipahami.append(
            f"Sheet '{sheet}', baris {b.r + 1} (indikator '{_pendek(b.indikator)}'): satuan kosong dan nama "
            "indikator tidak menunjukkan jenisnya; aturan kumulatif tidak diterapkan.")
        return
    if dasar == "nama" and c_sat is not None:
        hasil.tidak_dipahami.append(
            f"Sheet '{sheet}', sel {alamat(b.r, c_sat)}: satuan kosong; jenis indikator ditebak dari namanya "
            f"({JENIS_TEKS.get(jenis, jenis)}).")
    if dasar == "tak dikenal":
        hasil.tidak_dipahami.append(
            f"Sheet '{sheet}', sel {alamat(b.r, c_sat)}: satuan '{b.satuan}' tidak dikenal; diperlakukan "
            "sebagai hitungan (boleh dijumlah antartahun).")

    cL, cAB, cAD = t.k("realisasi_lalu"), t.k("realisasi_tahun"), t.k("realisasi_sd")
    cJ, cN, cAF = t.k("target_akhir"), t.k("target_tahun"), t.k("capaian_sd")
    L, AB, AD = (b.nilai.get(c) if c is not None else None for c in (cL, cAB, cAD))
    J = b.nilai.get(cJ) if cJ is not None else None
    N = b.nilai.get(cN) if cN is not None else None
    AF = b.nilai.get(cAF) if cAF is not None else None
    th_lalu = f"s/d {t.tahun_lalu}" if t.tahun_lalu else "s/d tahun lalu"
    th_ini = t.tahun_ini or "tahun ini"
    n7, n13, n14 = (t.peran[x] for x in WAJIB)
    n15 = t.peran.get("capaian_sd")
    ind = _pendek(b.indikator, 70)
    terakhir, a_terakhir = None, ""

    if jenis in LEVEL:
        tw_akhir = _cek_triwulan(lb, t, b, jenis, temuan, perlu_rumus)
        if tw_akhir is not None:  # column 13 itself sums levels: the last value is the last quarter's
            terakhir, a_terakhir = tw_akhir

    dijumlah = (L is not None and AB is not None and AD is not None and L != 0 and AB != 0
                and sama(AD, L + AB))
    if not dijumlah:
        return
    a_L, a_AB, a_AD = alamat(b.r, cL), alamat(b.r, cAB), alamat(b.r, cAD)
    if jenis in LEVEL and terakhir is None:
        terakhir, a_terakhir = AB, a_AB
    if jenis in LEVEL:
        if jenis == "persen":
            if AD > 100:
                tingkat = GALAT
                tambahan = (f" Jumlahnya {teks_angka(AD)}% melebihi 100%, mustahil untuk sebuah persentase.")
            else:
                tingkat = PERINGATAN
                tambahan = (" Persentase hanya boleh dijumlah bila tiap tahun mengukur tambahan atas penyebut yang "
                            "sama (seperti 'persentase usaha mikro naik kelas' pada LAKIP DKUM Depok 2020); "
                            "periksa definisi indikator.")
        else:
            tingkat = GALAT
            tambahan = ""
        perlu_rumus.add((b.r, cAD))
        temuan.append((b.r, cAD, Temuan(
            kategori="kumulatif_bukan_jumlah", sheet=sheet, sel=a_AD, tingkat=tingkat,
            uraian=(f"Indikator '{ind}' (satuan '{b.satuan or '-'}') adalah {JENIS_TEKS[jenis]}, ukuran "
                    f"tingkat yang tidak dijumlah antartahun, tetapi realisasi s/d {th_ini} (kolom {n14}) "
                    f"menjumlahkan realisasi {th_lalu} (kolom {n7}, {a_L} = {teks_angka(L)}) dan realisasi "
                    f"{th_ini} (kolom {n13}, {a_AB} = {teks_angka(AB)}){{rumus:{a_AD}}}. Untuk ukuran "
                    f"tingkat, nilai s/d adalah nilai terakhir ({a_terakhir} = {teks_angka(terakhir)})."
                    f"{tambahan}"),
            dinyatakan=teks_angka(AD), seharusnya=teks_angka(terakhir), selisih=teks_selisih(AD - terakhir),
            saran=(f"Isi {a_AD} dengan nilai terakhir (={a_terakhir}), atau nyatakan indikator ini "
                   "non-kumulatif."),
        )))
        if AF is not None and cAF is not None:
            a_AF = alamat(b.r, cAF)
            a_J = alamat(b.r, cJ) if cJ is not None else ""
            benar = terakhir / J * 100 if J not in (None, Decimal(0)) else None
            temuan.append((b.r, cAF, Temuan(
                kategori="capaian_dari_jumlah", sheet=sheet, sel=a_AF, tingkat=tingkat,
                uraian=(f"Tingkat capaian s/d {th_ini} (kolom {n15}) indikator '{ind}' dihitung dari realisasi "
                        f"s/d yang dijumlahkan ({a_AD} = {teks_angka(AD)}). Dengan nilai terakhir "
                        f"({a_terakhir} = {teks_angka(terakhir)})"
                        + (f" capaiannya {teks_angka(terakhir)} / {teks_angka(J)} ({a_J}) x 100." if benar is not None
                           else " capaiannya tidak dapat dihitung (target akhir kosong atau 0).")),
                dinyatakan=teks_angka(AF, "persen"),
                seharusnya=teks_angka(benar, "persen") if benar is not None else "",
                selisih=teks_selisih(AF - benar, "persen") if benar is not None else "",
                saran=f"Perbaiki {a_AD}; {a_AF} akan mengikuti.",
            )))
        return
    # a count (flow): the sum is the form's rule; but an end target no larger than one year's target is
    # itself a yearly figure, so the capaian compares several years' sum with one year's target
    if J is not None and N is not None and J > 0 and J <= N:
        c = cAF if (cAF is not None and AF is not None) else cAD
        a_J, a_N = alamat(b.r, cJ), alamat(b.r, cN)
        temuan.append((b.r, c, Temuan(
            kategori="target_akhir_tahunan", sheet=sheet, sel=alamat(b.r, c), tingkat=PERINGATAN,
            uraian=(f"Indikator '{ind}' (satuan '{b.satuan or '-'}') dijumlah antartahun (realisasi s/d "
                    f"{th_ini} {a_AD} = {teks_angka(L)} + {teks_angka(AB)} = {teks_angka(AD)}), tetapi target "
                    f"akhir Renstra ({a_J} = {teks_angka(J)}) tidak lebih besar dari target satu tahun "
                    f"({a_N} = {teks_angka(N)}): target akhir itu tampaknya target tahunan, sehingga capaian "
                    "membandingkan jumlah beberapa tahun dengan target satu tahun."),
            dinyatakan=teks_angka(AF, "persen") if c == cAF else teks_angka(AD),
            saran=(f"Isi target akhir Renstra ({a_J}) dengan jumlah target tahunan, atau perlakukan indikator "
                   f"sebagai non-kumulatif (capaian = {alamat(b.r, cAB)} / {a_J} x 100)."),
        )))


def _cek_triwulan(lb, t: Tata, b: Baris, jenis: str, temuan: list, perlu_rumus: set
                  ) -> tuple[Decimal, str] | None:
    """Within the year, column 13 sums the quarters. For a level that is right only when the quarters
    hold increments; the form's "%" sub-columns (cumulative share of the year's target) tell: if every
    running sum of the quarters equals that share x the year's target, the quarters are increments.
    Returns (last quarter's value, its cell) when column 13 sums levels, else None."""
    cols = [t.kolom[n].sel("K") for n in t.triwulan]
    vals = [b.nilai.get(c) if c is not None else None for c in cols]
    isi = [(i, v) for i, v in enumerate(vals) if v is not None and v != 0]
    cAB = t.k("realisasi_tahun")
    AB = b.nilai.get(cAB) if cAB is not None else None
    if len(isi) < 2 or AB is None:
        return None
    N = b.nilai.get(t.k("target_tahun")) if t.k("target_tahun") is not None else None
    pct = [b.nilai.get(t.kolom[n].sel("%")) if t.kolom[n].sel("%") is not None else None for n in t.triwulan]
    if N is not None and all(p is not None for p in pct):
        jalan, cocok = Decimal(0), True
        for v, p in zip(vals, pct):
            jalan += v or 0
            # the share may be stored as a fraction (0.75) or in percent points (75)
            if not (sama(jalan, p * N) or sama(jalan, p * N / 100)):
                cocok = False
                break
        if cocok:
            return None
    total = sum((v for _, v in isi), Decimal(0))
    if not sama(AB, total):
        return None  # the column is not the sum of the quarters: the arithmetic check reports it
    akhir_i, akhir_v = isi[-1]
    a_AB = alamat(b.r, cAB)
    perlu_rumus.add((b.r, cAB))
    temuan.append((b.r, cAB, Temuan(
        kategori="triwulan_dijumlah", sheet=lb.nama, sel=a_AB, tingkat=PERINGATAN,
        uraian=(f"Indikator '{_pendek(b.indikator, 70)}' (satuan '{b.satuan or '-'}') adalah "
                f"{JENIS_TEKS[jenis]}, tetapi realisasi tahun ini (kolom {t.peran['realisasi_tahun']}) "
                f"menjumlahkan nilai triwulan "
                + " + ".join(teks_angka(v) for _, v in isi) + f"{{rumus:{a_AB}}}. Untuk ukuran tingkat, "
                "realisasi tahunan adalah nilai triwulan terakhir yang terisi. Bila angka triwulan itu memang "
                "tambahan per triwulan (bukan nilai pada akhir triwulan), abaikan peringatan ini."),
        dinyatakan=teks_angka(AB), seharusnya=teks_angka(akhir_v), selisih=teks_selisih(AB - akhir_v),
        saran=f"Isi {a_AB} dengan nilai triwulan terakhir ({alamat(b.r, cols[akhir_i])}).",
    )))
    return akhir_v, alamat(b.r, cols[akhir_i])


__all__ = ["FORM", "JENIS", "jenis_satuan", "periksa_renja"]

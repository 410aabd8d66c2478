"""The Evaluasi Renja form's own arithmetic: the equations of its numbered header row (or the Permendagri
86/2017 algebra: 13 = sum of the quarters, 14 = 7 + 13, 15 = 14/6 x 100), checked per row and per
sub-column (K with K, Rp with Rp); a figure that is the computed one rounded is a rounding note."""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.aturan.nilai import bulatkan
from lakip_xl.laporan.periksa.renja_baca import alamat, sama, teks_angka, teks_selisih
from lakip_xl.laporan.periksa.renja_tata import Baris, Kolom, Tata
from lakip_xl.laporan.periksa.temuan import GALAT, INFO, Temuan


def cek_aritmetika(lb, t: Tata, b: Baris, temuan: list, perlu_rumus: set) -> None:
    """The equations of the numbered header row, checked per sub-column (K with K, Rp with Rp)."""
    for p in t.rumus:
        kiri = t.kolom.get(p[1])
        if kiri is None:
            continue
        for lab in ("K", "Rp"):
            c_kiri = kiri.sel(lab)
            if c_kiri is None:
                continue
            if p[0] == "jumlah":
                cols = [t.kolom[n].sel(lab) if n in t.kolom else None for n in p[2]]
                if any(c is None for c in cols) or any(c in b.teks for c in cols + [c_kiri]):
                    continue  # a text operand is reported in tidak_dipahami
                stated = b.nilai.get(c_kiri)
                ops = [b.nilai.get(c) for c in cols]
                if stated is None or all(v is None for v in ops):
                    continue
                hitung = sum((v or Decimal(0) for v in ops), Decimal(0))  # a blank cell counts as 0 (Excel)
                rumus_benar = "=" + "+".join(alamat(b.r, c) for c in cols)
                rinci = " + ".join(f"{alamat(b.r, c)} ({teks_angka(v or Decimal(0), _gaya(lab))})"
                                   for c, v in zip(cols, ops))
                _banding(lb, t, b, temuan, perlu_rumus, kiri, lab, c_kiri, stated, hitung, "jumlah",
                         _nama_rumus(kiri, p), rinci, rumus_benar)
            else:
                _, n_kiri, n_atas, n_bawah, faktor = p
                if n_atas not in t.kolom or n_bawah not in t.kolom:
                    continue
                c_atas, c_bawah = t.kolom[n_atas].sel(lab), t.kolom[n_bawah].sel(lab)
                if c_atas is None or c_bawah is None or {c_kiri, c_atas, c_bawah} & b.teks:
                    continue  # a text operand is reported in tidak_dipahami
                stated, atas, bawah = b.nilai.get(c_kiri), b.nilai.get(c_atas), b.nilai.get(c_bawah)
                if bawah is None or bawah == 0:
                    if stated is None and atas is not None:
                        a = alamat(b.r, c_kiri)
                        temuan.append((b.r, c_kiri, Temuan(
                            kategori="target_nol", sheet=lb.nama, sel=a, tingkat=INFO,
                            uraian=(f"Pembagi {alamat(b.r, c_bawah)} (kolom {n_bawah}) kosong atau 0, sehingga "
                                    f"kolom {n_kiri} ({'kinerja' if lab == 'K' else 'anggaran'}) tidak dapat "
                                    "dihitung; sel kosong atau menampilkan #DIV/0!."),
                            dinyatakan="kosong atau #DIV/0!", seharusnya="n/a",
                            saran=(f"Isi {alamat(b.r, c_bawah)}, atau tulis 'n/a' di {a} (target 0 berarti "
                                   "capaian tidak dapat dihitung)."),
                        )))
                    continue
                if stated is None or atas is None:
                    continue
                hitung = atas / bawah * faktor
                rumus_benar = f"={alamat(b.r, c_atas)}/{alamat(b.r, c_bawah)}" + (f"*{faktor}" if faktor != 1 else "")
                rinci = (f"{alamat(b.r, c_atas)} ({teks_angka(atas, _gaya(lab))}) / {alamat(b.r, c_bawah)} "
                         f"({teks_angka(bawah, _gaya(lab))})" + (f" x {faktor}" if faktor != 1 else ""))
                _banding(lb, t, b, temuan, perlu_rumus, kiri, lab, c_kiri, stated, hitung, "capaian",
                         _nama_rumus(kiri, p), rinci, rumus_benar)


def _gaya(lab: str) -> str:
    return "rupiah" if lab == "Rp" else "angka"


def _nama_rumus(kiri: Kolom, p) -> str:
    if kiri.rumus:  # written in the numbered header row of the file itself
        return f"rumus judulnya '{kiri.rumus}'"
    return f"rumus baku formulir Permendagri 86/2017 '{_rumus_teks(p)}'"


def _rumus_teks(p) -> str:
    if p[0] == "jumlah":
        return f"{p[1]} = " + " + ".join(str(x) for x in p[2])
    return f"{p[1]} = {p[2]} / {p[3]} x {p[4]}"


def _banding(lb, t, b, temuan, perlu_rumus, kiri: Kolom, lab: str, c: int, stated: Decimal, hitung: Decimal,
             kategori: str, rumus_judul: str, rinci: str, rumus_benar: str) -> None:
    if sama(stated, hitung):
        return
    a = alamat(b.r, c)
    gaya = "persen" if kategori == "capaian" else _gaya(lab)
    # a typed figure that is the computed one rounded to its own decimals is a rounding note
    for des in (0, 1, 2):
        if stated == bulatkan(stated, des) and bulatkan(hitung, des) == stated:
            temuan.append((b.r, c, Temuan(
                kategori="rounding", sheet=lb.nama, sel=a, tingkat=INFO,
                uraian=(f"Kolom {kiri.nomor} menurut {rumus_judul} = {rinci}; sel berisi angka yang "
                        f"dibulatkan ke {des} desimal{{rumus:{a}}}."),
                dinyatakan=teks_angka(stated, gaya), seharusnya=teks_angka(hitung, gaya, 6),
                selisih=teks_selisih(stated - hitung, gaya, 6),
                saran=f"Gunakan rumus {rumus_benar} dan atur tampilan desimalnya lewat format sel.",
            )))
            perlu_rumus.add((b.r, c))
            return
    perlu_rumus.add((b.r, c))
    jenis = "kinerja" if lab == "K" else ("anggaran" if lab == "Rp" else lab)
    temuan.append((b.r, c, Temuan(
        kategori=kategori, sheet=lb.nama, sel=a, tingkat=GALAT,
        uraian=(f"Kolom {kiri.nomor} ({jenis}) tidak sesuai {rumus_judul}: {rinci} = "
                f"{teks_angka(hitung, gaya)}, tetapi {a} berisi {teks_angka(stated, gaya)}{{rumus:{a}}}."),
        dinyatakan=teks_angka(stated, gaya), seharusnya=teks_angka(hitung, gaya),
        selisih=teks_selisih(stated - hitung, gaya),
        saran=(f"Bila isi {a} yang salah, ganti dengan rumus {rumus_benar}; bila {a} benar, yang salah adalah "
               f"sel di ruas kanan rumus itu."),
    )))

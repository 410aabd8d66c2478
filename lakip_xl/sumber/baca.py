"""Read a LAKIP workbook's data sheets (the template's: Pengaturan, Indikator, Realisasi, Anggaran,
Program, Belanja, Dilaporkan, Analisis) into `lakip_xl.sumber.model.DataLakip`.

Two kinds of source give the cells: a file through python-calamine (`SumberCalamine`, fast, cached
values only, lakip_xl.sumber.calamine) and an open Excel workbook through xlwings (an adapter written
elsewhere). Both follow the `SumberData` protocol; the cells are read by lakip_xl.sumber.sel (tables found
by header text, cell values parsed and checked), and everything here is the template's sheets: which
columns each has and how its rows make the model.

Every problem is collected (`lakip_xl.errors.Laporan`) and reported at once: `baca_data` raises
`InputError` listing all errors (and the warnings found with them); when there are only warnings they
are returned in `DataLakip.peringatan`. Each message names the sheet and the cell and says, in Bahasa
Indonesia, how to fix it.

The names other modules import from here stay here: `SumberData`, `SumberCalamine`, `Tabel`, `cari_tabel`,
`cocokkan` (and `Pembaca`, the former name of `lakip_xl.sumber.sel.Pembaca`).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from lakip_xl.aturan.angka import parse_angka
from lakip_xl.aturan.capaian import TANPA_BATAS
from lakip_xl.aturan.nilai import Rentang, ke_decimal
from lakip_xl.aturan.teks import norm
from lakip_xl.errors import AngkaError, AturanError, InputError, Laporan, Masalah
from lakip_xl.sumber import model as m
from lakip_xl.sumber.calamine import SumberCalamine
from lakip_xl.sumber.model import (
    KOLOM,
    WAJIB,
    Anggaran,
    Belanja,
    DataLakip,
    Dilaporkan,
    Indikator,
    Isian,
    Lokasi,
    Pengaturan,
    Program,
    RealisasiBaris,
    kunci,
    kunci_rapat,
)
from lakip_xl.sumber.sel import (
    Pembaca,
    SumberData,
    Tabel,
    cari_tabel,
    cocokkan,
    daftar_kutip,
    kosong,
    lepas_baris,
)

_Pembaca = Pembaca  # the former name (lakip_xl.sumber.peta reads through it)


# --------------------------------------------------------------------------------------------------
# Sheets


def _baca_pengaturan(p: Pembaca) -> Pengaturan:
    t = p.tabel(m.SHEET_PENGATURAN)
    nilai: dict[str, object] = {}
    sel: dict[str, str] = {}
    if t is not None:
        per_kunci = {kunci_rapat(k.label): k for k in m.PENGATURAN_KUNCI}
        per_kunci.update({kunci_rapat("Wilayah"): per_kunci[kunci_rapat("Kota/Kabupaten")],
                          kunci_rapat("Kepala"): per_kunci[kunci_rapat("Kepala Dinas")]})
        for r, cells in lepas_baris(t):
            label = p.teks(t, r, cells, "Pengaturan")
            if not label:
                continue
            k = per_kunci.get(kunci_rapat(label))
            if k is None:
                p.lap.peringatan(f"Pengaturan '{label}' tidak dikenal dan diabaikan.",
                                 saran="Periksa ejaannya; pengaturan yang dikenal: "
                                       f"{daftar_kutip(x.label for x in m.PENGATURAN_KUNCI)}.",
                                 sheet=t.sheet, sel=t.sel(r, "Pengaturan"))
                continue
            if k.medan in nilai:
                p.lap.galat(f"Pengaturan '{k.label}' ditulis dua kali.", saran="Hapus salah satu baris.",
                            sheet=t.sheet, sel=t.sel(r, "Pengaturan"))
                continue
            sel[k.medan] = t.sel(r, "Nilai")
            if k.medan in ("tahun", "awal_renstra", "akhir_renstra"):
                nilai[k.medan] = p.tahun(t, r, cells, "Nilai", wajib=False)
            elif k.medan in ("batas_atas", "batas_bawah", "batas_atas_sasaran", "batas_efisien", "batas_cukup_efisien"):
                teks = p.teks(t, r, cells, "Nilai")
                if kunci(teks) in TANPA_BATAS:
                    nilai[k.medan] = "tanpa"  # no bound, past the default (lakip_xl.aturan.capaian._batas)
                elif isinstance(t.ambil(cells, "Nilai"), str) and teks and not _angka_teks(teks):
                    # a word where a bound belongs: the setting's own fix, not the data cells' advice
                    p.lap.galat(f"Pengaturan '{k.label}' berisi '{teks}', bukan angka.",
                                saran="Isi angka (misalnya 0, 100 atau 120), atau tulis 'tanpa' untuk tanpa batas.",
                                sheet=t.sheet, sel=t.sel(r, "Nilai"))
                else:
                    nilai[k.medan] = p.isian(t, r, cells, "Nilai", label=k.label, hilang_peringatan=False).angka
            elif k.pilihan is not None:
                s = p.teks(t, r, cells, "Nilai")
                if not s:
                    nilai[k.medan] = None
                    continue
                kode = cocokkan(s, k.pilihan, m.SKALA_PREDIKAT_SINONIM if k.pilihan is m.SKALA_PREDIKAT_LABEL else None)
                if kode == "akip" and k.pilihan is m.SKALA_PREDIKAT_LABEL:
                    p.lap.peringatan(
                        f"Skala 'akip' untuk '{k.label}': nilai AKIP (AA ... D, PermenPANRB 88/2021) menilai skor "
                        "LKE 0-100 hasil evaluasi SAKIP, bukan capaian indikator (yang bisa lebih dari 100%).",
                        saran="Pilih sakip3, lkjip5, permendagri86 atau depok2020 untuk capaian; untuk skor LKE "
                              "pakai fungsi =NILAI_AKIP(skor).", sheet=t.sheet, sel=t.sel(r, "Nilai"))
                if kode is None:
                    p.lap.galat(f"Nilai '{s}' untuk pengaturan '{k.label}' tidak dikenal.",
                                saran=f"Pilih salah satu: {daftar_kutip(k.pilihan)}.", sheet=t.sheet,
                                sel=t.sel(r, "Nilai"))
                nilai[k.medan] = kode
            else:
                nilai[k.medan] = p.teks(t, r, cells, "Nilai")
        for k in m.PENGATURAN_KUNCI:
            if k.wajib and nilai.get(k.medan) is None:
                p.lap.galat(f"Pengaturan '{k.label}' belum diisi.",
                            saran=f"Tambahkan baris '{k.label}' di tabel Pengaturan dan isi kolom Nilai "
                                  f"({k.keterangan})", sheet=t.sheet, sel=sel.get(k.medan, ""))
        awal, akhir, tahun = nilai.get("awal_renstra"), nilai.get("akhir_renstra"), nilai.get("tahun")
        if awal and akhir and awal > akhir:
            p.lap.galat(f"Awal Renstra ({awal}) lebih besar dari Akhir Renstra ({akhir}).",
                        saran="Periksa kedua tahun Renstra.", sheet=t.sheet, sel=sel.get("awal_renstra", ""))
        elif awal and akhir and tahun and not awal <= tahun <= akhir:
            p.lap.galat(f"Tahun Laporan {tahun} di luar periode Renstra {awal}-{akhir}.",
                        saran="Periksa Tahun Laporan atau periode Renstra.", sheet=t.sheet,
                        sel=sel.get("tahun", ""))
    kebijakan_kw = {}
    for k in m.PENGATURAN_KUNCI:
        if k.medan in m.MEDAN_KEBIJAKAN:
            v = nilai.get(k.medan)
            if v is None and k.bawaan:
                v = k.pilihan[k.bawaan] if k.pilihan else k.bawaan
            kebijakan_kw[k.medan] = v
    try:
        kebijakan = buat_kebijakan(kebijakan_kw)
    except AturanError as e:  # without the sheet every value is a default, which the rules accept
        # the cell of the setting the rule names (e.g. Batas Cukup Efisien above Batas Efisien), when it says one
        pesan = e.masalah.pesan
        disebut = sorted((k for k in m.PENGATURAN_KUNCI if k.label in pesan and k.medan in sel),
                         key=lambda k: pesan.index(k.label))
        p.lap.galat(f"Pengaturan tidak dapat dipakai: {e.masalah.pesan}", saran=e.masalah.saran,
                    sheet=t.sheet if t is not None else m.SHEET_PENGATURAN,
                    sel=sel[disebut[0].medan] if disebut else "")
        kebijakan = kebijakan_kw
    return Pengaturan(
        instansi=nilai.get("instansi") or "", wilayah=nilai.get("wilayah") or "", tahun=nilai.get("tahun") or 0,
        awal_renstra=nilai.get("awal_renstra") or 0, akhir_renstra=nilai.get("akhir_renstra") or 0,
        kebijakan=kebijakan, kepala=nilai.get("kepala") or "", nip=nilai.get("nip") or "", lokasi=sel)


def _angka_teks(teks: str) -> bool:
    """Text the number parser reads as a number (or a blank marker): what p.isian reports itself."""
    try:
        parse_angka(teks)
        return True
    except (AngkaError, AturanError):
        return False


def buat_kebijakan(kw: dict):
    """`lakip_xl.aturan.capaian.Kebijakan(**kw)`: the policy bundle of the Pengaturan values. Raises
    AturanError (Indonesian message and fix) when the rules refuse a value."""
    from lakip_xl.aturan.capaian import Kebijakan

    return Kebijakan(**kw)


def _skala_huruf(nama: str | None):
    from lakip_xl.aturan.capaian import skala_nilai_dari

    return skala_nilai_dari(nama or "akip")


def _huruf_tersirat(p: Pembaca) -> dict[str, str]:
    """Kode Indikator -> grade scale ("akip" | "opini_bpk") of the indicators whose Realisasi rows type a
    grade as target ("BB", "WTP"): with Polaritas left empty such an indicator is a grade indicator, as
    docs/template.md says (docs/aturan.md section 1, huruf). Read quietly: the Realisasi sheet's own
    problems are reported when it is read."""
    from lakip_xl.aturan.capaian import SKALA_HURUF

    nama = p.nama_sheet(m.SHEET_REALISASI)
    if nama is None:
        return {}
    t = cari_tabel(p.s.rows(nama), nama, m.WAJIB[m.SHEET_REALISASI], m.KOLOM[m.SHEET_REALISASI], Laporan())
    if t is None or t.kol("Target") is None:
        return {}
    out: dict[str, str] = {}
    for _, cells in lepas_baris(t):
        kode, target = t.ambil(cells, "Kode Indikator"), t.ambil(cells, "Target")
        if not isinstance(target, str) or kosong(kode):
            continue
        skala = next((n for n, s in SKALA_HURUF.items() if s.punya(target.strip())), None)
        if skala is not None:
            out.setdefault(str(kode).strip().upper(), skala)
    return out


def _baca_indikator(p: Pembaca, sel_penyebut: dict[str, str] | None = None) -> list[Indikator]:
    """The Indikator sheet's rows; `sel_penyebut` receives each indicator's Penyebut cell address."""
    t = p.tabel(m.SHEET_INDIKATOR)
    if t is None:
        return []
    tersirat: list[dict[str, str]] = []  # the Realisasi scan, made once and only if some Polaritas is empty

    def huruf_tersirat() -> dict[str, str]:
        if not tersirat:
            tersirat.append(_huruf_tersirat(p))
        return tersirat[0]

    out: list[Indikator] = []
    dilihat: dict[str, str] = {}
    nama_sasaran: dict[str, tuple[str, str]] = {}
    baca_kode = p.kolom_kode(t, "Kode Indikator", wajib=True)
    baca_ks = p.kolom_kode(t, "Kode Sasaran", wajib=True)
    baca_sasaran = p.kolom_teks(t, "Sasaran Strategis")
    baca_nama = p.kolom_teks(t, "Indikator Kinerja", wajib=True,
                             saran=lambda r: f"Tulis nama indikator kinerja pada baris {r + 1}.")
    baca_polaritas = p.kolom_pilihan(t, "Polaritas", m.POLARITAS_LABEL, sinonim=m.POLARITAS_SINONIM)
    baca_tipe = p.kolom_pilihan(t, "Tipe Penghitungan", m.TIPE_LABEL, sinonim=m.TIPE_SINONIM, wajib=True)
    baca_skala = p.kolom_pilihan(t, "Skala Nilai", m.SKALA_NILAI_LABEL)
    baca_penyebut = p.kolom_isian(t, "Penyebut")
    baca_target_renstra = p.kolom_isian(t, "Target Renstra", boleh_rentang=True)
    baca_bobot = p.kolom_isian(t, "Bobot", boleh_negatif=False)
    baca_satuan, baca_formulasi, baca_sumber = (p.kolom_teks(t, j) for j in ("Satuan", "Formulasi", "Sumber Data"))
    for r, cells in lepas_baris(t):
        kode = baca_kode(r, cells)
        ks = baca_ks(r, cells)
        sasaran = baca_sasaran(r, cells)
        nama = baca_nama(r, cells)
        if ks:
            if sasaran and ks not in nama_sasaran:
                nama_sasaran[ks] = (sasaran, t.sel(r, "Sasaran Strategis"))
            elif sasaran and kunci(sasaran) != kunci(nama_sasaran[ks][0]):
                p.lap.peringatan(
                    f"Sasaran '{ks}' ditulis berbeda dengan baris sebelumnya ({nama_sasaran[ks][1]}).",
                    saran="Samakan teks Sasaran Strategis untuk kode sasaran yang sama.",
                    sheet=t.sheet, sel=t.sel(r, "Sasaran Strategis"))
            elif not sasaran and ks in nama_sasaran:
                sasaran = nama_sasaran[ks][0]  # staff leave the repeated sasaran text out
            elif not sasaran and "sasaran strategis" in t.kolom:
                p.lap.galat("Kolom 'Sasaran Strategis' kosong.",
                            saran=f"Tulis nama sasaran {ks} pada baris pertamanya.",
                            sheet=t.sheet, sel=t.sel(r, "Sasaran Strategis"))
        polaritas = baca_polaritas(r, cells)
        if polaritas is None:  # empty: a grade target makes a grade indicator, else positif (docs/template.md)
            skala_tersirat = huruf_tersirat().get(str(kode or "").upper())
            polaritas = "huruf" if skala_tersirat else "positif"
        tipe = baca_tipe(r, cells)
        skala_nilai = baca_skala(r, cells)
        huruf = None
        if polaritas == "huruf":
            skala_nilai = skala_nilai or (huruf_tersirat().get(str(kode or "").upper()) or "akip")
            huruf = _skala_huruf(skala_nilai)
        elif skala_nilai:
            p.lap.peringatan(f"Skala Nilai '{skala_nilai}' diabaikan karena polaritas bukan huruf.",
                             saran="Kosongkan Skala Nilai, atau pilih Polaritas 'huruf'.", sheet=t.sheet,
                             sel=t.sel(r, "Skala Nilai"))
            skala_nilai = None
        penyebut = baca_penyebut(r, cells).angka
        if sel_penyebut is not None and kode:
            sel_penyebut[kode] = t.sel(r, "Penyebut")
        if penyebut is not None and penyebut <= 0:
            p.lap.galat(f"Penyebut harus lebih dari 0 (tertulis {penyebut}).",
                        saran="Isi penyebut (misalnya jumlah penduduk usia produktif 1.264.373), atau kosongkan.",
                        sheet=t.sheet, sel=t.sel(r, "Penyebut"))
            penyebut = None
        target_renstra = baca_target_renstra(r, cells, huruf)
        bobot = baca_bobot(r, cells).angka
        if kode:
            if kode in dilihat:
                p.lap.galat(f"Kode Indikator '{kode}' dipakai dua kali (juga di {dilihat[kode]}).",
                            saran="Setiap indikator harus punya kode unik, misalnya IK1, IK2, ...",
                            sheet=t.sheet, sel=t.sel(r, "Kode Indikator"))
                continue
            dilihat[kode] = t.sel(r, "Kode Indikator")
        out.append(Indikator(
            kode=kode, kode_sasaran=ks, sasaran=sasaran, nama=nama,
            satuan=baca_satuan(r, cells), polaritas=polaritas or "positif",
            tipe=tipe or "non_kumulatif", skala_nilai=skala_nilai, penyebut=penyebut,
            target_renstra=target_renstra, bobot=bobot, formulasi=baca_formulasi(r, cells),
            sumber=baca_sumber(r, cells), lokasi=Lokasi(t.sheet, r + 1)))
    return out


def _cek_penyebut(p: Pembaca, data: DataLakip, sel_penyebut: dict[str, str]) -> None:
    """Counts (Jumlah) of an indicator whose unit is a percentage but whose Penyebut is empty: the
    realisasi becomes the bare count (10 counts read as 10,00 %), which is almost always a forgotten
    Penyebut (docs/template.md, Indikator: Penyebut). Warned at the indicator's Penyebut cell."""
    dengan_jumlah = {r.kode for r in data.realisasi if r.jumlah.angka is not None}
    for ind in data.indikator:
        satuan = (ind.satuan or "").strip().lower()
        if ind.kode in dengan_jumlah and ind.penyebut is None and ("%" in satuan or "persen" in satuan):
            p.lap.peringatan(
                f"Indikator {ind.kode} bersatuan '{ind.satuan}' dan kolom Jumlah-nya diisi, tetapi Penyebut kosong: "
                "realisasi dihitung sebagai jumlah itu sendiri, bukan persentase.",
                saran="Isi Penyebut (misalnya jumlah seluruh pasar 40), atau ubah Satuan bila realisasinya memang "
                      "berupa jumlah.", sheet=ind.lokasi.sheet or m.SHEET_INDIKATOR,
                sel=sel_penyebut.get(ind.kode, ""))


def _baca_realisasi(p: Pembaca, peng: Pengaturan, indikator: dict[str, Indikator]) -> list[RealisasiBaris]:
    t = p.tabel(m.SHEET_REALISASI)
    if t is None:
        return []
    out: list[RealisasiBaris] = []
    dilihat: dict[tuple, int] = {}  # (kode, tahun, triwulan) -> its 1-based row
    baca_kode = p.kolom_kode(t, "Kode Indikator", wajib=True)
    baca_tahun = p.kolom_tahun(t)
    baca_tw = p.kolom_pilihan(t, "Triwulan", m.TRIWULAN_LABEL, sinonim=_TRIWULAN_SINONIM)
    baca_target = p.kolom_isian(t, "Target", boleh_rentang=True)
    baca_realisasi = p.kolom_isian(t, "Realisasi")
    baca_jumlah = p.kolom_isian(t, "Jumlah", boleh_negatif=False)
    baca_catatan = p.kolom_teks(t, "Catatan")
    for r, cells in lepas_baris(t):
        kode = baca_kode(r, cells)
        ind = indikator.get(kode)
        if kode and ind is None and indikator:
            p.lap.galat(f"Kode Indikator '{kode}' tidak ada di sheet Indikator.",
                        saran=f"Gunakan salah satu kode: {', '.join(indikator)}; atau tambahkan indikatornya "
                              "di sheet Indikator.", sheet=t.sheet, sel=t.sel(r, "Kode Indikator"))
        tahun = baca_tahun(r, cells)
        if tahun is not None and peng.awal_renstra and peng.akhir_renstra and \
                not peng.awal_renstra <= tahun <= peng.akhir_renstra:
            p.lap.galat(f"Tahun {tahun} di luar periode Renstra {peng.awal_renstra}-{peng.akhir_renstra}.",
                        saran="Periksa tahunnya, atau ubah Awal/Akhir Renstra di sheet Pengaturan.",
                        sheet=t.sheet, sel=t.sel(r, "Tahun"))
        tw = baca_tw(r, cells)
        huruf = _skala_huruf(ind.skala_nilai) if ind is not None and ind.polaritas == "huruf" else None
        target = baca_target(r, cells, huruf)
        realisasi = baca_realisasi(r, cells, huruf)
        jumlah = baca_jumlah(r, cells)
        if isinstance(target.nilai, Decimal) and target.nilai == 0:
            k = peng.kebijakan
            tn = k.get("target_nol", "na") if isinstance(k, dict) else getattr(k, "target_nol", "na")
            if tn == "na":
                p.lap.peringatan("Target bernilai 0: capaian tidak dapat dihitung (n/a), kecuali pengaturan "
                                 "'Target Nol' diubah.",
                                 saran="Periksa target; bila memang 0, pilih kebijakan di Pengaturan > Target Nol.",
                                 sheet=t.sheet, sel=target.sel)
            else:  # the policy chosen is applied (docs/aturan.md section 1, impossible arithmetic)
                p.lap.peringatan(f"Target bernilai 0: capaian diisi {tn} sesuai pengaturan 'Target Nol'.",
                                 saran="Periksa target; bila bukan 0, perbaiki angkanya.",
                                 sheet=t.sheet, sel=target.sel)
        if ind is not None:
            _cek_target_negatif(p, target, ind, peng, t.sheet)
        if jumlah.nilai is not None and huruf is not None:
            p.lap.galat("Kolom 'Jumlah' diisi untuk indikator bernilai huruf.",
                        saran="Kosongkan Jumlah; isi nilai huruf di kolom Realisasi.", sheet=t.sheet, sel=jumlah.sel)
        key = (kode, tahun, tw)
        if kode and tahun is not None:
            if key in dilihat:
                per = f" triwulan {tw}" if tw else ""
                p.lap.galat(f"Baris untuk {kode} tahun {tahun}{per} ditulis dua kali (juga di baris "
                            f"{dilihat[key]}).", saran="Hapus atau gabungkan salah satu baris.",
                            sheet=t.sheet, sel=t.sel(r, "Kode Indikator"))
                continue
            dilihat[key] = r + 1
        out.append(RealisasiBaris(
            kode=kode, tahun=tahun or 0, triwulan=tw, target=target, realisasi=realisasi, jumlah=jumlah,
            catatan=baca_catatan(r, cells), lokasi=Lokasi(t.sheet, r + 1)))
    _cek_menurun(p, out, indikator, t.sheet)
    return out


def _cek_target_negatif(p: Pembaca, target, ind: Indikator, peng: Pengaturan, sheet: str) -> None:
    """A target (or a range bound) below 0: capaian follows docs/aturan.md section 1 (Target negatif),
    which depends on the polaritas; the user is told which rule applied, at the cell."""
    nilai = target.nilai
    bawah = nilai.bawah if isinstance(nilai, Rentang) else nilai
    if not isinstance(bawah, Decimal) or bawah >= 0:
        return
    k = peng.kebijakan
    metode = (k.get("metode") if isinstance(k, dict) else getattr(k, "metode", None)) or "selisih"
    if isinstance(nilai, Rentang):
        aturan = ("capaian di luar rentang dihitung 100 + (realisasi - batas) / |batas| x 100, yang sama dengan "
                  "realisasi / batas x 100 bila batasnya positif")
    elif ind.polaritas == "negatif" and metode == "rasio":
        aturan = ("metode rasio (target / realisasi) tidak bermakna untuk target negatif, sehingga capaiannya n/a")
    elif ind.polaritas == "negatif":
        aturan = ("capaian polaritas negatif dihitung 100 + (target - realisasi) / |target| x 100, yang sama dengan "
                  "(2 x target - realisasi) / target x 100 bila target positif")
    else:
        aturan = ("capaian polaritas positif dihitung 100 + (realisasi - target) / |target| x 100, yang sama dengan "
                  "realisasi / target x 100 bila target positif (rumus biasa membalik artinya bila target negatif)")
    p.lap.peringatan(
        f"Target {ind.kode} bernilai negatif ({target.teks or bawah}): {aturan}.",
        saran="Periksa tanda target. Bila memang negatif (misalnya target pertumbuhan -2%), tidak ada yang perlu "
              "diubah" + ("; bila capaian harus dihitung, pilih Metode Negatif 'selisih' di sheet Pengaturan."
                          if ind.polaritas == "negatif" and metode == "rasio" and not isinstance(nilai, Rentang)
                          else " (docs/aturan.md bagian 1, Target negatif)."),
        sheet=sheet, sel=target.sel)


_TRIWULAN_SINONIM = {kunci_rapat(f"{a}{b}"): n for n, b in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
                     for a in ("tw", "triwulan", "q")} | {str(n): n for n in range(1, 5)}


def _cek_menurun(p: Pembaca, rows: list[RealisasiBaris], indikator: dict[str, Indikator], sheet: str) -> None:
    """A kumulatif indicator's typed s/d realisasi must not decrease from year to year (docs/aturan.md
    section 3). A warning only: the seed's own koperasi aktif (89,93 -> 44,00 -> 34,67) is typed
    Kumulatif in its Renstra, and the report must still be produced. Indicators with counts in
    Jumlah are skipped: their realisasi follows from the counts."""
    per_kode: dict[str, list[RealisasiBaris]] = {}
    for x in rows:
        per_kode.setdefault(x.kode, []).append(x)
    for kode, ind in indikator.items():
        if ind.tipe != "kumulatif":
            continue
        mine = per_kode.get(kode, [])
        if any(x.jumlah.nilai is not None for x in mine):
            continue
        seri = sorted((x for x in mine if x.triwulan is None and isinstance(x.realisasi.nilai, Decimal)),
                      key=lambda x: x.tahun)
        for a, b in zip(seri, seri[1:]):
            if b.realisasi.nilai < a.realisasi.nilai:
                p.lap.peringatan(
                    f"Realisasi {kode} (Kumulatif) menurun dari {a.realisasi.teks} ({a.tahun}, sel "
                    f"{a.realisasi.sel}) menjadi {b.realisasi.teks} ({b.tahun}); realisasi kumulatif s/d tahun "
                    "tidak boleh turun.",
                    saran="Bila angka ini nilai per tahun (bukan s/d), ubah Tipe Penghitungan menjadi "
                          "'Non Kumulatif', atau isi hitungan per tahun di kolom Jumlah.",
                    sheet=sheet, sel=b.realisasi.sel)


def _cek_kode(p: Pembaca, t: Tabel, r: int, kode: str, judul: str, boleh: dict | set, jenis: str) -> None:
    if kode and boleh and kode not in boleh:
        p.lap.galat(f"{jenis} '{kode}' tidak ada di sheet Indikator.",
                    saran=f"Gunakan salah satu kode: {', '.join(sorted(boleh))}.", sheet=t.sheet, sel=t.sel(r, judul))


def _baca_anggaran(p: Pembaca, indikator: dict[str, Indikator]) -> list[Anggaran]:
    t = p.tabel(m.SHEET_ANGGARAN, wajib_ada=False)
    out = []
    if t is None:
        return out
    baca_kode, baca_tahun = p.kolom_kode(t, "Kode Indikator", wajib=True), p.kolom_tahun(t)
    baca_pagu = p.kolom_isian(t, "Pagu", wajib=True, boleh_negatif=False)
    baca_realisasi = p.kolom_isian(t, "Realisasi", boleh_negatif=False)
    for r, cells in lepas_baris(t):
        kode = baca_kode(r, cells)
        _cek_kode(p, t, r, kode, "Kode Indikator", indikator, "Kode Indikator")
        out.append(Anggaran(
            tahun=baca_tahun(r, cells) or 0, kode=kode, pagu=baca_pagu(r, cells),
            realisasi=baca_realisasi(r, cells), lokasi=Lokasi(t.sheet, r + 1)))
    return out


def _baca_program(p: Pembaca, indikator: dict[str, Indikator]) -> list[Program]:
    t = p.tabel(m.SHEET_PROGRAM, wajib_ada=False)
    sasaran = {i.kode_sasaran for i in indikator.values()}
    out = []
    for r, cells in (lepas_baris(t) if t else []):
        ks = p.kode(t, r, cells, "Kode Sasaran")
        ki = p.kode(t, r, cells, "Kode Indikator")
        _cek_kode(p, t, r, ks, "Kode Sasaran", sasaran, "Kode Sasaran")
        _cek_kode(p, t, r, ki, "Kode Indikator", indikator, "Kode Indikator")
        out.append(Program(
            tahun=p.tahun(t, r, cells) or 0, no=p.teks(t, r, cells, "No"),
            nama=p.teks(t, r, cells, "Program", wajib=True),
            pagu=p.isian(t, r, cells, "Pagu", wajib=True, boleh_negatif=False), kode_sasaran=ks,
            kode_indikator=ki, keterangan=p.teks(t, r, cells, "Keterangan"), lokasi=Lokasi(t.sheet, r + 1),
            realisasi=p.isian(t, r, cells, "Realisasi", boleh_negatif=False)))
    return out


def _baca_belanja(p: Pembaca) -> list[Belanja]:
    t = p.tabel(m.SHEET_BELANJA, wajib_ada=False)
    out = []
    for r, cells in (lepas_baris(t) if t else []):
        out.append(Belanja(
            tahun=p.tahun(t, r, cells) or 0, jenis=p.teks(t, r, cells, "Jenis Belanja", wajib=True),
            pagu=p.isian(t, r, cells, "Pagu", wajib=True, boleh_negatif=False),
            realisasi=p.isian(t, r, cells, "Realisasi", boleh_negatif=False), lokasi=Lokasi(t.sheet, r + 1)))
    return out


def _baca_dilaporkan(p: Pembaca, indikator: dict[str, Indikator]) -> list[Dilaporkan]:
    t = p.tabel(m.SHEET_DILAPORKAN, wajib_ada=False)
    out = []
    for r, cells in (lepas_baris(t) if t else []):
        besaran_teks = p.teks(t, r, cells, "Besaran", wajib=True)
        besaran = norm(besaran_teks, huruf=str.lower).replace(" ", "_")
        if besaran_teks and besaran not in m.BESARAN:
            p.lap.galat(f"Besaran '{besaran_teks}' tidak dikenal.",
                        saran=f"Pilih salah satu: {', '.join(m.BESARAN)}.", sheet=t.sheet, sel=t.sel(r, "Besaran"))
        out.append(Dilaporkan(
            tabel=p.teks(t, r, cells, "Tabel", wajib=True), kode=p.kode(t, r, cells, "Kode Indikator"),
            tahun=p.tahun(t, r, cells, wajib=False), besaran=besaran, nilai=_nilai_dilaporkan(p, t, r, cells),
            sumber=p.teks(t, r, cells, "Sumber"), lokasi=Lokasi(t.sheet, r + 1)))
    return out


def _nilai_dilaporkan(p: Pembaca, t: Tabel, r: int, cells) -> Isian:
    """A printed figure: a number when it reads as one, else its text (grade, Ket sentence). Never an
    error: judging it is the audit's job."""
    sel = t.sel(r, "Nilai")
    v = t.ambil(cells, "Nilai")
    if kosong(v):
        p.teks(t, r, cells, "Nilai", wajib=True)
        return Isian(None, "", sel, False)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        d = ke_decimal(v)
        return Isian(d, format(d, "f") if d is not None else "", sel, False)
    teks = " ".join(str(v).split())
    try:
        nilai = parse_angka(teks)
    except (AngkaError, AturanError):
        nilai = teks
    return Isian(nilai if nilai is not None else teks, teks, sel, True)


def _baca_analisis(p: Pembaca, indikator: dict[str, Indikator]) -> list[m.Analisis]:
    """Sheet Analisis (optional): the staff's analysis text per indicator and year for the LKjIP
    document. Absent in older workbooks (nothing to read); a sheet of that name without the table
    (an agency's own sheet) is left alone with a warning, so such a workbook still syncs."""
    nama = p.nama_sheet(m.SHEET_ANALISIS)
    if nama is None:
        return []
    t = cari_tabel(p.s.rows(nama), nama, WAJIB[m.SHEET_ANALISIS], KOLOM[m.SHEET_ANALISIS], Laporan())
    if t is None:
        p.lap.peringatan(
            f"Sheet '{nama}' tidak berisi tabel analisis (kolom 'Kode Indikator' dan 'Tahun'), jadi tidak dibaca.",
            saran="Bila sheet ini milik Anda sendiri, abaikan peringatan ini. Untuk mengisi analisis laporan "
                  "(faktor pendorong/penghambat, upaya), salin sheet Analisis dari template.", sheet=nama)
        return []
    p.cek_gabung(t)
    out: list[m.Analisis] = []
    dilihat: dict[tuple[str, int], str] = {}
    for r, cells in lepas_baris(t):
        kode = p.kode(t, r, cells, "Kode Indikator", wajib=True)
        _cek_kode(p, t, r, kode, "Kode Indikator", indikator, "Kode Indikator")
        tahun = p.tahun(t, r, cells)
        ind = indikator.get(kode)
        huruf = _skala_huruf(ind.skala_nilai) if ind is not None and ind.polaritas == "huruf" else None
        if kode and tahun is not None:
            if (kode, tahun) in dilihat:
                p.lap.galat(f"Analisis {kode} tahun {tahun} ditulis dua kali (juga di baris {dilihat[kode, tahun]}).",
                            saran="Gabungkan kedua baris menjadi satu.", sheet=t.sheet, sel=t.sel(r, "Kode Indikator"))
                continue
            dilihat[kode, tahun] = str(r + 1)
        out.append(m.Analisis(
            kode=kode, tahun=tahun or 0,
            pendorong=_teks_berbaris(p, t, r, cells, "Faktor Pendorong"),
            penghambat=_teks_berbaris(p, t, r, cells, "Faktor Penghambat"),
            upaya=_teks_berbaris(p, t, r, cells, "Upaya / Solusi"),
            tindak_lanjut=_teks_berbaris(p, t, r, cells, "Rencana Tindak Lanjut"),
            efisiensi=_teks_berbaris(p, t, r, cells, "Analisis Efisiensi"),
            target_nasional=p.isian(t, r, cells, "Target Nasional/SPM", huruf=huruf, boleh_rentang=True),
            sumber_target_nasional=p.teks(t, r, cells, "Sumber Target Nasional"),
            lokasi=Lokasi(t.sheet, r + 1)))
    return out


def _teks_berbaris(p: Pembaca, t: Tabel, r: int, cells, judul: str) -> str:
    """A free text cell keeping its line breaks (one point per line), each line's spacing tidied."""
    v = t.ambil(cells, judul)
    if kosong(v):
        p.cek_rumus(t, r, judul)
        return ""
    if not isinstance(v, str):
        return p.teks(t, r, cells, judul)
    return "\n".join(b for b in (" ".join(x.split()) for x in v.splitlines()) if b)


# --------------------------------------------------------------------------------------------------
# Public API


# The data sheets baca_data reads after Pengaturan and Indikator, in its order: a source that can parse
# sheets in the background (SumberCalamine.siapkan) starts on them while those two are read.
_DIBACA_SETELAH_INDIKATOR = (m.SHEET_REALISASI, m.SHEET_ANGGARAN, m.SHEET_PROGRAM, m.SHEET_BELANJA,
                             m.SHEET_DILAPORKAN, m.SHEET_ANALISIS)


def baca_data(sumber: SumberData) -> DataLakip:
    """Read every data sheet of `sumber`. Raises InputError listing all problems when any is an error;
    warnings alone come back in `DataLakip.peringatan`."""
    p = Pembaca(sumber)
    siapkan = getattr(sumber, "siapkan", None)  # optional: SumberCalamine parses these ahead
    if siapkan is not None:
        siapkan([n for n in map(p.nama_sheet, _DIBACA_SETELAH_INDIKATOR) if n])
    peng = _baca_pengaturan(p)
    sel_penyebut: dict[str, str] = {}
    daftar = _baca_indikator(p, sel_penyebut)
    per_kode = {i.kode: i for i in daftar if i.kode}
    data = DataLakip(
        pengaturan=peng, indikator=daftar, realisasi=_baca_realisasi(p, peng, per_kode),
        anggaran=_baca_anggaran(p, per_kode), program=_baca_program(p, per_kode), belanja=_baca_belanja(p),
        dilaporkan=_baca_dilaporkan(p, per_kode), analisis=_baca_analisis(p, per_kode), berkas=sumber.nama)
    _cek_penyebut(p, data, sel_penyebut)
    p.lap.hentikan_jika_galat(berkas=sumber.nama)
    data.peringatan = [Masalah(**{**x.__dict__, "berkas": x.berkas or sumber.nama}) for x in p.lap.daftar]
    return data


def baca_workbook(path: str | Path) -> DataLakip:
    """Read a workbook file (python-calamine). BerkasError when the file cannot be opened, InputError
    listing every problem of its data sheets."""
    return baca_data(SumberCalamine(path))


__all__ = ["SumberData", "SumberCalamine", "baca_data", "baca_workbook", "cari_tabel", "cocokkan", "Tabel",
           "InputError"]

"""An agency's own workbook as a source of the model: find its tables (`petakan`), write the mapping into
it as the "Peta LAKIP" sheet (`tulis_peta`), read it through that sheet (`baca.baca_terpeta`).

    sinonim.py  one table of header synonyms per role; the words of totals, notes, signatures
    deteksi.py  tables on a sheet: title rows, headers of one to five rows, numbered header rows,
                the role of each column, the data rows and their kinds
    lembar.py   the Peta LAKIP sheet: written once by `peta`, the user's afterwards
    baca.py     mapping -> DataLakip (figures, stated figures for the audit, programs, spending)
    sumber.py   the cells: the workbook, or an .xls beside the .xlsx that holds its Peta LAKIP sheet

Developer guide: docs/dev/peta.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lakip_xl.aturan.angka import parse_angka
from lakip_xl.aturan.capaian import skala_nilai_dari
from lakip_xl.aturan.nilai import Rentang
from lakip_xl.errors import AngkaError, AturanError, BerkasError, InputError, LakipError, Laporan, Masalah
from lakip_xl.sumber import model as m
from lakip_xl.sumber.model import DataLakip, kunci
from lakip_xl.sumber.peta import sinonim as s
from lakip_xl.sumber.peta.baca import BacaanPeta, Kumpulan, baca_buku, baca_terpeta, bacaan_buku, kumpulkan
from lakip_xl.sumber.peta.deteksi import Lembar, Tabel, jenis_baris, kunci_kolom, teks_sel, temukan
from lakip_xl.sumber.peta.lembar import SHEET_PETA, FaktaIndikator, Peta, ada_peta, lembar_peta
from lakip_xl.sumber.peta.sumber import buka

_SHEET_TEMPLATE = (m.SHEET_PENGATURAN, m.SHEET_INDIKATOR, m.SHEET_REALISASI)
_NEGATIF = ("kematian", "pengangguran", "kemiskinan", "prevalensi", "stunting", "kasus", "kecelakaan", "inflasi",
            "gizi buruk", "kesakitan", "kriminalitas", "pelanggaran", "kebakaran", "banjir")


@dataclass
class HasilPeta:
    """What `petakan` found: the mapping it proposes, the sheets without a table, the trial read."""

    berkas: str
    peta: Peta
    tanpa_tabel: list[str] = field(default_factory=list)
    baris: dict[int, dict[str, int]] = field(default_factory=dict)  # id(table) -> kind of row -> count
    masalah: list[Masalah] = field(default_factory=list)  # of the trial read through the mapping
    data: DataLakip | None = None
    xls: bool = False

    def ringkasan(self) -> str:
        """What was found, in Bahasa Indonesia, for the terminal."""
        out = [f"Berkas: {self.berkas}"]
        if not self.peta.tabel:
            out.append("Tidak ada tabel kinerja yang dikenali (baris judul berisi kolom Indikator, Program/Kegiatan "
                       "atau Jenis Belanja bersama kolom lain seperti Target, Realisasi, Satuan).")
        for t in self.peta.tabel:
            n = self.baris.get(id(t), {})
            jenis = {"indikator": "tabel indikator", "program": "tabel program", "belanja": "tabel belanja"}.get(
                t.jenis, "tabel")
            rincian = ", ".join(f"{v} baris {k}" for k, v in sorted(n.items()) if k not in ("kosong",))
            out.append(f"Sheet '{t.sheet}': {jenis} {t.rentang} (judul baris {t.judul_awal + 1}-{t.judul_akhir + 1}, "
                       f"data baris {t.data_awal + 1}-{t.data_akhir + 1}){': ' + rincian if rincian else ''}.")
            dipakai = [k for k in t.kolom if k.peran != "abaikan"]
            out.append("  Kolom: " + "; ".join(f"{k.huruf} {_peran_teks(k)}" for k in dipakai) + ".")
            abaikan = [k for k in t.kolom if k.peran == "abaikan"]
            if abaikan:
                out.append("  Tidak dipakai: " + "; ".join(f"{k.huruf} '{_pendek(k.judul, 40)}'" for k in abaikan) + ".")
            for x in t.tidak_jelas:
                out.append(f"  Belum pasti: {x}")
        for nama in self.tanpa_tabel:
            out.append(f"Sheet '{nama}': tidak ada tabel yang dikenali.")
        fakta = [f"{k} {v}" for k, v in self.peta.pengaturan.items() if v not in ("", None)
                 and k in ("Tahun Laporan", "Awal Renstra", "Akhir Renstra", "Instansi", "Kota/Kabupaten",
                           "Kepala Dinas", "NIP")]
        out.append("Pengaturan: " + ("; ".join(fakta) if fakta else "(tidak ada yang terbaca)") + ".")
        for label, asal in self.peta.keterangan.items():
            out.append(f"  {label}: {asal}")
        if self.peta.indikator:
            huruf = sum(1 for f in self.peta.indikator if f.polaritas == "huruf")
            rentang = sum(1 for f in self.peta.indikator if f.polaritas == "rentang")
            sas = len({kunci(i.sasaran) for i in self.data.indikator}) if self.data else None
            teks = f"Indikator: {len(self.peta.indikator)}"
            if sas is not None:
                teks += f" dalam {sas} sasaran"
            teks += (f"; polaritas huruf {huruf}, rentang {rentang}, lainnya positif; semua bertipe Non Kumulatif "
                     "(bawaan).")
            out.append(teks)
            out.append("  Yang tidak terlihat dari tabel (polaritas negatif, tipe Kumulatif, penyebut) harus diisi di "
                       f"sheet '{SHEET_PETA}' bagian C.")
            if any(k.peran in ("capaian", "predikat", "ket") for t in self.peta.tabel for k in t.kolom):
                out.append(f"  Agar sync mengisi kolom Capaian/Predikat/Keterangan tabel Anda dengan angka aturan: tulis "
                           f"Ya di kolom 'Diisi lakip_xl' baris kolom itu (sheet '{SHEET_PETA}' bagian B).")
        if self.data is not None:
            d = self.data
            out.append(f"Terbaca: {len(d.realisasi)} baris target/realisasi, {len(d.anggaran)} anggaran indikator, "
                       f"{len(d.program)} program, {len(d.belanja)} baris belanja, {len(d.dilaporkan)} angka "
                       "instansi yang akan diperiksa (capaian, Ket, jumlah).")
        galat = [x for x in self.masalah if x.tingkat == "galat"]
        if galat:
            out.append(f"Perlu dikoreksi di sheet '{SHEET_PETA}' sebelum sinkronisasi ({len(galat)}):")
            out.extend(f"  - {x.teks()}" for x in galat[:30])
            if len(galat) > 30:
                out.append(f"  ... dan {len(galat) - 30} lainnya.")
        for x in self.peta.catatan:
            out.append(f"Catatan: {x}")
        return "\n".join(out)


def _pendek(teks: str, n: int = 60) -> str:
    return teks if len(teks) <= n else teks[: n - 1] + "…"


def _peran_teks(k) -> str:
    teks = s.PERAN.get(k.peran, k.peran)
    extra = [str(k.tahun)] if k.tahun else []
    if k.triwulan:
        extra.append(f"TW {('I', 'II', 'III', 'IV')[k.triwulan - 1]}")
    return teks + (f" ({', '.join(extra)})" if extra else "")


def _dilewati(path: Path, nama: list[str]) -> set[str]:
    """Sheets never read as the agency's tables: the Peta LAKIP sheet, the sheets lakip_xl generated (its
    ownership marker: "LAKIP Pengukuran Kinerja", not an agency's own "LAKIP 2020"), xlwings.conf."""
    out = {n for n in nama if kunci(n) == kunci(SHEET_PETA) or kunci(n) == "xlwings.conf"}
    try:
        from lakip_xl.xlsx import owned_sheets

        out |= set(owned_sheets(path))
    except (LakipError, OSError, ValueError):
        pass
    return out


def petakan(path: str | Path) -> HasilPeta:
    """Find the agency's tables in `path`, propose a mapping with defaults for what the layout cannot show,
    and read the workbook through it once (its problems come back in `masalah`). Writes nothing.

    BerkasError when the file cannot be read; InputError when it already uses the template's data
    sheets (it needs no mapping)."""
    path = Path(path)
    sumber = _sumber(path)
    nama = sumber.sheet_names()
    ada = {kunci(n) for n in nama}
    if all(kunci(x) in ada for x in _SHEET_TEMPLATE):
        raise InputError([Masalah(
            "Buku kerja ini sudah memakai sheet data template lakip_xl (Pengaturan, Indikator, Realisasi); "
            "tidak perlu dipetakan.", saran=f"Jalankan 'lakip-xl sync {path.name}'.")], berkas=path.name)
    lewati = _dilewati(path, nama)
    lembar: list[Lembar] = []
    tabel: list[Tabel] = []
    tanpa: list[str] = []
    for n in nama:
        if n in lewati:
            continue
        rows = sumber.rows(n)
        lb = Lembar(n, rows, sumber.merged_ranges(n))
        ts = temukan(lb)
        lembar.append(lb)
        if not ts:
            if any(any(v not in (None, "") for v in row) for row in rows):
                tanpa.append(n)
            continue
        tabel.extend(ts)
    peta = Peta(tabel=tabel)
    hasil = HasilPeta(path.name, peta, tanpa, xls=_xls(path))
    per_lb = {lb.nama: lb for lb in lembar}
    info: list[str] = []  # "Perangkat Daerah : ..." rows inside the tables
    for t in tabel:
        lb = per_lb[t.sheet]
        kk = kunci_kolom(t)
        nk = [k.kol for k in t.kolom if k.peran in ("target", "realisasi", "capaian", "pagu", "realisasi_anggaran",
                                                      "target_renstra", "realisasi_sd", "capaian_renstra", "serapan")]
        hitung: dict[str, int] = {}
        for r in range(t.data_awal, t.data_akhir + 1):
            j = jenis_baris(lb, r, t, kk, nk)
            hitung[j] = hitung.get(j, 0) + 1
            if j == "info":
                info.extend(teks_sel(x) for x in lb.rows[r] if teks_sel(x))
        hasil.baris[id(t)] = hitung
    _fakta(peta, info)
    lap = Laporan()
    kum = kumpulkan(sumber, peta, lap)
    peta.indikator = _fakta_indikator(kum)
    try:
        bacaan = baca_terpeta(sumber, peta, kum)
        hasil.data = bacaan.data
        hasil.masalah = list(bacaan.data.peringatan)
    except InputError as e:
        hasil.masalah = e.daftar
    return hasil


def _xls(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(8) == bytes.fromhex("D0CF11E0A1B11AE1") and path.suffix.lower() == ".xls"
    except OSError:
        return False


def _sumber(path: Path):
    from lakip_xl.sumber.baca import SumberCalamine

    return SumberCalamine(path)


def _fakta(peta: Peta, info: list[str]) -> None:
    """Facts a layout may show: the report year, the Renstra period, the agency, the region, the
    signature; each with where it was read (Peta.keterangan)."""
    p, ket = peta.pengaturan, peta.keterangan
    tahun_kol: dict[str, list[int]] = {}
    for t in peta.tabel:
        for k in t.kolom:
            if k.tahun and not k.triwulan:
                tahun_kol.setdefault(k.peran, []).append(k.tahun)
    judul = [x for t in peta.tabel for x in t.judul_atas]
    periode = next((s.periode_di(x) for x in judul if s.periode_di(x)), None)
    tahun = None
    for peran in ("realisasi", "capaian", "target"):
        if tahun_kol.get(peran):
            tahun = max(tahun_kol[peran])
            ket["Tahun Laporan"] = f"tahun terbesar kolom {s.PERAN[peran]} ({tahun}); periksa"
            break
    if tahun is None:
        th = [t.tahun for t in peta.tabel if t.tahun]
        if th:
            tahun = max(th)
            ket["Tahun Laporan"] = f"dari judul tabel ({tahun}); periksa"
        else:
            ket["Tahun Laporan"] = "tidak terbaca dari tabel: ISI"
    semua = [y for ys in tahun_kol.values() for y in ys] + ([tahun] if tahun else [])
    if periode:
        awal, akhir = periode
        ket["Awal Renstra"] = ket["Akhir Renstra"] = f"dari judul '{_pendek(next(x for x in judul if s.periode_di(x)))}'"
    else:
        akhir = max(tahun_kol.get("target_renstra") or semua or [0]) or None
        awal = min(min(semua), akhir - 4) if semua and akhir else None
        if akhir:
            ket["Akhir Renstra"] = ("tahun kolom Target Renstra" if tahun_kol.get("target_renstra")
                                    else "tahun terbesar di tabel") + "; periksa"
            ket["Awal Renstra"] = "perkiraan (Renstra lima tahun); periksa"
        else:
            ket["Awal Renstra"] = ket["Akhir Renstra"] = "tidak terbaca: ISI"
    if tahun and awal and akhir:
        awal, akhir = min(awal, tahun), max(akhir, tahun)
    p["Tahun Laporan"] = tahun or ""
    p["Awal Renstra"] = awal or ""
    p["Akhir Renstra"] = akhir or ""
    # agency, region and signature from the titles, "Perangkat Daerah : ..." rows and the notes
    instansi = wilayah = kepala = nip = ""
    for t in peta.tabel:
        for x in t.judul_atas + info:
            instansi = instansi or s.instansi_di(x) or (x if _nama_instansi(x) else "")
            wilayah = wilayah or s.wilayah_di(x) or ""
        baris = t.catatan_bawah
        for i, x in enumerate(baris):
            n = s.nip_di(x)
            if n and not nip:
                nip = n
                j = i - 1
                while j >= 0 and s.pangkat(baris[j]):
                    j -= 1
                if j >= 0 and not s.baris_catatan(baris[j]):
                    kepala = baris[j]
    for label, v in (("Instansi", instansi), ("Kota/Kabupaten", wilayah), ("Kepala Dinas", kepala), ("NIP", nip)):
        if v:
            p[label] = v
            ket[label] = "dari judul atau tanda tangan tabel; periksa"
    for k in m.PENGATURAN_KUNCI:
        if k.label not in p and k.bawaan:
            p[k.label] = int(k.bawaan) if k.bawaan.isdigit() else k.bawaan


_AWAL_INSTANSI = ("dinas ", "badan ", "biro ", "kantor ", "inspektorat", "sekretariat ", "satuan polisi", "rsud ",
                  "rumah sakit", "kecamatan ", "bagian ")


def _nama_instansi(teks: str) -> bool:
    t = teks.casefold()
    return t.startswith(_AWAL_INSTANSI) and len(teks) <= 120


def _fakta_indikator(kum: Kumpulan) -> list[FaktaIndikator]:
    """Part C pre-filled: positif and Non Kumulatif, huruf where a grade is typed, rentang where a target
    is a range; a note where the name suggests a negatif indicator."""
    akip, bpk = skala_nilai_dari("akip"), skala_nilai_dari("opini_bpk")
    out = []
    kode: set[str] = set()
    for n, x in enumerate(kum.indikator, start=1):
        f = FaktaIndikator(kode=f"IK{n}", nama=x.nama, sel=f"'{x.sel_nama.tabel.sheet}'!{x.sel_nama.alamat}")
        kode.add(f.kode)
        for (peran, _, _), daftar in x.sel.items():
            if peran not in ("target", "realisasi", "target_renstra"):
                continue
            for sel in daftar:
                v = sel.nilai
                if not isinstance(v, str) or not v.strip():
                    continue
                t = " ".join(v.split())
                if akip.punya(t):
                    f.polaritas, f.skala_nilai = "huruf", "akip"
                    f.catatan = f"nilai huruf '{t}' di sel {sel.alamat}"
                elif bpk.punya(t):
                    f.polaritas, f.skala_nilai = "huruf", "opini_bpk"
                    f.catatan = f"opini '{t}' di sel {sel.alamat}"
                elif f.polaritas == "positif" and peran == "target":
                    try:
                        if isinstance(parse_angka(t), Rentang):
                            f.polaritas = "rentang"
                            f.catatan = f"target rentang '{t}' di sel {sel.alamat}"
                    except (AngkaError, AturanError):
                        pass
        if f.polaritas == "positif" and any(w in x.nama.casefold() for w in _NEGATIF):
            f.catatan = "nama indikator menyarankan polaritas negatif (makin rendah makin baik); periksa"
        out.append(f)
    return out


def tulis_peta(path: str | Path, hasil: HasilPeta, *, ganti: bool = False, dry_run: bool = False,
               backups: int = 3):
    """Write the mapping into the workbook as the Peta LAKIP sheet (lakip_xl.xlsx.update_workbook:
    atomically, with a backup, every other part byte-identical). Refuses to replace an existing Peta
    LAKIP sheet unless `ganti`; an .xls cannot be written."""
    from lakip_xl.xlsx import update_workbook

    path = Path(path)
    if hasil.xls:
        raise BerkasError(
            f"Berkas '{path.name}' berformat Excel 97-2003 (.xls): sheet Peta LAKIP tidak dapat ditulis ke dalamnya.",
            saran=f"Buat buku kerja baru berisi Peta LAKIP dan sheet ringkasan: lakip-xl sync {path.name} "
                  f"--keluar {path.stem}_lakip.xlsx; atau simpan berkas sebagai .xlsx di Excel lalu jalankan peta lagi.",
            berkas=path.name)
    cek_peta_ada(path, ganti=ganti)
    return update_workbook(path, [lembar_peta(hasil.peta)], dry_run=dry_run, backups=backups)


def cek_peta_ada(path: str | Path, *, ganti: bool = False) -> None:
    """Refuse (BerkasError) when the workbook already has its Peta LAKIP sheet and `ganti` is not given:
    that sheet holds the user's corrections."""
    path = Path(path)
    if ganti or _xls(path):
        return
    nama = ada_peta(_sumber(path).sheet_names())
    if nama is not None:
        raise BerkasError(
            f"Sheet '{nama}' sudah ada: peta yang sudah Anda koreksi tidak ditimpa.",
            saran=f"Koreksi langsung di sheet '{nama}', lalu jalankan lakip-xl sync. Untuk membuat ulang dari tabel "
                  f"(koreksi Anda hilang): lakip-xl peta {path.name} --ganti.", berkas=path.name, sheet=nama)


__all__ = ["SHEET_PETA", "BacaanPeta", "HasilPeta", "Peta", "ada_peta", "baca_buku", "baca_terpeta", "bacaan_buku",
           "buka", "cek_peta_ada", "lembar_peta", "petakan", "tulis_peta"]

"""The synthetic agency layouts of tests/fixtures/tata_letak.py, checked against their own Harapan.

The generator is what the tests of `lakip-xl peta` assert against, so it is tested on its own here,
without the mapping feature: every variant is built and read back with python-calamine (what any
reader sees), and each fact its Harapan states (header rows and texts, the numbered row, the body's
first and last rows, each indicator's row, sasaran, name, satuan and figures per year, merged or
blank-below sasaran, program / kegiatan code rows, Sub Total / JUMLAH rows and their sums, blank
separators, notes and signature) is found in the file. Figures are compared as numbers read by the
rules' own cell reader (lakip_xl.aturan.angka.angka_sel), so "72,50" typed as text equals 72.5.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from decimal import Decimal

import pytest
from fixtures.tata_letak import DATA, JUDUL, TAHUN, VARIAN, Harapan, buat, huruf
from python_calamine import CalamineWorkbook

from lakip_xl.aturan.angka import angka_sel


def _kol(huruf_kolom: str) -> int:
    n = 0
    for ch in huruf_kolom:
        n = n * 26 + ord(ch) - 64
    return n - 1


class Lembar:
    """A generated sheet as read back: raw cells, the same with merged cells filled, the merges."""

    def __init__(self, h: Harapan) -> None:
        sh = CalamineWorkbook.from_path(str(h.path)).get_sheet_by_name(h.sheet)
        self.mentah = [list(r) for r in sh.to_python(skip_empty_area=False)]
        self.merges = sorted(sh.merged_cell_ranges or [])
        self.isi = [list(r) for r in self.mentah]
        for (r0, c0), (r1, c1) in self.merges:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    self.isi[r][c] = self.mentah[r0][c0]
        lebar = max(len(r) for r in self.mentah)
        for t in (self.mentah, self.isi):
            for r in t:
                r.extend([""] * (lebar - len(r)))

    def sel(self, baris: int, kolom: str, *, terisi: bool = False):
        """The cell at 1-based row and column letters ("" beyond the used area)."""
        t = self.isi if terisi else self.mentah
        if baris - 1 >= len(t):
            return ""
        return t[baris - 1][_kol(kolom)]

    def baris_kosong(self, baris: int) -> bool:
        return baris - 1 >= len(self.mentah) or all(v == "" for v in self.mentah[baris - 1])

    def rentang(self) -> list[str]:
        return sorted(f"{huruf(c0)}{r0 + 1}:{huruf(c1)}{r1 + 1}" for (r0, c0), (r1, c1) in self.merges)


@pytest.fixture(scope="module")
def dibuat(tmp_path_factory) -> dict[str, tuple[Harapan, Lembar]]:
    folder = tmp_path_factory.mktemp("tata_letak")
    hasil = {}
    for v in VARIAN:
        h = buat(v, folder / f"{v}.xlsx")
        hasil[v] = (h, Lembar(h))
    return hasil


def _teks(v) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def _nilai(sel):
    """A cell as a figure (Decimal) or a grade (text); None for an empty cell."""
    if sel == "" or sel is None:
        return None
    try:
        return angka_sel(sel, "nilai")
    except Exception:  # a grade such as "BB" is no number
        return sel


# --- the variants together cover what the issue lists --------------------------------------------------
def test_variants_cover_the_layouts_of_the_issue(dibuat):
    hs = [h for h, _ in dibuat.values()]
    assert len(VARIAN) >= 8 and len(set(VARIAN)) == len(VARIAN)
    assert {1, 7} <= {h.baris_judul[0] for h in hs}  # header on row 1 and on row 7 (title rows above)
    assert {1, 2, 3} <= {h.tinggi_kepala for h in hs}  # one-, two- and three-row headers
    assert any(h.baris_nomor for h in hs)  # a numbered header row
    assert {"gabung", "kosong", "ulang"} == {h.sasaran for h in hs}  # merged, blank-below, repeated sasaran
    tahun_target = [{t for p, t in h.kolom.values() if p == "target"} for h in hs]
    assert any(len(t) == 3 for t in tahun_target) and any(len(t) == 1 for t in tahun_target)  # years vs one
    assert any(h.baris_jumlah for h in hs) and any(h.baris_program for h in hs)
    assert any(h.baris_kosong for h in hs) and any(h.baris_catatan for h in hs)
    urutan = ["no", "sasaran", "indikator", "satuan", "target", "realisasi", "capaian", "ket"]
    assert any([p for p, _ in h.kolom.values() if p in urutan] != [p for p in urutan if p in
               [q for q, _ in h.kolom.values()]] for h in hs)  # columns in another order
    kepala = {t for h in hs for teks in h.teks_kepala.values() for t in teks}
    assert {"Indikator Kinerja Utama", "IKU", "Real.", "%", "Persentase", "Target 2021",
            "Sasaran Perangkat Daerah", "Ket."} <= kepala
    teks = [lb.sel(hi.baris, k) for h, lb in dibuat.values() for hi in h.indikator
            for k, (p, _) in h.kolom.items() if p in ("target", "realisasi")]
    assert any(isinstance(v, str) and re.fullmatch(r"\d+,\d+", v) for v in teks)  # Indonesian text figures


def test_every_variant_holds_the_same_model(dibuat):
    """The same sasaran and indicators in the same order, and the same report-year figures."""
    model = [(s, i.nama) for s, d in DATA for i in d]
    for v, (h, _) in dibuat.items():
        assert [(hi.sasaran, hi.nama) for hi in h.indikator] == model, v
        for hi, (_, ind) in zip(h.indikator, [(s, i) for s, d in DATA for i in d]):
            assert hi.target[TAHUN] == ind.target[TAHUN] and hi.realisasi[TAHUN] == ind.realisasi[TAHUN], v


# --- each variant against its Harapan -------------------------------------------------------------------
@pytest.mark.parametrize("varian", VARIAN)
def test_header_block(dibuat, varian):
    h, lb = dibuat[varian]
    awal, akhir = h.baris_judul
    assert akhir - awal + 1 == h.tinggi_kepala + (1 if h.baris_nomor else 0)
    assert lb.rentang() == sorted(h.gabung)
    for kol, teks in h.teks_kepala.items():
        # top down: the column's texts, the leaf repeated down to the last header row (merged)
        harap = teks + [teks[-1]] * (h.tinggi_kepala - len(teks))
        assert [_teks(lb.sel(awal + k, kol, terisi=True)) for k in range(h.tinggi_kepala)] == harap, kol
        # a group header is written once, at the left of its merged range
        assert _teks(lb.sel(awal, kol)) in ("", teks[0])
    if h.baris_nomor:
        nomor = [lb.sel(h.baris_nomor, k) for k in h.kolom]
        assert nomor[0] == "(1)"
        (rumus,) = [n for n in nomor if "=" in n]
        assert re.fullmatch(r"\(\d+\)=\(\d+\)/\(\d+\)x100", rumus)
    # title rows above the table, nothing else there
    judul = [lb.sel(r, "A") for r in range(1, awal) if lb.sel(r, "A")]
    assert judul == h.judul
    assert all(all(lb.sel(r, huruf(c)) == "" for c in range(1, len(h.kolom))) for r in range(1, awal))
    assert h.tahun_di_judul == (JUDUL[0] in h.judul)


@pytest.mark.parametrize("varian", VARIAN)
def test_indicator_rows(dibuat, varian):
    h, lb = dibuat[varian]
    k_ind, k_sas = h.kolom_peran("indikator"), h.kolom_peran("sasaran")
    pertama = set()
    for hi in h.indikator:
        assert lb.sel(hi.baris, k_ind) == hi.nama
        assert lb.sel(hi.baris, k_sas, terisi=True) == hi.sasaran or h.sasaran == "kosong"
        if ("satuan", None) in h.kolom.values():
            assert lb.sel(hi.baris, h.kolom_peran("satuan")) == hi.satuan
        else:
            assert hi.satuan == ""
        for kol, (peran, tahun) in h.kolom.items():
            th = tahun or TAHUN
            sel = _nilai(lb.sel(hi.baris, kol))
            if peran in ("target", "realisasi", "capaian"):
                assert sel == getattr(hi, peran).get(th), (kol, hi.nama)
            elif peran == "ket":
                assert lb.sel(hi.baris, kol) == hi.ket[th]
            elif peran in ("pagu", "realisasi_anggaran"):
                assert sel == getattr(hi, peran) and sel is not None
        if hi.sasaran not in pertama:
            pertama.add(hi.sasaran)
    # the sasaran column as the variant says: merged over its rows, once with blanks below, or repeated
    for s in pertama:
        baris = [hi.baris for hi in h.indikator if hi.sasaran == s]
        tulis = [lb.sel(b, k_sas) for b in baris]
        if h.sasaran == "ulang":
            assert tulis == [s] * len(baris)
        elif h.sasaran == "kosong":
            assert tulis == [s] + [""] * (len(baris) - 1)
        else:  # merged from its first row (a program row above its indicators included) to its last
            c = _kol(k_sas)
            (m,) = [m for m in lb.merges if m[0][1] == c and m[0][0] < baris[0] <= m[1][0] + 1] or [None]
            if m is None:
                assert len(baris) == 1 and lb.sel(baris[0], k_sas) == s
            else:
                assert m[1][0] + 1 == baris[-1] and lb.mentah[m[0][0]][c] == s
                assert all(b in h.baris_program for b in range(m[0][0] + 1, baris[0]))


@pytest.mark.parametrize("varian", VARIAN)
def test_body_rows_and_what_is_under_the_table(dibuat, varian):
    h, lb = dibuat[varian]
    awal, akhir = h.baris_data
    assert awal == h.baris_judul[1] + 1
    jenis = {hi.baris: "indikator" for hi in h.indikator}
    jenis |= {b: "program" for b in h.baris_program} | {b: "jumlah" for b in h.baris_jumlah}
    jenis |= {b: "kosong" for b in h.baris_kosong}
    assert sorted(jenis) == list(range(awal, akhir + 1))  # every body row is one of these, once
    k_ind = h.kolom_peran("indikator")
    for b in h.baris_program:  # "2.17.02 Program ..." / "2.17.02.2.01 Kegiatan ...", no figures
        assert re.match(r"^\d+(\.\d+)+ (Program|Kegiatan) ", lb.sel(b, k_ind))
        assert all(lb.sel(b, k) == "" for k, (p, _) in h.kolom.items() if p not in ("no", "sasaran", "indikator"))
    for b in h.baris_kosong:
        assert lb.baris_kosong(b)
    for b in range(akhir + 1, akhir + 40):  # under the table: notes and signature lines, else blank
        assert lb.baris_kosong(b) == (b not in h.baris_catatan), b
    if h.baris_catatan:
        teks = [next(v for v in lb.mentah[b - 1] if v) for b in h.baris_catatan]
        assert teks[0] == "Catatan:" and any(t.startswith("Sumber:") for t in teks)
        assert any(t.startswith("NIP. ") for t in teks) and h.baris_catatan[0] > akhir + 1


@pytest.mark.parametrize("varian", VARIAN)
def test_jumlah_rows_add_up(dibuat, varian):
    h, lb = dibuat[varian]
    if not h.baris_jumlah:
        assert h.jumlah == {}
        return
    k_pagu, k_real = h.kolom_peran("pagu"), h.kolom_peran("realisasi_anggaran")
    label = [lb.sel(b, "A") for b in h.baris_jumlah]
    assert label[-1] == "JUMLAH" and set(label[:-1]) == {"Sub Total"}
    atas = h.baris_data[0]
    for b in h.baris_jumlah[:-1]:  # a Sub Total: the indicator rows since the previous total
        baris = [hi.baris for hi in h.indikator if atas <= hi.baris < b]
        assert _nilai(lb.sel(b, k_pagu)) == sum(hi.pagu for hi in h.indikator if hi.baris in baris) \
            == h.jumlah[b]["pagu"]
        assert _nilai(lb.sel(b, k_real)) == h.jumlah[b]["realisasi_anggaran"]
        atas = b + 1
    akhir = h.baris_jumlah[-1]
    assert _nilai(lb.sel(akhir, k_pagu)) == sum(hi.pagu for hi in h.indikator) == h.jumlah[akhir]["pagu"]
    assert _nilai(lb.sel(akhir, k_real)) == sum(hi.realisasi_anggaran for hi in h.indikator)
    assert _nilai(lb.sel(akhir, h.kolom_peran("serapan"))) == h.jumlah[akhir]["serapan"] == Decimal("92.97")
    # the formulas behind the cached sums (a dinas's own; JUMLAH adds the Sub Total rows, not all rows)
    with zipfile.ZipFile(h.path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    rumus = dict(re.findall(r'<c r="([A-Z]+\d+)"[^>]*><f>([^<]+)</f>', xml))
    assert rumus[f"{k_pagu}{akhir}"] == "+".join(f"{k_pagu}{b}" for b in h.baris_jumlah[:-1])
    assert rumus[f"{k_pagu}{h.baris_jumlah[0]}"] == f"SUM({k_pagu}{h.indikator[0].baris}:{k_pagu}{h.indikator[0].baris})"


def test_years_and_roles(dibuat):
    h, _ = dibuat["tahun_kelompok"]
    assert h.kolom_peran("target", 2019) == "E" and h.kolom_peran("capaian", 2021) == "M"
    ik3 = h.indikator[2]  # counted from 2020: no 2019 figures, and its cells are blank
    assert (ik3.nama, sorted(ik3.target), sorted(ik3.realisasi)) == ("Jumlah koperasi berkualitas", [2020, 2021],
                                                                     [2020, 2021])
    h, lb = dibuat["urutan_lain"]
    assert [h.kolom[k][0] for k in "ABCDEFGH"] == ["no", "indikator", "satuan", "realisasi", "target", "capaian",
                                                   "sasaran", "ket"]
    assert h.kolom["E"] == ("target", 2021) and h.kolom["D"] == ("realisasi", None)
    h, lb = dibuat["teks_indonesia"]
    assert lb.sel(h.indikator[1].baris, "E") == "72,50" and lb.sel(h.indikator[4].baris, "F") == "1.250"
    assert h.indikator[4].target[2021] == Decimal(1250)


def test_build_is_deterministic(tmp_path):
    for v in VARIAN:
        a, b = tmp_path / f"a_{v}.xlsx", tmp_path / f"b_{v}.xlsx"
        ha, hb = buat(v, a), buat(v, b)
        assert ha == replace(hb, path=a)
        assert a.read_bytes() == b.read_bytes(), v


def test_unknown_variant(tmp_path):
    with pytest.raises(ValueError, match="unknown variant 'miring'"):
        buat("miring", tmp_path / "x.xlsx")

"""The rules core and the functions' conversion inside Pyodide, the Python of xlwings Lite, equal CPython.

tests/pyodide/jalankan.mjs loads Pyodide's core runtime (npm package `pyodide`, pinned in
tests/pyodide/package.json, installed by .ci/run with `npm ci`) under Node, offline: no package is
downloaded, so only the standard library is there. The project's own files (lakip_xl/__init__.py,
errors.py, aturan/*.py, excel/__init__.py, excel/konversi.py) are copied into its file system and the
same code (HITUNG below) runs there and here. Inputs: the seed's indicators as the bundled sample
workbook holds them (workbooks/contoh_depok_2020.xlsx: Realisasi, Indikator, Anggaran, Belanja), the
same cells as whole numbers in int (as Lite passes them), and rows for negatif / rentang / huruf /
zero target / blanks / bad cells. CAPAIAN over 240 rows takes the vectorised core here (numpy) and
the per-cell loop there (no numpy): equal too.

Skips where node or the pyodide package is missing, except where LAKIPXL_REQUIRE_PYODIDE is set (CI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "pyodide"
CONTOH = ROOT / "workbooks" / "contoh_depok_2020.xlsx"

# What Pyodide gets: the rules core and the conversion, nothing of the file sync or the CLI.
BERKAS = ["lakip_xl/__init__.py", "lakip_xl/errors.py", "lakip_xl/excel/__init__.py", "lakip_xl/excel/konversi.py",
          "lakip_xl/sumber/__init__.py", "lakip_xl/sumber/model.py"] + [
    p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "lakip_xl" / "aturan").glob("*.py"))]

# Runs in both interpreters; MASUKAN (JSON text) is set before, HASIL (JSON text) is read after.
HITUNG = r'''
import json
import sys

_awal = set(sys.modules)
from lakip_xl import capaian, parse_angka, predikat, realisasi_sampai, serapan
from lakip_xl.excel import konversi as k


def _inti(fn):
    try:
        return str(fn())
    except Exception as e:  # a user mistake in a cell: the core's exception, compared by type and text
        return f"galat {type(e).__name__}: {e}"


m = json.loads(MASUKAN)
fungsi = {nama: getattr(k, f)(*args) for nama, (f, args) in m["fungsi"].items()}
inti = {
    "capaian": [_inti(lambda: capaian(t, r, p or "positif", me or "selisih")) for t, r, p, me in m["capaian"]],
    "predikat": [_inti(lambda: predikat(capaian(t, r, p or "positif"), s or "sakip3").label)
                 for t, r, p, s in m["predikat"]],
    "kumulatif": [_inti(lambda: realisasi_sampai([parse_angka(v) for v in d], t, parse_angka(p)).nilai)
                  for d, t, p in m["kumulatif"]],
    "serapan": [_inti(lambda: serapan(parse_angka(p), parse_angka(r))) for p, r in m["serapan"]],
}
_baru = {n.split(".")[0] for n in set(sys.modules) - _awal}
pihak_ketiga = sorted(n for n in _baru if n not in sys.stdlib_module_names and n != "lakip_xl" and not n.startswith("_"))
HASIL = json.dumps({"fungsi": fungsi, "inti": inti, "pihak_ketiga": pihak_ketiga,
                    "python": list(sys.version_info[:2]), "platform": sys.platform})
'''


def _alasan_tidak_siap() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not (FOLDER / "node_modules" / "pyodide" / "pyodide.asm.wasm").exists():
        return "the pyodide package is not installed (run: npm ci --prefix tests/pyodide)"
    return None


# --------------------------------------------------------------------------------------------------
# Inputs


def _lembar(nama: str) -> list[list]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(CONTOH)).get_sheet_by_name(nama).to_python()


def _tabel(nama: str) -> list[dict]:
    """Rows under the header (row 4) of one of the sample's data sheets, as dicts, blank as None."""
    rows = _lembar(nama)
    kepala = rows[3]
    return [{h: (None if v == "" else v) for h, v in zip(kepala, r)} for r in rows[4:] if any(v != "" for v in r)]


def _bulat(v):
    """A cell as xlwings Lite passes it: whole numbers are int (Pyodide turns integral JS numbers into int)."""
    return int(v) if isinstance(v, float) and v.is_integer() else v


def _kolom(xs) -> list[list]:
    return [[x] for x in xs]


def masukan() -> dict:
    indikator = {r["Kode Indikator"]: r for r in _tabel("Indikator")}
    realisasi = _tabel("Realisasi")
    anggaran = _tabel("Anggaran") + _tabel("Belanja")
    target = [r["Target"] for r in realisasi]
    nilai = [r["Realisasi"] for r in realisasi]
    polaritas = [indikator[r["Kode Indikator"]]["Polaritas"] for r in realisasi]
    # negatif / rentang / huruf / zero target / blanks / bad cells (target, realisasi, polaritas, metode)
    khusus = [
        (10, 5, "negatif", None), (10, 5, "Negatif", "rasio"), (10, 0, "negatif", "rasio"), (4, 9, "negatif", None),
        ("80 - 90", 92, "rentang", None), ("80 - 90", 70, "rentang", None), ("80 - 90", 85, None, None),
        ("BB", "B", None, None), ("B", "AA", "huruf", None), ("CC", "D", "huruf", None),
        (0, 5, None, None), (0, 0, None, None), ("0", "3,5", None, None), (None, 7, None, None),
        (40, None, None, None), (None, None, None, None), ("", " ", None, None),
        (10, 5, "aneh", None), ("abc", 5, None, None), (True, 5, None, None), ("#N/A: hulu", 5, None, None),
        ("1.264.373", "1.145", None, None), ("12,5%", "13%", None, None), (2**60, 1, None, None),
    ]
    t_all = target + [k[0] for k in khusus]
    r_all = nilai + [k[1] for k in khusus]
    p_all = polaritas + [k[2] for k in khusus]
    m_all = [None] * len(target) + [k[3] for k in khusus]
    # a long column (>= AMBANG_VEKTOR = 200 number cells): CPython vectorises, Pyodide has no numpy
    panjang_t = [(i % 17) * 3.5 for i in range(240)]
    panjang_r = [((i * 7) % 23) * 1.25 if i % 11 else None for i in range(240)]
    panjang_p = ["negatif" if i % 5 == 0 else "positif" for i in range(240)]

    # KUMULATIF: one row per indicator, years 2017..2020 to the right (Jumlah when given, else Realisasi)
    tahun = [2017, 2018, 2019, 2020]
    blok, tipe, penyebut = [], [], []
    for kode, ind in indikator.items():
        baris = {int(r["Tahun"]): (r["Jumlah"] if r["Jumlah"] is not None else r["Realisasi"])
                 for r in realisasi if r["Kode Indikator"] == kode}
        blok.append([baris.get(t) for t in tahun])
        tipe.append(ind["Tipe Penghitungan"])
        penyebut.append(ind["Penyebut"] if isinstance(ind["Penyebut"], (int, float)) else None)
    kum_khusus = [([1, 2, 3, 4], "Non Kumulatif", None), ([10, None, 30, None], "rata-rata", None),
                  ([7, 9, 61, 53], "Kumulatif", 1000), ([100, 114], "Kumulatif", 250), ([5, 5], "kumulatif", 0),
                  (["1.145", "150"], None, "1.264.373"), ([None, None], None, None), ([1, "x"], None, None),
                  ([1, 2], "aneh", None)]
    pagu = [r["Pagu"] for r in anggaran] + [0, None, "Rp 4.926.982.500", 100, "abc", None]
    real = [r["Realisasi"] for r in anggaran] + [5, 5, "4.317.115.936", None, 1, None]

    fungsi = {
        "capaian_seed": ["hitung_capaian", [_kolom(target), _kolom(nilai), _kolom(polaritas)]],
        "capaian_seed_int": ["hitung_capaian", [_kolom(map(_bulat, target)), _kolom(map(_bulat, nilai)), _kolom(polaritas)]],
        "capaian_khusus": ["hitung_capaian", [_kolom(t_all), _kolom(r_all), _kolom(p_all), _kolom(m_all)]],
        "capaian_sel": ["hitung_capaian", [[[40]], [[85.6]]]],
        # the Pengaturan table as CAPAIAN's fifth argument (lakip_xl.sumber.model read under Pyodide too)
        "capaian_pengaturan": ["hitung_capaian", [[[0], [40], [10]], [[5], [85.6], [25]], [["positif"], ["positif"],
                                                  ["negatif"]], None, [["Target Nol", "100"], ["Batas Atas Capaian", 120],
                                                                       ["Batas Bawah Capaian", "tanpa"]]]],
        "capaian_panjang": ["hitung_capaian", [_kolom(panjang_t), _kolom(panjang_r), _kolom(panjang_p)]],
        "predikat_sakip3": ["hitung_predikat", [_kolom([214, 100, 44.83, "n/a", None, "44,83", "x", 99.995])]],
        "predikat_permendagri54": ["hitung_predikat", [_kolom([90, 90.01, 70, 0]), [["permendagri54"]]]],
        "predikat_akip": ["hitung_predikat", [_kolom([90, 80, 30]), [["akip"]]]],
        "kumulatif_seed": ["hitung_kumulatif", [blok, _kolom(tipe), _kolom(penyebut)]],
        "kumulatif_seed_int": ["hitung_kumulatif", [[list(map(_bulat, b)) for b in blok], _kolom(tipe),
                                                    _kolom(map(_bulat, penyebut))]],
        "kumulatif_satu_baris": ["hitung_kumulatif", [[[100, 114]], [["Kumulatif"]], [[250]]]],
        "serapan": ["hitung_serapan", [_kolom(pagu), _kolom(real)]],
        "serapan_int": ["hitung_serapan", [_kolom(map(_bulat, pagu)), _kolom(map(_bulat, real))]],
    }
    for i, (d, t, p) in enumerate(kum_khusus):
        fungsi[f"kumulatif_khusus_{i}"] = ["hitung_kumulatif", [[d], [[t]], [[p]]]]
    return {
        "fungsi": fungsi,
        "capaian": [[t, r, p, m] for t, r, p, m in zip(t_all, r_all, p_all, m_all)],
        "predikat": [[t, r, p, s] for t, r, p in zip(t_all, r_all, p_all) for s in (None, "permendagri54")],
        "kumulatif": [[b, t, p] for b, t, p in zip(blok, tipe, penyebut)] + [list(k) for k in kum_khusus],
        "serapan": [[p, r] for p, r in zip(pagu, real)],
    }


def _cpython(teks_masukan: str) -> dict:
    ns = {"MASUKAN": teks_masukan}
    exec(HITUNG, ns)  # noqa: S102 - the same code as in Pyodide
    return json.loads(ns["HASIL"])


@pytest.fixture(scope="module")
def hasil() -> tuple[dict, dict]:
    alasan = _alasan_tidak_siap()
    if alasan:
        if os.environ.get("LAKIPXL_REQUIRE_PYODIDE"):
            pytest.fail(f"Pyodide is required here (LAKIPXL_REQUIRE_PYODIDE) but {alasan}")
        pytest.skip(alasan)
    teks = json.dumps(masukan())
    kode = f"MASUKAN = {teks!r}\n" + HITUNG
    files = {rel: (ROOT / rel).read_text(encoding="utf-8") for rel in BERKAS}
    out = subprocess.run(["node", str(FOLDER / "jalankan.mjs")], input=json.dumps({"files": files, "code": kode}),
                         capture_output=True, text=True, cwd=FOLDER, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout), _cpython(teks)


def test_pyodide_adalah_python_webassembly(hasil):
    pyodide, cpython = hasil
    assert pyodide["platform"] == "emscripten" and cpython["platform"] != "emscripten"
    assert pyodide["python"] >= [3, 12]


def test_inti_hanya_pustaka_standar(hasil):
    pyodide, _ = hasil
    assert pyodide["pihak_ketiga"] == []  # nothing but the standard library and lakip_xl was imported


def test_fungsi_sama_dengan_cpython(hasil):
    pyodide, cpython = hasil
    assert pyodide["fungsi"].keys() == cpython["fungsi"].keys()
    for nama in cpython["fungsi"]:
        assert pyodide["fungsi"][nama] == cpython["fungsi"][nama], nama


def test_inti_sama_dengan_cpython(hasil):
    pyodide, cpython = hasil
    for aturan in ("capaian", "predikat", "kumulatif", "serapan"):
        assert pyodide["inti"][aturan] == cpython["inti"][aturan], aturan


def test_angka_seed_terbaca(hasil):
    # guards against two equally empty results: the seed's own figures (seed-figures: P2WKSS 214, koperasi
    # aktif 44.83, volume usaha 43.79, naik kelas 104; serapan Belanja Langsung 87.62)
    pyodide, _ = hasil
    f = pyodide["fungsi"]
    capaian = [r[0] for r in f["capaian_seed"]]
    for angka in (214.0, 44.83, 43.79, 104.0):
        assert angka in capaian
    assert f["capaian_seed_int"] == f["capaian_seed"]
    assert f["capaian_sel"] == 214.0
    assert f["capaian_pengaturan"] == [[100.0], [120.0], [-50.0]]  # Target Nol 100, capped at 120, no floor
    assert f["kumulatif_satu_baris"] == 85.6
    assert [87.62] in f["serapan"] and f["serapan_int"] == f["serapan"]
    assert f["predikat_sakip3"][:4] == [["Melebihi Target"], ["Tercapai / Sesuai Target"], ["Tidak Tercapai"], ["n/a"]]
    khusus = [r[0] for r in f["capaian_khusus"][len(capaian):]]
    # (2*10-5)/10; 10/5; rasio with realisasi 0; (2*4-9)/4 = -25 floored at the default 0; 92/90; 70/80; in range;
    # B/BB = 4/5; AA/B = 7/4; D/CC = 1/3
    assert khusus[:10] == [150.0, 200.0, "n/a", 0.0, 102.22, 87.5, 100.0, 80.0, 175.0, 33.33]
    assert khusus[10:17] == ["n/a", "n/a", "n/a", "n/a", "n/a", None, None]
    assert all(isinstance(x, str) and x.startswith("#N/A: ") for x in khusus[17:21])
    assert len(f["capaian_panjang"]) == 240

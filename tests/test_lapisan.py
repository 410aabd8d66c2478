"""The package's layers (docs/dev/architecture.md): imports point only down, and no module imports
itself back through others. Read from the source with ast, so lazy imports inside functions count too.

    errors < aturan < berkas < xlsx < sumber < laporan < excel < surel < the top (cli, sync, udf, __init__)
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PAKET = Path(__file__).resolve().parents[1] / "lakip_xl"

# layer of each folder (or root module), lowest first
LAPISAN = {
    "errors": 0,
    "aturan": 1,
    "berkas": 2,
    "xlsx": 3,
    "sumber": 4,
    "laporan": 5,
    "excel": 6,
    "surel": 7,
    "cli": 8,
    "sync": 8,
    "udf": 8,
    "__init__": 8,
}
# third-party packages the rules may import (the vectorised form only); the rest of aturan is stdlib
ATURAN_BOLEH = {"numpy", "pandas"}


def _modul(path: Path) -> str:
    parts = list(path.relative_to(PAKET.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _impor(path: Path) -> list[tuple[str, int]]:
    """(absolute module imported, line) for every import in the file, relative ones resolved."""
    mod = _modul(path)
    paket = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
    hasil = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            hasil += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                dasar = paket.split(".")
                dasar = dasar[: len(dasar) - node.level + 1]
                nama = ".".join(dasar + ([node.module] if node.module else []))
            else:
                nama = node.module or ""
            if nama.startswith("lakip_xl") and not node.module and node.level:
                # from . import x: x may be a module
                hasil += [(f"{nama}.{a.name}", node.lineno) for a in node.names]
            else:
                hasil.append((nama, node.lineno))
                hasil += [(f"{nama}.{a.name}", node.lineno) for a in node.names]
    return hasil


def _semua_modul() -> dict[str, Path]:
    return {_modul(p): p for p in sorted(PAKET.rglob("*.py"))}


MODUL = _semua_modul()


def _lapisan(mod: str) -> int:
    parts = mod.split(".")
    if len(parts) == 1:
        return LAPISAN["__init__"]
    return LAPISAN[parts[1]]


def _impor_internal(mod: str) -> list[tuple[str, int]]:
    return [(m, baris) for m, baris in _impor(MODUL[mod]) if m in MODUL and m != mod]


def test_setiap_modul_punya_lapisan():
    for mod in MODUL:
        _lapisan(mod)  # KeyError names a module in no layer


@pytest.mark.parametrize("mod", sorted(MODUL))
def test_impor_hanya_ke_bawah(mod):
    naik = [f"{m} (baris {b})" for m, b in _impor_internal(mod) if _lapisan(m) > _lapisan(mod)]
    assert not naik, f"{mod} (lapisan {_lapisan(mod)}) mengimpor lapisan di atasnya: {naik}"


def test_tanpa_lingkaran_impor():
    # edges into a package's __init__ are left out: a package re-exporting its own modules
    # (lakip_xl.xlsx) is not a circle, and the layer test above still checks those imports
    graf = {mod: {m for m, _ in _impor_internal(mod) if MODUL[m].name != "__init__.py"} for mod in MODUL}
    lingkaran = []
    warna: dict[str, int] = {}

    def kunjungi(n: str, jalur: list[str]) -> None:
        warna[n] = 1
        for m in sorted(graf[n]):
            if warna.get(m) == 1:
                lingkaran.append(" -> ".join(jalur[jalur.index(m):] + [m]))
            elif m not in warna:
                kunjungi(m, jalur + [m])
        warna[n] = 2

    for n in sorted(graf):
        if n not in warna:
            kunjungi(n, [n])
    assert not lingkaran, "lingkaran impor: " + "; ".join(lingkaran)


def test_aturan_hanya_pustaka_standar():
    """The rules run under Pyodide with the standard library (issue: xlwings Lite)."""
    stdlib = set(sys.stdlib_module_names)
    for mod, path in MODUL.items():
        if not mod.startswith("lakip_xl.aturan") and mod != "lakip_xl.errors":
            continue
        for m, baris in _impor(path):
            akar = m.split(".")[0]
            if akar in ("lakip_xl", "__future__") or akar in stdlib:
                continue
            assert mod == "lakip_xl.aturan.vektor" and akar in ATURAN_BOLEH, f"{mod} baris {baris} mengimpor {m}"


def test_uji_lapisan_mendeteksi_impor_ke_atas(tmp_path):
    """The check itself can fail: a rules module importing the report layer is caught."""
    berkas = PAKET / "aturan" / "capaian.py"
    pohon = _impor(berkas) + [("lakip_xl.laporan.hitung", 1)]
    naik = [m for m, _ in pohon if m in MODUL and _lapisan(m) > _lapisan("lakip_xl.aturan.capaian")]
    assert naik == ["lakip_xl.laporan.hitung"]


def test_nama_permanen_tetap_ada():
    """Workbooks in the field name lakip_xl.udf (xlwings.conf) and lakip_xl.sync.main (the button)."""
    import lakip_xl.sync
    import lakip_xl.udf

    assert callable(lakip_xl.sync.main)
    assert [f.__name__ for f in lakip_xl.udf.UDF] == ["CAPAIAN", "PREDIKAT", "KETERANGAN", "CAPAIAN_SASARAN",
                                                      "KUMULATIF", "SERAPAN", "ANGKA", "NILAI_AKIP"]
    from lakip_xl import capaian, format_angka, parse_angka, predikat

    assert all(callable(f) for f in (capaian, predikat, parse_angka, format_angka))


def test_setiap_modul_ada_di_peta_arsitektur():
    """docs/dev/architecture.md names every module of the package (its table, or a package's row listing
    its modules), so the map a newcomer reads stays the house as built."""
    peta = (PAKET.parent / "docs" / "dev" / "architecture.md").read_text(encoding="utf-8")
    hilang = []
    for path in sorted(PAKET.rglob("*.py")):
        rel = path.relative_to(PAKET).as_posix()
        if f"`{rel}`" in peta:
            continue
        paket = f"`{path.parent.relative_to(PAKET).as_posix()}/`"
        if path.parent != PAKET and paket in peta and (path.name == "__init__.py" or f"`{path.stem}`" in peta):
            continue  # a folder's __init__, or named in its package's row (`laporan/periksa/` ... `renja_baca`)
        hilang.append(rel)
    assert not hilang, f"modul belum ada di docs/dev/architecture.md: {hilang}"

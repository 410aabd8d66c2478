"""lakip_xl: the SAKIP/LAKIP rules inside agency Excel workbooks.

Public API (pure, no Excel needed): parse_angka, format_angka, capaian, predikat, keterangan,
kumulatif, realisasi_sampai, target_akhir, capaian_sasaran, serapan, efisiensi, nilai_akip, NA, Rentang,
Kebijakan.
Each name is imported from the rules layer (lakip_xl.aturan) on first use, so `import lakip_xl` costs
nothing. The layers of the package are drawn in docs/dev/architecture.md.
"""

from __future__ import annotations

__version__ = "0.1.0"

_EXPORTS = {
    "parse_angka": "aturan.angka",
    "format_angka": "aturan.angka",
    "NA": "aturan.nilai",
    "Rentang": "aturan.nilai",
    "is_na": "aturan.nilai",
    "bulatkan": "aturan.nilai",
    "capaian": "aturan.capaian",
    "Kebijakan": "aturan.capaian",
    "SkalaNilai": "aturan.capaian",
    "predikat": "aturan.predikat",
    "keterangan": "aturan.predikat",
    "nilai_akip": "aturan.predikat",
    "Skala": "aturan.predikat",
    "SKALA": "aturan.predikat",
    "kumulatif": "aturan.kumulatif",
    "realisasi_sampai": "aturan.kumulatif",
    "target_akhir": "aturan.kumulatif",
    "capaian_sasaran": "aturan.sasaran",
    "serapan": "aturan.anggaran",
    "efisiensi": "aturan.anggaran",
    "capaian_vektor": "aturan.vektor",
    "predikat_vektor": "aturan.vektor",
}

__all__ = sorted(_EXPORTS)

def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lakip_xl' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value

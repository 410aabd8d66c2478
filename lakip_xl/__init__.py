"""lakip_xl: the SAKIP/LAKIP rules inside agency Excel workbooks.

Public API (pure, no Excel needed): parse_angka, format_angka, capaian, predikat, keterangan,
realisasi_sampai, target_akhir, capaian_sasaran, serapan, efisiensi, NA, Rentang, Kebijakan.
Heavy modules (pandas, openpyxl, xlwings) are imported only by the functions that need them.
"""

from __future__ import annotations

__version__ = "0.1.0"

_EXPORTS = {
    "parse_angka": "angka",
    "format_angka": "angka",
    "NA": "nilai",
    "Rentang": "nilai",
    "is_na": "nilai",
    "bulatkan": "nilai",
    "capaian": "capaian",
    "Kebijakan": "capaian",
    "SkalaNilai": "capaian",
    "predikat": "predikat",
    "keterangan": "predikat",
    "Skala": "predikat",
    "SKALA": "predikat",
    "realisasi_sampai": "kumulatif",
    "target_akhir": "kumulatif",
    "capaian_sasaran": "sasaran",
    "serapan": "anggaran",
    "efisiensi": "anggaran",
    "capaian_vektor": "vektor",
    "predikat_vektor": "vektor",
}

__all__ = sorted(_EXPORTS)

# The modules `capaian` and `predikat` share their names with their main functions. Importing a
# submodule binds the package attribute to the module, so the light pure-core modules are imported
# here, first, and the public names are bound to the functions afterwards (they stay functions: a
# module already in sys.modules is not re-bound). Use `from lakip_xl.capaian import ...` for the rest
# of a module's contents. pandas-based `vektor` stays lazy.
from importlib import import_module as _import_module  # noqa: E402

for _name, _module in _EXPORTS.items():
    if _module != "vektor":
        globals()[_name] = getattr(_import_module(f"{__name__}.{_module}"), _name)
del _name, _module, _import_module


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lakip_xl' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value

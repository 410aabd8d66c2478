"""The docstring examples of the rules layer run as tests (they are the API's first documentation)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import lakip_xl.aturan

MODUL = sorted(m.name for m in pkgutil.iter_modules(lakip_xl.aturan.__path__, "lakip_xl.aturan."))


@pytest.mark.parametrize("nama", MODUL)
def test_contoh_docstring(nama):
    hasil = doctest.testmod(importlib.import_module(nama), optionflags=doctest.ELLIPSIS)
    assert hasil.failed == 0, f"{hasil.failed} contoh docstring gagal di {nama}"


def test_ada_contoh():
    """At least the number parser and the capaian rule carry examples (a doctest run that finds none
    would pass silently)."""
    contoh = {n: sum(len(t.examples) for t in doctest.DocTestFinder().find(importlib.import_module(n))) for n in MODUL}
    assert contoh["lakip_xl.aturan.angka"] > 0 and contoh["lakip_xl.aturan.capaian"] > 0, contoh

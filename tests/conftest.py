"""Shared test configuration."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def pytest_collection_modifyitems(config, items):
    """Tests marked `libreoffice` skip where soffice is missing, except in CI, where they must run."""
    if shutil.which("soffice"):
        return
    if os.environ.get("LAKIPXL_REQUIRE_LIBREOFFICE"):
        raise pytest.UsageError("LibreOffice (soffice) is required here but not installed.")
    skip = pytest.mark.skip(reason="LibreOffice (soffice) is not installed")
    for item in items:
        if "libreoffice" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def data() -> Path:
    """tests/data: copies of the public workbooks the tests read (tests/data/README.md names each
    one's source). Tests never read ../shared: a user's clone has none."""
    return DATA

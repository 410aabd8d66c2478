"""The README's Python example and its two opening commands stay true."""

from __future__ import annotations

import doctest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_examples_run():
    res = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert res.attempted >= 3 and res.failed == 0


def test_readme_opens_with_the_two_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```bash") + 1: lines.index("```bash") + 3]
    assert block[0].startswith('python3 -m pip install -e ".[test]" && lakip-xl contoh')
    assert block[1].startswith("python3 -m pytest")
    # the CI script runs the same test command
    assert "\npython3 -m pytest\n" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")

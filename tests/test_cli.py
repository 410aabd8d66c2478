"""The command line: every command documented, `periksa` exit codes and JSON, `pasang` elsewhere."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lakip_xl.cli import main

ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "workbooks" / "contoh_depok_2020.xlsx"


@pytest.mark.parametrize("nama", sorted(main.commands))
def test_every_command_has_indonesian_help(nama):
    cmd = main.commands[nama]
    assert cmd.help and len(cmd.help.strip()) > 20, nama
    res = CliRunner().invoke(main, [nama, "--help"])
    assert res.exit_code == 0 and "Usage" in res.output


def test_commands_are_listed_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [n for n in main.commands if f"lakip-xl {n}" not in readme]
    assert missing == []


def test_periksa_sample_exit_code_and_json(tmp_path):
    buku = tmp_path / CONTOH.name
    shutil.copyfile(CONTOH, buku)
    sebelum = buku.read_bytes()
    res = CliRunner().invoke(main, ["periksa", str(buku), "--json"])
    assert res.exit_code == 1  # errors found: agencies can use the exit code in their own checks
    data = json.loads(res.output)
    assert data["ringkasan"]["galat"] > 0
    assert all(t["sheet"] and t["sel"] for t in data["temuan"])
    assert any(t["dinyatakan"].startswith("73") and t["seharusnya"].startswith("71,43") for t in data["temuan"])
    assert buku.read_bytes() == sebelum  # periksa only reads


def test_periksa_renja_form(shared):
    res = CliRunner().invoke(main, ["periksa", str(shared / "samples" / "evaluasi_renja_2025.xlsx")])
    assert res.exit_code == 1
    assert "AD23" in res.output and "AD14" in res.output  # the 1388,9% and 200% rows


def test_periksa_not_a_workbook(tmp_path):
    p = tmp_path / "bukan.xlsx"
    p.write_text("ini bukan workbook")
    res = CliRunner().invoke(main, ["periksa", str(p)])
    assert res.exit_code == 1
    assert "Traceback" not in res.output and "bukan.xlsx" in res.output


def test_pasang_prints_steps_without_excel():
    res = CliRunner().invoke(main, ["pasang", "--dry-run"])
    assert res.exit_code == 0
    assert "python.org" in res.output and "Microsoft Store" in res.output

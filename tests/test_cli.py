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


def test_sync_prints_the_years_table(tmp_path):
    # the terminal table of the sample: a header, one line per indicator (7), a line per sasaran; seed
    # LAMPIRAN 2020: sasaran 3 = (44,83 + 43,79) / 2 = 44,31 %
    buku = tmp_path / CONTOH.name
    shutil.copyfile(CONTOH, buku)
    res = CliRunner().invoke(main, ["sync", str(buku), "--dry-run"])
    assert res.exit_code == 0, res.output
    baris = res.stdout.splitlines()
    awal = baris.index("Capaian kinerja tahun 2020:")
    assert baris[awal + 1].split()[:3] == ["Indikator", "Kinerja", "Target"] and set(baris[awal + 2]) == {"-", " "}
    tabel = baris[awal + 3:baris.index("", awal)]
    assert len(tabel) == 7 and any("44,83" in b for b in tabel)
    sasaran = [b for b in baris if b.startswith("Sasaran S")]
    assert len(sasaran) == 4 and sasaran[2].startswith("Sasaran S3: 44,31% (")


def test_periksa_sample_exit_code_and_json(tmp_path):
    buku = tmp_path / CONTOH.name
    shutil.copyfile(CONTOH, buku)
    sebelum = buku.read_bytes()
    res = CliRunner().invoke(main, ["periksa", str(buku), "--json"])
    assert res.exit_code == 1  # errors found: agencies can use the exit code in their own checks
    data = json.loads(res.stdout)  # the JSON alone on stdout; the reader's warnings go to stderr
    assert data["ringkasan"]["galat"] > 0
    assert all(t["sheet"] and t["sel"] for t in data["temuan"])
    assert any(t["dinyatakan"].startswith("73") and t["seharusnya"].startswith("71,43") for t in data["temuan"])
    assert buku.read_bytes() == sebelum  # periksa only reads


def test_periksa_prints_the_readers_warnings_as_sync_does(tmp_path):
    """Issue 13: the sync printed the reader's warnings (a kumulatif realisasi going down, ...), periksa
    did not. Both print the same lines on stderr, with or without --json."""
    buku = tmp_path / CONTOH.name
    shutil.copyfile(CONTOH, buku)

    def peringatan(res):
        return [x for x in res.stderr.splitlines() if x.startswith("PERINGATAN: ")]

    sync = CliRunner().invoke(main, ["sync", str(buku), "--dry-run", "--diam"])
    assert sync.exit_code == 0
    dari_sync = peringatan(sync)
    assert len(dari_sync) == 4 and "sel E11" in dari_sync[0] and "menurun" in dari_sync[0]
    for opsi in ([], ["--json"]):
        res = CliRunner().invoke(main, ["periksa", str(buku), *opsi])
        assert res.exit_code == 1
        assert peringatan(res) == dari_sync
        assert not any(x.startswith("PERINGATAN: ") for x in res.stdout.splitlines())


def test_periksa_renja_form(data, tmp_path):
    buku = tmp_path / "evaluasi_renja_2025.xlsx"
    shutil.copyfile(data / "evaluasi_renja_2025.xlsx", buku)
    res = CliRunner().invoke(main, ["periksa", str(buku)])
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


@pytest.fixture
def synced_copy(tmp_path):
    from lakip_xl.sync import sinkron

    buku = tmp_path / CONTOH.name
    shutil.copyfile(CONTOH, buku)
    sinkron(buku, backups=0)
    return buku


def test_ekspor_writes_values_only_copy(synced_copy):
    import zipfile

    from lakip_xl.surel.ekspor import periksa_keamanan

    sebelum = synced_copy.read_bytes()
    res = CliRunner().invoke(main, ["ekspor", str(synced_copy)])
    assert res.exit_code == 0, res.output
    out = synced_copy.with_name(synced_copy.stem + "_ekspor.xlsx")
    assert str(out) in res.output
    assert synced_copy.read_bytes() == sebelum
    assert periksa_keamanan(out) == []
    with zipfile.ZipFile(out) as z:
        assert not any("<f>" in z.read(n).decode("utf-8", "replace") and "CAPAIAN(" in z.read(n).decode()
                       for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_kirim_end_to_end_through_smtp(synced_copy, monkeypatch):
    import email

    from smtp_server import jalankan_server

    with jalankan_server() as srv:
        monkeypatch.setenv("LAKIPXL_SMTP_HOST", srv.host)
        monkeypatch.setenv("LAKIPXL_SMTP_PORT", str(srv.port))
        monkeypatch.setenv("LAKIPXL_SMTP_SECURITY", "none")
        monkeypatch.setenv("LAKIPXL_SMTP_FROM", "sakip@dkum.example.go.id")
        res = CliRunner().invoke(main, ["kirim", str(synced_copy), "--ke", "inspektorat@example.go.id"])
        assert res.exit_code == 0, res.output
        assert len(srv.penampung.amplop) == 1
        msg = email.message_from_bytes(srv.penampung.amplop[0].original_content)
    body = next(p for p in msg.walk() if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
    # seed LAMPIRAN 2020 under the stated rules: 2 above target (214, 104), 1 on target (AKIP B = B),
    # 4 below; sasaran 3 = (44,83 + 43,79) / 2 = 44,31
    assert "Melebihi Target: 2" in body and "Tidak Tercapai: 4" in body and "44,31%" in body
    lampiran = [p.get_filename() for p in msg.walk() if p.get_filename()]
    assert lampiran == [synced_copy.stem + "_ekspor.xlsx"]


def test_kirim_server_down_keeps_export(synced_copy, monkeypatch):
    from smtp_server import port_tertutup

    with port_tertutup() as port:
        monkeypatch.setenv("LAKIPXL_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("LAKIPXL_SMTP_PORT", str(port))
        monkeypatch.setenv("LAKIPXL_SMTP_SECURITY", "none")
        monkeypatch.setenv("LAKIPXL_SMTP_FROM", "sakip@dkum.example.go.id")
        res = CliRunner().invoke(main, ["kirim", str(synced_copy), "--ke", "inspektorat@example.go.id"])
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    assert synced_copy.with_name(synced_copy.stem + "_ekspor.xlsx").exists()


def test_kirim_without_smtp_settings_refuses_before_exporting(synced_copy, monkeypatch, tmp_path):
    import os

    for k in list(os.environ):
        if k.startswith("LAKIPXL_SMTP"):
            monkeypatch.delenv(k)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no ~/.config/lakip_xl/smtp.toml either
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    res = CliRunner().invoke(main, ["kirim", str(synced_copy), "--ke", "inspektorat@example.go.id"])
    assert res.exit_code == 1
    assert "LAKIPXL_SMTP_HOST" in res.output and "Traceback" not in res.output
    assert not synced_copy.with_name(synced_copy.stem + "_ekspor.xlsx").exists()

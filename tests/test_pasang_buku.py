"""`lakip-xl pasang BUKU`: lakip_xl's VBA project, the xlwings.conf sheet and the "Perbarui Ringkasan"
button put into a workbook lakip_xl did not build, every existing part byte-identical.

Workbooks: a copy of workbooks/contoh_depok_2020.xlsx (no VBA), the same package relabelled as an
.xlsm without a VBA project, the fidelity fixture of tests/fixtures/fidelity.py (its own VBA project,
12 sheets, buttons with ctrlProps, calcChain), and the five fidelity files (button07, fidelity_excelish,
many_vml, signed, textbox_macro) when they are in tests/data/ (copies of ../shared/samples/fidelity;
tests never read ../shared). Signed projects are also made here: the fixture given a
vbaProjectSignature part, as Excel stores a signature beside the project.

Expected values come from the sources of truth: module text from macros/*.bas, macro name, caption and
conf cells from lakip_xl.excel.vba, the conf sheet's cells also from the bundled .xlsm.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

pytest.importorskip("pyopenvba")
pytest.importorskip("oletools.olevba")
from click.testing import CliRunner  # noqa: E402
from fixtures.fidelity import build_fidelity_fixture  # noqa: E402
from lxml import etree  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402
from test_vba import modules_olevba, norm  # noqa: E402

from lakip_xl.cli import main  # noqa: E402
from lakip_xl.errors import BerkasError, LakipError  # noqa: E402
from lakip_xl.excel import pasang_buku as pb  # noqa: E402
from lakip_xl.excel import vba  # noqa: E402
from lakip_xl.xlsx.verify import compare  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "workbooks" / "contoh_depok_2020.xlsx"
CONTOH_XLSM = ROOT / "workbooks" / "contoh_depok_2020.xlsm"
MACROS = ROOT / "macros"
DATA = ROOT / "tests" / "data"
FIDELITY = ("button07", "fidelity_excelish", "many_vml", "signed", "textbox_macro")
DATA_FIDELITY = ({p.stem: p for p in sorted(DATA.rglob("*.xlsm")) if p.stem in FIDELITY} if DATA.is_dir() else {})

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "x14": "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
}
CT_MAKRO = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CT_VBA = "application/vnd.ms-office.vbaProject"
REL_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
REL_SIG = "http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature"
BERUBAH = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"}


# ---------------------------------------------------------------------------------------------------
# workbooks


def _ganti_bagian(src: Path, dst: Path, ubah: dict[str, bytes]) -> Path:
    """A copy of the package `src` with entries replaced or added (test-side construction only)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, ubah.pop(info.filename, None) or zin.read(info))
        for name, data in ubah.items():
            zout.writestr(zipfile.ZipInfo(name, (2020, 12, 1, 0, 0, 0)), data)
    return dst


def buat_xlsm_tanpa_vba(folder: Path) -> Path:
    """contoh_depok_2020.xlsx saved as a macro-enabled workbook that holds no VBA project yet."""
    with zipfile.ZipFile(CONTOH) as z:
        ct = z.read("[Content_Types].xml").replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", CT_MAKRO.encode())
    assert CT_MAKRO.encode() in ct
    return _ganti_bagian(CONTOH, folder / "tanpa_vba.xlsm", {"[Content_Types].xml": ct})


def buat_bertanda(folder: Path) -> Path:
    """The fidelity fixture with a digitally signed VBA project, stored as Excel stores one: a
    vbaProjectSignature part related from vbaProject.bin, with its content type."""
    folder.mkdir(parents=True, exist_ok=True)
    asli = build_fidelity_fixture(folder / "asli.xlsm")
    with zipfile.ZipFile(asli) as z:
        ct = z.read("[Content_Types].xml").replace(
            b"</Types>", b'<Override PartName="/xl/vbaProjectSignature.bin" '
                         b'ContentType="application/vnd.ms-office.vbaProjectSignature"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="'
            f'{NS["pr"]}"><Relationship Id="rId1" Type="{REL_SIG}" Target="vbaProjectSignature.bin"/>'
            "</Relationships>").encode()
    path = _ganti_bagian(asli, folder / "bertanda.xlsm", {
        "[Content_Types].xml": ct, "xl/_rels/vbaProject.bin.rels": rels,
        "xl/vbaProjectSignature.bin": b"\x30\x82" + bytes(range(256)) * 4})
    asli.unlink()
    return path


def buat_modul_bentrok(folder: Path) -> Path:
    """The fidelity fixture whose own project already has a module named xlwings (not ours)."""
    from pyopenvba import ExcelFile

    folder.mkdir(parents=True, exist_ok=True)
    path = build_fidelity_fixture(folder / "bentrok.xlsm")
    with ExcelFile(str(path)) as xf:
        xf.vba_project().add_module("xlwings", 'Attribute VB_Name = "xlwings"\r\nSub Lama()\r\nEnd Sub\r\n')
        xf.save()
    return path


def _sumber(nama: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if nama == "contoh_xlsx":
        path = folder / CONTOH.name
        shutil.copyfile(CONTOH, path)
        return path
    if nama == "xlsm_tanpa_vba":
        return buat_xlsm_tanpa_vba(folder)
    if nama == "fixture":
        return build_fidelity_fixture(folder / "lakip_fidelity.xlsm")
    path = folder / DATA_FIDELITY[nama].name
    shutil.copyfile(DATA_FIDELITY[nama], path)
    path.chmod(0o644)
    return path


BERHASIL = ["contoh_xlsx", "xlsm_tanpa_vba", "fixture"] + [n for n in DATA_FIDELITY if n != "signed"]


@dataclass
class Pasang:
    nama: str
    asli: Path  # the workbook pasang read (untouched)
    hasil: Path  # the .xlsm pasang wrote
    laporan: pb.HasilPasang
    sebelum: dict[str, bytes]
    sesudah: dict[str, bytes]
    salinan_asli: bytes  # the original's bytes before pasang


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


@pytest.fixture(scope="module")
def semua(tmp_path_factory) -> dict[str, Pasang]:
    """pasang run once on each workbook of BERHASIL (each in its own folder)."""
    out = {}
    for nama in BERHASIL:
        folder = tmp_path_factory.mktemp(nama)
        asli = _sumber(nama, folder)
        data = asli.read_bytes()
        laporan = pb.pasang_buku(asli)
        out[nama] = Pasang(nama, asli, laporan.tujuan, laporan, entries(asli), entries(laporan.tujuan), data)
    return out


@pytest.fixture(params=BERHASIL)
def run(request, semua) -> Pasang:
    return semua[request.param]


def xml(data: bytes):
    return etree.fromstring(data)


def rels_name(part: str) -> str:
    p = PurePosixPath(part)
    return str(p.parent / "_rels" / (p.name + ".rels"))


def relationships(parts: dict[str, bytes], part: str) -> list[tuple[str, str, str]]:
    """(Id, Type, resolved target) of a part's internal relationships."""
    name = rels_name(part)
    if name not in parts:
        return []
    folder = PurePosixPath(part).parent
    out = []
    for r in xml(parts[name]).iterfind("pr:Relationship", NS):
        if r.get("TargetMode") == "External":
            continue
        t = r.get("Target")
        target = t[1:] if t.startswith("/") else str(PurePosixPath(*(folder / t).parts))
        out.append((r.get("Id"), r.get("Type"), _norm_path(target)))
    return out


def _norm_path(p: str) -> str:
    parts: list[str] = []
    for seg in p.split("/"):
        if seg == "..":
            parts.pop()
        elif seg not in ("", "."):
            parts.append(seg)
    return "/".join(parts)


def sheets(parts: dict[str, bytes]) -> list[tuple[str, str, str]]:
    """(name, state, part) of each sheet in workbook order."""
    rels = {rid: target for rid, _, target in relationships(parts, "xl/workbook.xml")}
    return [(s.get("name"), s.get("state", "visible"), rels[s.get(f"{{{NS['r']}}}id")])
            for s in xml(parts["xl/workbook.xml"]).iterfind("m:sheets/m:sheet", NS)]


def codename(data: bytes) -> str | None:
    pr = xml(data).find("m:sheetPr", NS)
    return pr.get("codeName") if pr is not None else None


def lembar(run: Pasang, nama: str) -> str:
    return next(p for n, _, p in sheets(run.sesudah) if n == nama)


# ---------------------------------------------------------------------------------------------------
# the VBA project


def test_modul_macros_terbaca_ulang_sama_dengan_bas(run):
    modules = modules_olevba(run.hasil)
    for filename, name in vba.MODUL:
        assert norm(modules[name]) == norm((MACROS / filename).read_bytes().decode("cp1252")), name


def test_modul_milik_workbook_tetap(run):
    if "xl/vbaProject.bin" not in run.sebelum:
        assert run.laporan.proyek_lama is False
        return
    assert run.laporan.proyek_lama is True
    lama, baru = modules_olevba(run.asli), modules_olevba(run.hasil)
    assert lama  # the workbook had modules of its own
    for name, code in lama.items():
        assert baru[name] == code, name
    assert list(baru)[:len(lama)] == list(lama)  # ours come after the workbook's own


def test_proyek_vba_dan_tipe_konten(run):
    parts = run.sesudah
    ct = xml(parts["[Content_Types].xml"])
    over = {o.get("PartName"): o.get("ContentType") for o in ct.iterfind("ct:Override", NS)}
    defaults = {d.get("Extension"): d.get("ContentType") for d in ct.iterfind("ct:Default", NS)}
    assert over["/xl/workbook.xml"] == CT_MAKRO
    vba_parts = [t for _, typ, t in relationships(parts, "xl/workbook.xml") if typ == REL_VBA]
    assert vba_parts == ["xl/vbaProject.bin"]
    assert over.get("/xl/vbaProject.bin", defaults.get("bin")) == CT_VBA
    assert parts["xl/vbaProject.bin"][:8] == bytes.fromhex("D0CF11E0A1B11AE1")


def test_kepala_vba_project_ms_ovba(run):
    # a new project and a user's project with our modules added alike (MS-OVBA 2.3.4.1 on write)
    from test_workbooks_xlsm import kepala_vba_project, periksa_kepala_ms_ovba

    periksa_kepala_ms_ovba(kepala_vba_project(run.hasil))


def test_nama_kode_dan_modul_dokumen(run):
    parts = run.sesudah
    modules = modules_olevba(run.hasil)
    wbpr = xml(parts["xl/workbook.xml"]).find("m:workbookPr", NS)
    assert wbpr.get("codeName") in modules
    for nama in (pb.NAMA_KENDALI, vba.NAMA_SHEET_CONF):
        kode = codename(parts[lembar(run, nama)])
        assert kode and re.fullmatch(r"[A-Za-z]\w{0,30}", kode)
        assert kode in modules and modules[kode].startswith(f'Attribute VB_Name = "{kode}"')
    kode = [codename(parts[p]) for _, _, p in sheets(parts) if p.startswith("xl/worksheets/")]
    kode = [k for k in kode if k]
    assert len(kode) == len(set(k.lower() for k in kode))  # unique code names
    if not run.laporan.proyek_lama:  # a new project: one document module per sheet code name, no more
        assert set(modules) == set(kode) | {wbpr.get("codeName")} | {n for _, n in vba.MODUL}


# ---------------------------------------------------------------------------------------------------
# every existing part


def test_bagian_lama_identik(run):
    beda = compare(run.salinan_asli, run.hasil.read_bytes())
    boleh = set(BERUBAH) | ({"xl/vbaProject.bin"} if run.laporan.proyek_lama else set())
    assert not beda.removed
    assert set(beda.changed) <= boleh, beda.changed
    assert beda.order_kept
    # the original entries come first, in their order; ours are appended
    assert list(run.sesudah)[:len(run.sebelum)] == list(run.sebelum)
    assert run.asli.read_bytes() == run.salinan_asli  # the source file itself untouched
    if "xl/calcChain.xml" in run.sebelum:
        assert run.sesudah["xl/calcChain.xml"] == run.sebelum["xl/calcChain.xml"]
    assert set(run.laporan.parts_changed) | set(run.laporan.parts_added) == set(beda.changed) | set(beda.added)


def test_bagian_bersama_hanya_ditambah(run):
    a, b = run.sebelum, run.sesudah
    # workbook.xml: the old sheets as they were, ours appended; names and calcPr unchanged
    wa, wb = xml(a["xl/workbook.xml"]), xml(b["xl/workbook.xml"])
    lama = [dict(s.attrib) for s in wa.iterfind("m:sheets/m:sheet", NS)]
    baru = [dict(s.attrib) for s in wb.iterfind("m:sheets/m:sheet", NS)]
    assert baru[:len(lama)] == lama and len(baru) == len(lama) + 2
    for tag in ("m:definedNames", "m:calcPr", "m:bookViews", "m:fileVersion", "m:externalReferences"):
        ea, eb = wa.find(tag, NS), wb.find(tag, NS)
        assert (ea is None) == (eb is None) and (ea is None or etree.tostring(ea) == etree.tostring(eb)), tag
    pra, prb = wa.find("m:workbookPr", NS), wb.find("m:workbookPr", NS)
    if pra is not None:
        tanpa_kode = lambda el: {k: v for k, v in el.attrib.items() if k != "codeName"}  # noqa: E731
        assert tanpa_kode(prb) == tanpa_kode(pra)
        assert pra.get("codeName") in (None, prb.get("codeName"))  # an existing code name is kept
    # workbook rels: every old relationship unchanged
    ra = [dict(r.attrib) for r in xml(a["xl/_rels/workbook.xml.rels"])]
    rb = [dict(r.attrib) for r in xml(b["xl/_rels/workbook.xml.rels"])]
    assert rb[:len(ra)] == ra
    # content types: every old Default and Override kept (the main part's type may become macro-enabled)
    ca, cb = xml(a["[Content_Types].xml"]), xml(b["[Content_Types].xml"])
    lama_ct = {(e.tag, e.get("Extension") or e.get("PartName")): e.get("ContentType") for e in ca}
    baru_ct = {(e.tag, e.get("Extension") or e.get("PartName")): e.get("ContentType") for e in cb}
    for key, value in lama_ct.items():
        if key[1] == "/xl/workbook.xml":
            assert baru_ct[key] == CT_MAKRO
        else:
            assert baru_ct[key] == value, key


def test_paket_konsisten(run):
    parts = run.sesudah
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")):
            xml(data)
    for name in parts:
        if name.endswith(".rels"):
            owner = name.replace("_rels/", "").removesuffix(".rels")
            for _, _, target in relationships(parts, owner):
                assert target in parts, f"{name} -> {target}"
    ct = xml(parts["[Content_Types].xml"])
    over = {o.get("PartName")[1:] for o in ct.iterfind("ct:Override", NS)}
    defaults = {d.get("Extension").lower() for d in ct.iterfind("ct:Default", NS)}
    for name in over:
        assert name in parts, name
    for name in parts:
        if not name.endswith("/") and name != "[Content_Types].xml":
            assert name in over or name.rsplit(".", 1)[-1].lower() in defaults, name


# ---------------------------------------------------------------------------------------------------
# the new sheets


def test_lembar_baru_di_akhir(run):
    daftar = sheets(run.sesudah)
    assert [(n, s) for n, s, _ in daftar[-2:]] == [(pb.NAMA_KENDALI, "visible"), (vba.NAMA_SHEET_CONF, "hidden")]
    assert run.laporan.sheets_added == [pb.NAMA_KENDALI, vba.NAMA_SHEET_CONF]


def test_tombol_perbarui_ringkasan(run):
    parts = run.sesudah
    part = lembar(run, pb.NAMA_KENDALI)
    rels = relationships(parts, part)
    vml = [t for _, typ, t in rels if typ.endswith("/vmlDrawing")]
    ctrl = [(rid, t) for rid, typ, t in rels if typ.endswith("/ctrlProp")]
    assert len(vml) == 1 and len(ctrl) == 1
    teks = parts[vml[0]].decode()
    assert teks.count('<x:ClientData ObjectType="Button">') == 1
    assert f"<x:FmlaMacro>[0]!{vba.MACRO_SINKRON}</x:FmlaMacro>" in teks
    assert f">{vba.CAPTION_TOMBOL}</font>" in teks
    shape = int(re.search(r'<v:shape id="_x0000_s(\d+)"', teks).group(1))
    blok = int(re.search(r'<o:idmap v:ext="edit" data="(\d+)"/>', teks).group(1))
    assert shape // 1024 == blok
    # no other VML drawing of the workbook claims the same shape-id block
    for name, data in run.sebelum.items():
        if name.endswith(".vml"):
            for m in re.finditer(rb'data="([\d,]+)"', data):
                assert str(blok) not in m.group(1).decode().split(","), name
    assert b'objectType="Button"' in parts[ctrl[0][1]]
    root = xml(parts[part])
    control = root.find(".//m:controls//m:control", NS)
    assert control is not None and control.get("shapeId") == str(shape)
    assert control.get(f"{{{NS['r']}}}id") == ctrl[0][0]
    assert control.find("m:controlPr", NS).get("macro") == f"[0]!{vba.MACRO_SINKRON}"
    # the two lines of instructions, readable by a spreadsheet reader
    rows = CalamineWorkbook.from_path(str(run.hasil)).get_sheet_by_name(pb.NAMA_KENDALI).to_python()
    teks_sel = [str(c) for r in rows for c in r if c not in ("", None)]
    assert teks_sel == list(pb.PETUNJUK_KENDALI)


def test_sheet_xlwings_conf_sama_dengan_xlsm_bawaan(run):
    got = CalamineWorkbook.from_path(str(run.hasil)).get_sheet_by_name(vba.NAMA_SHEET_CONF).to_python()
    bawaan = CalamineWorkbook.from_path(str(CONTOH_XLSM)).get_sheet_by_name(vba.NAMA_SHEET_CONF).to_python()
    assert got == bawaan
    assert got[0][:2] == ["UDF Modules", vba.UDF_MODULE]


# ---------------------------------------------------------------------------------------------------
# the result still works with the rest of lakip_xl


def test_sync_bekerja_pada_hasil(semua, tmp_path):
    from lakip_xl.sync import sinkron

    run = semua["contoh_xlsx"]
    buku = tmp_path / "hasil.xlsm"
    shutil.copyfile(run.hasil, buku)
    h = sinkron(buku, backups=0)
    assert h.perubahan.written and "Pengukuran Kinerja" in h.perubahan.sheets_added
    sesudah = entries(buku)
    for name, data in run.sesudah.items():  # our VBA, sheets, button untouched by the sync
        if name not in BERUBAH | {"xl/styles.xml"}:
            assert sesudah[name] == data, name
    names = CalamineWorkbook.from_path(str(buku)).sheet_names
    assert pb.NAMA_KENDALI in names and "Pengukuran Kinerja" in names


@pytest.mark.parametrize("nama", [n for n in BERHASIL if n != "contoh_xlsx"])
def test_penulis_sync_bekerja_pada_hasil_lain(semua, nama, tmp_path):
    """Workbooks without the template's data sheets cannot be synced, but the sync's writer
    (update_workbook) still adds sheets to the result and leaves our parts alone."""
    from lakip_xl.xlsx import update_workbook
    from lakip_xl.xlsx.sheetspec import SheetSpec

    run = semua[nama]
    buku = tmp_path / "hasil.xlsm"
    shutil.copyfile(run.hasil, buku)
    spec = SheetSpec(name="Ringkasan LAKIP")
    spec.set(1, 1, "Uji")
    assert update_workbook(buku, [spec], backups=0).written
    sesudah = entries(buku)
    for name, data in run.sesudah.items():
        if name not in BERUBAH | {"xl/styles.xml", "xl/calcChain.xml"}:
            assert sesudah[name] == data, name


@pytest.mark.libreoffice
def test_libreoffice_membuka_dan_mengimpor_modul(semua, tmp_path):
    hasil = [semua[n].hasil for n in BERHASIL]
    berkas = []
    for i, p in enumerate(hasil):  # distinct names for one conversion run
        tujuan = tmp_path / "masuk" / f"{i}_{p.name}"
        tujuan.parent.mkdir(exist_ok=True)
        shutil.copyfile(p, tujuan)
        berkas.append(tujuan)
    out = tmp_path / "ods"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}", "--headless",
                    "--convert-to", "ods", "--outdir", str(out), *map(str, berkas)],
                   check=True, capture_output=True, timeout=300)
    for p in berkas:
        with zipfile.ZipFile(out / (p.stem + ".ods")) as z:
            names = set(z.namelist())
            content = z.read("content.xml").decode()
            lakip = z.read("Basic/VBAProject/LakipXL.xml").decode()
        for _, module in vba.MODUL:
            assert f"Basic/VBAProject/{module}.xml" in names, (p.name, module)
        assert f"Sub {vba.MACRO_SINKRON}()" in lakip
        assert f'form:label="{vba.CAPTION_TOMBOL}"' in content, p.name
        assert f"vnd.sun.star.script:VBAProject.LakipXL.{vba.MACRO_SINKRON}?" in content, p.name
        assert f'table:name="{pb.NAMA_KENDALI}"' in content


# ---------------------------------------------------------------------------------------------------
# where it writes, dry run, --ganti, nothing to do


def _isi_folder(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_dry_run_tidak_menulis_apa_pun(tmp_path):
    buku = _sumber("contoh_xlsx", tmp_path / "a")
    sebelum = _isi_folder(buku.parent)
    res = CliRunner().invoke(main, ["pasang", str(buku), "--dry-run"])
    assert res.exit_code == 0, res.output
    assert "Uji coba" in res.output and "Belum ada yang ditulis" in res.output
    assert f"{buku.stem}.xlsm" in res.output
    assert _isi_folder(buku.parent) == sebelum


def test_cli_menulis_xlsm_di_samping(tmp_path):
    buku = _sumber("contoh_xlsx", tmp_path / "a")
    asli = buku.read_bytes()
    res = CliRunner().invoke(main, ["pasang", str(buku)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in buku.parent.iterdir()) == sorted([buku.name, buku.stem + ".xlsm"])
    assert buku.read_bytes() == asli
    assert "Enable Content" in res.output and "lakip-xl pasang" in res.output


def test_xlsm_ditulis_sebagai_salinan_lalu_ganti_di_tempat(tmp_path):
    buku = _sumber("fixture", tmp_path / "a")
    asli = buku.read_bytes()
    h = pb.pasang_buku(buku, dry_run=True)
    assert h.tujuan.name == "lakip_fidelity_lakip.xlsm" and not h.ditulis
    h = pb.pasang_buku(buku, ganti=True)
    assert h.tujuan == buku and h.ditulis
    assert h.backup_path is not None and h.backup_path.read_bytes() == asli
    assert "LakipXL" in modules_olevba(buku)
    assert set(compare(asli, buku.read_bytes()).changed) <= BERUBAH | {"xl/vbaProject.bin"}
    # a second run finds everything in place: exit 0, nothing written
    sebelum = _isi_folder(buku.parent)
    res = CliRunner().invoke(main, ["pasang", str(buku), "--ganti"])
    assert res.exit_code == 0, res.output
    assert "sudah memuat" in res.output and "Tidak ada yang diubah" in res.output
    assert _isi_folder(buku.parent) == sebelum


def test_sumber_hanya_baca_boleh_tanpa_ganti(tmp_path):
    buku = _sumber("contoh_xlsx", tmp_path / "a")
    buku.chmod(0o444)
    try:
        h = pb.pasang_buku(buku)  # only read: a read-only source is fine
        assert h.ditulis and h.tujuan.exists()
        h.tujuan.chmod(0o444)
        with pytest.raises(BerkasError, match="hanya-baca"):  # replacing a read-only file is refused
            pb.pasang_buku(h.tujuan, ganti=True)
    finally:
        for p in buku.parent.iterdir():
            p.chmod(0o644)


def test_xlsm_bawaan_sudah_terpasang(tmp_path):
    buku = tmp_path / "contoh.xlsm"
    shutil.copyfile(CONTOH_XLSM, buku)
    h = pb.pasang_buku(buku)
    assert h.sudah_terpasang and not h.ditulis
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contoh.xlsm"]


# ---------------------------------------------------------------------------------------------------
# refusals: exit 1, a Bahasa Indonesia message, the file untouched, no new file


def _ditolak(buku: Path, *args: str) -> str:
    sebelum = _isi_folder(buku.parent)
    res = CliRunner().invoke(main, ["pasang", str(buku), *args])
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output and "GALAT" in res.output and buku.name in res.output
    assert _isi_folder(buku.parent) == sebelum  # untouched, nothing new (no temp, backup or lock file)
    return res.output


BERTANDA = ["dibuat"] + (["signed"] if "signed" in DATA_FIDELITY else [])


@pytest.mark.parametrize("asal", BERTANDA)
def test_proyek_bertanda_tangan_ditolak(asal, tmp_path):
    buku = buat_bertanda(tmp_path / "a") if asal == "dibuat" else _sumber(asal, tmp_path / "a")
    for args in ((), ("--ganti",), ("--dry-run",)):
        out = _ditolak(buku, *args)
        assert "ditandatangani secara digital" in out and "merusak tanda tangan" in out
        assert "Alt+F11" in out and "Import File" in out and "macros" in out
        for filename, _ in vba.MODUL:
            assert filename in out


def test_modul_bernama_sama_ditolak(tmp_path):
    out = _ditolak(buat_modul_bentrok(tmp_path / "a"))
    assert "sudah memiliki modul bernama xlwings" in out and "Import File" in out


def test_proyek_berkata_sandi_ditolak(tmp_path, monkeypatch):
    asli = vba.baca_proyek

    def terkunci(data):
        return vba.InfoProyek(**{**asli(data).__dict__, "berkata_sandi": True})

    monkeypatch.setattr(vba, "baca_proyek", terkunci)
    out = _ditolak(_sumber("fixture", tmp_path / "a"))
    assert "kata sandi" in out and "Import File" in out


def test_proyek_tak_terbaca_ditolak(tmp_path):
    buku = _sumber("fixture", tmp_path / "a")
    rusak = tmp_path / "b" / "rusak.xlsm"
    rusak.parent.mkdir()
    _ganti_bagian(buku, rusak, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600})
    out = _ditolak(rusak)
    assert "tidak dapat dibaca dengan aman" in out and "Import File" in out


def test_ganti_xlsx_ditolak(tmp_path):
    out = _ditolak(_sumber("contoh_xlsx", tmp_path / "a"), "--ganti")
    assert ".xlsx tidak dapat memuat makro" in out and "contoh_depok_2020.xlsm" in out


def test_tujuan_sudah_ada_ditolak(tmp_path):
    buku = _sumber("contoh_xlsx", tmp_path / "a")
    (buku.parent / (buku.stem + ".xlsm")).write_bytes(b"milik pengguna")
    out = _ditolak(buku)
    assert "sudah ada" in out and "tidak menimpanya" in out


def test_sheet_bernama_sama_ditolak(tmp_path):
    buku = _sumber("contoh_xlsx", tmp_path / "a")
    with zipfile.ZipFile(buku) as z:
        wb = z.read("xl/workbook.xml").replace(b'name="Skala"', b'name="Kendali LAKIP"')
    lain = _ganti_bagian(buku, tmp_path / "b.xlsx", {"xl/workbook.xml": wb})
    buku.unlink()
    lain.rename(buku)
    out = _ditolak(buku)
    assert "sudah memiliki sheet 'Kendali LAKIP'" in out


def test_bukan_buku_kerja_ditolak(tmp_path):
    teks = tmp_path / "a" / "catatan.csv"
    teks.parent.mkdir()
    teks.write_text("a,b\n")
    out = _ditolak(teks)
    assert "bukan buku kerja" in out


def test_pasang_tanpa_buku_tetap_menyiapkan_pc():
    res = CliRunner().invoke(main, ["pasang", "--dry-run"])
    assert res.exit_code == 0 and "python.org" in res.output
    res = CliRunner().invoke(main, ["pasang", "--ganti"])
    assert res.exit_code == 2 and "BUKU" in res.output


# ---------------------------------------------------------------------------------------------------
# small pieces


def test_nama_kode_bebas():
    terpakai = {"lakipkendali", "lakipkendali2"}
    assert pb._kode_bebas("LakipKendali", terpakai) == "LakipKendali3"
    assert "lakipkendali3" in terpakai


def test_tujuan_bawaan():
    assert pb.tujuan_bawaan(Path("x/Laporan 2024.xlsx")) == Path("x/Laporan 2024.xlsm")
    assert pb.tujuan_bawaan(Path("x/Laporan.XLSM")) == Path("x/Laporan_lakip.xlsm")


def test_tanpa_macros_pesan_jelas(tmp_path):
    buku = _sumber("contoh_xlsx", tmp_path / "a")
    with pytest.raises(LakipError, match="Berkas makro lakip_xl tidak ditemukan"):
        pb.pasang_buku(buku, macros_dir=tmp_path / "tidak_ada")
    assert sorted(p.name for p in buku.parent.iterdir()) == [buku.name]


def test_sisipkan_menolak_nama_yang_ada():
    from lakip_xl.xlsx.sisip import LembarBaru, sisipkan

    with pytest.raises(BerkasError, match="sudah memiliki sheet 'Beranda'"):
        sisipkan(CONTOH.read_bytes(), [LembarBaru("beranda", "Lain")])


def test_sisipkan_tanpa_proyek_tidak_membuat_makro():
    """Plain sheets only: no VBA, the main part's content type unchanged, no codeName on workbookPr."""
    from lakip_xl.xlsx.sisip import LembarBaru, sisipkan

    data = CONTOH.read_bytes()
    s = sisipkan(data, [LembarBaru("Catatan Baru", "Catatan", isi=(("satu", True),))])
    parts = dict(entries_bytes(s.data))
    assert CT_MAKRO.encode() not in parts["[Content_Types].xml"]
    assert b"codeName" not in parts["xl/workbook.xml"]
    assert set(compare(data, s.data).changed) == BERUBAH
    rows = CalamineWorkbook.from_filelike(io.BytesIO(s.data)).get_sheet_by_name("Catatan Baru").to_python()
    assert rows == [["satu", True]]


def entries_bytes(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def test_sisipkan_bin_printer_settings_proyek_dapat_override():
    """Where .bin already means printer settings, the project gets its own Override."""
    from lakip_xl.xlsx.sisip import sisipkan

    data = CONTOH.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        ct = z.read("[Content_Types].xml").replace(
            b'<Default Extension="xml"', b'<Default Extension="bin" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/><Default Extension="xml"')
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, ct if info.filename == "[Content_Types].xml" else zin.read(info))
    proyek = vba.vba_project_bytes(["Lain"])
    s = sisipkan(buf.getvalue(), [pb.lembar_baru("Lain", "Conf")[0]], proyek_vba=proyek, codename_buku="ThisWorkbook")
    ct = xml(dict(entries_bytes(s.data))["[Content_Types].xml"])
    over = {o.get("PartName"): o.get("ContentType") for o in ct.iterfind("ct:Override", NS)}
    defaults = {d.get("Extension"): d.get("ContentType") for d in ct.iterfind("ct:Default", NS)}
    assert over["/xl/vbaProject.bin"] == CT_VBA and defaults["bin"].endswith("printerSettings")
    assert over["/xl/workbook.xml"] == CT_MAKRO


def test_hasil_sama_pada_dua_salinan(tmp_path):
    a = pb.pasang_buku(_sumber("contoh_xlsx", tmp_path / "a")).tujuan.read_bytes()
    b = pb.pasang_buku(_sumber("contoh_xlsx", tmp_path / "b")).tujuan.read_bytes()
    assert a == b

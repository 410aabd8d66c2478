"""The workbook's VBA project: generated from macros/*.bas, which are the source of truth.

Modules (macros/):
- `xlwings.bas`: xlwings' runtime module, copied byte for byte from the installed xlwings package at
  the pinned version (`XLWINGS_VERSION`). It declares `xlwings64-<version>.dll`, so the workbook's
  VBA, the Python package and the add-in must be the same version.
- `xlwings_udfs.bas`: one VBA wrapper per UDF of `lakip_xl.udf`, written by xlwings' OWN generator
  (`xlwings.udfs.generate_vba_wrapper`, what the ribbon's "Import Functions" writes), run on Linux
  with the pywin32 modules stubbed. Relies on xlwings 0.37.8 internals: pinned.
- `LakipXL.bas`: hand-written; the button macro `PerbaruiRingkasan`.

Commands (developer side, English):
    python -m lakip_xl.excel.vba generate          # rewrite macros/xlwings_udfs.bas and macros/xlwings.bas
    python -m lakip_xl.excel.vba generate --check  # exit 1 when a committed file is stale
    python -m lakip_xl.excel.vba build OUT.bin     # a vbaProject.bin with one document module (Sheet1)

Workbook side: `tambah_vba(workbook, home_sheet, cell)` is called by the workbook builder
(workbooks/build.py, XlsxWriter) to turn a workbook into a macro-enabled twin: VBA project, the
`xlwings.conf` sheet and the "Perbarui Ringkasan" button. The VBA project is a source-only MS-OVBA
project written by pyopenvba; Excel compiles it on first open (nothing here ran in Excel).

The _VBA_PROJECT stream of every project written here (a new one, or a user's with our modules added)
is the 7-byte header MS-OVBA 2.3.4.1 prescribes on write: Reserved1 0x61CC, Version 0xFFFF, Reserved2
0x00, Reserved3 0x0000, and no PerformanceCache ("MUST NOT be present on write"), as LibreOffice writes
it. pyopenvba (6.5.0) keeps the template's version (0x00B5) and a zero-filled cache of the old length
instead; an Office build whose VBA version is 0x00B5 could take that cache as its own compiled state.
Version 0xFFFF tells every Office build to compile from the module sources (`ovba_kepala`).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import os
import sys
import tempfile
import types
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

XLWINGS_VERSION = "0.37.8"  # must equal pyproject.toml's "xlwings==..." pin (tests/test_vba.py)
UDF_MODULE = "lakip_xl.udf"  # the permanent name workbooks call (a re-export of UDF_SOURCE)
UDF_SOURCE = "lakip_xl.excel.udf"  # where the functions are defined
MACRO_SINKRON = "PerbaruiRingkasan"
CAPTION_TOMBOL = "Perbarui Ringkasan"
NAMA_SHEET_CONF = "xlwings.conf"

ROOT = Path(__file__).resolve().parents[2]  # the repository (macros/ lives there)


def _folder_makro() -> Path:
    """macros/ of the checkout, else the copy an installed wheel carries (lakip_xl/macros/, put there by
    setup.py): `pasang BUKU` and the workbook builder read the VBA sources at run time."""
    checkout = ROOT / "macros"
    if (checkout / "LakipXL.bas").is_file():
        return checkout
    return Path(__file__).resolve().parents[1] / "macros"


MACROS_DIR = _folder_makro()

# (file in macros/, VBA module name). Order = order in the VBA project.
MODUL = (
    ("xlwings.bas", "xlwings"),
    ("xlwings_udfs.bas", "xlwings_udfs"),
    ("LakipXL.bas", "LakipXL"),
)

# The xlwings.conf sheet: the block A1:B4 is read by xlwings' VBA (GetConfigFromSheet reads down from
# A1 to the first blank cell, keys case-insensitive). Deliberately absent: Interpreter_Win/_Mac,
# Conda Path/Env, PYTHONPATH. A workbook travels between PCs; the interpreter is a PC setting written
# to %USERPROFILE%\.xlwings\xlwings.conf by `lakip-xl pasang` (xlwings addin install / config create).
# A sheet row, even an empty one, would override that file (GetConfig: sheet -> directory -> user).
KONFIGURASI_XLWINGS: tuple[tuple[str, object], ...] = (
    ("UDF Modules", UDF_MODULE),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
)
PETUNJUK_CONF = (
    "Petunjuk:",
    "Sheet ini dibaca oleh xlwings (pengaturan mulai di sel A1, satu baris per pengaturan, tanpa baris kosong).",
    "UDF Modules = lakip_xl.udf: modul Python yang berisi fungsi CAPAIAN, PREDIKAT, dan lainnya.",
    "Lokasi Python (Interpreter_Win) sengaja tidak ditulis di sini: diatur per komputer oleh 'lakip-xl pasang'.",
    "Jangan ubah atau hapus sheet ini kecuali diminta oleh pengelola.",
)


# --------------------------------------------------------------------------------------------------
# Generating xlwings_udfs.bas with xlwings' own generator


@contextlib.contextmanager
def _pywin32_tiruan() -> Iterator[types.ModuleType]:
    """Import xlwings.udfs on a machine without pywin32: stub the four modules it imports, then put
    sys.modules back as it was (the stubs must not leak into the rest of the process)."""
    import xlwings

    if xlwings.__version__ != XLWINGS_VERSION:
        raise RuntimeError(
            f"xlwings {xlwings.__version__} is installed but the VBA generator is pinned to "
            f"{XLWINGS_VERSION} (it relies on xlwings.udfs internals); install xlwings=={XLWINGS_VERSION}."
        )
    names = ("pythoncom", "pywintypes", "win32api", "win32com", "win32com.client", "xlwings.udfs")
    saved = {n: sys.modules.get(n) for n in names}
    if "xlwings.udfs" in sys.modules and not sys.platform.startswith("win"):
        del sys.modules["xlwings.udfs"]
    try:
        if not sys.platform.startswith("win"):
            pythoncom = types.ModuleType("pythoncom")
            pythoncom.CoInitialize = lambda: None
            pywintypes = types.ModuleType("pywintypes")
            pywintypes.com_error = type("com_error", (Exception,), {})
            win32com = types.ModuleType("win32com")
            client = types.ModuleType("win32com.client")

            def _dispatch(*args, **kwargs):
                raise RuntimeError("COM is not available: stub for VBA generation only")

            client.Dispatch = _dispatch
            win32com.client = client
            sys.modules.update({
                "pythoncom": pythoncom, "pywintypes": pywintypes,
                "win32api": types.ModuleType("win32api"), "win32com": win32com, "win32com.client": client,
            })
        import xlwings.udfs as udfs

        yield udfs
    finally:
        for n, m in saved.items():
            if m is None:
                sys.modules.pop(n, None)
            else:
                sys.modules[n] = m
        if saved["xlwings.udfs"] is None and hasattr(xlwings, "udfs"):
            with contextlib.suppress(AttributeError):
                delattr(xlwings, "udfs")


def _modul_udf_berdekorasi(udfs: types.ModuleType, module_name: str) -> types.ModuleType:
    """A private copy of the UDF module executed with xlwings' real (Windows) decorators, so that each
    function carries the `__xlfunc__` metadata the generator reads. The normal `lakip_xl.udf` in
    sys.modules is left untouched (on Linux its decorators are no-ops)."""
    import xlwings

    spec = importlib.util.find_spec(module_name)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"UDF module {module_name} not found")
    saved = {k: getattr(xlwings, k) for k in ("func", "arg", "ret")}
    xlwings.func, xlwings.arg, xlwings.ret = udfs.xlfunc, udfs.xlarg, udfs.xlret
    try:
        copy_spec = importlib.util.spec_from_file_location(module_name, spec.origin)
        module = importlib.util.module_from_spec(copy_spec)
        copy_spec.loader.exec_module(module)  # not registered in sys.modules
    finally:
        for k, v in saved.items():
            setattr(xlwings, k, v)
    return module


class _BukuTiruan:
    """The one attribute of Excel's Workbook the generator reads: a .xlsm (not an add-in) means the
    wrappers pass ThisWorkbook."""

    Name = "LAKIP.xlsm"


def generate_udf_vba(module_name: str = UDF_MODULE) -> str:
    """The text of macros/xlwings_udfs.bas (CRLF line endings), exactly as xlwings' "Import Functions"
    writes it: the three header lines of `xlwings.udfs.import_udfs`, then `generate_vba_wrapper`."""
    with _pywin32_tiruan() as udfs:
        # The decorated copy is made from the defining module; the wrappers name `module_name`, the
        # module Excel imports (lakip_xl.udf re-exports the same functions, so dir() lists the same).
        module = _modul_udf_berdekorasi(udfs, UDF_SOURCE if module_name == UDF_MODULE else module_name)
        buf = io.StringIO()
        vba = udfs.VBAWriter(buf)
        # The same header lines as xlwings.udfs.import_udfs (0.37.8).
        vba.writeln('Attribute VB_Name = "xlwings_udfs"')
        vba.writeln("'Autogenerated code by xlwings - changes will be lost with next import!")
        vba.writeln("""#Const App = "Microsoft Excel" 'Adjust when using outside of Excel""")
        udfs.generate_vba_wrapper(module_name, module, buf, _BukuTiruan())
    return _crlf(buf.getvalue())


def xlwings_bas_path() -> Path:
    """The runtime VBA module shipped inside the installed xlwings package."""
    import xlwings

    return Path(xlwings.__file__).resolve().parent / "xlwings.bas"


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def _tulis_atomik(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def generated_files(macros_dir: Path = MACROS_DIR) -> dict[Path, bytes]:
    """What `generate` writes: the UDF wrappers and the runtime module, as bytes."""
    return {
        macros_dir / "xlwings_udfs.bas": generate_udf_vba().encode("cp1252"),
        macros_dir / "xlwings.bas": xlwings_bas_path().read_bytes(),
    }


def stale_files(macros_dir: Path = MACROS_DIR) -> list[Path]:
    """Generated files whose committed content differs from what `generate` would write."""
    return [p for p, data in generated_files(macros_dir).items() if not p.exists() or p.read_bytes() != data]


def generate(macros_dir: Path = MACROS_DIR) -> list[Path]:
    """Rewrite the generated files in macros/; returns those that changed."""
    changed = []
    for path, data in generated_files(macros_dir).items():
        if not path.exists() or path.read_bytes() != data:
            _tulis_atomik(path, data)
            changed.append(path)
    return changed


# --------------------------------------------------------------------------------------------------
# Building vbaProject.bin


def vba_sources(macros_dir: Path = MACROS_DIR) -> dict[str, str]:
    """Module name -> source (CRLF), in project order, read from macros/."""
    out = {}
    for filename, name in MODUL:
        path = macros_dir / filename
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing; run `python -m lakip_xl.excel.vba generate`")
        out[name] = _crlf(path.read_bytes().decode("cp1252"))
    return out


def vba_project_bytes(sheet_codenames: Sequence[str] = ("Sheet1",), *,
                      workbook_codename: str = "ThisWorkbook",
                      macros_dir: Path = MACROS_DIR) -> bytes:
    """A source-only vbaProject.bin: a document module for the workbook and for each sheet code name
    (they must match the workbook's codeName attributes), plus the standard modules of macros/.

    pyopenvba only gives a project to an existing .xlsm, so a throwaway XlsxWriter skeleton with the
    same number of sheets is made, given a project, filled, saved, and its xl/vbaProject.bin taken."""
    import xlsxwriter
    from pyopenvba import ExcelFile

    codenames = list(sheet_codenames)
    if not codenames:
        raise ValueError("a workbook has at least one sheet")
    if len(set(n.lower() for n in codenames + [workbook_codename])) != len(codenames) + 1:
        raise ValueError(f"duplicate VBA code names: {codenames + [workbook_codename]}")
    sources = vba_sources(macros_dir)
    with tempfile.TemporaryDirectory(prefix="lakipxl-vba-") as tmp:
        skeleton = Path(tmp) / "rangka.xlsm"
        built = Path(tmp) / "proyek.xlsm"
        wb = xlsxwriter.Workbook(str(skeleton))
        for i in range(len(codenames)):
            wb.add_worksheet(f"S{i + 1}")
        wb.close()
        with ExcelFile(str(skeleton)) as xf:
            project = xf.add_vba_project()  # ThisWorkbook, Sheet1..SheetN, as Excel names them
            defaults = [f"Sheet{i + 1}" for i in range(len(codenames))]
            if codenames != defaults or workbook_codename != "ThisWorkbook":
                # two passes through temporary names, so that a permutation cannot collide
                pairs = [("ThisWorkbook", workbook_codename)] + list(zip(defaults, codenames))
                for i, (old, _) in enumerate(pairs):
                    project.rename_module(old, f"Tmp{i}Lakip")
                for i, (_, new) in enumerate(pairs):
                    project.rename_module(f"Tmp{i}Lakip", new)
            for name, source in sources.items():
                project.add_module(name, source)
            xf.save(str(built))
        with ExcelFile(str(built)) as xf:  # pending streams exist only once saved: validate the result
            problems = xf.validate()
            if problems:
                raise RuntimeError(f"pyopenvba reports an inconsistent VBA project: {problems}")
        with zipfile.ZipFile(built) as z:
            return ovba_kepala(z.read("xl/vbaProject.bin"))


# MS-OVBA 2.3.4.1 _VBA_PROJECT stream as written: Reserved1, Version, Reserved2, Reserved3; no cache.
KEPALA_VBA_PROJECT = bytes.fromhex("CC61" "FFFF" "00" "0000")


def ovba_kepala(proyek: bytes) -> bytes:
    """The vbaProject.bin `proyek` with its VBA/_VBA_PROJECT stream replaced by KEPALA_VBA_PROJECT
    (see the module docstring); every other stream unchanged. The module streams hold their source at
    offset 0 (no compiled code before it), which is what version 0xFFFF requires."""
    from pyopenvba.cfb import CFB

    cfb = CFB.from_bytes(proyek)
    lama = cfb.get_stream_in_storage("VBA", "_VBA_PROJECT")
    if lama[:2] != KEPALA_VBA_PROJECT[:2]:
        raise RuntimeError(f"unexpected _VBA_PROJECT header {lama[:7].hex()}")
    if lama == KEPALA_VBA_PROJECT:
        return proyek
    cfb.write_stream_in_storage("VBA", "_VBA_PROJECT", KEPALA_VBA_PROJECT)
    baru = cfb.to_bytes()
    if CFB.from_bytes(baru).get_stream_in_storage("VBA", "_VBA_PROJECT") != KEPALA_VBA_PROJECT:
        raise RuntimeError("the _VBA_PROJECT stream did not read back as written")
    return baru


def build_vba_project(out_path: str | os.PathLike, sheet_codenames: Sequence[str] = ("Sheet1",), *,
                      workbook_codename: str = "ThisWorkbook", macros_dir: Path = MACROS_DIR) -> Path:
    """Write a vbaProject.bin (see `vba_project_bytes`) to `out_path` atomically; returns the path."""
    out = Path(out_path)
    _tulis_atomik(out, vba_project_bytes(sheet_codenames, workbook_codename=workbook_codename,
                                         macros_dir=macros_dir))
    return out


# --------------------------------------------------------------------------------------------------
# An existing project (a user's .xlsm): read it, add our modules to it


# The attribute header Excel writes for a worksheet's document module (VB_Base = the Worksheet class);
# the same text pyopenvba writes for the document modules of a new project.
BASE_LEMBAR = "0{00020820-0000-0000-C000-000000000046}"


def header_dokumen(name: str, base: str = BASE_LEMBAR) -> str:
    return (f'Attribute VB_Name = "{name}"\r\nAttribute VB_Base = "{base}"\r\n'
            "Attribute VB_GlobalNameSpace = False\r\nAttribute VB_Creatable = False\r\n"
            "Attribute VB_PredeclaredId = True\r\nAttribute VB_Exposed = True\r\n"
            "Attribute VB_TemplateDerived = False\r\nAttribute VB_Customizable = True\r\n")


@dataclass(frozen=True)
class InfoProyek:
    """What `pasang` needs to know about an existing vbaProject.bin."""

    modul: dict[str, str]  # module name -> source, in project order
    dokumen: tuple[str, ...]  # names of the document/class modules (kind "other")
    tertanda: bool  # a digital signature inside the project (streams) was found
    tanda: tuple[str, ...]  # its kinds as pyopenvba names them ("legacy", "agile", "v3")
    berkata_sandi: bool  # the project is locked for viewing with a password


@contextlib.contextmanager
def _pembawa(proyek: bytes) -> Iterator[Path]:
    """A throwaway .xlsm holding only xl/vbaProject.bin: what pyopenvba's ExcelFile opens (it works
    on files). Nothing of the user's package is written anywhere."""
    with tempfile.TemporaryDirectory(prefix="lakipxl-vba-") as tmp:
        path = Path(tmp) / "pembawa.xlsm"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/vbaProject.bin", proyek)
        yield path


def baca_proyek(proyek: bytes) -> InfoProyek:
    """Read an existing vbaProject.bin with pyopenvba (raises pyopenvba's errors when it cannot)."""
    from pyopenvba import ExcelFile
    from pyopenvba.vba import VBAModuleKind

    with _pembawa(proyek) as path, ExcelFile(str(path)) as xf:
        project = xf.vba_project()
        modul = {m.name: m.source for m in project.modules}
        dokumen = tuple(m.name for m in project.modules if m.kind != VBAModuleKind.standard)
        sig = xf.vba_signature()
        prot = project.protection
        return InfoProyek(modul=modul, dokumen=dokumen, tertanda=bool(sig.present), tanda=tuple(sig.kinds),
                          berkata_sandi=bool(prot is not None and prot.has_password))


def tambah_ke_proyek(proyek: bytes, dokumen: Sequence[str] = (), *, macros_dir: Path = MACROS_DIR) -> bytes:
    """The vbaProject.bin `proyek` with the standard modules of macros/ added after its own modules,
    and a worksheet document module for each code name in `dokumen` (new sheets of the workbook).
    Every existing module keeps its source; pyopenvba rewrites the dir and PROJECT streams, and the
    _VBA_PROJECT stream becomes the MS-OVBA header without cache (`ovba_kepala`), so Excel recompiles
    from the sources on open (as for a project built here).

    Refuses (ValueError) a signed or password-protected project, or one that already has a module of
    one of the names added: the caller must have checked (lakip_xl.excel.pasang_buku)."""
    from pyopenvba import ExcelFile
    from pyopenvba.vba import VBAModuleKind

    sources = vba_sources(macros_dir)
    with tempfile.TemporaryDirectory(prefix="lakipxl-vba-") as tmp, _pembawa(proyek) as carrier:
        out = Path(tmp) / "hasil.xlsm"
        with ExcelFile(str(carrier)) as xf:
            project = xf.vba_project()
            if xf.vba_signature().present:
                raise ValueError("the VBA project is signed; adding modules would break the signature")
            if project.protection is not None and project.protection.has_password:
                raise ValueError("the VBA project is password-protected")
            ada = {m.name.casefold() for m in project.modules}
            baru = [*sources, *dokumen]
            if len({n.casefold() for n in baru}) != len(baru) or ada & {n.casefold() for n in baru}:
                raise ValueError(f"module names already taken: {sorted(ada & {n.casefold() for n in baru})}")
            for name in dokumen:
                project.add_module(name, header_dokumen(name), kind=VBAModuleKind.other)
            for name, source in sources.items():
                project.add_module(name, source)
            # pyopenvba declares an added module of kind "other" as a Document (not a Class) in the PROJECT
            # stream only when it is one of the host's document names. Its public API sets them for a new
            # project only (add_vba_project), so the set is given here; pinned pyopenvba==6.5.0.
            if not hasattr(xf, "_document_names"):
                raise RuntimeError("pyopenvba changed: ExcelFile._document_names is gone (pinned 6.5.0)")
            xf._document_names = set(xf._document_names) | {n.casefold() for n in dokumen}
            xf.save(str(out))
        with ExcelFile(str(out)) as xf:
            problems = xf.validate()
            if problems:
                raise RuntimeError(f"pyopenvba reports an inconsistent VBA project: {problems}")
            got = {m.name: m.source for m in xf.vba_project().modules}
        with zipfile.ZipFile(out) as z:
            data = ovba_kepala(z.read("xl/vbaProject.bin"))
    lama = baca_proyek(proyek).modul
    for name, source in lama.items():  # nothing of the user's project changed
        if got.get(name) != source:
            raise RuntimeError(f"module {name} changed while adding ours")
    for name, source in sources.items():
        if got.get(name, "").replace("\r\n", "\n").rstrip("\n") != source.replace("\r\n", "\n").rstrip("\n"):
            raise RuntimeError(f"module {name} does not read back as macros/ has it")
    return data


# --------------------------------------------------------------------------------------------------
# The workbook side (XlsxWriter)


class _ProyekTunda(io.BytesIO):
    """A vbaProject.bin built when XlsxWriter packages the file (workbook.close()), not when
    `tambah_vba` is called: by then every sheet exists and has its code name, so the project holds
    exactly one document module per sheet whatever the builder added after `tambah_vba`.
    XlsxWriter reads an `is_stream=True` project with getvalue()."""

    def __init__(self, workbook, macros_dir: Path):
        super().__init__()
        self._workbook = workbook
        self._macros_dir = macros_dir
        self._built = False

    def getvalue(self) -> bytes:  # type: ignore[override]
        if not self._built:
            sheets = self._workbook.worksheets()
            codenames = [ws.vba_codename or f"Sheet{ws.index + 1}" for ws in sheets]
            data = vba_project_bytes(codenames, workbook_codename=self._workbook.vba_codename or "ThisWorkbook",
                                     macros_dir=self._macros_dir)
            self.seek(0)
            self.truncate()
            self.write(data)
            self.seek(0)
            self._built = True
        return super().getvalue()


def tambah_vba(workbook, home_sheet, cell: str = "B6", *, macros_dir: Path = MACROS_DIR) -> None:
    """Make an XlsxWriter workbook macro-enabled: the VBA project of macros/, a hidden `xlwings.conf`
    sheet (UDF Modules = lakip_xl.udf) and a "Perbarui Ringkasan" button at `cell` of `home_sheet`
    bound to the macro PerbaruiRingkasan.

    Call it before workbook.close(), on a Workbook whose filename ends in .xlsm (or an in-memory one).
    Sheets added afterwards are fine: the project is built at close() from the final sheet list.
    Code names: XlsxWriter's defaults (ThisWorkbook, Sheet1..N) unless the builder set its own.
    """
    filename = getattr(workbook, "filename", None)
    if isinstance(filename, (str, os.PathLike)) and not str(filename).lower().endswith((".xlsm", ".xltm")):
        raise ValueError(f"a workbook with VBA must be saved as .xlsm, not {filename}")
    if workbook.vba_project:
        raise ValueError("the workbook already has a VBA project")
    for filename_, _ in MODUL:
        if not (macros_dir / filename_).exists():
            raise FileNotFoundError(f"{macros_dir / filename_} is missing; run `python -m lakip_xl.excel.vba generate`")

    if workbook.get_worksheet_by_name(NAMA_SHEET_CONF) is None:
        conf = workbook.add_worksheet(NAMA_SHEET_CONF)
        for row, (key, value) in enumerate(KONFIGURASI_XLWINGS):
            conf.write_string(row, 0, key)
            if isinstance(value, bool):
                conf.write_boolean(row, 1, value)
            else:
                conf.write_string(row, 1, str(value))
        for i, teks in enumerate(PETUNJUK_CONF):
            conf.write_string(len(KONFIGURASI_XLWINGS) + 2 + i, 0, teks)
        conf.set_column(0, 0, 18)
        conf.set_column(1, 1, 16)
        conf.hide()

    home_sheet.insert_button(cell, {
        "macro": MACRO_SINKRON,
        "caption": CAPTION_TOMBOL,
        "width": 160,
        "height": 32,
        "description": "Membaca sheet data lalu menulis ulang sheet ringkasan (Pengukuran Kinerja dan lainnya).",
    })
    workbook.set_vba_name()  # ThisWorkbook unless the builder chose another
    workbook.add_vba_project(_ProyekTunda(workbook, macros_dir), is_stream=True)


# --------------------------------------------------------------------------------------------------
# CLI


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lakip_xl.excel.vba", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate", help="rewrite macros/xlwings_udfs.bas and macros/xlwings.bas")
    g.add_argument("--check", action="store_true", help="only report stale files; exit 1 if any")
    g.add_argument("--macros", type=Path, default=MACROS_DIR)
    b = sub.add_parser("build", help="write a vbaProject.bin from macros/")
    b.add_argument("out", type=Path)
    b.add_argument("--sheets", default="Sheet1", help="comma-separated sheet code names")
    b.add_argument("--macros", type=Path, default=MACROS_DIR)
    args = parser.parse_args(argv)
    if args.cmd == "generate":
        if args.check:
            stale = stale_files(args.macros)
            for p in stale:
                print(f"stale: {p}")
            return 1 if stale else 0
        for p in generate(args.macros):
            print(f"wrote {p}")
        return 0
    path = build_vba_project(args.out, [s.strip() for s in args.sheets.split(",") if s.strip()],
                             macros_dir=args.macros)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Only what pyproject.toml cannot say: the VBA sources in macros/ (a top-level folder of the repository,
where the developers edit them) are shipped inside the wheel as lakip_xl/macros/, because `lakip-xl pasang
BUKU` and the workbook builder read them at run time (lakip_xl.excel.vba.MACROS_DIR finds either place)."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyDenganMakro(build_py):
    def run(self):
        super().run()
        tujuan = Path(self.build_lib) / "lakip_xl" / "macros"
        tujuan.mkdir(parents=True, exist_ok=True)
        for f in sorted(Path(__file__).resolve().parent.joinpath("macros").glob("*.bas")):
            self.copy_file(str(f), str(tujuan / f.name))


setup(cmdclass={"build_py": BuildPyDenganMakro})

"""The Excel functions (classic xlwings UDFs): CAPAIAN, PREDIKAT, KETERANGAN, CAPAIAN_SASARAN, KUMULATIF,
SERAPAN, ANGKA.

xlwings loads this module by its dotted name (setting "UDF Modules" = `lakip_xl.udf`). Each function is
a decorated one-line call into lakip_xl.excel.konversi, which turns Excel cells into core arguments and
core results into Excel values (its docstring states the conventions: 2-D arguments, broadcasting,
blanks, "n/a", "#N/A: <pesan>"), and holds the Indonesian help texts. The same conversion serves the
xlwings Lite edge (lakip_xl.excel.lite). The rules live in lakip_xl.aturan.capaian / predikat /
kumulatif / sasaran / anggaran / angka (docs/dev/core-api.md).

Import cost matters (xlwings imports this module in its COM server before the first call): the core
modules are imported inside the functions, never pandas/openpyxl at import time. CAPAIAN over 200 or
more number cells uses the vectorised core (lakip_xl.aturan.vektor, numpy/pandas, exact: equal to the
scalar form) on first use; xlwings has imported pandas already in that process. Measurements in
docs/dev/excel-side.md.

`AMBANG_VEKTOR` and `_capaian_vektor` are read from this module at each call, so tests can patch them
here.
"""

from __future__ import annotations

import xlwings as xw

from lakip_xl.excel import konversi
from lakip_xl.excel.konversi import AWALAN_GALAT, NA_TEKS, PANJANG_PESAN, arg_dok, dok  # noqa: F401 - re-exported

KATEGORI = "LAKIP"  # the Function Wizard category (written by xlwings' "Import Functions")
AMBANG_VEKTOR = konversi.AMBANG_VEKTOR  # from this many number cells, CAPAIAN uses the vectorised core
_capaian_vektor = konversi.capaian_vektor


# --------------------------------------------------------------------------------------------------
# The functions. Names, docstrings and argument docs are what Excel users see: Bahasa Indonesia
# (konversi.BANTUAN; `dok` sets the docstring before xlwings' decorators read it).


@xw.func(category=KATEGORI)
@xw.arg("target", ndim=2, doc=arg_dok("CAPAIAN", "target"))
@xw.arg("realisasi", ndim=2, doc=arg_dok("CAPAIAN", "realisasi"))
@xw.arg("polaritas", ndim=2, doc=arg_dok("CAPAIAN", "polaritas"))
@xw.arg("metode", ndim=2, doc=arg_dok("CAPAIAN", "metode"))
@xw.arg("pengaturan", ndim=2, doc=arg_dok("CAPAIAN", "pengaturan"))
@dok
def CAPAIAN(target, realisasi, polaritas=None, metode=None, pengaturan=None):
    return konversi.hitung_capaian(target, realisasi, polaritas, metode, pengaturan, ambang=AMBANG_VEKTOR,
                                   vektor=_capaian_vektor)


@xw.func(category=KATEGORI)
@xw.arg("nilai_capaian", ndim=2, doc=arg_dok("PREDIKAT", "nilai_capaian"))
@xw.arg("skala", ndim=2, doc=arg_dok("PREDIKAT", "skala"))
@dok
def PREDIKAT(nilai_capaian, skala=None):
    return konversi.hitung_predikat(nilai_capaian, skala)


@xw.func(category=KATEGORI)
@xw.arg("nilai_capaian", ndim=2, doc=arg_dok("KETERANGAN", "nilai_capaian"))
@dok
def KETERANGAN(nilai_capaian):
    return konversi.hitung_keterangan(nilai_capaian)


@xw.func(category=KATEGORI)
@xw.arg("nilai_capaian", ndim=2, doc=arg_dok("CAPAIAN_SASARAN", "nilai_capaian"))
@xw.arg("bobot", ndim=2, doc=arg_dok("CAPAIAN_SASARAN", "bobot"))
@xw.arg("batas_atas", ndim=2, doc=arg_dok("CAPAIAN_SASARAN", "batas_atas"))
@dok
def CAPAIAN_SASARAN(nilai_capaian, bobot=None, batas_atas=None):
    return konversi.hitung_capaian_sasaran(nilai_capaian, bobot, batas_atas)


@xw.func(category=KATEGORI)
@xw.arg("nilai", ndim=2, doc=arg_dok("KUMULATIF", "nilai"))
@xw.arg("tipe", ndim=2, doc=arg_dok("KUMULATIF", "tipe"))
@xw.arg("penyebut", ndim=2, doc=arg_dok("KUMULATIF", "penyebut"))
@dok
def KUMULATIF(nilai, tipe=None, penyebut=None):
    return konversi.hitung_kumulatif(nilai, tipe, penyebut)


@xw.func(category=KATEGORI)
@xw.arg("pagu", ndim=2, doc=arg_dok("SERAPAN", "pagu"))
@xw.arg("realisasi", ndim=2, doc=arg_dok("SERAPAN", "realisasi"))
@dok
def SERAPAN(pagu, realisasi):
    return konversi.hitung_serapan(pagu, realisasi)


@xw.func(category=KATEGORI)
@xw.arg("teks", ndim=2, doc=arg_dok("ANGKA", "teks"))
@dok
def ANGKA(teks):
    return konversi.hitung_angka(teks)


@xw.func(category=KATEGORI)
@xw.arg("skor", ndim=2, doc=arg_dok("NILAI_AKIP", "skor"))
@xw.arg("bentuk", ndim=2, doc=arg_dok("NILAI_AKIP", "bentuk"))
@dok
def NILAI_AKIP(skor, bentuk=None):
    return konversi.hitung_nilai_akip(skor, bentuk)


UDF = (CAPAIAN, PREDIKAT, KETERANGAN, CAPAIAN_SASARAN, KUMULATIF, SERAPAN, ANGKA, NILAI_AKIP)

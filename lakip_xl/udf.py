"""The Excel functions under their permanent name.

Workbooks in the field name this module in their xlwings.conf sheet ("UDF Modules" = `lakip_xl.udf`)
and in their VBA wrappers (`XLPy.CallUDF("lakip_xl.udf", ...)`), so this name must import forever.
The functions live in lakip_xl.excel.udf; this module only re-exports them.
"""

from lakip_xl.excel.udf import (
    ANGKA,
    CAPAIAN,
    CAPAIAN_SASARAN,
    KETERANGAN,
    KUMULATIF,
    NILAI_AKIP,
    PREDIKAT,
    SERAPAN,
    UDF,
)

__all__ = ["CAPAIAN", "PREDIKAT", "KETERANGAN", "CAPAIAN_SASARAN", "KUMULATIF", "SERAPAN", "ANGKA", "NILAI_AKIP",
           "UDF"]

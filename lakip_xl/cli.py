"""`lakip-xl`: the command line, a thin shell over the library.

User mistakes (lakip_xl.errors.LakipError) end in a Bahasa Indonesia message on stderr and exit code 1;
the workbook is untouched. Anything else is a bug: a short message, exit code 3, and the traceback only
with --debug.
"""

from __future__ import annotations

import functools
import sys
import traceback
from pathlib import Path

import click

from .errors import PERINGATAN, LakipError

EXIT_MASALAH = 1  # a user-fixable problem (or, for `periksa`, errors found in the report)
EXIT_INTERNAL = 3


def _tampilkan_masalah(err: LakipError) -> None:
    daftar = err.daftar
    galat = [m for m in daftar if m.tingkat != PERINGATAN]
    if len(daftar) > 1:
        click.echo(f"Ditemukan {len(galat)} masalah; berkas tidak diubah:", err=True)
    for m in daftar:
        prefix = "PERINGATAN" if m.tingkat == PERINGATAN else "GALAT"
        click.echo(f"{prefix}: {m.teks()}", err=True)


def _lindungi(fn):
    """Turn library errors into messages and exit codes (never a traceback for a user mistake)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context()
        debug = (ctx.find_root().params or {}).get("debug", False)
        try:
            return fn(*args, **kwargs)
        except LakipError as err:
            _tampilkan_masalah(err)
            sys.exit(EXIT_MASALAH)
        except KeyboardInterrupt:
            click.echo("Dibatalkan.", err=True)
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except Exception:  # noqa: BLE001 - the last line of defence
            if debug:
                traceback.print_exc()
            click.echo(
                "Terjadi kesalahan internal lakip_xl (bukan kesalahan Anda). Berkas tidak diubah. "
                "Jalankan lagi dengan --debug dan kirim keluarannya ke pengelola TI.",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Tampilkan traceback lengkap untuk kesalahan internal.")
@click.version_option(package_name="lakip_xl")
def main(debug: bool) -> None:
    """lakip-xl: aturan SAKIP/LAKIP di dalam workbook Excel Anda.

    Perintah utama: `lakip-xl sync BUKU.xlsx` memperbarui sheet ringkasan (tabel LAKIP) dari sheet data.
    """

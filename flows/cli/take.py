"""The import commands' one path: a file whose kind the command names goes through the intake service.

`ledger import`, `recommendations import`, `workplan import`, `procurement import`, `archive add`,
`funds import` and `report submit` build a `ReceivedFile` with the kind forced and their options, call
`tasks.intake.intake` (the same service as `legalcap intake`, the mailbox and the portal) and print the
receipt. A file not registered is a `Refused`: the receipt's lines after 错误：, exit 2, its problems
said as the command line says them (options as typed, each hint).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import typer

from models.errors import Refusal
from models.intake import Receipt


class Refused(Refusal):
    """A file the intake did not register: its receipt's lines (every located problem) and any CLI hint."""

    def __init__(self, receipt: Receipt, hint: str = "") -> None:
        self.receipt = receipt
        lines = receipt.lines(command_line=True)
        super().__init__("\n".join([*lines, *([hint] if hint else [])]), receipt.problems)


def take(file: Path, kind: str, on: dt.date, at: dt.datetime, by: str, year: int | None, *,
         unit: str | None = None, replace: bool = False, skip_invalid: bool = True,
         hint: Callable[[Receipt], str] | None = None) -> Receipt:
    """Register the file as `kind` through the intake and print its receipt; Refused when not registered.

    `unit` (the command's --unit) binds the file to that unit: content naming another unit is refused.
    `hint` adds an operator's line (e.g. an option to use) to a refusal.
    """
    from models.intake import ReceivedFile
    from tasks.intake import intake

    received = ReceivedFile(name=file.name, path=file, received_on=on, registered_at=at, registered_by=by,
                            kind=kind, only_unit=unit, replace=replace, skip_invalid=skip_invalid)
    receipt = intake(received, year=year)
    if not receipt.ok:
        raise Refused(receipt, hint(receipt) if hint else "")
    show(receipt)
    return receipt


def show(receipt: Receipt) -> None:
    """The receipt's lines, then what only an operator needs: the rejects, the file's SHA-256, the copy."""
    typer.echo("\n".join(receipt.lines()))
    if receipt.rejects:
        typer.echo(f"问题行已写入：{receipt.rejects}")
    if receipt.sha256:
        typer.echo(f"文件 SHA-256：{receipt.sha256}")
    if receipt.stored:
        typer.echo(f"存于：{receipt.stored}")

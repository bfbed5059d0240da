"""The one date flag of imports and registrations: `--on`, the day the material was received.

Material counts from that day (models/received_on): status, chases and packets of any later as-of date
see it, earlier ones do not. `--as-of` on an import is kept as a deprecated alias of `--on`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from flows.cli.common import UserError, parse_day

ReceivedOn = Annotated[str | None, typer.Option(
    "--on", help="收到日期（YYYY-MM-DD）：材料自该日起计入进度、提醒和评估材料，默认今天")]
OldAsOf = Annotated[str | None, typer.Option(
    "--as-of", help="已停用，等同于 --on（收到日期），请改用 --on", hidden=True)]
DEPRECATED = "提示：导入命令的 --as-of 已停用，请改用 --on（收到日期）；本次按收到日期 {day} 处理。"


def received_day(on: str | None, as_of: str | None = None) -> dt.date:
    """The received-on day of `--on`, or of the deprecated `--as-of` (with a warning); today when absent."""
    if as_of is None:
        return parse_day(on, "--on")
    day = parse_day(as_of, "--as-of")
    if on is not None and parse_day(on, "--on") != day:
        raise UserError(f"--on {on} 与已停用的 --as-of {as_of} 日期不同：请只用 --on 填写收到日期")
    typer.echo(DEPRECATED.format(day=day), err=True)
    return day

"""模板命令：推荐表、工作方案、遴选材料、工作台账、经费支出的填报模板。"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flows.cli.common import UserError, Year, now

if TYPE_CHECKING:
    from config.programme import ProgrammeConfig

template_app = typer.Typer(help="生成填报模板", no_args_is_help=True)

Out = Annotated[Path, typer.Option("--out", help="输出文件路径")]
XlsxOut = Annotated[Path, typer.Option("--out", help="输出文件路径（.xlsx）")]
PrefilledUnit = Annotated[str, typer.Option("--unit", help="预填单位代码（可选）")]


def register(app: typer.Typer) -> None:
    app.add_typer(template_app, name="template")


def _check_suffix(path: Path, allowed: tuple[str, ...]) -> None:
    if path.suffix.lower() not in allowed:
        raise UserError(f"--out {path}: 文件类型应为 {'、'.join(allowed)}")


def programme_config(year: int | None) -> ProgrammeConfig:
    """The started programme's configuration (the newest when year is None); before a start, the YAML's."""
    from config.loader import default_config_path, load_programme_config
    from tasks.context import ProgrammeNotFound, load_programme
    from tasks.runtime import get_engine

    try:
        return load_programme(get_engine(), year).cfg
    except ProgrammeNotFound:
        path = default_config_path(year or now().year)
        if not path.exists():
            raise UserError(f"尚未启动项目，也没有项目配置文件 {path}：请用 --year 指定年度") from None
        return load_programme_config(path)


@template_app.command("recommendation")
def template_recommendation(out: Out, year: Year = None) -> None:
    """附件1 推荐表：.docx（Word 表格）或 .xlsx（每行一个单位，填写说明写明项目配置的报送截止日）。"""
    _check_suffix(out, (".docx", ".xlsx"))
    if out.suffix.lower() == ".docx":
        from tasks.forms.recommendation_docx import write_recommendation_docx

        write_recommendation_docx(out)
    else:
        from tasks.forms.recommendation_xlsx import write_recommendation_xlsx

        cfg = programme_config(year)
        write_recommendation_xlsx(out, deadline=cfg.deadlines.recommendation, mailbox=cfg.intake.mailbox)
    typer.echo(f"已生成推荐表模板：{out}")


@template_app.command("workplan")
def template_workplan(out: Out, year: Year = None) -> None:
    """附件2 工作方案（.docx，三个部分；原则上的字数取自项目配置）。"""
    _check_suffix(out, (".docx",))
    from tasks.forms.workplan import write_workplan_docx

    write_workplan_docx(out, soft_limit=programme_config(year).workplan_soft_limit)
    typer.echo(f"已生成工作方案模板：{out}")


@template_app.command("procurement")
def template_procurement(out: Out, year: Year = None) -> None:
    """遴选材料登记表（.xlsx）：遴选信息、候选机构评分、服务团队、任务清单（团队最少人数取自项目配置）。"""
    _check_suffix(out, (".xlsx",))
    from tasks.forms.procurement_xlsx import write_procurement_xlsx

    cfg = programme_config(year)
    write_procurement_xlsx(out, team_minimum=cfg.team_minimum, mailbox=cfg.intake.mailbox)
    typer.echo(f"已生成遴选材料模板：{out}")


@template_app.command("ledger")
def template_ledger(out: XlsxOut, unit: PrefilledUnit = "", year: Year = None) -> None:
    """工作台账模板（.xlsx）：每类一个工作表，下拉选项，日期格，★为个人信息列。"""
    _check_suffix(out, (".xlsx",))
    from tasks.forms.ledger_xlsx import write_ledger_template

    write_ledger_template(out, unit_code=unit, mailbox=programme_config(year).intake.mailbox)
    typer.echo(f"已生成工作台账模板：{out}")


@template_app.command("funds")
def template_funds(out: XlsxOut, unit: PrefilledUnit = "", year: Year = None) -> None:
    """经费支出登记表（.xlsx）：单位代码、支出日期、金额、用途（下拉或自填）、凭证号、备注。"""
    _check_suffix(out, (".xlsx",))
    from tasks.forms.funds_xlsx import write_funds_template

    write_funds_template(out, unit_code=unit, mailbox=programme_config(year).intake.mailbox)
    typer.echo(f"已生成经费支出模板：{out}")

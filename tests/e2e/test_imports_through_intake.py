"""Each import command is a thin caller of the intake service: the same file through the command and through
`legalcap intake --kind …` leaves the same database and prints the same receipt lines; a refusal is the
receipt's lines after 错误：. In-process (the command bodies the console script runs), one clock."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel
from typer.testing import CliRunner, Result

from config.divisions import county_by_name
from flows.cli.commands import app
from flows.cli.take import Refused
from models.errors import InputError, Refusal
from models.intake import Receipt, ReceivedFile
from tasks.demo.documents import demo_recommendation
from tasks.forms.ledger_xlsx import write_ledger_template
from tasks.forms.recommendation_docx import write_recommendation_docx
from tasks.runtime import get_engine
from tests.support.database import start_default_programme
from tests.support.demo import feixi_through_the_gate

AT = dt.datetime(2026, 7, 3, 9, tzinfo=dt.UTC)
FEIXI = county_by_name("340100", "肥西县")
BY = ("--by", "肥西县总工会 王")
# modules whose commands read the clock: all get the same moment
CLOCKED = ("flows.cli.intake", "flows.cli.ledger", "flows.cli.preparation", "flows.cli.funds",
           "flows.cli.reports")


def _recommended(folder: Path) -> None:
    """肥西县 recommended on 2026-05-08 (so its ledger, plan and dossier are accepted)."""
    from tasks.services import preparation

    form = folder / "推荐表.docx"
    write_recommendation_docx(form, demo_recommendation(FEIXI, dt.date(2026, 5, 8)))
    preparation.import_recommendations(form, dt.date(2026, 5, 8), AT, "合肥市总工会", None, False)


def _use(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands run on this home, at the one moment AT."""
    monkeypatch.setenv("LEGALCAP_HOME", str(home))
    for module in CLOCKED:
        monkeypatch.setattr(f"{module}.now", lambda: AT)


def _base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gate: bool = False) -> Path:
    """A home with 2026 started, 肥西县 recommended (gate: past the preparation gate, contract signed)."""
    base = tmp_path / "base"
    base.mkdir()
    monkeypatch.chdir(tmp_path)      # the test's files are where a command may register from
    _use(base, monkeypatch)
    ref = start_default_programme(get_engine())
    if gate:
        feixi_through_the_gate(get_engine(), ref, base / "files")
    else:
        _recommended(base)
    get_engine().dispose()
    return base


def _rows(*homes: Path) -> list[str]:
    """Every row of every table, the homes' paths written as HOME (stored copies live under each home)."""
    with get_engine().connect() as conn:
        rows = [repr((t.name, tuple(row))) for t in SQLModel.metadata.sorted_tables
                for row in conn.execute(select(t).order_by(*t.primary_key.columns))]
    for home in homes:
        rows = [row.replace(str(home), "HOME") for row in rows]
    return rows


def _run(base: Path, name: str, monkeypatch: pytest.MonkeyPatch,
         args: list[str]) -> tuple[Result, list[str], list[str]]:
    """(result, rows before, rows after) of one command on a copy of the base home."""
    home = base.parent / name
    shutil.copytree(base, home)
    _use(home, monkeypatch)
    before = _rows(home, base)
    result = CliRunner().invoke(app, args)
    after = _rows(home, base)
    get_engine().dispose()
    return result, before, after


def _same_as_intake(base: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], kind: str) -> list[str]:
    """Run `command` and `intake --kind kind` on the same file (last argument): same rows, same receipt."""
    done, _, rows = _run(base, "by-command", monkeypatch, command)
    out = done.output.splitlines()
    assert done.exit_code == 0, done.output
    intake = ["intake", command[-1], "--kind", kind, *_shared(command)]
    by_intake, _, taken_rows = _run(base, "by-intake", monkeypatch, intake)
    taken = by_intake.output.splitlines()
    assert by_intake.exit_code == 0, by_intake.output
    receipt = [line for line in taken if not line.startswith(("共 ", "问题行已写入"))]
    assert receipt and out[:len(receipt)] == receipt, (out, taken)
    assert rows == taken_rows
    return out


def _shared(command: list[str]) -> list[str]:
    """The options `intake` shares with the command (--on, --by, --unit, --year) with their values."""
    shared, it = [], iter(command)
    for arg in it:
        if arg in ("--on", "--by", "--unit", "--year"):
            shared += [arg, next(it)]
    return shared


def _ledger(folder: Path, bad_row: bool = False) -> Path:
    path = folder / "肥西县台账-6月.xlsx"
    rows = [{"ledger_id": f"P{i}", "unit_code": "340999" if bad_row and i == 1 else "340123",
             "occurred_on": dt.date(2026, 6, 1), "title": f"普法 {i}", "venue": "campus", "format": "talk",
             "participants": 10} for i in range(3)]
    write_ledger_template(path, rows={"publicity": rows})
    return path


def test_ledger_import_goes_through_the_intake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _ledger(tmp_path, bad_row=True)
    command = ["ledger", "import", "--skip-invalid", "--on", "2026-07-03", *BY, str(path)]
    out = _same_as_intake(_base(tmp_path, monkeypatch), monkeypatch, command, "台账")
    assert "登记情况：新增 2 条，更新 0 条，未变 0 条。" in out
    assert any("第 3 行" in line and "单位代码" in line for line in out), out
    assert f"问题行已写入：{path.with_name('肥西县台账-6月.rejects.xlsx')}" in out


def test_ledger_import_without_skip_invalid_is_refused_whole_by_the_intake(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _spied(monkeypatch)
    command = ["ledger", "import", "--on", "2026-07-03", str(_ledger(tmp_path, bad_row=True))]
    done, before, after = _run(_base(tmp_path, monkeypatch), "home", monkeypatch, command)
    assert isinstance(done.exception, Refused) and after == before
    assert [(r.kind, r.skip_invalid) for r in seen] == [("ledger", False)]
    assert "未能登记“肥西县台账-6月.xlsx”（工作台账），原因如下：" in str(done.exception)
    assert "第 3 行" in str(done.exception) and "单位代码" in str(done.exception)


def _spied(monkeypatch: pytest.MonkeyPatch) -> list[ReceivedFile]:
    """The files handed to the intake service from now on."""
    from tasks import intake as service

    seen: list[ReceivedFile] = []
    real = service.intake

    def spy(received: ReceivedFile, **kw: Any) -> Receipt:
        seen.append(received)
        return real(received, **kw)

    monkeypatch.setattr(service, "intake", spy)
    return seen


def _form(folder: Path, city: str, county: str) -> Path:
    path = folder / f"{county}推荐表.docx"
    write_recommendation_docx(path, demo_recommendation(county_by_name(city, county), dt.date(2026, 5, 9)))
    return path


def test_recommendations_import_goes_through_the_intake(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    form = _form(tmp_path, "340200", "鸠江区")
    command = ["recommendations", "import", "--on", "2026-05-09", *BY, str(form)]
    out = _same_as_intake(_base(tmp_path, monkeypatch), monkeypatch, command, "推荐表")
    assert any("鸠江区" in line and "按期" in line for line in out), out


def test_a_second_unit_of_a_city_is_refused_with_the_hint_and_replace_passes_through(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _spied(monkeypatch)
    form = str(_form(tmp_path, "340100", "长丰县"))
    done, before, after = _run(_base(tmp_path, monkeypatch), "home", monkeypatch,
                               ["recommendations", "import", form])
    assert isinstance(done.exception, Refused) and after == before
    lines = str(done.exception).splitlines()
    assert "每市限 1 个" in lines[1]
    assert lines[-1] == "如需替换该市已推荐的单位，请加 --replace（替换记入审计）"
    replaced = CliRunner().invoke(app, ["recommendations", "import", "--replace", form])
    assert replaced.exit_code == 0, replaced.output
    assert [(r.kind, r.replace) for r in seen] == [("recommendation", False), ("recommendation", True)]


def _plan(folder: Path, title: str = "") -> Path:
    path = folder / "工作方案.txt"
    body = "一、目标任务\n全年普法 12 场\n二、工作基础\n有中心\n三、具体方案\n按季度推进\n"
    path.write_text(f"{title}\n{body}", encoding="utf-8")
    return path


def test_workplan_import_goes_through_the_intake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    command = ["workplan", "import", "--unit", "340123", "--on", "2026-05-09", *BY, str(_plan(tmp_path))]
    out = _same_as_intake(_base(tmp_path, monkeypatch), monkeypatch, command, "工作方案")
    assert "已收到并登记“工作方案.txt”：工作方案（附件2），肥西县（340123）。" in out


def test_a_plan_naming_another_unit_than_unit_is_refused(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _plan(tmp_path, "长丰县总工会劳动法律服务能力提升项目工作方案")
    done, before, after = _run(_base(tmp_path, monkeypatch), "home", monkeypatch,
                               ["workplan", "import", "--unit", "340123", str(plan)])
    assert isinstance(done.exception, Refused) and after == before
    assert "不是本单位（340123）" in str(done.exception)


def test_procurement_import_goes_through_the_intake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tasks.demo.apply import demo_credit_code
    from tasks.demo.documents import demo_dossier
    from tasks.demo.scenario import DemoUnit
    from tasks.forms.procurement_xlsx import write_procurement_xlsx

    path = tmp_path / "遴选材料.xlsx"
    unit = DemoUnit(city_code="340100", county="肥西县", submit_on=dt.date(2026, 5, 8))
    write_procurement_xlsx(path, demo_dossier(FEIXI, unit, dt.date(2026, 5, 26), demo_credit_code))
    command = ["procurement", "import", "--on", "2026-05-26", *BY, str(path)]
    out = _same_as_intake(_base(tmp_path, monkeypatch), monkeypatch, command, "遴选材料")
    assert any(line.startswith("中选机构：") and "服务团队" in line for line in out), out


def test_archive_add_goes_through_the_intake_and_takes_only_archive_kinds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "公告.pdf"
    doc.write_bytes(b"%PDF-1.4\n")
    base = _base(tmp_path, monkeypatch)
    command = ["archive", "add", "--unit", "340123", "--kind", "中标公示", "--on", "2026-05-20", *BY,
               str(doc)]
    out = _same_as_intake(base, monkeypatch, command, "中标公示")
    assert "已收到并登记“公告.pdf”：采购档案（中标公示），肥西县（340123）。" in out
    assert any(line.startswith("存于：") for line in out), out
    seen = _spied(monkeypatch)
    done, before, after = _run(base, "other", monkeypatch,
                               ["archive", "add", "--unit", "340123", "--kind", "工作总结", str(doc)])
    assert isinstance(done.exception, InputError) and "未知的档案类别“工作总结”" in str(done.exception)
    assert after == before and seen == []


def test_funds_import_goes_through_the_intake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tasks.forms.funds_xlsx import write_funds_template

    path = tmp_path / "经费支出.xlsx"
    write_funds_template(path, rows=[{"unit_code": "340123", "spent_on": dt.date(2026, 7, 6), "amount": 16800,
                                      "purpose": "法律服务费（合同首付）", "voucher": "PZ-07-01"}])
    command = ["funds", "import", "--on", "2026-07-08", *BY, str(path)]
    out = _same_as_intake(_base(tmp_path, monkeypatch, gate=True), monkeypatch, command, "经费支出")
    assert "登记情况：新增 1 笔，更新 0 笔，未变 0 笔。" in out
    stands = "肥西县（340123）：截至 2026-07-08 累计支出 16,800.00 元"
    assert any(line.startswith(stands) and "补助余额" in line for line in out), out


def test_report_submit_goes_through_the_intake_and_takes_only_report_kinds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "肥西县工作总结.txt"
    report.write_text("2026 年度工作总结：普法 12 场。", encoding="utf-8")
    base = _base(tmp_path, monkeypatch, gate=True)
    command = ["report", "submit", "--unit", "340123", "--kind", "summary", "--on", "2027-05-10", *BY,
               str(report)]
    out = _same_as_intake(base, monkeypatch, command, "工作总结")
    assert "第 1 版，收到日期 2027-05-10（按期）。" in out
    seen = _spied(monkeypatch)
    done, _, _ = _run(base, "other", monkeypatch,
                      ["report", "submit", "--unit", "340123", "--kind", "工作方案", str(report)])
    assert isinstance(done.exception, Refusal) and "--kind：不支持“工作方案”" in str(done.exception)
    assert seen == []

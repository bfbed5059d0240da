"""Phase 3 through the console script: report submit and verdict record, accepted (0) or refused (2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.db import make_engine
from tasks.context import load_programme
from tests.e2e.conftest import run_cli
from tests.support.demo import feixi_through_the_gate


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """A started 2026 programme whose 肥西县 passed the preparation gate (demo events, in process)."""
    home = tmp_path_factory.mktemp("phase3")
    assert run_cli(home, "programme", "start", "--year", "2026").returncode == 0
    engine = make_engine(f"sqlite:///{home / 'legalcap.db'}")
    try:
        feixi_through_the_gate(engine, load_programme(engine, 2026), home / "files")
    finally:
        engine.dispose()
    return home


def _ok(home: Path, *args: str) -> str:
    result = run_cli(home, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def _refused(home: Path, *args: str) -> str:
    result = run_cli(home, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    first = next((n for n, line in enumerate(lines) if line.startswith("错误：")), None)
    assert first is not None, result.stderr  # a 2027 calendar notice (提示：…) may come first
    return "\n".join(lines[first:])          # the refusal and its numbered problems


def test_a_report_is_stored_once_and_listed(home: Path) -> None:
    summary = home / "肥西县工作总结.txt"
    summary.write_text("2026 年度工作总结：普法 12 场。", encoding="utf-8")
    args = ("report", "submit", str(summary), "--unit", "340123", "--kind", "summary", "--on", "2027-05-10")
    first = _ok(home, *args)
    assert "已收到并登记“肥西县工作总结.txt”：工作总结，肥西县（340123）。" in first
    assert "第 1 版，收到日期 2027-05-10（按期）。" in first
    assert "未重复登记" in _ok(home, *args)
    assert len(list((home / "reports" / "340123" / "summary").iterdir())) == 1

    listed = json.loads(_ok(home, "report", "list", "--as-of", "2027-05-20", "--format", "json"))
    [unit] = listed["units"]
    summary = unit["summary"]
    assert (unit["unit_code"], summary["status"], summary["versions"]) == ("340123", "submitted", 1)
    assert unit["results"]["status"] == "missing"


@pytest.mark.parametrize("args, message", [
    (("--unit", "340999", "--kind", "results"), "--unit 340999：不是已知的县（区）行政区划代码"),
    (("--unit", "340123", "--kind", "report"), "--kind：不支持“report”"),
    (("--unit", "340123", "--kind", "results", "--on", "2027-13-01"), "--on: 不是有效日期：“2027-13-01”"),
], ids=["unknown_unit", "unknown_kind", "bad_date"])
def test_a_bad_report_submission_exits_2_with_a_chinese_message(home: Path, args, message) -> None:
    report = home / "成果报告.md"
    report.write_text("# 成果报告", encoding="utf-8")
    assert message in _refused(home, "report", "submit", str(report), *args)


def test_an_empty_or_wrongly_typed_report_file_is_named_in_the_error(home: Path) -> None:
    empty = home / "空.pdf"
    empty.write_bytes(b"")
    assert "文件 空.pdf：文件为空" in _refused(home, "report", "submit", str(empty), "--unit", "340123",
                                              "--kind", "results")
    sheet = home / "成果.xlsx"
    sheet.write_bytes(b"x")
    refused = _refused(home, "report", "submit", str(sheet), "--unit", "340123", "--kind", "results")
    assert "文件 成果.xlsx：文件类型应为" in refused


def test_verdicts_through_the_cli(home: Path) -> None:
    record = ("verdict", "record", "--unit", "340123", "--by", "省总工会 李评审")
    assert "--due" in _refused(home, *record, "--verdict", "rectify", "--date", "2027-05-20")
    text = _refused(home, *record, "--verdict", "pass", "--date", "2027-04-20")
    assert "截至 2027-04-20 处于“组织实施”阶段，总结评估自 2027-05-01 起" in text
    other = ("verdict", "record", "--unit", "340124", "--by", "李评审", "--verdict", "pass")
    assert "--unit 340124：不是 2026 年度的项目实施单位" in _refused(home, *other, "--date", "2027-05-20")

    out = _ok(home, *record, "--verdict", "rectify", "--due", "2027-06-30", "--date", "2027-05-20",
              "--notes", "补齐监督案件材料")
    assert "已记录评定：肥西县（340123）整改，2027-05-20" in out and "整改期限 2027-06-30" in out
    assert "预评分" in out

    recheck = ("verdict", "recheck", "--unit", "340123", "--by", "王复查", "--date", "2027-06-20")
    assert "--passed/--failed" in _refused(home, *recheck)
    assert "已登记复查" in _ok(home, *recheck, "--passed")

    listed = json.loads(_ok(home, "verdict", "list", "--as-of", "2027-06-21", "--format", "json"))
    [unit] = listed["units"]
    assert unit["phase"] == "closed" and unit["verdict"]["recheck"]["state"] == "passed"
    assert unit["score"]["suggested"] in ("promote", "pass", "rectify")
    table = _ok(home, "verdict", "list", "--as-of", "2027-06-21")
    assert "肥西县" in table and "各项得分依据：" in table
    for c in unit["score"]["components"]:  # completion's reason is shown part by part
        shown = "待评审" if c["score"] is None else f"{c['score']:.1f}"
        assert f"  {c['label']} {shown}（权重 {c['weight']:g}）：{'' if c['parts'] else c['reason']}" in table
        assert all(f"{p['label']}" in table and p["reason"] in table for p in c["parts"])
    assert unit["score"]["provisional"] is True  # no 实际成效 entered: 待评审, the total 暂定
    assert "实际成效 待评审" in table and f"预评分 {unit['score']['total']:.1f}（暂定）" in table


def test_packets_build_prints_the_index_and_refuses_a_foreign_folder(home: Path) -> None:
    out = home / "评估材料"
    built = run_cli(home, "packets", "build", "--as-of", "2027-05-06", "--out", str(out))
    assert built.returncode == 0, built.stderr
    assert f"汇总页面：{out / 'index.html'}" in built.stdout and (out / "340123" / "ledger.xlsx").is_file()

    foreign = home / "别的文件"
    foreign.mkdir()
    (foreign / "笔记.txt").write_text("不要覆盖", encoding="utf-8")
    refused = run_cli(home, "packets", "build", "--as-of", "2027-05-06", "--out", str(foreign))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "输出文件夹非空" in refused.stderr
    assert [p.name for p in foreign.iterdir()] == ["笔记.txt"]

    bad_day = run_cli(home, "packets", "build", "--as-of", "2027-13-01", "--out", str(out))
    assert bad_day.returncode == 2 and "--as-of" in bad_day.stderr

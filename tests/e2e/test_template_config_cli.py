"""Deliver 12 through the console script: templates write the started programme's figures."""

from __future__ import annotations

import docx
import yaml
from python_calamine import CalamineWorkbook

from config.loader import default_config_path
from tests.e2e.conftest import run_cli


def test_templates_write_the_started_programmes_deadline_limit_and_team_minimum(home):
    data = yaml.safe_load(default_config_path(2026).read_text(encoding="utf-8"))
    data["deadlines"]["recommendation"] = "2026-05-15"
    data["workplan_soft_limit"] = 1800
    data["team_minimum"] = 4
    config = home / "programme-2026.yaml"
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    started = run_cli(home, "programme", "start", "--year", "2026", "--config", str(config))
    assert started.returncode == 0, started.stderr

    form = home / "推荐表.xlsx"
    assert run_cli(home, "template", "recommendation", "--out", str(form)).returncode == 0
    notes = CalamineWorkbook.from_path(str(form)).get_sheet_by_name("填写说明").to_python()
    assert ["九、报送截止：2026 年 5 月 15 日前，报送至省总工会邮箱 ahghflb@163.com，"
            "邮件主题写“项目推荐-（推荐城市）-（单位名称）”。"] in notes

    plan = home / "工作方案.docx"
    assert run_cli(home, "template", "workplan", "--out", str(plan)).returncode == 0
    texts = [p.text for p in docx.Document(str(plan)).paragraphs]
    assert any("原则上不超过 1800 字" in t for t in texts)

    dossier = home / "遴选材料.xlsx"
    assert run_cli(home, "template", "procurement", "--out", str(dossier)).returncode == 0
    help_rows = CalamineWorkbook.from_path(str(dossier)).get_sheet_by_name("填写说明").to_python()
    assert any("团队应不少于 4 人" in str(cell) for row in help_rows for cell in row)


def _help_text(path) -> str:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("填写说明").to_python()
    return "\n".join(str(cell) for row in rows for cell in row)


def test_every_workbook_template_says_where_to_send_it_and_with_which_subject(home):
    data = yaml.safe_load(default_config_path(2026).read_text(encoding="utf-8"))
    data["intake"] = {"mailbox": "falv@ahgh.example.cn"}
    config = home / "programme-2026.yaml"
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert run_cli(home, "programme", "start", "--year", "2026", "--config", str(config)).returncode == 0
    expected = {
        ("ledger", "--unit", "340123"): "邮件主题写“工作台账-340123（单位名称）-（月份，如2026年8月）”",
        ("funds",): "邮件主题写“经费支出-（单位代码）（单位名称）”",
        ("procurement",): "邮件主题写“筹备材料-（单位代码）（单位名称）”",
        ("recommendation",): "邮件主题写“项目推荐-（推荐城市）-（单位名称）”",
    }
    for (kind, *options), subject in expected.items():
        out = home / f"{kind}.xlsx"
        result = run_cli(home, "template", kind, "--out", str(out), *options)
        assert result.returncode == 0, result.stderr
        text = _help_text(out)
        assert "省总工会邮箱 falv@ahgh.example.cn" in text and subject in text, kind
        assert "ahghflb@163.com" not in text and "legalcap" not in text

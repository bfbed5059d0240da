"""The Word / text / stored-file corpus (tests/corpus/docx/cases.yaml): every file either refused with a
located Chinese message, exit 2 and the database unchanged, or accepted as a person reading it sees it.

Every case runs in process through the same command bodies the CLI calls (flows/cli/*.py, calling
tasks/services/) on a fresh copy of a started database; the cases marked `cli` also run through the
console script.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml
from sqlmodel import Session, select

import flows.cli.oversight
import flows.cli.preparation
import flows.cli.reports
import tasks.services.common
import tasks.services.evaluation
import tasks.services.oversight_visits
import tasks.services.preparation
from config.divisions import county_by_name
from models.db import make_engine, session_scope
from models.errors import Refusal
from models.tables import ArchiveDocument, OversightVisit, Recommendation, Submission, WorkPlan
from tasks.demo.documents import demo_recommendation
from tasks.forms.recommendation import read_recommendation_file
from tasks.forms.recommendation_docx import write_recommendation_docx
from tasks.submissions import Received, register_recommendations
from tests.corpus.make_docx_corpus import HERE, build
from tests.e2e.conftest import run_cli
from tests.support.database import database_fingerprint, migrated_engine, start_default_programme

CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
UNIT = "340202"                      # 镜湖区, recommended by 芜湖市 in the starting database
ON = {"recommendations import": dt.date(2026, 5, 8), "workplan import": dt.date(2026, 5, 8),
      "archive add": dt.date(2026, 5, 20), "report submit": dt.date(2027, 5, 10)}
VISITED = dt.date(2026, 8, 17)
AT = dt.datetime(2027, 5, 10, 9, tzinfo=dt.UTC)
TABLES = {"recommendation": Recommendation, "work_plan": WorkPlan, "archive_document": ArchiveDocument,
          "submission": Submission, "oversight_visit": OversightVisit}
STORED = {"archive_document": "path", "submission": "path"}


def case_id(case: dict) -> str:
    """file-command, with the hand-in name's length in bytes when it is renamed."""
    named = f"@{len(hand_in_name(case).encode())}B" if case.get("name") else ""
    return f"{case['file']}{named}-{case['command'].split()[0]}{'-missing' if case.get('missing') else ''}"


def hand_in_name(case: dict) -> str:
    """The name the file is handed in under: `name` with {字*N} expanded, else the corpus name."""
    name = case.get("name") or case["file"]
    return re.sub(r"\{(.)\*(\d+)\}", lambda m: m[1] * int(m[2]), name)


def place(case: dict, folder: Path) -> Path:
    """The case's file inside `folder` under its hand-in name (not created when `missing`)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / hand_in_name(case)
    if not case.get("missing"):
        built = build(case["file"], folder)
        if built != target:
            built.rename(target)
    return target


@pytest.fixture(scope="module")
def started_db(tmp_path_factory) -> Path:
    """A database file with the 2026 programme started and 镜湖区 recommended by 芜湖市."""
    folder = tmp_path_factory.mktemp("corpus-start")
    with migrated_engine(f"sqlite:///{folder / 'legalcap.db'}") as engine:
        ref = start_default_programme(engine)
        form = folder / "芜湖市推荐表.docx"
        jinghu = county_by_name("340200", "镜湖区")
        write_recommendation_docx(form, demo_recommendation(jinghu, ON["workplan import"]))
        got = Received(form, "0" * 64, dt.date(2026, 5, 8), AT, "测试")
        with session_scope(engine) as session:
            register_recommendations(session, ref, read_recommendation_file(form), got)
    return folder / "legalcap.db"


def new_home(started_db: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(started_db, folder / "legalcap.db")
    return folder


def run_command(command: str, path: Path) -> None:
    """The body of the CLI command, as `legalcap …` runs it."""
    if command == "recommendations import":
        flows.cli.preparation.import_recommendations(path, ON[command], AT, "测试", None, False)
    elif command == "workplan import":
        flows.cli.preparation.import_work_plan(path, UNIT, ON[command], AT, "测试", None)
    elif command == "archive add":
        flows.cli.preparation.add_archive(path, UNIT, "中标公示", ON[command], AT, "测试", None)
    elif command == "report submit":
        flows.cli.reports.submit(path, UNIT, "summary", ON[command], AT, "测试", None)
    else:
        flows.cli.oversight.record(UNIT, VISITED, "芜湖市总工会督导组", "查阅台账，座谈", path, AT, None)


def cli_args(command: str, path: Path) -> list[str]:
    if command == "recommendations import":
        return ["recommendations", "import", str(path), "--on", str(ON[command])]
    if command == "workplan import":
        return ["workplan", "import", str(path), "--unit", UNIT, "--on", str(ON[command])]
    if command == "archive add":
        return ["archive", "add", str(path), "--unit", UNIT, "--kind", "中标公示", "--on", str(ON[command])]
    if command == "report submit":
        return ["report", "submit", str(path), "--unit", UNIT, "--kind", "summary", "--on", str(ON[command])]
    return ["oversight", "record", "--unit", UNIT, "--date", str(VISITED), "--by", "芜湖市总工会督导组",
            "--notes", "查阅台账", "--file", str(path)]


def check_registered(engine, case: dict) -> None:
    """The newest row of each named table matches (registered) or does not match (absent) its pattern."""
    with Session(engine) as session:
        for checks, wanted in ((case.get("registered", {}), True), (case.get("absent", {}), False)):
            for key, pattern in checks.items():
                table, column = key.split(".")
                model = TABLES[table]
                row = session.exec(select(model).order_by(model.id.desc())).first()
                assert row is not None, f"nothing registered in {table}"
                value = str(getattr(row, column))
                assert bool(re.search(pattern, value)) == wanted, f"{key} = {value!r} vs {pattern!r}"
                if table in STORED:
                    stored = Path(getattr(row, STORED[table]))
                    assert stored.is_file() and len(stored.name.encode()) <= 255
                    assert not re.search(r"[\x00-\x1f]", stored.name)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_each_corpus_file_is_refused_where_it_is_wrong_or_read_as_a_person_reads_it(
        case, started_db, tmp_path, monkeypatch):
    home = new_home(started_db, tmp_path / "home")
    monkeypatch.setenv("LEGALCAP_HOME", str(home))
    monkeypatch.delenv("LEGALCAP_ARCHIVE_ROOTS", raising=False)
    engine = make_engine(f"sqlite:///{home / 'legalcap.db'}")
    for module in (tasks.services.common, tasks.services.evaluation, tasks.services.oversight_visits):
        monkeypatch.setattr(module, "get_engine", lambda: engine)
    path = place(case, home / "inbox" if not case.get("missing") else home)
    before = database_fingerprint(engine)
    try:
        if case["exit"] == 2:
            with pytest.raises(Refusal) as refused:
                run_command(case["command"], path)
            message = str(refused.value)
            assert case["message"] in message
            assert path.name in message or path.name[:40] in message, message
            assert database_fingerprint(engine) == before, "a refused file changed the database"
        else:
            run_command(case["command"], path)
            check_registered(engine, case)
    finally:
        engine.dispose()


def test_the_corpus_covers_every_class_with_accepted_and_refused_files() -> None:
    classes = {c["class"] for c in CASES}
    assert len(CASES) >= 35 and len(classes) >= 12
    assert {c["exit"] for c in CASES} == {0, 2}
    assert all((HERE / c["file"]).is_file() or c["file"].startswith("huge-") for c in CASES)


CLI_CASES = [c for c in CASES if c.get("cli")]


@pytest.mark.parametrize("case", CLI_CASES, ids=case_id)
def test_through_the_console_script_each_case_exits_0_or_2_without_a_traceback(case, started_db, tmp_path):
    home = new_home(started_db, tmp_path / "home")
    path = place(case, home)
    engine = make_engine(f"sqlite:///{home / 'legalcap.db'}")
    try:
        before = database_fingerprint(engine)
        result = run_cli(home, *cli_args(case["command"], path))
        assert "Traceback" not in result.stderr
        assert result.returncode == case["exit"], result.stdout + result.stderr
        if case["exit"] == 2:
            assert result.stderr.count("错误：") == 1 and case["message"] in result.stderr
            assert database_fingerprint(engine) == before
        else:
            check_registered(engine, case)
    finally:
        engine.dispose()

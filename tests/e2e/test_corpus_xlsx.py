"""The spreadsheet corpus (tests/corpus/xlsx, cases in tests/corpus/cases.yaml): every import command
either takes an odd file as a person reading it would, or refuses it with a located Chinese message and
an unchanged database; never a traceback.

Every case runs in-process through the same command bodies the CLI calls; a handful also run through
the console script. Regenerate the files with `python -m tests.corpus.make_xlsx_corpus`.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from config.divisions import county_by_name
from flows.cli.funds import import_funds
from flows.cli.ledger import import_ledger
from flows.cli.preparation import import_procurement, import_recommendations
from models.errors import Refusal
from tasks.demo.apply import demo_credit_code
from tasks.demo.documents import demo_dossier, demo_recommendation
from tasks.demo.scenario import DemoUnit
from tasks.forms.ledger_xlsx import rejects_path
from tasks.forms.procurement_xlsx import write_procurement_xlsx
from tasks.forms.recommendation_xlsx import write_recommendation_xlsx
from tasks.runtime import get_engine
from tests.e2e.conftest import run_cli
from tests.support.database import database_fingerprint, start_default_programme

CORPUS = Path(__file__).parents[1] / "corpus"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
AS_OF = dt.date(2026, 12, 31)
ON = dt.date(2026, 6, 1)
AT = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)
BY = "测试（语料）"
COMMANDS: dict[str, Callable[[Path], None]] = {
    "ledger": lambda f: import_ledger(f, AS_OF, AT, BY, None, False),
    "ledger-skip": lambda f: import_ledger(f, AS_OF, AT, BY, None, True),
    "funds": lambda f: import_funds(f, AS_OF, AT, BY, None),
    "procurement": lambda f: import_procurement(f, ON, AT, BY, None),
    "recommendations": lambda f: import_recommendations(f, dt.date(2026, 5, 8), AT, BY, None, False),
}
CLI_ARGS = {
    "ledger": ["ledger", "import", "{file}", "--as-of", "2026-12-31"],
    "ledger-skip": ["ledger", "import", "{file}", "--as-of", "2026-12-31", "--skip-invalid"],
    "funds": ["funds", "import", "{file}", "--as-of", "2026-12-31"],
    "procurement": ["procurement", "import", "{file}", "--on", "2026-06-01"],
    "recommendations": ["recommendations", "import", "{file}", "--on", "2026-05-08"],
}
# file → what the console prints (the in-process run has stored the taken file already: 未变, not 新增)
THROUGH_THE_CONSOLE = {"ledger_stray_xfd1048576.xlsx": "登记情况：新增",
                       "ledger_amount_1e30.xlsx": "超过合理上限 10,000,000 元", "encrypted.xlsx": "打开密码",
                       "ledger_skip_rejects_blocked.xlsx": "无法写入问题行文件",
                       "recommendation_na_name.xlsx": "错误值 #N/A"}
LONG_STEM_BYTES = 250 - len(".xlsx")


@pytest.fixture(scope="module")
def corpus_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A home with the 2026 programme, 肥西县 (340123) recommended and its contract registered."""
    home = tmp_path_factory.mktemp("corpus-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEGALCAP_HOME", str(home))
        start_default_programme(get_engine())
        county = county_by_name("340100", "肥西县")
        recommendation = home / "推荐表.xlsx"
        write_recommendation_xlsx(recommendation, [demo_recommendation(county, dt.date(2026, 5, 8))])
        COMMANDS["recommendations"](recommendation)
        dossier = home / "遴选材料.xlsx"
        unit = DemoUnit(city_code="340100", county="肥西县", submit_on=dt.date(2026, 5, 8))
        write_procurement_xlsx(dossier, demo_dossier(county, unit, ON, demo_credit_code))
        COMMANDS["procurement"](dossier)
        yield home


def _prepared(case: dict, folder: Path) -> Path:
    """The case's file copied into `folder` (under a 250-byte name for long-name), its setup done."""
    name = case["file"]
    if case.get("setup") == "long-name":
        stem = "长" * (LONG_STEM_BYTES // 3)
        name = stem + "x" * (LONG_STEM_BYTES - len(stem.encode())) + ".xlsx"
    path = folder / name
    shutil.copyfile(CORPUS / "xlsx" / case["file"], path)
    if case.get("setup") == "block-rejects":
        (folder / rejects_path(path).name).mkdir()
    return path


def _run(case: dict, path: Path) -> tuple[int, str]:
    """(exit code, output) as the CLI would give them: a Refusal is exit 2; anything else fails the test."""
    try:
        COMMANDS[case["command"]](path)
    except Refusal as error:
        return 2, str(error)
    return 0, ""


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_each_corpus_file_is_taken_or_refused_with_a_located_message(
        case: dict, corpus_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGALCAP_HOME", str(corpus_home))
    path = _prepared(case, tmp_path)
    before = database_fingerprint(get_engine())
    code, message = _run(case, path)
    output = capsys.readouterr().out + message
    assert (code, case["expect"] in output) == (case["exit"], True), output
    if code == 2:
        assert database_fingerprint(get_engine()) == before
        assert f"文件 {path.name}" in message


def test_the_rejects_file_of_a_long_name_fits_the_file_system_limit(corpus_home: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGALCAP_HOME", str(corpus_home))
    case = next(c for c in CASES if c.get("setup") == "long-name")
    path = _prepared(case, tmp_path)
    assert len(path.name.encode()) == 250
    COMMANDS["ledger-skip"](path)
    [written] = [p for p in tmp_path.iterdir() if p.name.endswith(".rejects.xlsx")]
    assert len(written.name.encode()) <= 255 and written.name.startswith(path.stem[:60])


@pytest.mark.parametrize("name", THROUGH_THE_CONSOLE)
def test_the_console_script_gives_the_same_answer_without_a_traceback(name: str, corpus_home: Path,
                                                                       tmp_path: Path) -> None:
    case = next(c for c in CASES if c["file"] == name)
    path = _prepared(case, tmp_path)
    args = [a.format(file=path) for a in CLI_ARGS[case["command"]]]
    result = run_cli(corpus_home, *args)
    assert result.returncode == case["exit"], result.stderr
    assert "Traceback" not in result.stderr and THROUGH_THE_CONSOLE[name] in result.stdout + result.stderr

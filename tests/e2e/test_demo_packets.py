"""The full-year demo ends with 16 evaluation packets: complete, verifiable, reproducible, masked."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from config.divisions import county_by_name
from tasks.demo.ledger_rows import GIVEN, SURNAMES, worker
from tasks.demo.scenario import UNITS
from tests.e2e.conftest import run_cli
from tests.e2e.demo_home import staging_mentions, stored_paths

LAST_DAY = "2027-05-31"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    home = tmp_path_factory.mktemp("demo-year")
    result = run_cli(home, "simulate", "--demo", "--to", LAST_DAY, timeout=900)
    assert result.returncode == 0, result.stderr
    return home, result


def _packets(home: Path) -> Path:
    return home / "packets" / "2026"


def _demo_workers() -> tuple[set[str], set[str], set[str]]:
    """Every full name, phone and ID number the demo's ledgers can carry."""
    names = {s + g for s in SURNAMES for g in GIVEN}
    phones, ids = set(), set()
    for u in UNITS:
        code = county_by_name(u.city_code, u.county).code
        for seq in range(400):
            w = worker(code, seq)
            phones.add(w["phone"])
            ids.add(w["id_number"])
    return names, phones, ids


def _texts(data: bytes, name: str) -> list[str]:
    """The text of a file, and of every member of a zip or xlsx inside it."""
    if name.endswith((".zip", ".xlsx")):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [t for member in archive.namelist() for t in _texts(archive.read(member), member)]
    return [data.decode("utf-8", errors="replace")]


def test_the_demo_says_where_the_province_index_is_and_it_links_16_packets(demo):
    home, result = demo
    index = _packets(home) / "index.html"
    assert f"汇总页面 {index}" in result.stdout.replace("\n", "")
    links = set(re.findall(r'href="(\d{6})/index\.html"', index.read_text(encoding="utf-8")))
    assert len(links) == 16
    for code in links:
        folder = _packets(home) / code
        assert {"index.html", "ledger.xlsx", "manifest.json"} <= {p.name for p in folder.iterdir()}


def test_every_manifest_hash_matches_its_file(demo):
    home, _ = demo
    for manifest in _packets(home).glob("*/manifest.json"):
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        assert files, manifest
        for f in files:
            data = (manifest.parent / f["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == f["sha256"] and len(data) == f["bytes"], f["path"]


def test_no_demo_workers_name_phone_or_id_number_is_in_any_packet_file(demo):
    home, _ = demo
    names, phones, ids = _demo_workers()
    texts = [t for p in _packets(home).rglob("*") if p.is_file() for t in _texts(p.read_bytes(), p.name)]
    blob = "\n".join(texts)
    assert "ledger" in blob.lower() or "台账" in blob  # the scan did read the workbooks
    assert not [n for n in names if n in blob]
    assert not [p for p in phones if p in blob]
    assert not [i for i in ids if i in blob]
    assert re.search(r"[王李张刘陈]\*", blob)  # the masked forms are there


def test_building_again_from_the_same_data_gives_identical_manifests(demo):
    home, _ = demo
    again = home / "again"
    result = run_cli(home, "packets", "build", "--as-of", LAST_DAY, "--out", str(again))
    assert result.returncode == 0, result.stderr
    for manifest in sorted(_packets(home).rglob("manifest.json")):
        copy = again / manifest.relative_to(_packets(home))
        assert copy.read_bytes() == manifest.read_bytes(), manifest


def test_the_rectified_unit_shows_its_verdict_and_the_missing_results_report(demo):
    home, _ = demo
    page = (_packets(home) / "340621" / "index.html").read_text(encoding="utf-8")
    assert "整改" in page and "2027-06-30" in page
    assert "未提交成果报告" in page


def test_every_file_path_the_full_year_demo_stores_exists_where_it_was_moved(demo):
    home, _ = demo
    paths = stored_paths(home)
    stores = {Path(p).relative_to(home / "demo-files").parts[0] for p in paths if "/demo-files/" in p}
    assert {"档案库", "reports"} <= stores  # archive and report copies, beside the handed-in files
    assert [p for p in paths if not Path(p).is_file()] == []
    assert staging_mentions(home) == []
    outbox = (home / "outbox" / "evaluator.jsonl").read_text("utf-8")
    assert str(_packets(home) / "index.html") in outbox and ".demo-staging" not in outbox


def test_the_unit_stuck_at_the_gate_reads_as_overdue_and_lacking_in_its_packet(demo):
    """歙县 never completes its archive: the page says 筹备逾期 and what it lacks, in Chinese, once."""
    home, _ = demo
    page = (_packets(home) / "341021" / "index.html").read_text(encoding="utf-8")
    assert "（筹备逾期）" in page
    assert "缺少：中标公示、过程沟通记录" in page and "缺少：缺少：" not in page
    assert "采购公告 · 2026-" in page and "announcement ·" not in page
    assert "整改" in page and "2027-06-30" in page and "筹备部署关口未通过" in page  # the demo's verdict

"""Evaluation packets built on a real database: manifests, same bytes twice, masking, escaping, links."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import openpyxl
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from config.divisions import County, anhui_counties
from models.db import session_scope
from models.errors import InputError
from models.ledger_schema import LEGAL_AID
from models.tables import Recommendation
from tasks.context import ProgrammeRef
from tasks.demo.ledger_rows import worker
from tasks.files import sha256_file
from tasks.forms.ledger_xlsx import read_ledger, write_ledger_template
from tasks.ledger import store_ledger_rows
from tasks.oversight import record_visit
from tasks.packets.build import BuildReport, build_packets
from tasks.reports import submit_report
from tasks.submissions import Received
from tests.support.demo import feixi_through_the_gate

AS_OF = dt.date(2027, 5, 20)
FEIXI, TONGCHENG = "340123", "340881"  # 合肥市 肥西县 (through the gate), 安庆市 桐城市 (only recommended)
WINDOW = (dt.date(2026, 5, 1), dt.date(2027, 4, 30))
HYPERLINK = '=HYPERLINK("http://x","y")'
XSS = "<script>alert(1)</script>"
ADDRESS = "安徽省合肥市肥西县上派镇紫蓬路88号"
NAMES = ("张三丰", "欧阳娜娜", "司马懿德")
PHONES = ("13812345678", "13998765432", "0551-62345678")
MASKED = ("张*", "欧*", "司*", "138****5678", "139****5432", "0551-****5678", "安徽省合肥市肥西县")
IDS = tuple(worker(FEIXI, seq)["id_number"] for seq in (11, 12, 13))
SECRETS = (*NAMES, *PHONES, "62345678", *IDS, *(i[:17] for i in IDS), "上派镇", "紫蓬路")
SUMMARY_TEXT = "肥西县 2026 年度工作总结：普法 12 场，监督 10 件。"


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), dt.timezone(dt.timedelta(hours=8)))


def _person(n: int) -> dict:
    return {"worker_name": NAMES[n], "phone": PHONES[n], "id_number": IDS[n]}


def _ledger_rows() -> dict[str, list[dict]]:
    base = {"unit_code": FEIXI}
    publicity = [{**base, "occurred_on": dt.date(2026, 6, 1) + dt.timedelta(days=7 * n),
                  "title": f"普法讲座 {n + 1}", "venue": venue, "format": "lecture", "participants": 30 + n}
                 for n, venue in enumerate(("enterprise", "community", "campus", "enterprise"))]
    supervision = [{**base, "occurred_on": dt.date(2026, 8, 3), "title": "劳动法律监督提示函",
                    "case_no": "JD-001", "employer": XSS, "topic": "pay", "document": "reminder_letter",
                    **_person(0)},
                   {**base, "occurred_on": dt.date(2026, 9, 7), "title": "劳动法律监督提示函",
                    "case_no": "JD-002", "employer": "某机械有限公司", "topic": "overtime",
                    "document": "reminder_letter", **_person(2)}]
    aid = [{**base, "occurred_on": dt.date(2026, 7, 1), "title": "欠薪调解", "service": "mediation",
            **_person(0), "address": ADDRESS, "amount": Decimal("12000.50"), "result": "调解成功",
            "notes": HYPERLINK},
           {**base, "occurred_on": dt.date(2026, 10, 9), "title": "劳动争议咨询", "service": "consultation",
            **_person(1), "address": ADDRESS,  # typed into free text too: the packet must still hide it
            "result": f"已电话答复{NAMES[1]}（{PHONES[1]}，身份证 {IDS[1]}）"}]
    return {"publicity": publicity, "labour_supervision": supervision, "legal_aid": aid}


def _import_ledger(engine: Engine, programme: ProgrammeRef, folder: Path) -> None:
    path = folder / "台账.xlsx"
    write_ledger_template(path, rows=_ledger_rows())
    on = dt.date(2026, 12, 31)
    rows, problems = read_ledger(path, as_of=on, window=WINDOW, known_units={FEIXI, TONGCHENG})
    assert not problems, [str(p) for p in problems]
    with session_scope(engine) as session:
        store_ledger_rows(session, programme, rows, Received(path, sha256_file(path), on, _at(on), "测试"))


def _recommend_tongcheng(engine: Engine, programme: ProgrammeRef) -> None:
    """安庆市 recommends 桐城市, which is never filed: its packet shows what it lacks."""
    with session_scope(engine) as session:
        session.add(Recommendation(
            programme_id=programme.id, city_code="340800", unit_code=TONGCHENG, unit_name="桐城市总工会",
            contact_name="刘联系", contact_phone="13700000000", basic_situation="—", reason="—",
            city_opinion="同意", source_file="rec.docx", sha256="b" * 64, received_on=dt.date(2026, 5, 8),
            received_at=_at(dt.date(2026, 5, 8))))


@dataclass
class Built:
    engine: Engine
    programme: ProgrammeRef
    tmp: Path
    report: BuildReport
    summary: Path

    @property
    def out(self) -> Path:
        return self.report.out

    def build(self, out: Path) -> BuildReport:
        return build_packets(self.engine, self.programme, AS_OF, out)


@pytest.fixture
def built(engine, programme, tmp_path: Path) -> Built:
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    _recommend_tongcheng(engine, programme)
    (tmp_path / "in").mkdir()
    _import_ledger(engine, programme, tmp_path / "in")
    with session_scope(engine) as session:
        record_visit(session, programme, FEIXI, visited_on=dt.date(2026, 9, 16), by="合肥市总工会 王督导",
                     notes=f"实地调研 {XSS}", at=_at(dt.date(2026, 9, 16)))
    summary = tmp_path / "in" / "肥西县工作总结.txt"
    summary.write_text(SUMMARY_TEXT, encoding="utf-8")
    got = Received(summary.resolve(), sha256_file(summary), dt.date(2027, 5, 10), _at(dt.date(2027, 5, 10)),
                   "肥西县总工会 张经办")
    with session_scope(engine) as session:
        submit_report(session, programme, FEIXI, "summary", got, tmp_path / "reports")
    report = build_packets(engine, programme, AS_OF, tmp_path / "out")
    return Built(engine, programme, tmp_path, report, summary)


# ---------------------------------------------------------------- helpers


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _texts(name: str, data: bytes) -> list[tuple[str, str]]:
    """(name, text) of a file; a zip (xlsx, docx, packet zip) opened in memory, member by member."""
    if data[:2] != b"PK":
        return [(name, data.decode("utf-8", errors="replace"))]
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            out += _texts(f"{name}!{member}", archive.read(member))
    return out


def _all_texts(out: Path) -> list[tuple[str, str]]:
    texts = []
    for name, data in _files(out).items():
        texts += _texts(name, data)
    return texts


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("href", "src", "xlink:href", "action", "data") and value is not None:
                self.links.append((tag, name, value))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def _recommended(engine: Engine, programme: ProgrammeRef) -> dict[str, County]:
    """Every unit a city recommended (one per city at most), by code, with its county and city names."""
    with session_scope(engine) as session:
        codes = session.exec(select(Recommendation.unit_code).where(
            Recommendation.programme_id == programme.id, Recommendation.status == "active")).all()
    counties = {c.code: c for c in anhui_counties()}
    return {code: counties[code] for code in codes}


# ---------------------------------------------------------------- 1. manifests and zips


def test_each_manifest_lists_every_file_with_its_hash_and_size_and_the_zip_holds_the_same_files(
        built) -> None:
    out = built.out
    assert set(built.report.units) == {FEIXI, TONGCHENG}
    for code in built.report.units:
        folder = out / code
        files = _files(folder)
        manifest = json.loads(files.pop("manifest.json"))
        assert manifest["unit"]["code"] == code and manifest["as_of"] == AS_OF.isoformat()
        assert manifest["files"] == [{"path": path, "sha256": _sha(data), "bytes": len(data)}
                                     for path, data in sorted(files.items())]
        assert {"index.html", "ledger.xlsx"} <= set(files)
        with zipfile.ZipFile(out / f"{code}.zip") as archive:
            assert archive.testzip() is None
            zipped = {name: archive.read(name) for name in archive.namelist()}
        assert zipped == {f"{code}/{path}": data for path, data in _files(folder).items()}

    province = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert province["kind"] == "legalcap-evaluation-packets" and province["as_of"] == AS_OF.isoformat()
    assert province["units"] == [
        {"code": code, "zip_sha256": sha256_file(out / f"{code}.zip"),
         "manifest_sha256": sha256_file(out / code / "manifest.json")}
        for code in sorted(built.report.units)]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["index.html", "manifest.json", *built.report.units, *(f"{c}.zip" for c in built.report.units)])


# ---------------------------------------------------------------- 2. reproducible


def test_building_twice_from_the_same_data_gives_byte_identical_files(built) -> None:
    again = built.build(built.tmp / "again")
    first, second = _files(built.out), _files(again.out)
    assert sorted(first) == sorted(second)
    assert {"index.html", "manifest.json", f"{FEIXI}.zip", f"{FEIXI}/ledger.xlsx",
            f"{FEIXI}/manifest.json", f"{FEIXI}/index.html", f"{TONGCHENG}.zip"} <= set(first)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


# ---------------------------------------------------------------- 3. masking


def test_no_full_name_phone_id_number_or_street_appears_in_any_file_but_the_masked_forms_do(built) -> None:
    texts = _all_texts(built.out)
    scanned = {name for name, _ in texts}
    assert {"index.html", "manifest.json", f"{FEIXI}/index.html", f"{FEIXI}/manifest.json",
            f"{FEIXI}.zip!{FEIXI}/ledger.xlsx!xl/sharedStrings.xml",
            f"{FEIXI}/ledger.xlsx!xl/sharedStrings.xml"} <= scanned
    leaks = [(name, secret) for name, text in texts for secret in SECRETS if secret in text]
    assert leaks == []
    assert str(built.tmp) not in "".join(text for _, text in texts)

    ledger_xml = "".join(text for name, text in _texts("ledger.xlsx", (built.out / FEIXI / "ledger.xlsx")
                                                            .read_bytes()))
    for masked in MASKED:
        assert masked in ledger_xml, masked


# ---------------------------------------------------------------- 4. no formulas, no markup


def test_a_formula_in_a_ledger_note_stays_text_in_the_packet_workbook(built) -> None:
    with zipfile.ZipFile(built.out / f"{FEIXI}.zip") as archive:
        zipped = archive.read(f"{FEIXI}/ledger.xlsx")
    for data in ((built.out / FEIXI / "ledger.xlsx").read_bytes(), zipped):
        sheet = openpyxl.load_workbook(io.BytesIO(data))[LEGAL_AID.name]
        cells = [c for row in sheet.iter_rows() for c in row
                 if isinstance(c.value, str) and "HYPERLINK" in c.value]
        assert [(c.value, c.data_type) for c in cells] == [("'" + HYPERLINK, "s")]
        xml = "".join(text for _, text in _texts("ledger.xlsx", data))
        assert "<f>" not in xml and "<f " not in xml


def test_script_in_an_employer_or_visit_notes_is_escaped_in_the_unit_page(built) -> None:
    page = (built.out / FEIXI / "index.html").read_text(encoding="utf-8")
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2  # the case's employer and the visit
    assert "<script" not in page.lower()
    assert "script" not in _parse(built.out / FEIXI / "index.html").tags
    for name, text in _all_texts(built.out):
        if name.endswith(".html"):
            assert "<script" not in text.lower(), name


# ---------------------------------------------------------------- 5. self-contained pages


def test_every_page_is_self_contained_and_its_links_resolve_inside_the_packet(built) -> None:
    pages = [built.out / "index.html", *(built.out / code / "index.html" for code in built.report.units)]
    followed: set[str] = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "@import" not in text
        for tag, attribute, value in _parse(page).links:
            parts = urlsplit(value)
            assert not parts.scheme and not parts.netloc, (page, tag, value)
            assert not value.startswith(("/", "\\")), (page, tag, value)
            if tag == "a" and attribute == "href" and not value.startswith("#"):
                target = (page.parent / unquote(parts.path)).resolve()
                assert target.is_file(), (page, value)
                assert target.is_relative_to(built.out.resolve()), (page, value)
                if page.parent != built.out:
                    assert target.is_relative_to(page.parent.resolve()), (page, value)
                followed.add(target.relative_to(built.out.resolve()).as_posix())
    assert {f"{FEIXI}/index.html", f"{FEIXI}.zip", f"{FEIXI}/ledger.xlsx", f"{FEIXI}/manifest.json",
            f"{FEIXI}/documents/summary.txt"} <= followed
    assert any(p.startswith(f"{FEIXI}/documents/archive/") for p in followed)


# ---------------------------------------------------------------- 6. reports


def test_a_submitted_summary_is_in_the_packet_and_its_manifest_and_a_unit_without_reports_lists_them(
        built) -> None:
    copied = built.out / FEIXI / "documents" / "summary.txt"
    assert copied.read_bytes() == built.summary.read_bytes()
    manifest = json.loads((built.out / FEIXI / "manifest.json").read_text(encoding="utf-8"))
    assert {"path": "documents/summary.txt", "sha256": sha256_file(built.summary),
            "bytes": built.summary.stat().st_size} in manifest["files"]
    feixi_page = (built.out / FEIXI / "index.html").read_text(encoding="utf-8")
    assert 'href="documents/summary.txt"' in feixi_page
    assert "未提交工作总结" not in feixi_page and "未提交成果报告" in feixi_page

    tongcheng_page = (built.out / TONGCHENG / "index.html").read_text(encoding="utf-8")
    assert "未提交工作总结" in tongcheng_page and "未提交成果报告" in tongcheng_page
    assert not (built.out / TONGCHENG / "documents").exists()
    tongcheng = json.loads((built.out / TONGCHENG / "manifest.json").read_text(encoding="utf-8"))
    assert not any(f["path"].startswith("documents/") for f in tongcheng["files"])


# ---------------------------------------------------------------- 7. the output folder


def test_a_non_empty_folder_that_is_no_build_is_refused_in_chinese_and_left_untouched(built) -> None:
    for name, content in (("notes.txt", "别人的文件"), ("manifest.json", '{"kind": "something-else"}')):
        folder = built.tmp / f"occupied-{name}"
        folder.mkdir()
        (folder / name).write_text(content, encoding="utf-8")
        with pytest.raises(InputError) as refused:
            built.build(folder)
        assert "输出文件夹非空" in str(refused.value) and "请指定一个空文件夹" in str(refused.value)
        assert _files(folder) == {name: content.encode("utf-8")}


def test_rebuilding_into_a_previous_build_works_and_removes_a_unit_no_longer_built(built) -> None:
    before = _files(built.out)
    stale = built.out / "999999"
    stale.mkdir()
    (stale / "index.html").write_text("旧", encoding="utf-8")
    (built.out / "999999.zip").write_bytes(b"PK old")
    keep = built.out / "说明.txt"
    keep.write_text("评审组备注", encoding="utf-8")
    again = built.build(built.out)
    assert set(again.units) == {FEIXI, TONGCHENG}
    assert not stale.exists() and not (built.out / "999999.zip").exists()
    after = _files(built.out)
    assert after.pop("说明.txt") == "评审组备注".encode()
    assert after == before


# ---------------------------------------------------------------- 8. the province index


def test_the_province_index_links_every_recommended_units_packet(built) -> None:
    recommended = _recommended(built.engine, built.programme)
    assert {FEIXI, TONGCHENG} <= set(recommended)
    assert set(built.report.units) == set(recommended)
    page = built.out / "index.html"
    hrefs = {value for tag, attribute, value in _parse(page).links if tag == "a" and attribute == "href"}
    text = page.read_text(encoding="utf-8")
    assert len({county.city_code for county in recommended.values()}) == len(recommended) <= 16
    for code, county in recommended.items():
        assert f"{code}/index.html" in hrefs and f"{code}.zip" in hrefs
        assert f'<a href="{code}/index.html">{county.name}</a>' in text and county.city_name in text
    assert recommended[FEIXI].name == "肥西县" and recommended[FEIXI].city_name == "合肥市"

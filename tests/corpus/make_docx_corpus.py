"""Write the Word / text / stored-file corpus (tests/corpus/docx/): odd but valid files and bad ones.

Each .docx is a minimal package written from raw WordprocessingML, so tracked changes, content
controls, fields, text boxes and merged cells appear exactly as Word writes them. Run it after
changing a case: `.venv/bin/python -m tests.corpus.make_docx_corpus`; the cases are in cases.yaml.
Files too large to commit (huge_*) are built by `build(name, folder)` at test time.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).parent / "docx"
NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable=""')
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="bin" ContentType="application/octet-stream"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
REV = 'w:author="李四" w:date="2026-05-07T10:00:00Z"'


# ---- WordprocessingML pieces --------------------------------------------------------------------

def r(text: str, props: str = "") -> str:
    """A run of text (with optional run properties)."""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def ins(*runs: str) -> str:
    return f'<w:ins w:id="1" {REV}>{"".join(runs)}</w:ins>'


def dele(text: str) -> str:
    run = f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r>'
    return f'<w:del w:id="2" {REV}>{run}</w:del>'


def sdt(*runs: str, placeholder: bool = False) -> str:
    """An inline content control (w:sdt) around runs; `placeholder` marks it as still unfilled."""
    flag = "<w:showingPlcHdr/>" if placeholder else ""
    props = f'<w:sdtPr><w:alias w:val="填写"/>{flag}</w:sdtPr>'
    return f'<w:sdt>{props}<w:sdtContent>{"".join(runs)}</w:sdtContent></w:sdt>'


def field(instr: str, result: str) -> str:
    """A simple field (w:fldSimple) showing `result`, e.g. a DATE field."""
    return f'<w:fldSimple w:instr="{escape(instr, {chr(34): "&quot;"})}">{r(result)}</w:fldSimple>'


def complex_field(instr: str, result: str) -> str:
    """A complex field: begin, instruction, separate, result, end."""
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{instr}'
            f'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{r(result)}'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def textbox(text: str) -> str:
    """A run anchoring a text box as Word 2010+ writes it: the DrawingML choice and a VML fallback."""
    box = f"<w:txbxContent>{p(r(text))}</w:txbxContent>"
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
            f'<a:graphicData><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic>'
            f'</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}'
            '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def p(*parts: str) -> str:
    return f'<w:p>{"".join(parts)}</w:p>'


def tc(*paragraphs: str, props: str = "") -> str:
    body = "".join(paragraphs) or "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def tr(*cells: str, props: str = "") -> str:
    trpr = f"<w:trPr>{props}</w:trPr>" if props else ""
    return f'<w:tr>{trpr}{"".join(cells)}</w:tr>'


def tbl(*rows: str, cols: int = 2) -> str:
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(cols))
    props = '<w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
    return f'<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'


def package(*blocks: str, extra: dict[str, bytes] | None = None, body: bool = True) -> bytes:
    """A minimal .docx (content types, relationships, document) holding the body blocks."""
    inner = f'<w:body>{"".join(blocks)}</w:body>' if body else ""
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}>{inner}</w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("[Content_Types].xml", (2026, 5, 8, 0, 0, 0))
        archive.writestr(info, CONTENT_TYPES)
        for name, data in {"_rels/.rels": RELS.encode(), "word/document.xml": document.encode(),
                           **(extra or {})}.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 5, 8, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# ---- 附件1 推荐表 -------------------------------------------------------------------------------

LABELS = ("项目实施单位名称", "联系人和联系方式", "单位基本情况", "推荐理由", "各市总工会推荐意见（盖章）",
          "盖章日期", "推荐城市", "县（区）行政区划代码")
VALUES = ("肥西县总工会", "张三 13912345678", "肥西县总工会现有专职工会干部 12 人，建有职工法律服务中心。",
          "劳动争议案件多发，2025 年受理职工法律咨询 860 余件。", "同意推荐。", "2026年5月8日", "合肥市",
          "340123")


def form_rows(**cells: str) -> list[str]:
    """The eight label | value rows; `cells` replaces a value cell's paragraphs (keyed unit, contact,
    basic, reason, opinion, date, city, code) with raw XML."""
    keys = ("unit", "contact", "basic", "reason", "opinion", "date", "city", "code")
    return [tr(tc(p(r(label))), tc(cells.get(key, p(r(value)) if value else "")))
            for key, label, value in zip(keys, LABELS, VALUES, strict=True)]


def form(**cells: str) -> bytes:
    return package(p(r("实施项目单位推荐表")), tbl(*form_rows(**cells)))


def form_text(**values: str) -> bytes:
    """The standard form with plain-text values replaced."""
    return form(**{k: p(r(v)) if v else "" for k, v in values.items()})


def header_row_layout() -> bytes:
    """Labels across the first row, values in the row below (as in a spreadsheet)."""
    labels = ("项目实施单位名称", "联系人", "联系电话", "单位基本情况", "推荐理由", "推荐意见", "推荐城市")
    values = ("肥西县总工会", "张三", "13912345678", VALUES[2], VALUES[3], "同意推荐。", "合肥市")
    return package(tbl(tr(*(tc(p(r(x))) for x in labels)), tr(*(tc(p(r(x))) for x in values)), cols=7))


def four_columns() -> bytes:
    """联系人 | 张三 | 联系电话 | 139…, and 推荐城市 | 合肥市 | 代码 | 340123 on shared rows."""
    def pair(a: str, b: str) -> str:
        return tc(p(r(a))) + tc(p(r(b)))
    rows = [tr(tc(p(r("项目实施单位名称"))), tc(p(r("肥西县总工会")), props='<w:gridSpan w:val="3"/>')),
            tr(pair("联系人", "张三"), pair("联系电话", "13912345678")),
            tr(tc(p(r("单位基本情况"))), tc(p(r(VALUES[2])), props='<w:gridSpan w:val="3"/>')),
            tr(tc(p(r("推荐理由"))), tc(p(r(VALUES[3])), props='<w:gridSpan w:val="3"/>')),
            tr(tc(p(r("推荐意见"))), tc(p(r("同意推荐。")), props='<w:gridSpan w:val="3"/>')),
            tr(pair("推荐城市", "合肥市"), pair("县（区）行政区划代码", "340123"))]
    return package(tbl(*rows, cols=4))


def merged_contact() -> bytes:
    """联系人和联系方式 merged down two rows: the name beside the first, the phone beside the second."""
    rows = form_rows()
    rows[1] = (tr(tc(p(r("联系人和联系方式")), props='<w:vMerge w:val="restart"/>'), tc(p(r("张三"))))
               + tr(tc(props="<w:vMerge/>"), tc(p(r("13912345678")))))
    return package(tbl(*rows))


def nested_table() -> bytes:
    """The form table inside the one cell of a page-layout table."""
    return package(tbl(tr(tc(p(r("附件1")), tbl(*form_rows()), p()))))


def deleted_row() -> bytes:
    """A code row deleted as a tracked change (340102) above the standing one (340123)."""
    gone = tr(tc(p(r("县（区）行政区划代码"))), tc(p(dele("340102"))), props=f'<w:del w:id="9" {REV}/>')
    rows = form_rows()
    return package(tbl(gone, *rows))


def orphan_vmerge() -> bytes:
    """A vertically merged continuation with nothing above it (Word repairs it; python-docx fails)."""
    rows = form_rows()
    rows[0] = tr(tc(p(r("项目实施单位名称")), props="<w:vMerge/>"),
                 tc(p(r("肥西县总工会")), props="<w:vMerge/>"))
    return package(tbl(*rows))


def other_table() -> bytes:
    return package(p(r("经费预算表")), tbl(tr(tc(p(r("项目"))), tc(p(r("金额")))),
                                         tr(tc(p(r("普法"))), tc(p(r("10000"))))))


def ole(encrypted: bool = False) -> bytes:
    """An OLE2 compound file header (old .doc/WPS), with the EncryptedPackage stream name when encrypted."""
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    names = ("EncryptionInfo", "EncryptedPackage") if encrypted else ("WordDocument", "1Table")
    return body + b"".join(n.encode("utf-16-le").ljust(64, b"\0") for n in names) + bytes(1024)


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo("推荐表.txt", (2026, 5, 8, 0, 0, 0))
        archive.writestr(info, "项目实施单位名称：肥西县总工会")
    return out.getvalue()


def xlsx_package() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in ("[Content_Types].xml", "xl/workbook.xml"):
            archive.writestr(zipfile.ZipInfo(name, (2026, 5, 8, 0, 0, 0)), "<x/>")
    return out.getvalue()


def zip_bomb() -> bytes:
    """A valid form whose package unpacks to 201 MB (a zero-filled part): refused before reading."""
    big = {"word/media/big.bin": bytes(201 << 20)}
    return package(p(r("实施项目单位推荐表")), tbl(*form_rows()), extra=big)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# ---- 附件2 工作方案 -------------------------------------------------------------------------------

TARGETS = "一年内开展普法宣传活动 12 场，劳动法律监督 10 件，职工法律援助 20 件。"
FOUNDATION = "本单位有专职工会干部 8 人，建有职工法律服务中心，与 2 家律师事务所合作。"
PLAN = "5 月完成遴选，6 月起每周二、周四坐班；每季度召开一次推进会。"
PLAN_LINES = ["附件2", "实施项目工作方案", "一、目标任务", TARGETS, "二、工作基础", FOUNDATION,
              "三、具体方案", PLAN]


def plan_docx(*paragraphs: str) -> bytes:
    return package(*paragraphs)


def plan_tracked() -> bytes:
    """The second heading typed in as a tracked insertion; a deleted sentence inside section one."""
    return plan_docx(p(r("一、目标任务")), p(r(TARGETS), dele("（旧目标：普法 5 场。）")),
                     p(ins(r("二、工作基础"))), p(ins(r(FOUNDATION))), p(r("三、具体方案")), p(r(PLAN)))


def plan_controls() -> bytes:
    """Section texts inside content controls, a text box, a field and a hyperlink."""
    link = f'<w:hyperlink w:anchor="top">{r("（详见附表）")}</w:hyperlink>'
    return plan_docx(p(r("一、目标任务")), p(sdt(r(TARGETS))), p(r("二、工作基础")),
                     p(r(FOUNDATION[:10]), textbox("服务中心面积 120 平方米。")), p(r("三、具体方案")),
                     p(r(PLAN), link), p(field("DATE \\@ \"yyyy年M月d日\"", "2026年5月8日")))


def plan_template() -> bytes:
    guides = ("重点描述此项任务实施后一年内达成的目标，注重工作数据，不用穿靴戴帽。",
              "重点描述本地、本单位开展此项工作的优势和特点，以及人员、机制上的保障，用事实和数字说话。",
              "时间进度、阶段性任务、细化目标和落实举措等。任务推进中可能会存在的问题和应对举措。")
    heads = ("一、目标任务", "二、工作基础", "三、具体方案")
    return plan_docx(*(p(r(x)) for pair in zip(heads, guides, strict=True) for x in pair))


def plan_text(encoding: str, *, bom: bytes = b"", lines: list[str] | None = None) -> bytes:
    return bom + "\r\n".join(lines or PLAN_LINES).encode(encoding)


TRADITIONAL = ["一、目標任務", "一年內開展普法宣傳活動 12 場，勞動法律監督 10 件。", "二、工作基礎",
               "本單位有專職工會幹部 8 人。", "三、具體方案", "5 月完成遴選，6 月起坐班。"]

def _broken_xml() -> bytes:
    """A package whose document.xml is cut off mid-element."""
    data = package(*form_rows())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", xml[: len(xml) // 2])
    return out.getvalue()

# name -> bytes; the cases table (cases.yaml) says what each must give.
FILES: dict[str, Callable[[], bytes]] = {
    # Word text as Word shows it
    "rec-tracked-insert.docx": lambda: form(reason=p(ins(r(VALUES[3])))),
    "rec-tracked-replace.docx": lambda: form(
        unit=p(dele("长丰县"), ins(r("肥西县")), r("总工会")),
        basic=p(r("现有专职工会干部 12 人"), dele("（2024 年数据：8 人）"), r("。"))),
    "rec-content-controls.docx": lambda: form(unit=p(sdt(r("肥西县总工会"))), reason=p(sdt(r(VALUES[3])))),
    "rec-control-placeholder.docx": lambda: form(
        reason=p(sdt(r("单击或点击此处输入文字。"), placeholder=True))),
    "rec-fields-hyperlink.docx": lambda: form(
        date=p(field('DATE \\@ "yyyy年M月d日"', "2026年5月8日")),
        contact=p(r("张三 "), f'<w:hyperlink w:anchor="tel">{r("13912345678")}</w:hyperlink>'),
        opinion=p(r("同意推荐。"), complex_field(" AUTHOR ", "合肥市总工会"))),
    "rec-textbox.docx": lambda: form(reason=p(textbox(VALUES[3]))),
    "rec-hidden-text.docx": lambda: form(reason=p(r(VALUES[3]), r("（内部备注：勿外传）", "<w:vanish/>"))),
    "rec-merged-contact.docx": merged_contact,
    "rec-nested-table.docx": nested_table,
    "rec-header-row-layout.docx": header_row_layout,
    "rec-four-columns.docx": four_columns,
    "rec-deleted-row.docx": deleted_row,
    "rec-orphan-vmerge.docx": orphan_vmerge,
    # invisible characters
    "rec-zero-width-code.docx": lambda: form_text(code="340123\u200b", unit="肥西县\u00a0总工会\u200d"),
    "rec-fullwidth-code.docx": lambda: form_text(code="３４０１２３"),
    # county name vs code
    "rec-name-contradicts-code.docx": lambda: form_text(code="340102"),
    "rec-code-other-province.docx": lambda: form_text(code="320102"),
    "rec-city-code.docx": lambda: form_text(code="340100"),
    "rec-county-other-city.docx": lambda: form_text(unit="镜湖区总工会", code=""),
    "rec-city-prefixed-name.docx": lambda: form_text(unit="合肥市肥西县总工会", code=""),
    # layouts and placeholders
    "rec-placeholder-text.docx": lambda: form_text(unit="XX县总工会", reason="请填写推荐理由", code=""),
    "rec-no-table.docx": lambda: package(p(r("项目实施单位名称：肥西县总工会")), p(r("推荐理由：……"))),
    "rec-other-table.docx": other_table,
    # not really a .docx
    "rec-really-doc.docx": ole,
    "rec-encrypted.docx": lambda: ole(encrypted=True),
    "rec-really-pdf.docx": lambda: PDF,
    "rec-really-zip.docx": plain_zip,
    "rec-really-xlsx.docx": xlsx_package,
    "rec-empty.docx": lambda: b"",
    "rec-broken-xml.docx": lambda: _broken_xml(),
    "rec-no-body.docx": lambda: package(body=False),
    "rec-zip-bomb.docx": zip_bomb,
    # 附件2 in Word
    "plan-tracked.docx": plan_tracked,
    "plan-controls.docx": plan_controls,
    "plan-template-left.docx": plan_template,
    "plan-really-pdf.docx": lambda: PDF,
    # 附件2 as text
    "plan-utf8-bom.txt": lambda: plan_text("utf-8", bom=b"\xef\xbb\xbf"),
    "plan-utf16le-bom.txt": lambda: plan_text("utf-16-le", bom=b"\xff\xfe"),
    "plan-utf16be-bom.txt": lambda: plan_text("utf-16-be", bom=b"\xfe\xff"),
    "plan-utf16le-nobom.txt": lambda: plan_text("utf-16-le"),
    "plan-gb18030.txt": lambda: plan_text("gb18030", lines=[*PLAN_LINES[:-1], PLAN + "𠀾"]),
    "plan-big5.txt": lambda: plan_text("cp950", lines=TRADITIONAL),
    "plan-undecodable.txt": lambda: plan_text("utf-8")[:40] + b"\xff\xfe\xfd\x80" + plan_text("utf-8")[40:],
    "plan-gbk.md": lambda: plan_text("gbk"),
    "plan-utf16-bom.md": lambda: plan_text("utf-16-le", bom=b"\xff\xfe"),
    "plan-control-chars.txt": lambda: plan_text("utf-8", lines=[*PLAN_LINES[:3], TARGETS + "\x07\x1b\u200b",
                                                                *PLAN_LINES[4:]]),
    # stored files
    "report.docx": lambda: package(p(r("2026 年度工作总结"))),
    "notice.pdf": lambda: PDF,
    "report-really-pdf.docx": lambda: PDF,
    "report-encrypted.docx": lambda: ole(encrypted=True),
    "archive-really-zip.pdf": plain_zip,
}


# Built at test time (too large to commit): name -> (bytes factory).
BUILT: dict[str, Callable[[], bytes]] = {
    "huge-plan.txt": lambda: "\n".join(["一、目标任务", "普法" * 300_000, "二、工作基础", "好",
                                         "三、具体方案", "做"]).encode(),
}


def build(name: str, folder: Path) -> Path:
    """A corpus file (committed or built) written into `folder`; its path."""
    source = HERE / name
    target = folder / name
    target.write_bytes(source.read_bytes() if source.exists() else BUILT[name]())
    return target


def main() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    for name, make in FILES.items():
        (HERE / name).write_bytes(make())
    print(f"{len(FILES)} files written to {HERE}")


if __name__ == "__main__":
    main()

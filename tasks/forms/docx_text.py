"""The text of a Word body as Word shows it: tracked insertions in, deletions out, no hidden text.

python-docx's `paragraph.text` reads only direct runs and hyperlinks: it misses text inside tracked
insertions (w:ins), content controls (w:sdt), simple fields and text boxes, and `row.cells` fails on
some merged-cell layouts. These functions walk the XML themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from docx.oxml.ns import qn
from lxml.etree import _Element

from models.text_clean import visible_text

W_P, W_TBL, W_TR, W_TC, W_R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
W_TXBX = qn("w:txbxContent")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees Word does not show as text: deletions, moved-away text, properties, the compatibility copy
# of a drawing (its mc:Choice is read), a content control's own settings.
SKIPPED = frozenset({qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr"), qn("w:delText"),
                     qn("w:instrText"), qn("w:delInstrText"), qn("w:sdtPr"), qn("w:sdtEndPr"),
                     qn("w:tblPr"), qn("w:tblGrid"), qn("w:trPr"), qn("w:tcPr"), MC_FALLBACK,
                     qn("w:footnoteReference"), qn("w:endnoteReference"), qn("w:commentReference")})
CHARS = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
         qn("w:noBreakHyphen"): "-"}
WRAPPERS = frozenset({W_SDT_CONTENT, W_CUSTOM_XML, qn("w:smartTag"), qn("w:ins"), qn("w:moveTo")})


def _on(element: _Element | None, name: str) -> bool:
    """True when `element` has child `name` switched on (no w:val, or a true one)."""
    child = element.find(qn(name)) if element is not None else None
    return child is not None and child.get(qn("w:val"), "true") not in ("0", "false", "off")


def _placeholder(sdt: _Element) -> bool:
    """A content control still showing its placeholder (“单击或点击此处输入文字”): nothing filled in."""
    return _on(sdt.find(qn("w:sdtPr")), "w:showingPlcHdr")


def _hidden(run: _Element) -> bool:
    """A run formatted as hidden text (w:vanish), which Word does not show."""
    return _on(run.find(qn("w:rPr")), "w:vanish")


def _unshown(element: _Element) -> bool:
    """A content control showing its placeholder, or a hidden run."""
    return (element.tag == W_SDT and _placeholder(element)) or (element.tag == W_R and _hidden(element))


def _deleted(element: _Element, props: str) -> bool:
    """A row or cell removed as a tracked change (w:trPr/w:del, w:tcPr/w:cellDel)."""
    pr = element.find(qn(props))
    return pr is not None and (pr.find(qn("w:del")) is not None or pr.find(qn("w:cellDel")) is not None)


def _inline(element: _Element, out: list[str], boxes: list[_Element]) -> None:
    """Append the shown text under `element` to `out`; text boxes are collected into `boxes`."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED:
            continue
        if tag == qn("w:t"):
            out.append(child.text or "")
        elif tag in CHARS:
            out.append(CHARS[tag])
        elif tag == W_TXBX:
            boxes.append(child)
        elif not _unshown(child):
            _inline(child, out, boxes)


def paragraph_lines(p: _Element) -> list[str]:
    """A paragraph's shown text split at line breaks, then the lines of any text box anchored in it."""
    out: list[str] = []
    boxes: list[_Element] = []
    _inline(p, out, boxes)
    lines = visible_text("".join(out)).split("\n")
    for box in boxes:
        lines += block_lines(box)
    return lines


def mark_deleted(p: _Element) -> bool:
    """True when the paragraph's own mark is a tracked deletion: Word joins it to the next paragraph."""
    ppr = p.find(qn("w:pPr"))
    rpr = ppr.find(qn("w:rPr")) if ppr is not None else None
    return rpr is not None and rpr.find(qn("w:del")) is not None


def blocks(container: _Element) -> Iterator[_Element]:
    """The paragraphs and tables of a body, cell or text box in order, through content controls."""
    for child in container:
        tag = child.tag
        if tag in (W_P, W_TBL):
            yield child
        elif tag == W_SDT:
            if not _placeholder(child):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from blocks(content)
        elif tag in WRAPPERS:
            yield from blocks(child)


def block_lines(container: _Element) -> list[str]:
    """Every line of a body, cell or text box: paragraphs, then tables row by row, cell by cell."""
    lines: list[str] = []
    joining = False
    for block in blocks(container):
        if block.tag == W_TBL:
            new = [line for row in table_rows(block) for cell in row if not cell.continued
                   for line in cell.lines]
            joining = False
        else:
            new = paragraph_lines(block)
        if joining and lines and new:
            lines[-1] += new.pop(0)
        lines += new
        joining = block.tag == W_P and mark_deleted(block)
    return lines


@dataclass(frozen=True)
class GridCell:
    """One cell of a table row: its first grid column, width in grid columns, and shown lines.

    `continued` marks the lower part of a vertically merged cell (w:vMerge without restart): it shows
    nothing of its own; Word draws the cell above across it.
    """

    col: int
    span: int
    lines: tuple[str, ...]
    continued: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _children(element: _Element, tag: str) -> Iterator[_Element]:
    """Children named `tag`, also inside content controls and custom XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == W_SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in WRAPPERS:
            yield from _children(child, tag)


def _int_val(element: _Element | None, name: str, default: int) -> int:
    child = element.find(qn(name)) if element is not None else None
    try:
        return max(int(child.get(qn("w:val"))), 0) if child is not None else default
    except (TypeError, ValueError):
        return default


def _row(tr: _Element) -> list[GridCell]:
    """The cells of a row placed on the table grid (gridBefore and gridSpan honoured)."""
    col = _int_val(tr.find(qn("w:trPr")), "w:gridBefore", 0)
    cells = []
    for tc in _children(tr, W_TC):
        tcpr = tc.find(qn("w:tcPr"))
        span = max(_int_val(tcpr, "w:gridSpan", 1), 1)
        vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
        continued = vmerge is not None and vmerge.get(qn("w:val"), "continue") == "continue"
        if not _deleted(tc, "w:tcPr"):
            lines = tuple(line.strip() for line in block_lines(tc))
            cells.append(GridCell(col, span, tuple(line for line in lines if line), continued))
        col += span
    return cells


def table_rows(tbl: _Element) -> list[list[GridCell]]:
    """The table's rows as Word shows them (rows deleted as tracked changes left out); a merge
    continuation with no cell above it stands as a cell of its own, as Word repairs it."""
    rows: list[list[GridCell]] = []
    for tr in _children(tbl, W_TR):
        if not _deleted(tr, "w:trPr"):
            above = rows[-1] if rows else []
            rows.append([replace(c, continued=False) if c.continued and not _covers(above, c.col) else c
                         for c in _row(tr)])
    return rows


def _covers(row: list[GridCell], col: int) -> bool:
    return any(c.col <= col < c.col + c.span for c in row)


def all_tables(body: _Element) -> list[_Element]:
    """Every table in the body, nested ones and ones inside content controls included."""
    return [t for t in body.iter(W_TBL) if not any(a.tag == MC_FALLBACK for a in t.iterancestors())]

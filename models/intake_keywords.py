"""What a title, file name or mail subject says a file is: the notice's words for each material.

Pure: the kind named by the keyword that ends last in the text (a Chinese title ends with what the
document is: “关于落实工作方案的工作总结” is a 工作总结), or None. Words other materials share are left out
(纪要: a 督导纪要 is no 比价议标纪要; 合同: a 劳动合同 talk is no 服务合同; 经费 alone is no 经费支出表).
"""

from __future__ import annotations

import re
import unicodedata

from models.enums import ARCHIVE_LABELS, ArchiveKind
from models.intake import IntakeKind

Named = tuple[IntakeKind, ArchiveKind | None]

KEYWORDS: dict[str, Named] = {
    "推荐表": (IntakeKind.recommendation, None),
    "工作方案": (IntakeKind.workplan, None),
    "实施方案": (IntakeKind.workplan, None),
    "遴选材料": (IntakeKind.procurement, None),
    "遴选档案": (IntakeKind.procurement, None),
    "台账": (IntakeKind.ledger, None),
    "经费支出": (IntakeKind.funds, None),
    "支出登记": (IntakeKind.funds, None),
    "工作总结": (IntakeKind.summary, None),
    "项目总结": (IntakeKind.summary, None),
    "成果报告": (IntakeKind.results, None),
    "采购公告": (IntakeKind.archive, ArchiveKind.announcement),
    "遴选公告": (IntakeKind.archive, ArchiveKind.announcement),
    "招标公告": (IntakeKind.archive, ArchiveKind.announcement),
    "比选公告": (IntakeKind.archive, ArchiveKind.announcement),
    "报名材料": (IntakeKind.archive, ArchiveKind.registrations),
    "报名表": (IntakeKind.archive, ArchiveKind.registrations),
    "响应文件": (IntakeKind.archive, ArchiveKind.registrations),
    "投标文件": (IntakeKind.archive, ArchiveKind.registrations),
    "评审记录": (IntakeKind.archive, ArchiveKind.evaluation_record),
    "评分表": (IntakeKind.archive, ArchiveKind.evaluation_record),
    "比价": (IntakeKind.archive, ArchiveKind.minutes),
    "议标": (IntakeKind.archive, ArchiveKind.minutes),
    "比价纪要": (IntakeKind.archive, ArchiveKind.minutes),
    "议标纪要": (IntakeKind.archive, ArchiveKind.minutes),
    "中标公示": (IntakeKind.archive, ArchiveKind.award_notice),
    "中选公示": (IntakeKind.archive, ArchiveKind.award_notice),
    "成交公示": (IntakeKind.archive, ArchiveKind.award_notice),
    "结果公示": (IntakeKind.archive, ArchiveKind.award_notice),
    "服务合同": (IntakeKind.archive, ArchiveKind.service_contract),
    "采购合同": (IntakeKind.archive, ArchiveKind.service_contract),
    "合同书": (IntakeKind.archive, ArchiveKind.service_contract),
    "沟通记录": (IntakeKind.archive, ArchiveKind.communication_log),
}
# answers to an old receipt or reminder carry these before the subject proper
REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|回复|答复|转发)\s*[:：]\s*)+", re.IGNORECASE)


def flat(text: str) -> str:
    """Text as matched: half-width forms, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def named_kind(text: str) -> Named | None:
    """The material a title, file name or subject names: the keyword ending last (the longest on a tie)."""
    text = flat(REPLY_PREFIX.sub("", text or ""))
    best: tuple[int, int, Named] | None = None
    for word, named in KEYWORDS.items():
        at = text.rfind(word)
        if at < 0:
            continue
        key = (at + len(word), len(word), named)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def file_stem(name: str) -> str:
    """A file name without its extension (keywords are looked for there, not in “.docx”)."""
    stem, dot, _ = name.rpartition(".")
    return stem if dot and stem else name


def decided_kind(text: str) -> Named | None:
    """The kind a person decided: a code (summary, award_notice) or a Chinese name (工作总结, 中标公示)."""
    text = text.strip()
    if text in set(IntakeKind) and text != IntakeKind.archive:
        return IntakeKind(text), None
    if text in set(ArchiveKind):
        return IntakeKind.archive, ArchiveKind(text)
    return named_kind(text)


def kind_choices() -> str:
    """The kinds a person may name, for a refusal."""
    archive = "、".join(ARCHIVE_LABELS.values())
    return f"推荐表、工作方案、遴选材料、台账、经费、工作总结、成果报告，或采购档案的类别（{archive}）"

"""Enumerations of the domain; values are the identifiers of domain.md."""

from enum import StrEnum


class Phase(StrEnum):
    not_started = "not_started"
    preparation = "preparation"
    implementation = "implementation"
    evaluation = "evaluation"
    closed = "closed"


PHASE_LABELS = {
    Phase.not_started: "未开始",
    Phase.preparation: "筹备部署",
    Phase.implementation: "组织实施",
    Phase.evaluation: "总结评估",
    Phase.closed: "已结束",
}


class Category(StrEnum):
    publicity = "publicity"
    labour_supervision = "labour_supervision"
    legal_aid = "legal_aid"
    collective_bargaining = "collective_bargaining"
    legality_review = "legality_review"
    other = "other"
    employment_health_check = "employment_health_check"


class ProcurementMethod(StrEnum):
    price_comparison = "price_comparison"
    negotiated_bid = "negotiated_bid"
    competitive_negotiation = "competitive_negotiation"
    inquiry_selection = "inquiry_selection"
    other = "other"   # the notice's 等: another compliant method, described in the dossier


METHOD_LABELS = {
    ProcurementMethod.price_comparison: "比价",
    ProcurementMethod.negotiated_bid: "议标",
    ProcurementMethod.competitive_negotiation: "竞争性谈判",
    ProcurementMethod.inquiry_selection: "询价比选",
    ProcurementMethod.other: "其他合规方式",
}


class ArchiveKind(StrEnum):
    announcement = "announcement"
    registrations = "registrations"
    evaluation_record = "evaluation_record"
    minutes = "minutes"
    award_notice = "award_notice"
    service_contract = "service_contract"
    communication_log = "communication_log"


ARCHIVE_LABELS = {
    ArchiveKind.announcement: "采购公告",
    ArchiveKind.registrations: "报名材料",
    ArchiveKind.evaluation_record: "评审记录",
    ArchiveKind.minutes: "比价议标纪要",
    ArchiveKind.award_notice: "中标公示",
    ArchiveKind.service_contract: "服务合同",
    ArchiveKind.communication_log: "过程沟通记录",
}


class RecordStatus(StrEnum):
    active = "active"
    returned = "returned"
    replaced = "replaced"


class Gate(StrEnum):
    filing = "filing"
    preparation = "preparation"
    implementation = "implementation"
    evaluation = "evaluation"


class Decision(StrEnum):
    approve = "approve"
    return_ = "return"
    passed = "passed"


class DutyKind(StrEnum):
    rotation = "rotation"
    fixed_weekdays = "fixed_weekdays"


class CaseStage(StrEnum):
    reminder_letter = "reminder_letter"
    opinion = "opinion"
    replied = "replied"
    recommendation = "recommendation"
    closed = "closed"


class NotificationStatus(StrEnum):
    pending = "pending"
    sent = "sent"
    failed = "failed"
    cancelled = "cancelled"


class SubmissionKind(StrEnum):
    summary = "summary"
    results = "results"


class VerdictKind(StrEnum):
    promote = "promote"
    pass_ = "pass"
    rectify = "rectify"


VERDICT_LABELS: dict[str, str] = {VerdictKind.promote: "推广", VerdictKind.pass_: "合格",
                                  VerdictKind.rectify: "整改"}


class RecheckState(StrEnum):
    """A standing verdict's re-check: none (not a rectification), open, overdue, passed, failed."""

    none = ""
    open = "open"
    overdue = "overdue"
    passed = "passed"
    failed = "failed"


RECHECK_LABELS = {RecheckState.none: "—", RecheckState.open: "待复查", RecheckState.overdue: "逾期未复查",
                  RecheckState.passed: "复查通过", RecheckState.failed: "复查未通过"}


class SubmissionStatus(StrEnum):
    """A dated submission as of a day: on time, late, overdue and missing, or not yet due."""

    submitted = "submitted"
    late = "late"
    missing = "missing"
    pending = "pending"


REPORT_LABELS = {SubmissionKind.summary: "工作总结", SubmissionKind.results: "成果报告"}
REVIEW_DECISIONS = (Decision.approve, Decision.return_)


class FundState(StrEnum):
    """A unit's spending against its subsidy."""

    no_contract = "no_contract"
    over = "over"
    spent = "spent"
    under = "under"


FUND_STATE_LABELS = {FundState.no_contract: "未登记合同", FundState.over: "超出补助",
                     FundState.spent: "补助已用完", FundState.under: "补助未用完"}


class OversightState(StrEnum):
    """A period of the city's on-site supervision as of a day."""

    kept = "kept"
    open = "open"
    missed = "missed"
    exempt = "exempt"

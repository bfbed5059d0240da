"""Every table, imported in one place so SQLModel.metadata is complete."""

from models.assessment_table import EffectRecord
from models.evaluation import Submission, Verdict
from models.implementation import (
    Expenditure,
    LedgerEntry,
    LedgerPerson,
    OversightVisit,
    SupervisionCase,
)
from models.mailbox import Contact, MailAttachment, MailMessage  # noqa: F401  (mailbox intake)
from models.preparation import GateDecision, Recommendation, WorkPlan
from models.procurement import (
    ArchiveDocument,
    Contract,
    DutySchedule,
    Provider,
    ProviderSelection,
    TaskListItem,
    TeamMember,
)
from models.province_rows import ProvinceTableRows  # noqa: F401  (the province table, web/)
from models.records import AuditEvent, Notification
from models.reference import City, Programme, Unit
from models.web_users import WebLoginAttempt, WebUser  # noqa: F401  (portal accounts, web/)

__all__ = [
    "ArchiveDocument", "AuditEvent", "City", "Contract", "DutySchedule", "EffectRecord", "Expenditure",
    "GateDecision", "LedgerEntry", "LedgerPerson", "Notification", "OversightVisit",
    "Programme", "Provider", "ProviderSelection", "Recommendation", "Submission",
    "SupervisionCase", "TaskListItem", "TeamMember", "Unit", "Verdict", "WorkPlan",
]

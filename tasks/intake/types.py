"""The intake service's data (defined, pure, in models/intake.py): import them from here or from there."""

from models.intake import KIND_LABELS, Counts, IntakeKind, Receipt, ReceivedFile

__all__ = ["KIND_LABELS", "Counts", "IntakeKind", "Receipt", "ReceivedFile"]

"""Route a received file to the service that registers its kind (provisional: everything is held)."""

from __future__ import annotations

from models.intake import Receipt, ReceivedFile


def route(received: ReceivedFile, year: int | None) -> Receipt:
    """The receipt of one received file (provisional: held until routing lands)."""
    return Receipt(file=received.name, ok=False, held=True, held_reason="暂无法自动识别材料类别")

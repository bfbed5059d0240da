"""The one intake service: every channel (CLI, mailbox, web) hands a received file to `intake`."""

from __future__ import annotations

from models.intake import Receipt, ReceivedFile


def intake(received: ReceivedFile, *, year: int | None = None) -> Receipt:
    """Recognise the file by its content, register it through the existing services, say what happened.

    Never raises for a bad file: a refusal becomes a receipt with its located problems (the database
    unchanged); a file whose kind or unit cannot be told is held for the province (`held`).
    `year` picks the programme (the newest when None), as the CLI's `--year` does.
    """
    from tasks.intake.route import route

    return route(received, year)

"""The `legalcap` command tree: the root app and each area's commands, in the order --help lists them."""

from __future__ import annotations

import typer

from flows.cli import (
    assess,
    contacts,
    db,
    funds,
    intake,
    ledger,
    mailbox,
    notifications,
    oversight,
    packets,
    preparation,
    programme,
    reports,
    serve,
    simulate,
    stats,
    templates,
    users,
    verdicts,
    web,
)

app = typer.Typer(help="县（区）工会法律能力提升项目管理（legalcap）", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)

serve.register(app)
programme.register_commands(app)
simulate.register(app)
notifications.register(app)
programme.register_groups(app)
db.register(app)
templates.register(app)
preparation.register(app)
ledger.register(app)
intake.register(app)
mailbox.register(app)
contacts.register(app)
oversight.register(app)
funds.register(app)
reports.register(app)
verdicts.register(app)
assess.register(verdicts.verdict_app)
packets.register(app)
stats.register(app)
users.register(app)
web.register(app)

"""Developer helper: autogenerate a migration against a scratch SQLite at head.

Usage: python -m models.migrations.autogen "add something"   (or: make migration MSG="…")
"""

from __future__ import annotations

import sys
import tempfile

from alembic import command

from models.db import alembic_config


def main(message: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cfg = alembic_config()
        cfg.set_main_option("sqlalchemy.url", f"sqlite:///{tmp}/scratch.db")
        command.upgrade(cfg, "head")
        command.revision(cfg, message=message, autogenerate=True)


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "schema change")

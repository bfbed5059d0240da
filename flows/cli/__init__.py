"""legalcap 命令行：one module per area (Typer signatures that parse, call a service, print).

The console script is `legalcap = "flows.cli:main"`; `app` is the command tree.
"""

from flows.cli.commands import app
from flows.cli.run import main

__all__ = ["app", "main"]

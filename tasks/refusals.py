"""A command refused for its options or its file: every problem named, nothing stored."""

from __future__ import annotations

from models.errors import InputError, Problem, said


class Refused(InputError):
    """Problems naming an option (--unit …) or a file, with a header saying what was not done."""

    def __init__(self, problems: list[Problem] | Problem, not_done: str):
        self.not_done = not_done
        super().__init__(problems)

    def __str__(self) -> str:
        lines = [said(p) for p in self.problems]
        if len(lines) == 1:
            return lines[0]
        numbered = [f"  {n}. {line}" for n, line in enumerate(lines, 1)]
        return "\n".join([f"共 {len(lines)} 处问题，{self.not_done}：", *numbered])

"""Time `legalcap simulate --demo` end to end: cold (fresh LEGALCAP_HOME and PREFECT_HOME) and warm.

Usage: .venv/bin/python bench/demo_time.py   (target: <= 60 s on a 2-core machine)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LEGALCAP = Path(sys.executable).with_name("legalcap")
TARGET_SECONDS = 60.0


def run_demo(home: Path) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEGALCAP_", "PREFECT_"))}
    env["LEGALCAP_HOME"] = str(home)
    start = time.perf_counter()
    result = subprocess.run([str(LEGALCAP), "simulate", "--demo"], env=env, capture_output=True,
                            text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0 or "Traceback" in result.stdout + result.stderr:
        sys.exit(f"demo failed:\n{result.stderr[-2000:]}")
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        cold = run_demo(home)
        warm = run_demo(home)
    print(f"cpu cores: {os.cpu_count()}")
    print(f"demo cold (fresh database and Prefect home): {cold:.1f} s")
    print(f"demo warm (second run, same home):            {warm:.1f} s")
    print(f"target <= {TARGET_SECONDS:.0f} s: {'met' if max(cold, warm) <= TARGET_SECONDS else 'NOT met'}")


if __name__ == "__main__":
    main()

"""What a citegraph command imports: a fresh process runs it and names the libraries of a
list that it loaded."""

from __future__ import annotations

import json
import subprocess
import sys


def heavy_imports(argv: list[str], heavy: tuple[str, ...]) -> list[str]:
    """The modules of ``heavy`` that ``citegraph argv`` loaded, run in a new process;
    fails the test if the command fails."""
    script = (
        "import sys, json\nfrom graph.cli import cli\n"
        f"try:\n    cli.main({argv!r}, standalone_mode=False)\nfinally:\n"
        f"    print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stderr.strip().splitlines()[-1]))

"""Benchmark: hostile sizes. Writes four 1 GB inputs and reads each with ``citegraph info``
in a fresh process, measuring wall time and peak memory from outside (``os.wait4``).

- ``wos-1g-field.txt``: a WoS file whose one abstract is 1 GB long (two records);
- ``openalex-1g-title.jsonl``: an OpenAlex record whose title is 1 GB long (two records);
- ``wos-1g-junk-lines.txt``: two WoS records with 1 GB of text lines between them;
- ``random-1g.txt``: 1 GB of random bytes.

Prints one line per input and writes benchmarks/results-limits.json. Needs about 4 GB of
disk in the work folder. Timings belong here, never in tests.

    python benchmarks/limits.py [--size-mb 1024] [--work /tmp/citegraph-limits]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from run import machine, timed_process  # benchmarks/ is on the path when run as a script

HERE = Path(__file__).resolve().parent
MB = 1024 * 1024
WOS_HEAD = b"FN Clarivate Analytics Web of Science\nVR 1.0\n"
WOS_LAST = b"PT J\nAF Lambert, Marissa\nTI Last\nPY 2016\nER\nEF\n"


def _filler(size: int, line_every: int | None = None) -> Iterator[bytes]:
    """``size`` bytes of words, in 1 MB pieces; with ``line_every``, a line break that often."""
    rng = random.Random(1)
    words = [b"lorem", b"ipsum", b"dolor", b"peer", b"support", b"worker", b"review"]
    text = b" ".join(rng.choice(words) for _ in range(MB // 5))[:MB]
    if line_every:
        text = b"\n".join(text[i : i + line_every] for i in range(0, MB, line_every))[:MB]
    for _ in range(size // MB):
        yield text


def wos_field(path: Path, size: int) -> None:
    with path.open("wb") as out:
        out.write(WOS_HEAD + b"PT J\nAF Watson, Emma\nTI Big\nAB ")
        out.writelines(_filler(size))
        out.write(b"\nPY 2015\nER\n\n" + WOS_LAST)


def openalex_title(path: Path, size: int) -> None:
    with path.open("wb") as out:
        out.write(b'{"id": "https://openalex.org/W1", "publication_year": 2015, "title": "')
        out.writelines(_filler(size))
        out.write(
            b'"}\n{"id": "https://openalex.org/W2", "title": "Small", "publication_year": 2016}\n'
        )


def wos_junk_lines(path: Path, size: int) -> None:
    with path.open("wb") as out:
        out.write(WOS_HEAD + b"PT J\nAF Watson, Emma\nTI Good\nPY 2015\nER\n\n")
        out.writelines(_filler(size, line_every=60))
        out.write(b"\n" + WOS_LAST)


def random_bytes(path: Path, size: int) -> None:
    rng = random.Random(2)
    with path.open("wb") as out:
        for _ in range(size // MB):
            out.write(rng.randbytes(MB))


INPUTS: dict[str, Callable[[Path, int], None]] = {
    "wos-1g-field.txt": wos_field,
    "openalex-1g-title.jsonl": openalex_title,
    "wos-1g-junk-lines.txt": wos_junk_lines,
    "random-1g.txt": random_bytes,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--work", type=Path, default=Path("/tmp/citegraph-limits"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, write in INPUTS.items():
        path = args.work / name
        write(path, args.size_mb * MB)
        run = timed_process([sys.executable, "-m", "graph", "info", str(path), "--json", "-q"])
        path.unlink()
        counts = json.loads(run["stdout"]) if run["status"] == 0 else {}
        row = {"input": name, "size_mb": args.size_mb, "seconds": run["seconds"],
               "peak_mb": run["peak_mb"], "exit": run["status"],
               "records_read": counts.get("records_read"),
               "said": (counts.get("notes") or [run["stderr"].strip()])[:2]}  # fmt: skip
        rows.append(row)
        print(f"{name}: exit {row['exit']}, {row['seconds']:.1f} s, {row['peak_mb']:,.0f} MB, "
              f"records {row['records_read']}; {row['said'][0][:120]}", flush=True)  # fmt: skip
    shutil.rmtree(args.work, ignore_errors=True)
    document = {"machine": machine(), "inputs": rows}
    (HERE / "results-limits.json").write_text(json.dumps(document, indent=2) + "\n")


if __name__ == "__main__":
    main()

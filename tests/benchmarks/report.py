"""Run the benchmarks and print a markdown results table, with the machine described.

    python tests/benchmarks/report.py                 # all benchmarks, table on stdout
    python tests/benchmarks/report.py -k store        # extra arguments go to pytest
    python tests/benchmarks/report.py --readme README.md
        # also replace the text between <!-- bench:begin --> and <!-- bench:end --> in README.md

Why a script and not only pytest-benchmark's own table: the README needs one stable, readable table
(sizes side by side, memory figures next to times) that the same command regenerates.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def machine() -> str:
    """One line naming the CPU, cores, memory, OS, Python and SQLite the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        memory = f", {kb / 2**20:.0f} GB RAM"
    except (OSError, AttributeError):
        pass
    return (f"{cpu}, {os.cpu_count()} logical CPUs{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}")


def run_benchmarks(pytest_args: list[str], json_path: Path) -> int:
    command = [sys.executable, "-m", "pytest", "-q", "tests/benchmarks", "--benchmark-only", "-p", "no:randomly",
               f"--benchmark-json={json_path}", *pytest_args]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # pytest's own output goes to stderr so that stdout is the markdown alone.
    return subprocess.run(command, cwd=REPO, env=env, stdout=sys.stderr).returncode


def duration(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def split_name(name: str) -> tuple[str, str]:
    """``test_open_project[1000]`` -> (``open project``, ``1000``)."""
    match = re.match(r"test_(?:bench_)?(.*?)(?:\[(.*)\])?$", name)
    if not match:
        return name, ""
    return match.group(1).replace("_", " "), match.group(2) or ""


def notes(extra: dict[str, object]) -> str:
    def show(value: object) -> str:
        return f"{value:.3g}" if isinstance(value, float) else str(value)

    return ", ".join(f"{k.replace('_', ' ')} {show(v)}" for k, v in extra.items())


def table(data: dict) -> str:
    """The markdown table: one row per benchmark, grouped by file."""
    rows = ["| file | benchmark | size | mean | min | rounds | notes |",
            "| --- | --- | --- | ---: | ---: | ---: | --- |"]
    def order(bench: dict) -> tuple[str, str, int]:
        what, size = split_name(bench["name"])
        return bench["fullname"].split("::")[0], what, int(size) if size.isdigit() else 0

    for bench in sorted(data["benchmarks"], key=order):
        module = Path(bench["fullname"].split("::")[0]).stem.removeprefix("test_bench_")
        what, size = split_name(bench["name"])
        stats = bench["stats"]
        if size.isdigit():
            size = f"{int(size):,}"
        rows.append(f"| {module} | {what} | {size} | {duration(stats['mean'])} | {duration(stats['min'])} | "
                    f"{stats['rounds']} | {notes(bench.get('extra_info') or {})} |")
    return "\n".join(rows)


def report(data: dict) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f"Measured {stamp} on {machine()}.\n"
            f"Regenerate with `python tests/benchmarks/report.py --readme README.md`.\n\n{table(data)}\n")


def update_readme(readme: Path, text: str) -> bool:
    content = readme.read_text(encoding="utf-8")
    if BEGIN not in content or END not in content:
        return False
    head, rest = content.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{BEGIN}\n{text}{END}{tail}", encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", type=Path, help=f"replace the text between {BEGIN} and {END}")
    parser.add_argument("--json", type=Path, help="reuse a --benchmark-json file instead of running")
    args, pytest_args = parser.parse_known_args(argv)
    if args.json:
        json_path = args.json
    else:
        json_path = Path(tempfile.mkdtemp(prefix="annotator-bench-")) / "results.json"
        code = run_benchmarks(pytest_args, json_path)
        if not json_path.exists():
            print("benchmarks did not run", file=sys.stderr)
            return code or 1
    text = report(json.loads(json_path.read_text(encoding="utf-8")))
    print(text)
    if args.readme:
        if update_readme(args.readme, text):
            print(f"updated {args.readme}", file=sys.stderr)
        else:
            print(f"{args.readme}: no {BEGIN} ... {END} markers; table not written", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

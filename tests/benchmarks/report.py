"""Run the benchmarks and print markdown results tables, with the machine described.

    python tests/benchmarks/report.py                 # all benchmarks, tables on stdout
    python tests/benchmarks/report.py -k store        # extra arguments go to pytest
    python tests/benchmarks/report.py -k scale        # only the scale section (issue 18)
    python tests/benchmarks/report.py --readme README.md
        # also replace the text between <!-- bench:begin --> and <!-- bench:end --> (the per-operation
        # table) and between <!-- scale:begin --> and <!-- scale:end --> (the scale table) in README.md;
        # a section none of the run benchmarks belongs to is left as it was

Two tables. The per-operation table lists pytest-benchmark's timings. The scale table lists the rows
recorded through the ``scale`` fixture (scale.py): one figure each, against a peer measured in the same
run, with the ratio and the target. Why a script and not only pytest-benchmark's own table: the README
needs stable, readable tables (sizes side by side, memory next to times) that the same command regenerates.
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
SCALE_BEGIN, SCALE_END = "<!-- scale:begin -->", "<!-- scale:end -->"


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


def is_scale(bench: dict) -> bool:
    return "scale" in (bench.get("extra_info") or {})


def table(data: dict) -> str:
    """The per-operation markdown table: one row per benchmark, grouped by file."""
    rows = ["| file | benchmark | size | mean | min | rounds | notes |",
            "| --- | --- | --- | ---: | ---: | ---: | --- |"]
    def order(bench: dict) -> tuple[str, str, int]:
        what, size = split_name(bench["name"])
        return bench["fullname"].split("::")[0], what, int(size) if size.isdigit() else 0

    for bench in sorted((b for b in data["benchmarks"] if not is_scale(b)), key=order):
        module = Path(bench["fullname"].split("::")[0]).stem.removeprefix("test_bench_")
        what, size = split_name(bench["name"])
        stats = bench["stats"]
        if size.isdigit():
            size = f"{int(size):,}"
        rows.append(f"| {module} | {what} | {size} | {duration(stats['mean'])} | {duration(stats['min'])} | "
                    f"{stats['rounds']} | {notes(bench.get('extra_info') or {})} |")
    return "\n".join(rows)


def memory(mib: float | None) -> str:
    if mib is None:
        return ""
    return f"{mib / 1024:.2f} GiB" if mib >= 1024 else f"{mib:,.0f} MiB"


def ratio(ours: float | None, peer: float | None) -> str:
    if not ours or not peer:
        return ""
    value = ours / peer
    return f"{value:.2f}x" if value < 10 else f"{value:.0f}x"


def scale_rows(data: dict) -> list[dict]:
    """Every recorded scale row, in the order of the test files and tests that recorded them."""
    rows: list[dict] = []
    for bench in data["benchmarks"]:
        rows.extend(bench["extra_info"]["scale"] if is_scale(bench) else [])
    return rows


def scale_table(rows: list[dict]) -> str:
    """The scale markdown table: ours, the peer, ours/peer (time, and memory where both have it), target."""
    lines = ["| what | size | ours | peak | peer | peer time | peer peak | ratio | target | met | notes |",
             "| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | --- | :---: | --- |"]
    for row in rows:
        ours, peer = row["ours"], row.get("peer") or {}
        time_ratio = ratio(ours.get("seconds"), peer.get("seconds"))
        peak_ratio = ratio(ours.get("peak_mib"), peer.get("peak_mib"))
        both = ", ".join(part for part in (time_ratio and f"time {time_ratio}", peak_ratio and f"memory {peak_ratio}")
                         if part)
        seconds = ours.get("seconds")
        runs = ours.get("runs", 1)
        shown = (duration(seconds) if seconds is not None else "") + (f" (median of {runs})" if runs > 1 else "")
        met = {True: "yes", False: "**no**", None: ""}[row.get("met")]
        lines.append(
            f"| {row['what']} | {row['size']} | {shown} | {memory(ours.get('peak_mib'))} | {row.get('peer_name') or ''} | "
            f"{duration(peer['seconds']) if peer.get('seconds') is not None else ''} | {memory(peer.get('peak_mib'))} | "
            f"{both} | {row.get('target_text', '')} | {met} | {row.get('notes', '')} |")
    return "\n".join(lines)


def data_line() -> str:
    sys.path.insert(0, str(Path(__file__).parent))
    from data_cache import GENERATOR_VERSION

    return (f"Data: generated by `tests/benchmarks/generate.py` (seeded; generator version {GENERATOR_VERSION}), "
            "built once and cached (tests/benchmarks/data_cache.py). Times are medians of the runs shown; peak is "
            "the child process's VmHWM; a peer is timed in the same run, alternating with ours.")


def report(data: dict) -> str:
    """The per-operation table (if any of its benchmarks ran)."""
    if not any(not is_scale(b) for b in data["benchmarks"]):
        return ""
    return (f"{measured()}\n"
            f"Regenerate with `python tests/benchmarks/report.py --readme README.md`.\n\n{table(data)}\n")


def scale_report(data: dict) -> str:
    """The scale table (if any scale row was recorded)."""
    rows = scale_rows(data)
    if not rows:
        return ""
    return (f"{measured()}\n{data_line()}\n"
            f"Regenerate with `python tests/benchmarks/report.py -k scale --readme README.md`.\n\n"
            f"{scale_table(rows)}\n")


def measured() -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"Measured {stamp} on {machine()}."


def update_readme(readme: Path, text: str, begin: str = BEGIN, end: str = END) -> bool:
    content = readme.read_text(encoding="utf-8")
    if begin not in content or end not in content:
        return False
    head, rest = content.split(begin, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{begin}\n{text}{end}{tail}", encoding="utf-8")
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
    data = json.loads(json_path.read_text(encoding="utf-8"))
    failed = 0
    for text, begin, end in ((report(data), BEGIN, END), (scale_report(data), SCALE_BEGIN, SCALE_END)):
        if not text:
            continue
        print(text)
        if args.readme:
            if update_readme(args.readme, text, begin, end):
                print(f"updated {args.readme} ({begin})", file=sys.stderr)
            else:
                print(f"{args.readme}: no {begin} ... {end} markers; table not written", file=sys.stderr)
                failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main())

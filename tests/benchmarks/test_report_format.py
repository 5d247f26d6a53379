"""report.py renders the per-operation and the scale table and rewrites only the README sections it has rows for.

A plain test (no benchmark fixture), so it runs in `make test`: the table format is a shared interface.
"""

from __future__ import annotations

import report
from scale import Measure, Row, Target


def _data() -> dict:
    scale_row = Row("`annotator --version`", "", Measure(seconds=0.05, runs=7), peer_name="`python -c pass`",
                    peer=Measure(seconds=0.04), target=Target(seconds=0.1)).as_json()
    failing = Row("GUI start", "100,000 docs", Measure(seconds=3.0, peak_mib=2048.0),
                  target=Target(seconds=2, peak_mib=400)).as_json()
    return {"benchmarks": [
        {"name": "test_open_project[1000]", "fullname": "tests/benchmarks/test_bench_store.py::test_open_project[1000]",
         "stats": {"mean": 0.002, "min": 0.001, "rounds": 5}, "extra_info": {}},
        {"name": "test_scale_start", "fullname": "tests/benchmarks/test_scale_start.py::test_scale_start",
         "stats": {"mean": 0.0, "min": 0.0, "rounds": 1}, "extra_info": {"scale": [scale_row, failing]}},
    ]}


def test_scale_rows_get_their_own_table_with_ratio_and_target():
    text = report.scale_report(_data())
    lines = text.splitlines()
    version = next(line for line in lines if line.startswith("| `annotator --version`"))
    assert "50.0 ms (median of 7)" in version and "time 1.25x" in version and "< 100 ms" in version
    assert version.split("|")[10].strip() == "yes"
    gui = next(line for line in lines if line.startswith("| GUI start"))
    assert "2.00 GiB" in gui and "**no**" in gui
    assert "generator version" in text
    assert "scale" not in report.report(_data())  # the per-operation table leaves scale rows out
    assert "open project | 1,000" in report.report(_data())


def test_readme_sections_are_replaced_independently(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"a\n{report.SCALE_BEGIN}\nold scale\n{report.SCALE_END}\nb\n{report.BEGIN}\nold ops\n"
                      f"{report.END}\nc\n", encoding="utf-8")
    only_scale = {"benchmarks": [_data()["benchmarks"][1]]}
    assert report.report(only_scale) == ""
    assert report.update_readme(readme, report.scale_report(only_scale), report.SCALE_BEGIN, report.SCALE_END)
    content = readme.read_text(encoding="utf-8")
    assert "old scale" not in content and "old ops" in content and content.startswith("a\n")

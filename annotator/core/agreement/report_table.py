"""An agreement report as rows and columns: what ``annotator agreement --format csv`` prints and the
Agreement view exports, so both write the same file (and the table output uses the same rows).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from annotator.core.agreement.report import AgreementReport

COLUMNS = (
    ("krippendorff_alpha", "alpha"),
    ("percent_agreement", "agree%"),
    ("cohen_kappa", "kappa"),
    ("scott_pi", "pi"),
    ("fleiss_kappa", "fleiss"),
    ("conger_kappa", "conger"),
    ("gwet_ac1", "AC1"),
    ("brennan_prediger", "BP"),
    ("q", "q"),
    ("units", "units"),
)
WEIGHTED_COLUMNS = (("weighted_kappa", "w-kappa"), ("gwet_ac2", "AC2"))
SPAN_COLUMNS = (("alpha_u", "alpha_U"), ("u_alpha", "u-alpha"), ("binary_u_alpha", "|u-alpha"),
                ("cu_alpha", "cu-alpha"), ("observed_disagreement", "D_o"), ("expected_disagreement", "D_e"))


def report_rows(report: AgreementReport) -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, code path, values) for each code, each group and the pooled overall row, in report order."""
    rows = [("code", p, r.to_json_dict()) for p, r in report.codes.items()]
    rows += [("group", p, r.to_json_dict()) for p, r in report.groups.items()]
    if report.overall is not None:
        overall = report.overall.to_json_dict()
        overall["ci"] = report.overall_ci
        rows.append(("overall", "(all codes)", overall))
    elif report.unit == "span":
        rows.append(("overall", "(all codes)", {"alpha_u": report.alpha_u, "u_alpha": report.extra.get("u_alpha"),
                                                "binary_u_alpha": report.extra.get("binary_u_alpha"),
                                                "cu_alpha": report.extra.get("cu_alpha")}))
    return rows


def report_columns(report: AgreementReport) -> tuple[tuple[str, str], ...]:
    """(JSON key, short label) of the measures this report has, in the order they are printed."""
    if report.unit == "span":
        return SPAN_COLUMNS
    columns = tuple(c for c in COLUMNS if c[0] != "cohen_kappa" or len(report.coders) == 2)
    if any(r.measures.level != "nominal" for r in report.groups.values()):
        columns = columns[:-2] + tuple(c for c in WEIGHTED_COLUMNS if c[0] != "weighted_kappa" or
                                       len(report.coders) == 2) + columns[-2:]
    return columns


def report_csv(report: AgreementReport) -> str:
    """The report as CSV: one row per code, group and overall; empty cells where a value is undefined."""
    columns = report_columns(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = ["kind", "code"] + [key for key, _ in columns] + ["ci_low", "ci_high", "p_below_0_667",
                                                                 "p_below_0_800"]
    writer.writerow(header)
    for kind, path, values in report_rows(report):
        ci = values.get("ci") or {}
        writer.writerow([kind, path] + ["" if values.get(k) is None else values.get(k) for k, _ in columns]
                        + ["" if ci.get(k) is None else ci.get(k)
                           for k in ("low", "high", "p_below_0_667", "p_below_0_800")])
    return buffer.getvalue()


__all__ = ["COLUMNS", "SPAN_COLUMNS", "WEIGHTED_COLUMNS", "report_columns", "report_csv", "report_rows"]

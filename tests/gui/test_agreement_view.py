"""The agreement window: computes off the GUI thread, shows the CLI's numbers, exports them unchanged."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main as cli_main
from annotator.core.agreement.report import AgreementScope, compute_agreement
from annotator.gui.agreement_view import reliability_mark
from tests.gui.agreement_fixtures import main_window, three_coders  # noqa: F401 (fixtures)

LABELS = {"krippendorff_alpha": "α (Krippendorff)", "percent_agreement": "% agreement",
          "fleiss_kappa": "κ (Fleiss)", "scott_pi": "π (Scott)", "gwet_ac1": "AC1 (Gwet)",
          "brennan_prediger": "Brennan-Prediger", "light_kappa": "κ (Light)", "units": "Units"}


def computed(view, qtbot):
    view.compute()
    qtbot.waitUntil(lambda: not view.busy() and view.report is not None, timeout=20000)
    return view


def cli_json(project, tmp_path, *args):
    out = tmp_path / "cli.json"
    assert cli_main(["agreement", str(project.path), "--format", "json", "--output", str(out), *args]) == 0
    return json.loads(out.read_text(encoding="utf-8")), out.read_text(encoding="utf-8")


@pytest.mark.parametrize("unit", ["document", "character"])
def test_table_equals_cli_json(main_window, qtbot, tmp_path, unit):
    view = main_window.agreement
    main_window.show_view("agreement")
    view.set_scope(unit=unit, coders=["Ana", "Ben", "Cal"])
    computed(view, qtbot)
    expected, text = cli_json(main_window.project, tmp_path, "--unit", unit)
    assert view.data["coders"] == ["Ana", "Ben", "Cal"]
    assert set(view.data["codes"]) == set(expected["codes"]) == {"Crime", "Security", "Economy"}
    for path, values in expected["codes"].items():
        for key, label in LABELS.items():
            assert view.value(path, label) == values.get(key), (path, key)
        assert view.cell_text(path, "Mark") == reliability_mark(values["krippendorff_alpha"])
    assert view.value("(all codes)", LABELS["krippendorff_alpha"]) == expected["overall"]["krippendorff_alpha"]
    assert view.json_text() == text  # the export is byte for byte what the CLI writes
    # Coder-pair matrix of the selected (overall) row.
    for pair in expected["pairs"]:
        a, b = pair["coders"]
        assert view.pair_value(a, b) == pair["krippendorff_alpha"]


def test_two_coders_bootstrap_and_exports(main_window, qtbot, tmp_path):
    view = main_window.agreement
    view.set_scope(coders=["Ana", "Ben"], unit="character", bootstrap=200, seed=7)
    computed(view, qtbot)
    expected = compute_agreement(main_window.project, AgreementScope(
        unit="character", coders=("Ana", "Ben"), bootstrap=200, seed=7)).to_json_dict()
    crime = expected["codes"]["Security"]
    assert view.value("Security", "κ (Cohen)") == crime["cohen_kappa"]
    assert view.value("Security", "95% CI") == crime["ci"]
    assert view.value("Security", "P(α<.800)") == crime["ci"]["p_below_0_800"]
    assert view.pair_value("Ana", "Ben") == expected["overall"]["krippendorff_alpha"]
    view.export(str(tmp_path / "a.json"), "json")
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8")) == expected
    view.export(str(tmp_path / "a.csv"), "csv")
    out = tmp_path / "cli.csv"
    cli_main(["agreement", str(main_window.project.path), "--coders", "Ana,Ben", "--unit", "character",
              "--bootstrap", "200", "--seed", "7", "--format", "csv", "--output", str(out)])
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_undefined_shows_reason_and_sorting(main_window, qtbot):
    view = main_window.agreement
    view.set_scope(coders=["Ana", "Cal"], codes=["Crime"], unit="document")
    computed(view, qtbot)
    # Both coded Crime in both documents: a single category, alpha undefined with the reason.
    assert view.cell_text("Crime", "Mark") == "undefined"
    assert view.value("Crime", "α (Krippendorff)") is None
    row = next(r for r in range(view.model.rowCount()) if view.model.item(r, 0).text() == "Crime")
    assert view.model.item(row, 2).toolTip()
    view.table.sortByColumn(3, view.table.horizontalHeader().sortIndicatorOrder())


def test_cancel_and_too_few_coders(main_window, qtbot):
    view = main_window.agreement
    view.set_scope(coders=["Ana"])
    view.compute()
    assert "two coders" in view.summary.text() and not view.busy()
    view.set_scope(coders=["Ana", "Ben", "Cal"], unit="token")
    view.compute()
    view.cancel()
    assert not view.busy() and view.compute_button.isEnabled()
    computed(view, qtbot)
    assert view.report is not None


def test_reliability_marks():
    assert reliability_mark(0.8) == "reliable"
    assert reliability_mark(0.7999) == "tentative"
    assert reliability_mark(0.667) == "tentative"
    assert reliability_mark(0.5) == "unreliable"
    assert reliability_mark(None) == "undefined"


@pytest.fixture
def framed(main_window):
    """An exclusive group Frame (Blame, Cost) where Ana applied both children to one sentence (a conflict)."""
    project = main_window.project
    frame = project.add_code("Frame", exclusive=True).id
    blame, cost = project.add_code("Frame/Blame").id, project.add_code("Frame/Cost").id
    en = project.document("en")
    coders = {c.name: c.id for c in project.coders()}
    rows = [(en.id, coders["Ana"], blame, 0, 20, ""), (en.id, coders["Ana"], cost, 10, 30, ""),
            (en.id, coders["Ben"], blame, 0, 30, ""), (en.id, coders["Cal"], blame, 0, 30, "")]
    project.add_segments(rows)
    del frame
    main_window.agreement.fill_scope()
    return main_window


def test_categories_field_and_conflicts_like_a_user(framed, qtbot, tmp_path):
    from PySide6.QtCore import Qt

    view = framed.agreement
    framed.show_view("agreement")
    view.wait_until_ready()  # the view computes once when first shown
    view.set_scope(coders=["Ana", "Ben", "Cal"], unit="character", group="Frame")
    # The user types 5 into "Categories (q)" and presses Compute.
    view.categories.setFocus()
    view.categories.lineEdit().selectAll()
    qtbot.keyClicks(view.categories.lineEdit(), "5")
    assert view.categories.value() == 5
    with qtbot.waitSignal(view.computed, timeout=20000):
        qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    expected, _ = cli_json(framed.project, tmp_path, "--unit", "character", "--group", "Frame", "--categories", "5")
    assert view.value("Frame", "Categories (q)") == expected["groups"]["Frame"]["q"] == 5
    assert view.value("Frame", "Brennan-Prediger") == expected["groups"]["Frame"]["brennan_prediger"]
    # The conflict (Ana: Blame and Cost on characters 10-20) is listed under the pair table.
    assert view.conflicts.isVisible() and view.conflicts.rowCount() == 1
    assert [view.conflicts.item(0, c).text() for c in range(4)] == ["en", "Ana", "10–20", "Frame/Blame + Frame/Cost"]
    assert expected["conflicts"][0]["start"] == 10 and expected["conflicts"][0]["end"] == 20
    # Selecting the group row shows the choices behind its numbers.
    row = next(r for r in range(view.model.rowCount()) if view.model.item(r, 0).text() == "Frame")
    view.table.selectRow(view.proxy.mapFromSource(view.model.index(row, 0)).row())
    assert "--categories" in view.notes.text() and "conflicts" in view.notes.text()
    # Double-clicking the conflict shows the place in the coding workspace.
    with qtbot.waitSignal(framed.bus.place_requested) as shown:
        view.conflicts.cellDoubleClicked.emit(0, 0)
    assert (shown.args[0].start, shown.args[0].end) == (10, 20)


def test_exports_never_write_over_the_project(main_window, qtbot, tmp_path):
    """Issue 16: a save dialog pointed at the project file must not replace it."""
    import hashlib

    from annotator.core.errors import AnnotatorError

    view = main_window.agreement
    view.set_scope(coders=["Ana", "Ben"], unit="document")
    computed(view, qtbot)
    path = main_window.project.path
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(AnnotatorError, match="project"):
        view.export(str(path), "json")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before

"""The analysis view on a small Chinese corpus: the analyses fill their tables, charts and clouds export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from annotator.core.model import DocumentInput
from annotator.core.store import Project
from annotator.gui.analysis_view import AnalysisView, WordCloud, layout_cloud

ARTICLES = [
    ("xinhua-1", "新华社", "政府宣布加强疫苗接种。疫苗接种可以保护孕妇健康。经济复苏计划同时启动，市场信心回升。"),
    ("mingpao-1", "明報", "政府宣佈加強疫苗接種，疫苗接種保護孕婦健康。市民擔心經濟前景。"),
]


def _coded(project: Project) -> Project:
    project.add_documents([DocumentInput(text=t, name=n, outlet=o) for n, o, t in ARTICLES])
    ana = project.ensure_coder("Ana")
    health = project.add_code("Frames/Health", color="#3cb44b")
    economy = project.add_code("Frames/Economy", color="#4363d8")
    for document in project.documents():
        text = project.document_text(document.id)
        for sentence, code in (("疫苗接", health), ("經濟", economy), ("经济", economy)):
            at = text.find(sentence)
            if at >= 0:
                end = text.find("。", at) + 1
                start = text.rfind("。", 0, at) + 1
                project.add_segment(document.id, ana.id, code.id, start, end)
    return project


@pytest.fixture
def view(qtbot, tmp_path):
    path = tmp_path / "news.annotator"
    with Project.create(path) as project:
        _coded(project)
    widget = AnalysisView(str(path))  # a path: the view opens (and closes) the project itself
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget._pending == 0, timeout=15000)
    yield widget
    widget.close()


def test_all_analyses_fill_in(view):
    words = {view.words_model.rows[i]["word"]: view.words_model.rows[i] for i in range(view.words_model.rowCount())}
    assert view.word_code.currentText() == "Frames/Health"
    assert words["疫苗"]["count"] == 3 and words["接种"]["count"] == 3  # first sentence in xinhua-1, all of mingpao-1
    frames = view.frames_model.rows
    assert {(r["outlet"], r["frame"], r["share"]) for r in frames} == {
        ("新华社", "Frames/Health", 1.0), ("新华社", "Frames/Economy", 1.0),
        ("明報", "Frames/Health", 1.0), ("明報", "Frames/Economy", 1.0)}
    assert len(view.chart.series()) == 1 and view.chart.series()[0].count() == 2
    assert view.matrix_model.rows[0] == {"code": "Frames/Health", "Frames/Health": 2, "Frames/Economy": 2}
    assert [title for title, _c, _w in view.clouds.clouds] == ["Health", "Economy"]


def test_coder_filter_and_overlap_toggle(view, qtbot):
    view.set_coder(None)
    view.by_overlap.setChecked(True)
    assert view.matrix_model.rows[0]["Frames/Economy"] == 0


def test_exports_png_svg_and_csv(view, tmp_path):
    png = view.export_chart(QSize(600, 400), view._render_chart, str(tmp_path / "frames.png"))
    svg = view.export_chart(QSize(600, 400), view.clouds.render_clouds, str(tmp_path / "clouds.svg"))
    csv_path = view.export_table(view.words_model, str(tmp_path / "words.csv"))
    assert (tmp_path / "frames.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png
    content = (tmp_path / "clouds.svg").read_text(encoding="utf-8")
    assert content.lstrip().startswith("<?xml") and "<svg" in content and svg
    lines = (tmp_path / "words.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("word,count,rest_count") and csv_path


def test_word_cloud_layout_never_overlaps(qtbot):
    cloud = WordCloud()
    qtbot.addWidget(cloud)
    words = [(f"词{i}", 50 - i) for i in range(40)]
    placed = layout_cloud(words, cloud.font())
    assert len(placed) == 40
    for i, (_w, _f, a, _r) in enumerate(placed):
        for _w2, _f2, b, _r2 in placed[i + 1:]:
            assert not a.intersects(b)
    cloud.set_words(words, "#e6194b", "测试")
    cloud.resize(500, 300)
    assert not cloud.grab().isNull()


def test_exports_never_write_over_the_project(view, tmp_path):
    path = view.project.path
    if path is None:
        pytest.skip("in-memory project")
    before = path.read_bytes()
    assert view.export_table(view.words_model, str(path)) == ""
    assert view.export_chart(QSize(600, 400), view._render_chart, str(path)) == ""
    assert path.read_bytes() == before and "project" in view.status.text()


def test_the_word_cloud_says_why_it_is_empty_when_text_is_coded(qtbot):
    """'5 segment(s), 21 tokens' and 'No words yet: code some text' side by side contradicted each other."""
    from annotator.core.model import DocumentInput
    from annotator.core.store import Project
    from annotator.gui.analysis_view import AnalysisView

    project = Project.memory()
    doc = project.add_documents([DocumentInput(text="Police raided a clinic downtown.\nOfficials denied it.\n",
                                               name="d", language="en")]).added[0]
    coder = project.ensure_coder("Ana")
    frame = project.add_code("Frames/Crime")
    project.add_segment(doc.id, coder.id, frame.id, 0, 32)
    view = AnalysisView(project)
    qtbot.addWidget(view)
    view.set_code(frame.id)
    view.compute_words()  # in memory: computed in place
    assert "1 segment(s)" in view.words_note.text()
    assert view.word_cloud.words == [] and "occurs twice" in view.word_cloud.empty

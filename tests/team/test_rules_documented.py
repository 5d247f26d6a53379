"""The ownership rules the sync applies are the ones docs/team.md gives the user, word for word."""

from pathlib import Path

from annotator.core.team.ownership import RULES

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_ownership_rule_is_in_the_team_guide():
    text = (DOCS / "team.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"- {rule}\n" in text, rule


def test_the_readme_links_the_team_guide():
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    assert "(docs/team.md)" in readme


def test_the_window_translates_exactly_these_rules():
    from annotator.gui.team_dialogs import RULE_TEXTS

    assert RULE_TEXTS == RULES

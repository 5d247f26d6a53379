"""Find in document: every hit, any case, simplified or traditional, offsets in code points."""

from annotator.core.find import find_all

TEXT = "Blood 🩸 samples, BLOOD tests. 孕妇血样出境；孕婦血樣過關。"


def test_every_hit_in_code_points_ignoring_case_and_script():
    assert find_all(TEXT, "blood") == [(0, 5), (17, 22)]
    assert [TEXT[s:e] for s, e in find_all(TEXT, "血樣")] == ["血样", "血樣"]
    start, end = find_all(TEXT, "samples")[0]
    assert TEXT[start:end] == "samples"  # after an emoji: code points, not UTF-16 units


def test_nothing_to_find():
    assert find_all(TEXT, "  ") == [] and find_all(TEXT, "") == [] and find_all(TEXT, "virus") == []
    assert find_all("aaaa", "aa") == [(0, 2), (2, 4)]
    assert find_all("İstanbul and istanbul", "istanbul") == [(13, 21)]  # same-length view

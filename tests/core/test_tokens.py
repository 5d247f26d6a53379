"""Word tokens for simplified and traditional Chinese, mixed text, snapping, and the user dictionary."""

from __future__ import annotations

from annotator.core.tokens import snap_to_words, to_simplified, tokenizer_for, word_spans

SIMPLIFIED = "香港大学研究团队发现，孕妇血样中的病毒含量与生物安全实验室的检测结果一致。"
TRADITIONAL = "香港大學研究團隊發現，孕婦血樣中的病毒含量與生物安全實驗室的檢測結果一致。"


def words(text: str, **kw) -> list[str]:
    return [text[s:e] for s, e in word_spans(text, **kw)]


def test_simplified_sentence_is_segmented_into_words():
    assert words(SIMPLIFIED) == ["香港大学", "研究", "团队", "发现", "孕妇", "血样", "中", "的", "病毒", "含量",
                                 "与", "生物", "安全", "实验室", "的", "检测", "结果", "一致"]


def test_traditional_sentence_splits_like_simplified_and_keeps_its_own_characters():
    assert word_spans(TRADITIONAL) == word_spans(SIMPLIFIED)
    assert words(TRADITIONAL)[:6] == ["香港大學", "研究", "團隊", "發現", "孕婦", "血樣"]


def test_to_simplified_keeps_length_and_uses_context_for_ambiguous_characters():
    text = "乾隆年間天氣很乾燥，頭髮也乾了。"
    simple = to_simplified(text)
    assert len(simple) == len(text)
    assert simple == "乾隆年间天气很干燥，头发也干了。"
    assert to_simplified(SIMPLIFIED) is SIMPLIFIED  # nothing to convert: no copy


def test_mixed_chinese_and_english_offsets():
    text = "特首李家超（John Lee）週二表示，Hong Kong's 經濟在2023年復甦。"
    spans = word_spans(text)
    found = [text[s:e] for s, e in spans]
    assert "John" in found and "Lee" in found and "Hong" in found and "Kong's" in found
    assert "2023" in found and "年" in found
    for (s, e), w in zip(spans, found):
        assert text[s:e] == w and w.strip() == w


def test_punctuation_and_spaces_are_not_tokens():
    assert words("。，！？ 、") == []
    assert words("Hello, world!") == ["Hello", "world"]


def test_snap_widens_a_partial_selection_to_whole_words_in_traditional_text():
    start = TRADITIONAL.index("婦")  # half of 孕婦 ... through half of 血樣
    assert snap_to_words(TRADITIONAL, start, start + 2) == (11, 15)
    assert TRADITIONAL[11:15] == "孕婦血樣"


def test_snap_trims_spaces_and_keeps_whole_words():
    text = "Officials said  the vaccine works."
    assert snap_to_words(text, 14, 22) == (16, 27)  # "  the va" -> "the vaccine"
    assert text[16:27] == "the vaccine"


def test_snap_of_an_empty_selection_is_unchanged():
    assert snap_to_words(SIMPLIFIED, 5, 5) == (5, 5)


def test_user_dictionary_tokenizer_joins_terms_in_both_scripts():
    tokenizer = tokenizer_for(["孕妇血样", "生物安全"])
    assert "孕妇血样" in words(SIMPLIFIED, tokenizer=tokenizer)
    assert "生物安全" in words(SIMPLIFIED, tokenizer=tokenizer)
    assert "孕婦血樣" in words(TRADITIONAL, tokenizer=tokenizer)
    # The default tokenizer is untouched by a project's dictionary.
    assert "孕妇血样" not in words(SIMPLIFIED)
    assert tokenizer_for([]) is None
    assert tokenizer_for(["生物安全", "孕妇血样"]) is tokenizer


def test_jieba_cache_lives_in_the_data_folder(tmp_path_factory):
    from annotator.core.tokens import data_dir, jieba_tokenizer

    assert jieba_tokenizer().tmp_dir == str(data_dir())


def test_fast_dag_cut_matches_jieba_exactly():
    import random

    from annotator.core.tokens import _HAN_RUN, _cut_dag, jieba_tokenizer

    tokenizer = jieba_tokenizer()
    rng = random.Random(3)
    pieces = [SIMPLIFIED, to_simplified(TRADITIONAL), "警方破获非法运送孕妇血样出境案专家指出这损害国家生物安全",
              "李家超週二表示经济在二零二三年复苏乾隆皇帝很干燥"]
    vocabulary = list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质信")
    for _ in range(200):
        pieces.append("".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 40))))
    for piece in pieces:
        for run in _HAN_RUN.findall(piece):
            assert _cut_dag(tokenizer, run) == list(tokenizer._Tokenizer__cut_DAG(run)), run

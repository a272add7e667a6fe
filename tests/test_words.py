"""The jieba wrapper: dictionary flags and the remembered HMM pass give jieba's own answers."""
import jieba.posseg
import pytest

from deckgen.extract.words import Words, _pos_tokenizer


@pytest.mark.parametrize("word, flag", [("持续", "vd"), ("逐步", "d"), ("发展", "vn"), ("枫桥经验", "")])
def test_flag_is_the_dictionary_tag(word, flag):
    assert Words().flag(word) == flag


@pytest.mark.parametrize("span", ["推进可信数据空间建设", "沙化土地面积持续", "建设省级医保影像云"])
def test_tagging_with_the_remembered_hmm_pass_is_jiebas(span):
    expected = [(p.word, p.flag) for p in jieba.posseg.cut(span)]
    tagger = _pos_tokenizer(None)
    assert [(p.word, p.flag) for p in tagger.cut(span)] == expected
    assert [(p.word, p.flag) for p in tagger.cut(span)] == expected  # again, from the memo of each run

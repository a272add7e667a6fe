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


def test_the_tagger_has_the_tags_jieba_posseg_reads():
    """deckgen imports jieba.posseg without its own reading of the dictionary's tags (a fresh process: here
    jieba.posseg is imported already) and reads them itself: the same tags, for its tagger and jieba's."""
    import subprocess
    import sys

    probe = ("from deckgen.extract.words import _pos_tokenizer; import jieba, jieba.posseg; "
             "own = object.__new__(jieba.posseg.POSTokenizer); own.load_word_tag(jieba.dt.get_dict_file()); "
             "assert _pos_tokenizer(None).word_tag_tab == own.word_tag_tab == jieba.posseg.dt.word_tag_tab; "
             "assert 'get_dict_file' not in vars(jieba.dt)")
    subprocess.run([sys.executable, "-c", probe], check=True)

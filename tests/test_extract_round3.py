"""Round 3: rules generalised after fresh held-out texts (a congress report, study notes, news, 述职报告).

Each case is a short sentence written for the test, not copied from a source text.
"""
from __future__ import annotations

import pytest
from test_extract_lists import lists_by_name, run


def terms_of(extraction, minimum=0.5):
    return {t.term: t for t in extraction.terms if t.confidence >= minimum}


# ---------------------------------------------------------------- terms

@pytest.mark.parametrize("lexicon", [True, False])
def test_every_quote_of_a_serial_run_is_a_term(lexicon):
    # 港人治港 is a common dictionary word; in a run of quotes it is a slogan all the same
    text = "我们坚持“一国两制”、“港人治港”、“澳人治澳”、高度自治的方针。"
    assert {"一国两制", "港人治港", "澳人治澳"} <= set(terms_of(run(text, lexicon=lexicon)))


def test_scare_quotes_around_an_ordinary_word_used_once_are_no_term():
    text = "干部们“坐不住”了，纷纷下沉一线，把发展的“蛋糕”做大，推行“包干制”，建立“双报到”机制。"
    terms = terms_of(run(text, lexicon=False))
    assert "坐不住" not in terms and "蛋糕" not in terms
    assert "包干制" in terms and "双报到" in terms  # coined or rare words stay

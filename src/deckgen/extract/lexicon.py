"""The lexicon of canonical formulations: 四个意识 → 政治意识, 大局意识, 核心意识, 看齐意识.

Texts often use a formulation without spelling it out (增强“四个意识”), or spell
it out without its popular name (the report that introduced 六个必须坚持 lists its
items under a lead sentence). The packaged ``data/lexicon.yaml`` holds the public
formulations with the document each comes from; a user file (``extract.lexicon:
PATH``) is merged over it, entry by entry. The lexicon is used to

* name a list whose items are a formulation's items, and to spot a counted name
  tied to the wrong items (四个意识 with four sub-headings about the environment):
  the lexicon passes of the engine (``passes``);
* find a formulation spelled out in one passage without its name (the rule
  ``rules/lexicon_items``);
* define a formulation the text mentions by name only (``mentions``): a term,
  never a list — the lexicon never adds to a list an item the text does not hold.

Extraction works without it (``extract.lexicon: false``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .. import safeyaml
from ..config import read_bounded
from ..errors import ConfigError
from ..models import Article
from ..text import match_key

MAX_SPOTS = 50
MAX_GAP = 3  # characters between two items of a formulation spelled out in one run
SHORT_NAME = 2  # a name this short (三农, 四风) counts as mentioned only inside quotes
LEXICON_SEPARATOR = "；"  # between the items of a formulation's definition (cards show them as a list)


@dataclass(frozen=True, slots=True)
class Formulation:
    """One lexicon entry. ``items`` holds each item's accepted forms, the usual one first."""

    name: str
    aliases: tuple[str, ...]
    items: tuple[tuple[str, ...], ...]
    document: str
    found: str | None  # "file:line" in the benchmark texts where the items appear
    verified: bool
    item_keys: tuple[tuple[str, ...], ...]  # ``items`` as match keys

    @property
    def display_items(self) -> tuple[str, ...]:
        return tuple(forms[0] for forms in self.items)

    @property
    def definition(self) -> str:
        return LEXICON_SEPARATOR.join(self.display_items)


Lexicon = dict[str, Formulation]  # by match key of the name and of each alias


def _entry(raw: dict, origin: str) -> Formulation:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not isinstance(raw.get("items"), list):
        raise ConfigError(f"{origin}: each lexicon entry needs a 'name' and a list of 'items', got {raw!r}")
    items = tuple(tuple(str(f) for f in (i if isinstance(i, list) else [i])) for i in raw["items"])
    if len(items) < 2 or any(not forms for forms in items):
        raise ConfigError(f"{origin}: lexicon entry '{raw['name']}' needs two or more items")
    found = raw.get("found")
    return Formulation(name=raw["name"], aliases=tuple(raw.get("aliases") or ()), items=items,
                       document=str(raw.get("document") or ""), found=found,
                       verified=bool(raw.get("verified", found is not None)),
                       item_keys=tuple(tuple(match_key(f) for f in forms) for forms in items))


def parse_lexicon(text: str, origin: str) -> list[Formulation]:
    """The entries of a lexicon file's ``text``: parsed by libyaml, aliases bounded (``safeyaml``)."""
    try:
        data = safeyaml.load(text, origin)
    except yaml.YAMLError as exc:
        raise safeyaml.yaml_error(exc, origin, "fix the lexicon file") from None
    if not isinstance(data, list):
        raise ConfigError(f"{origin}: a lexicon is a list of entries (- name: …, items: […], document: …)")
    return [_entry(raw, origin) for raw in data]


@lru_cache(maxsize=4)
def load_lexicon(setting: bool | str) -> Lexicon:
    """The lexicon ``extract.lexicon`` asks for: none (false), the packaged one (true), or a user file over it."""
    if setting is False:
        return {}
    packaged = resources.files("deckgen").joinpath("data/lexicon.yaml").read_text(encoding="utf-8")
    entries = {match_key(f.name): f for f in parse_lexicon(packaged, "deckgen/data/lexicon.yaml")}
    if isinstance(setting, str):
        path = Path(setting)
        try:
            text = read_bounded(path, "MAX_SETTINGS_BYTES", "lexicon").decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: the lexicon is not UTF-8 text; save it as UTF-8") from None
        entries.update({match_key(f.name): f for f in parse_lexicon(text, str(path))})
    lexicon: Lexicon = {}
    for formulation in entries.values():
        for name in (formulation.name, *formulation.aliases):
            lexicon[match_key(name)] = formulation
    return lexicon


def distinct(lexicon: Lexicon) -> list[Formulation]:
    return list({id(f): f for f in lexicon.values()}.values())


# ---------------------------------------------------------------- matching items

def match_count(formulation: Formulation, found_keys: list[str]) -> tuple[int, int]:
    """(lexicon items matched, found items matched), an item matching when one form contains the other."""
    def same(key: str, forms: tuple[str, ...]) -> bool:
        # a found item may add a little around the lexicon's (增强政治意识), not bury it (加快建设创新型国家)
        return len(key) >= 2 and any(key in f or (len(f) >= 2 and f in key and len(key) <= 2 * len(f) + 2)
                                     for f in forms)
    lex = sum(1 for forms in formulation.item_keys if any(same(k, forms) for k in found_keys))
    found = sum(1 for k in found_keys if any(same(k, forms) for forms in formulation.item_keys))
    return lex, found


def matches_any(formulation: Formulation, found_keys: list[str]) -> bool:
    """Whether any found item is one of the formulation's items."""
    return match_count(formulation, found_keys)[1] > 0


def could_match(formulation: Formulation, joined: str, found_keys: list[str]) -> bool:
    """A cheap filter before ``_match_count``: two lexicon items inside the found items, or the other way round."""
    lex_joined = "|".join(f for forms in formulation.item_keys for f in forms)
    hits = sum(1 for forms in formulation.item_keys if any(f in joined for f in forms))
    return hits >= 2 or sum(1 for k in found_keys if len(k) >= 2 and k in lex_joined) >= 2


# ---------------------------------------------------------------- spelled out without a name

def locate(text: str, formulation: Formulation) -> tuple[int, list[str]] | None:
    """Where the formulation's items form one run in ``text``, and their forms as ``text`` holds them, in text order.

    One run: consecutive items at most ``MAX_GAP`` characters apart (、 和 ，以及 爱), and the run is the whole
    chain — 创新、协调、绿色、开放、共享、安全 is another list than 新发展理念.
    """
    occurrences: list[list[tuple[int, str]]] = []
    for forms in formulation.items:
        spots = [(i, form) for form in forms for i in _positions(text, form)]
        if not spots:
            return None
        occurrences.append(spots)
    for anchor, _ in occurrences[0]:
        chosen = sorted(min(spots, key=lambda s: abs(s[0] - anchor)) for spots in occurrences)
        gaps = [b[0] - (a[0] + len(a[1])) for a, b in zip(chosen, chosen[1:])]
        start, end = chosen[0][0], chosen[-1][0] + len(chosen[-1][1])
        if all(0 <= g <= MAX_GAP for g in gaps) and text[start - 1:start] != "、" and text[end:end + 1] != "、":
            return start, [form for _, form in chosen]
    return None


def _positions(text: str, form: str) -> list[int]:
    """Where ``form`` occurs in ``text``: the first ``MAX_SPOTS`` places (a paragraph repeating it more is no list)."""
    found, start = [], text.find(form)
    while start >= 0 and len(found) < MAX_SPOTS:
        found.append(start)
        start = text.find(form, start + 1)
    return found


# ---------------------------------------------------------------- mentioned by name

def mentions(article: Article, lexicon: Lexicon) -> list[tuple[Formulation, str, int]]:
    """Formulations the article names: (formulation, sentence, line) of the first mention of each."""
    from ..segment import split_sentences  # segmenting's patterns: not for cards, which read LEXICON_SEPARATOR

    seen: set[str] = set()
    found = []
    names = [(name, f) for f in distinct(lexicon) for name in (f.name, *f.aliases)]
    for para in article.paragraphs:
        for name, formulation in names:
            if formulation.name in seen or name not in para.text:
                continue
            sentence = next((s for s in split_sentences(para.text) if name in s), para.text)
            if len(name) <= SHORT_NAME and f"“{name}”" not in sentence:
                continue
            seen.add(formulation.name)
            found.append((formulation, sentence, para.line))
    return found

"""The bounds on the work any input can ask for: one named constant per limit.

Organisers build decks from files they were sent and deck folders cloned from
other people's repositories, so a small input must never make deckgen run for
minutes or fill memory: a 3 MB Word file whose text part inflates to 1 GB, a
list numbered from 10^9, 1 KB of YAML aliases that expand to a billion nodes.
Each limit sits far above what a real study text needs (the README's "Limits"
section lists them with the case that motivated each); going over one stops
with one message naming the file, the limit and its value, and what to do.
"""
from __future__ import annotations

from .errors import ConfigError, InputError

# --- YAML (deck.yaml, config.yaml, candidates.yaml, a lexicon) ---------------------------------------------
# Nodes an alias may stand for, all aliases of a file together: anchors are for a repeated
# mapping or two, not for multiplying a file (the "billion laughs").
MAX_YAML_ALIAS_NODES = 1_000
# deck.yaml and config.yaml hold a few dozen keys; a lexicon a few hundred entries.
MAX_SETTINGS_BYTES = 1 * 1024 * 1024
# candidates.yaml holds an entry per list or term: about 300 bytes each.
MAX_CANDIDATES_BYTES = 20 * 1024 * 1024
# A jieba user dictionary: a word a line.
MAX_USER_DICT_BYTES = 20 * 1024 * 1024

# --- deck folders ------------------------------------------------------------------------------------------
MAX_GLOB_DEPTH = 8  # folder levels a `sources` glob with ** descends
MAX_GLOB_ENTRIES = 10_000  # folder entries one `sources` pattern may look at

# --- Word documents ----------------------------------------------------------------------------------------
MAX_DOCX_PARTS = 2_000  # files inside the .docx zip
MAX_DOCX_PART_BYTES = 64 * 1024 * 1024  # one part unpacked (a 500-page book's text part is ~30 MB)
MAX_DOCX_UNPACKED_BYTES = 256 * 1024 * 1024  # all parts unpacked
MAX_DOCX_RATIO = 100  # unpacked / packed size of a part over 1 MB (Word's XML packs 5-20 times)
MAX_LIST_NUMBER = 10_000  # a list's start value (Word numbers lists up to 32767; chineseCounting to 9999)
MAX_LIST_TEMPLATE = 64  # characters of a list level's marker template (w:lvlText: "%1、", "（%2）")
MAX_TABLE_SPAN = 1_000  # columns one table cell spans (Word allows 63 columns)

# --- PDF ---------------------------------------------------------------------------------------------------
MAX_PDF_PAGES = 2_000
MAX_PDF_STREAM_BYTES = 64 * 1024 * 1024  # one content stream unpacked (a dense page's is under 1 MB)
MAX_PDF_COLUMN_SPLITS = 64  # nested column splits of one page region; deeper ones are read as one column

# --- cards -------------------------------------------------------------------------------------------------
MAX_TEMPLATE_WIDTH = 100  # a width or precision in deck.name_template ({article:>20})

# --- files deckgen reads back (identity stores, the machine's deck registry) ---------------------------------
MAX_STATE_BYTES = 50 * 1024 * 1024


def over_limit(origin: str, what: str, value: object, limit: str, fix: str, *, config: bool = False) -> Exception:
    """The error for ``what`` (``value``) over the limit named ``limit``; raise it.

    The message names the file, the limit's constant and value, and ``fix``. Sources
    give an ``InputError``; settings files (``config``) a ``ConfigError``.
    """
    bound = globals()[limit]
    shown = f"{bound:,}" if isinstance(bound, int) else str(bound)
    message = f"{origin}: {what} ({value}) is over deckgen's limit of {shown} ({limit}); {fix}"
    return ConfigError(message) if config else InputError(message)

"""deckgen: Chinese political-study texts in, Anki decks out.

The pipeline, one module per stage: read → normalize → segment → extract →
cards → package. ``api`` composes them; ``cli`` is a thin click layer over it.
"""
__version__ = "0.1.0"

from .api import build_deck, build_deck_folder, extract_sources  # noqa: E402
from .config import load_config  # noqa: E402
from .deckspec import load_deck_spec  # noqa: E402
from .errors import ConfigError, DeckgenError, ExtractionError, InputError, OutputError  # noqa: E402
from .models import (Article, BuildResult, Document, ExtractedList, ExtractedTerm, Extraction,  # noqa: E402
                     NoteSpec)

__all__ = ["build_deck", "build_deck_folder", "extract_sources", "load_config", "load_deck_spec",
           "DeckgenError", "ConfigError", "InputError", "ExtractionError", "OutputError",
           "Article", "BuildResult", "Document", "ExtractedList", "ExtractedTerm", "Extraction", "NoteSpec"]

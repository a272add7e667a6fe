"""deckgen: Chinese political-study texts in, Anki decks out.

The pipeline, one module per stage: read → normalize → segment → extract →
cards → package. ``api`` composes them; ``cli`` is a thin click layer over it.
"""
__version__ = "0.1.0"

# The library API, imported on first use (PEP 562): ``deckgen --help`` and every command's start need
# only the CLI, not the pipeline and its regular expressions.
_EXPORTS = {
    "build_deck": "api", "build_deck_folder": "api", "extract_sources": "api",
    "load_config": "config", "load_deck_spec": "deckspec",
    "DeckgenError": "errors", "ConfigError": "errors", "InputError": "errors", "ExtractionError": "errors",
    "OutputError": "errors",
    "Article": "models", "BuildResult": "models", "Document": "models", "ExtractedList": "models",
    "ExtractedTerm": "models", "Extraction": "models", "NoteSpec": "models",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'deckgen' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])

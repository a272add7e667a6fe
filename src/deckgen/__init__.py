"""deckgen: Chinese political-study texts in, Anki decks out."""
__version__ = "0.1.0"

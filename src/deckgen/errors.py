"""The errors deckgen raises for problems a user can fix.

Every message names the file (and the line or key where known) and what to do.
The CLI turns any ``DeckgenError`` into one line on stderr and exit code 1.
"""


class DeckgenError(Exception):
    """Root of every error a user can act on."""


class InputError(DeckgenError, ValueError):
    """A source file is missing, unreadable, empty, undecodable or holds no Chinese text."""


class ConfigError(DeckgenError, ValueError):
    """A config.yaml or deck.yaml is invalid: bad YAML, unknown key or wrong type."""


class ExtractionError(DeckgenError):
    """Extraction found nothing to make cards from."""


class OutputError(DeckgenError, OSError):
    """The deck or another output file cannot be written."""

"""Load and validate configuration: packaged defaults, user file, deck overrides.

The packaged ``defaults.yaml`` is the schema: a key it does not hold is unknown,
and a value must have the type of the default (with a few keys restricted to a
set of choices). Files are read with ``yaml.safe_load``.
"""
from __future__ import annotations

import copy
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

CHOICES: dict[str, tuple[str, ...]] = {
    "cards.cue_style": ("all", "overlapping", "none"),
    "review.undecided": ("confident", "include"),
}
LIST_CHOICES: dict[str, tuple[str, ...]] = {
    "cards.kinds": ("list_item", "list", "list_count", "term", "term_cloze"),
}
NULLABLE_STRINGS = {"extract.user_dict"}
# keys whose value may be a bool or a path (the lexicon: on, off, or a user file)
BOOL_OR_PATH = {"extract.lexicon"}


def packaged_defaults() -> dict[str, Any]:
    text = resources.files("deckgen").joinpath("defaults.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def read_yaml(path: Path) -> Any:
    """Read a YAML file with ``safe_load``, turning every failure into a ConfigError."""
    if path.is_dir():
        raise ConfigError(f"{path}: is a folder, not a YAML file; give the path of a .yaml file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file; check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc}); save it as UTF-8 text") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(f"{path}{where}: {problem}; fix the YAML syntax") from None


def _type_name(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "a mapping"}.get(type(value), type(value).__name__)


def validate(data: Any, schema: dict[str, Any], origin: str, prefix: str = "") -> None:
    """Check ``data`` against the shape of ``schema`` (the defaults); raise ConfigError naming ``origin``."""
    if not isinstance(data, dict):
        where = f"'{prefix.rstrip('.')}'" if prefix else "the top level"
        raise ConfigError(f"{origin}: {where} must be a mapping of keys, got {_type_name(data)}")
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if key not in schema:
            allowed = ", ".join(sorted(map(str, schema)))
            raise ConfigError(f"{origin}: unknown key '{dotted}'; allowed here: {allowed}")
        expected = schema[key]
        if isinstance(expected, dict):
            validate(value, expected, origin, f"{dotted}.")
            continue
        _check_value(value, expected, dotted, origin)


def _check_value(value: Any, expected: Any, dotted: str, origin: str) -> None:
    if dotted in NULLABLE_STRINGS and (value is None or isinstance(value, str)):
        return
    if dotted in BOOL_OR_PATH and isinstance(value, (bool, str)):
        return
    if isinstance(expected, bool):
        ok = isinstance(value, bool)
    elif isinstance(expected, (int, float)):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    else:
        ok = isinstance(value, type(expected))
    if not ok:
        raise ConfigError(f"{origin}: '{dotted}' must be {_type_name(expected)}, got {value!r}")
    if dotted in CHOICES and value not in CHOICES[dotted]:
        raise ConfigError(f"{origin}: '{dotted}' must be one of {', '.join(CHOICES[dotted])}, got {value!r}")
    if dotted in LIST_CHOICES:
        for item in value:
            if item not in LIST_CHOICES[dotted]:
                raise ConfigError(
                    f"{origin}: '{dotted}' holds {item!r}; allowed: {', '.join(LIST_CHOICES[dotted])}")
    if dotted == "extract.min_confidence" and not 0 <= value <= 1:
        raise ConfigError(f"{origin}: 'extract.min_confidence' must be between 0 and 1, got {value!r}")


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Return ``base`` with ``override`` merged in, mappings merged key by key."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def load_config(path: str | Path | None = None, *, overrides: dict[str, Any] | None = None,
                overrides_origin: str = "deck.yaml", search_cwd: bool = True) -> dict[str, Any]:
    """The effective configuration.

    ``path`` is the user's config file (``--config``); without it ``./config.yaml``
    is used when present. ``overrides`` (a deck.yaml's settings) win over both.
    """
    defaults = packaged_defaults()
    config = defaults
    user_path = Path(path) if path is not None else None
    if user_path is None and search_cwd and Path("config.yaml").is_file():
        user_path = Path("config.yaml")
    if user_path is not None:
        data = read_yaml(user_path)
        if data is not None:
            validate(data, defaults, str(user_path))
            config = deep_merge(config, data)
    if overrides:
        validate(overrides, defaults, overrides_origin)
        config = deep_merge(config, overrides)
    return config

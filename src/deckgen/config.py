"""Load and validate configuration: packaged defaults, user file, deck overrides.

The packaged ``defaults.yaml`` is the schema: a key it does not hold is unknown,
and a value must have the type of the default (with a few keys restricted to a
set of choices). Files are read by ``safeyaml`` (safe types, aliases bounded),
at most ``MAX_SETTINGS_BYTES`` of them.
"""
from __future__ import annotations

import copy
import re
import string
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from . import limits, safeyaml
from .errors import ConfigError

CHOICES: dict[str, tuple[str, ...]] = {
    "cards.cue_style": ("all", "overlapping", "none"),
    "review.undecided": ("confident", "include"),
}
LIST_CHOICES: dict[str, tuple[str, ...]] = {
    "cards.kinds": ("list_item", "list", "list_count", "list_size", "term", "term_cloze", "list_item_typed"),
}
NULLABLE_STRINGS = {"extract.user_dict"}
# keys whose value may be a bool or a path (the lexicon: on, off, or a user file)
BOOL_OR_PATH = {"extract.lexicon"}
LIST_OF_TEXT = {"extract.ignore_terms"}
# the files a config names: key → (size limit, what it is)
PATH_KEYS = {"extract.lexicon": ("MAX_SETTINGS_BYTES", "lexicon"),
             "extract.user_dict": ("MAX_USER_DICT_BYTES", "jieba user dictionary")}
TEMPLATE_FIELDS = ("deck", "article", "source")
# a format spec as str.format reads it: [[fill]align][sign][z][#][0][width][grouping][.precision][type]
_FORMAT_SPEC = re.compile(r"(?:.?[<>=^])?[+\- ]?z?#?0?(?P<width>\d*)[,_]?(?:\.(?P<precision>\d+))?[a-zA-Z%]?", re.S)


def packaged_defaults() -> dict[str, Any]:
    text = resources.files("deckgen").joinpath("defaults.yaml").read_text(encoding="utf-8")
    return safeyaml.load(text, "deckgen/defaults.yaml")


def read_bounded(path: Path, limit: str, what: str) -> bytes:
    """At most the bytes the limit named ``limit`` allows of ``path``; over it, a ConfigError.

    Reads no further than the limit, so ``/dev/zero`` or a 10 GB file costs nothing.
    """
    if path.is_dir():
        raise ConfigError(f"{path}: is a folder, not a {what}; give the path of a file")
    bound = getattr(limits, limit)
    try:
        with path.open("rb") as file:
            data = file.read(bound + 1)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file; check the path") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc}); check its permissions") from None
    if len(data) > bound:
        raise limits.over_limit(str(path), f"the size of this {what}", f"over {bound:,} bytes", limit,
                                "split it or remove what it does not need", config=True)
    return data


def read_yaml_document(path: Path, limit: str = "MAX_SETTINGS_BYTES") -> tuple[Any, Any, str]:
    """``path`` as plain data, as its YAML node graph (for line numbers) and as text; every failure,
    a file over ``limit`` included, is a ConfigError naming the file."""
    data = read_bounded(path, limit, "YAML file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: is not UTF-8 text; save it as UTF-8") from None
    try:
        loaded, node = safeyaml.compose_and_load(text, str(path))
    except yaml.YAMLError as exc:
        raise safeyaml.yaml_error(exc, str(path)) from None
    return loaded, node, text


def read_yaml(path: Path, limit: str = "MAX_SETTINGS_BYTES") -> Any:
    """Read a YAML file (see ``read_yaml_document``), turning every failure into a ConfigError."""
    return read_yaml_document(path, limit)[0]


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
        raise ConfigError(f"{origin}: '{dotted}' must be {_type_name(expected)}, got {shown(value)}")
    if dotted in CHOICES and value not in CHOICES[dotted]:
        raise ConfigError(f"{origin}: '{dotted}' must be one of {', '.join(CHOICES[dotted])}, got {shown(value)}")
    if dotted in LIST_CHOICES:
        for item in value:
            if item not in LIST_CHOICES[dotted]:
                raise ConfigError(
                    f"{origin}: '{dotted}' holds {shown(item)}; allowed: {', '.join(LIST_CHOICES[dotted])}")
    if dotted in LIST_OF_TEXT:
        for item in value:
            if not isinstance(item, str):
                raise ConfigError(f"{origin}: '{dotted}' must list words as text, got {_type_name(item)} "
                                  f"{shown(item)}; write each as a plain string, e.g. - 社区")
    if dotted == "deck.name_template":
        _check_template(value, origin)
    if dotted == "extract.min_confidence" and not 0 <= value <= 1:
        raise ConfigError(f"{origin}: 'extract.min_confidence' must be between 0 and 1, got {shown(value)}")


def shown(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut short: a message quotes what was wrong, not a megabyte of it."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _check_template(template: str, origin: str) -> None:
    """``deck.name_template`` may use {deck}, {article} and {source}, with a format spec of bounded width."""
    fix = "use only {deck}, {article} and {source}, e.g. \"学习::{article}\""
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ConfigError(f"{origin}: 'deck.name_template' {shown(template)} is invalid ({exc}); {fix}") from None
    for _, name, spec, _ in fields:
        if name is None:
            continue
        if name not in TEMPLATE_FIELDS:
            raise ConfigError(f"{origin}: 'deck.name_template' uses {{{name}}}; {fix}")
        match = _FORMAT_SPEC.fullmatch(spec or "")
        if match is None or "{" in (spec or ""):
            raise ConfigError(f"{origin}: 'deck.name_template' has the format {shown(spec)} after {{{name}}}, "
                              f"which deckgen does not read; {fix}")
        for part in ("width", "precision"):
            width = match[part]
            if width and (len(width) > 6 or int(width) > limits.MAX_TEMPLATE_WIDTH):
                raise limits.over_limit(origin, f"the {part} in 'deck.name_template' {{{name}:{spec}}}",
                                        width if len(width) <= 6 else f"{width[:6]}…", "MAX_TEMPLATE_WIDTH",
                                        "use a smaller one, or none", config=True)


def check_files(config: dict[str, Any], origins: dict[str, str]) -> None:
    """The files the config names (a lexicon, a user dictionary) are regular files within their size limit;
    a lexicon is valid YAML. ``origins`` names the file that set each dotted key."""
    for dotted, (limit, what) in PATH_KEYS.items():
        section, key = dotted.split(".")
        value = config[section].get(key)
        if not isinstance(value, str):
            continue
        origin = origins.get(dotted, "config")
        path = Path(value)
        if not path.is_file():
            state = "is not a regular file" if path.exists() else "does not exist"
            raise ConfigError(f"{origin}: '{dotted}' names {value}, which {state}; give the path of the "
                              f"{what} file, or remove the key")
        data = read_bounded(path, limit, what)
        if dotted == "extract.lexicon":
            try:
                safeyaml.load(data.decode("utf-8-sig"), str(path))
            except UnicodeDecodeError:
                raise ConfigError(f"{path}: the lexicon ('{dotted}' in {origin}) is not UTF-8 text; "
                                  "save it as UTF-8") from None
            except yaml.YAMLError as exc:
                raise safeyaml.yaml_error(exc, str(path), "fix the lexicon file") from None


def _set_keys(data: dict[str, Any], origin: str, origins: dict[str, str], prefix: str = "") -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            _set_keys(value, origin, origins, f"{prefix}{key}.")
        else:
            origins[f"{prefix}{key}"] = origin


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
    origins: dict[str, str] = {}
    user_path = Path(path) if path is not None else None
    if user_path is None and search_cwd and Path("config.yaml").is_file():
        user_path = Path("config.yaml")
    if user_path is not None:
        data = read_yaml(user_path)
        if data is not None:
            validate(data, defaults, str(user_path))
            config = deep_merge(config, data)
            _set_keys(data, str(user_path), origins)
    if overrides:
        validate(overrides, defaults, overrides_origin)
        config = deep_merge(config, overrides)
        _set_keys(overrides, overrides_origin, origins)
    check_files(config, origins)
    return config

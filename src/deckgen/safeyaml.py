"""Load YAML that came from someone else: safe types only, aliases bounded, libyaml's speed.

``yaml.safe_load`` builds no objects beyond plain data, but it expands nothing
either way: an alias is the anchored object itself, so 1 KB of nested aliases
(the "billion laughs") loads in no time and then turns into a billion nodes the
moment anything walks it: ``json.dumps``, a ``repr`` in an error message, a
deep copy of the config. So the node graph is measured before anything is
constructed: all aliases of a file together may stand for at most
``MAX_YAML_ALIAS_NODES`` nodes, and an alias inside its own anchor (a recursive
structure) is refused. The parser and composer are libyaml's (``CSafeLoader``)
when PyYAML was built with it, which reads a 10 MB candidates.yaml about ten
times faster than the pure-Python loader; the node graph is kept for the line
numbers curate.py puts in its messages, so a file is parsed once.
"""
from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from .errors import ConfigError
from .limits import over_limit

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # PyYAML without libyaml
    from yaml import SafeLoader as Loader  # type: ignore[assignment]


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def check_aliases(root: Node, origin: str) -> None:
    """Refuse a node graph whose aliases stand for more than ``MAX_YAML_ALIAS_NODES`` nodes, or that
    holds itself. Walks each node once (iteratively: nesting depth is libyaml's to bound)."""
    from .limits import MAX_YAML_ALIAS_NODES

    sizes: dict[int, int] = {}  # nodes under each finished node, itself included
    open_nodes: set[int] = set()
    expanded = 0
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        if finished:
            open_nodes.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if id(node) in open_nodes:
            raise ConfigError(f"{origin}, line {node.start_mark.line + 1}: an alias refers to the mapping or "
                              "list that holds it; write the value out instead of *alias")
        if id(node) in sizes:  # an alias: the anchored node again
            expanded += sizes[id(node)]
            if expanded > MAX_YAML_ALIAS_NODES:
                raise over_limit(f"{origin}, line {node.start_mark.line + 1}", "what its aliases (*name) "
                                 "stand for, in values", expanded, "MAX_YAML_ALIAS_NODES",
                                 "write the values out instead of repeating them with &anchor and *alias",
                                 config=True)
            continue
        open_nodes.add(id(node))
        stack.append((node, True))
        for child in reversed(_children(node)):
            if id(child) in open_nodes:
                raise ConfigError(f"{origin}, line {child.start_mark.line + 1}: an alias refers to the mapping "
                                  "or list that holds it; write the value out instead of *alias")
            stack.append((child, False))


def compose_and_load(text: str, origin: str) -> tuple[Any, Node | None]:
    """``text`` as plain data and as its node graph (None for an empty document).

    Raises ``yaml.YAMLError`` for bad syntax, ``ConfigError`` for aliases over the bound.
    """
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        check_aliases(node, origin)
        return loader.construct_document(node), node
    finally:
        loader.dispose()


def load(text: str, origin: str) -> Any:
    """``text`` as plain data; see ``compose_and_load``."""
    return compose_and_load(text, origin)[0]


def yaml_error(exc: yaml.YAMLError, origin: str, fix: str = "fix the YAML syntax") -> ConfigError:
    """A YAML syntax error as one line naming the file and the line."""
    mark = getattr(exc, "problem_mark", None)
    where = f", line {mark.line + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or "invalid YAML"
    return ConfigError(f"{origin}{where}: {problem}; {fix}")

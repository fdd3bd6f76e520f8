"""A strict, safe YAML reader that remembers the line of every value.

Why not ``yaml.safe_load``: teachers' mistakes must be reported at their line in Vietnamese;
duplicate keys must be refused (PyYAML silently keeps the last); YAML 1.1 surprises such as
``no`` → False or ``2025-02-30`` → a crash in the timestamp constructor must not happen. So
we let libyaml (when present) compose the node tree, resolve only plain strings, integers,
decimals, ``true``/``false`` and null, refuse explicit tags, and build the values ourselves.
Dates stay strings; the schema checks them and says what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from hsdt.errors import HsdtError
from hsdt.i18n import Msg, msg

Path = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

MAX_NODES = 100_000
"""Refuse documents that expand (through aliases) into more values than this."""


class _Resolver(yaml.resolver.BaseResolver):
    """Only the implicit types hsdt understands."""


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    _FLOAT, re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$"), list("-+0123456789.")
)
_Resolver.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]  # libyaml: 10x faster

    class _Loader(_Parser, _Resolver):
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _Resolver.__init__(self)

except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(Reader, Scanner, Parser, Composer, _Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            _Resolver.__init__(self)


@dataclass(frozen=True)
class Located:
    """A YAML document's value and the line of every value in it."""

    value: Any
    """Plain Python: dict, list, str, int, float, bool, None."""
    lines: dict[Path, int]
    """Line (1-based, in the file) of the value at each path; () is the document."""

    def line(self, *path: str | int) -> int:
        """The line of the value at ``path``, or of its nearest located parent."""
        key: Path = tuple(path)
        while key not in self.lines and key:
            key = key[:-1]
        return self.lines.get(key, 1)


class YamlError(HsdtError):
    """The YAML text cannot be read."""


_PROBLEMS = (
    ("mapping values are not allowed", "yaml.colon"),
    ("could not find expected ':'", "yaml.no_colon"),
    ("found character '\\t'", "yaml.tab"),
    ("that cannot start any token", "yaml.bad_char"),
    ("found unexpected end of stream", "yaml.unclosed_quote"),
    ("found undefined alias", "yaml.alias"),
    ("expected <block end>", "yaml.indent"),
    ("did not find expected key", "yaml.indent"),
    ("did not find expected '-' indicator", "yaml.indent"),
    ("found unknown escape character", "yaml.escape"),
    ("expected ',' or ']'", "yaml.flow"),
    ("expected ',' or '}'", "yaml.flow"),
)


def load_yaml(text: str, path: str, first_line: int = 1) -> Located:
    """Parse one YAML document; errors name ``path`` and the line (offset by ``first_line``).

    Raises :class:`YamlError` for syntax errors, duplicate keys, explicit tags, non-string keys
    and documents that expand too much.
    """
    offset = first_line - 1
    for number, raw in enumerate(text.split("\n"), start=first_line):
        indent = raw[: len(raw) - len(raw.lstrip(" \t"))]
        if "\t" in indent:
            raise YamlError(msg("yaml.tab"), path, number)
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        opened = any(w in (e.context or "") for w in ("flow", "quoted"))
        if e.context_mark is not None and opened:
            mark = e.context_mark  # an unclosed quote or bracket: point at where it opened
        line = (mark.line + 1 + offset) if mark is not None else first_line
        problem = f"{e.problem or ''} {e.context or ''}"
        key = next((k for needle, k in _PROBLEMS if needle in problem), "yaml.syntax")
        raise YamlError(msg(key, detail=(e.problem or "").strip()), path, line) from e
    except yaml.YAMLError as e:
        raise YamlError(msg("yaml.syntax", detail=str(e)), path, first_line) from e
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[Path, int] = {}
    if node is None:
        return Located(None, {(): first_line})
    builder = _Builder(path, offset, lines)
    return Located(builder.build(node, ()), lines)


class _Builder:
    def __init__(self, path: str, offset: int, lines: dict[Path, int]) -> None:
        self.path = path
        self.offset = offset
        self.lines = lines
        self.count = 0

    def _fail(self, message: Msg, node: Node) -> YamlError:
        return YamlError(message, self.path, node.start_mark.line + 1 + self.offset)

    def build(self, node: Node, where: Path) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._fail(msg("yaml.too_big", limit=MAX_NODES), node)
        self.lines[where] = node.start_mark.line + 1 + self.offset
        if isinstance(node, MappingNode):
            if node.tag != _MAP:
                raise self._fail(msg("yaml.tag", tag=node.tag), node)
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if (
                    not isinstance(key_node, ScalarNode)
                    or key_node.tag == "tag:yaml.org,2002:merge"
                ):
                    raise self._fail(msg("yaml.key_not_text"), key_node)
                key = self._scalar(key_node)
                if key is None or isinstance(key, bool) or not isinstance(key, str | int):
                    raise self._fail(msg("yaml.key_not_text"), key_node)
                key = str(key)
                if key in out:
                    first = self.lines[(*where, key)]
                    raise self._fail(msg("yaml.duplicate", key=key, first=first), key_node)
                self.lines[(*where, key)] = key_node.start_mark.line + 1 + self.offset
                out[key] = self.build(value_node, (*where, key))
                self.lines[(*where, key)] = key_node.start_mark.line + 1 + self.offset
            return out
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                raise self._fail(msg("yaml.tag", tag=node.tag), node)
            return [self.build(item, (*where, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: Node) -> Any:
        value: str = node.value
        tag = node.tag
        if tag == _STR:
            return value
        if tag == _INT:
            return int(value)
        if tag == _FLOAT:
            return float(value)
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _NULL:
            return None
        raise self._fail(msg("yaml.tag", tag=tag), node)

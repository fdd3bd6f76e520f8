"""Formulas typeset as SVG: TeX → MathML (latex2mathml) → SVG paths (ziamath, STIX Two Math).

Why SVG through ziamath: WeasyPrint does not draw MathML, and the same HTML fragment serves the
PDF and the website. ziamath is pure Python, bundles its math font (STIX Two Math, SIL OFL) and
draws every glyph as a path, so the SVG needs no font, no script and no external reference and
prints the same everywhere; it typesets a formula in about 10 ms (docs/in-ho-so.md).

Safety: the sanitiser never sees our SVG. :func:`hsdt.render.markup.to_html` replaces each
formula by an unguessable placeholder before Markdown, sanitises, and only then puts the SVG
in. Each SVG is parsed and checked against a strict allow-list (svg, g, symbol, use, path,
rect, line, polygon; geometric attributes and ``#``-local references only) before it is used;
ids are prefixed per formula so that two formulas never share one.

A formula that cannot be typeset prints as a marked error (a red box "Công thức lỗi: …" with
its source); ``hsdt check`` reports the same formula with its file and line
(:mod:`hsdt.rules.formula`).
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from xml.etree import ElementTree as ET

from hsdt.i18n import Msg, msg
from hsdt.load.formula import Formula, find_formulas, literal_dollars, tex_error

SIZE_PX = 18.7
"""Formula size in CSS pixels: 14 pt, the body's size."""

_SVG_NS = "http://www.w3.org/2000/svg"
_ALLOWED = {
    "svg": {"width", "height", "viewBox", "xmlns"},
    "g": {"transform", "fill", "stroke"},
    "symbol": {"id", "viewBox"},
    "use": {"href", "x", "y", "width", "height", "fill", "transform"},
    "path": {"d", "fill", "stroke", "stroke-width", "transform"},
    "rect": {"x", "y", "width", "height", "fill", "stroke", "stroke-width", "transform"},
    "line": {"x1", "y1", "x2", "y2", "stroke", "stroke-width", "fill", "transform"},
    "polygon": {"points", "fill", "stroke", "stroke-width", "transform"},
}
"""Elements and attributes a typeset formula may contain; anything else rejects it."""

_VALUE = re.compile(r"[-\w .,#()]*\Z")


class UnsafeSvg(ValueError):
    """The typesetter produced something outside :data:`_ALLOWED`."""


@dataclass(frozen=True)
class Typeset:
    """One formula's HTML: the SVG, or the marked error."""

    html: str
    """What replaces the formula's placeholder."""
    error: Msg | None
    """Why it could not be typeset, None when it was."""


@lru_cache(maxsize=4096)
def _svg(tex: str, display: bool) -> str:
    import warnings

    with warnings.catch_warnings():
        # ziamath 0.13 loads its bundled font through importlib.resources.path, deprecated
        # since Python 3.11: harmless, and not ours to fix.
        warnings.simplefilter("ignore", DeprecationWarning)
        from ziamath.zmath import Latex

        latex = Latex(tex, size=SIZE_PX, inline=not display)
        return str(latex.svg())


def typeset(formula: Formula, prefix: str) -> Typeset:
    """The HTML for ``formula``; ids in its SVG start with ``prefix``."""
    error = tex_error(formula.tex)
    if error is None:
        try:
            svg = _checked(_svg(formula.tex, formula.display), prefix)
        except UnsafeSvg as e:
            error = msg("formula.unsafe", detail=str(e))
        except Exception as e:
            error = msg("formula.syntax", detail=type(e).__name__)
        else:
            kind = "cong-thuc-khoi" if formula.display else "cong-thuc"
            label = html.escape(formula.tex, quote=True)
            return Typeset(f'<span class="{kind}" role="math" title="{label}">{svg}</span>', None)
    source = html.escape(formula.tex)
    return Typeset(
        f'<span class="cong-thuc-loi">Công thức lỗi: <code>{source}</code></span>', error
    )


def _checked(svg: str, prefix: str) -> str:
    """``svg`` re-serialised after checking every element and attribute; ids prefixed."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as e:
        raise UnsafeSvg(str(e)) from e
    for element in root.iter():
        tag = element.tag.removeprefix(f"{{{_SVG_NS}}}")
        allowed = _ALLOWED.get(tag)
        if allowed is None or (element.text or "").strip() or (element.tail or "").strip():
            raise UnsafeSvg(tag)
        element.tag = tag
        for name, value in list(element.attrib.items()):
            if name not in allowed or not _VALUE.match(value):
                raise UnsafeSvg(f"{tag} {name}")
            if name == "href":
                if not value.startswith("#"):
                    raise UnsafeSvg(f"{tag} {name}")
                element.set(name, f"#{prefix}{value[1:]}")
            elif name == "id":
                element.set(name, f"{prefix}{value}")
    root.set("xmlns", _SVG_NS)
    root.set("aria-hidden", "true")
    # ziamath puts the baseline at y = 0 of the viewBox: sink the picture by its depth so the
    # formula sits on the line's baseline like the text around it.
    box = [float(v) for v in root.get("viewBox", "0 0 0 0").split()]
    if len(box) == 4:
        depth = box[1] + box[3]
        root.set("style", f"vertical-align: {-depth:.3f}px")
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


@dataclass(frozen=True)
class Prepared:
    """A body with its formulas replaced by placeholders."""

    text: str
    """The Markdown with placeholders."""
    finish: Callable[[str], str]
    """Puts the typeset formulas into the sanitised HTML."""
    errors: tuple[tuple[Formula, Msg], ...]
    """Formulas that could not be typeset, with why."""


def prepare(body: str) -> Prepared:
    """Replace formulas (and ``\\$`` escapes) in ``body`` with placeholders."""
    formulas = find_formulas(body)
    escapes = literal_dollars(body) if "\\$" in body else []
    if not formulas and not escapes:
        return Prepared(body, lambda text: text, ())
    nonce = secrets.token_hex(8)
    pieces: list[str] = []
    replacements: dict[str, str] = {}
    errors: list[tuple[Formula, Msg]] = []
    spans = sorted(
        [(f.start, f.end, f) for f in formulas]
        + [(i, i + 2, None) for i in escapes if not any(f.start <= i < f.end for f in formulas)],
        key=lambda item: item[0],
    )
    position = 0
    for index, (start, end, formula) in enumerate(spans):
        token = f"hsdt{nonce}m{index}x"
        pieces.append(body[position:start])
        pieces.append(token)
        position = end
        if formula is None:
            replacements[token] = "$"
            continue
        done = typeset(formula, f"ct{index}-")
        if done.error is not None:
            errors.append((formula, done.error))
        replacements[token] = done.html
    pieces.append(body[position:])

    def finish(text: str) -> str:
        def put(match: re.Match[str]) -> str:
            inner = replacements[match.group("token")]
            if match.group("p") and "cong-thuc-khoi" in inner:
                return f'<p class="cong-thuc-dong">{inner}</p>'
            return inner if not match.group("p") else f"<p>{inner}</p>"

        pattern = re.compile(rf"(?P<p><p>)?(?P<token>hsdt{nonce}m\d+x)(?(p)</p>)")
        return pattern.sub(put, text)

    return Prepared("".join(pieces), finish, tuple(errors))

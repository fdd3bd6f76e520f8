"""What a signature looks like in its place, per Nghị định 30/2020/NĐ-CP: the signer's name,
the title, the signing time in ISO 8601 with +07:00, optionally the person's signature image
(blue) or, for the seal, the seal image (red) that overlaps the left third of the leadership's
signature.

The text is set in the Vietnamese cut of Liberation Serif (:mod:`hsdt.sign.font`), embedded as a
subset through pyHanko's OpenType glyph accumulator.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from hsdt.errors import SigningError
from hsdt.i18n import msg
from hsdt.model.manifest import SEAL, SignatureSlot

FONT_SIZE = 8
SEAL_FONT_SIZE = 6

STAMP_TEXT = "Người ký: %(name)s\n%(title)s\nThời gian ký: %(thoi_gian)s"
SEAL_TEXT = "%(name)s\nThời gian ký: %(thoi_gian)s"


def iso_time(moment: datetime) -> str:
    """``2025-10-16T07:30:00+07:00``: the time shown in the appearance."""
    return moment.replace(microsecond=0).isoformat()


def text_params(slot: SignatureSlot, name: str, moment: datetime) -> dict[str, str]:
    """The values of the appearance's placeholders."""
    title = " ".join(line.strip() for line in slot.title.splitlines() if line.strip())
    return {"name": name, "title": title or "", "thoi_gian": iso_time(moment)}


@lru_cache(maxsize=1)
def _font_bytes() -> bytes:
    from hsdt.sign.font import stamp_font

    return stamp_font().read_bytes()


@lru_cache(maxsize=4)
def _font_factory(size: int) -> Any:
    """A glyph accumulator factory over the font bytes read once per process (pyHanko's own
    factory opens the file for every signature and never closes it)."""
    from io import BytesIO

    from pyhanko.pdf_utils.font.api import FontEngineFactory
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

    class Factory(FontEngineFactory):
        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
            if obj_stream is None and writer.stream_xrefs:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(
                writer=writer,
                font_handle=BytesIO(_font_bytes()),
                font_size=size,
                obj_stream=obj_stream,
            )

    return Factory()


@lru_cache(maxsize=16)
def _image(path: str, mtime: float) -> Any:
    from PIL import Image, UnidentifiedImageError
    from pyhanko.pdf_utils.images import PdfImage

    try:
        with Image.open(path) as img:
            img.load()
            return PdfImage(img.copy())
    except (OSError, UnidentifiedImageError) as e:
        raise SigningError(msg("sign.bad_image"), path=path) from e


def stamp_style(slot: SignatureSlot, image: Path | None) -> Any:
    """pyHanko's stamp style for ``slot``, with ``image`` (PNG) behind the text if given."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    seal = slot.key == SEAL
    background = None
    if image is not None:
        try:
            mtime = image.stat().st_mtime
        except OSError as e:
            raise SigningError(msg("sign.bad_image"), path=str(image)) from e
        background = _image(str(image), mtime)
    text_style = TextBoxStyle(
        font=_font_factory(SEAL_FONT_SIZE if seal else FONT_SIZE),
        font_size=SEAL_FONT_SIZE if seal else FONT_SIZE,
        text_color=(0.75, 0.0, 0.0) if seal else (0.0, 0.0, 0.45),
        leading=(SEAL_FONT_SIZE if seal else FONT_SIZE) + 2,
    )
    return TextStampStyle(
        stamp_text=SEAL_TEXT if seal else STAMP_TEXT,
        text_box_style=text_style,
        border_width=0,
        background=background,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(left=1, right=1, top=1, bottom=1),
        ),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MIN if seal else layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(left=2, right=2, top=2, bottom=2),
        ),
    )

"""The stamp font: Liberation Serif cut to Vietnamese at 1000 units per em, cached by content."""

from __future__ import annotations

from pathlib import Path

import pytest

from hsdt.errors import SigningError
from hsdt.sign import font


def test_rescaled_vietnamese_font_is_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fontTools.ttLib import TTFont

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    made = font.stamp_font()
    assert made.parent == tmp_path / "hsdt" / "fonts"
    ttf = TTFont(made)
    assert ttf["head"].unitsPerEm == 1000
    cmap = ttf.getBestCmap()
    assert all(ord(c) in cmap for c in "Người ký Thời gian TRƯỜNG ẮẰẲẴẶ đĐ ơƠ ưƯ ỹỸ ₫")
    assert made.stat().st_size < font.source_font().stat().st_size / 2
    stamp = made.stat().st_mtime_ns
    assert font.stamp_font() == made
    assert made.stat().st_mtime_ns == stamp


def test_missing_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(font, "FONT_CANDIDATES", ("/khong/co.ttf",))
    with pytest.raises(SigningError) as caught:
        font.source_font()
    assert "fonts-liberation2" in caught.value.msg.render("vi")


def test_font_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HSDT_STAMP_FONT", str(font.FONT_CANDIDATES[0]))
    assert font.source_font() == Path(font.FONT_CANDIDATES[0])

"""hsdt: electronic professional records (hồ sơ chuyên môn điện tử) for Vietnamese schools.

The package is layered (see DESIGN.md): ``model`` (pure data), ``load`` (files into the model),
``rules`` (pure checks), ``git`` (history), then the heavy parts behind extras, then the thin
adapters in ``cli``. Importing ``hsdt`` itself does no work.
"""

from __future__ import annotations

__version__ = "0.1.0"

"""Word import (``hsdt import``): a teacher's .docx becomes a record of the school's types.

The pipeline, one small module per step:

- :mod:`~hsdt.importer.guard` — the input guard: refuses what is not a safe .docx, strips what
  must never run or be fetched, converts old Vietnamese encodings;
- :mod:`~hsdt.importer.convert` — pandoc (bundled by ``pypandoc-binary``): the .docx into
  pandoc's document tree, and mapped blocks back to Markdown records can render;
- :mod:`~hsdt.importer.inlines` — text of the tree's nodes and the folding used to compare it;
- :mod:`~hsdt.importer.sections` — recognising the type's sections in the document's bold or
  upper-case paragraphs and mapping the blocks under them; guessing the type;
- :mod:`~hsdt.importer.fields` — front-matter values from the document's "Nhãn: giá trị" lines;
- :mod:`~hsdt.importer.pipeline` — one file or a folder: place, write (never overwrite), check,
  and the report.

Nothing here imports click, WeasyPrint or pyHanko.
"""

"""Importing teachers' Word documents (.docx) as records.

:mod:`hsdt.importer.guard` is the gate every document passes first: it refuses what is not a
readable Word document, strips what must never run or be fetched, and turns text typed in the
old Vietnamese font encodings into Unicode.
"""

"""The archive: tags that mark a period (a week, a semester, a school year), BagIt packages of
what a tag holds (:mod:`hsdt.archive.package`), their offline verification
(:mod:`hsdt.archive.check`) and git-bundle backups (:mod:`hsdt.archive.backup`).

The package builder imports ``bagit`` and pyHanko inside its functions (extra ``archive``), so
importing this package costs nothing.
"""

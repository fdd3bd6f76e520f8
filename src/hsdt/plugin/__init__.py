"""The MkDocs adapter of the school's site, shaped like mkdocs-material's own plugins: a config
class (:mod:`hsdt.plugin.config`), a thin plugin class (:mod:`hsdt.plugin.plugin`), and the
domain package :mod:`hsdt.site`, which knows nothing of MkDocs. Moving to another generator
that reads mkdocs.yml (Zensical) means writing another adapter like this one."""

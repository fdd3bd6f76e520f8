"""Everything that touches git goes through this package (GitPython, imported lazily so that
``hsdt check`` on a commit does not pay for it). Git failures become :class:`GitError` with
what to do."""

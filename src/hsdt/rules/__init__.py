"""Rules: small pure functions of (record, context) → problems, one module per family.

The registry (:mod:`hsdt.rules.registry`) lists them explicitly. The same rules run in the
pre-commit hook, in CI and in the server's pre-receive hook; only the context differs (the
submission time, and whether a missed deadline warns or refuses).
"""

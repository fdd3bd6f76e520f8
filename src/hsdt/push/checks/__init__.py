"""The push checks, one module per family; :mod:`hsdt.push.registry` lists them in order."""

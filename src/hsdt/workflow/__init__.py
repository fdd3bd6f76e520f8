"""The submission and approval workflow: branches, approval evidence, chains, record states and
the server's enforcement. Pure logic over :mod:`hsdt.git` reads; no click, no heavy extras."""

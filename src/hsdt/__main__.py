"""``python -m hsdt`` runs the CLI."""

from hsdt.cli.main import main

main()

#!/usr/bin/env bash
# The whole test suite: lint, types, tests. The README's second command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
echo "==> ruff"
ruff check src tests benchmarks scripts
ruff format --check src tests benchmarks scripts
echo "==> mypy (strict)"
mypy
echo "==> pytest"
pytest --cov=hsdt --cov-branch --cov-report=term --cov-fail-under=85 "$@"

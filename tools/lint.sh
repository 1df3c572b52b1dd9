#!/usr/bin/env bash
# The one lint entry point (CI runs it unchanged): ruff's rules and mypy's types over the package,
# the tests, the tools and the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-.venv/bin/python}
"$py" -m ruff check src tests tools bench
"$py" -m mypy src tests tools bench

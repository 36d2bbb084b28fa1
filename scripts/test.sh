#!/usr/bin/env bash
# The project's single test command: bash scripts/test.sh [extra pytest args]
#
# Installs the Python test requirements, makes sure Debian's Chromium, PostgreSQL and the fonts the charts
# and the PDF use are present (installing the missing ones with apt-get), lints with ruff, then runs every test tier
# (tests/unit, tests/app, tests/browser). Exits with pytest's exit code.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export CI="${CI:-}"

log() { printf '==> %s\n' "$*"; }

# Run a command as root: directly if we are root, through sudo if it exists.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "error: need root (or sudo) to run: $*" >&2
        return 1
    fi
}

log "Installing Python test requirements"
python3 -m pip install -q -r requirements-test.txt

have_initdb() {
    if command -v initdb >/dev/null 2>&1; then
        return 0
    fi
    local candidate
    for candidate in /usr/lib/postgresql/*/bin/initdb; do
        if [ -x "$candidate" ]; then
            return 0
        fi
    done
    return 1
}

have_cjk_font() {
    command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null)" ]
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
have_initdb || missing+=(postgresql)
have_cjk_font || missing+=(fonts-noto-cjk)
# The PDF handout embeds these TrueType fonts (dashboard/briefing/fonts.py).
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
ls /usr/share/fonts/truetype/liberation*/LiberationSans-Regular.ttf >/dev/null 2>&1 || missing+=(fonts-liberation)

if [ "${#missing[@]}" -gt 0 ]; then
    log "Installing system packages: ${missing[*]}"
    if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
           as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; }; then
        if [ "$CI" = "true" ]; then
            echo "error: could not install ${missing[*]} with apt-get; the browser/PostgreSQL tests cannot run." >&2
            exit 1
        fi
        echo "warning: could not install ${missing[*]}; the tests that need them will fail." >&2
    fi
fi

log "Linting with ruff"
python3 -m ruff check dashboard tests scripts
python3 -m ruff format --check dashboard tests scripts

log "Running pytest (unit, app, browser)"
status=0
# testpaths (pyproject.toml) is tests/, so with no path arguments every tier runs.
python3 -m pytest "$@" || status=$?

if [ "$status" -eq 5 ]; then
    echo "error: pytest collected no tests." >&2
    status=1
fi

if [ "$status" -eq 0 ]; then
    log "All checks passed (ruff + pytest)."
else
    log "Tests FAILED (pytest exit code $status)."
fi
exit "$status"

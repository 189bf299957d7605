#!/usr/bin/env bash
# Sets up this checkout for development, tests and the desktop app:
#   1. Debian packages that Qt, Xvfb, CJK text and PDF checks need (installed
#      with apt-get when missing and running as root, else listed);
#   2. a virtualenv in .venv with the project installed editable,
#      pip install -e '.[server,test]' (skipped while .venv/.setup-stamp
#      matches pyproject.toml).
# Idempotent; a second run takes a second or two. Never prompts.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VENV="$ROOT/.venv"
STAMP="$VENV/.setup-stamp"
PIP_LOG="$VENV/.setup-pip.log"
STEP="start"

say() { printf 'setup: %s\n' "$*"; }

on_exit() {
    local rc=$?
    if [[ $rc -ne 0 ]]; then
        printf 'setup: FAILED during step "%s" (exit %d)\n' "$STEP" "$rc" >&2
    fi
}
trap on_exit EXIT

# --- which Python --------------------------------------------------------------
STEP="find Python 3.11+"
pick_python() {
    local c
    for c in "${HALLWATCH_PYTHON:-}" python3.11 python3; do
        [[ -n $c ]] || continue
        command -v "$c" >/dev/null 2>&1 || continue
        if "$c" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
            >/dev/null 2>&1; then
            printf '%s\n' "$c"
            return 0
        fi
    done
    return 1
}

venv_ok() {
    [[ -x $VENV/bin/python ]] &&
        "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
            >/dev/null 2>&1
}

PY=""
if ! venv_ok; then
    if ! PY="$(pick_python)"; then
        say "no Python 3.11 or newer found (tried \$HALLWATCH_PYTHON, python3.11, python3)" >&2
        exit 1
    fi
fi

# --- 1. system packages ----------------------------------------------------------
STEP="system packages (apt-get)"
APT_PACKAGES=(
    xvfb xauth fonts-wqy-zenhei poppler-utils
    libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
    libxkbcommon0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1
    libxkbcommon-x11-0
    # The camera tests serve MJPEG and RTSP with ffmpeg; the printing tests start
    # their own cupsd with a cups-pdf queue.
    ffmpeg cups printer-driver-cups-pdf
)
# A Debian Python needs python3-venv before it can make a virtualenv.
if [[ -n $PY ]] && ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    APT_PACKAGES+=(python3-venv)
fi

if command -v dpkg-query >/dev/null 2>&1; then
    declare -A installed=()
    while read -r name status; do
        [[ $status == installed ]] && installed[$name]=1
    done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${APT_PACKAGES[@]}" \
        2>/dev/null || true)
    missing=()
    for p in "${APT_PACKAGES[@]}"; do
        [[ -n ${installed[$p]:-} ]] || missing+=("$p")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        say "system packages: all ${#APT_PACKAGES[@]} present"
    elif [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        say "system packages: installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q </dev/null
        apt-get install -y -q --no-install-recommends \
            -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
            "${missing[@]}" </dev/null
    else
        say "system packages missing (not root, so not installing them); install with:"
        say "  sudo apt-get install ${missing[*]}"
        say "continuing without them: Qt tests, the app or PDF checks may fail"
    fi
else
    say "no dpkg-query (not Debian?): make sure the equivalents of these are installed:"
    say "  ${APT_PACKAGES[*]}"
fi

# --- 2. virtualenv ---------------------------------------------------------------------
STEP="virtualenv (.venv)"
if ! venv_ok; then
    say "creating .venv with $PY ($("$PY" -c 'import sys; print(sys.version.split()[0])'))"
    rm -rf "$VENV"
    "$PY" -m venv "$VENV"
fi

# The stamp: what pyproject.toml said and which packages existed at install time
# (an editable install made before hallwatch/__init__.py existed maps nothing).
stamp_text() {
    sha256sum pyproject.toml
    local pkgs="" d
    for d in hallwatch ui; do
        [[ -f $d/__init__.py ]] && pkgs+=" $d"
    done
    printf 'packages:%s\n' "$pkgs"
}
tools_ok() {
    local t
    for t in pip pytest ruff mypy lint-imports hallwatch; do
        [[ -x $VENV/bin/$t ]] || return 1
    done
}

STEP="pip install -e '.[server,test]'"
want="$(stamp_text)"
if [[ -f $STAMP ]] && [[ "$(cat "$STAMP")" == "$want" ]] && tools_ok; then
    say "python packages: up to date (pyproject.toml unchanged)"
else
    rm -f "$STAMP"
    export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_PROGRESS_BAR=off
    say "python packages: upgrading pip, then pip install -e '.[server,test]'"
    say "  (the first time downloads Qt and takes a few minutes; log: .venv/${PIP_LOG##*/})"
    : >"$PIP_LOG"
    if ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
        "$VENV/bin/python" -m ensurepip --upgrade >>"$PIP_LOG" 2>&1 </dev/null
    fi
    if ! { "$VENV/bin/python" -m pip install --upgrade pip &&
        "$VENV/bin/python" -m pip install -e '.[server,test]'; } >>"$PIP_LOG" 2>&1 </dev/null; then
        say "pip failed; the end of its log:" >&2
        tail -n 40 "$PIP_LOG" >&2
        exit 1
    fi
    printf '%s\n' "$want" >"$STAMP"
    say "python packages: installed"
fi

for d in hallwatch ui; do
    if [[ ! -f $d/__init__.py ]]; then
        say "note: $d/__init__.py does not exist yet; the next run installs $d once it does"
    fi
done

STEP="done"
say "ready (.venv: $("$VENV/bin/python" -c 'import sys; print(sys.version.split()[0])'))"

#!/bin/sh
# Install the Debian packages the build and the tests need, when they are missing.
# As root: apt-get update once, then apt-get install. Otherwise: print the exact command.
set -u
PKGS="pkg-config libpcre2-dev libxml2-dev libgsl-dev libcmocka-dev libjansson-dev
libcairo2-dev libfontconfig-dev libpoppler-glib-dev libxml2-utils python3"
missing=""
if command -v dpkg-query >/dev/null 2>&1; then
    for p in $PKGS; do
        st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
        case "$st" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
    done
else
    # Not Debian: trust pkg-config alone.
    pkg-config --exists libpcre2-8 libxml-2.0 gsl jansson cairo fontconfig poppler-glib cmocka 2>/dev/null ||
        { echo "deps: pkg-config cannot find every library (libpcre2-8 libxml-2.0 gsl jansson cairo fontconfig poppler-glib cmocka)" >&2; exit 1; }
    exit 0
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    echo "deps: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || { echo "deps: apt-get update failed" >&2; exit 1; }
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >&2 ||
        { echo "deps: apt-get install failed for:$missing" >&2; exit 1; }
else
    echo "deps: missing Debian packages; run as root:" >&2
    echo "  apt-get update && apt-get install -y$missing" >&2
    exit 1
fi

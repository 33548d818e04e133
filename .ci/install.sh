#!/bin/sh
# Installs the cloudconvert command-line tool from a release: picks the archive for this
# system, downloads it and SHA256SUMS, checks the checksum before anything is unpacked, and
# puts the binary into ~/.local/bin (or --to DIR). Nothing is installed when a step fails.
#
#   curl -fsSL BASE/install.sh | sh
#   sh install.sh --to /usr/local/bin
#
# BASE, where the archives are: CLOUDCONVERT_INSTALL_BASE, else the release this copy was
# published with (written in by the release workflow).
set -eu

VERSION="@VERSION@"
RELEASE_BASE="@RELEASE_BASE@"

say() { printf 'cloudconvert install: %s\n' "$*" >&2; }
fail() { say "error: $*"; exit 1; }

to="${HOME:-}/.local/bin"
while [ $# -gt 0 ]; do
    case "$1" in
        --to) [ $# -ge 2 ] || fail "--to needs a folder"; to=$2; shift 2 ;;
        --to=*) to=${1#--to=}; shift ;;
        -h|--help) printf 'usage: sh install.sh [--to DIR]   (default: ~/.local/bin)\nthe archives come from CLOUDCONVERT_INSTALL_BASE, else %s\n' "$RELEASE_BASE"; exit 0 ;;
        *) fail "unknown argument: $1 (use --to DIR)" ;;
    esac
done

base=${CLOUDCONVERT_INSTALL_BASE:-$RELEASE_BASE}
case "$base" in
    ""|@*) fail "no download address: set CLOUDCONVERT_INSTALL_BASE to the folder that holds the archives and SHA256SUMS" ;;
esac
base=${base%/}

os=$(uname -s) arch=$(uname -m)
case "$arch" in
    x86_64|amd64) arch=x86_64 ;;
    aarch64|arm64) arch=aarch64 ;;
    *) fail "no build for this processor ($arch); build from source: cargo install --locked cloudconvert-cli" ;;
esac
case "$os" in
    Linux) target="$arch-unknown-linux-musl" ext=tar.gz ;;
    Darwin) target="$arch-apple-darwin" ext=tar.gz ;;
    MINGW*|MSYS*|CYGWIN*)
        [ "$arch" = x86_64 ] || fail "no build for Windows on $arch"
        target="x86_64-pc-windows-gnu" ext=zip ;;
    *) fail "no build for this system ($os); build from source: cargo install --locked cloudconvert-cli" ;;
esac
name="cloudconvert-$VERSION-$target"
archive="$name.$ext"

if command -v curl >/dev/null 2>&1; then
    fetch() { curl --proto '=https,http' -fsSL --retry 2 -o "$2" "$1"; }
elif command -v wget >/dev/null 2>&1; then
    fetch() { wget -q -O "$2" "$1"; }
else
    fail "needs curl or wget to download"
fi
if command -v sha256sum >/dev/null 2>&1; then
    digest() { sha256sum "$1" | cut -d' ' -f1; }
elif command -v shasum >/dev/null 2>&1; then
    digest() { shasum -a 256 "$1" | cut -d' ' -f1; }
else
    fail "needs sha256sum or shasum to check the download"
fi

work=$(mktemp -d 2>/dev/null || mktemp -d -t cloudconvert)
trap 'rm -rf "$work"' EXIT INT TERM

say "downloading $archive from $base"
fetch "$base/SHA256SUMS" "$work/SHA256SUMS" || fail "cannot download $base/SHA256SUMS"
fetch "$base/$archive" "$work/$archive" || fail "cannot download $base/$archive"
want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1; exit }' "$work/SHA256SUMS")
[ -n "$want" ] || fail "SHA256SUMS has no line for $archive"
got=$(digest "$work/$archive")
[ "$got" = "$want" ] || fail "checksum mismatch for $archive (expected $want, got $got); nothing installed"

case "$ext" in
    tar.gz) tar -xzf "$work/$archive" -C "$work" ;;
    zip) unzip -q "$work/$archive" -d "$work" ;;
esac
bin="cloudconvert"
[ "$ext" = zip ] && bin="cloudconvert.exe"
[ -f "$work/$name/$bin" ] || fail "$archive holds no $bin"

mkdir -p "$to" || fail "cannot create $to"
# Into place by a rename in the same folder, so that a running copy is never half written. The
# new copy is a file mktemp made (never one already there, nor a link someone planted).
new=$(mktemp "$to/.$bin.XXXXXX" 2>/dev/null) || fail "cannot write to $to (choose another folder with --to DIR)"
cp "$work/$name/$bin" "$new" && chmod 755 "$new" && mv -f "$new" "$to/$bin" || {
    rm -f "$new"
    fail "cannot write to $to (choose another folder with --to DIR)"
}
say "installed $("$to/$bin" --version 2>/dev/null || echo "$bin $VERSION") into $to"
case ":${PATH:-}:" in
    *":$to:"*) ;;
    *) say "$to is not on PATH; add it: export PATH=\"$to:\$PATH\"" ;;
esac

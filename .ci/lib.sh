# What every .ci script shares: installing, by name, the Debian packages and Rust targets and
# components it uses, when they are missing. A package counts as there only when dpkg says it
# is installed: a command on PATH can be there without what it needs (aarch64-linux-gnu-gcc
# without libc6-dev-arm64-cross builds nothing), and a machine made fresh for CI has only the
# Rust toolchain. Sourced, not run: `. .ci/lib.sh`.

# Root on CI's machine; sudo on GitHub's.
ci_root=()
[ "$(id -u)" = 0 ] || ci_root=(sudo)

# need_packages PACKAGE...: installs those not installed, in one apt-get call, without the
# "recommended" packages (each one used is named here instead).
need_packages() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$p")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    echo "+ apt-get install ${missing[*]}"
    "${ci_root[@]}" apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive "${ci_root[@]}" apt-get install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null
}

# need_targets TARGET...: the Rust standard library for each target.
need_targets() {
    local installed t
    installed=$(rustup target list --installed)
    for t in "$@"; do
        grep -qx "$t" <<<"$installed" || { echo "+ rustup target add $t"; rustup target add "$t"; }
    done
}

# need_components COMPONENT...: rustfmt, clippy.
need_components() {
    local installed c
    installed=$(rustup component list --installed)
    for c in "$@"; do
        grep -q "^$c" <<<"$installed" || { echo "+ rustup component add $c"; rustup component add "$c"; }
    done
}

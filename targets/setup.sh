#!/usr/bin/env bash
# `just setup`: install everything Barodia needs to build, boot and test.
# Idempotent and quiet when all is there. Run from the repository root.
set -euo pipefail

say() { printf 'setup: %s\n' "$*" >&2; }

# 1. The pinned Rust toolchain with its components and target. rustup reads
#    rust-toolchain.toml; automatic installs may be off (RUSTUP_AUTO_INSTALL=0),
#    so install explicitly.
if ! command -v rustup >/dev/null; then
    say "rustup is missing: install it from your distribution or rustup's site, then run 'just setup' again."
    exit 1
fi
toolchain=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup run "$toolchain" rustc --print target-libdir --target x86_64-unknown-none >/dev/null 2>&1 \
    || [ ! -d "$(rustup run "$toolchain" rustc --print sysroot)/lib/rustlib/src/rust/library" ] \
    || ! ls "$(rustup run "$toolchain" rustc --print sysroot)"/lib/rustlib/*/bin/llvm-objcopy >/dev/null 2>&1; then
    say "installing Rust $toolchain (rust-src, llvm-tools-preview, clippy, rustfmt, x86_64-unknown-none)"
    rustup toolchain install   # reads rust-toolchain.toml
fi
# The x86_64-unknown-none target libraries must really be there.
if [ ! -d "$(rustup run "$toolchain" rustc --print sysroot)/lib/rustlib/x86_64-unknown-none" ]; then
    rustup target add --toolchain "$toolchain" x86_64-unknown-none
fi

# 2. System packages: QEMU to boot the image, gdb for `just gdb`.
missing=()
command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
command -v gdb >/dev/null || missing+=(gdb)
if [ ${#missing[@]} -gt 0 ]; then
    if command -v apt-get >/dev/null; then
        sudo=""
        if [ "$(id -u)" -ne 0 ]; then
            if command -v sudo >/dev/null; then sudo="sudo"; else
                say "need root to install ${missing[*]}: run as root or install sudo."; exit 1
            fi
        fi
        say "installing ${missing[*]} with apt-get"
        $sudo apt-get update -qq
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        say "cannot install ${missing[*]} here (no apt-get). Install QEMU (qemu-system-x86_64) and gdb by hand, then run 'just setup' again."
        exit 1
    fi
fi

# 3. cargo-fuzz for `just fuzz` (and the short fuzz runs in `just test`). It is
#    a cargo subcommand from crates.io, built from source (about 1.5 minutes on
#    2 cores); --locked uses the versions its release was tested with.
if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz (cargo install --locked cargo-fuzz)"
    cargo install --locked cargo-fuzz
fi

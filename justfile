# Barodia's entry points. `just --list` shows them with these comments.
#
# Everything builds optimised: host crates with the release profile, the disk
# image with the `image` profile (release plus LTO, see Cargo.toml): its kernel
# and programs are artifact dependencies built with the parent's profile, and
# every byte of them is loaded through the BIOS at boot (docs/bench.md).

set shell := ["bash", "-euo", "pipefail", "-c"]

qemu := "qemu-system-x86_64"

# List the recipes.
default:
    @just --list

# Install the pinned toolchain, QEMU and gdb (idempotent; uses sudo when not root).
setup:
    @bash targets/setup.sh

# Build the host crates, the kernel, the user programs and the disk image.
build: setup
    cargo build --release
    cargo build --profile image --package barodia-image

# Build the BIOS disk image into target/barodia/; the last line printed is its absolute path.
image: setup
    @cargo run --profile image --quiet --package barodia-image

# Boot in QEMU: a window if there is a display, else curses in this terminal; `just qemu nographic` puts the serial console here instead.
qemu mode="": setup
    #!/usr/bin/env bash
    set -euo pipefail
    image=$(just image | tail -n 1)
    args=(-drive "format=raw,file=$image,snapshot=on" -m 128M -no-reboot
          -device isa-debug-exit,iobase=0xf4,iosize=0x04)
    if [ "{{mode}}" = "nographic" ]; then
        echo "Serial console on this terminal. Quit: Ctrl-A then X." >&2
        exec {{qemu}} "${args[@]}" -nographic
    elif [ -n "{{mode}}" ]; then
        echo "unknown mode '{{mode}}': use 'just qemu' or 'just qemu nographic'" >&2
        exit 2
    elif [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        exec {{qemu}} "${args[@]}" -serial stdio
    else
        mkdir -p target
        echo "VGA screen in this terminal (curses); serial log in target/qemu-serial.log." >&2
        echo "Quit: Esc then 2 for the QEMU monitor, then type 'quit'." >&2
        exec {{qemu}} "${args[@]}" -display curses -serial file:target/qemu-serial.log
    fi

# Run every test: lints, host unit tests, the QEMU boot and in-kernel tests, then each fuzz target for 10 s.
test: setup lint image
    cargo test --release
    just fuzz "" 10

# Fuzz with cargo-fuzz (libFuzzer, ASAN) for `seconds` per target: every target, or one (`just fuzz decode_wire 600`). docs/fuzz.md
fuzz target="" seconds="20": setup
    #!/usr/bin/env bash
    set -euo pipefail
    # cargo-fuzz's default ASAN build needs a nightly: the pinned one.
    toolchain=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
    if [ -n "{{target}}" ]; then targets=("{{target}}"); else mapfile -t targets < <(cargo +"$toolchain" fuzz list); fi
    # One build for every target (cargo-fuzz's default: release with debug
    # assertions and overflow checks, ASAN), so the runs below build nothing.
    cargo +"$toolchain" fuzz build {{target}}
    mkdir -p fuzz/target/logs
    for t in "${targets[@]}"; do
        # The corpus grows in fuzz/corpus/<t> (ignored by git); the seeds are read only.
        case "$t" in
            idl_check) seeds=(idl idlc/core/tests/golden idlc/core/tests/errors) ;;
            *) seeds=(fuzz/seeds/"$t") ;;
        esac
        # A dictionary of the target's tokens (IDL keywords), where there is one.
        options=(-max_total_time={{seconds}} -print_final_stats=1)
        if [ -f fuzz/dicts/"$t".dict ]; then options+=(-dict=fuzz/dicts/"$t".dict); fi
        mkdir -p fuzz/corpus/"$t"
        log=fuzz/target/logs/"$t".log
        if ! cargo +"$toolchain" fuzz run "$t" fuzz/corpus/"$t" "${seeds[@]}" -- "${options[@]}" >"$log" 2>&1; then
            tail -n 60 "$log" >&2
            echo "fuzz: $t FAILED; whole log in $log, the crashing input in fuzz/artifacts/$t/" >&2
            exit 1
        fi
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
        echo "fuzz: $t: $runs runs in {{seconds}} s ($rate per second), no failure; corpus fuzz/corpus/$t ($(ls fuzz/corpus/"$t" | wc -l) inputs)"
    done

# Count kernel costs in guest instructions (qemu -icount) against the goals; also target/bench.json. `just bench NAME`: only names containing NAME. docs/bench.md
bench filter="": image
    cargo run --release --quiet --package barodia-tests --bin bench -- {{filter}}

# Clippy with the workspace lints, for host crates and bare-metal crates.
lint: setup
    cargo clippy --release --all-targets -- -D warnings
    cargo clippy --release --package barodia-image -- -D warnings
    cargo clippy --release --target x86_64-unknown-none -p kernel -p libipc -p hello -p kernel-tests -p bench -p echo-service -p echo-api -p init -p keyboard -p console -p console-terminal -p ramdisk -p ramfs -p vfs -p vfs-path -p passwd -p term-keys -p line-editor -p editor-buffer -p shell -p coreutils -p editor -p userland -p login -- -D warnings

# Build the API docs for the whole workspace (host and bare-metal crates); opens nothing.
doc: setup
    cargo doc --release --no-deps
    cargo doc --release --no-deps --target x86_64-unknown-none -p kernel -p libipc -p hello -p kernel-tests -p bench -p echo-service -p echo-api -p init -p keyboard -p console -p console-terminal -p ramdisk -p ramfs -p vfs -p vfs-path -p passwd -p term-keys -p line-editor -p editor-buffer -p shell -p coreutils -p editor -p userland -p login --document-private-items
    @echo "host crates:  target/doc/index.html (e.g. target/doc/bootfs/index.html)"
    @echo "kernel, runtime and programs: target/x86_64-unknown-none/doc/kernel/index.html"

# Boot paused under QEMU's gdb stub and attach gdb with the kernel's symbols.
gdb: setup
    #!/usr/bin/env bash
    set -euo pipefail
    image=$(just image | tail -n 1)
    kernel=target/barodia/kernel
    # The kernel is position independent and loaded at a fixed base
    # (KERNEL_BASE in kernel/src/boot.rs), so symbols are offset by it.
    base=$(sed -n 's/^pub const KERNEL_BASE: u64 = \(0x[0-9A-Fa-f_]*\);.*/\1/p' kernel/src/boot.rs | tr -d _)
    mkdir -p target
    {{qemu}} -drive "format=raw,file=$image,snapshot=on" -m 128M -no-reboot \
        -display none -serial file:target/qemu-serial.log -s -S &
    qemu_pid=$!
    trap 'kill $qemu_pid 2>/dev/null || true' EXIT
    echo "QEMU paused (pid $qemu_pid); serial log in target/qemu-serial.log." >&2
    rust-gdb -q -ex "symbol-file -o $base $kernel" -ex "target remote :1234" \
        -ex "break kernel::kernel_main" -ex "continue"

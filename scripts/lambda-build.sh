#!/usr/bin/env bash
# Builds the Lambda functions named in infra/template.yaml for arm64 (release,
# as `sam build` does with cargo-lambda) and prints each artefact's size, raw
# and zipped as Lambda receives it, and the build's wall time.
#
# The functions are read from the template (CodeUri ../functions/<crate>,
# BuildProperties.Binary); a crate that is not written yet is listed and
# skipped. Installs cargo-lambda and ziglang (its cross-linker) from PyPI and
# the aarch64 standard library with rustup when missing; a missing tool fails.
#
# All functions are built by ONE `cargo lambda build -p a -p b ...` from the
# workspace root, so their shared dependencies (AWS SDK, tokio, rustls) compile
# once, not once per function. The profile is [profile.release] of the root
# Cargo.toml, which sets codegen-units and panic itself: cargo-lambda would
# otherwise force codegen-units=1 (a serial, several-times-slower build) and
# panic=abort. `sam build` runs the same command per function and gets the same
# profile. An artefact over LAMBDA_MAX_ZIP_BYTES (default 10 MiB zipped for the LTO-less CI build, a
# regression guard; the goal is 5 MB, Lambda's own limit 50 MB) fails.
#
#   scripts/lambda-build.sh            every function that exists
#   scripts/lambda-build.sh survey     only these crates (folder names)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
py=python3

# --- tools -------------------------------------------------------------------
rehash() {
    hash -r
    if command -v pyenv >/dev/null 2>&1; then pyenv rehash || true; fi
}
if ! command -v cargo-lambda >/dev/null 2>&1; then
    echo "lambda-build: pip install cargo-lambda"
    "$py" -m pip install --quiet cargo-lambda || { echo "lambda-build: could not install cargo-lambda" >&2; exit 1; }
    rehash
fi
if ! "$py" -c 'import ziglang' >/dev/null 2>&1 && ! command -v zig >/dev/null 2>&1; then
    echo "lambda-build: pip install ziglang"
    "$py" -m pip install --quiet ziglang || { echo "lambda-build: could not install ziglang" >&2; exit 1; }
fi
if ! rustup target list --installed 2>/dev/null | grep -qx aarch64-unknown-linux-gnu; then
    echo "lambda-build: rustup target add aarch64-unknown-linux-gnu"
    rustup target add aarch64-unknown-linux-gnu || { echo "lambda-build: no aarch64 standard library" >&2; exit 1; }
fi
command -v cargo-lambda >/dev/null 2>&1 || { echo "lambda-build: cargo-lambda is still missing" >&2; exit 1; }
echo "== $(cargo lambda --version)"

# --- the functions, from the template -------------------------------------------
# Prints "LogicalId crate-folder binary" per AWS::Serverless::Function.
functions="$("$py" - infra/template.yaml <<'EOF'
import re, sys, os
text = open(sys.argv[1], encoding="utf-8").read()
body = text.split("\nResources:\n", 1)[1]
body = re.split(r"\n(?=[A-Za-z])", body, maxsplit=1)[0]      # up to the next top-level key
for block in re.split(r"\n(?=  [A-Za-z0-9]+:\s*$)", body, flags=re.M):
    head = re.match(r"\s*([A-Za-z0-9]+):", block)
    if not head or not re.search(r"^\s+Type: AWS::Serverless::Function\s*$", block, re.M):
        continue
    uri = re.search(r"^\s+CodeUri: (\S+)", block, re.M)
    binary = re.search(r"^\s+Binary: (\S+)", block, re.M)
    if not uri or not binary:
        sys.exit(f"{head.group(1)}: no CodeUri or BuildProperties.Binary in the template")
    folder = os.path.normpath(os.path.join("infra", uri.group(1)))
    print(head.group(1), folder, binary.group(1))
EOF
)"
[ -n "$functions" ] || { echo "lambda-build: no functions found in infra/template.yaml" >&2; exit 1; }

target_dir="$(cargo metadata --format-version 1 --no-deps | "$py" -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"

only=("$@")
wanted() {
    [ ${#only[@]} -eq 0 ] && return 0
    local o
    for o in "${only[@]}"; do [ "$o" = "$1" ] && return 0; done
    return 1
}

built=()
skipped=()
packages=()
while read -r logical folder binary; do
    crate="$(basename "$folder")"
    wanted "$crate" || continue
    if [ ! -f "$folder/Cargo.toml" ] || { [ ! -f "$folder/src/main.rs" ] && ! grep -q '^\[\[bin\]\]' "$folder/Cargo.toml"; }; then
        skipped+=("$logical ($folder: not written yet)")
        continue
    fi
    package="$("$py" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["package"]["name"])' "$folder/Cargo.toml")"
    packages+=(-p "$package")
    built+=("$logical:$binary")
done <<<"$functions"

if [ ${#built[@]} -gt 0 ]; then
    # CI proves every function builds for arm64 and watches its size; the
    # thin-LTO link of each of five binaries costs 2-6 minutes on 2 cores, which
    # would push the test suite past its time budget. So CI links without LTO
    # (artefacts somewhat larger); `sam build` for deployment keeps the
    # workspace's thin LTO. LAMBDA_LTO=thin reproduces the deployed sizes.
    export CARGO_PROFILE_RELEASE_LTO="${LAMBDA_LTO:-off}"
    echo "== cargo lambda build --release --arm64 ${packages[*]} (lto: $CARGO_PROFILE_RELEASE_LTO)"
    start=$(date +%s)
    # shellcheck disable=SC2086 # extra flags (e.g. --timings) are meant to split
    cargo lambda build --release --arm64 "${packages[@]}" ${CARGO_LAMBDA_FLAGS:-}
    echo "== built ${#built[@]} function(s) in $(( $(date +%s) - start )) s"
fi

for s in "${skipped[@]+"${skipped[@]}"}"; do echo "skipped $s"; done
[ ${#built[@]} -gt 0 ] || { echo "lambda-build: nothing to build"; exit 0; }

echo
echo "== artefacts ($target_dir/lambda/<binary>/bootstrap)"
too_big=0
for b in "${built[@]}"; do
    logical="${b%%:*}"
    binary="${b#*:}"
    "$py" - "$logical" "$target_dir/lambda/$binary/bootstrap" "${LAMBDA_MAX_ZIP_BYTES:-10485760}" <<'EOF' || too_big=1
import io, os, stat, sys, zipfile
logical, path, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
if not os.path.exists(path):
    sys.exit(f"{logical}: no artefact at {path}")
raw = os.path.getsize(path)
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    info = zipfile.ZipInfo("bootstrap")
    info.external_attr = (stat.S_IFREG | 0o755) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    with open(path, "rb") as f:
        z.writestr(info, f.read())
with open(path, "rb") as f:
    head = f.read(20)
arch = {183: "aarch64", 62: "x86_64"}.get(int.from_bytes(head[18:20], "little"), "unknown") if head[:4] == b"\x7fELF" else "not ELF"
zipped = buf.tell()
print(f"{logical:<22} {raw:>10,} bytes ({raw/1048576:5.1f} MiB)   zipped {zipped:>10,} bytes ({zipped/1048576:5.1f} MiB)   {arch}")
if arch != "aarch64":
    sys.exit(f"{logical}: built for {arch}, Lambda runs it on arm64")
if zipped > limit:
    sys.exit(f"{logical}: {zipped:,} bytes zipped, over the {limit:,} byte budget (LAMBDA_MAX_ZIP_BYTES)")
EOF
done
[ "$too_big" -eq 0 ] || { echo "lambda-build: an artefact is wrong or over budget (above)" >&2; exit 1; }

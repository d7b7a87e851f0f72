#!/usr/bin/env bash
# Builds the Lambda functions named in infra/template.yaml for arm64 and prints
# each artefact's size, raw and zipped as Lambda receives it, and the build's
# wall time. `sam build` runs it too (infra/lambda.mk), so what is measured here
# is what is deployed.
#
# The functions are read from the template (CodeUri ../functions/<crate>,
# BuildProperties.Binary); a crate that is not written yet is listed and
# skipped. Installs cargo-lambda and ziglang (its cross-linker) from PyPI and
# the aarch64 standard library with rustup when missing; a missing tool fails.
#
# All functions are built by ONE `cargo lambda build -p a -p b ...` from the
# workspace root, so their shared dependencies (AWS SDK, tokio, rustls) compile
# once, not once per function.
#
# The cargo profile is LAMBDA_PROFILE (root Cargo.toml):
#   lambda-small (default)  what is deployed and benchmarked: opt-level "z", fat
#                           LTO, one codegen unit, unwinding, stripped; the
#                           slowest build (two serial steps per function)
#   lambda-ci               scripts/test.sh: the same without LTO and with 16
#                           codegen units, to keep CI's run short; a little larger
# `--profile` (not `--release`) also keeps cargo-lambda from applying its own
# release settings (codegen-units=1, panic=abort): the profile says everything.
# Artefacts go to target/lambda/<profile>/<binary>/bootstrap, so a CI build never
# overwrites the deployed one.
#
# An artefact over LAMBDA_MAX_ZIP_BYTES zipped fails (default 5,000,000: the
# goal for every function; Lambda's own limit is 50 MB).
#
#   scripts/lambda-build.sh            every function that exists
#   scripts/lambda-build.sh survey     only these crates (folder names)
#   LAMBDA_PROFILE=lambda-ci LAMBDA_MAX_ZIP_BYTES=6000000 scripts/lambda-build.sh
#   scripts/lambda-build.sh --sam survey DIR
#                                      `sam build` (functions/<crate>/Makefile):
#                                      every function, then survey's bootstrap
#                                      copied into DIR (SAM's ARTIFACTS_DIR)
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

sam_binary=""
sam_dir=""
if [ "${1:-}" = "--sam" ]; then
    [ $# -eq 3 ] || { echo "usage: scripts/lambda-build.sh --sam <binary> <artifacts-dir>" >&2; exit 2; }
    sam_binary="$2"
    sam_dir="$3"
    shift 3
fi
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

profile="${LAMBDA_PROFILE:-lambda-small}"
lambda_dir="$target_dir/lambda/$profile"
if [ ${#built[@]} -gt 0 ]; then
    echo "== cargo lambda build --profile $profile --arm64 ${packages[*]}"
    start=$(date +%s)
    # shellcheck disable=SC2086 # extra flags (e.g. --timings) are meant to split
    cargo lambda build --profile "$profile" --arm64 --lambda-dir "$lambda_dir" "${packages[@]}" ${CARGO_LAMBDA_FLAGS:-}
    echo "== built ${#built[@]} function(s) in $(( $(date +%s) - start )) s (profile $profile)"
fi

for s in "${skipped[@]+"${skipped[@]}"}"; do echo "skipped $s"; done
[ ${#built[@]} -gt 0 ] || { echo "lambda-build: nothing to build"; exit 0; }

echo
echo "== artefacts ($lambda_dir/<binary>/bootstrap)"
too_big=0
for b in "${built[@]}"; do
    logical="${b%%:*}"
    binary="${b#*:}"
    "$py" - "$logical" "$lambda_dir/$binary/bootstrap" "${LAMBDA_MAX_ZIP_BYTES:-5000000}" <<'EOF' || too_big=1
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
print(f"{logical:<22} {raw:>10,} bytes ({raw/1048576:5.1f} MiB)   zipped {zipped:>10,} bytes ({zipped/1e6:4.2f} MB, {zipped/1048576:4.2f} MiB)   {arch}")
if arch != "aarch64":
    sys.exit(f"{logical}: built for {arch}, Lambda runs it on arm64")
if zipped > limit:
    sys.exit(f"{logical}: {zipped:,} bytes zipped, over the {limit:,} byte budget (LAMBDA_MAX_ZIP_BYTES)")
EOF
done
[ "$too_big" -eq 0 ] || { echo "lambda-build: an artefact is wrong or over budget (above)" >&2; exit 1; }

if [ -n "$sam_binary" ]; then
    [ -f "$lambda_dir/$sam_binary/bootstrap" ] || { echo "lambda-build: no function builds a binary named $sam_binary" >&2; exit 1; }
    mkdir -p "$sam_dir"
    cp "$lambda_dir/$sam_binary/bootstrap" "$sam_dir/bootstrap"
    echo "== $sam_binary: bootstrap copied to $sam_dir"
fi

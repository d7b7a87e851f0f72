#!/usr/bin/env bash
# Builds the Lambda functions named in infra/template.yaml for arm64 (release,
# as `sam build` does with cargo-lambda) and prints each artefact's size, raw
# and zipped as Lambda receives it.
#
# The functions are read from the template (CodeUri ../functions/<crate>,
# BuildProperties.Binary); a crate that is not written yet is listed and
# skipped. Installs cargo-lambda and ziglang (its cross-linker) from PyPI and
# the aarch64 standard library with rustup when missing; a missing tool fails.
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
while read -r logical folder binary; do
    crate="$(basename "$folder")"
    wanted "$crate" || continue
    if [ ! -f "$folder/Cargo.toml" ] || { [ ! -f "$folder/src/main.rs" ] && ! grep -q '^\[\[bin\]\]' "$folder/Cargo.toml"; }; then
        skipped+=("$logical ($folder: not written yet)")
        continue
    fi
    echo "== cargo lambda build --release --arm64 --bin $binary   ($folder, $logical)"
    (cd "$folder" && cargo lambda build --release --arm64 --bin "$binary")
    built+=("$logical:$binary")
done <<<"$functions"

for s in "${skipped[@]+"${skipped[@]}"}"; do echo "skipped $s"; done
[ ${#built[@]} -gt 0 ] || { echo "lambda-build: nothing to build"; exit 0; }

echo
echo "== artefacts ($target_dir/lambda/<binary>/bootstrap)"
for b in "${built[@]}"; do
    logical="${b%%:*}"
    binary="${b#*:}"
    "$py" - "$logical" "$target_dir/lambda/$binary/bootstrap" <<'EOF'
import io, os, stat, sys, zipfile
logical, path = sys.argv[1], sys.argv[2]
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
EOF
done

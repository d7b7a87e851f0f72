#!/usr/bin/env bash
# Runs every test of the project: formatting and lints, the Rust workspace
# (with the DynamoDB contract suite against a local moto server), the arm64
# build of every Lambda function, and the headless-browser tests of the built
# site. Installs what it needs first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

started=$(date +%s)
# Each stage's header says how far into the run it starts, so a slow stage shows in CI's log.
stage() { echo "== [$(( $(date +%s) - started )) s] $*"; }

stage "setup"
scripts/setup.sh

stage "cargo fmt --check"
cargo fmt --all -- --check

stage "layout (crates only on lower floors, no import circle inside a crate)"
python3 scripts/check-layers.py

# Clippy lints the workspace's crates while `cargo test` compiles them, with
# clippy-driver as the workspace's rustc wrapper (what `cargo clippy` itself
# does, over `cargo check`). A separate `cargo clippy --all-targets` would
# type-check every dependency a second time: about 5 of a clean run's minutes
# on 2 cores. `cargo test` builds the same targets as --all-targets (lib, bins,
# tests, examples; the workspace has no benches), and a lint fails the build.
RUSTC_WORKSPACE_WRAPPER="$(rustup which clippy-driver 2>/dev/null || command -v clippy-driver)" \
    || { echo "test.sh: clippy-driver not found (rustup component add clippy)" >&2; exit 1; }
export RUSTC_WORKSPACE_WRAPPER
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"

CCHC_DYNAMODB_ENDPOINT="$(scripts/moto.sh start)"
export CCHC_DYNAMODB_ENDPOINT
trap 'scripts/moto.sh stop >/dev/null 2>&1 || true' EXIT
stage "moto server at $CCHC_DYNAMODB_ENDPOINT"

stage "infrastructure (cfn-lint on the SAM template, and proof it catches a broken copy)"
scripts/infra-test.sh

stage "cargo test (and clippy -D warnings on the workspace)"
cargo test --workspace

# The lambda-ci profile (root Cargo.toml): proves every function builds and
# links for arm64 without the deployed profile's cost (fat LTO, one codegen
# unit, the SDK's generated code optimised for size). Its artefacts are larger
# than the deployed ones (3.6-6.2 MB zipped against 2.2-3.7), so its guard is its own,
# 7.5 MB: a regression guard (SQLite or a second TLS stack creeping into a
# function), while the 5 MB goal is enforced by `sam build` (lambda-small) and
# measured by bench/run.sh. It takes about 5 minutes of a clean run.
stage "Lambda functions: one arm64 build of all (profile lambda-ci), artefact sizes (scripts/lambda-build.sh)"
env -u RUSTC_WORKSPACE_WRAPPER -u CLIPPY_ARGS \
    LAMBDA_PROFILE=lambda-ci LAMBDA_MAX_ZIP_BYTES="${LAMBDA_CI_MAX_ZIP_BYTES:-7500000}" scripts/lambda-build.sh

stage "search client (node)"
node --test generator/search/tests/js/

stage "browser tests"
# The cchc binary `cargo test` built for the CLI tests (CARGO_BIN_EXE_cchc). A
# `cargo build --bin cchc` here would resolve features for the cchc package alone,
# not for the whole workspace with its dev-dependencies, and rebuild dozens of
# dependencies for nothing: 4 to 5 minutes of a clean run.
cchc_bin="$root/target/debug/cchc"
[ -x "$cchc_bin" ] || { echo "test.sh: $cchc_bin was not built by cargo test" >&2; exit 1; }
(cd tests/browser && CCHC_BIN="$cchc_bin" npm test --silent)
stage "all tests passed"

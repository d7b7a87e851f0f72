#!/usr/bin/env bash
# Runs every test of the project: formatting and lints, the Rust workspace
# (with the DynamoDB contract suite against a local moto server), the arm64
# build of every Lambda function, and the headless-browser tests of the built
# site. Installs what it needs first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/setup.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings

CCHC_DYNAMODB_ENDPOINT="$(scripts/moto.sh start)"
export CCHC_DYNAMODB_ENDPOINT
trap 'scripts/moto.sh stop >/dev/null 2>&1 || true' EXIT
echo "== moto server at $CCHC_DYNAMODB_ENDPOINT"

echo "== infrastructure (cfn-lint on the SAM template, and proof it catches a broken copy)"
scripts/infra-test.sh

echo "== cargo test"
cargo test --workspace

# The lambda-ci profile: the deployed lambda-small without fat LTO and with 16
# codegen units. From scratch it is only ~10 % faster on 2 cores (the AWS SDK
# crates dominate), but after a change to a shared crate it relinks all five
# functions in ~40 s where lambda-small takes ~9 min (BENCHMARKS.md, Functions).
# Its artefacts are ~1.5x the deployed ones, so its guard, 7.5 MB, stands for
# the 5 MB that `sam build` (lambda-small) enforces.
echo "== Lambda functions: one arm64 build of all (profile lambda-ci), artefact sizes (scripts/lambda-build.sh)"
LAMBDA_PROFILE=lambda-ci LAMBDA_MAX_ZIP_BYTES=7500000 scripts/lambda-build.sh

echo "== search client (node)"
node --test generator/search/tests/js/

echo "== browser tests"
cargo build --quiet --bin cchc
(cd tests/browser && CCHC_BIN="$root/target/debug/cchc" npm test --silent)

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

echo "== Lambda functions: one arm64 release build of all, artefact sizes (scripts/lambda-build.sh)"
scripts/lambda-build.sh

echo "== search client (node)"
node --test generator/search/tests/js/

echo "== browser tests"
cargo build --quiet --bin cchc
(cd tests/browser && CCHC_BIN="$root/target/debug/cchc" npm test --silent)

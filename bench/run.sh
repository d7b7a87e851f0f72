#!/usr/bin/env bash
# The benchmark, from one command (see BENCHMARKS.md):
#
#   bench/run.sh                         builds of 1,000 and 10,000 pages with cchc, Hugo and
#                                        Eleventy (3 timed runs each), serve re-render latency,
#                                        search bytes, page weight, functions, survey submit
#   bench/run.sh --runs 5 --parts build  any of: build,serve,search,weight,functions,submit
#
# Installs its peers when missing (Debian's hugo, @11ty/eleventy from npm), builds the
# release binaries it measures, writes corpora and outputs under target/bench/, and prints
# markdown tables plus the goals met or missed. It is not a test: scripts/test.sh does not run it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bench/setup.sh
echo "bench: cargo build --release (cchc, corpus, submit-latency)" >&2
cargo build --release -q --bin cchc
cargo build --release -q -p bench --bins
exec python3 bench/run.py "$@"

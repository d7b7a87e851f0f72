#!/usr/bin/env bash
# Publishes a built site (`cchc build` output) to the site bucket and
# invalidates, on CloudFront, only the HTML pages this publish changed.
#
# The deploy workflow uses `cchc publish` (src/cmd/publish.rs); this is the
# equivalent with only the AWS CLI, for a machine without the Rust toolchain.
# Use one or the other on a bucket: their manifests differ, so switching costs
# one full upload.
#
#   infra/publish-site.sh <public-dir> <bucket> [<distribution-id>]
#
# Runs anywhere the AWS CLI has credentials (AWS_ENDPOINT_URL is honoured,
# e.g. a local moto server).
#
# What changed is decided by content, not by timestamps: a fresh build gives
# every file a new mtime, so `aws s3 sync` alone would upload (and we would
# invalidate) everything. The bucket keeps the SHA-256 of each file of the last
# publish (_deploy/manifest.sha256); files whose hash is unchanged get an old
# mtime, so sync skips them and its output lists exactly what changed.
#
# Order, so that no page ever points at a file that is not there yet:
#   1. fingerprinted assets (assets/name.<8 hex>.ext): Cache-Control one year,
#      immutable; never overwritten, never deleted while a live or previous
#      page may use them
#   2. other files (plain-named assets, search index, documents, feeds): 5 min
#   3. HTML, text/html; charset=utf-8, 5 min, and --delete of removed pages
#   4. --delete of removed non-HTML files; fingerprinted assets used by neither
#      this nor the previous publish
#   5. the new manifest, then one invalidation of the changed HTML paths
set -euo pipefail

src="${1:?usage: publish-site.sh <public-dir> <bucket> [distribution-id]}"
bucket="${2:?usage: publish-site.sh <public-dir> <bucket> [distribution-id]}"
dist="${3:-}"
src="${src%/}"
[ -f "$src/index.html" ] || { echo "publish-site: $src/index.html missing: build the site first" >&2; exit 1; }

manifest_key="_deploy/manifest.sha256"
hashed='*.[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].*'
short='public, max-age=300'
page='public, max-age=300, must-revalidate'
immutable='public, max-age=31536000, immutable'
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- what changed since the last publish -----------------------------------
(cd "$src" && find . -type f ! -path './_deploy/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) |
    sed 's|  \./|  |' >"$work/manifest"
if aws s3 cp --only-show-errors "s3://$bucket/$manifest_key" "$work/previous" 2>/dev/null; then
    echo "publish-site: comparing with the previous publish's manifest"
else
    echo "publish-site: no previous manifest: everything is new"
    : >"$work/previous"
fi
# Unchanged files get mtime 1970 (never newer than the object in the bucket);
# changed and new files get "now".
awk 'FILENAME == ARGV[1] { seen[$0] = 1; next } { print (($0 in seen) ? "same" : "changed") "\t" substr($0, 67) }' \
    "$work/previous" "$work/manifest" >"$work/status"
unchanged=0
changed=0
while IFS=$'\t' read -r state path; do
    if [ "$state" = same ]; then
        touch -d '@86400' "$src/$path"
        unchanged=$((unchanged + 1))
    else
        touch "$src/$path"
        changed=$((changed + 1))
    fi
done <"$work/status"
echo "publish-site: $changed new or changed file(s), $unchanged unchanged"

s3sync() { aws s3 sync --no-progress "$@" | tee -a "$work/sync.log"; }

# 1. Fingerprinted assets.
if [ -d "$src/assets" ]; then
    s3sync "$src/assets" "s3://$bucket/assets" --exclude '*' --include "$hashed" \
        --cache-control "$immutable"
fi
# 2. Everything else but HTML (content type guessed from the extension).
s3sync "$src" "s3://$bucket" --exclude '*.html' --exclude "assets/$hashed" --exclude '_deploy/*' \
    --cache-control "$short"
# 3. HTML, and removal of pages that are gone.
s3sync "$src" "s3://$bucket" --exclude '*' --include '*.html' \
    --content-type 'text/html; charset=utf-8' --cache-control "$page" --delete >"$work/html.log"
cat "$work/html.log"
# 4. Removal of other files that are gone (nothing is left to upload here).
s3sync "$src" "s3://$bucket" --exclude '*.html' --exclude "assets/$hashed" --exclude '_deploy/*' \
    --cache-control "$short" --delete
# Fingerprinted assets that neither this publish nor the previous one uses:
# pages cached before this publish (up to five minutes) still find theirs.
aws s3 ls "s3://$bucket/assets/" | awk '{ print "assets/" $4 }' |
    grep -E '\.[0-9a-f]{8}\.[^/]+$' >"$work/remote-assets" || true
cut -c67- "$work/manifest" "$work/previous" | sort -u >"$work/keep"
grep -vxF -f "$work/keep" "$work/remote-assets" >"$work/stale-assets" || true
while read -r key; do
    [ -n "$key" ] && aws s3 rm --only-show-errors "s3://$bucket/$key" && echo "delete: s3://$bucket/$key (stale asset)"
done <"$work/stale-assets"

# 5. The manifest, last: a publish that failed half-way is redone from the old one.
aws s3 cp --only-show-errors "$work/manifest" "s3://$bucket/$manifest_key" \
    --content-type 'text/plain; charset=utf-8' --cache-control 'no-store'

# Invalidate the changed HTML paths, as CloudFront sees them: a page
# a/b/index.html is requested as /a/b/ (rewritten to /a/b/index.html).
python3 - "$bucket" "$work/html.log" >"$work/paths" <<'EOF'
import sys, urllib.parse
bucket, log = sys.argv[1], sys.argv[2]
prefix = f"s3://{bucket}/"
paths = set()
for line in open(log, encoding="utf-8"):
    line = line.strip()
    if line.startswith("upload: "):
        key = line.rsplit(" to " + prefix, 1)[-1]
    elif line.startswith("delete: "):
        key = line[len("delete: "):].split(prefix, 1)[-1]
    else:
        continue
    if not key.endswith(".html"):
        continue
    quoted = "/" + urllib.parse.quote(key, safe="/-._~")
    paths.add(quoted)
    if quoted.endswith("/index.html"):
        paths.add(quoted[: -len("index.html")])
for p in sorted(paths):
    print(p)
EOF
count="$(wc -l <"$work/paths")"
if [ "$count" -eq 0 ]; then
    echo "publish-site: no HTML changed: nothing to invalidate"
    exit 0
fi
if [ "$count" -gt 500 ]; then
    # One wildcard costs one path of the 1,000 free each month; 500 do not.
    echo "publish-site: $count HTML paths changed: invalidating /*"
    printf '/*\n' >"$work/paths"
fi
if [ -z "$dist" ]; then
    echo "publish-site: no distribution given; would invalidate:"
    sed 's/^/    /' "$work/paths"
    exit 0
fi
mapfile -t paths <"$work/paths"
echo "publish-site: invalidating ${#paths[@]} path(s) on $dist"
aws cloudfront create-invalidation --distribution-id "$dist" --paths "${paths[@]}" \
    --query 'Invalidation.{Id:Id,Status:Status}' --output text

#!/usr/bin/env bash
# Lints the production templates with cfn-lint: infra/template.yaml as written
# (SAM) and as CloudFormation will deploy it (expanded by the SAM translator,
# infra/sam_transform.py), and infra/waf.yaml. Then proves the lint can fail:
# copies of the template with one deliberate mistake each (an invalid Lambda
# runtime; a reference to a resource that does not exist) must be rejected,
# with the mistake named in the report.
#
# Installs cfn-lint and aws-sam-translator from PyPI when missing (recent
# cfn-lint releases no longer pull the translator in); a missing tool fails
# the run. The project's own invariants (CSP, IAM, table, alarms) are checked
# by tests/infra_*.rs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# One interpreter for everything, so the translator is the one cfn-lint sees.
py=python3
if ! "$py" -c 'import cfnlint, samtranslator' >/dev/null 2>&1; then
    echo "infra-test: pip install cfn-lint aws-sam-translator"
    "$py" -m pip install --quiet cfn-lint aws-sam-translator || {
        echo "infra-test: could not install cfn-lint" >&2
        exit 1
    }
fi
"$py" -c 'import cfnlint, samtranslator' || {
    echo "infra-test: cfn-lint or aws-sam-translator is still missing after pip install" >&2
    exit 1
}
cfn_lint() { "$py" -c 'import sys; from cfnlint.runner import main; sys.exit(main())' "$@"; }
echo "== cfn-lint $(cfn_lint --version | awk '{print $NF}'), aws-sam-translator $("$py" -c 'import samtranslator; print(samtranslator.__version__)')"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Lints a SAM template in both forms; prints the findings, fails if either fails.
lint_sam() {
    local file="$1" expanded="$work/expanded.json" status=0
    cfn_lint --regions ap-southeast-1 -- "$file" || status=1
    if "$py" infra/sam_transform.py "$file" >"$expanded"; then
        # W1020: SAM itself resolves ${Environment} in a layer's name and leaves an
        # Fn::Sub with nothing to substitute; not something the template can change.
        cfn_lint --regions ap-southeast-1 --ignore-checks W1020 -- "$expanded" || status=1
    else
        status=1
    fi
    return "$status"
}

failed=0
check() {
    local name="$1"
    shift
    if "$@"; then
        echo "PASS $name"
    else
        echo "FAIL $name"
        failed=1
    fi
}
# The main stack lives in ap-southeast-1; a CLOUDFRONT-scope web ACL only in us-east-1.
check "cfn-lint infra/template.yaml (SAM source and expanded CloudFormation, ap-southeast-1)" \
    lint_sam infra/template.yaml
check "cfn-lint infra/waf.yaml (us-east-1)" cfn_lint --regions us-east-1 -- infra/waf.yaml

# The negative checks: each mistake in its own copy (a reference error can stop
# other rules from running), and each must fail the lint and be named.
must_reject() {
    local what="$1" sed_expr="$2" marker="$3"
    local copy="$work/broken.yaml" status=0
    sed -e "$sed_expr" infra/template.yaml >"$copy"
    if ! grep -q "$marker" "$copy"; then
        echo "FAIL could not make the copy with $what: infra/template.yaml changed shape?"
        failed=1
        return
    fi
    lint_sam "$copy" >"$work/broken.out" 2>&1 || status=$?
    if [ "$status" -ne 0 ] && grep -q "$marker" "$work/broken.out"; then
        echo "PASS cfn-lint rejects a copy with $what:"
        grep -m1 "$marker" "$work/broken.out" | cut -c1-110 | sed 's/^/    /'
    else
        echo "FAIL cfn-lint accepted a copy with $what:"
        sed 's/^/    /' "$work/broken.out" | head -20
        failed=1
    fi
}
must_reject "an invalid Lambda runtime" \
    '0,/Runtime: provided\.al2023/s//Runtime: provided.al2099/' 'provided.al2099'
must_reject "a reference to a missing resource" \
    's/!GetAtt InvitationsFailureQueue\.Arn/!GetAtt NoSuchQueue.Arn/' 'NoSuchQueue'

if [ "$failed" -ne 0 ]; then
    echo "infra-test: FAILED"
    exit 1
fi
echo "infra-test: all checks passed"

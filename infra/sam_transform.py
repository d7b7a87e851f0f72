"""Expands a SAM template into the plain CloudFormation that CloudFormation
itself would deploy, so that cfn-lint can check the generated resources too.

    python3 infra/sam_transform.py infra/template.yaml > transformed.json

Why: cfn-lint validates AWS::Serverless::* resources against SAM's own schema,
which (in recent cfn-lint releases) does not enumerate Lambda runtimes or
architectures; after the transform they are AWS::Lambda::Function properties,
which it does check. scripts/infra-test.sh lints both forms.

Local CodeUri / ContentUri folders (../functions/<crate>, ../content) are replaced by placeholder S3
locations, as `sam package` would; no AWS call is made.
"""

import json
import os
import sys

# The translator asks a boto session for the region; no credentials are needed.
os.environ["AWS_DEFAULT_REGION"] = "ap-southeast-1"

from cfnlint.decode import decode
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    """The template uses inline policy statements only: nothing to look up."""

    def load(self):
        return {}


def main(path):
    template, matches = decode(path)
    if matches:
        for m in matches:
            print(m, file=sys.stderr)
        return 2
    local = {
        "AWS::Serverless::Function": "CodeUri",
        "AWS::Serverless::LayerVersion": "ContentUri",
    }
    for name, res in template.get("Resources", {}).items():
        prop = local.get(res.get("Type"))
        uri = res.get("Properties", {}).get(prop) if prop else None
        if isinstance(uri, str) and not uri.startswith("s3://"):
            res["Properties"][prop] = f"s3://placeholder-bucket/{name}.zip"
    params = {"AWS::Region": "ap-southeast-1", "AWS::Partition": "aws"}
    out = transform(template, params, NoManagedPolicies())
    json.dump(out, sys.stdout, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

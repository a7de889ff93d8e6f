#!/usr/bin/env python3
"""botocore's SigV4Auth as the oracle for bedrock-setup's signer.

Reads JSON lines (one signed request each, with the signature our signer produced) and signs
each request again with botocore. Prints {"checked": N, "mismatches": M, "examples": [...]}.
"""
import base64
import json
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    checked, mismatches, examples = 0, 0, []
    with open(sys.argv[1]) as handle:
        for line in handle:
            case = json.loads(line)
            url = f"https://{case['host']}{case['path']}" + (f"?{case['query']}" if case["query"] else "")
            request = AWSRequest(method=case["method"], url=url, data=base64.b64decode(case["body"]))
            # Message-style headers: assigning a name again adds a value, as repeated headers need.
            for name, value in case["headers"]:
                if name.lower() not in ("authorization", "host"):
                    request.headers[name] = value
            request.headers["X-Amz-Date"] = case["date"]
            if case.get("token"):
                request.headers["X-Amz-Security-Token"] = case["token"]
            request.context["timestamp"] = case["date"]
            signer = SigV4Auth(Credentials(case["access"], case["secret"], case.get("token")), case["service"], case["region"])
            canonical = signer.canonical_request(request)
            signature = signer.signature(signer.string_to_sign(request, canonical), request)
            checked += 1
            if signature != case["signature"]:
                mismatches += 1
                if len(examples) < 5:
                    examples.append({"path": case["path"], "query": case["query"], "botocore_canonical": canonical,
                                     "ours_canonical": case.get("canonical")})
    print(json.dumps({"checked": checked, "mismatches": mismatches, "examples": examples}))


if __name__ == "__main__":
    main()

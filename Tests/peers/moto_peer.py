#!/usr/bin/env python3
"""Starts moto's server on 127.0.0.1 with request authentication enforced.

Creates an IAM user with an access key and full permissions, a role it may assume, then turns
auth on (POST 0 to /moto-api/reset-auth; not with --open, for the unsigned calls moto's auth cannot
take), and prints one JSON line:
{"port": N, "access_key_id": ..., "secret_access_key": ..., "role_arn": ..., "account": ...}
Runs until killed.
"""
import json
import socket
import sys
import time
import urllib.request

from peer_common import exit_with_parent

import boto3
from moto.server import ThreadedMotoServer


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    exit_with_parent()
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    setup = dict(region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id="setup", aws_secret_access_key="setup")
    iam = boto3.client("iam", **setup)
    iam.create_user(UserName="dev")
    admin = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    iam.put_user_policy(UserName="dev", PolicyName="all", PolicyDocument=admin)
    key = iam.create_access_key(UserName="dev")["AccessKey"]
    account = boto3.client("sts", **setup).get_caller_identity()["Account"]
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:user/dev"},
                                                                "Action": "sts:AssumeRole"}]})
    role = iam.create_role(RoleName="BedrockUser", AssumeRolePolicyDocument=trust)["Role"]
    iam.put_role_policy(RoleName="BedrockUser", PolicyName="all", PolicyDocument=admin)
    if "--open" not in sys.argv[1:]:
        request = urllib.request.Request(endpoint + "/moto-api/reset-auth", data=b"0", method="POST",
                                         headers={"Content-Type": "text/plain"})
        urllib.request.urlopen(request).read()
    print(json.dumps({"port": port, "access_key_id": key["AccessKeyId"], "secret_access_key": key["SecretAccessKey"],
                      "role_arn": role["Arn"], "account": account}), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""botocore as the oracle for an SSO profile and the token cache another program wrote.

Usage: sso_oracle.py PROFILE [credentials|token]
  credentials  boto3.Session(profile_name=PROFILE) resolves the role credentials (botocore's
               SSO provider: it reads ~/.aws/sso/cache and calls the portal's GetRoleCredentials)
  token        botocore's own SSO token provider loads the cached token, refreshing it (SSO OIDC
               CreateToken, grant refresh_token) and writing the cache back when under 15 minutes remain
The SDK endpoint variables (AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL_SSO_OIDC) point it at the stand-in.
Prints JSON; a botocore error prints {"error": "..."}.
"""
import json
import sys

import boto3
import botocore.exceptions
from botocore.tokens import SSOTokenProvider


def main() -> int:
    profile, mode = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "credentials")
    try:
        session = boto3.Session(profile_name=profile)
        if mode == "token":
            token = SSOTokenProvider(session._session, profile_name=profile).load_token().get_frozen_token()
            print(json.dumps({"token": token.token, "expiration": token.expiration.isoformat() if token.expiration else None}))
        else:
            frozen = session.get_credentials().get_frozen_credentials()
            print(json.dumps({"access_key": frozen.access_key, "secret_key": frozen.secret_key, "token": frozen.token}))
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as error:
        print(json.dumps({"error": str(error)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

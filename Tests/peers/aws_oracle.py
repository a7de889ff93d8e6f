#!/usr/bin/env python3
"""How botocore reads the AWS shared files: the oracle for bedrock-setup's INI reader and writer.

Reads AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE from the environment (as every SDK does)
and prints JSON: every profile's merged settings, and the static credentials botocore resolves
for each profile that has them. A file botocore refuses prints {"error": "..."}.

With --resolve, prints what the AWS CLI / boto3 would use in this environment, in the shape of
bedrock-setup's `doctor --json` `awsCli` object: {"region", "source", "profile", "method", "ok"}.

With --resolve-batch, reads a JSON list of environments on standard input and prints a list of
such answers.

With --batch, reads a JSON list of config-file texts on standard input and prints a JSON list
of views, one per text (one Python start for a whole property test).
"""
import json
import os
import sys
import tempfile

import botocore.session
from botocore.exceptions import ConfigParseError, ProfileNotFound


def view():
    session = botocore.session.Session()
    try:
        profiles = session.full_config.get("profiles", {})
        sessions = session.full_config.get("sso_sessions", {})
        creds_file = botocore.configloader.raw_config_parse(
            session.get_config_variable("credentials_file"))
    except ConfigParseError as error:
        return {"error": str(error)}
    merged = {}
    for name in set(profiles) | set(creds_file):
        values = dict(profiles.get(name, {}))
        values.update(creds_file.get(name, {}))
        merged[name] = {k: v for k, v in values.items() if isinstance(v, str)}
    resolved = {}
    for name in merged:
        if "aws_access_key_id" not in merged[name]:
            continue
        try:
            creds = botocore.session.Session(profile=name).get_credentials()
        except ProfileNotFound:
            continue
        if creds is not None:
            frozen = creds.get_frozen_credentials()
            resolved[name] = {"access_key": frozen.access_key, "secret_key": frozen.secret_key}
    return {"profiles": merged, "sso_sessions": sessions, "credentials": resolved}


METHODS = {
    "env": ("environment", None),
    "assume-role": ("profile", "role"),
    "assume-role-with-web-identity": ("profile", "web-identity"),
    "sso": ("profile", "sso"),
    "shared-credentials-file": ("profile", "static-keys"),
    "config-file": ("profile", "static-keys"),
    "custom-process": ("profile", "credential-process"),
    "login": ("profile", "login"),
}


def resolve():
    session = botocore.session.Session()
    answer = {"region": None, "source": "none", "profile": None, "method": None, "ok": False}
    try:
        answer["region"] = session.get_config_variable("region") or None
    except Exception:  # ProfileNotFound, ConfigParseError: the CLI has no Region either
        pass
    try:
        creds = session.get_credentials()
    except Exception as error:
        answer["error"] = type(error).__name__
        return answer
    if creds is None:
        return answer
    source, method = METHODS.get(creds.method, ("profile", creds.method))
    answer.update(source=source, method=method, ok=True)
    if source == "profile":
        answer["profile"] = session.get_config_variable("profile") or "default"
    return answer


def batch():
    texts = json.load(sys.stdin)
    views = []
    with tempfile.TemporaryDirectory() as folder:
        os.environ["AWS_CONFIG_FILE"] = os.path.join(folder, "config")
        os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(folder, "credentials")
        open(os.environ["AWS_SHARED_CREDENTIALS_FILE"], "w").close()
        for text in texts:
            with open(os.environ["AWS_CONFIG_FILE"], "w", newline="") as handle:
                handle.write(text)
            views.append(view())
    print(json.dumps(views, sort_keys=True))


def main() -> int:
    if sys.argv[1:] == ["--batch"]:
        batch()
    elif sys.argv[1:] == ["--resolve"]:
        print(json.dumps(resolve(), sort_keys=True))
    elif sys.argv[1:] == ["--resolve-batch"]:
        # One environment per entry (one Python start for a whole table of cases).
        answers = []
        for environment in json.load(sys.stdin):
            os.environ.clear()
            os.environ.update(environment)
            answers.append(resolve())
        print(json.dumps(answers, sort_keys=True))
    else:
        print(json.dumps(view(), sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""A small local fake of what moto lacks: Bedrock's control plane and the SSO portal.

It speaks the documented wire format (REST-JSON with x-amzn-ErrorType) of
ListInferenceProfiles (paginated), GetInferenceProfile, GetFoundationModelAvailability,
ListFoundationModels, InvokeModel, the SSO portal's GetRoleCredentials, and STS's
GetCallerIdentity in the query protocol (XML, with a decoy member inside a comment, as a reader
that searches substrings would take). Every SigV4
signature is verified by recomputing it with botocore's own SigV4Auth, so the fake cannot
agree with a wrong signer, and the request time is checked for clock skew like AWS does.
The Region is taken from the signature's credential scope, so one server stands in for
every Region.

Switches (POST /_fake/config with JSON, merged into the current config):
  fail: {operation or "*": mode}  modes: iam-deny scp-deny model-not-enabled use-case-form on-demand
        invalid-model legacy throttle server-error truncated wrong-content-type stall expired-token
        endless-body huge-error huge-header escapes
        invalid-key close sts-deny (STS's XML AccessDenied) unavailable (503) request-timeout (408)
        quota (ServiceQuotaExceededException)
  error_namespace: "ns#"          error codes sent in the `namespace#Code` form
  availability: {field: value}    merged into GetFoundationModelAvailability's answer
  omit_list: true                 ListInferenceProfiles answers without its list member
  fail_regions: {region: mode}    the same modes, for every call signed for that Region
  latency_ms: n                   added to every answer; region_latency_ms: {region: n}
  page_size: n                    ListInferenceProfiles page size (forces pagination)
  server_skew_seconds: n          the Date header is shifted by n seconds
  bearer_tokens: [..]             accepted Bedrock API keys
  sso_tokens: [..]                accepted SSO access tokens
  sso_credentials: {access_key_id, secret_access_key}
                                  what the SSO portal hands out (e.g. moto's user, so STS accepts it too)
Prints its port on the first line of standard output; binds 127.0.0.1 only.
"""
import datetime
import email.utils
import json
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from peer_common import serve_on_loopback

ACCOUNT = "123456789012"
KEYS = {
    "AKIAFAKEEXAMPLE00001": ("fakeSecretKey0000000000000000000000000001", None),
}
CATALOGUE = json.load(open(sys.argv[1])) if len(sys.argv) > 1 else None

STATE = {
    "fail": {},
    "fail_regions": {},
    "latency_ms": 0,
    "region_latency_ms": {},
    "page_size": 1000,
    "server_skew_seconds": 0,
    "bearer_tokens": [],
    "sso_tokens": [],
    "requests": [],
    "error_namespace": "",
    "availability": {},
    "omit_list": False,
}
LOCK = threading.Lock()

ERRORS = {
    "iam-deny": (403, "AccessDeniedException",
                 "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:{action} on resource: {resource} "
                 "because no identity-based policy allows the bedrock:{action} action"),
    "scp-deny": (403, "AccessDeniedException",
                 "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:{action} on resource: {resource} "
                 "with an explicit deny in a service control policy"),
    "model-not-enabled": (403, "AccessDeniedException", "You don't have access to the model with the specified model ID."),
    "use-case-form": (404, "ResourceNotFoundException",
                      "Model use case details have not been submitted for this account. Fill out the Anthropic use case details form "
                      "before using the model."),
    "on-demand": (400, "ValidationException",
                  "Invocation of model ID {model} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN "
                  "of an inference profile that contains this model."),
    "invalid-model": (400, "ValidationException", "The provided model identifier is invalid."),
    "legacy": (404, "ResourceNotFoundException",
               "Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last "
               "30 days. Please upgrade to an active model on Amazon Bedrock"),
    "throttle": (429, "ThrottlingException", "Too many requests, please wait before trying again."),
    "server-error": (500, "InternalServerException", "Internal server error"),
    "expired-token": (403, "ExpiredTokenException", "The security token included in the request is expired"),
    "invalid-key": (403, "UnrecognizedClientException", "The security token included in the request is invalid."),
    "unavailable": (503, "ServiceUnavailableException", "Bedrock is unable to process your request."),
    "request-timeout": (408, "RequestTimeoutException", "The request timed out."),
    "quota": (400, "ServiceQuotaExceededException", "Your request exceeds the service quota for your account."),
}


def profiles_for(region):
    """System-defined profiles a caller in `region` sees, from the bundled catalogue."""
    result = []
    if CATALOGUE is None:
        return result
    sets = CATALOGUE["regionSets"]
    commercial = sorted({r["name"] for r in CATALOGUE["regions"] if not r["name"].startswith("us-gov-")})
    for model in CATALOGUE["models"]:
        if model.get("status") == "retired":  # Bedrock no longer lists a retired model's profiles
            continue
        for profile in model["profiles"]:
            if region not in sets[profile["sources"]]:
                continue
            destinations = commercial if profile["destinations"] == "ALL" else sets[profile["destinations"]]
            pid = profile["geography"] + "." + model["baseModelId"]
            partition = "aws-us-gov" if region.startswith("us-gov-") else "aws"
            result.append({
                "inferenceProfileName": profile["geography"].upper() + " " + model["name"],
                "inferenceProfileId": pid,
                "inferenceProfileArn": f"arn:{partition}:bedrock:{region}:{ACCOUNT}:inference-profile/{pid}",
                "models": [{"modelArn": f"arn:{partition}:bedrock:{d}::foundation-model/{model['baseModelId']}"} for d in destinations],
                "status": "ACTIVE",
                "type": "SYSTEM_DEFINED",
                "description": "Routes requests to " + model["name"],
                "createdAt": "2025-01-01T00:00:00Z",
                "updatedAt": "2025-01-01T00:00:00Z",
            })
    return result


def application_profiles(region):
    return [{
        "inferenceProfileName": "team-claude",
        "inferenceProfileId": "a1b2c3d4e5f6",
        "inferenceProfileArn": f"arn:aws:bedrock:{region}:{ACCOUNT}:application-inference-profile/a1b2c3d4e5f6",
        "models": [{"modelArn": f"arn:aws:bedrock:{region}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"}],
        "status": "ACTIVE",
        "type": "APPLICATION",
    }, {
        "inferenceProfileName": "team-opus",
        "inferenceProfileId": "0p4s6t7e8a9m",
        "inferenceProfileArn": f"arn:aws:bedrock:{region}:{ACCOUNT}:application-inference-profile/0p4s6t7e8a9m",
        "models": [{"modelArn": f"arn:aws:bedrock:{region}::foundation-model/anthropic.claude-opus-4-6-v1"}],
        "status": "ACTIVE",
        "type": "APPLICATION",
    }]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # Headers and body leave in two writes; without this, Nagle holds the body back until the
        # client's delayed ACK (40 ms) on a reused connection: a stall no AWS endpoint has.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send_json(self, status, payload, error_type=None, content_type="application/json"):
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        date = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=STATE["server_skew_seconds"])
        self.send_header("Date", email.utils.format_datetime(date, usegmt=True))
        self.send_header("x-amzn-RequestId", "fake-request-id")
        if error_type:
            namespaced = STATE["error_namespace"] + error_type
            self.send_header("x-amzn-ErrorType", namespaced if STATE["error_namespace"] else
                             error_type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
        self.end_headers()
        self.wfile.write(data)

    def send_xml(self, status, text):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Date", email.utils.format_datetime(datetime.datetime.now(datetime.timezone.utc), usegmt=True))
        self.end_headers()
        self.wfile.write(data)

    def error(self, mode, action="", resource="*", model=""):
        if mode == "stall":
            time.sleep(3600)
            return
        if mode == "close":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if mode == "truncated":
            data = b'{"inferenceProfileSummaries": [{"inferenceProfileId": "us.anthr'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        if mode == "wrong-content-type":
            self.send_json(200, b"<html><body>Corporate proxy login</body></html>", content_type="text/html")
            return
        if mode == "endless-body":
            # A body that never ends (chunked): a client must cap what it keeps.
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"A" * 65536
            try:
                while True:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                return
        if mode == "huge-error":
            # A 200 MB error body, sent as fast as the client reads it.
            size = 200 << 20
            self.send_response(500)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b"x" * (1 << 20)
            try:
                for _ in range(size >> 20):
                    self.wfile.write(chunk)
            except OSError:
                return
            return
        if mode == "huge-header":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            try:
                self.send_header("x-padding", "p" * (8 << 20))
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")
            except OSError:
                return
            return
        if mode == "escapes":
            # Terminal control sequences in a server's words: clipboard (OSC 52), title, clear screen, a fake verdict.
            message = "denied\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;owned\x07\x1b[2J\x1b[H\u001b[32mALL GOOD\u009b31m\u202e"
            self.send_json(403, {"message": message}, "AccessDeniedException")
            return
        if mode == "sts-deny":
            message = ("User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:{action} because no "
                       "identity-based policy allows the sts:{action} action").format(action=action)
            return self.send_xml(403, "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                                      f"<Code>AccessDenied</Code><Message>{message}</Message></Error>"
                                      "<RequestId>fake-request-id</RequestId></ErrorResponse>")
        status, code, message = ERRORS[mode]
        if STATE["error_namespace"]:
            body = {"__type": STATE["error_namespace"] + code, "message": message.format(action=action, resource=resource, model=model)}
            return self.send_json(status, body, code)
        self.send_json(status, {"message": message.format(action=action, resource=resource, model=model)}, code)

    def signature_problem(self, body):
        """None when the request is authentic; else (status, code, message)."""
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            if auth[7:] in STATE["bearer_tokens"]:
                return None
            return (403, "UnrecognizedClientException", "Invalid API Key format: Must start with pre-defined prefix")
        if not auth.startswith("AWS4-HMAC-SHA256 "):
            return (403, "MissingAuthenticationTokenException", "Missing Authentication Token")
        fields = dict(part.strip().split("=", 1) for part in auth[len("AWS4-HMAC-SHA256 "):].split(","))
        key_id, date, region, service, _ = fields["Credential"].split("/")
        if key_id not in KEYS:
            return (403, "UnrecognizedClientException", "The security token included in the request is invalid.")
        secret, token = KEYS[key_id]
        amz_date = self.headers.get("X-Amz-Date", "")
        when = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
        now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=STATE["server_skew_seconds"])
        if abs((now - when).total_seconds()) > 300:
            return (403, "InvalidSignatureException",
                    f"Signature expired: {amz_date} is now earlier than {(now - datetime.timedelta(minutes=5)).strftime('%Y%m%dT%H%M%SZ')} "
                    f"({now.strftime('%Y%m%dT%H%M%SZ')} - 5 min.)")
        signed_names = fields["SignedHeaders"].split(";")
        headers = {name: self.headers.get(name, "") for name in signed_names}
        url = f"http://{self.headers.get('Host')}{self.path}"
        request = AWSRequest(method=self.command, url=url, data=body, headers=headers)
        signer = SigV4Auth(Credentials(key_id, secret, self.headers.get("X-Amz-Security-Token")), service, region)
        request.context["timestamp"] = amz_date
        canonical = signer.canonical_request(request)
        string_to_sign = signer.string_to_sign(request, canonical)
        expected = signer.signature(string_to_sign, request)
        if expected != fields["Signature"]:
            return (403, "InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key "
                    "and signing method. Consult the service documentation for details.")
        return None

    def region(self):
        auth = self.headers.get("Authorization", "")
        if "Credential=" in auth:
            return auth.split("Credential=")[1].split("/")[2]
        return self.headers.get("X-Fake-Region", "us-east-1")

    def handle_any(self):
        body = self.body()
        parsed = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(parsed.query, keep_blank_values=True))
        path = parsed.path
        with LOCK:
            STATE["requests"].append({"method": self.command, "path": path, "query": query, "region": self.region(),
                                      "authorization": self.headers.get("Authorization", "").split(" ")[0]})
        if path == "/_fake/config" and self.command == "POST":
            with LOCK:
                STATE.update(json.loads(body or b"{}"))
            return self.send_json(200, {"ok": True})
        if path == "/_fake/requests":
            with LOCK:
                return self.send_json(200, STATE["requests"])
        if path == "/_fake/keys" and self.command == "POST":
            data = json.loads(body)
            KEYS[data["access_key_id"]] = (data["secret_access_key"], data.get("session_token"))
            return self.send_json(200, {"ok": True})

        if path == "/federation/credentials":
            return self.sso(query)

        problem = self.signature_problem(body)
        if problem:
            status, code, message = problem
            return self.send_json(status, {"message": message}, code)

        region = self.region()
        delay = STATE["region_latency_ms"].get(region, STATE["latency_ms"])
        if delay:
            time.sleep(delay / 1000.0)

        operation, model = self.operation(path, body)
        mode = STATE["fail_regions"].get(region) or STATE["fail"].get(operation) or STATE["fail"].get("*")
        if mode:
            return self.error(mode, action=operation, resource=f"arn:aws:bedrock:{region}:{ACCOUNT}:inference-profile/*", model=model)
        return getattr(self, "op_" + operation)(region, query, model, body)

    def operation(self, path, body=b""):
        if path == "/" and self.command == "POST":  # STS, query protocol
            action = dict(urllib.parse.parse_qsl(body.decode())).get("Action", "")
            return (action if action in ("GetCallerIdentity",) else "Unknown"), ""
        parts = [urllib.parse.unquote(p) for p in path.split("/") if p]
        if parts == ["inference-profiles"]:
            return "ListInferenceProfiles", ""
        if len(parts) == 2 and parts[0] == "inference-profiles":
            return "GetInferenceProfile", parts[1]
        if len(parts) == 2 and parts[0] == "foundation-model-availability":
            return "GetFoundationModelAvailability", parts[1]
        if parts == ["foundation-models"]:
            return "ListFoundationModels", ""
        if len(parts) == 3 and parts[0] == "model" and parts[2] == "invoke":
            return "InvokeModel", parts[1]
        return "Unknown", ""

    def op_Unknown(self, region, query, model, body):
        self.send_json(404, {"message": "Unknown operation"}, "UnknownOperationException")

    def op_ListInferenceProfiles(self, region, query, model, body):
        kind = query.get("type", "SYSTEM_DEFINED")
        everything = profiles_for(region) if kind == "SYSTEM_DEFINED" else application_profiles(region)
        size = min(int(query.get("maxResults", "1000")), int(STATE["page_size"]))
        start = int(query.get("nextToken", "0") or 0)
        page = everything[start:start + size]
        answer = {} if STATE["omit_list"] else {"inferenceProfileSummaries": page}
        if start + size < len(everything):
            answer["nextToken"] = str(start + size)
        self.send_json(200, answer)

    def op_GetInferenceProfile(self, region, query, model, body):
        for profile in profiles_for(region) + application_profiles(region):
            if model in (profile["inferenceProfileId"], profile["inferenceProfileArn"]):
                return self.send_json(200, profile)
        self.send_json(404, {"message": f"Inference profile {model} not found."}, "ResourceNotFoundException")

    def op_GetFoundationModelAvailability(self, region, query, model, body):
        answer = {"modelId": model, "agreementAvailability": {"status": "AVAILABLE"}, "authorizationStatus": "AUTHORIZED",
                  "entitlementAvailability": "AVAILABLE", "regionAvailability": "AVAILABLE"}
        self.send_json(200, {**answer, **STATE["availability"]})

    def op_GetCallerIdentity(self, region, query, model, body):
        self.send_xml(200, "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                           "  <!-- <Account>000000000000</Account> -->\n"
                           "  <GetCallerIdentityResult>\n"
                           f"    <Arn>arn:aws:iam::{ACCOUNT}:user/dev</Arn>\n"
                           "    <UserId>AIDAFAKEUSER00000001</UserId>\n"
                           f"    <Account>{ACCOUNT}</Account>\n"
                           "  </GetCallerIdentityResult>\n"
                           "  <ResponseMetadata><RequestId>fake-request-id</RequestId></ResponseMetadata>\n"
                           "</GetCallerIdentityResponse>")

    def op_ListFoundationModels(self, region, query, model, body):
        models = {} if CATALOGUE is None else {m["baseModelId"]: m["name"] for m in CATALOGUE["models"]}
        self.send_json(200, {"modelSummaries": [{
            "modelArn": f"arn:aws:bedrock:{region}::foundation-model/{mid}", "modelId": mid, "modelName": name,
            "providerName": "Anthropic", "inferenceTypesSupported": ["INFERENCE_PROFILE"], "modelLifecycle": {"status": "ACTIVE"},
        } for mid, name in models.items()]})

    def op_InvokeModel(self, region, query, model, body):
        request = json.loads(body)
        assert request["anthropic_version"] == "bedrock-2023-05-31" and request["max_tokens"] >= 1
        if model.startswith("anthropic."):
            return self.error("on-demand", model=model)
        self.send_json(200, {"id": "msg_fake", "type": "message", "role": "assistant", "model": model,
                             "content": [{"type": "text", "text": "Hi"}], "stop_reason": "max_tokens",
                             "usage": {"input_tokens": 8, "output_tokens": 1}})

    def sso(self, query):
        token = self.headers.get("x-amz-sso_bearer_token", "")
        if token not in STATE["sso_tokens"]:
            return self.send_json(401, {"message": "Session token not found or invalid"}, "UnauthorizedException")
        mode = STATE["fail"].get("GetRoleCredentials")
        if mode:
            return self.error(mode, action="GetRoleCredentials")
        handed = STATE.get("sso_credentials")
        if handed:
            key_id, secret, session = handed["access_key_id"], handed["secret_access_key"], None
        else:
            key_id = "ASIAFAKESSO" + query.get("account_id", "")[-9:].rjust(9, "0")
            secret = "ssoSecret" + "0" * 31
            session = "ssoSessionToken" + token[-6:]
            KEYS[key_id] = (secret, session)
        expiration = int((time.time() + 3600) * 1000)
        role = {"accessKeyId": key_id, "secretAccessKey": secret, "expiration": expiration}
        if session:
            role["sessionToken"] = session
        self.send_json(200, {"roleCredentials": role})

    do_GET = handle_any
    do_POST = handle_any
    do_PUT = handle_any
    do_DELETE = handle_any


if __name__ == "__main__":
    serve_on_loopback(Handler)

#!/usr/bin/env python3
"""A local stand-in for IAM Identity Center: SSO OIDC and the SSO portal, on 127.0.0.1.

It speaks the documented REST-JSON of RegisterClient, StartDeviceAuthorization, CreateToken
(device_code and refresh_token grants), ListAccounts, ListAccountRoles (paginated) and
GetRoleCredentials, with the service's error names in x-amzn-ErrorType and OAuth's
`error` / `error_description` fields in the body. Every request is checked against botocore's
own `sso-oidc` and `sso` service models (operation by method and path, members by location,
types and required members by botocore's ParamValidator, unknown members refused), so the
stand-in cannot agree with a wrong client: a request the models do not allow is answered with
InvalidRequestException and counted in /_standin/requests as "invalid".

Switches (POST /_standin/config with JSON, merged into the current config):
  approve_after_polls: n     the n-th CreateToken poll of a device code is approved (default 1)
  slow_down_polls: [n, ..]   these polls are answered slow_down
  deny: true                 the approving poll is answered access_denied instead
  expire: true               every poll is answered expired_token
  interval: s                the polling interval handed out (default 1)
  device_expires_in: s       lifetime of a device code (default 600)
  token_lifetime: s          expiresIn of access tokens (default 3600)
  registration_lifetime: s   lifetime of client registrations (default 90 days)
  revoke_refresh_tokens: true  refresh_token grants are answered invalid_grant
  revoke_access_tokens: true   the portal refuses every access token issued so far
  accounts: [{accountId, accountName, emailAddress}]; roles: {accountId: [roleName, ..]}
  page_size: n               page size of ListAccounts / ListAccountRoles (forces pagination)
  role_credentials: {accessKeyId, secretAccessKey}  handed out (without a session token) instead of
                             random keys, e.g. moto's, so a later STS call with them succeeds
Reads: GET /_standin/requests (each call: operation, time, a few non-secret fields),
       GET /_standin/handed (the role credentials handed out, to compare with a client's output).
Prints its port on the first line of standard output.
"""
import json
import secrets
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler

import botocore.session
from botocore.validate import ParamValidator

from peer_common import serve_on_loopback

SESSION = botocore.session.get_session()
MODELS = {name: SESSION.get_service_model(name) for name in ("sso-oidc", "sso")}
OAUTH_ERRORS = {
    "AuthorizationPendingException": "authorization_pending", "SlowDownException": "slow_down",
    "AccessDeniedException": "access_denied", "ExpiredTokenException": "expired_token",
    "InvalidGrantException": "invalid_grant", "InvalidClientException": "invalid_client",
    "InvalidRequestException": "invalid_request", "UnsupportedGrantTypeException": "unsupported_grant_type",
    "InvalidScopeException": "invalid_scope", "UnauthorizedClientException": "unauthorized_client",
}

CONFIG = {
    "approve_after_polls": 1, "slow_down_polls": [], "deny": False, "expire": False, "interval": 1,
    "device_expires_in": 600, "token_lifetime": 3600, "registration_lifetime": 90 * 86400,
    "revoke_refresh_tokens": False, "revoke_access_tokens": False, "page_size": 1000,
    "accounts": [{"accountId": "111122223333", "accountName": "Sandbox", "emailAddress": "sandbox@example.com"}],
    "roles": {"111122223333": ["Developer"]},
}
CLIENTS = {}        # clientId -> {secret, expires, scopes}
DEVICES = {}        # deviceCode -> {client, polls, expires, last_poll, done}
ACCESS = {}         # accessToken -> {expires, issued}
REFRESH = {}        # refreshToken -> clientId
REQUESTS = []
HANDED = []
LOCK = threading.Lock()


def find_operation(method, path):
    for service, model in MODELS.items():
        for name in model.operation_names:
            operation = model.operation_model(name)
            uri = operation.http["requestUri"].split("?")[0]
            if operation.http["method"] == method and uri == path and "?" not in operation.http["requestUri"]:
                return service, operation
    return None, None


def model_problems(operation, query, headers, body):
    """The request as botocore's model sees it; problems as a list of sentences."""
    shape = operation.input_shape
    params, problems = {}, []
    by_query = {m.serialization.get("name", n): n for n, m in shape.members.items() if m.serialization.get("location") == "querystring"}
    by_header = {m.serialization.get("name", n).lower(): n for n, m in shape.members.items() if m.serialization.get("location") == "header"}
    body_members = [n for n, m in shape.members.items() if not m.serialization.get("location")]
    for key, value in query.items():
        if key not in by_query:
            problems.append(f"unknown query parameter {key}")
            continue
        member = shape.members[by_query[key]]
        params[by_query[key]] = int(value) if member.type_name == "integer" and value.lstrip("-").isdigit() else value
    for key, value in headers.items():
        if key.lower() in by_header:
            params[by_header[key.lower()]] = value
    if body_members:
        if not (headers.get("Content-Type") or "").startswith("application/json"):
            problems.append("the body is not sent as application/json")
        try:
            document = json.loads(body or b"{}")
        except ValueError:
            return problems + ["the body is not JSON"], params
        if not isinstance(document, dict):
            return problems + ["the body is not a JSON object"], params
        params.update(document)
    elif body:
        problems.append("a body was sent to an operation that takes none")
    report = ParamValidator().validate(params, shape)
    if report.has_errors():
        problems.append(report.generate_report())
    return problems, params


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, payload, error_type=None):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", secrets.token_hex(8))
        if error_type:
            self.send_header("x-amzn-ErrorType", error_type)
        self.end_headers()
        self.wfile.write(data)

    def fail(self, service, operation, name, description):
        status = MODELS[service].shape_for(name).metadata.get("error", {}).get("httpStatusCode", 400)
        if service == "sso-oidc":
            names = [shape.name for shape in operation.error_shapes] if operation else []
            assert not operation or name in names, f"{name} is not an error of {operation.name}"
            return self.send_json(status, {"error": OAUTH_ERRORS.get(name, name), "error_description": description}, name)
        return self.send_json(status, {"message": description}, name)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parsed = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(parsed.query, keep_blank_values=True))
        if parsed.path == "/_standin/config" and self.command == "POST":
            with LOCK:
                CONFIG.update(json.loads(body or b"{}"))
                if CONFIG.get("revoke_access_tokens"):
                    ACCESS.clear()
            return self.send_json(200, {"ok": True})
        if parsed.path == "/_standin/requests":
            with LOCK:
                return self.send_json(200, REQUESTS)
        if parsed.path == "/_standin/handed":
            with LOCK:
                return self.send_json(200, HANDED)

        service, operation = find_operation(self.command, parsed.path)
        if operation is None:
            return self.send_json(404, {"message": f"no operation for {self.command} {parsed.path}"}, "UnknownOperationException")
        problems, params = model_problems(operation, query, dict(self.headers.items()), body)
        entry = {"operation": operation.name, "time": time.time(), "invalid": problems,
                 "grantType": params.get("grantType"), "scopes": params.get("scopes"), "clientName": params.get("clientName"),
                 "maxResults": params.get("maxResults"), "nextToken": params.get("nextToken"), "accountId": params.get("accountId")}
        with LOCK:
            REQUESTS.append(entry)
        if problems:
            return self.fail(service, operation, "InvalidRequestException", "; ".join(problems))
        with LOCK:
            return getattr(self, "op_" + operation.name)(service, operation, params)

    # SSO OIDC

    def op_RegisterClient(self, service, operation, params):
        if params["clientType"] != "public":
            return self.fail(service, operation, "InvalidClientMetadataException", "clientType must be public")
        client_id, secret = "client-" + secrets.token_hex(8), "secret-" + secrets.token_hex(16)
        now = int(time.time())
        CLIENTS[client_id] = {"secret": secret, "expires": now + int(CONFIG["registration_lifetime"]), "scopes": params.get("scopes") or []}
        self.send_json(200, {"clientId": client_id, "clientSecret": secret, "clientIdIssuedAt": now,
                             "clientSecretExpiresAt": CLIENTS[client_id]["expires"]})

    def client(self, service, operation, params):
        client = CLIENTS.get(params["clientId"])
        if client is None or client["secret"] != params["clientSecret"]:
            self.fail(service, operation, "InvalidClientException", "Invalid client credentials")
            return None
        if client["expires"] <= time.time():
            self.fail(service, operation, "InvalidClientException", "Client registration has expired")
            return None
        return client

    def op_StartDeviceAuthorization(self, service, operation, params):
        if self.client(service, operation, params) is None:
            return
        device, user = "device-" + secrets.token_hex(12), "%s-%s" % (secrets.token_hex(2).upper(), secrets.token_hex(2).upper())
        DEVICES[device] = {"client": params["clientId"], "polls": 0, "expires": time.time() + int(CONFIG["device_expires_in"]),
                           "last_poll": None, "done": False, "start_url": params["startUrl"]}
        uri = "https://device.sso.example.test/"
        self.send_json(200, {"deviceCode": device, "userCode": user, "verificationUri": uri,
                             "verificationUriComplete": uri + "?user_code=" + user,
                             "expiresIn": int(CONFIG["device_expires_in"]), "interval": int(CONFIG["interval"])})

    def issue(self, client_id, with_refresh):
        access = "access-" + secrets.token_hex(16)
        ACCESS[access] = {"expires": time.time() + int(CONFIG["token_lifetime"])}
        answer = {"accessToken": access, "tokenType": "Bearer", "expiresIn": int(CONFIG["token_lifetime"])}
        if with_refresh:
            refresh = "refresh-" + secrets.token_hex(16)
            REFRESH[refresh] = client_id
            answer["refreshToken"] = refresh
        return answer

    def op_CreateToken(self, service, operation, params):
        client = self.client(service, operation, params)
        if client is None:
            return
        grant = params["grantType"]
        if grant == "refresh_token":
            refresh = params.get("refreshToken")
            if CONFIG["revoke_refresh_tokens"] or REFRESH.get(refresh) != params["clientId"]:
                return self.fail(service, operation, "InvalidGrantException", "Invalid refresh token provided")
            del REFRESH[refresh]
            return self.send_json(200, self.issue(params["clientId"], True))
        if grant != "urn:ietf:params:oauth:grant-type:device_code":
            return self.fail(service, operation, "UnsupportedGrantTypeException", f"Unsupported grant type {grant}")
        device = DEVICES.get(params.get("deviceCode"))
        if device is None or device["client"] != params["clientId"] or device["done"]:
            return self.fail(service, operation, "InvalidGrantException", "Invalid device code provided")
        device["polls"] += 1
        REQUESTS[-1]["poll"] = device["polls"]
        if CONFIG["expire"] or time.time() >= device["expires"]:
            return self.fail(service, operation, "ExpiredTokenException", "Device code has expired")
        if device["polls"] in CONFIG["slow_down_polls"]:
            return self.fail(service, operation, "SlowDownException", "Client is polling too quickly")
        if device["polls"] < int(CONFIG["approve_after_polls"]):
            return self.fail(service, operation, "AuthorizationPendingException", "Authorization is still pending")
        device["done"] = True
        if CONFIG["deny"]:
            return self.fail(service, operation, "AccessDeniedException", "The user denied the authorization request")
        self.send_json(200, self.issue(params["clientId"], "sso:account:access" in client["scopes"]))

    # SSO portal

    def token_ok(self, service, operation, params):
        token = ACCESS.get(params["accessToken"])
        if token is None or token["expires"] <= time.time():
            self.fail(service, operation, "UnauthorizedException", "Session token not found or invalid")
            return False
        return True

    def page(self, items, key, params):
        size = min(int(params.get("maxResults") or 1000), int(CONFIG["page_size"]))
        start = int(params.get("nextToken") or 0)
        answer = {key: items[start:start + size]}
        if start + size < len(items):
            answer["nextToken"] = str(start + size)
        self.send_json(200, answer)

    def op_ListAccounts(self, service, operation, params):
        if self.token_ok(service, operation, params):
            self.page(CONFIG["accounts"], "accountList", params)

    def op_ListAccountRoles(self, service, operation, params):
        if self.token_ok(service, operation, params):
            roles = [{"roleName": name, "accountId": params["accountId"]} for name in CONFIG["roles"].get(params["accountId"], [])]
            self.page(roles, "roleList", params)

    def op_GetRoleCredentials(self, service, operation, params):
        if not self.token_ok(service, operation, params):
            return
        if params["roleName"] not in CONFIG["roles"].get(params["accountId"], []):
            return self.fail(service, operation, "ResourceNotFoundException", "No access")
        credentials = {"accessKeyId": "ASIA" + secrets.token_hex(8).upper(), "secretAccessKey": secrets.token_urlsafe(30),
                       "sessionToken": "session-" + secrets.token_urlsafe(48), "expiration": int((time.time() + 3600) * 1000)}
        if CONFIG.get("role_credentials"):  # long-term keys: no session token
            credentials.update(CONFIG["role_credentials"])
            credentials.pop("sessionToken")
        HANDED.append(credentials)
        self.send_json(200, {"roleCredentials": credentials})

    def op_Logout(self, service, operation, params):
        ACCESS.pop(params["accessToken"], None)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def op_CreateTokenWithIAM(self, service, operation, params):
        self.fail(service, operation, "UnauthorizedClientException", "not supported by the stand-in")

    do_GET = handle_any
    do_POST = handle_any


if __name__ == "__main__":
    serve_on_loopback(Handler)

#!/usr/bin/env python3
"""An HTTPS server on 127.0.0.1 with a certificate no public CA signed (made here, for one
day, by the openssl command line), answering every request with an empty Bedrock listing.

It proves certificate verification is on (a client must refuse it) and that AWS_CA_BUNDLE is
honoured (with the printed certificate as the bundle, the same client must accept it).
With a folder as its argument it serves that folder's files instead (GET /NAME, 404 otherwise),
for presets fetched from an https:// address.
Prints {"port": N, "certificate": PATH} on its first line.
"""
import json
import os
import ssl
import subprocess
import sys
import tempfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from peer_common import exit_with_parent


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        body, status = json.dumps({"inferenceProfileSummaries": []}).encode(), 200
        if len(sys.argv) > 1:
            path = os.path.join(sys.argv[1], os.path.basename(self.path))
            body, status = (open(path, "rb").read(), 200) if os.path.isfile(path) else (b"{}", 404)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    exit_with_parent()
    folder = tempfile.mkdtemp(prefix="bedrock-setup-tls-")
    certificate, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(json.dumps({"port": server.server_address[1], "certificate": certificate}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())

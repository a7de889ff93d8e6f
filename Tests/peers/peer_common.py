"""What every Python test peer shares."""
import os
from http.server import ThreadingHTTPServer
import threading
import time


def exit_with_parent():
    """Peers die with the test process that started them, even if it is killed."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()


def serve_on_loopback(handler):
    """Serves on 127.0.0.1 at a free port, printed on the first line; dies with the parent."""
    exit_with_parent()
    ThreadingHTTPServer.request_queue_size = 256  # a whole-Region scan opens ~34 connections at once
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()

"""A threaded WSGI server for the throughput benchmark: wsgiref with a fixed pool of worker threads in one
process (the shape of one gunicorn gthread worker), bound to 127.0.0.1 only. One process keeps the two
figures comparable: the hello world and the API list share one interpreter, so the ratio is per core.

python -m benchmarks._server PORT THREADS — prints "ready" on stdout once listening; stops on SIGTERM.
"""

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class PooledWSGIServer(WSGIServer):
    """Each connection is handled by one of a fixed set of threads, so each thread keeps its database
    connection (CONN_MAX_AGE) as an app server's worker thread does."""

    request_queue_size = 256
    threads = 8

    def server_bind(self):
        self.pool = ThreadPoolExecutor(self.threads)
        super().server_bind()

    def process_request(self, request, client_address):
        self.pool.submit(self._handle, request, client_address)

    def _handle(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)


def main() -> None:
    port, threads = int(sys.argv[1]), int(sys.argv[2])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadreforge.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "benchmarks._urls"
    from django.core.wsgi import get_wsgi_application

    PooledWSGIServer.threads = threads
    server = make_server("127.0.0.1", port, get_wsgi_application(), PooledWSGIServer, QuietHandler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

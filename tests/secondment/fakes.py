"""Local stand-ins for the far ends of notifications: a tiny SMTP server and a group-robot webhook, both
on 127.0.0.1 in a thread."""

import json
import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _SMTPHandler(socketserver.StreamRequestHandler):
    def _say(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self._say("220 fake-smtp ready")
        message = {"from": "", "to": [], "data": b""}
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self._say("250 fake-smtp")
            elif verb == "MAIL":
                message = {"from": command, "to": [], "data": b""}
                self._say("250 OK")
            elif verb == "RCPT":
                message["to"].append(command.split(":", 1)[1].strip(" <>"))
                self._say("250 OK")
            elif verb == "DATA":
                self._say("354 end with <CRLF>.<CRLF>")
                chunks = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    chunks.append(chunk)
                message["data"] = b"".join(chunks)
                self.server.messages.append(message)
                self._say("250 queued")
            elif verb == "QUIT":
                self._say("221 bye")
                return
            else:
                self._say("250 OK")


class FakeSMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _SMTPHandler)
        self.messages: list[dict] = []

    @property
    def port(self) -> int:
        return self.server_address[1]


class _RobotHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.received.append(json.loads(body.decode("utf-8")))
        if self.server.failures_left > 0:
            self.server.failures_left -= 1
            self.send_response(500)
            self.end_headers()
            return
        answer = json.dumps({"errcode": 0, "errmsg": "ok"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args) -> None:
        pass


class FakeRobot(ThreadingHTTPServer):
    """A group robot that fails the first `failures` requests with HTTP 500, then answers errcode 0."""

    daemon_threads = True

    def __init__(self, failures: int = 0):
        super().__init__(("127.0.0.1", 0), _RobotHandler)
        self.received: list[dict] = []
        self.failures_left = failures

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/cgi-bin/webhook/send?key=test"


def running(server):
    """Start the server in a thread; use as a context manager to stop it."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server

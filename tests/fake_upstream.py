"""A platform's API as the tests need it: a real HTTP server on loopback that records every
request Passerelle sends it and answers the way the platform documents."""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qs, parse_qsl, urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    query: Dict[str, List[str]]
    headers: Dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)

    def form(self) -> Dict[str, str]:
        return dict(parse_qsl(self.body.decode(), keep_blank_values=True))


# (status, JSON body) for a request
Answer = Callable[[Recorded], Tuple[int, dict]]


@dataclass
class FakeUpstream:
    answer: Answer
    requests: List[Recorded] = field(default_factory=list)
    server: Optional[ThreadingHTTPServer] = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakeUpstream":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                parts = urlsplit(self.path)
                recorded = Recorded(self.command, parts.path, parse_qs(parts.query),
                                    {k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length))
                fake.requests.append(recorded)
                status, body = fake.answer(recorded)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _handle

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    def since(self, mark: int, path_contains: str = "") -> List[Recorded]:
        return [r for r in self.requests[mark:] if path_contains in r.path]

    def wait_for(self, mark: int, path_contains: str, count: int = 1, timeout: float = 30) -> List[Recorded]:
        """The requests after `mark` whose path holds `path_contains`, once there are `count`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.since(mark, path_contains)
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(f"{count} request(s) to {path_contains!r} expected, got "
                             f"{[r.path for r in self.requests[mark:]]}")

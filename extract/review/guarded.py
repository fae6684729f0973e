"""The review server's HTTP handling, apart from its routes: every answer with the security headers, every
request checked (its Host, a form's Origin, size and encoding), a request the server cannot use answered
with a 4xx page that says why, an unexpected error with a 500 page of one line, never a traceback; methods
other than GET, HEAD and POST get 405. The routes are a subclass's `route_get` and `route_post`."""
from __future__ import annotations

import sys
import unicodedata
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from .decide import Reject
from .html import message_page

MAX_BODY = 64 * 1024
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                               " frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",   # no referrer to other sites; and the page's own forms carry its Origin
                                        # (under no-referrer, browsers send `Origin: null`)
    "Cache-Control": "no-store",
}


class GuardedHandler(BaseHTTPRequestHandler):
    """`app.allowed_hosts`: the Host headers accepted (None: any)."""

    quiet = True
    timeout = 30    # seconds a connection may stall (a request half sent, an idle keep-alive) before it is closed

    def log_message(self, fmt, *args):
        if not self.quiet:
            super().log_message(fmt, *args)

    def send_page(self, status: int, html: str, content_type="text/html; charset=utf-8") -> None:
        body = html.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(303)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def handle_safely(self, route) -> None:
        try:
            self.check_host()
            route()
        except Reject as e:
            self.close_connection = self.close_connection or self.command == "POST"   # its body may be unread
            title = f"{e.status} {HTTPStatus(e.status).phrase}"
            self.send_page(e.status, message_page(title, e.message))
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as e:  # a bug: one line to the log, no traceback to the page
            print(f"ocop review: {self.command} {self.path}: {type(e).__name__}: {e}", file=sys.stderr)
            self.send_page(500, message_page("500 Internal error", f"{type(e).__name__}: {e}"))

    def check_host(self) -> None:
        allowed = self.app.allowed_hosts
        if allowed is not None and (self.headers.get("Host") or "").lower() not in allowed:
            raise Reject(421, f"unexpected Host header {self.headers.get('Host')!r}: this server answers "
                              f"only to its own address")

    def check_origin(self) -> None:
        """A form posted from another site (a page the reviewer has open elsewhere) is refused, even
        with a valid token: its Origin (sent by every browser with a POST) must be this server's."""
        origin = self.headers.get("Origin")
        if origin is None:
            return      # not a browser (curl, a script): the CSRF token is the check
        parts = urlsplit(origin)
        own = self.headers.get("Host") or ""
        if parts.scheme != "http" or parts.netloc.lower() != own.lower() or not own:
            raise Reject(403, f"this form came from {origin!r}, not from this page; decisions are taken only "
                              "from the review page itself")

    def do_GET(self):
        self.handle_safely(self.route_get)

    def do_HEAD(self):
        self.handle_safely(self.route_get)

    def do_POST(self):
        self.handle_safely(self.route_post)

    def __getattr__(self, name: str):
        if name.startswith("do_"):      # PUT, DELETE, OPTIONS, PATCH, TRACE, ...: 405, not 501
            return self.not_allowed
        raise AttributeError(name)

    def not_allowed(self) -> None:
        self.close_connection = True
        self.send_response(405)
        self.send_header("Allow", "GET, HEAD, POST")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def form(self) -> dict[str, list[str]]:
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind != "application/x-www-form-urlencoded":
            raise Reject(415, f"expected a form (application/x-www-form-urlencoded), got {kind or 'nothing'!r}")
        length = self.headers.get("Content-Length")
        if length is None:
            raise Reject(411, "a form needs a Content-Length")
        try:
            n = int(length)
        except ValueError:
            raise Reject(400, f"bad Content-Length {length!r}") from None
        if not 0 <= n <= MAX_BODY:
            raise Reject(413, f"a form of {n} bytes is more than this page ever sends ({MAX_BODY})")
        raw = self.rfile.read(n)
        try:
            text = unicodedata.normalize("NFC", raw.decode("utf-8"))
            return parse_qs(text, keep_blank_values=True, strict_parsing=bool(text), max_num_fields=100)
        except (UnicodeDecodeError, ValueError) as e:
            raise Reject(400, f"malformed form: {e}") from None

    def route_get(self) -> None:
        raise NotImplementedError

    def route_post(self) -> None:
        raise NotImplementedError

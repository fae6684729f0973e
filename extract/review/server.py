"""The review web server: the standard library's ThreadingHTTPServer, one SQLite connection a request.

Routes: GET / (queue and one finding; ?f=ID, filters type/metric/scope/status), GET /article/ID?mark=REC,
GET /static/review.{css,js}, POST /decide, POST /undo, POST /correct. Every POST carries the server's CSRF
token (403 without it); the checks every request passes and the answers to one the server cannot use are
in `guarded.py`.
"""
from __future__ import annotations

import hmac
import secrets
import socket
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit, unquote

from .data import STATUSES, Filters, OutputsCache, build_queue
from .corrections import CorrectionStore
from .decide import Reject, decision_from_form, one
from .fixes import corrections_from_form, fixed_flash
from .guarded import GuardedHandler
from .html import message_page
from .pages import PageContext, article_page, describe, review_page
from .store import ReviewStore

STATIC = Path(__file__).parent / "static"
STATIC_TYPES = {"review.css": "text/css; charset=utf-8", "review.js": "text/javascript; charset=utf-8"}
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ReviewApp:
    """What the server knows: where the outputs and the database are, who reviews, the CSRF secret."""

    def __init__(self, out_dir: str | Path, db_path: str | Path, reviewer: str):
        self.outputs = OutputsCache(out_dir)
        self.db_path = Path(db_path)
        self.reviewer = reviewer
        self.csrf = hmac.new(secrets.token_bytes(32), b"ocop review csrf", "sha256").hexdigest()
        self.allowed_hosts: set[str] | None = None  # Host headers accepted (None: any)

    def check_csrf(self, token: str | None) -> None:
        if not token or not hmac.compare_digest(token.encode(), self.csrf.encode()):
            raise Reject(403, "This form's security token is missing or stale (was the server restarted?). "
                              "Reload the page and decide again.")

    def decisions(self):
        if not self.db_path.exists():
            return {}
        with ReviewStore(self.db_path) as store:
            return store.current()

    def corrections(self):
        if not self.db_path.exists():
            return {}
        with CorrectionStore(self.db_path) as store:
            return store.current()

    def undoable(self):
        if not self.db_path.exists():
            return None
        with ReviewStore(self.db_path) as store:
            return store.last_undoable(self.reviewer)


def filters_from(params: dict[str, list[str]]) -> Filters:
    one = {k: (params.get(k) or [""])[0] for k in ("type", "metric", "scope", "status")}
    if one["status"] and one["status"] not in STATUSES:
        raise Reject(400, f"unknown status filter {one['status']!r}; use one of {', '.join(STATUSES)}")
    return Filters(type=one["type"], metric=one["metric"], scope=one["scope"], status=one["status"] or "todo")


class Handler(GuardedHandler):
    server_version = "ocop-review"
    app: ReviewApp  # set by make_server

    # -- GET ----------------------------------------------------------------------------------------
    def route_get(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        path = unquote(url.path)
        if path == "/":
            self.page(params)
        elif path.startswith("/article/"):     # the id escaped in the path, or ?id= (for . and ..)
            self.article(path[len("/article/"):] or (params.get("id") or [""])[0], params)
        elif path.startswith("/static/"):
            self.static(path[len("/static/"):])
        elif path == "/favicon.ico":
            self.send_response(204)
            self.end_headers()
        else:
            raise Reject(404, f"no page {path!r} here; the review queue is at /")

    def page(self, params, status: int = 200, error: str = "", posted: dict | None = None) -> None:
        outputs = self.app.outputs.get()
        if outputs.problem:
            self.send_page(200, message_page("Nothing to review yet", outputs.problem))
            return
        filters = filters_from(params)
        decisions = self.app.decisions()
        queue = build_queue(outputs.conflicts, decisions, filters)
        todo = build_queue(outputs.conflicts, decisions, Filters(filters.type, filters.metric, filters.scope))
        wanted = (params.get("f") or [""])[0]
        if wanted:
            if outputs.by_id(wanted) is None:
                raise Reject(404, f"no finding {wanted!r} in {self.app.outputs.out_dir / 'conflicts.jsonl'}")
            item = next((i for i in build_queue(outputs.conflicts, decisions, Filters(status="all"))
                         if i.conflict.id == wanted))
        else:
            item = queue[0] if queue else None
        ctx = PageContext(outputs=outputs, queue=queue, item=item, filters=filters, csrf=self.app.csrf,
                          reviewer=self.app.reviewer, left=len(todo), total=len(outputs.conflicts),
                          undoable=self.app.undoable(), flash=self.flash(params, outputs),
                          corrections=self.app.corrections(), error=error, posted=posted or {})
        self.send_page(status, review_page(ctx))

    def flash(self, params, outputs) -> str:
        done, undone = (params.get("done") or [""])[0], (params.get("undone") or [""])[0]
        if params.get("fixed"):
            return fixed_flash((params.get("fixed") or [""])[0], self.app.corrections())
        if params.get("nothing"):
            return "Nothing to undo: you have no decision left to take back."
        finding = outputs.by_id(done or undone) if (done or undone) else None
        if finding is None:
            return ""
        if done:
            decision = self.app.decisions().get(done)
            what = describe(decision) if decision else "decided"
            return f"Saved: {finding.key.label()} — {what}. Press u to undo."
        return f"Undone: the decision on {finding.key.label()} is taken back."

    def article(self, article_id: str, params) -> None:
        outputs = self.app.outputs.get()
        article = outputs.articles.get(article_id)
        if article is None:
            raise Reject(404, f"no article {article_id!r} in the outputs")
        records = [r for r in outputs.records.values() if r.get("article_id") == article_id]
        self.send_page(200, article_page(article, records, set(params.get("mark", []))))

    def static(self, name: str) -> None:
        if name not in STATIC_TYPES:
            raise Reject(404, f"no static file {name!r}")
        self.send_page(200, (STATIC / name).read_text(encoding="utf-8"), STATIC_TYPES[name])

    # -- POST ---------------------------------------------------------------------------------------
    def route_post(self) -> None:
        path = urlsplit(self.path).path
        if path == "/correct":
            return self.correct()
        if path not in ("/decide", "/undo"):
            raise Reject(404, f"nothing to post to at {path!r}")
        self.check_origin()
        form = self.form()
        self.app.check_csrf((form.get("csrf") or [None])[0])
        filters = filters_from(form)
        if path == "/undo":
            with ReviewStore(self.app.db_path) as store:
                undone = store.undo(self.app.reviewer)
            if undone is None:
                self.redirect("/?" + urlencode({**filters.query(), "nothing": "1"}))
            else:
                self.redirect("/?" + urlencode({**filters.query(), "f": undone.finding_id,
                                                "undone": undone.finding_id}))
            return
        outputs = self.app.outputs.get()
        if outputs.problem:
            raise Reject(409, outputs.problem)
        decisions = self.app.decisions()
        before = [i.conflict.id for i in build_queue(outputs.conflicts, decisions, filters)]
        try:
            decision = decision_from_form(form, outputs, self.app.reviewer)
        except Reject as e:
            if e.status != 400 or outputs.by_id(one(form, "finding_id")) is None:
                raise
            self.page({**form, "f": [one(form, "finding_id")]}, 400, e.message, form)  # inline, values kept
            return
        with ReviewStore(self.app.db_path) as store:
            store.decide(decision)
            after = {i.conflict.id for i in build_queue(outputs.conflicts, store.current(), filters)}
        here = before.index(decision.finding_id) if decision.finding_id in before else -1
        upcoming = before[here + 1:] + before[:max(here, 0)]
        nxt = next((i for i in upcoming if i in after and i != decision.finding_id), None)
        query = {**filters.query(), "done": decision.finding_id}
        if nxt:
            query["f"] = nxt
        self.redirect("/?" + urlencode(query))


    def correct(self) -> None:
        """POST /correct: store a claim correction, back to the finding with a message saying what changed."""
        form = self.form()
        self.app.check_csrf((form.get("csrf") or [None])[0])
        filters = filters_from(form)
        outputs = self.app.outputs.get()
        if outputs.problem:
            raise Reject(409, outputs.problem)
        finding_id = one(form, "finding_id")
        try:
            corrections = corrections_from_form(form, outputs.records, self.app.reviewer)
        except Reject as e:
            if e.status != 400 or outputs.by_id(finding_id) is None:
                raise
            self.page({**form, "f": [finding_id]}, 400, f"Claim not corrected: {e.message}")
            return
        with CorrectionStore(self.app.db_path) as store:
            for correction in corrections:
                store.correct(correction)
        query = {**filters.query(), "fixed": corrections[0].record_id}
        if outputs.by_id(finding_id) is not None:
            query["f"] = finding_id
        self.redirect("/?" + urlencode(query))


def make_server(out_dir, db_path, reviewer: str, host: str = "127.0.0.1", port: int = 8765,
                quiet: bool = True, timeout: float = Handler.timeout) -> ThreadingHTTPServer:
    """A server bound to host:port (port 0: any free one; read it from server.server_address); a connection
    that stalls `timeout` seconds is closed."""
    app = ReviewApp(out_dir, db_path, reviewer)
    handler = type("BoundHandler", (Handler,), {"app": app, "quiet": quiet, "timeout": timeout})
    server_class = type("ReviewServer", (ThreadingHTTPServer,),
                        {"address_family": socket.AF_INET6 if ":" in host else socket.AF_INET})
    server = server_class((host, port), handler)
    server.daemon_threads = True
    server.app = app
    if host in LOOPBACK:
        real_port = server.server_address[1]
        app.allowed_hosts = {f"{h}:{real_port}" for h in ("127.0.0.1", "localhost", "[::1]")}
    return server


def address(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}/"


__all__ = ["make_server", "address", "ReviewApp", "Reject"]

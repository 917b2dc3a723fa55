"""The review page's HTTP server: 127.0.0.1 only, a random token in every address, a small JSON API.

Safety follows Jupyter's server: the token (``secrets.token_urlsafe``) is the first part of every
path and compared in constant time; a request whose Host is not this server's address, or whose
Origin is another site's, is refused (403), so neither a page elsewhere in the curator's browser nor
a DNS-rebinding name can drive it. State changes only by POST with a JSON body of at most
:data:`MAX_BODY` bytes, and only for the briefings this run serves. Every response carries a strict
Content-Security-Policy: the page's only script is ``review.js`` from this server. Each connection
has a :data:`TIMEOUT`, and decisions run one at a time.
"""

from __future__ import annotations

import json
import secrets
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from site_builder.authoring.review import decisions
from site_builder.authoring.review.page import actor_choices, page, registry_box, section, state_choices
from site_builder.authoring.review.view import BriefingView, briefing_view, proposed_block_ids, record_wants
from site_builder.authoring.review.yamledit import BriefingFile, EditError
from site_builder.core.hygiene import hygiene
from site_builder.core.load import Layout, LoadCache, load_archive
from site_builder.core.validate import completeness, open_quotes, validate
from site_builder.errors import BriefingsError, Diagnostic

#: Largest POST body accepted (a summary is at most 5,000 characters).
MAX_BODY = 64_000
#: Seconds a connection may stay silent before it is closed.
TIMEOUT = 15
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
STATIC = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}


class Review:
    """The briefings under review, the archive they belong to, and what the curator decided."""

    def __init__(self, layout: Layout, paths: list[str]) -> None:
        self.layout = layout
        for given in paths:
            decisions.briefing_path(layout, given)  # refuses anything but a briefing of this archive
        self.paths = list(paths)
        self.accepted: set[tuple[str, str]] = set()
        self.cache = LoadCache()
        self.lock = threading.Lock()
        self.choices: list[tuple[str, str]] = []  # every registry actor, for the "add an actor" list
        self.states: list[tuple[str, str]] = []  # every state, for the country fields

    def views(self) -> tuple[list[BriefingView], list[Diagnostic]]:
        """Each briefing under review with its own problems, and the registries' errors (shown once)."""
        loaded = load_archive(self.layout, self.cache)
        actors = loaded.archive.registry.actors
        self.choices = sorted((a.id, a.name) for a in actors.values())
        self.states = [(a, name) for a, name in self.choices if actors[a].kind == "state"]
        # what `check --strict` asks of each actor and outlet entry (a role, a country, an ownership)
        wants = record_wants(loaded.archive.registry, completeness(loaded.archive.registry))
        registry_dir = self.layout.display(self.layout.registry_dir)
        # what `briefings check` says: errors, and the warnings about each briefing (open quotes,
        # quotations off the body, tracking parameters)
        problems = [*loaded.diagnostics, *validate(loaded.archive, registry_dir),
                    *open_quotes(loaded.archive), *hygiene(loaded.archive, loaded_whole=False)]
        actors_yml = self.layout.registry_file("actors")
        block = proposed_block_ids(actors_yml.read_text(encoding="utf-8")) if actors_yml.is_file() else set()
        registries = sorted(d for d in problems if d.is_error and d.path.startswith(registry_dir + "/"))
        out = []
        for given in self.paths:
            path = decisions.briefing_path(self.layout, given)
            display = self.layout.display(path)
            mine = sorted(d for d in problems if d.path == display)
            briefing = BriefingFile.read(path)
            out.append(briefing_view(display, path.stem, briefing.front, briefing.body, loaded.archive, mine,
                                     block, wants))
        return out, registries

    def page(self) -> str:
        with self.lock:
            views, registry = self.views()
            return page(views, self.accepted, registry, self.choices, self.states)

    def decide(self, request: dict[str, Any]) -> dict[str, Any]:
        """Apply one decision; return the message and the briefing's section as it now is."""
        given = request.get("path")
        if given not in self.paths:
            raise EditError(f"{given!r} is not a briefing under review")
        action = request.get("action")
        actor = request.get("actor")
        with self.lock:
            views, _ = self.views()
            index = self.paths.index(given)
            view = views[index]
            if action == "accept":
                done = decisions.accept(self.layout, given, _text(actor))
                self.accepted.add((view.path, _text(actor)))
            elif action in ("reject", "never"):
                found = next((a for a in view.actors if a.id == actor), None)
                if found is None:
                    raise EditError(f"'{actor}' is not an actor of this briefing")
                done = decisions.reject(self.layout, given, found.id, found.proposed, found.surfaces,
                                        found.name, never=action == "never")
            elif action == "speaker":
                speaker = request.get("speaker") or None
                index_q = request.get("index")
                if not isinstance(index_q, int) or (speaker is not None and not isinstance(speaker, str)):
                    raise EditError("a speaker decision needs a quote index and an actor id")
                done = decisions.set_speaker(self.layout, given, index_q, speaker)
            elif action == "merge":
                found = next((a for a in view.actors if a.id == actor), None)
                if found is None:
                    raise EditError(f"'{actor}' is not an actor of this briefing")
                done = decisions.merge(self.layout, given, found.id, _text(request.get("into")),
                                       proposed=found.proposed)
            elif action == "rename":
                found = next((a for a in view.actors if a.id == actor), None)
                if found is None:
                    raise EditError(f"'{actor}' is not an actor of this briefing")
                keep = request.get("keep_alias", True)
                if not isinstance(keep, bool):
                    raise EditError("keep_alias is true or false")
                done = decisions.rename_actor(self.layout, given, found.id, found.proposed,
                                              _text(request.get("name")), _text(request.get("kind")), keep)
            elif action == "add-actor":
                done = decisions.add_actor(self.layout, given, _text(actor))
            elif action == "new-actor":
                done = decisions.new_actor(self.layout, given, _text(request.get("name")),
                                           _text(request.get("kind")))
            elif action == "delete-quote":
                index_q = request.get("index")
                if not isinstance(index_q, int) or isinstance(index_q, bool):
                    raise EditError("deleting a quote needs its index")
                done = decisions.delete_quote(self.layout, given, index_q)
            elif action == "quote-text":
                index_q, value = request.get("index"), request.get("value")
                if not isinstance(index_q, int) or isinstance(index_q, bool) or not isinstance(value, str):
                    raise EditError("correcting a quote needs its index and its words")
                done = decisions.edit_quote(self.layout, given, index_q, value)
            elif action == "edit":
                value = request.get("value")
                if not isinstance(value, str):
                    raise EditError("an edit needs a value")
                done = decisions.edit(self.layout, given, _text(request.get("field")), value)
            elif action == "facts":
                values = request.get("values")
                if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
                    raise EditError("setting facts needs their values as text")
                done = decisions.set_facts(self.layout, given, _text(request.get("registry")),
                                           _text(request.get("id")), values)
            else:
                raise EditError(f"unknown decision {action!r}")
            views, registry = self.views()
            view = views[index]
            return {"message": done.message, "files": list(done.files), "actor": done.actor,
                    "html": section(view, index, self.accepted),
                    "errors": sum(d.is_error for d in view.diagnostics),
                    "registry_errors": len(registry), "registry_html": registry_box(registry),
                    "choices_html": actor_choices(self.choices), "states_html": state_choices(self.states)}


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise EditError("a decision is missing one of its values")
    return value


class Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    timeout = TIMEOUT
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes, kind: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: dict[str, Any]) -> None:
        self._send(status, json.dumps(data).encode(), "application/json")

    def _route(self) -> str | None:
        """The path after the token, or None after refusing the request."""
        origins = {f"http://{host}" for host in self.server.hosts}
        host = self.headers.get("Host", "")
        origin = self.headers.get("Origin")
        parts = urlsplit(self.path)
        head, _, rest = parts.path.lstrip("/").partition("/")
        if host not in self.server.hosts or (origin is not None and origin not in origins) or \
                not secrets.compare_digest(head.encode(), self.server.token.encode()):
            self._send(HTTPStatus.FORBIDDEN, b"forbidden: open the address briefings review printed\n")
            return None
        return rest

    def do_GET(self) -> None:
        if urlsplit(self.path).path in ("/favicon.ico", f"/{self.server.token}/favicon.ico"):
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")  # no icon, and no error in the console
            return
        route = self._route()
        if route is None:
            return
        name = urlsplit(self.path).path.rsplit("/", 1)[-1]
        if route == "":
            try:
                body = self.server.review.page()
            except BriefingsError as exc:
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, f"{exc}\n".encode())
                return
            self._send(HTTPStatus.OK, body.encode(), "text/html; charset=utf-8")
        elif route in STATIC and name == route:
            data = resources.files("site_builder.authoring.review").joinpath("static", route).read_bytes()
            self._send(HTTPStatus.OK, data, STATIC[route])
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n")

    def do_POST(self) -> None:
        route = self._route()
        if route is None:
            return
        if route != "decide":
            self._send(HTTPStatus.NOT_FOUND, b"not found\n")
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._send(HTTPStatus.LENGTH_REQUIRED, b"Content-Length needed\n")
            return
        if length > MAX_BODY or length < 0:
            self.close_connection = True
            self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, b"too large\n")
            return
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            self._send(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, b"send JSON\n")
            return
        try:
            request = json.loads(self.rfile.read(length))
        except ValueError:
            request = None
        if not isinstance(request, dict):
            self._json(HTTPStatus.BAD_REQUEST, {"error": "the body is not a JSON object"})
            return
        try:
            self._json(HTTPStatus.OK, self.server.review.decide(request))
        except BriefingsError as exc:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(exc)})


class ReviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, review: Review, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.review = review
        self.token = secrets.token_urlsafe(24)
        bound = self.server_address[1]
        self.hosts = {f"127.0.0.1:{bound}", f"localhost:{bound}"}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{self.token}/"


def start(layout: Layout, paths: list[str], port: int = 0) -> ReviewServer:
    """A server for ``paths`` (relative to the project), bound but not yet serving."""
    return ReviewServer(Review(layout, paths), port)


def relative(layout: Layout, given: list[Path]) -> list[str]:
    """The briefings named on the command line, as project-relative paths (folders expanded)."""
    out: list[str] = []
    for path in given:
        full = path.resolve()
        found = sorted(full.rglob("*.md")) if full.is_dir() else [full]
        for one in found:
            decisions.briefing_path(layout, layout.display(one))  # refuses anything but a briefing
            out.append(layout.display(one))
    return list(dict.fromkeys(out))

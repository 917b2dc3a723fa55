"""``briefings``: the command line. Thin: parse arguments, call the library, map errors to exit codes.

Exit codes: 0 success, 1 the archive (or input) has errors, 2 bad usage.
User errors print ``file:line: message`` lines, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from site_builder.core import docs_model, schema
from site_builder.core.hygiene import hygiene
from site_builder.core.load import Layout, briefing_files
from site_builder.core.validate import completeness, open_quotes
from site_builder.errors import BriefingsError, CheckFailed, Diagnostic
from site_builder.fsutil import atomic_write, confined_to
from site_builder.outputs.export import export_docs
from site_builder.pipeline import build_site, check

EPILOG_MAIN = """examples:
  briefings new --title "..." --date 2025-09-28 --outlet al-jazeera --url https://...
  briefings ingest article.txt --url https://... --date 2025-09-28
  briefings check
  briefings prune --dry-run
  briefings serve
  briefings COMMAND --help                 help and examples for one command
"""

EPILOG_CHECK = """examples:
  briefings check                          check every briefing and registry
  briefings check briefings/2025/09/       check one month (against the full registry)
  briefings check --format github FILE...  GitHub Actions annotations on the exact lines
"""

EPILOG_EXPORT = """examples:
  briefings export-docs export             write docs/ plus every generated page into export/
  briefings export-docs export --force     replace export/ if it exists
"""

EPILOG_ZENSICAL = """examples:
  briefings zensical zensical-site         write the project, then: cd zensical-site && zensical build
  briefings zensical zensical-site --force replace a folder written by an earlier run
"""

EPILOG_INGEST = """examples:
  briefings ingest article.txt --url https://example.com/story --date 2025-09-28
  briefings ingest https://www.aljazeera.com/news/2025/9/28/some-story
  briefings ingest --dry-run article.html  print the briefing and the review list, write nothing
  pbpaste | briefings ingest - --url https://example.com/story --outlet al-jazeera
"""

EPILOG_NEW = """examples:
  briefings new                            ask for title, date, outlet and URL (in a terminal)
  briefings new --title "Wang Yi meets Choe Son Hui" --date 2025-09-28 \\
      --outlet al-jazeera --url https://www.aljazeera.com/news/... --actors china,wang-yi

The new file lacks what only a curator can add (actors, summary, the article text);
'briefings check' names each missing piece until it is there.
"""

EPILOG_SERVE = """examples:
  briefings serve                          preview on http://127.0.0.1:8000/
  briefings serve --dev-addr 127.0.0.1:8001 --config-file mkdocs.yml
"""

EPILOG_REVIEW = """examples:
  briefings review                         the briefings new or changed since the last commit
  briefings review briefings/2025/09/      every briefing in a folder
  briefings review FILE --port 8002 --no-browser

Open the printed address (it holds a secret token); each decision is written to the files at
once. Stop with Ctrl-C.
"""

EPILOG_EVENT = """examples:
  briefings event add un-vote-on-gaza-2025 briefings/2025/11/*.md
"""

EPILOG_PRUNE = """examples:
  briefings prune --dry-run                list the registry entries nothing uses
  briefings prune                          remove them
"""

EPILOG_SCHEMA = """examples:
  briefings schema                         write docs/schema/*.schema.json and docs/data-model.md
  briefings schema docs/schema             the same, naming the folder (make schema)
"""

_RAW = argparse.RawDescriptionHelpFormatter


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefings", description="Curate news briefings and build them into a cross-linked site.",
        epilog=EPILOG_MAIN, formatter_class=_RAW)
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="project folder holding briefings/ and docs/ (default: current folder)")
    parser.add_argument("--content-dir", default="briefings", help="briefings folder, relative to --root")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("check", help="validate briefings and registries", epilog=EPILOG_CHECK,
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Validate every briefing and registry; print file:line: message for each "
                                   "problem and exit 1 if there is any error.")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="only report problems in these files or folders (default: everything)")
    p.add_argument("--format", choices=("text", "github"), default="text",
                   help="text: file:line: message (default); github: ::error workflow commands")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 on warnings too (registry entries missing facts readers need)")

    p = sub.add_parser("new", help="start a briefing by hand, in the right place", epilog=EPILOG_NEW,
                       formatter_class=_RAW,
                       description="Write briefings/YYYY/MM/YYYY-MM-DD-slug.md with the front-matter in "
                                   "canonical order. Asks for missing values when run in a terminal.")
    p.add_argument("--title", help="the headline, as the outlet published it")
    p.add_argument("--date", type=_iso_date, help="publication date YYYY-MM-DD")
    p.add_argument("--outlet", metavar="ID", help="outlet id from outlets.yml")
    p.add_argument("--url", help="the article's address")
    p.add_argument("--actors", type=_id_list, default=(), metavar="ID,ID",
                   help="actor ids from actors.yml, comma-separated")
    p.add_argument("--summary", help="one or two sentences: what happened, according to whom")

    p = sub.add_parser("serve", help="live preview that rebuilds on every change", epilog=EPILOG_SERVE,
                       formatter_class=_RAW,
                       description="Run the MkDocs development server: builds the site, serves it, and "
                                   "rebuilds when a briefing, registry or hand-written page changes.")
    p.add_argument("--config-file", "-f", type=Path, default=None, metavar="FILE",
                   help="MkDocs config (default: mkdocs.yml in --root)")
    p.add_argument("--dev-addr", "-a", default="127.0.0.1:8000", metavar="IP:PORT",
                   help="address to serve on (default: 127.0.0.1:8000)")

    p = sub.add_parser("export-docs", help="write the whole site as a plain Markdown docs tree",
                       epilog=EPILOG_EXPORT, formatter_class=_RAW,
                       description="Write docs/ plus every generated page into DIR, for engines that run "
                                   "no plugins (for Zensical, use briefings zensical DIR).")
    p.add_argument("target", type=Path, metavar="DIR")
    p.add_argument("--docs-dir", type=Path, default=Path("docs"), help="hand-written pages (default: docs)")
    p.add_argument("--force", action="store_true", help="replace DIR if it exists")

    p = sub.add_parser("zensical", help="write a project that Zensical builds into a site",
                       epilog=EPILOG_ZENSICAL, formatter_class=_RAW,
                       description="Write DIR/docs (as export-docs does) and DIR/mkdocs.yml, a copy of the "
                                   "project's config without the plugin, so that 'zensical build' in DIR "
                                   "builds the site into DIR/site.")
    p.add_argument("target", type=Path, metavar="DIR")
    p.add_argument("--config-file", "-f", type=Path, default=None, metavar="FILE",
                   help="MkDocs config to start from (default: mkdocs.yml in --root)")
    p.add_argument("--force", action="store_true", help="replace DIR if an earlier run wrote it")

    p = sub.add_parser("ingest", help="turn news articles into briefings", epilog=EPILOG_INGEST,
                       formatter_class=_RAW,
                       description="Turn articles (.txt/.md/.html files, folders, - for stdin, http(s) URLs) "
                                   "into briefings; print each path and a review list.")
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--date", type=_iso_date, help="publication date YYYY-MM-DD (overrides what is found)")
    p.add_argument("--outlet", metavar="ID", help="outlet id from outlets.yml")
    p.add_argument("--url", help="the article's address, when the source is a file or stdin")
    p.add_argument("--dry-run", action="store_true",
                   help="write nothing: briefing to stdout, review to stderr")
    p.add_argument("--draft", action="store_true", help="write a draft even when date or ids are missing")
    p.add_argument("--accept-new", action="store_true",
                   help="append proposed actors and outlets to the registry")
    p.add_argument("--force", action="store_true",
                   help="overwrite an existing briefing file; ingest an article already in the archive again")
    p.add_argument("--new-event", metavar="NAME",
                   help="add an event called NAME to events.yml and link every ingested article to it")

    p = sub.add_parser("review", help="review what ingest proposed, in the browser", epilog=EPILOG_REVIEW,
                       formatter_class=_RAW,
                       description="Serve a local page (127.0.0.1, behind a secret token) showing each "
                                   "briefing with its actor mentions, quotes and proposed actors; accept, "
                                   "reject, merge, change speakers and edit title and summary there.")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="briefings or folders (default: those new or changed since the last commit)")
    p.add_argument("--port", type=int, default=0, metavar="N",
                   help="port to serve on (default: any free one)")
    p.add_argument("--no-browser", action="store_true", help="print the address without opening a browser")
    p = sub.add_parser("event", help="link briefings already in the archive to an event",
                       epilog=EPILOG_EVENT, formatter_class=_RAW,
                       description="Add EVENT_ID to the events: list of each FILE, editing only that list; "
                                   "the event must be in events.yml.")
    event_sub = p.add_subparsers(dest="event_command", required=True, metavar="ACTION")
    q = event_sub.add_parser("add", help="add an event to briefings' events: lists", epilog=EPILOG_EVENT,
                             formatter_class=_RAW)
    q.add_argument("event_id", metavar="EVENT_ID")
    q.add_argument("files", nargs="+", type=Path, metavar="FILE")

    p = sub.add_parser("prune", help="remove registry entries that nothing uses", epilog=EPILOG_PRUNE,
                       formatter_class=_RAW,
                       description="Remove actors, events and outlets that no briefing, event or quote "
                                   "uses (the ones 'briefings check' warns about), keeping the rest of "
                                   "each registry file as it is.")
    p.add_argument("--dry-run", action="store_true", help="list what would be removed, write nothing")

    p = sub.add_parser("schema", help="write the JSON Schemas and the data-model page",
                       epilog=EPILOG_SCHEMA, formatter_class=_RAW,
                       description="Write briefing.schema.json and the registry schemas into DIR, and "
                                   "the data-model page (generated from the same fields) into "
                                   "DIR/../data-model.md.")
    p.add_argument("target", type=Path, nargs="?", default=Path("docs/schema"), metavar="DIR")
    for subparser in sub.choices.values():  # raw formatting keeps the examples; wrap the prose
        if subparser.description:
            subparser.description = textwrap.fill(subparser.description, 88)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    layout = Layout.at(args.root, args.content_dir)
    try:
        if args.command == "check":
            return _check(layout, args.paths, args.format, args.strict)
        if args.command == "new":
            return _new(layout, args)
        if args.command == "serve":
            from site_builder.mkdocs_plugin.serve import serve  # MkDocs loads only for this command

            return serve(args.config_file or args.root / "mkdocs.yml", args.dev_addr)
        if args.command == "export-docs":
            site = build_site(layout, workers=os.cpu_count() or 1)
            count = export_docs(site, args.root / args.docs_dir, args.target, force=args.force)
            print(f"wrote {count} generated files into {args.target}")
            return 0
        if args.command == "zensical":
            from site_builder.outputs.zensical import write_project
            config = args.config_file or args.root / "mkdocs.yml"
            written = write_project(config, args.target, force=args.force)
            print(f"wrote {written.config} and {written.generated} generated files; "
                  f"build with: zensical build -f {written.config}")
            return 0
        if args.command == "ingest":
            from site_builder.authoring.ingest.command import Options
            from site_builder.authoring.ingest.command import run as ingest
            with confined_to(layout.root):  # briefings, registry entries and the lock stay in the project
                return ingest(layout, args.sources, Options(args.date, args.outlet, args.url, args.dry_run,
                                                            args.draft, args.accept_new, args.force,
                                                            args.new_event))
        if args.command == "review":
            return _review(layout, args.paths, args.port, not args.no_browser)
        if args.command == "event":
            from site_builder.authoring.event_link import link_event
            with confined_to(layout.root):
                link_event(layout, args.event_id, args.files, sys.stdout)
            return 0
        if args.command == "prune":
            from site_builder.authoring.prune import prune
            with confined_to(layout.root):
                pruned = prune(layout, args.dry_run, sys.stdout)
            verb = "would remove" if args.dry_run else "removed"
            print(f"{verb} {pruned.count} unused registry entr{'y' if pruned.count == 1 else 'ies'}",
                  file=sys.stderr)
            return 0
        if args.command == "schema":
            for name, body in schema.all_schemas().items():
                atomic_write(args.target / name, schema.dump_schema(body), overwrite=True)
            model = args.target.parent / docs_model.DATA_MODEL_FILE
            atomic_write(model, docs_model.data_model_markdown(), overwrite=True)
            print(f"wrote {len(schema.all_schemas())} schemas into {args.target} and {model}")
            return 0
    except CheckFailed as failed:
        _print(failed.diagnostics, getattr(args, "format", "text"))
        return 1
    except BriefingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 2  # pragma: no cover (argparse rejects unknown commands)


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date YYYY-MM-DD") from None


def _id_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _new(layout: Layout, args: argparse.Namespace) -> int:
    from site_builder.authoring import scaffold

    values = scaffold.NewBriefing(args.title, args.date, args.outlet, args.url, args.actors, args.summary)
    values = scaffold.complete(values, input if sys.stdin.isatty() else None)
    path = scaffold.create(layout, values)
    print(layout.display(path))
    print("still to fill in (briefings check lists each until it is done):", file=sys.stderr)
    for item in scaffold.still_to_do(values):
        print(f"  - {item}", file=sys.stderr)
    return 0


def _review(layout: Layout, paths: list[Path], port: int, browser: bool) -> int:
    from site_builder.authoring.review.changed import changed_briefings
    from site_builder.authoring.review.server import relative, start

    given = relative(layout, paths) if paths else changed_briefings(layout)
    if not given:
        print("no briefings found in the given paths", file=sys.stderr)
        return 1
    try:
        server = start(layout, given, port)
    except OSError as exc:
        print(f"error: cannot serve on 127.0.0.1:{port}: {exc.strerror}; pass another --port",
              file=sys.stderr)
        return 1
    print(server.url, flush=True)
    print(f"reviewing {len(given)} briefing(s); stop with Ctrl-C", file=sys.stderr)
    if browser:
        import webbrowser
        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _check(layout: Layout, paths: list[Path], output: str = "text", strict: bool = False) -> int:
    checked = check(layout, workers=os.cpu_count() or 1)
    loaded_whole = not any(d.is_error for d in checked.diagnostics)
    diagnostics = checked.diagnostics + completeness(checked.archive.registry) + \
        open_quotes(checked.archive) + hygiene(checked.archive, loaded_whole)
    files = briefing_files(layout) if layout.content_dir.is_dir() else []
    registries = [layout.registry_file(n) for n in ("actors", "events", "outlets", "rejected")]
    registries = [r for r in registries if r.is_file()]
    if paths:
        wanted = []
        for path in paths:
            if not path.exists():
                print(f"{path}: no such file or folder", file=sys.stderr)
                return 1
            wanted.append(layout.display(path.resolve()))

        def inside(display: str) -> bool:
            return any(display == w or display.startswith(w.rstrip("/") + "/") for w in wanted)

        diagnostics = [d for d in diagnostics if inside(d.path)]
        files = [f for f in files if inside(layout.display(f))]
        registries = [r for r in registries if inside(layout.display(r))]
    _print(diagnostics, output)
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    counted = f"{len(files)} briefing(s)" + (f" and {len(registries)} registry file(s)" if registries else "")
    summary = f"{counted} checked: {errors} error(s)" + (f", {warnings} warning(s)" if warnings else "")
    if warnings and strict:
        summary += " (--strict: warnings fail)"
    print(summary, file=sys.stderr)
    return 1 if errors or (strict and warnings) else 0


def _print(diagnostics: list[Diagnostic], output: str = "text") -> None:
    for diagnostic in sorted(diagnostics):
        print(github_annotation(diagnostic) if output == "github" else diagnostic)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(diagnostic: Diagnostic) -> str:
    """A GitHub Actions workflow command: ``::error file=PATH,line=N::message (hint)``."""
    command = "warning" if diagnostic.severity == "warning" else "error"
    properties = f"file={_escape_property(diagnostic.path)}"
    if diagnostic.line:
        properties += f",line={diagnostic.line}"
    text = f"{diagnostic.message} ({diagnostic.hint})" if diagnostic.hint else diagnostic.message
    return f"::{command} {properties}::{_escape_data(text)}"


def run() -> None:
    """Console-script entry point."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)

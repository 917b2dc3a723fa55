"""``briefings``: the command line. Thin: parse arguments, call the library, map errors to exit codes.

Exit codes: 0 success, 1 the archive (or input) has errors, 2 bad usage.
User errors print ``file:line: message`` lines, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from . import schema
from .errors import BriefingsError, CheckFailed, Diagnostic
from .export import export_docs
from .fsutil import atomic_write
from .load import Layout
from .pipeline import build_site, check

EPILOG_CHECK = """examples:
  briefings check                          check every briefing and registry
  briefings check briefings/2025/09/       check one month (against the full registry)
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefings", description="Curate news briefings and build them into a cross-linked site.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
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

    p = sub.add_parser("export-docs", help="write the whole site as a plain Markdown docs tree",
                       description="Write docs/ plus every generated page into DIR, for engines that run "
                                   "no plugins (e.g. zensical build with docs_dir: DIR).")
    p.add_argument("target", type=Path, metavar="DIR")
    p.add_argument("--docs-dir", type=Path, default=Path("docs"), help="hand-written pages (default: docs)")
    p.add_argument("--force", action="store_true", help="replace DIR if it exists")

    p = sub.add_parser("ingest", help="turn news articles into briefings",
                       description="Turn articles (.txt/.md/.html files, folders, - for stdin, http(s) URLs) "
                                   "into briefings; print each path and a review list.")
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--date", type=_iso_date, help="publication date YYYY-MM-DD (overrides what is found)")
    p.add_argument("--outlet", metavar="ID", help="outlet id from outlets.yml")
    p.add_argument("--url", help="the article's address, when the source is a file or stdin")
    p.add_argument("--dry-run", action="store_true", help="write nothing: briefing to stdout, review to stderr")
    p.add_argument("--draft", action="store_true", help="write a draft even when date or ids are missing")
    p.add_argument("--accept-new", action="store_true", help="append proposed actors, outlets, events")
    p.add_argument("--force", action="store_true", help="overwrite an existing briefing file")

    p = sub.add_parser("schema", help="write the JSON Schemas for briefings and registries",
                       description="Write briefing.schema.json and the registry schemas into DIR.")
    p.add_argument("target", type=Path, nargs="?", default=Path("docs/schema"), metavar="DIR")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    layout = Layout.at(args.root, args.content_dir)
    try:
        if args.command == "check":
            return _check(layout, args.paths)
        if args.command == "export-docs":
            site = build_site(layout)
            count = export_docs(site, args.root / args.docs_dir, args.target, force=args.force)
            print(f"wrote {count} generated files into {args.target}")
            return 0
        if args.command == "ingest":
            from .ingest.command import Options, run as ingest
            return ingest(layout, args.sources, Options(args.date, args.outlet, args.url, args.dry_run,
                                                        args.draft, args.accept_new, args.force))
        if args.command == "schema":
            for name, body in schema.all_schemas().items():
                atomic_write(args.target / name, schema.dump_schema(body), overwrite=True)
            print(f"wrote {len(schema.all_schemas())} schemas into {args.target}")
            return 0
    except CheckFailed as failed:
        _print(failed.diagnostics)
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


def _check(layout: Layout, paths: list[Path]) -> int:
    checked = check(layout)
    diagnostics = checked.diagnostics
    if paths:
        wanted = []
        for path in paths:
            if not path.exists():
                print(f"{path}: no such file or folder", file=sys.stderr)
                return 1
            wanted.append(layout.display(path.resolve()))
        diagnostics = [d for d in diagnostics if any(d.path == w or d.path.startswith(w.rstrip("/") + "/")
                                                      for w in wanted)]
    _print(diagnostics)
    errors = sum(d.is_error for d in diagnostics)
    briefings = len(checked.archive.briefings)
    summary = f"{briefings} briefing(s) checked: {errors} error(s)"
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def _print(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in sorted(diagnostics):
        print(diagnostic)


def run() -> None:
    """Console-script entry point."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)

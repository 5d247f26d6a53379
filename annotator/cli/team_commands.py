"""CLI commands for team projects on a PostgreSQL server: ``annotator team ...`` and ``annotator sync``.

A server is named the libpq way (a ``postgresql://`` URL, ``key=value`` pairs or ``service=NAME``); where a
command takes URL, a team copy (``LOCAL.annotator``) may stand in for its own server. Passwords come from
``~/.pgpass``/``PGPASSFILE`` or ``--ask-password`` and are never stored. Exit status: 0 done, 2 refused
(one line says why), 3 the server could not be reached (nothing changed here; try again later).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from annotator.core.errors import AnnotatorError

EXIT_UNREACHABLE = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``team`` and ``sync`` to the `annotator` parser."""
    team = subparsers.add_parser(
        "team", help="share a project on a PostgreSQL server and work on it as a team",
        description="Team projects: the lead puts a project on a PostgreSQL server (15 or newer), each coder "
        "joins with a local copy that syncs. Blind coding is enforced by the server. See docs/team.md.")
    actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)

    create = actions.add_parser(
        "create", help="upload a project to a server as a team project (you become its lead)",
        description="Upload PROJECT to the (empty) database URL names, create a login for each of its coders "
        "and make PROJECT the lead's copy. Each coder's password is shown once: hand it to them.")
    create.add_argument("project", metavar="PROJECT")
    create.add_argument("url", metavar="URL")
    create.add_argument("--lead-coder", metavar="NAME", help="the coder in PROJECT who is you (codes as the lead)")
    create.add_argument("--coders", metavar="NAME,...", help="make logins only for these coders (default: all "
                        "but adjudicators)")
    create.add_argument("--login", action="append", default=[], metavar="NAME=LOGIN",
                        help="the login for one coder (default: made from the name); repeatable")
    create.add_argument("--no-passwords", action="store_true",
                        help="create logins without passwords (IT sets up authentication)")
    create.add_argument("--name", help="the team project's name (default: the file name)")
    _password_option(create)
    create.set_defaults(func=cmd_create)

    add = actions.add_parser("add-coder", help="add a coder with a login of their own (lead)",
                             description="Create a coder and their login; the password is shown once.")
    add.add_argument("url", metavar="URL")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--login", metavar="LOGIN", help="the login (default: made from the name); an existing "
                     "login on the server is reused")
    add.add_argument("--no-password", action="store_true", help="no password (IT sets up authentication)")
    _password_option(add)
    add.set_defaults(func=cmd_add_coder)

    for name, help_text, func in (
            ("disable-coder", "stop a coder's login (their work stays)", cmd_disable),
            ("enable-coder", "let a disabled coder sign in again", cmd_enable),
            ("reset-password", "give a coder a new password (shown once)", cmd_reset_password)):
        sub = actions.add_parser(name, help=f"{help_text} (lead)", description=help_text[0].upper() + help_text[1:] + ".")
        sub.add_argument("url", metavar="URL")
        sub.add_argument("name", metavar="NAME")
        _password_option(sub)
        sub.set_defaults(func=func)

    join = actions.add_parser(
        "join", help="make your local copy of a team project",
        description="Create LOCAL.annotator (a new file) as NAME's copy of the team project and fill it. "
        "Code in it as usual, online or not, and run 'annotator sync' (or let the app sync).")
    join.add_argument("url", metavar="URL")
    join.add_argument("local", metavar="LOCAL.annotator")
    join.add_argument("--coder", required=True, metavar="NAME", help="the coder you are in the team project")
    _password_option(join)
    join.set_defaults(func=cmd_join)

    status = actions.add_parser("status", help="who finished what, last syncs, proposed codes",
                                description="Each coder's assignments (assigned, started, done), segments and "
                                "last sync; codes waiting for the lead; who owns what.")
    status.add_argument("url", metavar="URL")
    status.add_argument("--format", choices=("table", "json"), default="table")
    _password_option(status)
    status.set_defaults(func=cmd_status)

    reveal = actions.add_parser(
        "reveal", help="open a document (or all) for review: coders see everyone's codings (lead)",
        description="Until a document is revealed the server lets each coder see only their own codings. "
        "After it, coders read everyone's codings of it and their own there become read-only.")
    reveal.add_argument("url", metavar="URL")
    reveal.add_argument("--document", metavar="NAME", help="one document (default: every document)")
    _password_option(reveal)
    reveal.set_defaults(func=cmd_reveal)

    accept = actions.add_parser("accept-code", help="take a coder's proposed code into the codebook (lead)",
                                description="A code a coder adds is a proposal only they and the lead see.")
    accept.add_argument("url", metavar="URL")
    accept.add_argument("path", metavar="CODE_PATH")
    _password_option(accept)
    accept.set_defaults(func=cmd_accept_code)

    sync = subparsers.add_parser(
        "sync", help="sync a team copy with its server and print what moved",
        description="Push your segments, memos and statuses; pull the codebook, documents, assignments and "
        "(lead) everyone's codings. Safe to interrupt and rerun. Exit 3 if the server cannot be reached.")
    sync.add_argument("local", metavar="LOCAL.annotator")
    sync.add_argument("--url", metavar="URL", help="connect here instead (e.g. another host name); not stored")
    sync.add_argument("--format", choices=("text", "json"), default="text")
    _password_option(sync)
    sync.set_defaults(func=cmd_sync)


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ask-password", action="store_true",
                        help="ask for the password (otherwise ~/.pgpass, PGPASSFILE or PGPASSWORD); never stored")


def _address(text: str):
    """URL, conninfo, service name, or a team copy whose stored server is meant."""
    from annotator.core.team.credentials import ServerAddress

    path = Path(text)
    if text.endswith(".annotator") and path.is_file():
        from annotator.core.store import Project, sync_log

        with Project.open(path, readonly=True) as project:
            url = sync_log.team_state(project).get("url")
        if not url:
            raise AnnotatorError(f"{path}: not a copy of a team project")
        return ServerAddress.parse(url)
    return ServerAddress.parse(text)


def _password(args: argparse.Namespace, address) -> str | None:
    if not getattr(args, "ask_password", False):
        return None
    return getpass.getpass(f"password for {address.display()}: ")


def _unreachable(exc: AnnotatorError) -> int:
    print(f"annotator: {exc}", file=sys.stderr)
    return EXIT_UNREACHABLE


def _print_logins(logins) -> None:
    with_password = [login for login in logins if login.password]
    if with_password:
        print("Give each coder their login and password (shown only now; 'annotator team reset-password' makes "
              "a new one). A coder keeps it in ~/.pgpass as HOST:PORT:DATABASE:LOGIN:PASSWORD.")
    for login in logins:
        print(f"  {login.line()}")


def cmd_create(args: argparse.Namespace) -> int:
    from annotator.core.store import Project
    from annotator.core.team.errors import ServerUnavailable
    from annotator.core.team.share import share

    address = _address(args.url)
    logins = {}
    for item in args.login:
        name, sep, login = item.partition("=")
        if not sep or not name.strip() or not login.strip():
            raise AnnotatorError(f"--login {item}: use NAME=LOGIN")
        logins[name.strip()] = login.strip()
    only = [n.strip() for n in args.coders.split(",") if n.strip()] if args.coders else None
    with Project.open(args.project) as project:
        try:
            report = share(project, address, password=_password(args, address), lead_coder=args.lead_coder,
                           logins=logins, only=only, passwords=not args.no_passwords, name=args.name)
        except ServerUnavailable as exc:
            return _unreachable(exc)
    if address.password:
        print("note: the password in the URL was used once and not stored; use ~/.pgpass for later syncs")
    if report.relinked:
        print(f"{args.project} is the lead's copy of the team project on {report.where} again")
    else:
        counts = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in report.uploaded.items() if n)
        print(f"shared {args.project} on {report.where}: {counts}")
    _print_logins(report.logins)
    for note in report.notes:
        print(f"note: {note}")
    return 0


def cmd_add_coder(args: argparse.Namespace) -> int:
    from annotator.core.team.administration import add_coder

    address = _address(args.url)
    login = add_coder(address, args.name, login=args.login, password=not args.no_password,
                      lead_password=_password(args, address))
    print(f"added coder {args.name} to {address.display()}")
    _print_logins([login])
    return 0


def cmd_disable(args: argparse.Namespace) -> int:
    from annotator.core.team.administration import set_coder_enabled

    address = _address(args.url)
    login = set_coder_enabled(address, args.name, False, lead_password=_password(args, address))
    print(f"disabled {args.name}: the login {login} can no longer sign in; their work stays on the server")
    return 0


def cmd_enable(args: argparse.Namespace) -> int:
    from annotator.core.team.administration import set_coder_enabled

    address = _address(args.url)
    login = set_coder_enabled(address, args.name, True, lead_password=_password(args, address))
    print(f"enabled {args.name}: the login {login} may sign in again")
    return 0


def cmd_reset_password(args: argparse.Namespace) -> int:
    from annotator.core.team.administration import reset_password

    address = _address(args.url)
    login = reset_password(address, args.name, lead_password=_password(args, address))
    print(f"new password for {args.name} (the old one no longer works):")
    _print_logins([login])
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from annotator.core.team.errors import ServerUnavailable
    from annotator.core.team.join import join

    address = _address(args.url)
    try:
        report = join(address, args.local, args.coder, password=_password(args, address))
    except ServerUnavailable as exc:
        return _unreachable(exc)
    if address.password:
        print("note: the password in the URL was used once and not stored; put it in ~/.pgpass for later syncs")
    print(f"joined as {args.coder}: {args.local} ({report.summary().replace('pushed nothing; ', '')})")
    for note in report.notes:
        print(f"note: {note}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from annotator.core.team.errors import ServerUnavailable
    from annotator.core.team.status import team_status

    address = _address(args.url)
    try:
        status = team_status(address, password=_password(args, address))
    except ServerUnavailable as exc:
        return _unreachable(exc)
    if args.format == "json":
        json.dump(status.to_json_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print("\n".join(status.lines()))
    return 0


def cmd_reveal(args: argparse.Namespace) -> int:
    from annotator.core.team.administration import reveal

    address = _address(args.url)
    count = reveal(address, args.document, lead_password=_password(args, address))
    what = f"'{args.document}'" if args.document else "every document"
    if count == 0:
        print(f"{what} was already revealed")
    else:
        print(f"revealed {what} ({count} document(s)): coders see everyone's codings there after their next sync")
    return 0


def cmd_accept_code(args: argparse.Namespace) -> int:
    from annotator.core.team.administration import accept_code

    address = _address(args.url)
    accept_code(address, args.path, lead_password=_password(args, address))
    print(f"accepted '{args.path}': every coder gets it at their next sync")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from annotator.core.store import Project
    from annotator.core.team.credentials import ServerAddress
    from annotator.core.team.errors import ServerUnavailable
    from annotator.core.team.sync import sync

    with Project.open(args.local) as project:
        address = ServerAddress.parse(args.url) if args.url else None
        if address is None:
            from annotator.core.store import sync_log

            url = sync_log.team_state(project).get("url")
            address = ServerAddress.parse(url) if url else None
        password = _password(args, address) if address is not None else None
        try:
            report = sync(project, password=password, address=address)
        except ServerUnavailable as exc:
            return _unreachable(exc)
    if args.format == "json":
        json.dump({"server": report.where, "seconds": round(report.seconds, 3), "pushed": report.pushed,
                   "pulled": {t: {"added": report.applied.added.get(t, 0), "changed": report.applied.changed.get(t, 0),
                                  "deleted": report.applied.deleted.get(t, 0)}
                              for t in report.applied.added.keys() | report.applied.changed.keys()
                              | report.applied.deleted.keys()},
                   "notes": report.notes}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print("\n".join(report.lines()))
    return 0

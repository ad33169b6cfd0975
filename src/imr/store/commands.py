"""`imr db`, `imr cases` and `imr users`: the case store from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from imr.errors import ImrError, NotFoundError
from imr.terminal import fail, stdout

if TYPE_CHECKING:  # the store's modules load only when a command runs (the CLI starts fast)
    from imr.store.database import Store

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: IMR_DATABASE_URL, else ~/.local/share/imr/imr.sqlite)."),
]

db_app = typer.Typer(help="The case store's database.", no_args_is_help=True)
cases_app = typer.Typer(help="Cases in the store.", no_args_is_help=True)
users_app = typer.Typer(help="Users of the store.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Create the store's tables, or bring them to the newest schema (Alembic). Safe to run again.

    Example: imr db upgrade --db postgresql+psycopg://imr@localhost/imr
    """
    from imr.store.database import create_store_engine, default_database_url, upgrade

    try:
        engine = create_store_engine(db or default_database_url())
        before, after = upgrade(engine)
    except ImrError as error:
        fail(error)
        raise typer.Exit(code=1) from None
    state = "already at" if before == after else f"upgraded from {before or 'nothing'} to"
    stdout.print(f"{engine.url.render_as_string(hide_password=True)}: {state} revision {after}", markup=False)


def _actor_id(store: Store, username: str) -> int:
    from sqlalchemy import select

    from imr.store.models import User

    with store.session() as session:
        user_id = session.scalar(select(User.id).where(User.username == username))
    if user_id is None:
        raise NotFoundError(f"no user {username!r} (add one with imr users add)", field="--as")
    return user_id


@cases_app.command("import")
def cases_import(
    folders: Annotated[list[Path], typer.Argument(help="Case folders (case.yaml and its records).")],
    acting: Annotated[str, typer.Option("--as", help="The case manager taking the cases in.")],
    db: DbOption = None,
) -> None:
    """Take existing case folders into the store, each whole or not at all; problems are one line per folder.

    Example: imr cases import examples/standard-lumbar-pt-mri-norco --as manager
    """
    from imr.store.database import Store
    from imr.store.workflow import CaseService

    try:
        store = Store(db)
        actor = _actor_id(store, acting)
    except ImrError as error:
        fail(error)
        raise typer.Exit(code=1) from None
    service = CaseService(store)
    failed = 0
    for folder in folders:
        try:
            case_id = service.import_folder(actor, folder)
        except ImrError as error:
            fail(f"{folder}: {error}")
            failed += 1
            continue
        stdout.print(f"{folder}: imported as case {case_id}", markup=False)
    if failed:
        raise typer.Exit(code=1)


@cases_app.command("list")
def cases_list(
    acting: Annotated[str, typer.Option("--as", help="Whose view of the cases.")], db: DbOption = None
) -> None:
    """The cases the user may see, one per line (tab-separated: id, case number, status, priority, due date).

    Example: imr cases list --as manager
    """
    from imr.store.database import Store
    from imr.store.workflow import CaseService

    try:
        store = Store(db)
        rows = CaseService(store).cases(_actor_id(store, acting))
    except ImrError as error:
        fail(error)
        raise typer.Exit(code=1) from None
    for row in rows:
        print(f"{row['id']}\t{row['case_number']}\t{row['status']}\t{row['priority']}\t{row['due_date'] or ''}")


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="Log-in name: lower case letters, digits, '_', '.', '-'.")],
    role: Annotated[str, typer.Option("--role", help="case_manager, reviewer or administrator.")],
    panel: Annotated[
        Path | None, typer.Option("--panel", help="A panel file holding the reviewer's entry (reviewers only).")
    ] = None,
    reviewer_id: Annotated[str | None, typer.Option("--reviewer-id", help="The reviewer's id in --panel.")] = None,
    db: DbOption = None,
) -> None:
    """Add a user; the password is read from the terminal (or standard input), never from the command line.

    Example: imr users add r-101 --role reviewer --panel examples/panel.yaml --reviewer-id R-101
    """
    from imr.cases import load_panel
    from imr.store.database import Store
    from imr.store.users import add_user

    try:
        profile = None
        if panel is not None or reviewer_id is not None:
            if panel is None or reviewer_id is None:
                raise NotFoundError("give both --panel and --reviewer-id for a reviewer", field="--panel")
            entry = load_panel(panel).reviewer(reviewer_id)
            if entry is None:
                raise NotFoundError(f"no reviewer {reviewer_id!r} in the panel", source=str(panel))
            profile = entry.model_dump(mode="json")
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        user = add_user(Store(db), username, password, role, profile)
    except ImrError as error:
        fail(error)
        raise typer.Exit(code=1) from None
    stdout.print(f"added {user.username} ({user.role})", markup=False)

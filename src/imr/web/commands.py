"""`imr serve`: the web service and workbench."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from imr.errors import ImrError
from imr.store.commands import DbOption
from imr.terminal import fail, stdout


def serve_command(
    db: DbOption = None,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    engine_workers: Annotated[
        int | None, typer.Option("--engine-workers", min=1, max=64, help="Processes drafting (default: one per core).")
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    demo: Annotated[
        Path | None,
        typer.Option("--demo", help="An examples folder: demo users (new passwords, printed) and its cases."),
    ] = None,
) -> None:
    """Start the web service and the reviewer workbench (the schema is brought up to date first).

    Example: imr serve --demo examples --port 8000   (then open http://127.0.0.1:8000/)
    """
    import uvicorn

    from imr.store.database import Store, default_database_url
    from imr.store.engine_runner import ProcessDraftRunner
    from imr.web.app import create_app
    from imr.web.settings import WebSettings

    url = db or default_database_url()
    try:
        store = Store(url, upgrade_schema=True)
        if demo is not None:
            from imr.store.demo import prepare_demo

            logins, imported = prepare_demo(store, demo)
            stdout.print("Demo users (new passwords every start):", markup=False)
            for login in logins:
                code = f"  reviewer {login.reviewer_code}" if login.reviewer_code else ""
                stdout.print(f"  {login.username:<8} {login.password}  {login.role}{code}", markup=False)
            if imported:
                stdout.print(f"Example cases taken in: {', '.join(imported)}", markup=False)
        runner = ProcessDraftRunner(engine_workers)
        app = create_app(WebSettings(database_url=url), store=store, draft_runner=runner)
    except ImrError as error:
        fail(error)
        raise typer.Exit(code=1) from None
    stdout.print(f"Workbench on http://{host}:{port}/ (database {store.display_url})", markup=False)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        runner.shutdown()

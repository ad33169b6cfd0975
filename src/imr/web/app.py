"""The web service: FastAPI with the JSON API under /api and the workbench pages; OpenAPI at /openapi.json."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from imr.store.database import Store
from imr.store.engine_runner import DraftRunner, run_here
from imr.store.workflow import CaseService
from imr.web.api import router as api_router
from imr.web.errors import install_error_handlers
from imr.web.limits import BodySizeLimit
from imr.web.security import LoginThrottle
from imr.web.settings import SESSION_HOURS, WebSettings, session_secret

HERE = Path(__file__).parent


def create_app(
    settings: WebSettings | None = None, *, store: Store | None = None, draft_runner: DraftRunner = run_here
) -> FastAPI:
    """The service on ``store`` (default: the database the settings name, which must be upgraded); the engine runs
    where ``draft_runner`` puts it (default: in the request's thread; `imr serve` gives a process pool)."""
    settings = settings or WebSettings()
    store = store or Store(settings.database_url)
    app = FastAPI(
        title="IMR review service",
        version="1",
        description="Independent Medical Review cases: intake, screening, assignment, drafts, signatures, letters.",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.store = store
    app.state.service = CaseService(store, draft_runner=draft_runner)
    app.state.settings = settings
    app.state.throttle = LoginThrottle(store, settings.login_attempts, settings.login_window_seconds)
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret or session_secret(),
        session_cookie="imr_session",
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(BodySizeLimit)
    install_error_handlers(app)
    app.include_router(api_router)
    from imr.web.pages import router as pages_router

    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app

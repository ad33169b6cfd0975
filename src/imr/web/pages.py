"""The reviewer workbench: server-rendered pages (Jinja2, a little plain JavaScript, everything from /static).

GET  /login, POST /login, POST /logout         page_login
GET  /                                          page_queue: my queue
GET  /cases/new, POST /cases/new                page_intake: case file and records in one form
GET  /cases/{id}                                page_case: overview, or the reviewer's workbench
POST /cases/{id}/screen|assign|draft|notes|sign, /cases/{id}/items/{n}/decision    page_actions
GET  /audit                                     page_audit
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from imr.web import page_actions, page_audit, page_case, page_intake, page_login, page_queue
from imr.web.page_render import install_page_globals

router = APIRouter(dependencies=[Depends(install_page_globals)], include_in_schema=False)
for part in (page_login, page_queue, page_intake, page_case, page_actions, page_audit):
    router.include_router(part.router)

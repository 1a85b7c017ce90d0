"""The FastAPI application, assembled from its routers ("bigger applications" layout)."""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from bot.web.routers import directory, pages, widget


def create_app() -> FastAPI:
    app = FastAPI(title="Passerelle", version="0.1.0",
                  description="Directory of social and solidarity economy initiatives and contact points for migrants.")
    app.include_router(pages.router)
    app.include_router(directory.router)
    app.include_router(widget.router)
    # The widget runs on other sites' pages: it fetches its strings and deletes its conversation
    # from there. No credentials cross origins, so staff sessions are not exposed.
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                       allow_credentials=False)
    return app


app = create_app()

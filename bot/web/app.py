"""The FastAPI application, assembled from its routers ("bigger applications" layout)."""
from __future__ import annotations

from fastapi import FastAPI

from bot.web.routers import directory, pages


def create_app() -> FastAPI:
    app = FastAPI(title="Passerelle", version="0.1.0",
                  description="Directory of social and solidarity economy initiatives and contact points for migrants.")
    app.include_router(pages.router)
    app.include_router(directory.router)
    return app


app = create_app()

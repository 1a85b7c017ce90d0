"""Every setting Passerelle reads from the environment, with its default, in one place."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


@dataclass(frozen=True)
class Settings:
    database_url: str
    host: str
    rasa_port: int
    actions_port: int
    web_port: int
    model_dir: Path
    var_dir: Path
    kb_dir: Path
    seeds_dir: Path
    public_rasa_url: str   # where browsers reach Rasa's socket.io; "" = this host, Rasa's port
    lock_store_url: str    # redis://host:port/db for several Rasa replicas; "" = in memory (one process)
    timezone: str          # IANA name (Europe/Brussels) in which staff pages show times

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://{self.host}:{self.actions_port}/webhook"

    def rasa_token(self) -> str:
        """Rasa's HTTP API reads every conversation, so it is never open without a token:
        PASSERELLE_RASA_TOKEN, or a random one made on first use and kept in var/."""
        token = os.environ.get("PASSERELLE_RASA_TOKEN", "").strip()
        if token:
            return token
        path = self.var_dir / "rasa_token"
        if not path.exists():
            self.var_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(32))
            path.chmod(0o600)
        return path.read_text().strip()


def load_settings() -> Settings:
    var_dir = Path(_env("PASSERELLE_VAR_DIR", str(ROOT / "var")))
    return Settings(
        database_url=_env("DATABASE_URL", f"sqlite:///{var_dir / 'passerelle.db'}"),
        host=_env("PASSERELLE_HOST", "127.0.0.1"),
        rasa_port=int(_env("PASSERELLE_RASA_PORT", "5005")),
        actions_port=int(_env("PASSERELLE_ACTIONS_PORT", "5055")),
        web_port=int(_env("PASSERELLE_WEB_PORT", "8000")),
        model_dir=Path(_env("PASSERELLE_MODEL_DIR", str(ROOT / "models"))),
        var_dir=var_dir,
        kb_dir=Path(_env("PASSERELLE_KB_DIR", str(ROOT / "data" / "kb"))),
        seeds_dir=Path(_env("PASSERELLE_SEEDS_DIR", str(ROOT.parent / "shared" / "seeds"))),
        public_rasa_url=_env("PASSERELLE_PUBLIC_RASA_URL", "").rstrip("/"),
        lock_store_url=_env("PASSERELLE_LOCK_STORE_URL", ""),
        timezone=_env("PASSERELLE_TIMEZONE", "UTC"),
    )

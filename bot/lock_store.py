"""Rasa's lock store, chosen by one URL (endpoints.yml `lock_store: type: bot.lock_store.LockStoreFromURL`).

Rasa handles one message of a conversation at a time by taking the conversation's lock. With
one Rasa process, a lock in memory is enough (the embedded default). With several replicas
behind a load balancer, the lock must be shared, or two replicas can run two messages of one
conversation at once and save one over the other: PASSERELLE_LOCK_STORE_URL=redis://host:6379/1
gives them Rasa's Redis lock store.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore


class LockStoreFromURL:
    """Not a lock store itself: Rasa instantiates it from endpoints.yml and gets Rasa's own
    Redis lock store for a redis:// or rediss:// URL, or the in-memory one for an empty URL."""

    def __new__(cls, endpoint_config: Any = None) -> LockStore:   # type: ignore[misc]
        url = (getattr(endpoint_config, "url", None) or "").strip()
        if not url:
            return InMemoryLockStore()
        parts = urlsplit(url)
        if parts.scheme not in ("redis", "rediss"):
            raise ValueError(f"PASSERELLE_LOCK_STORE_URL must be redis://host:port/db, not {parts.scheme}://")
        db = parts.path.strip("/")
        return RedisLockStore(host=parts.hostname or "localhost", port=parts.port or 6379,
                              db=int(db) if db else 1, username=unquote(parts.username) if parts.username else None,
                              password=unquote(parts.password) if parts.password else None,
                              use_ssl=parts.scheme == "rediss", key_prefix="passerelle")

"""The per-request context: the acting API key and fresh DataLoaders."""

from dataclasses import dataclass, field
from typing import Any

from app.auth import Actor
from resolvers.loaders import Loaders


@dataclass
class Context:
    request: Any
    response: Any
    actor: Actor | None
    _loaders: Loaders | None = field(default=None)
    connection_params: dict[str, Any] | None = None

    @property
    def loaders(self) -> Loaders:
        # Built lazily, once per request (per event inside subscriptions).
        if self._loaders is None:
            assert self.actor is not None
            self._loaders = Loaders(self.actor)
        return self._loaders

    def require_actor(self) -> Actor:
        if self.actor is None:  # the auth extension refuses such operations before execution
            raise PermissionError("unauthenticated")
        return self.actor

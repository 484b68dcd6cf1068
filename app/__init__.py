"""ordergraph: the running system (settings, database, auth, event bus, services, ASGI app, CLI)."""

"""A fingerprint of every table's rows: equal fingerprints mean nothing was written."""

import hashlib

from tortoise import Tortoise


async def database_fingerprint(skip: frozenset[str] = frozenset({"ApiKey", "IdempotencyRecord"})) -> str:
    digest = hashlib.sha256()
    for model in sorted(Tortoise.apps.get_models_iterable(), key=lambda m: m.__name__):
        if model.__name__ in skip:
            continue
        rows = await model.all().order_by(model._meta.pk_attr).values()
        digest.update(model.__name__.encode())
        for row in rows:
            digest.update(repr(sorted(row.items())).encode())
    return digest.hexdigest()

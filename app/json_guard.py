"""A JSON request body must be an object (or a list, which the GraphQL view refuses as a batch).

Strawberry's body parsing assumes an object: `5`, `"x"`, `null` or `true` raised AttributeError and
answered a plain-text 500 outside the error masking (STACK_NOTES). This middleware answers 400 with a
JSON error before any view sees such a body, on every route. It looks at the first significant byte
only: a body starting with `{` or `[` goes on (malformed JSON is still refused by the view).
"""

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_WHITESPACE = b" \t\r\n"


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return b"json" in value.lower()
    return False


class JsonObjectBody:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH") or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        body = b""
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if body.lstrip(_WHITESPACE) or not message.get("more_body", False):
                break
        first = body.lstrip(_WHITESPACE)[:1]
        if first not in (b"{", b"["):
            await _refuse(send)
            return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


async def _refuse(send: Send) -> None:
    body = json.dumps(
        {
            "errors": [
                {
                    "message": 'The request body must be a JSON object such as {"query": "...", "variables": {...}}.',
                    "extensions": {"code": "BAD_REQUEST"},
                }
            ]
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 400,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})

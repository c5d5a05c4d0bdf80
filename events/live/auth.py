"""WebSocket authentication for API clients: the DRF token.

The browser app is authenticated by its session cookie (channels'
``AuthMiddlewareStack``). An API client sends its token instead, in one of:

* the header ``Authorization: Token <key>`` (preferred: not logged anywhere);
* the subprotocol ``token.<key>`` next to ``innolink`` (for clients that cannot
  set headers, e.g. browsers' ``new WebSocket(url, ["innolink", "token.<key>"])``);
* the query ``?token=<key>``.

A token that is sent but unknown gives an anonymous user (the consumer then
refuses with 4401) even if a session cookie came too.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from django.contrib.auth.models import AnonymousUser

TOKEN_SUBPROTOCOL = "token."


def token_from_scope(scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            kind, _, key = value.decode("latin1").partition(" ")
            if kind.lower() == "token" and key.strip():
                return key.strip()
    for protocol in scope.get("subprotocols", []):
        if protocol.startswith(TOKEN_SUBPROTOCOL):
            return protocol[len(TOKEN_SUBPROTOCOL) :]
    query = parse_qs(scope.get("query_string", b"").decode("latin1"))
    values = query.get("token")
    return values[0] if values else None


@database_sync_to_async
def user_for_token(key: str):
    from rest_framework.authtoken.models import Token

    token = Token.objects.select_related("user").filter(key=key).first()
    if token is None or not token.user.is_active:
        return AnonymousUser()
    return token.user


class TokenAuthMiddleware(BaseMiddleware):
    """Put the token's user in ``scope["user"]`` when the client sent a token."""

    async def __call__(self, scope, receive, send):
        key = token_from_scope(scope)
        if key is not None:
            scope = dict(scope, user=await user_for_token(key))
        return await super().__call__(scope, receive, send)

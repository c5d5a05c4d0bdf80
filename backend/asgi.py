"""ASGI entry point: HTTP through Django, WebSockets through channels.

WebSockets: the Origin must be one of ALLOWED_HOSTS (else the handshake is
refused), the user comes from the session cookie or, for API clients, a DRF
token (events/live/auth.py); consumers authorise each room (events/live).
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
django_asgi_app = get_asgi_application()

# These need Django set up.
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from events.live.auth import TokenAuthMiddleware  # noqa: E402
from events.live.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(TokenAuthMiddleware(URLRouter(websocket_urlpatterns)))
        ),
    }
)

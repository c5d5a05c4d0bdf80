"""Settings for the test suite: production settings minus TLS redirects, plus speed."""

import os

os.environ.setdefault("SECURE_HTTPS", "0")  # the test client speaks plain HTTP

from backend.settings import *  # noqa: F403
from backend.settings import REST_FRAMEWORK

# Argon2 stays the production hasher (tests/backend/accounts checks it); hashing
# thousands of test passwords with it would only cost time.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"auth": "10000/min"}}
# One process, in memory, even where REDIS_URL is set; the test of several server
# processes starts its servers with REDIS_URL (tests/events/live/test_two_processes.py).
CHANNEL_LAYERS = {"default": {"BACKEND": "backend.live.InMemoryChannelLayer"}}

"""An authenticator app's current code, for the load run's staff journeys
(kept apart from bench/locustfile.py, which cannot be imported without
Locust patching the process for gevent)."""

import base64
import hashlib
import hmac
import struct
import time


def authenticator_code(secret: str) -> str:
    """The six-digit code an authenticator app shows now (RFC 6238: SHA-1,
    30 s), computed here because Locust's processes do not load Django."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"

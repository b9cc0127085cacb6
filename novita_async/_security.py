"""The API key's safety rules, in one place: how it is held, and where it may be sent.

* `APIKey` holds the key; its repr and str are redacted, so passing it around (or a traceback rendered with
  local variables: `capture_locals=True`, pytest `-l`, Sentry) shows nothing.
* `RedactedHeader` is the `Authorization` value handed to aiohttp: a `str` that aiohttp writes on the
  wire as is, but whose repr is redacted, because aiohttp's own frames hold it in their `headers` locals.
* `check_service_url` refuses a URL that would carry the key in clear text (plain `http://` to a host that
  is not loopback) or that is not an http(s) URL at all, unless the caller opts in.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from ._constants import LOOPBACK_HOSTS
from ._errors import ConfigurationError

__all__ = ("APIKey", "RedactedHeader", "check_service_url", "is_loopback_host")


class RedactedHeader(str):
    """A header value that aiohttp sends as is but that never shows in a repr.

    Tracebacks rendered with local variables (`capture_locals=True`, pytest `-l`, Sentry) print the repr
    of every local of every frame, including aiohttp's, whose `headers` hold this value.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "'<redacted>'"


class APIKey:
    """Holds the API key; its repr and str are redacted, so passing it around leaks nothing."""

    __slots__ = ("_value",)
    _value: str

    def __init__(self, value: str | APIKey) -> None:
        self._value = value._value if isinstance(value, APIKey) else value

    def __repr__(self) -> str:
        return "APIKey('<redacted>')"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self._value)

    def authorization(self) -> RedactedHeader:
        """The `Authorization` header value, built when a request needs it."""
        return RedactedHeader("Bearer " + self._value)

    def reveal(self) -> str:
        """The key itself (for redaction filters and tests); never log it."""
        return self._value


def is_loopback_host(host: str) -> bool:
    """`localhost`, 127.0.0.0/8 or ::1: traffic that never leaves the machine."""
    if host.lower() in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_service_url(url: str, *, name: str, allow_insecure_http: bool = False) -> str:
    """`url` without its trailing slash, or `ConfigurationError` if it cannot safely carry the key.

    Only `https://` (any host) and `http://` to a loopback host are accepted; plain `http://` elsewhere
    would send the API key in clear text, so it needs `allow_insecure_http=True`.
    """
    if not isinstance(url, str):
        raise ConfigurationError(f"{name} must be a str URL, not {type(url).__name__}")
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError as exc:
        raise ConfigurationError(f"{name} {url!r} is not a valid URL: {exc}") from None
    if parts.scheme not in ("https", "http") or not host or not url.isprintable() or any(c.isspace() for c in url):
        raise ConfigurationError(f"{name} {url!r} is not an http(s) URL such as 'https://api.novita.ai'")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ConfigurationError(f"{name} {url!r} must not carry a query, fragment or credentials")
    if parts.scheme == "http" and not allow_insecure_http and not is_loopback_host(host):
        raise ConfigurationError(
            f"{name} {url!r} uses plain http to a non-loopback host: the API key would travel in clear "
            "text. Use https, or pass allow_insecure_http=True if you really mean it"
        )
    return url.rstrip("/")

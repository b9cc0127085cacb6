"""Wire helpers shared by every route module: JSON in and out, error bodies, lenient field access.

Handlers raise `ApiError`; the middleware turns it into the right shape for the API family: the v3 error
object with a real HTTP status (reference §2.4), or the v2 envelope inside an HTTP 200 (§2.1).
"""

from __future__ import annotations

import base64
import binascii
import gzip
from typing import Any

import msgspec
from aiohttp import web

__all__ = (
    "ApiError",
    "Body",
    "decode_b64",
    "json_response",
    "raw_json_response",
    "read_json",
    "v2_ok",
    "v3_error_body",
)

_encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder().decode
GZIP_THRESHOLD = 1024


class ApiError(Exception):
    """A refusal: `status`/`reason` for v3, `v2_code` for the v2 envelope."""

    def __init__(
        self,
        status: int,
        reason: str,
        message: str,
        *,
        v2_code: int = 1,
        metadata: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message
        self.v2_code = v2_code
        self.metadata = metadata or {}
        self.headers = headers or {}

    @classmethod
    def invalid(cls, message: str) -> ApiError:
        return cls(400, "INVALID_REQUEST_BODY", message, v2_code=1)

    @classmethod
    def out_of_range(cls, message: str) -> ApiError:
        return cls(400, "INVALID_REQUEST_BODY", message, v2_code=6)


def v3_error_body(
    status: int, reason: str, message: str, metadata: dict[str, str] | None = None
) -> dict[str, Any]:
    return {"code": status, "reason": reason, "message": message, "metadata": metadata or {}}


def raw_json_response(
    request: web.Request, payload: bytes, *, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """Send pre-encoded JSON, gzipped when the client accepts it and the body is worth compressing."""
    out_headers = {"Content-Type": "application/json"}
    if headers:
        out_headers.update(headers)
    if len(payload) > GZIP_THRESHOLD and "gzip" in request.headers.get("Accept-Encoding", ""):
        payload = gzip.compress(payload, compresslevel=1)
        out_headers["Content-Encoding"] = "gzip"
        out_headers["Vary"] = "Accept-Encoding"
    return web.Response(body=payload, status=status, headers=out_headers)


def json_response(
    request: web.Request, data: Any, *, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    return raw_json_response(request, _encode(data), status=status, headers=headers)


def encode(data: Any) -> bytes:
    return _encode(data)


def v2_ok(request: web.Request, data: Any) -> web.Response:
    """The v2 success envelope."""
    return json_response(request, {"code": 0, "msg": "", "data": data})


async def read_json(request: web.Request) -> Body:
    """Parse the request body as a JSON object; malformed input is an `INVALID_REQUEST_BODY` / code 1."""
    raw = await request.read()
    try:
        data = _decode(raw) if raw else None
    except msgspec.DecodeError as exc:
        raise ApiError.invalid(f"request body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ApiError.invalid("request body must be a JSON object")
    return Body(data)


def decode_b64(value: str, field: str) -> bytes:
    """Decode base64, with or without a `data:<mime>;base64,` prefix (reference §1.6)."""
    if value.startswith("data:"):
        _, _, value = value.partition(",")
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError.invalid(f"{field} is not valid base64") from None
    if not data:
        raise ApiError.invalid(f"{field} must not be empty")
    return data


class Body:
    """Lenient, validating view of a JSON object: `null` means absent, unknown keys are ignored.

    `prefix` is prepended to field names in error messages (`request.width must be in [128, 2048]`).
    """

    __slots__ = ("data", "prefix")

    def __init__(self, data: dict[str, Any], prefix: str = "") -> None:
        self.data = data
        self.prefix = prefix

    def name(self, key: str) -> str:
        return self.prefix + key

    def get(self, key: str) -> Any:
        return self.data.get(key)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def obj(self, key: str) -> Body:
        """A nested object (absent → empty)."""
        value = self.data.get(key)
        if value is None:
            return Body({}, self.name(key) + ".")
        if not isinstance(value, dict):
            raise ApiError.invalid(f"{self.name(key)} must be an object")
        return Body(value, self.name(key) + ".")

    def req_str(self, key: str, max_len: int | None = None) -> str:
        value = self.data.get(key)
        if value is None or value == "":
            raise ApiError.invalid(f"{self.name(key)} is required")
        if not isinstance(value, str):
            raise ApiError.invalid(f"{self.name(key)} must be a string")
        if max_len is not None and len(value) > max_len:
            raise ApiError.out_of_range(f"{self.name(key)} must be at most {max_len} characters")
        return value

    def opt_str(self, key: str, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, str):
            raise ApiError.invalid(f"{self.name(key)} must be a string")
        return value

    def _number(self, key: str, value: Any, integer: bool) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            kind = "an integer" if integer else "a number"
            raise ApiError.invalid(f"{self.name(key)} must be {kind}")
        if integer and isinstance(value, float) and not value.is_integer():
            raise ApiError.invalid(f"{self.name(key)} must be an integer")
        return value

    def _range(self, key: str, value: float, lo: float | None, hi: float | None, lo_open: bool) -> None:
        too_low = lo is not None and (value <= lo if lo_open else value < lo)
        too_high = hi is not None and value > hi
        if too_low or too_high:
            left = "(" if lo_open else "["
            raise ApiError.out_of_range(f"{self.name(key)} must be in {left}{_fmt(lo)}, {_fmt(hi)}]")

    def req_int(
        self, key: str, lo: float | None = None, hi: float | None = None, *, lo_open: bool = False
    ) -> int:
        value = self.data.get(key)
        if value is None:
            raise ApiError.invalid(f"{self.name(key)} is required")
        number = int(self._number(key, value, True))
        self._range(key, number, lo, hi, lo_open)
        return number

    def opt_int(
        self,
        key: str,
        default: int,
        lo: float | None = None,
        hi: float | None = None,
        *,
        lo_open: bool = False,
    ) -> int:
        value = self.data.get(key)
        if value is None:
            return default
        number = int(self._number(key, value, True))
        self._range(key, number, lo, hi, lo_open)
        return number

    def req_num(
        self, key: str, lo: float | None = None, hi: float | None = None, *, lo_open: bool = False
    ) -> float:
        value = self.data.get(key)
        if value is None:
            raise ApiError.invalid(f"{self.name(key)} is required")
        number = float(self._number(key, value, False))
        self._range(key, number, lo, hi, lo_open)
        return number

    def opt_bool(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise ApiError.invalid(f"{self.name(key)} must be a boolean")
        return value

    def req_b64(self, key: str) -> bytes:
        value = self.req_str(key)
        return decode_b64(value, self.name(key))

    def opt_b64(self, key: str) -> bytes | None:
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise ApiError.invalid(f"{self.name(key)} must be a base64 string")
        return decode_b64(value, self.name(key))

    def req_list(self, key: str, min_len: int = 1, max_len: int | None = None) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            raise ApiError.invalid(f"{self.name(key)} is required")
        return self._list(key, value, min_len, max_len)

    def opt_list(self, key: str, max_len: int | None = None) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        return self._list(key, value, 0, max_len)

    def _list(self, key: str, value: Any, min_len: int, max_len: int | None) -> list[Any]:
        if not isinstance(value, list):
            raise ApiError.invalid(f"{self.name(key)} must be an array")
        if len(value) < min_len:
            raise ApiError.invalid(f"{self.name(key)} must have at least {min_len} item(s)")
        if max_len is not None and len(value) > max_len:
            raise ApiError.out_of_range(f"{self.name(key)} must have at most {max_len} item(s)")
        return value

    def items(self, key: str, *, required: bool = False, max_len: int | None = None) -> list[Body]:
        """A list of objects, each wrapped as a `Body` named `key[i].`."""
        raw = self.req_list(key, 1, max_len) if required else self.opt_list(key, max_len)
        out = []
        for i, item in enumerate(raw):
            if not isinstance(item, dict):
                raise ApiError.invalid(f"{self.name(key)}[{i}] must be an object")
            out.append(Body(item, f"{self.name(key)}[{i}]."))
        return out


def _fmt(value: float | None) -> str:
    if value is None:
        return "inf"
    return str(int(value)) if float(value).is_integer() else str(value)

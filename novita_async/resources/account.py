"""`client.account`: the account behind the API key (reference §7.1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..types.account import UserInfo
from ._base import AsyncResource

if TYPE_CHECKING:
    from .._client import RequestOptions

__all__ = ("Account",)


class Account(AsyncResource):
    """User info and balance."""

    async def user(self, *, options: RequestOptions | None = None) -> UserInfo:
        """`GET /v3/user`: features, credit balance (unit 0.0001 USD) and free-trial quotas (§7.1.4)."""
        return await self._get("/v3/user", UserInfo, options=options)

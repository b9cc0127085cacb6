"""`client.account`: the account behind the API key (reference §7.1).

The three S3-configuration calls are PROVISIONAL: the reference lists them in the docs' navigation (§6
rows 1-3) but no source gives their path or schema (§7.1.1, open question 1). They use the emulator's
invented `S3_CONFIG_PATH`; per-request output to your bucket is `extra={"custom_storage": ...}` (§4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._codec import encode
from ..types.account import BalanceDetail, S3Config, S3ConfigInfo, UserInfo
from ._base import AsyncResource

if TYPE_CHECKING:
    from .._client import RequestOptions

__all__ = ("BALANCE_PATH", "S3_CONFIG_PATH", "Account")

S3_CONFIG_PATH = "/v3/user/s3-config"
"""PROVISIONAL: invented path of the account S3 configuration (reference §7.1.1: the real one is unknown)."""


BALANCE_PATH = "/openapi/v1/billing/balance/detail"


class Account(AsyncResource):
    """Balance and user info; provisional account-level S3 output configuration."""

    async def balance(self, *, options: RequestOptions | None = None) -> BalanceDetail:
        """`GET /openapi/v1/billing/balance/detail` (Part 2 §14.4): available, cash, credit limit, owed.

        Today's balance endpoint (the docs no longer list `GET /v3/user`); amounts are numeric strings in
        0.0001 USD, with exact dollar `Decimal`s as `available_usd`, `cash_usd`, ...
        """
        return await self._get(BALANCE_PATH, BalanceDetail, options=options)

    async def user(self, *, options: RequestOptions | None = None) -> UserInfo:
        """`GET /v3/user`: features, credit balance (unit 0.0001 USD) and free-trial quotas (§7.1.4).

        Legacy: absent from today's docs (Part 2 §14.4); prefer `client.account.balance()`.
        """
        return await self._get("/v3/user", UserInfo, options=options)

    async def set_s3_config(
        self, request: S3Config | None = None, /, *, options: RequestOptions | None = None, **fields: Any
    ) -> S3ConfigInfo:
        """PROVISIONAL `POST /v3/user/s3-config` (§7.1.1): store `region`, `bucket`, `path`,
        `save_to_path_directly`. The path is a guess served only by the emulator."""
        built = await self._build(S3Config, request, fields, S3_CONFIG_PATH)
        return await self._client._request(
            "POST", S3_CONFIG_PATH, S3ConfigInfo, body=encode(built), endpoint=S3_CONFIG_PATH, options=options
        )

    async def get_s3_config(self, *, options: RequestOptions | None = None) -> S3ConfigInfo:
        """PROVISIONAL `GET /v3/user/s3-config` (§7.1.2); `NotFoundError` when none is stored."""
        return await self._get(S3_CONFIG_PATH, S3ConfigInfo, options=options)

    async def delete_s3_config(self, *, options: RequestOptions | None = None) -> None:
        """PROVISIONAL `DELETE /v3/user/s3-config` (§7.1.3)."""
        answer_type: Any = dict[str, Any] | None
        await self._client._request("DELETE", S3_CONFIG_PATH, answer_type, endpoint=S3_CONFIG_PATH, options=options)

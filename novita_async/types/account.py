"""Account: today's balance (novita-api-2026.md §14.4), the legacy `GET /v3/user` (novita-api.md §7.1) and
the provisional S3 configuration."""

from __future__ import annotations

import decimal

import msgspec
from msgspec import UNSET, UnsetType

from ._base import RequestStruct, ResponseStruct

__all__ = ("BalanceDetail", "S3Config", "S3ConfigInfo", "UserInfo")


class UserInfo(ResponseStruct, kw_only=True):
    """Response of `GET /v3/user`."""

    allow_features: list[str] = msgspec.field(default_factory=list)
    """Feature flags enabled for the account."""

    credit_balance: int = 0
    """Balance in units of 0.0001 USD (website balance × 10 000)."""

    free_trial: dict[str, int] = msgspec.field(default_factory=dict)
    """Remaining free-trial quota per feature."""


_UNIT = decimal.Decimal("0.0001")


def _usd(value: str | int) -> decimal.Decimal:
    """A balance field (numeric string in 0.0001 USD) in US dollars, exactly; unreadable → 0."""
    try:
        return decimal.Decimal(str(value).strip() or "0") * _UNIT
    except decimal.InvalidOperation:
        return decimal.Decimal(0)


class BalanceDetail(ResponseStruct, kw_only=True, rename="camel"):
    """Response of `GET /openapi/v1/billing/balance/detail` (Part 2 §14.4, row 191).

    Every field is a numeric string in units of 0.0001 USD (`"523000"` = 52.30 USD); the raw strings are
    kept as sent and the `*_usd` properties give exact `Decimal` dollars.
    """

    available_balance: str | int = "0"
    """The credit balance (`availableBalance`)."""

    cash_balance: str | int = "0"
    """Remaining top-up balance (`cashBalance`)."""

    credit_limit: str | int = "0"
    """The most the account may owe (`creditLimit`)."""

    outstanding_invoices: str | int = "0"
    """The amount currently owed (`outstandingInvoices`)."""

    @property
    def available_usd(self) -> decimal.Decimal:
        return _usd(self.available_balance)

    @property
    def cash_usd(self) -> decimal.Decimal:
        return _usd(self.cash_balance)

    @property
    def credit_limit_usd(self) -> decimal.Decimal:
        return _usd(self.credit_limit)

    @property
    def outstanding_usd(self) -> decimal.Decimal:
        return _usd(self.outstanding_invoices)


class S3Config(RequestStruct, kw_only=True):
    """PROVISIONAL: account-level S3 configuration; path and schema are unknown (§7.1.1, §12).

    Mirrors the documented per-request `extra.custom_storage.aws_s3` object.
    """

    region: str
    """AWS region of the bucket."""

    bucket: str
    """Bucket name."""

    path: str
    """Key prefix."""

    save_to_path_directly: bool | UnsetType = UNSET
    """Write directly under `path`."""


class S3ConfigInfo(ResponseStruct, kw_only=True):
    """PROVISIONAL: the stored account-level S3 configuration (schema unknown)."""

    region: str = ""
    """AWS region of the bucket."""

    bucket: str = ""
    """Bucket name."""

    path: str = ""
    """Key prefix."""

    save_to_path_directly: bool = False
    """Write directly under `path`."""

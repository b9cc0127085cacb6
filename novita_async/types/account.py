"""Account: `GET /v3/user` (novita-api.md §7.1) and the provisional S3 configuration."""

from __future__ import annotations

import msgspec
from msgspec import UNSET, UnsetType

from ._base import RequestStruct, ResponseStruct

__all__ = ("S3Config", "S3ConfigInfo", "UserInfo")


class UserInfo(ResponseStruct, kw_only=True):
    """Response of `GET /v3/user`."""

    allow_features: list[str] = msgspec.field(default_factory=list)
    """Feature flags enabled for the account."""

    credit_balance: int = 0
    """Balance in units of 0.0001 USD (website balance × 10 000)."""

    free_trial: dict[str, int] = msgspec.field(default_factory=dict)
    """Remaining free-trial quota per feature."""


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

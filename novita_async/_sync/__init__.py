"""The synchronous client: `SyncNovitaClient`, built on the async one (see `_client`)."""

from ._client import SyncBatch, SyncNovitaClient
from ._portal import SyncIterator
from ._stream import SyncSpeechStream
from ._task import SyncTask

__all__ = ("SyncBatch", "SyncIterator", "SyncNovitaClient", "SyncSpeechStream", "SyncTask")

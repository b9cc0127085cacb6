"""Files in and out, in one wing.

* `inputs`: paths, bytes and base64 strings become checked bytes or base64 (off the event loop);
* `storage`: the one header-less aiohttp session for storage hosts (the API key never goes there);
* `uploads`: PUTs to the assets host and pre-signed URLs, through that session;
* `downloads`: streaming URLs to files with size caps, retries and atomic renames;
* `outputs`: whatever a call paid for (URLs, inline base64, binary bodies, self-writing audio) saved to
  disk; the batch engine and the CLI write every output through it.
"""

from .downloads import Downloader, DownloadError, DownloadStats, DownloadTooLargeError, safe_name
from .inputs import ImageInput, MediaInput, encode_image, image_extension, prepare_images, read_input_sync, read_media
from .outputs import Output, WritableOutput, collect_outputs, save_outputs, save_result
from .storage import StorageSession, storage_session
from .uploads import storage_put

__all__ = (
    "DownloadError",
    "DownloadStats",
    "DownloadTooLargeError",
    "Downloader",
    "ImageInput",
    "MediaInput",
    "Output",
    "StorageSession",
    "WritableOutput",
    "collect_outputs",
    "encode_image",
    "image_extension",
    "prepare_images",
    "read_input_sync",
    "read_media",
    "safe_name",
    "save_outputs",
    "save_result",
    "storage_put",
    "storage_session",
)

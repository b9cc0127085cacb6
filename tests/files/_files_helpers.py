from __future__ import annotations

import base64

from novita_async.testing._media import png

PNG = png(16, 16)
PNG_B64 = base64.b64encode(PNG).decode()

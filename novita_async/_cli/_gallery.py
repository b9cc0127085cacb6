"""`DIR/index.html`: a self-contained gallery of a batch run, openable straight from disk.

Built from the run's own records, after the run: `results.jsonl` (every item, the resumed ones included)
and, for the prompts, the input file. One card per item (thumbnail or player, prompt, status, task id,
error), no scripts, no external resources, relative links only, so the directory can be zipped and
shared. Very large runs show their first `MAX_CARDS` items and say so.
"""

from __future__ import annotations

import html
import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

__all__ = ("MAX_CARDS", "write_gallery")

MAX_CARDS = 5000
_IMAGE = {".png", ".jpg", ".jpeg", ".webp", ".gif"}
_VIDEO = {".mp4", ".webm", ".mov"}
_AUDIO = {".wav", ".mp3", ".flac", ".ogg", ".pcm", ".m4a"}
_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px;background:#111318;color:#e6e6e6}
h1{font-size:20px;margin:0 0 4px} .sum{color:#9aa0aa;margin-bottom:18px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:14px}
.card{background:#1b1e25;border-radius:10px;overflow:hidden;border:1px solid #2a2e38}
.media{display:flex;gap:2px;background:#0c0d10;min-height:60px}
.media>a,.media>video{flex:1;min-width:0}
.media img,.media video{width:100%;height:220px;object-fit:contain;display:block}
.media audio{width:100%;margin:12px 4px}
.body{padding:10px 12px} .id{font-weight:600;word-break:break-all}
.prompt{color:#c9ccd3;margin:6px 0;max-height:5.6em;overflow:hidden}
.meta{font:12px ui-monospace,monospace;color:#8b919c;word-break:break-all}
.err{color:#ff8f8f;font-size:12px;margin-top:6px;word-break:break-word}
.badge{display:inline-block;border-radius:8px;padding:1px 8px;font-size:12px;margin-left:6px}
.succeeded{background:#1f4d2e;color:#8ff0a4}.failed{background:#5a1f24;color:#ffb3b3}
.unknown{background:#5a4a1f;color:#ffe08f}.skipped{background:#333844;color:#c0c4cc}
"""


def write_gallery(out_dir: Path, input_path: Path | None = None) -> Path:
    """Write `out_dir/index.html` from `out_dir/results.jsonl` (atomically) and return its path."""
    prompts = _prompts(input_path) if input_path is not None and input_path.is_file() else {}
    results = list(_read_jsonl(out_dir / "results.jsonl"))
    counts = Counter(str(r.get("status", "")) for r in results)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    cards = "\n".join(_card(r, prompts.get(str(r.get("id")), "")) for r in results[:MAX_CARDS])
    more = (f"<p class=sum>showing the first {MAX_CARDS} of {len(results)} items; all are in results.jsonl</p>"
            if len(results) > MAX_CARDS else "")
    page = (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width,initial-scale=1'>"
        f"<title>novita-async batch: {html.escape(out_dir.name)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>Batch results</h1><div class=sum>{len(results)} items: {html.escape(summary)}</div>{more}"
        f"<div class=grid>\n{cards}\n</div></body></html>\n"
    )
    target = out_dir / "index.html"
    temp = out_dir / f".index.html.{os.getpid()}.tmp"
    temp.write_text(page, encoding="utf-8")
    os.replace(temp, target)
    return target


def _card(result: dict[str, Any], prompt: str) -> str:
    status = str(result.get("status", ""))
    files = [str(f) for f in result.get("files") or []]
    media = "".join(_media(f) for f in files[:4])
    error = result.get("error")
    parts = [
        f"<div class=card><div class=media>{media}</div><div class=body>",
        f"<div class=id>{html.escape(str(result.get('id', '')))}"
        f"<span class='badge {html.escape(status)}'>{html.escape(status)}</span></div>",
        f"<div class=prompt>{html.escape(prompt)}</div>" if prompt else "",
        f"<div class=meta>task {html.escape(str(result.get('task_id') or '-'))}</div>",
        f"<div class=err>{html.escape(str(error))}</div>" if error else "",
        "</div></div>",
    ]
    return "".join(parts)


def _media(name: str) -> str:
    href = quote(name)
    suffix = Path(name).suffix.lower()
    if suffix in _IMAGE:
        return f"<a href='{href}'><img src='{href}' loading=lazy alt=''></a>"
    if suffix in _VIDEO:
        return f"<video src='{href}' controls muted preload=metadata></video>"
    if suffix in _AUDIO:
        return f"<audio src='{href}' controls preload=none></audio>"
    return f"<a class=meta href='{href}'>{html.escape(name)}</a>"


def _prompts(path: Path) -> dict[str, str]:
    """id -> prompt (or text), from the input lines; lines that don't parse are skipped."""
    found: dict[str, str] = {}
    for line in _read_jsonl(path):
        request = line.get("request")
        if isinstance(request, dict):
            wrapped = request.get("request")
            inner: dict[str, Any] = wrapped if isinstance(wrapped, dict) else request
            text = inner.get("prompt") or inner.get("text") or ""
            if "id" in line:
                found[str(line["id"])] = str(text)
    return found


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    try:
        with path.open("rb") as f:
            for raw in f:
                try:
                    value = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(value, dict):
                    yield value
    except OSError:
        return

"""`DIR/index.html`: valid, self-contained, escaped, and every link resolves to a file on disk."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from _cli_helpers import write_input

from novita_async._cli import _gallery as gallery
from novita_async._cli import main
from novita_async._cli._gallery import write_gallery


class _Page(HTMLParser):
    VOID = {"meta", "img", "br", "hr", "input", "link", "source"}

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value:
                (self.external if "://" in value or value.startswith("//") else self.links).append(value)
        if tag == "script":
            self.external.append("<script>")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> after {self.stack[-3:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert page.stack == [], "unclosed tags"
    return page


def test_batch_writes_a_gallery_whose_links_resolve(tmp_path: Path) -> None:
    source = write_input(tmp_path / "in.jsonl", 5)
    out = tmp_path / "out"
    assert main(["batch", str(source), "--out", str(out), "--emulator"]) == 0
    page = _parse(out / "index.html")
    assert page.external == []  # self-contained: no scripts, no remote resources
    images = [link for link in page.links if link.endswith(".png")]
    assert len(images) >= 5 and all((out / link).is_file() for link in page.links)
    text = " ".join(page.text)
    for i in range(5):
        assert f"img-{i:03d}" in text and f"prompt number {i}" in text
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert all(r["task_id"] in text for r in results)


def test_gallery_escapes_and_shows_errors_and_caps_cards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gallery, "MAX_CARDS", 5)
    rows = [{"id": "<b>x</b>", "status": "failed", "task_id": None, "files": [], "error": "<script>alert(1)</script>"}]
    rows += [{"id": f"n{i}", "status": "succeeded", "task_id": f"t{i}", "files": []} for i in range(8)]
    (tmp_path / "results.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n")
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "<b>x</b>", "request": {"prompt": "a <i>cat</i>"}}) + "\n")
    page = _parse(write_gallery(tmp_path, tmp_path / "in.jsonl"))
    assert page.external == []
    text = " ".join(page.text)
    assert "<script>alert(1)</script>" in text and "a <i>cat</i>" in text  # shown as text, not markup
    assert "showing the first 5 of 9" in text
    assert "1 failed" in text

"""`report --watch` never loses a save, says what changed, and the open page reloads itself (issue 17, item 3)."""

from __future__ import annotations

import os
import time
import types
from dataclasses import replace
from pathlib import Path

import pytest

from factories import run_cli, write_project
from trilat_opt.cli import report_cmd
from trilat_opt.cli.watching import changes, snapshot
from trilat_opt.report import write


def _touch(path: Path, text: str) -> None:
    """Save `path` with a modification time surely later than the one before."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_a_save_during_the_first_rendering_is_not_lost(tmp_path, capsys, monkeypatch):
    """The snapshot is taken before rendering: a save while the first rendering runs re-renders."""
    project = write_project(tmp_path / "p")
    criteria = project / "criteria.yaml"
    calls: list[dict] = []

    def render(root, out, settings, watch=False, memo=None):
        calls.append(dict(settings))
        if len(calls) == 1:
            _touch(criteria, criteria.read_text(encoding="utf-8") + "# saved mid-render\n")
        elif len(calls) == 2:
            raise KeyboardInterrupt  # the analyst stops watching once the save was picked up
        data = types.SimpleNamespace(run_name="base-value-1234abcd", summary={"status": "optimal"})
        return report_cmd.Rendered(Path(root) / "reports" / data.run_name / "index.html", data)

    monkeypatch.setattr(report_cmd, "_render_once", render)
    code, _, err = run_cli(capsys, "--project", str(project), "report", "--watch")
    assert code == 0, err
    assert len(calls) == 2
    assert "criteria.yaml changed: re-rendering" in err
    assert "the same folder for the whole session" in err
    assert calls[1]["name"] == "base-value-1234abcd"  # one folder, whatever the new settings would name
    assert "stopped watching" in err


def test_changes_say_which_file_changed_was_added_or_removed(tmp_path):
    project = write_project(tmp_path / "p")
    before = snapshot(project)
    _touch(project / "options" / "alpha.yaml", (project / "options" / "alpha.yaml").read_text() + "\n")
    (project / "options" / "beta.yaml").unlink()
    (project / "options" / "gamma.yaml").write_text("x", encoding="utf-8")
    assert changes(before, snapshot(project), project) == [
        "options/alpha.yaml changed",
        "options/beta.yaml removed",
        "options/gamma.yaml added",
    ]


@pytest.mark.browser
def test_the_open_page_reloads_itself_after_a_rerender(browser, report_data, tmp_path):
    """No server: the page polls watch.js beside it, which each rendering stamps anew."""
    folder = tmp_path / "watched"
    write(report_data, folder, watch=True)
    assert (folder / "watch.js").exists()
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((folder / "index.html").resolve().as_uri())
    first = page.evaluate("document.documentElement.dataset.watch")
    assert first and "Watch mode" in page.content()
    again = replace(report_data, manifest={**report_data.manifest, "generated": "2026-01-02T00:00:00Z"})
    write(again, folder, watch=True)
    deadline = time.monotonic() + 15  # wait_for_function would need eval, which the page's policy forbids
    while _stamp(page) in (first, None) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _stamp(page) not in (first, None)
    assert "generated 2026-01-02T00:00:00Z" in page.content()
    assert errors == []
    page.close()


def _stamp(page) -> str | None:
    try:
        return page.evaluate("document.documentElement.dataset.watch")
    except Exception:  # the page is reloading this very moment
        return None


def test_an_ordinary_report_has_no_watch_script(report_dir):
    assert not (report_dir / "watch.js").exists()
    page = (report_dir / "index.html").read_text(encoding="utf-8")
    assert "data-watch" not in page and "'self'" not in page

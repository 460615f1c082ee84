"""The project is found as git finds its repository; failing that, the message says where it looked (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import run_cli, write_project
from trilat_opt.errors import InputError
from trilat_opt.load import find_project


@pytest.fixture
def project(tmp_path) -> Path:
    return write_project(tmp_path / "study")


def test_found_in_the_working_folder_or_any_folder_above_it(project, monkeypatch):
    deep = project / "options" / "notes"
    deep.mkdir()
    assert find_project(start=project) == Path(".")
    assert find_project(start=deep) == Path("../..")
    monkeypatch.chdir(deep)
    assert find_project() == Path("../..")


def test_a_command_run_inside_a_project_folder_finds_it(project, capsys, monkeypatch):
    monkeypatch.delenv("TRILAT_PROJECT", raising=False)
    monkeypatch.chdir(project / "options")
    code, out, err = run_cli(capsys, "options", "list", "--format", "csv")
    assert code == 0, err
    assert out.startswith("id,") and "alpha" in out


def test_outside_a_project_the_message_names_the_full_path_and_the_ways_out(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TRILAT_PROJECT", raising=False)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "validate")
    assert code == 2 and out == ""
    assert f"no criteria.yaml in {tmp_path.resolve()} or in any folder above it" in err
    assert "--project DIR" in err and "TRILAT_PROJECT" in err


def test_a_named_project_is_taken_as_named(project, tmp_path, capsys, monkeypatch):
    with pytest.raises(InputError, match=f"project {tmp_path.resolve()}: holds no criteria.yaml"):
        find_project(tmp_path)
    monkeypatch.setenv("TRILAT_PROJECT", str(tmp_path / "nowhere"))
    code, _, err = run_cli(capsys, "validate")
    assert code == 2 and "nowhere: folder does not exist (named by --project or TRILAT_PROJECT)" in err
    monkeypatch.setenv("TRILAT_PROJECT", str(project))
    assert run_cli(capsys, "validate")[0] == 0


def test_commands_that_need_no_project_run_anywhere(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TRILAT_PROJECT", raising=False)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "schema", "--name", "option")
    assert code == 0 and out.startswith("{")

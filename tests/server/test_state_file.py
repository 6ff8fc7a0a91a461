"""The state file holds every API key: owner-only, no leftovers, and a clear error when broken."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mgip.cli import app
from mgip.server import build_app
from mgip.server.state_file import StateFile


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_state_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text("")
    state.chmod(0o644)  # an empty file someone made: it is taken over, not trusted
    build_app(state=state)
    assert mode(state) == 0o600
    assert "key-" in state.read_text()


def test_leftover_temporary_files_are_removed_at_start(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    leftover = tmp_path / ".state.json.4242.tmp"  # a server killed mid-save
    leftover.write_text('{"half": ')
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("kept")
    build_app(state=state)
    assert not leftover.exists()
    assert unrelated.read_text() == "kept"
    assert StateFile(state).leftovers() == []


@pytest.mark.parametrize(
    "content",
    [b'{"accounts": [\x00', b'{"accounts": [{"id": "6', b"\xff\xfe not utf-8", b"accounts: [x]"],
    ids=["NUL byte", "cut short", "not UTF-8", "YAML, not the JSON mgip writes"],
)
def test_a_broken_state_file_stops_the_start_with_a_clear_error(
    tmp_path: Path, content: bytes
) -> None:
    state = tmp_path / "state.json"
    state.write_bytes(content)
    result = CliRunner().invoke(app, ["mock", "--state", str(state), "--port", "0"])
    assert result.exit_code == 2, result.output
    assert "the state file is not the JSON mgip writes" in result.output
    assert "Traceback" not in result.output
    assert state.read_bytes() == content  # left as it was, for the user to look at

"""Reading a file the bot was pointed at: what is no regular file is refused before any open."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from bot.regular_files import FileTooLarge, NotARegularFile, read_regular_file


def test_a_file_and_a_link_to_one_are_read(tmp_path: Path) -> None:
    (tmp_path / "data.json").write_bytes(b"[1, 2]")
    (tmp_path / "link.json").symlink_to(tmp_path / "data.json")
    data, st = read_regular_file(tmp_path / "link.json", 6)
    assert data == b"[1, 2]" and st.st_size == 6


def test_more_than_the_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.json").write_bytes(b"x" * 7)
    with pytest.raises(FileTooLarge):
        read_regular_file(tmp_path / "big.json", 6)


def test_a_fifo_a_socket_a_device_and_a_folder_are_named(tmp_path: Path) -> None:
    """Each one would block or fail a plain read; the message says what it is."""
    os.mkfifo(tmp_path / "fifo")
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(tmp_path / "socket"))
        cases = {
            tmp_path / "fifo": "a FIFO (named pipe)",
            tmp_path / "socket": "a socket",
            Path("/dev/null"): "a character device",
            tmp_path: "a folder",
        }
        for path, kind in cases.items():
            with pytest.raises(NotARegularFile) as refused:
                read_regular_file(path, 1000)
            assert refused.value.kind == kind
            assert refused.value.strerror == f"it is {kind}, not a regular file"

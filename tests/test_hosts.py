"""Which process a served reader goes to (reader.ui.hosts), with stand-in hosts: sockets whose
other end the test holds, answering as a host does."""

from __future__ import annotations

import json
import os
import socket
import threading
from typing import Any

import pytest

from reader.ui import hosts as hosts_module
from reader.ui.host import receive
from reader.ui.hosts import LIFETIME, Hosts


class StandIn:
    """A host's end of the conversation: takes each reader, and says when one ends."""

    def __init__(self, pid: int, theirs: socket.socket) -> None:
        self.pid = pid
        self.socket = theirs
        self.requests: list[dict[str, Any]] = []
        self.thread = threading.Thread(target=self._answer, daemon=True)
        self.thread.start()

    def _answer(self) -> None:
        while True:
            try:
                message, fds = receive(self.socket)
            except OSError:
                return
            if not message:
                return
            for fd in fds:
                os.close(fd)
            self.requests.append(json.loads(message))
            self.socket.send(json.dumps({"started": True}).encode())

    def end_one(self) -> None:
        self.socket.send(json.dumps({"ended": 1}).encode())

    def let_go(self) -> bool:
        """Whether the warm process has closed its end (the host would now end)."""
        self.socket.settimeout(2)
        try:
            return self.socket.recv(4096) == b""
        except OSError:
            return False


@pytest.fixture
def hosts(monkeypatch: pytest.MonkeyPatch) -> Any:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    made = Hosts(source=None, capacity=2, listener=listener)
    made.stand_ins = []  # type: ignore[attr-defined]

    def fork(self: Hosts, sockets: list[socket.socket], closing: list[int]) -> Any:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        stand_in = StandIn(1000 + len(made.stand_ins), theirs)  # type: ignore[attr-defined]
        made.stand_ins.append(stand_in)  # type: ignore[attr-defined]
        known = hosts_module._Known(stand_in.pid, ours)
        self._known[ours.fileno()] = known
        return known

    monkeypatch.setattr(Hosts, "_fork", fork)
    yield made
    listener.close()


def start(hosts: Hosts, code: str) -> dict[str, Any]:
    pipes = [os.pipe() for _ in range(3)]
    ends = [pipes[0][0], pipes[1][1], pipes[2][1]]
    try:
        return hosts.start_reader({"env": {"LATERAL_SESSION": code}}, ends,
                                  socket.socket(socket.AF_UNIX, socket.SOCK_STREAM))
    finally:
        for read_end, write_end in pipes:
            os.close(read_end)
            os.close(write_end)


def test_readers_fill_one_host_before_the_next(hosts: Hosts) -> None:
    replies = [start(hosts, f"s{n}") for n in range(5)]
    assert [r["pid"] for r in replies] == [1000, 1000, 1001, 1001, 1002]
    assert all(r["hosted"] for r in replies)
    assert hosts.readers() == 5
    first = hosts.stand_ins[0]  # type: ignore[attr-defined]
    assert [r["env"]["LATERAL_SESSION"] for r in first.requests] == ["s0", "s1"]


def test_the_fullest_host_with_room_takes_the_next(hosts: Hosts) -> None:
    for n in range(4):
        start(hosts, f"s{n}")  # two hosts, two readers each
    second = hosts.stand_ins[1]  # type: ignore[attr-defined]
    second.end_one()
    hosts.heard(hosts.controls()[1])
    assert start(hosts, "s4")["pid"] == second.pid


def test_a_host_whose_readers_have_all_ended_is_let_go(hosts: Hosts) -> None:
    start(hosts, "s0")
    start(hosts, "s1")
    stand_in = hosts.stand_ins[0]  # type: ignore[attr-defined]
    for _ in range(2):
        stand_in.end_one()
        hosts.heard(hosts.controls()[0])
    assert hosts.controls() == [] and stand_in.let_go()
    assert start(hosts, "s2")["pid"] == 1001  # the next goes to a new host


def test_a_host_takes_so_many_readers_in_its_life(hosts: Hosts) -> None:
    first = start(hosts, "stays")["pid"]
    stand_in = hosts.stand_ins[0]  # type: ignore[attr-defined]
    for n in range(LIFETIME * 2 - 1):  # others come and go beside the one who stays
        assert start(hosts, f"s{n}")["pid"] == first
        stand_in.end_one()
        hosts.heard(hosts.controls()[0])
    # its lifetime is used up: the next goes to a new host, and the first is let go (it
    # ends) when the one who stayed leaves
    assert start(hosts, "late")["pid"] != first
    stand_in.end_one()
    hosts.heard(hosts.controls()[0])
    assert stand_in.let_go()


def test_a_host_that_has_gone_is_forgotten(hosts: Hosts) -> None:
    start(hosts, "s0")
    hosts.stand_ins[0].socket.shutdown(socket.SHUT_RDWR)  # type: ignore[attr-defined]
    hosts.heard(hosts.controls()[0])
    assert hosts.controls() == [] and hosts.readers() == 0
    assert start(hosts, "s1")["pid"] == 1001

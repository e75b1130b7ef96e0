"""Saves touch only the file they were asked to write (issue 12, part 4)."""

from __future__ import annotations

import errno
import fcntl
import os
import random
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import diplorel as dr
from diplorel import _save

H = dr.History([dr.RelationsEstablished(between=("CUB", "KOR"), on="1949")])
OTHER = dr.History([dr.RelationsEstablished(between=("CUB", "PRK"), on="1960")])


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def fd_link(fd: int) -> str:
    """The name the system gives an open file descriptor, as /dev/stdout is for fd 1."""
    return f"/proc/self/fd/{fd}" if sys.platform.startswith("linux") else f"/dev/fd/{fd}"


class TestSymbolicLinks:
    """A save through a link writes the file it leads to and keeps the link."""

    def test_writes_through_the_link(self, tmp_path: Path) -> None:
        """The link stays a link and its target gets the new content, with its permissions."""
        (tmp_path / "data").mkdir()
        real = tmp_path / "data" / "h.json"
        dr.dump(OTHER, real)
        real.chmod(0o640)
        link = tmp_path / "link.json"
        link.symlink_to("data/h.json")
        dr.dump(H, link)
        assert link.is_symlink()
        assert link.readlink() == Path("data/h.json")
        assert dr.load(real).items == H.items
        assert stat.S_IMODE(real.stat().st_mode) == 0o640
        assert names(tmp_path) == ["data", "link.json"]
        assert names(tmp_path / "data") == ["h.json"]

    def test_chain_of_links(self, tmp_path: Path) -> None:
        """A link to a link to a file: the file is written, both links stay."""
        real = tmp_path / "h.json"
        dr.dump(OTHER, real)
        (tmp_path / "one.json").symlink_to("h.json")
        (tmp_path / "two.json").symlink_to(tmp_path / "one.json")
        dr.dump(H, tmp_path / "two.json")
        assert (tmp_path / "two.json").is_symlink()
        assert (tmp_path / "one.json").is_symlink()
        assert dr.load(real).items == H.items

    def test_dangling_link_creates_its_target(self, tmp_path: Path) -> None:
        """A link to a file not there yet creates that file, as the shell's > would."""
        link = tmp_path / "link.json"
        link.symlink_to("new.json")
        dr.dump(H, link)
        assert link.is_symlink()
        assert dr.load(tmp_path / "new.json").items == H.items

    def test_loop_is_refused(self, tmp_path: Path) -> None:
        """Links that go round in a circle are a SaveError, and nothing is created."""
        (tmp_path / "a.json").symlink_to("b.json")
        (tmp_path / "b.json").symlink_to("a.json")
        with pytest.raises(dr.SaveError, match="loop"):
            dr.dump(H, tmp_path / "a.json")
        assert names(tmp_path) == ["a.json", "b.json"]

    def test_error_names_both(self, tmp_path: Path) -> None:
        """An error through a link names the path given and the file it leads to."""
        (tmp_path / "link.json").symlink_to(tmp_path / "missing" / "h.json")
        with pytest.raises(dr.SaveError) as info:
            dr.dump(H, tmp_path / "link.json")
        assert info.value.path == str(tmp_path / "link.json")
        assert info.value.target == str(tmp_path / "missing" / "h.json")
        assert f"link.json -> {tmp_path / 'missing' / 'h.json'}:" in str(info.value)


class TestNotRegularFiles:
    """Pipes, devices, streams, folders and '-' are refused, and left as they were."""

    def test_fifo(self, tmp_path: Path) -> None:
        """A FIFO is refused (without blocking), and stays a FIFO."""
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        with pytest.raises(dr.SaveError, match=r"pipe \(FIFO\)") as info:
            dr.dump(H, fifo)
        assert info.value.path == str(fifo)
        assert not info.value.kept_previous
        assert stat.S_ISFIFO(fifo.lstat().st_mode)
        assert names(tmp_path) == ["fifo"]

    def test_link_to_fifo(self, tmp_path: Path) -> None:
        """A link to a FIFO is refused too, and the link stays."""
        os.mkfifo(tmp_path / "fifo")
        (tmp_path / "out.json").symlink_to("fifo")
        with pytest.raises(dr.SaveError, match="FIFO"):
            dr.dump(H, tmp_path / "out.json")
        assert (tmp_path / "out.json").is_symlink()

    def test_stdout_like_stream_to_a_file(self, tmp_path: Path) -> None:
        """A /dev/stdout-like name of a redirected file is refused; the file is not replaced."""
        stream = tmp_path / "stream.txt"
        with stream.open("w") as f:
            link = tmp_path / "out.json"
            link.symlink_to(fd_link(f.fileno()))
            with pytest.raises(dr.SaveError, match="open stream"):
                dr.dump(H, link)
            with pytest.raises(dr.SaveError, match="open stream"):
                dr.dump(H, fd_link(f.fileno()))
            assert stream.stat().st_ino == os.fstat(f.fileno()).st_ino
        assert stream.read_text() == ""

    def test_stdout_like_pipe(self, tmp_path: Path) -> None:
        """A /dev/stdout-like name of a pipe is refused."""
        r, w = os.pipe()
        try:
            (tmp_path / "out.json").symlink_to(fd_link(w))
            with pytest.raises(dr.SaveError, match=r"open stream|pipe"):
                dr.dump(H, tmp_path / "out.json")
        finally:
            os.close(r)
            os.close(w)
        assert names(tmp_path) == ["out.json"]

    def test_folder(self, tmp_path: Path) -> None:
        """A folder is refused with a hint."""
        with pytest.raises(dr.SaveError, match="is a folder"):
            dr.dump(H, tmp_path)

    def test_dash(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """'-' is refused with a way out, and no file named '-' appears; './-' is a file."""
        monkeypatch.chdir(tmp_path)
        with pytest.raises(dr.SaveError, match=r"standard output.*'\./-'"):
            dr.dump(H, "-")
        assert names(tmp_path) == []
        dr.dump(H, "./-")
        assert names(tmp_path) == ["-"]

    def test_empty_path(self) -> None:
        """An empty path is refused (it would name the current folder)."""
        with pytest.raises(dr.SaveError, match="empty"):
            dr.dump(H, "")

    def test_token_of_a_fifo(self, tmp_path: Path) -> None:
        """Taking a token of a FIFO is refused, without blocking."""
        os.mkfifo(tmp_path / "fifo")
        with pytest.raises(dr.SaveError, match="FIFO"):
            dr.file_token(tmp_path / "fifo")


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    """Make a folder read-only; as root (who may write anyway), refuse its writes by hand."""
    folders: list[Path] = []
    real_open = os.open

    def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:  # noqa: ANN401
        if flags & os.O_CREAT and Path(path).parent in folders:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    def make(folder: Path) -> None:
        folder.chmod(0o555)
        folders.append(folder)
        if os.geteuid() == 0:
            monkeypatch.setattr(os, "open", refusing_open)

    yield make
    for folder in folders:
        folder.chmod(0o755)


class TestFolders:
    """A folder that cannot take the file: a SaveError naming the target, not the temporary."""

    def test_missing_folder(self, tmp_path: Path) -> None:
        """A missing folder is named; there was no previous file, so none is said unchanged."""
        path = tmp_path / "nope" / "h.json"
        with pytest.raises(dr.SaveError) as info:
            dr.dump(H, path)
        message = str(info.value)
        assert message.startswith(f"cannot save {path}: the folder ")
        assert "does not exist" in message
        assert "unchanged" not in message
        assert not info.value.kept_previous
        assert isinstance(info.value, OSError)
        assert not (tmp_path / "nope").exists()

    def test_not_a_folder(self, tmp_path: Path) -> None:
        """A path through a file is refused, naming that file."""
        dr.dump(H, tmp_path / "h.json")
        with pytest.raises(dr.SaveError, match=r"h\.json is not a folder"):
            dr.dump(H, tmp_path / "h.json" / "x.json")

    def test_read_only_folder_with_a_file(
        self, tmp_path: Path, read_only: Callable[[Path], None]
    ) -> None:
        """The old file is kept, and the message says so; no temporary is named or left."""
        path = tmp_path / "h.json"
        dr.dump(OTHER, path)
        before = path.read_bytes()
        read_only(tmp_path)
        with pytest.raises(dr.SaveError) as info:
            dr.dump(H, path)
        message = str(info.value)
        assert message.startswith(f"cannot save {path}: no permission to create files in ")
        assert message.endswith("(the previous file is unchanged)")
        assert ".tmp" not in message
        assert info.value.kept_previous
        assert path.read_bytes() == before
        assert names(tmp_path) == ["h.json"]

    def test_read_only_folder_without_a_file(
        self, tmp_path: Path, read_only: Callable[[Path], None]
    ) -> None:
        """With no previous file, the message does not speak of one."""
        read_only(tmp_path)
        with pytest.raises(dr.SaveError, match="no permission") as info:
            dr.dump(H, tmp_path / "h.json")
        assert "unchanged" not in str(info.value)
        assert not info.value.kept_previous

    def test_refused_late(
        self,
        tmp_path: Path,
        read_only: Callable[[Path], None],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """When the early check is fooled (ACLs, root squash), the late refusal reads the same."""
        path = tmp_path / "h.json"
        dr.dump(OTHER, path)
        read_only(tmp_path)
        monkeypatch.setattr(os, "access", lambda *_, **__: True)
        if os.geteuid() != 0:
            real_open = os.open

            def refusing(p: Any, flags: int, *args: Any, **kwargs: Any) -> int:  # noqa: ANN401
                if flags & os.O_CREAT:
                    raise PermissionError(errno.EACCES, "Permission denied", str(p))
                return real_open(p, flags, *args, **kwargs)

            monkeypatch.setattr(os, "open", refusing)
        with pytest.raises(dr.SaveError, match="no permission") as info:
            dr.dump(H, path)
        assert info.value.kept_previous
        assert ".tmp" not in str(info.value)
        assert ".lock" not in str(info.value)


class TestStaleTemporaries:
    """A save removes what killed saves of the same file left, and nothing else."""

    def test_removed(self, tmp_path: Path) -> None:
        """Temporaries of the target go (new names and diplorel 0.1's); others stay."""
        path = tmp_path / "h.json"
        stale = [".h.json.0a1b2c3d.tmp", ".h.json.k_9zq2x1.tmp"]
        others = [
            ".h.json.bak.0a1b2c3d.tmp",  # another file's temporary (h.json.bak)
            ".other.json.0a1b2c3d.tmp",
            ".h.json.0a1b2c3.tmp",  # not of the form
            "h.json.0a1b2c3d.tmp",
            "notes.tmp",
        ]
        for name in stale + others:
            (tmp_path / name).write_text("x" * 100)
        dr.dump(H, path)
        assert names(tmp_path) == sorted(["h.json", *others])

    def test_long_name(self, tmp_path: Path) -> None:
        """A name near the 255-byte limit gets a shortened stem for its lock and temporaries."""
        path = tmp_path / ("a" * 245 + ".json")
        stem = _save._stem(path)
        assert len(stem) < 100
        (tmp_path / f".{stem}.0a1b2c3d.tmp").write_text("x")
        dr.dump(H, path)
        assert names(tmp_path) == [path.name]

    def test_kept_while_another_save_holds_the_lock(self, tmp_path: Path) -> None:
        """A save that cannot take the lock removes nothing (the temporary may be live)."""
        path = tmp_path / "h.json"
        live = tmp_path / ".h.json.0a1b2c3d.tmp"
        live.write_text("being written")
        with _held_lock(tmp_path / ".h.json.lock"):
            with pytest.raises(dr.SaveError, match="another process") as info:
                _save.write_atomic(path, lambda: "{}", wait=0.05)
            assert live.exists()
        assert not info.value.kept_previous


class _held_lock:  # noqa: N801 - used as a context manager
    """Hold a save's lock as another process would."""

    def __init__(self, lock: Path) -> None:
        self.lock = lock
        self.fd = -1

    def __enter__(self) -> None:
        self.fd = os.open(self.lock, os.O_RDONLY | os.O_CREAT, 0o666)
        fcntl.flock(self.fd, fcntl.LOCK_EX)

    def __exit__(self, *_: object) -> None:
        self.lock.unlink()
        os.close(self.fd)


class TestConcurrentSaves:
    """Saves of the same file take turns; a lost update can be detected."""

    def test_writers_take_turns(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Two threads saving the same file never write at the same time; the folder is clean."""
        path = tmp_path / "h.json"
        log: list[tuple[str, str]] = []
        replace = _save._replace

        def slow_replace(*args: Any, **kwargs: Any) -> None:  # noqa: ANN401
            who = threading.current_thread().name
            log.append(("start", who))
            time.sleep(0.01)
            replace(*args, **kwargs)
            log.append(("end", who))

        monkeypatch.setattr(_save, "_replace", slow_replace)

        def saves(h: dr.History) -> None:
            for _ in range(5):
                dr.dump(h, path)

        threads = [
            threading.Thread(target=saves, args=(h,), name=n) for n, h in [("a", H), ("b", OTHER)]
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(log) == 20
        for start, end in zip(log[::2], log[1::2], strict=True):
            assert (start[0], end[0], start[1]) == ("start", "end", end[1])
        assert dr.load(path).items in {H.items, OTHER.items}
        assert names(tmp_path) == ["h.json"]

    def test_waits_for_the_lock(self, tmp_path: Path) -> None:
        """A save waits while another holds the lock, then goes ahead."""
        path = tmp_path / "h.json"
        lock = tmp_path / ".h.json.lock"
        done = threading.Event()
        with _held_lock(lock):

            def save() -> None:
                dr.dump(H, path)
                done.set()

            t = threading.Thread(target=save)
            t.start()
            assert not done.wait(0.1)
            assert not path.exists()
        t.join(5)
        assert done.is_set()
        assert names(tmp_path) == ["h.json"]

    def test_lost_update_detected(self, tmp_path: Path) -> None:
        """A file changed since the token was taken is not overwritten."""
        path = tmp_path / "h.json"
        dr.dump(H, path)
        token = dr.file_token(path)
        mine = dr.load(path)
        dr.dump(OTHER, path)  # another writer, in between
        theirs = path.read_bytes()
        with pytest.raises(dr.SaveError, match="changed since the token") as info:
            dr.dump(mine, path, expect=token)
        assert info.value.lost_update
        assert info.value.kept_previous
        assert path.read_bytes() == theirs
        assert names(tmp_path) == ["h.json"]

    def test_unchanged_file_is_saved(self, tmp_path: Path) -> None:
        """With the file as the token saw it, the save goes ahead, even after a touch."""
        path = tmp_path / "h.json"
        dr.dump(H, path)
        token = dr.file_token(path)
        os.utime(path, ns=(1, 1))  # the same bytes, a new time: not a change
        dr.dump(OTHER, path, expect=token)
        assert dr.load(path).items == OTHER.items
        assert not dr.file_token(path).same_content(token)

    def test_file_created_since(self, tmp_path: Path) -> None:
        """A token of no file refuses to overwrite a file someone created since."""
        path = tmp_path / "h.json"
        token = dr.file_token(path)
        assert not token.exists
        assert str(token) == "no file"
        dr.dump(OTHER, path)
        with pytest.raises(dr.SaveError, match="then: no file; now: ") as info:
            dr.dump(H, path, expect=token)
        assert info.value.lost_update

    def test_file_removed_since(self, tmp_path: Path) -> None:
        """A file removed since its token was taken is not silently created again."""
        path = tmp_path / "h.json"
        dr.dump(H, path)
        token = dr.file_token(path)
        path.unlink()
        with pytest.raises(dr.SaveError, match="now: no file") as info:
            dr.dump(H, path, expect=token)
        assert not info.value.kept_previous
        assert names(tmp_path) == []

    def test_token_through_a_link(self, tmp_path: Path) -> None:
        """A token taken through a link describes the file it leads to."""
        dr.dump(H, tmp_path / "h.json")
        (tmp_path / "link.json").symlink_to("h.json")
        token = dr.file_token(tmp_path / "link.json")
        assert token == dr.file_token(tmp_path / "h.json")
        dr.dump(OTHER, tmp_path / "link.json", expect=token)


KILLED_SAVER = """
import itertools, os, sys, traceback
import diplorel as dr

target, expected = sys.argv[1], sys.argv[2]
STATES = ["USA", "GBR", "FRA", "CHE", "SWE", "NLD", "BEL", "DNK", "ESP", "PRT", "MEX", "BRA"]


def history(fill):
    items = []
    for a, b in itertools.combinations(STATES, 2):
        items.append(dr.RelationsEstablished(between=(a, b), on="1950"))
        for y in range(1951, 1957, 2):
            items.append(dr.RelationsSevered(between=(a, b), on=str(y), by=a))
            items.append(dr.RelationsResumed(between=(a, b), on=str(y + 1)))
    pad = dr.Source(publisher="test", title="padding", excerpt=fill * 4_800_000)
    items.append(dr.RelationsEstablished(between=("AND", "LIE"), on="1999", sources=(pad,)))
    return dr.History(items)


versions = [history("a"), history("b")]
for i, h in enumerate(versions):
    dr.dump(h, os.path.join(expected, f"{i}.json"))
dr.dump(versions[0], target)
helper = os.getpid()
print("ready", flush=True)
for line in sys.stdin:
    if line.strip() != "go":
        break
    pid = os.fork()
    if pid == 0:
        try:
            for h in itertools.cycle(versions[::-1]):
                if os.getppid() != helper:
                    break  # the helper is gone: stop
                dr.dump(h, target)
        except BaseException:
            traceback.print_exc()
        os._exit(1)
    print(pid, flush=True)
    print(os.waitpid(pid, 0)[1], flush=True)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
class TestKilledSave:
    """A save killed at any point leaves the old file or the new one, never a broken one."""

    ROUNDS = 16
    """Half killed after a random delay, half right after the temporary appears."""

    def test_killed_saves(self, tmp_path: Path) -> None:
        """After SIGKILLs mid-save the file loads; the next save leaves no temporaries."""
        seed = int.from_bytes(os.urandom(4))
        rng = random.Random(seed)  # noqa: S311 - timing, not secrets
        folder, expected = tmp_path / "data", tmp_path / "expected"
        folder.mkdir()
        expected.mkdir()
        target = folder / "h.json"
        cmd = [sys.executable, "-c", KILLED_SAVER, str(target), str(expected)]
        left_over = 0
        with subprocess.Popen(  # noqa: S603 - our own interpreter and script
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        ) as helper:
            watchdog = threading.Timer(60, helper.kill)
            watchdog.start()
            assert helper.stdin is not None
            assert helper.stdout is not None
            try:
                assert helper.stdout.readline() == "ready\n"
                versions = {(expected / f"{i}.json").read_bytes() for i in range(2)}
                assert all(4_500_000 < len(v) < 6_000_000 for v in versions)
                for n in range(self.ROUNDS):
                    before = {p for p in names(folder) if p.endswith(".tmp")}
                    helper.stdin.write("go\n")
                    helper.stdin.flush()
                    pid = int(helper.stdout.readline())
                    if n % 2:
                        time.sleep(rng.uniform(0, 0.15))
                    else:
                        _wait_for_new_temporary(folder, before, timeout=2)
                        time.sleep(rng.choice([0, 0, 0.002, 0.01]))
                    os.kill(pid, signal.SIGKILL)
                    status = int(helper.stdout.readline())
                    assert os.WIFSIGNALED(status), f"the saver failed (seed {seed})"
                    assert target.read_bytes() in versions, f"round {n}, seed {seed}"
                    rest = [p for p in names(folder) if p != "h.json"]
                    assert len([p for p in rest if p.endswith(".tmp")]) <= 1, rest
                    assert set(rest) <= {".h.json.lock"} | {p for p in rest if p.endswith(".tmp")}
                    left_over += any(p.endswith(".tmp") for p in rest)
                helper.stdin.close()
                assert helper.wait(10) == 0
            finally:
                watchdog.cancel()
                helper.kill()
        assert left_over >= 1, f"no kill landed mid-write (seed {seed})"
        dr.dump(dr.load(target), target)
        assert names(folder) == ["h.json"]


def _wait_for_new_temporary(folder: Path, before: set[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with os.scandir(folder) as entries:
            if any(e.name.endswith(".tmp") and e.name not in before for e in entries):
                return
        time.sleep(0.0002)  # leave the CPU to the saver (CI machines may have two)

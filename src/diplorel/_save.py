"""Saving files: atomically, touching only the file asked for.

Every file diplorel writes (histories, panels, COW files, charts) goes through
:func:`write_atomic`: it follows symbolic links to the file they lead to, refuses what is not a
regular file, produces the text, then, holding an advisory lock beside the target
(``.{name}.lock``), removes the temporaries killed saves left, checks the ``expect`` token,
writes a temporary beside the target with its permissions, fsyncs it and renames it over the
target. A failure before the rename leaves the target as it was. docs/howto/saving.md says why.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path
from typing import Protocol

import attrs

from diplorel.exceptions import DiplorelError, SaveError

if sys.platform != "win32":
    import fcntl

LOCK_WAIT = 30.0
"""Seconds a save waits for another process's save of the same file before giving up."""

_CHUNK = 1 << 20
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}
_MAX_LINKS = 40
_STREAM = re.compile(r"/dev/std(in|out|err)\Z|/dev/fd/|/proc/[^/]+/(task/[^/]+/)?fd/")
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class _Err(Protocol):
    """Makes the SaveError of one save, with the path given and where it leads filled in."""

    def __call__(self, reason: str, *, kept_previous: bool, lost_update: bool = False) -> SaveError:
        """The error."""


@attrs.frozen
class FileToken:
    """What a file held when the token was taken, to tell later whether it changed.

    Take it with :func:`file_token` *before* loading the file, and pass it to
    ``dump(history, path, expect=token)``: the save is refused with a
    :class:`~diplorel.SaveError` (``lost_update=True``) if another writer changed the file in
    between. Two tokens describe the same content when their ``size`` and ``sha256`` agree;
    ``mtime_ns`` is for display only (rewriting the same bytes is not a change).
    """

    size: int | None
    """The file's size in bytes; ``None`` when there was no file."""
    mtime_ns: int | None
    """The file's modification time in nanoseconds; ``None`` when there was no file."""
    sha256: str | None
    """The SHA-256 of the file's bytes, in hexadecimal; ``None`` when there was no file."""

    @property
    def exists(self) -> bool:
        """Whether there was a file when the token was taken."""
        return self.sha256 is not None

    def same_content(self, other: FileToken) -> bool:
        """Whether ``other`` describes the same bytes (or, both, no file)."""
        return self.size == other.size and self.sha256 == other.sha256

    def __str__(self) -> str:
        """``no file``, or the size and the start of the hash."""
        if self.sha256 is None:
            return "no file"
        return f"{self.size} bytes, sha256 {self.sha256[:12]}"


_ABSENT = FileToken(size=None, mtime_ns=None, sha256=None)


def file_token(path: str | os.PathLike[str]) -> FileToken:
    """A token of what the file at ``path`` (through symbolic links) holds now.

    A missing file gives a token that says so: ``dump(..., expect=token)`` then refuses to
    overwrite a file that someone else created in the meantime.

    >>> import pathlib, tempfile
    >>> import diplorel as dr
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "h.json"
    >>> dr.file_token(path).exists
    False
    >>> _ = path.write_text("{}")
    >>> token = dr.file_token(path)
    >>> token.size, token.sha256[:8]
    (2, '44136fa3')
    """
    name = os.fspath(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(name, os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return _ABSENT
    except OSError as e:
        raise SaveError(name, f"cannot read it to take a token: {_why(e)}") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        kind = _kind(st.st_mode)
        if kind is not None:
            raise SaveError(name, f"it is {kind}, not a regular file")
        digest = hashlib.sha256()
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return FileToken(size=st.st_size, mtime_ns=st.st_mtime_ns, sha256=digest.hexdigest())


def write_atomic(
    path: str | os.PathLike[str],
    produce: Callable[[], str],
    *,
    expect: FileToken | None = None,
    wait: float = LOCK_WAIT,
) -> None:
    """Write ``produce()``'s text to ``path`` atomically: the old file survives any failure.

    ``path`` may be a symbolic link: the file it leads to is written and the link kept. Non
    regular files and the name ``-`` are refused. With ``expect``, the save is refused if the
    file no longer holds what the token saw. ``wait`` is how long to wait, in seconds, for
    another process saving the same file. See the module docstring for the steps.
    """
    given = os.fspath(path)
    target, links = _target(given)
    err = partial(SaveError, given, target=str(target) if links else given)
    _check_folder(target.parent, err)
    existed = _existing(target, err) is not None
    _check_writable(target.parent, err, existed=existed)
    try:
        text = produce()
    except (DiplorelError, OSError, ValueError, TypeError) as e:
        raise err(str(e), kept_previous=existed) from e
    with _locked(target, wait, err, existed=existed):
        _remove_stale(target)
        st = _existing(target, err)
        if expect is not None:
            _check_expected(target, expect, err, existed=st is not None)
        _replace(target, text, st, err)


def _why(e: OSError) -> str:
    """An OSError's reason without its file name (which may be a hidden temporary)."""
    return e.strerror or str(e)


def _kind(mode: int) -> str | None:
    """What a file is when it is not a regular file, else None."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def _target(given: str) -> tuple[Path, list[str]]:
    """The file a save of ``given`` must write: ``given`` with every symbolic link followed.

    Refuses ``-``, the empty path, links that go round in a loop, and the names of open
    streams (``/dev/stdout``, ``/dev/fd/N``, ``/proc/PID/fd/N``): when the stream is a
    redirected file, the name leads to a regular file, but replacing it would cut the stream.
    """
    if given == "-":
        raise SaveError(
            given,
            "'-' is not a file name here: to write to standard output, write the text "
            "(dumps(history)) to sys.stdout; for a file named '-', pass './-'",
        )
    if not given:
        raise SaveError(given, "the path is empty")
    real, links = _resolve(given)
    for name in (*links, str(real)):
        if _STREAM.match(name):
            raise SaveError(
                given,
                f"it names an open stream ({name}), not a file; a save replaces the file, which "
                "would cut the stream (to write to standard output, write the text to "
                "sys.stdout)",
                target=str(real),
            )
    return real, links


def _resolve(given: str) -> tuple[Path, list[str]]:
    """``os.path.realpath(given)``, and every symbolic link read on the way."""
    here = Path("/") if given.startswith("/") else Path.cwd()
    todo = given.split("/")[::-1]
    links: list[str] = []
    while todo:
        part = todo.pop()
        if part in {"", "."}:
            continue
        if part == "..":
            here = here.parent
            continue
        step = here / part
        try:
            is_link = step.is_symlink()
        except OSError:
            is_link = False  # cannot be looked at: the rest is taken as written
        if not is_link:
            here = step
            continue
        links.append(str(step))
        if len(links) > _MAX_LINKS:
            raise SaveError(given, "its symbolic links go round in a loop")
        dest = os.readlink(step)  # noqa: PTH115 - the text of the link, not a Path
        if dest.startswith("/"):
            here = Path("/")
        todo.extend(dest.split("/")[::-1])
    return here, links


def _check_folder(folder: Path, err: _Err) -> None:
    """Refuse a missing folder, or a path through something that is not a folder."""
    try:
        st = folder.stat()
    except FileNotFoundError:
        raise err(f"the folder {folder} does not exist", kept_previous=False) from None
    except OSError as e:
        raise err(f"cannot reach the folder {folder}: {_why(e)}", kept_previous=False) from None
    if not stat.S_ISDIR(st.st_mode):
        raise err(f"{folder} is not a folder", kept_previous=False)


def _check_writable(folder: Path, err: _Err, *, existed: bool) -> None:
    """Refuse early (before producing the text) a folder that cannot take the new file."""
    effective = os.access in os.supports_effective_ids  # not on macOS: the real ids there
    if not os.access(folder, os.W_OK | os.X_OK, effective_ids=effective):
        read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
        code = errno.EROFS if read_only else errno.EACCES
        raise err(_unwritable(folder, code), kept_previous=existed)


def _unwritable(folder: Path, code: int | None) -> str:
    if code == errno.EROFS:
        return f"the folder {folder} is on a read-only file system"
    return (
        f"no permission to create files in the folder {folder} (a save writes a new file "
        "beside the old one and renames it over it, so it needs write access to the folder)"
    )


def _existing(target: Path, err: _Err) -> os.stat_result | None:
    """The target's status if it is a regular file, None if there is none; refuse the rest."""
    try:
        st = target.stat()
    except FileNotFoundError:
        return None  # no file yet, or a dangling link: the save creates the file it leads to
    except OSError as e:
        raise err(f"cannot reach it: {_why(e)}", kept_previous=False) from None
    kind = _kind(st.st_mode)
    if kind == "a folder":
        raise err(
            "it is a folder, not a file (give the path of a file inside it)", kept_previous=False
        )
    if kind is not None:
        raise err(
            f"it is {kind}, not a regular file, and a save would replace it with one; "
            "diplorel does not stream to pipes or devices (write the text, e.g. "
            "dumps(history), to the stream yourself)",
            kept_previous=False,
        )
    return st


def _check_expected(target: Path, expect: FileToken, err: _Err, *, existed: bool) -> None:
    now = file_token(target)
    if not now.same_content(expect):
        raise err(
            f"it changed since the token was taken (then: {expect}; now: {now}); load it "
            "again, merge, and save with a new token",
            kept_previous=existed,
            lost_update=True,
        )


def _stem(target: Path) -> str:
    """The name the lock and temporaries start with; shortened when the name is very long."""
    name = target.name
    if len(os.fsencode(name)) <= 200:  # noqa: PLR2004 - leaves room in a 255-byte name
        return name
    return f"{name[:40]}~{hashlib.sha256(os.fsencode(name)).hexdigest()[:16]}"


def _temporaries(target: Path) -> re.Pattern[str]:
    """The names of the target's temporaries: ``.{name}.`` + 8 of [a-z0-9_] + ``.tmp``.

    Exactly 8 characters, so that the temporaries of ``h.json.bak`` never match ``h.json``'s
    (``tempfile.mkstemp``, used by diplorel 0.1, also made names of this form).
    """
    return re.compile(rf"\.{re.escape(_stem(target))}\.[a-z0-9_]{{8}}\.tmp\Z")


def _remove_stale(target: Path) -> None:
    """Remove the temporaries that killed saves of ``target`` left (call under the lock)."""
    if sys.platform == "win32":  # pragma: no cover - no lock: another save's may be live
        return
    pattern = _temporaries(target)
    with suppress(OSError), os.scandir(target.parent) as entries:
        stale = [Path(e.path) for e in entries if pattern.match(e.name) and not e.is_dir()]
    for name in stale:
        with suppress(OSError):
            name.unlink()


@contextmanager
def _locked(target: Path, wait: float, err: _Err, *, existed: bool) -> Iterator[None]:
    """Hold the advisory lock of ``target`` (``.{name}.lock`` beside it); remove it after.

    The lock file is removed while held; a process that was waiting on it then finds that the
    name no longer leads to the file it locked, and starts again with a new lock file.
    """
    if sys.platform == "win32":  # pragma: no cover - no flock on Windows: no lock
        yield
        return
    lock = target.parent / f".{_stem(target)}.lock"
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(lock, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o666)
        except OSError as e:
            if e.errno in _DENIED and not os.path.lexists(lock):
                raise err(_unwritable(target.parent, e.errno), kept_previous=existed) from None
            raise err(
                f"cannot open its lock file {lock}: {_why(e)}", kept_previous=existed
            ) from None
        try:
            _flock(fd, deadline)
        except BlockingIOError:
            os.close(fd)
            raise err(
                f"another process has been saving it for {wait:g} s (lock file {lock}); "
                "try again when it has finished",
                kept_previous=existed,
            ) from None
        except BaseException:
            os.close(fd)
            raise
        if _still_there(fd, lock):
            break
        os.close(fd)  # removed (or replaced) while we waited: lock the new one
    try:
        yield
    finally:
        with suppress(OSError):
            lock.unlink()
        os.close(fd)


def _flock(fd: int, deadline: float) -> None:
    """Lock ``fd`` exclusively, polling until ``deadline`` (then BlockingIOError)."""
    if sys.platform == "win32":  # pragma: no cover
        return
    delay = 0.001
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        else:
            return


def _still_there(fd: int, lock: Path) -> bool:
    try:
        st = lock.lstat()
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino)


def _create_temporary(target: Path, mode: int, err: _Err, *, existed: bool) -> tuple[int, Path]:
    """A new, empty temporary beside ``target``, created with ``mode`` (less the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = target.parent / f".{_stem(target)}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
        except OSError as e:
            if e.errno in _DENIED:
                raise err(_unwritable(target.parent, e.errno), kept_previous=existed) from None
            raise err(_why(e), kept_previous=existed) from None
    raise err(
        "cannot find a free name for its temporary file", kept_previous=existed
    )  # pragma: no cover


def _replace(target: Path, text: str, st: os.stat_result | None, err: _Err) -> None:
    """Write ``text`` to a temporary with the target's permissions; rename it over the target."""
    existed = st is not None
    # A new file gets what open() would give it (0666 less the umask, applied by the kernel);
    # a replaced one keeps its mode (set again below, since the umask may have cut it).
    mode = 0o666 if st is None else stat.S_IMODE(st.st_mode) & 0o777
    fd, tmp = _create_temporary(target, mode, err, existed=existed)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            if st is not None:
                _keep_permissions(fd, mode, st)
            f.write(text)
            f.flush()
            _sync(fd)
        tmp.replace(target)
    except BaseException as e:
        tmp.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise err(_why(e), kept_previous=existed) from e
        if isinstance(e, DiplorelError | ValueError | TypeError):
            raise err(str(e), kept_previous=existed) from e
        raise
    _sync_folder(target.parent)


def _keep_permissions(fd: int, mode: int, st: os.stat_result) -> None:
    """Give the new file the old one's mode, and its owner and group where allowed."""
    if sys.platform == "win32":  # pragma: no cover - no POSIX permissions
        return
    os.fchmod(fd, mode)
    if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(fd, st.st_uid, st.st_gid)  # root may
        except OSError:
            with suppress(OSError):
                os.fchown(fd, -1, st.st_gid)  # a member of the group may


def _sync(fd: int) -> None:
    os.fsync(fd)
    if sys.platform == "darwin":  # pragma: no cover - fsync does not reach the disk on macOS
        with suppress(OSError):
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; best effort (some file systems cannot fsync a folder)."""
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

"""Where exports are written: never over the project, always whole or not at all.

Every file Annotator writes outside the project goes through ``output_file``:

* a target that is the open project, one of the files SQLite keeps beside it (``-wal``, ``-shm``,
  ``-journal``), or any other Annotator project is refused before anything is written (``export P
  --segments P`` once replaced a project with a CSV);
* the data goes to a temporary file in the target's folder, is flushed to disk and renamed into place,
  so a reader never sees half a file and a failed export (a full disk, a permission) leaves the old
  file as it was and no stray temporary file behind;
* operating-system errors become one line naming the target.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from annotator.core.errors import InputError
from annotator.core.store import files


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(str(a.resolve())) == os.path.normcase(str(b.resolve()))


def check_target(target: Path, project_path: Path | None = None) -> None:
    """Refuse a target that is the project, one of its companion files, another project, or a folder."""
    if target.is_dir():
        raise InputError("is a folder; give a file name to write", path=str(target))
    if project_path is not None:
        for own in files.project_files(Path(project_path)):
            if _same(target, own):
                what = "the project file itself" if own == Path(project_path) else \
                    f"the project's own {own.name.rpartition('-')[2]} file"
                raise InputError(f"is {what}; choose another name for the export (nothing was written)",
                                 path=str(target))
    if target.exists() and files.is_project_file(target):
        raise InputError("is an Annotator project; exports never overwrite a project (nothing was written)",
                         path=str(target))
    name = target.name.lower()
    if name.endswith(("-wal", "-shm", "-journal")) and files.is_project_file(
            target.with_name(target.name.rsplit("-", 1)[0])):
        raise InputError("belongs to an Annotator project (SQLite's companion file); choose another name",
                         path=str(target))
    if not target.parent.exists():
        raise InputError(f"folder {target.parent} does not exist", path=str(target))


def _default_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextmanager
def output_file(target: str | os.PathLike[str], *, project_path: Path | None = None, binary: bool = False,
                encoding: str = "utf-8", newline: str = "") -> Iterator[IO[Any]]:
    """A file handle whose contents replace ``target`` only when the block completes without error."""
    target = Path(target)
    check_target(target, project_path)
    try:
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror}); nothing was written", path=str(target)) from None
    done = False
    try:
        mode = "wb" if binary else "w"
        with os.fdopen(fd, mode, **({} if binary else {"encoding": encoding, "newline": newline})) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _default_mode(target))
        os.replace(temporary, target)
        done = True
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror or exc}); nothing was written",
                         path=str(target)) from None
    finally:
        if not done:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def write_text(target: str | os.PathLike[str], text: str, *, project_path: Path | None = None) -> None:
    """Write ``text`` (UTF-8) through ``output_file``."""
    with output_file(target, project_path=project_path) as handle:
        handle.write(text)

"""Read a file the user named as UTF-8 text, or raise InputError saying what to give instead."""

from __future__ import annotations

from pathlib import Path

from kg.errors import InputError


def read_text(path: Path, what: str) -> str:
    """The text of the file at `path`; `what` names the kind of file expected in the error."""
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            # A FIFO or a device would be read forever.
            raise InputError(str(path), f"is not a regular file; give the path of a {what}.")
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError as exc:
        raise InputError(str(path), f"does not exist; give the path of a {what}.") from exc
    except IsADirectoryError as exc:
        raise InputError(str(path), f"is a folder; give the path of a {what}.") from exc
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"is not UTF-8 text; give the path of a {what}.") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror}); give the path of a {what}.") from exc

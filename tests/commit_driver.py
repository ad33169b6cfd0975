"""A small folder command for the commit tests, started as a real process: it writes one generation of files into
DIR through imr.folder_commit, the way imr review replaces a folder and imr sign changes a copy of one, without the
seconds those take to load their models.

usage: python tests/commit_driver.py DIR GENERATION [--copy] [--portable] [--fail] [--size BYTES]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from imr.errors import ImrError
from imr.folder_commit import checkpoint, commit_folder

REPLACED = ("a.txt", "b.txt", "sub/c.txt", "sub/d.txt")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    checkpoint("file")


def _content(generation: str, name: str, size: int) -> str:
    line = f"{generation} {name}\n"
    return line * max(1, size // len(line))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("generation")
    parser.add_argument("--copy", action="store_true", help="change a copy of DIR, as imr sign does")
    parser.add_argument("--portable", action="store_true", help="swap with two renames, not one exchange")
    parser.add_argument("--fail", action="store_true", help="fail after writing, as a refused command does")
    parser.add_argument("--size", type=int, default=64)
    arguments = parser.parse_args(argv)
    try:
        with commit_folder(arguments.out, copy_current=arguments.copy, exchange=not arguments.portable) as staging:
            if arguments.copy:  # rewrite one file, remove one, add one: the same result however often it runs
                _write(staging / "a.txt", _content(arguments.generation, "a.txt", arguments.size))
                (staging / "b.txt").unlink(missing_ok=True)
                _write(staging / "e.txt", _content(arguments.generation, "e.txt", arguments.size))
            else:
                for name in REPLACED:
                    _write(staging / name, _content(arguments.generation, name, arguments.size))
            if arguments.fail:
                raise ImrError("failed on purpose", source=str(arguments.out))
    except ImrError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

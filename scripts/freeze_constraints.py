"""Write constraints.txt: the exact version of every package the requirements install (their whole tree), as
installed here, so that a fresh machine installs what the tests passed on.

    python scripts/freeze_constraints.py        # after the tests passed on upgraded packages
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("requirements.txt", "requirements-test.txt")


def top_level() -> list[Requirement]:
    reqs = []
    for name in SOURCES:
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line and not line.startswith("-"):
                reqs.append(Requirement(line))
    return reqs


def closure(reqs: list[Requirement]) -> dict[str, str]:
    env = default_environment()
    pinned: dict[str, str] = {}
    todo = [(r, frozenset(r.extras)) for r in reqs]
    while todo:
        req, extras = todo.pop()
        key = re.sub(r"[-_.]+", "-", req.name).lower()
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            continue
        first = key not in pinned
        pinned[key] = dist.version
        for text in dist.requires or []:
            sub = Requirement(text)
            wanted = not sub.marker or any(sub.marker.evaluate({**env, "extra": e}) for e in (extras or {""}))
            if wanted and (first or extras):
                todo.append((sub, frozenset(sub.extras)))
    return pinned


def main() -> None:
    pinned = closure(top_level())
    lines = [
        "# Exact versions the test suite passed on (scripts/freeze_constraints.py); requirements.txt applies it."
    ]
    lines += [f"{name}=={version}" for name, version in sorted(pinned.items())]
    (ROOT / "constraints.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote constraints.txt ({len(pinned)} packages)")


if __name__ == "__main__":
    main()

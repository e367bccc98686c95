"""requirements.lock pins exactly what pyproject.toml asks for: every requirement (and the
build backend) pinned to a version it accepts, and every package its dependencies pull in,
nothing more. Re-pin with `make lock` after changing pyproject.toml's dependencies."""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
STALE = "requirements.lock disagrees with pyproject.toml: run `make lock` and commit requirements.lock"


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements.lock").read_text("utf-8").splitlines():
        if line and not line.startswith((" ", "#", "-")):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def _roots() -> list[Requirement]:
    """The project's requirements, its dev extra's and its build backend."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return [Requirement(r) for r in (*project["project"]["dependencies"], *project["project"]["optional-dependencies"]["dev"],
                                     *project["build-system"]["requires"])]


def test_every_requirement_is_pinned_to_a_version_it_accepts() -> None:
    pins = _pins()
    for requirement in _roots():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in the lock. {STALE}"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"lock pins {name}=={pins[name]}, pyproject asks {requirement}. {STALE}"


def test_the_lock_is_the_closure_of_the_requirements() -> None:
    """Walked through the installed packages' metadata (`make setup` installs the lock)."""
    pins, seen = _pins(), set()
    todo = [(r, frozenset(r.extras)) for r in _roots()]
    while todo:
        requirement, extras = todo.pop()
        name = canonicalize_name(requirement.name)
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            raise AssertionError(f"{name} is required but not installed: run `make setup`") from None
        assert dist.version == pins.get(name), f"{name} {dist.version} installed, lock pins {pins.get(name)}: run `make setup`"
        for text in dist.requires or ():
            dependency = Requirement(text)
            if dependency.marker is None or any(dependency.marker.evaluate({"extra": e}) for e in (*extras, "")):
                todo.append((dependency, frozenset(dependency.extras)))
    needed = {name for name, _ in seen}
    assert set(pins) == needed, f"pinned but not needed: {sorted(set(pins) - needed)}; needed but not pinned: {sorted(needed - set(pins))}. {STALE}"

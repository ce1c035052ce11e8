"""The Python packages are locked (requirements/, made by `make lock` from
pyproject.toml's ranges): every package pyproject.toml asks for is pinned to
one exact version inside its range, with hashes, and the production lock has
the very versions development and CI test."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(settings.BASE_DIR)
LOCK = ROOT / "requirements" / "lock.txt"
PRODUCTION_LOCK = ROOT / "requirements" / "production.txt"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def entries(path: Path) -> list[tuple[Requirement, list[str]]]:
    """Each pinned requirement (joined across its continuation lines) and its hashes."""
    text = path.read_text().replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        hashes = re.findall(r"--hash=(sha256:[0-9a-f]{64})", line)
        requirement = Requirement(re.sub(r"\s--hash=\S+", "", line).strip())
        found.append((requirement, hashes))
    return found


def pins(path: Path) -> dict[str, str]:
    """Package name: the version pinned for this machine's Python."""
    environment = default_environment()
    pinned = {}
    for requirement, _hashes in entries(path):
        if requirement.marker is None or requirement.marker.evaluate(environment):
            (specifier,) = requirement.specifier
            pinned[canonicalize_name(requirement.name)] = specifier.version
    return pinned


@pytest.mark.parametrize("path", [LOCK, PRODUCTION_LOCK], ids=["lock", "production"])
def test_every_locked_package_is_one_exact_version_with_hashes(path):
    for requirement, hashes in entries(path):
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", requirement
        assert hashes, f"{requirement} has no hash"


@pytest.mark.parametrize(
    ("path", "wanted"),
    [
        (LOCK, PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"]),
        (PRODUCTION_LOCK, PROJECT["dependencies"]),
    ],
    ids=["lock", "production"],
)
def test_every_package_pyproject_asks_for_is_locked_inside_its_range(path, wanted):
    locked = pins(path)
    for line in wanted:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in {path.name}: run `make lock`"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{name}=={locked[name]} in {path.name} is outside {requirement.specifier}: "
            "run `make lock`"
        )


def test_production_runs_the_versions_that_were_tested():
    production, tested = pins(PRODUCTION_LOCK), pins(LOCK)

    assert {name: tested.get(name) for name in production} == production
    assert "pytest" not in production

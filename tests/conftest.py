from __future__ import annotations

import pytest

from mgip import catalogue, paths
from mgip.spec import Spec

pytest_plugins = ["pytester"]


@pytest.fixture(scope="session")
def spec() -> Spec:
    return Spec.load()


@pytest.fixture(scope="session")
def rules() -> catalogue.Catalogue:
    return catalogue.load()


@pytest.fixture(scope="session")
def seeds_dir() -> object:
    if not paths.SEEDS_DIR.is_dir():
        pytest.skip(
            f"the documentation seeds are not at {paths.SEEDS_DIR} (they sit beside a CI checkout)"
        )
    return paths.SEEDS_DIR

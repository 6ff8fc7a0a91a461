from __future__ import annotations

import pytest

from mgip.core import catalogue, resources
from mgip.core.spec import Spec

pytest_plugins = ["pytester"]


@pytest.fixture(scope="session")
def spec() -> Spec:
    return Spec.load()


@pytest.fixture(scope="session")
def rules() -> catalogue.Catalogue:
    return catalogue.load()


@pytest.fixture(scope="session")
def seeds_dir() -> object:
    if not resources.SEEDS_DIR.is_dir():
        pytest.skip(
            f"the documentation seeds are not at {resources.SEEDS_DIR} "
            "(they sit beside a CI checkout)"
        )
    return resources.SEEDS_DIR

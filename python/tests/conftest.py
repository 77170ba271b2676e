"""pytest set-up for the tcosim module's tests: the module from the build tree (build/python,
or TCOSIM_PYTHON_PATH) and the command line it is compared with (build/tcosim, or TCOSIM_BIN)."""
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("TCOSIM_PYTHON_PATH", str(ROOT / "build" / "python")))


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def tcosim_bin():
    return Path(os.environ.get("TCOSIM_BIN", ROOT / "build" / "tcosim"))

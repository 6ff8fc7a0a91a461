"""mgip: contract testing and code generation for the Mailgun IP API."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mgip")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

"""mgip reference server: a stateful implementation of the curated Mailgun IP API."""

from mgip.server.app import ReferenceApp, build_app

__all__ = ["ReferenceApp", "build_app"]

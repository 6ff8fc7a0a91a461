"""A client library for accessing Mailgun IP management (curated by mgip)"""

from .client import AuthenticatedClient, Client
from .errors import ApiError
from .facade import AsyncMailgunIp, MailgunIp, build_client

__all__ = (
    "ApiError",
    "AsyncMailgunIp",
    "AuthenticatedClient",
    "Client",
    "MailgunIp",
    "build_client",
)

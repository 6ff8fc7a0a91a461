"""Errors raised by the generated client"""

import json
from typing import Any

from .types import Response


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class ApiError(Exception):
    """A non-2xx answer, raised by the section facades.

    `status_code` is the HTTP status, `message` the server's explanation (the `message` field of
    the JSON error body, or the invalid field and value, or the start of the raw body).
    """

    def __init__(self, status_code: int, message: str, content: bytes):
        self.status_code = status_code
        self.message = message
        self.content = content
        super().__init__(f"HTTP {status_code}: {message}")

    @classmethod
    def from_response(cls, response: Response[Any]) -> "ApiError":
        return cls(
            int(response.status_code), _message(response.content), response.content
        )


def _message(content: bytes) -> str:
    try:
        body = json.loads(content)
    except ValueError:
        return content.decode(errors="replace").strip()[:200] or "(empty body)"
    if isinstance(body, dict):
        if isinstance(body.get("message"), str):
            return str(body["message"])
        if "Field" in body:
            return f"invalid {body.get('Field')}: {body.get('Value')!r}"
    return json.dumps(body)[:200]


def ensure_success(response: Response[Any]) -> Any:
    """The parsed body of a 2xx answer; ApiError for anything else."""
    if 200 <= int(response.status_code) < 300:
        return response.parsed
    raise ApiError.from_response(response)


__all__ = ["ApiError", "UnexpectedStatus", "ensure_success"]

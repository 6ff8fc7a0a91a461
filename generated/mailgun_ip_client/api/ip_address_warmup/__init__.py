"""IP Address Warmup: the generated functions, and the section facades `WarmupsSection` and `AsyncWarmupsSection`."""

from typing import Any, cast

from ...client import AuthenticatedClient
from ...errors import ensure_success
from ...models.error import Error
from ...models.message import Message
from ...models.warmup_details_response import WarmupDetailsResponse
from ...models.warmup_page import WarmupPage
from ...types import UNSET, Unset
from . import cancel_warmup, create_warmup, get_warmup, list_warmups


class WarmupsSection:
    """IP Address Warmup: Warm-up plans that ramp up the sending volume of a new dedicated IP."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def cancel(
        self,
        addr: str,
    ) -> Message:
        """Cancel the warm-up plan of a dedicated IP (DELETE /v3/ip_warmups/{addr})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = cancel_warmup.sync_detailed(
            client=self._client,
            addr=addr,
        )
        return cast(Message, ensure_success(response))

    def create(
        self,
        addr: str,
    ) -> Message:
        """Start a warm-up plan for a dedicated IP (POST /v3/ip_warmups/{addr})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = create_warmup.sync_detailed(
            client=self._client,
            addr=addr,
        )
        return cast(Message, ensure_success(response))

    def get(
        self,
        addr: str,
    ) -> WarmupDetailsResponse:
        """Get the in-flight warm-up of a dedicated IP (GET /v3/ip_warmups/{addr})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = get_warmup.sync_detailed(
            client=self._client,
            addr=addr,
        )
        return cast(WarmupDetailsResponse, ensure_success(response))

    def list_all(
        self,
        *,
        page: str | Unset = UNSET,
        limit: int | Unset = 10,
    ) -> WarmupPage:
        """List the in-flight warm-ups of the account's dedicated IPs (GET /v3/ip_warmups)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = list_warmups.sync_detailed(
            client=self._client,
            page=page,
            limit=limit,
        )
        return cast(WarmupPage, ensure_success(response))


class AsyncWarmupsSection:
    """IP Address Warmup (async): Warm-up plans that ramp up the sending volume of a new dedicated IP."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    async def cancel(
        self,
        addr: str,
    ) -> Message:
        """Cancel the warm-up plan of a dedicated IP (DELETE /v3/ip_warmups/{addr})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await cancel_warmup.asyncio_detailed(
            client=self._client,
            addr=addr,
        )
        return cast(Message, ensure_success(response))

    async def create(
        self,
        addr: str,
    ) -> Message:
        """Start a warm-up plan for a dedicated IP (POST /v3/ip_warmups/{addr})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await create_warmup.asyncio_detailed(
            client=self._client,
            addr=addr,
        )
        return cast(Message, ensure_success(response))

    async def get(
        self,
        addr: str,
    ) -> WarmupDetailsResponse:
        """Get the in-flight warm-up of a dedicated IP (GET /v3/ip_warmups/{addr})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await get_warmup.asyncio_detailed(
            client=self._client,
            addr=addr,
        )
        return cast(WarmupDetailsResponse, ensure_success(response))

    async def list_all(
        self,
        *,
        page: str | Unset = UNSET,
        limit: int | Unset = 10,
    ) -> WarmupPage:
        """List the in-flight warm-ups of the account's dedicated IPs (GET /v3/ip_warmups)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await list_warmups.asyncio_detailed(
            client=self._client,
            page=page,
            limit=limit,
        )
        return cast(WarmupPage, ensure_success(response))

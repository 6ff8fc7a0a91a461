from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.warmup_details_response import WarmupDetailsResponse
from ...types import Response


def _get_kwargs(
    addr: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/ip_warmups/{addr}".format(
            addr=quote(str(addr), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | WarmupDetailsResponse | None:
    if response.status_code == 200:
        response_200 = WarmupDetailsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | WarmupDetailsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    addr: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | WarmupDetailsResponse]:
    """Get the in-flight warm-up of a dedicated IP

     The IP must be a dedicated IP of the account with a warm-up in flight.

    Args:
        addr (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | WarmupDetailsResponse]
    """

    kwargs = _get_kwargs(
        addr=addr,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    addr: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | WarmupDetailsResponse | None:
    """Get the in-flight warm-up of a dedicated IP

     The IP must be a dedicated IP of the account with a warm-up in flight.

    Args:
        addr (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | WarmupDetailsResponse
    """

    return sync_detailed(
        addr=addr,
        client=client,
    ).parsed


async def asyncio_detailed(
    addr: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | WarmupDetailsResponse]:
    """Get the in-flight warm-up of a dedicated IP

     The IP must be a dedicated IP of the account with a warm-up in flight.

    Args:
        addr (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | WarmupDetailsResponse]
    """

    kwargs = _get_kwargs(
        addr=addr,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    addr: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | WarmupDetailsResponse | None:
    """Get the in-flight warm-up of a dedicated IP

     The IP must be a dedicated IP of the account with a warm-up in flight.

    Args:
        addr (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | WarmupDetailsResponse
    """

    return (
        await asyncio_detailed(
            addr=addr,
            client=client,
        )
    ).parsed

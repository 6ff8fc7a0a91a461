from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.ip_list import IpList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    dedicated: bool | Unset = UNSET,
    enabled: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["dedicated"] = dedicated

    params["enabled"] = enabled

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/ips",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | IpList | None:
    if response.status_code == 200:
        response_200 = IpList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | IpList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    dedicated: bool | Unset = UNSET,
    enabled: bool | Unset = UNSET,
) -> Response[Error | IpList]:
    """List the account's IPs

     Returns the account's sending IPs. `assignable_to_pools` lists the IPs that can be put into a DIPP
    and is present only when the account has the DIPPs feature. `total_count` is the number of entries
    in `items` after the filters.

    Args:
        dedicated (bool | Unset):
        enabled (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | IpList]
    """

    kwargs = _get_kwargs(
        dedicated=dedicated,
        enabled=enabled,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    dedicated: bool | Unset = UNSET,
    enabled: bool | Unset = UNSET,
) -> Error | IpList | None:
    """List the account's IPs

     Returns the account's sending IPs. `assignable_to_pools` lists the IPs that can be put into a DIPP
    and is present only when the account has the DIPPs feature. `total_count` is the number of entries
    in `items` after the filters.

    Args:
        dedicated (bool | Unset):
        enabled (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | IpList
    """

    return sync_detailed(
        client=client,
        dedicated=dedicated,
        enabled=enabled,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    dedicated: bool | Unset = UNSET,
    enabled: bool | Unset = UNSET,
) -> Response[Error | IpList]:
    """List the account's IPs

     Returns the account's sending IPs. `assignable_to_pools` lists the IPs that can be put into a DIPP
    and is present only when the account has the DIPPs feature. `total_count` is the number of entries
    in `items` after the filters.

    Args:
        dedicated (bool | Unset):
        enabled (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | IpList]
    """

    kwargs = _get_kwargs(
        dedicated=dedicated,
        enabled=enabled,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    dedicated: bool | Unset = UNSET,
    enabled: bool | Unset = UNSET,
) -> Error | IpList | None:
    """List the account's IPs

     Returns the account's sending IPs. `assignable_to_pools` lists the IPs that can be put into a DIPP
    and is present only when the account has the DIPPs feature. `total_count` is the number of entries
    in `items` after the filters.

    Args:
        dedicated (bool | Unset):
        enabled (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | IpList
    """

    return (
        await asyncio_detailed(
            client=client,
            dedicated=dedicated,
            enabled=enabled,
        )
    ).parsed

from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dipp_domain_page import DippDomainPage
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    pool_id: str,
    *,
    limit: int | Unset = 10,
    page: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["page"] = page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/ip_pools/{pool_id}/domains".format(
            pool_id=quote(str(pool_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DippDomainPage | Error | None:
    if response.status_code == 200:
        response_200 = DippDomainPage.from_dict(response.json())

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
) -> Response[DippDomainPage | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    pool_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    page: str | Unset = UNSET,
) -> Response[DippDomainPage | Error]:
    """List the domains linked to a DIPP

     A paginated list of the domains linked to the DIPP.

    Args:
        pool_id (str):
        limit (int | Unset):  Default: 10.
        page (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DippDomainPage | Error]
    """

    kwargs = _get_kwargs(
        pool_id=pool_id,
        limit=limit,
        page=page,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pool_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    page: str | Unset = UNSET,
) -> DippDomainPage | Error | None:
    """List the domains linked to a DIPP

     A paginated list of the domains linked to the DIPP.

    Args:
        pool_id (str):
        limit (int | Unset):  Default: 10.
        page (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DippDomainPage | Error
    """

    return sync_detailed(
        pool_id=pool_id,
        client=client,
        limit=limit,
        page=page,
    ).parsed


async def asyncio_detailed(
    pool_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    page: str | Unset = UNSET,
) -> Response[DippDomainPage | Error]:
    """List the domains linked to a DIPP

     A paginated list of the domains linked to the DIPP.

    Args:
        pool_id (str):
        limit (int | Unset):  Default: 10.
        page (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DippDomainPage | Error]
    """

    kwargs = _get_kwargs(
        pool_id=pool_id,
        limit=limit,
        page=page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pool_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    page: str | Unset = UNSET,
) -> DippDomainPage | Error | None:
    """List the domains linked to a DIPP

     A paginated list of the domains linked to the DIPP.

    Args:
        pool_id (str):
        limit (int | Unset):  Default: 10.
        page (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DippDomainPage | Error
    """

    return (
        await asyncio_detailed(
            pool_id=pool_id,
            client=client,
            limit=limit,
            page=page,
        )
    ).parsed

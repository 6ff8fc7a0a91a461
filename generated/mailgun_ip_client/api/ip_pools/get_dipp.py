from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dipp_details_response import DippDetailsResponse
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    pool_id: str,
    *,
    x_mailgun_account_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_mailgun_account_id, Unset):
        headers["X-Mailgun-Account-Id"] = x_mailgun_account_id

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/ip_pools/{pool_id}".format(
            pool_id=quote(str(pool_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DippDetailsResponse | Error | None:
    if response.status_code == 200:
        response_200 = DippDetailsResponse.from_dict(response.json())

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
) -> Response[DippDetailsResponse | Error]:
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
    x_mailgun_account_id: str | Unset = UNSET,
) -> Response[DippDetailsResponse | Error]:
    """Get a DIPP

     `is_linked` tells whether any domain links to the DIPP; when it does, `linked_domains` names those
    domains.

    Args:
        pool_id (str):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DippDetailsResponse | Error]
    """

    kwargs = _get_kwargs(
        pool_id=pool_id,
        x_mailgun_account_id=x_mailgun_account_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pool_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
) -> DippDetailsResponse | Error | None:
    """Get a DIPP

     `is_linked` tells whether any domain links to the DIPP; when it does, `linked_domains` names those
    domains.

    Args:
        pool_id (str):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DippDetailsResponse | Error
    """

    return sync_detailed(
        pool_id=pool_id,
        client=client,
        x_mailgun_account_id=x_mailgun_account_id,
    ).parsed


async def asyncio_detailed(
    pool_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Response[DippDetailsResponse | Error]:
    """Get a DIPP

     `is_linked` tells whether any domain links to the DIPP; when it does, `linked_domains` names those
    domains.

    Args:
        pool_id (str):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DippDetailsResponse | Error]
    """

    kwargs = _get_kwargs(
        pool_id=pool_id,
        x_mailgun_account_id=x_mailgun_account_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pool_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
) -> DippDetailsResponse | Error | None:
    """Get a DIPP

     `is_linked` tells whether any domain links to the DIPP; when it does, `linked_domains` names those
    domains.

    Args:
        pool_id (str):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DippDetailsResponse | Error
    """

    return (
        await asyncio_detailed(
            pool_id=pool_id,
            client=client,
            x_mailgun_account_id=x_mailgun_account_id,
        )
    ).parsed

from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dynamic_pool_list import DynamicPoolList
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    x_mailgun_account_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_mailgun_account_id, Unset):
        headers["X-Mailgun-Account-Id"] = x_mailgun_account_id

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/dynamic_pools",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DynamicPoolList | Error | None:
    if response.status_code == 200:
        response_200 = DynamicPoolList.from_dict(response.json())

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
) -> Response[DynamicPoolList | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Response[DynamicPoolList | Error]:
    """List the account's dynamic pools and their IPs

     `good_reputation`, `poor_reputation` and `new_senders` list the IPs of the pools `dynamic_good`,
    `dynamic_poor` and `dynamic_new`; `pools` describes each pool.

    Args:
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DynamicPoolList | Error]
    """

    kwargs = _get_kwargs(
        x_mailgun_account_id=x_mailgun_account_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
) -> DynamicPoolList | Error | None:
    """List the account's dynamic pools and their IPs

     `good_reputation`, `poor_reputation` and `new_senders` list the IPs of the pools `dynamic_good`,
    `dynamic_poor` and `dynamic_new`; `pools` describes each pool.

    Args:
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DynamicPoolList | Error
    """

    return sync_detailed(
        client=client,
        x_mailgun_account_id=x_mailgun_account_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Response[DynamicPoolList | Error]:
    """List the account's dynamic pools and their IPs

     `good_reputation`, `poor_reputation` and `new_senders` list the IPs of the pools `dynamic_good`,
    `dynamic_poor` and `dynamic_new`; `pools` describes each pool.

    Args:
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DynamicPoolList | Error]
    """

    kwargs = _get_kwargs(
        x_mailgun_account_id=x_mailgun_account_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
) -> DynamicPoolList | Error | None:
    """List the account's dynamic pools and their IPs

     `good_reputation`, `poor_reputation` and `new_senders` list the IPs of the pools `dynamic_good`,
    `dynamic_poor` and `dynamic_new`; `pools` describes each pool.

    Args:
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DynamicPoolList | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            x_mailgun_account_id=x_mailgun_account_id,
        )
    ).parsed

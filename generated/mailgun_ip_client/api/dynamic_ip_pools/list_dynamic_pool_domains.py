from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dynamic_pool_domain_list import DynamicPoolDomainList
from ...models.error import Error
from ...models.list_dynamic_pool_domains_sort_by import ListDynamicPoolDomainsSortBy
from ...models.list_dynamic_pool_domains_sort_order import (
    ListDynamicPoolDomainsSortOrder,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    account: list[str] | Unset = UNSET,
    pool: list[str] | Unset = UNSET,
    sort_by: ListDynamicPoolDomainsSortBy | Unset = ListDynamicPoolDomainsSortBy.NAME,
    sort_order: ListDynamicPoolDomainsSortOrder
    | Unset = ListDynamicPoolDomainsSortOrder.ASCENDING,
    x_mailgun_account_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_mailgun_account_id, Unset):
        headers["X-Mailgun-Account-Id"] = x_mailgun_account_id

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_account: list[str] | Unset = UNSET
    if not isinstance(account, Unset):
        json_account = account

    params["account"] = json_account

    json_pool: list[str] | Unset = UNSET
    if not isinstance(pool, Unset):
        json_pool = pool

    params["pool"] = json_pool

    json_sort_by: str | Unset = UNSET
    if not isinstance(sort_by, Unset):
        json_sort_by = sort_by.value

    params["sort_by"] = json_sort_by

    json_sort_order: str | Unset = UNSET
    if not isinstance(sort_order, Unset):
        json_sort_order = sort_order.value

    params["sort_order"] = json_sort_order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/dynamic_pools/domains",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DynamicPoolDomainList | Error | None:
    if response.status_code == 200:
        response_200 = DynamicPoolDomainList.from_dict(response.json())

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
) -> Response[DynamicPoolDomainList | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    account: list[str] | Unset = UNSET,
    pool: list[str] | Unset = UNSET,
    sort_by: ListDynamicPoolDomainsSortBy | Unset = ListDynamicPoolDomainsSortBy.NAME,
    sort_order: ListDynamicPoolDomainsSortOrder
    | Unset = ListDynamicPoolDomainsSortOrder.ASCENDING,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Response[DynamicPoolDomainList | Error]:
    """List the domains enrolled in Dynamic IP Pools

     Covers the parent account and its subaccounts.

    Args:
        limit (int | Unset):
        account (list[str] | Unset):
        pool (list[str] | Unset):
        sort_by (ListDynamicPoolDomainsSortBy | Unset):  Default:
            ListDynamicPoolDomainsSortBy.NAME.
        sort_order (ListDynamicPoolDomainsSortOrder | Unset):  Default:
            ListDynamicPoolDomainsSortOrder.ASCENDING.
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DynamicPoolDomainList | Error]
    """

    kwargs = _get_kwargs(
        limit=limit,
        account=account,
        pool=pool,
        sort_by=sort_by,
        sort_order=sort_order,
        x_mailgun_account_id=x_mailgun_account_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    account: list[str] | Unset = UNSET,
    pool: list[str] | Unset = UNSET,
    sort_by: ListDynamicPoolDomainsSortBy | Unset = ListDynamicPoolDomainsSortBy.NAME,
    sort_order: ListDynamicPoolDomainsSortOrder
    | Unset = ListDynamicPoolDomainsSortOrder.ASCENDING,
    x_mailgun_account_id: str | Unset = UNSET,
) -> DynamicPoolDomainList | Error | None:
    """List the domains enrolled in Dynamic IP Pools

     Covers the parent account and its subaccounts.

    Args:
        limit (int | Unset):
        account (list[str] | Unset):
        pool (list[str] | Unset):
        sort_by (ListDynamicPoolDomainsSortBy | Unset):  Default:
            ListDynamicPoolDomainsSortBy.NAME.
        sort_order (ListDynamicPoolDomainsSortOrder | Unset):  Default:
            ListDynamicPoolDomainsSortOrder.ASCENDING.
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DynamicPoolDomainList | Error
    """

    return sync_detailed(
        client=client,
        limit=limit,
        account=account,
        pool=pool,
        sort_by=sort_by,
        sort_order=sort_order,
        x_mailgun_account_id=x_mailgun_account_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    account: list[str] | Unset = UNSET,
    pool: list[str] | Unset = UNSET,
    sort_by: ListDynamicPoolDomainsSortBy | Unset = ListDynamicPoolDomainsSortBy.NAME,
    sort_order: ListDynamicPoolDomainsSortOrder
    | Unset = ListDynamicPoolDomainsSortOrder.ASCENDING,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Response[DynamicPoolDomainList | Error]:
    """List the domains enrolled in Dynamic IP Pools

     Covers the parent account and its subaccounts.

    Args:
        limit (int | Unset):
        account (list[str] | Unset):
        pool (list[str] | Unset):
        sort_by (ListDynamicPoolDomainsSortBy | Unset):  Default:
            ListDynamicPoolDomainsSortBy.NAME.
        sort_order (ListDynamicPoolDomainsSortOrder | Unset):  Default:
            ListDynamicPoolDomainsSortOrder.ASCENDING.
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DynamicPoolDomainList | Error]
    """

    kwargs = _get_kwargs(
        limit=limit,
        account=account,
        pool=pool,
        sort_by=sort_by,
        sort_order=sort_order,
        x_mailgun_account_id=x_mailgun_account_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    account: list[str] | Unset = UNSET,
    pool: list[str] | Unset = UNSET,
    sort_by: ListDynamicPoolDomainsSortBy | Unset = ListDynamicPoolDomainsSortBy.NAME,
    sort_order: ListDynamicPoolDomainsSortOrder
    | Unset = ListDynamicPoolDomainsSortOrder.ASCENDING,
    x_mailgun_account_id: str | Unset = UNSET,
) -> DynamicPoolDomainList | Error | None:
    """List the domains enrolled in Dynamic IP Pools

     Covers the parent account and its subaccounts.

    Args:
        limit (int | Unset):
        account (list[str] | Unset):
        pool (list[str] | Unset):
        sort_by (ListDynamicPoolDomainsSortBy | Unset):  Default:
            ListDynamicPoolDomainsSortBy.NAME.
        sort_order (ListDynamicPoolDomainsSortOrder | Unset):  Default:
            ListDynamicPoolDomainsSortOrder.ASCENDING.
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DynamicPoolDomainList | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            account=account,
            pool=pool,
            sort_by=sort_by,
            sort_order=sort_order,
            x_mailgun_account_id=x_mailgun_account_id,
        )
    ).parsed

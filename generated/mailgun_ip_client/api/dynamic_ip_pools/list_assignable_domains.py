from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assignable_domain_list import AssignableDomainList
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    subaccount_id: str | Unset = UNSET,
    domain: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_mailgun_account_id, Unset):
        headers["X-Mailgun-Account-Id"] = x_mailgun_account_id

    if not isinstance(x_mailgun_requestor, Unset):
        headers["X-Mailgun-Requestor"] = x_mailgun_requestor

    if not isinstance(x_mailgun_requestor_client, Unset):
        headers["X-Mailgun-Requestor-Client"] = x_mailgun_requestor_client

    params: dict[str, Any] = {}

    params["subaccount_id"] = subaccount_id

    params["domain"] = domain

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/domains/dynamic_pools/assignable",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AssignableDomainList | Error | None:
    if response.status_code == 200:
        response_200 = AssignableDomainList.from_dict(response.json())

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
) -> Response[AssignableDomainList | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    subaccount_id: str | Unset = UNSET,
    domain: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> Response[AssignableDomainList | Error]:
    """List the domains not enrolled in Dynamic IP Pools

     The account's domains (or a subaccount's, with `subaccount_id`) that are not enrolled in Dynamic IP
    Pools, optionally filtered by a regular expression on the name.

    Args:
        subaccount_id (str | Unset):
        domain (str | Unset):
        x_mailgun_account_id (str | Unset):
        x_mailgun_requestor (str | Unset):
        x_mailgun_requestor_client (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssignableDomainList | Error]
    """

    kwargs = _get_kwargs(
        subaccount_id=subaccount_id,
        domain=domain,
        x_mailgun_account_id=x_mailgun_account_id,
        x_mailgun_requestor=x_mailgun_requestor,
        x_mailgun_requestor_client=x_mailgun_requestor_client,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    subaccount_id: str | Unset = UNSET,
    domain: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> AssignableDomainList | Error | None:
    """List the domains not enrolled in Dynamic IP Pools

     The account's domains (or a subaccount's, with `subaccount_id`) that are not enrolled in Dynamic IP
    Pools, optionally filtered by a regular expression on the name.

    Args:
        subaccount_id (str | Unset):
        domain (str | Unset):
        x_mailgun_account_id (str | Unset):
        x_mailgun_requestor (str | Unset):
        x_mailgun_requestor_client (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssignableDomainList | Error
    """

    return sync_detailed(
        client=client,
        subaccount_id=subaccount_id,
        domain=domain,
        x_mailgun_account_id=x_mailgun_account_id,
        x_mailgun_requestor=x_mailgun_requestor,
        x_mailgun_requestor_client=x_mailgun_requestor_client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    subaccount_id: str | Unset = UNSET,
    domain: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> Response[AssignableDomainList | Error]:
    """List the domains not enrolled in Dynamic IP Pools

     The account's domains (or a subaccount's, with `subaccount_id`) that are not enrolled in Dynamic IP
    Pools, optionally filtered by a regular expression on the name.

    Args:
        subaccount_id (str | Unset):
        domain (str | Unset):
        x_mailgun_account_id (str | Unset):
        x_mailgun_requestor (str | Unset):
        x_mailgun_requestor_client (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssignableDomainList | Error]
    """

    kwargs = _get_kwargs(
        subaccount_id=subaccount_id,
        domain=domain,
        x_mailgun_account_id=x_mailgun_account_id,
        x_mailgun_requestor=x_mailgun_requestor,
        x_mailgun_requestor_client=x_mailgun_requestor_client,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    subaccount_id: str | Unset = UNSET,
    domain: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> AssignableDomainList | Error | None:
    """List the domains not enrolled in Dynamic IP Pools

     The account's domains (or a subaccount's, with `subaccount_id`) that are not enrolled in Dynamic IP
    Pools, optionally filtered by a regular expression on the name.

    Args:
        subaccount_id (str | Unset):
        domain (str | Unset):
        x_mailgun_account_id (str | Unset):
        x_mailgun_requestor (str | Unset):
        x_mailgun_requestor_client (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssignableDomainList | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            subaccount_id=subaccount_id,
            domain=domain,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
    ).parsed

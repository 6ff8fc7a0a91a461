from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.message import Message
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    ip_path: str,
    *,
    ip_query: str | Unset = UNSET,
    pool_id: str | Unset = UNSET,
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

    params["ip"] = ip_query

    params["pool_id"] = pool_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v3/domains/{name}/ips/{ip_path}".format(
            name=quote(str(name), safe=""),
            ip_path=quote(str(ip_path), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Message | None:
    if response.status_code == 200:
        response_200 = Message.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | Message]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    ip_path: str,
    *,
    client: AuthenticatedClient | Client,
    ip_query: str | Unset = UNSET,
    pool_id: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> Response[Error | Message]:
    """Remove an IP from a domain, unlink its DIPP or remove its IP pool

     The path value selects the action: an IP address removes that IP from the domain, `all` removes the
    whole domain pool, `ip_pool` unlinks the DIPP linked to the domain. When unlinking, exactly one
    replacement is given: `ip` (an IP or `shared`) or `pool_id`.

    Args:
        name (str):
        ip_path (str):
        ip_query (str | Unset):
        pool_id (str | Unset):
        x_mailgun_account_id (str | Unset):
        x_mailgun_requestor (str | Unset):
        x_mailgun_requestor_client (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Message]
    """

    kwargs = _get_kwargs(
        name=name,
        ip_path=ip_path,
        ip_query=ip_query,
        pool_id=pool_id,
        x_mailgun_account_id=x_mailgun_account_id,
        x_mailgun_requestor=x_mailgun_requestor,
        x_mailgun_requestor_client=x_mailgun_requestor_client,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    ip_path: str,
    *,
    client: AuthenticatedClient | Client,
    ip_query: str | Unset = UNSET,
    pool_id: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> Error | Message | None:
    """Remove an IP from a domain, unlink its DIPP or remove its IP pool

     The path value selects the action: an IP address removes that IP from the domain, `all` removes the
    whole domain pool, `ip_pool` unlinks the DIPP linked to the domain. When unlinking, exactly one
    replacement is given: `ip` (an IP or `shared`) or `pool_id`.

    Args:
        name (str):
        ip_path (str):
        ip_query (str | Unset):
        pool_id (str | Unset):
        x_mailgun_account_id (str | Unset):
        x_mailgun_requestor (str | Unset):
        x_mailgun_requestor_client (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Message
    """

    return sync_detailed(
        name=name,
        ip_path=ip_path,
        client=client,
        ip_query=ip_query,
        pool_id=pool_id,
        x_mailgun_account_id=x_mailgun_account_id,
        x_mailgun_requestor=x_mailgun_requestor,
        x_mailgun_requestor_client=x_mailgun_requestor_client,
    ).parsed


async def asyncio_detailed(
    name: str,
    ip_path: str,
    *,
    client: AuthenticatedClient | Client,
    ip_query: str | Unset = UNSET,
    pool_id: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> Response[Error | Message]:
    """Remove an IP from a domain, unlink its DIPP or remove its IP pool

     The path value selects the action: an IP address removes that IP from the domain, `all` removes the
    whole domain pool, `ip_pool` unlinks the DIPP linked to the domain. When unlinking, exactly one
    replacement is given: `ip` (an IP or `shared`) or `pool_id`.

    Args:
        name (str):
        ip_path (str):
        ip_query (str | Unset):
        pool_id (str | Unset):
        x_mailgun_account_id (str | Unset):
        x_mailgun_requestor (str | Unset):
        x_mailgun_requestor_client (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Message]
    """

    kwargs = _get_kwargs(
        name=name,
        ip_path=ip_path,
        ip_query=ip_query,
        pool_id=pool_id,
        x_mailgun_account_id=x_mailgun_account_id,
        x_mailgun_requestor=x_mailgun_requestor,
        x_mailgun_requestor_client=x_mailgun_requestor_client,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    ip_path: str,
    *,
    client: AuthenticatedClient | Client,
    ip_query: str | Unset = UNSET,
    pool_id: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> Error | Message | None:
    """Remove an IP from a domain, unlink its DIPP or remove its IP pool

     The path value selects the action: an IP address removes that IP from the domain, `all` removes the
    whole domain pool, `ip_pool` unlinks the DIPP linked to the domain. When unlinking, exactly one
    replacement is given: `ip` (an IP or `shared`) or `pool_id`.

    Args:
        name (str):
        ip_path (str):
        ip_query (str | Unset):
        pool_id (str | Unset):
        x_mailgun_account_id (str | Unset):
        x_mailgun_requestor (str | Unset):
        x_mailgun_requestor_client (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Message
    """

    return (
        await asyncio_detailed(
            name=name,
            ip_path=ip_path,
            client=client,
            ip_query=ip_query,
            pool_id=pool_id,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
    ).parsed

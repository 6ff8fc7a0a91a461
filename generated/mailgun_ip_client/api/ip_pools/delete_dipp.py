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
    pool_id_path: str,
    *,
    ip: str | Unset = UNSET,
    pool_id_query: str | Unset = UNSET,
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

    params["ip"] = ip

    params["pool_id"] = pool_id_query

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v3/ip_pools/{pool_id_path}".format(
            pool_id_path=quote(str(pool_id_path), safe=""),
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
    pool_id_path: str,
    *,
    client: AuthenticatedClient | Client,
    ip: str | Unset = UNSET,
    pool_id_query: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> Response[Error | Message]:
    """Delete a DIPP

     Needs the DIPPs feature; an inherited DIPP cannot be deleted. Domains linked to the DIPP are
    relinked to the replacement DIPP (`pool_id`) or get the replacement IP (`ip`, or `shared`); both may
    be omitted only when the DIPP has no IPs. Affected domains and subaccounts are updated after the
    response.

    Args:
        pool_id_path (str):
        ip (str | Unset):
        pool_id_query (str | Unset):
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
        pool_id_path=pool_id_path,
        ip=ip,
        pool_id_query=pool_id_query,
        x_mailgun_account_id=x_mailgun_account_id,
        x_mailgun_requestor=x_mailgun_requestor,
        x_mailgun_requestor_client=x_mailgun_requestor_client,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pool_id_path: str,
    *,
    client: AuthenticatedClient | Client,
    ip: str | Unset = UNSET,
    pool_id_query: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> Error | Message | None:
    """Delete a DIPP

     Needs the DIPPs feature; an inherited DIPP cannot be deleted. Domains linked to the DIPP are
    relinked to the replacement DIPP (`pool_id`) or get the replacement IP (`ip`, or `shared`); both may
    be omitted only when the DIPP has no IPs. Affected domains and subaccounts are updated after the
    response.

    Args:
        pool_id_path (str):
        ip (str | Unset):
        pool_id_query (str | Unset):
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
        pool_id_path=pool_id_path,
        client=client,
        ip=ip,
        pool_id_query=pool_id_query,
        x_mailgun_account_id=x_mailgun_account_id,
        x_mailgun_requestor=x_mailgun_requestor,
        x_mailgun_requestor_client=x_mailgun_requestor_client,
    ).parsed


async def asyncio_detailed(
    pool_id_path: str,
    *,
    client: AuthenticatedClient | Client,
    ip: str | Unset = UNSET,
    pool_id_query: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> Response[Error | Message]:
    """Delete a DIPP

     Needs the DIPPs feature; an inherited DIPP cannot be deleted. Domains linked to the DIPP are
    relinked to the replacement DIPP (`pool_id`) or get the replacement IP (`ip`, or `shared`); both may
    be omitted only when the DIPP has no IPs. Affected domains and subaccounts are updated after the
    response.

    Args:
        pool_id_path (str):
        ip (str | Unset):
        pool_id_query (str | Unset):
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
        pool_id_path=pool_id_path,
        ip=ip,
        pool_id_query=pool_id_query,
        x_mailgun_account_id=x_mailgun_account_id,
        x_mailgun_requestor=x_mailgun_requestor,
        x_mailgun_requestor_client=x_mailgun_requestor_client,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pool_id_path: str,
    *,
    client: AuthenticatedClient | Client,
    ip: str | Unset = UNSET,
    pool_id_query: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> Error | Message | None:
    """Delete a DIPP

     Needs the DIPPs feature; an inherited DIPP cannot be deleted. Domains linked to the DIPP are
    relinked to the replacement DIPP (`pool_id`) or get the replacement IP (`ip`, or `shared`); both may
    be omitted only when the DIPP has no IPs. Affected domains and subaccounts are updated after the
    response.

    Args:
        pool_id_path (str):
        ip (str | Unset):
        pool_id_query (str | Unset):
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
            pool_id_path=pool_id_path,
            client=client,
            ip=ip,
            pool_id_query=pool_id_query,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
    ).parsed

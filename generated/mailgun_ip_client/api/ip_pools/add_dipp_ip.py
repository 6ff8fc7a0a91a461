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
    pool_id: str,
    ip: str,
    *,
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

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v3/ip_pools/{pool_id}/ips/{ip}".format(
            pool_id=quote(str(pool_id), safe=""),
            ip=quote(str(ip), safe=""),
        ),
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
    pool_id: str,
    ip: str,
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> Response[Error | Message]:
    """Add an IP to a DIPP

     Needs the DIPPs feature; an inherited DIPP cannot be modified. The IP must be a dedicated IP of the
    account that is in no other DIPP. Linked domains and delegated subaccounts get the IP after the
    response.

    Args:
        pool_id (str):
        ip (str):
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
        pool_id=pool_id,
        ip=ip,
        x_mailgun_account_id=x_mailgun_account_id,
        x_mailgun_requestor=x_mailgun_requestor,
        x_mailgun_requestor_client=x_mailgun_requestor_client,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pool_id: str,
    ip: str,
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> Error | Message | None:
    """Add an IP to a DIPP

     Needs the DIPPs feature; an inherited DIPP cannot be modified. The IP must be a dedicated IP of the
    account that is in no other DIPP. Linked domains and delegated subaccounts get the IP after the
    response.

    Args:
        pool_id (str):
        ip (str):
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
        pool_id=pool_id,
        ip=ip,
        client=client,
        x_mailgun_account_id=x_mailgun_account_id,
        x_mailgun_requestor=x_mailgun_requestor,
        x_mailgun_requestor_client=x_mailgun_requestor_client,
    ).parsed


async def asyncio_detailed(
    pool_id: str,
    ip: str,
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> Response[Error | Message]:
    """Add an IP to a DIPP

     Needs the DIPPs feature; an inherited DIPP cannot be modified. The IP must be a dedicated IP of the
    account that is in no other DIPP. Linked domains and delegated subaccounts get the IP after the
    response.

    Args:
        pool_id (str):
        ip (str):
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
        pool_id=pool_id,
        ip=ip,
        x_mailgun_account_id=x_mailgun_account_id,
        x_mailgun_requestor=x_mailgun_requestor,
        x_mailgun_requestor_client=x_mailgun_requestor_client,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pool_id: str,
    ip: str,
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
    x_mailgun_requestor: str | Unset = UNSET,
    x_mailgun_requestor_client: str | Unset = UNSET,
) -> Error | Message | None:
    """Add an IP to a DIPP

     Needs the DIPPs feature; an inherited DIPP cannot be modified. The IP must be a dedicated IP of the
    account that is in no other DIPP. Linked domains and delegated subaccounts get the IP after the
    response.

    Args:
        pool_id (str):
        ip (str):
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
            pool_id=pool_id,
            ip=ip,
            client=client,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
    ).parsed

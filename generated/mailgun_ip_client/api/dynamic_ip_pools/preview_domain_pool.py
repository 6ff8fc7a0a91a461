from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.domain_preview import DomainPreview
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    *,
    x_mailgun_account_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_mailgun_account_id, Unset):
        headers["X-Mailgun-Account-Id"] = x_mailgun_account_id

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/dynamic_pools/domains/{name}/preview".format(
            name=quote(str(name), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DomainPreview | Error | None:
    if response.status_code == 200:
        response_200 = DomainPreview.from_dict(response.json())

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
) -> Response[DomainPreview | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Response[DomainPreview | Error]:
    """Preview which dynamic pool a domain would be placed in

     Runs a health check for the domain and reports the result; it neither enrolls the domain nor sets
    its band.

    Args:
        name (str):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DomainPreview | Error]
    """

    kwargs = _get_kwargs(
        name=name,
        x_mailgun_account_id=x_mailgun_account_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
) -> DomainPreview | Error | None:
    """Preview which dynamic pool a domain would be placed in

     Runs a health check for the domain and reports the result; it neither enrolls the domain nor sets
    its band.

    Args:
        name (str):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DomainPreview | Error
    """

    return sync_detailed(
        name=name,
        client=client,
        x_mailgun_account_id=x_mailgun_account_id,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Response[DomainPreview | Error]:
    """Preview which dynamic pool a domain would be placed in

     Runs a health check for the domain and reports the result; it neither enrolls the domain nor sets
    its band.

    Args:
        name (str):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DomainPreview | Error]
    """

    kwargs = _get_kwargs(
        name=name,
        x_mailgun_account_id=x_mailgun_account_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    x_mailgun_account_id: str | Unset = UNSET,
) -> DomainPreview | Error | None:
    """Preview which dynamic pool a domain would be placed in

     Runs a health check for the domain and reports the result; it neither enrolls the domain nor sets
    its band.

    Args:
        name (str):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DomainPreview | Error
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            x_mailgun_account_id=x_mailgun_account_id,
        )
    ).parsed

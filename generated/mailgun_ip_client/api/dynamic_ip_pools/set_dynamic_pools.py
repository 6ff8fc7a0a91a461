from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dynamic_pool_ips import DynamicPoolIps
from ...models.error import Error
from ...models.set_dynamic_pools_form import SetDynamicPoolsForm
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: SetDynamicPoolsForm,
    x_mailgun_account_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_mailgun_account_id, Unset):
        headers["X-Mailgun-Account-Id"] = x_mailgun_account_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/dynamic_pools/all",
    }

    _kwargs["files"] = body.to_multipart()

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DynamicPoolIps | Error | None:
    if response.status_code == 200:
        response_200 = DynamicPoolIps.from_dict(response.json())

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
) -> Response[DynamicPoolIps | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SetDynamicPoolsForm,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Response[DynamicPoolIps | Error]:
    """Set the IPs of every dynamic pool

     Replaces the IPs of all dynamic pools. Every IP must be a dedicated IP of the account, and every
    pool must keep at least one IP that is not warming up.

    Args:
        x_mailgun_account_id (str | Unset):
        body (SetDynamicPoolsForm):
        body (SetDynamicPoolsForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DynamicPoolIps | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        x_mailgun_account_id=x_mailgun_account_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: SetDynamicPoolsForm,
    x_mailgun_account_id: str | Unset = UNSET,
) -> DynamicPoolIps | Error | None:
    """Set the IPs of every dynamic pool

     Replaces the IPs of all dynamic pools. Every IP must be a dedicated IP of the account, and every
    pool must keep at least one IP that is not warming up.

    Args:
        x_mailgun_account_id (str | Unset):
        body (SetDynamicPoolsForm):
        body (SetDynamicPoolsForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DynamicPoolIps | Error
    """

    return sync_detailed(
        client=client,
        body=body,
        x_mailgun_account_id=x_mailgun_account_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SetDynamicPoolsForm,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Response[DynamicPoolIps | Error]:
    """Set the IPs of every dynamic pool

     Replaces the IPs of all dynamic pools. Every IP must be a dedicated IP of the account, and every
    pool must keep at least one IP that is not warming up.

    Args:
        x_mailgun_account_id (str | Unset):
        body (SetDynamicPoolsForm):
        body (SetDynamicPoolsForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DynamicPoolIps | Error]
    """

    kwargs = _get_kwargs(
        body=body,
        x_mailgun_account_id=x_mailgun_account_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SetDynamicPoolsForm,
    x_mailgun_account_id: str | Unset = UNSET,
) -> DynamicPoolIps | Error | None:
    """Set the IPs of every dynamic pool

     Replaces the IPs of all dynamic pools. Every IP must be a dedicated IP of the account, and every
    pool must keep at least one IP that is not warming up.

    Args:
        x_mailgun_account_id (str | Unset):
        body (SetDynamicPoolsForm):
        body (SetDynamicPoolsForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DynamicPoolIps | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_mailgun_account_id=x_mailgun_account_id,
        )
    ).parsed

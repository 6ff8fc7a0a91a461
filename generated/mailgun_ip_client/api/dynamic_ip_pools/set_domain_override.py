from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.invalid_parameter import InvalidParameter
from ...models.message import Message
from ...models.override_form import OverrideForm
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    *,
    body: OverrideForm,
    x_mailgun_account_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_mailgun_account_id, Unset):
        headers["X-Mailgun-Account-Id"] = x_mailgun_account_id

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/dynamic_pools/domains/{name}/override".format(
            name=quote(str(name), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Error | InvalidParameter | Message | None:
    if response.status_code == 200:
        response_200 = Message.from_dict(response.json())

        return response_200

    if response.status_code == 400:

        def _parse_response_400(data: object) -> Error | InvalidParameter:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_400_type_0 = Error.from_dict(data)

                return response_400_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_400_type_1 = InvalidParameter.from_dict(data)

            return response_400_type_1

        response_400 = _parse_response_400(response.json())

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
) -> Response[Error | Error | InvalidParameter | Message]:
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
    body: OverrideForm,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Response[Error | Error | InvalidParameter | Message]:
    """Pin a domain to a dynamic pool

     While the override is present, health checks do not move the domain.

    Args:
        name (str):
        x_mailgun_account_id (str | Unset):
        body (OverrideForm):
        body (OverrideForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Error | InvalidParameter | Message]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
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
    body: OverrideForm,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Error | Error | InvalidParameter | Message | None:
    """Pin a domain to a dynamic pool

     While the override is present, health checks do not move the domain.

    Args:
        name (str):
        x_mailgun_account_id (str | Unset):
        body (OverrideForm):
        body (OverrideForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Error | InvalidParameter | Message
    """

    return sync_detailed(
        name=name,
        client=client,
        body=body,
        x_mailgun_account_id=x_mailgun_account_id,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: OverrideForm,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Response[Error | Error | InvalidParameter | Message]:
    """Pin a domain to a dynamic pool

     While the override is present, health checks do not move the domain.

    Args:
        name (str):
        x_mailgun_account_id (str | Unset):
        body (OverrideForm):
        body (OverrideForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Error | InvalidParameter | Message]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
        x_mailgun_account_id=x_mailgun_account_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: OverrideForm,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Error | Error | InvalidParameter | Message | None:
    """Pin a domain to a dynamic pool

     While the override is present, health checks do not move the domain.

    Args:
        name (str):
        x_mailgun_account_id (str | Unset):
        body (OverrideForm):
        body (OverrideForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Error | InvalidParameter | Message
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            body=body,
            x_mailgun_account_id=x_mailgun_account_id,
        )
    ).parsed

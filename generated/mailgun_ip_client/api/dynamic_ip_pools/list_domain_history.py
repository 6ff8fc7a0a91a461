from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.history_record import HistoryRecord
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
        "url": "/v1/dynamic_pools/domains/{name}/history".format(
            name=quote(str(name), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | list[HistoryRecord] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = HistoryRecord.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Error | list[HistoryRecord]]:
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
) -> Response[Error | list[HistoryRecord]]:
    """List a domain's dynamic pool history

     The domain's history records: its moves between dynamic pools. The documentation's schema and sample
    show one record; the answer is the list of them (see x-mgip-curation).

    Args:
        name (str):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[HistoryRecord]]
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
) -> Error | list[HistoryRecord] | None:
    """List a domain's dynamic pool history

     The domain's history records: its moves between dynamic pools. The documentation's schema and sample
    show one record; the answer is the list of them (see x-mgip-curation).

    Args:
        name (str):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[HistoryRecord]
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
) -> Response[Error | list[HistoryRecord]]:
    """List a domain's dynamic pool history

     The domain's history records: its moves between dynamic pools. The documentation's schema and sample
    show one record; the answer is the list of them (see x-mgip-curation).

    Args:
        name (str):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[HistoryRecord]]
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
) -> Error | list[HistoryRecord] | None:
    """List a domain's dynamic pool history

     The domain's history records: its moves between dynamic pools. The documentation's schema and sample
    show one record; the answer is the list of them (see x-mgip-curation).

    Args:
        name (str):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[HistoryRecord]
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            x_mailgun_account_id=x_mailgun_account_id,
        )
    ).parsed

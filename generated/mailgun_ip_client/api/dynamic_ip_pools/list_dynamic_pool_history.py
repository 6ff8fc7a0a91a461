from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.history_list import HistoryList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    include_subaccounts: bool | Unset = UNSET,
    domain: str | Unset = UNSET,
    before: str | Unset = UNSET,
    after: str | Unset = UNSET,
    moved_to: str | Unset = UNSET,
    moved_from: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_mailgun_account_id, Unset):
        headers["X-Mailgun-Account-Id"] = x_mailgun_account_id

    params: dict[str, Any] = {}

    params["Limit"] = limit

    params["include_subaccounts"] = include_subaccounts

    params["domain"] = domain

    params["before"] = before

    params["after"] = after

    params["moved_to"] = moved_to

    params["moved_from"] = moved_from

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/dynamic_pools/history",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | HistoryList | None:
    if response.status_code == 200:
        response_200 = HistoryList.from_dict(response.json())

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
) -> Response[Error | HistoryList]:
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
    include_subaccounts: bool | Unset = UNSET,
    domain: str | Unset = UNSET,
    before: str | Unset = UNSET,
    after: str | Unset = UNSET,
    moved_to: str | Unset = UNSET,
    moved_from: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Response[Error | HistoryList]:
    """List the dynamic pool history of the account

     History records of every enrolled domain of the parent account and, on request, its subaccounts.

    Args:
        limit (int | Unset):
        include_subaccounts (bool | Unset):
        domain (str | Unset):
        before (str | Unset): A time as in `Mon, 02 Jan 2006 15:04:05 MST`: an RFC 1123 date (RFC
            822 section 5 as RFC 1123 section 5.2.14 amends it), with the zone as a name (`MST`,
            `GMT`) or as an offset (`-0700`, `+0000`; send the `+` percent-encoded, `%2B`). Day names,
            month names and zone names are case-independent; the day of the week and the seconds may
            be left out, the day may have one digit and the year two to four. A zone name with no
            known offset counts as UTC. The pattern checks the syntax; a date that does not exist (31
            Feb, 25:00) is refused by the server. Example: Mon, 02 Jan 2006 15:04:05 MST.
        after (str | Unset): A time as in `Mon, 02 Jan 2006 15:04:05 MST`: an RFC 1123 date (RFC
            822 section 5 as RFC 1123 section 5.2.14 amends it), with the zone as a name (`MST`,
            `GMT`) or as an offset (`-0700`, `+0000`; send the `+` percent-encoded, `%2B`). Day names,
            month names and zone names are case-independent; the day of the week and the seconds may
            be left out, the day may have one digit and the year two to four. A zone name with no
            known offset counts as UTC. The pattern checks the syntax; a date that does not exist (31
            Feb, 25:00) is refused by the server. Example: Mon, 02 Jan 2006 15:04:05 MST.
        moved_to (str | Unset):
        moved_from (str | Unset):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | HistoryList]
    """

    kwargs = _get_kwargs(
        limit=limit,
        include_subaccounts=include_subaccounts,
        domain=domain,
        before=before,
        after=after,
        moved_to=moved_to,
        moved_from=moved_from,
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
    include_subaccounts: bool | Unset = UNSET,
    domain: str | Unset = UNSET,
    before: str | Unset = UNSET,
    after: str | Unset = UNSET,
    moved_to: str | Unset = UNSET,
    moved_from: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Error | HistoryList | None:
    """List the dynamic pool history of the account

     History records of every enrolled domain of the parent account and, on request, its subaccounts.

    Args:
        limit (int | Unset):
        include_subaccounts (bool | Unset):
        domain (str | Unset):
        before (str | Unset): A time as in `Mon, 02 Jan 2006 15:04:05 MST`: an RFC 1123 date (RFC
            822 section 5 as RFC 1123 section 5.2.14 amends it), with the zone as a name (`MST`,
            `GMT`) or as an offset (`-0700`, `+0000`; send the `+` percent-encoded, `%2B`). Day names,
            month names and zone names are case-independent; the day of the week and the seconds may
            be left out, the day may have one digit and the year two to four. A zone name with no
            known offset counts as UTC. The pattern checks the syntax; a date that does not exist (31
            Feb, 25:00) is refused by the server. Example: Mon, 02 Jan 2006 15:04:05 MST.
        after (str | Unset): A time as in `Mon, 02 Jan 2006 15:04:05 MST`: an RFC 1123 date (RFC
            822 section 5 as RFC 1123 section 5.2.14 amends it), with the zone as a name (`MST`,
            `GMT`) or as an offset (`-0700`, `+0000`; send the `+` percent-encoded, `%2B`). Day names,
            month names and zone names are case-independent; the day of the week and the seconds may
            be left out, the day may have one digit and the year two to four. A zone name with no
            known offset counts as UTC. The pattern checks the syntax; a date that does not exist (31
            Feb, 25:00) is refused by the server. Example: Mon, 02 Jan 2006 15:04:05 MST.
        moved_to (str | Unset):
        moved_from (str | Unset):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | HistoryList
    """

    return sync_detailed(
        client=client,
        limit=limit,
        include_subaccounts=include_subaccounts,
        domain=domain,
        before=before,
        after=after,
        moved_to=moved_to,
        moved_from=moved_from,
        x_mailgun_account_id=x_mailgun_account_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    include_subaccounts: bool | Unset = UNSET,
    domain: str | Unset = UNSET,
    before: str | Unset = UNSET,
    after: str | Unset = UNSET,
    moved_to: str | Unset = UNSET,
    moved_from: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Response[Error | HistoryList]:
    """List the dynamic pool history of the account

     History records of every enrolled domain of the parent account and, on request, its subaccounts.

    Args:
        limit (int | Unset):
        include_subaccounts (bool | Unset):
        domain (str | Unset):
        before (str | Unset): A time as in `Mon, 02 Jan 2006 15:04:05 MST`: an RFC 1123 date (RFC
            822 section 5 as RFC 1123 section 5.2.14 amends it), with the zone as a name (`MST`,
            `GMT`) or as an offset (`-0700`, `+0000`; send the `+` percent-encoded, `%2B`). Day names,
            month names and zone names are case-independent; the day of the week and the seconds may
            be left out, the day may have one digit and the year two to four. A zone name with no
            known offset counts as UTC. The pattern checks the syntax; a date that does not exist (31
            Feb, 25:00) is refused by the server. Example: Mon, 02 Jan 2006 15:04:05 MST.
        after (str | Unset): A time as in `Mon, 02 Jan 2006 15:04:05 MST`: an RFC 1123 date (RFC
            822 section 5 as RFC 1123 section 5.2.14 amends it), with the zone as a name (`MST`,
            `GMT`) or as an offset (`-0700`, `+0000`; send the `+` percent-encoded, `%2B`). Day names,
            month names and zone names are case-independent; the day of the week and the seconds may
            be left out, the day may have one digit and the year two to four. A zone name with no
            known offset counts as UTC. The pattern checks the syntax; a date that does not exist (31
            Feb, 25:00) is refused by the server. Example: Mon, 02 Jan 2006 15:04:05 MST.
        moved_to (str | Unset):
        moved_from (str | Unset):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | HistoryList]
    """

    kwargs = _get_kwargs(
        limit=limit,
        include_subaccounts=include_subaccounts,
        domain=domain,
        before=before,
        after=after,
        moved_to=moved_to,
        moved_from=moved_from,
        x_mailgun_account_id=x_mailgun_account_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = UNSET,
    include_subaccounts: bool | Unset = UNSET,
    domain: str | Unset = UNSET,
    before: str | Unset = UNSET,
    after: str | Unset = UNSET,
    moved_to: str | Unset = UNSET,
    moved_from: str | Unset = UNSET,
    x_mailgun_account_id: str | Unset = UNSET,
) -> Error | HistoryList | None:
    """List the dynamic pool history of the account

     History records of every enrolled domain of the parent account and, on request, its subaccounts.

    Args:
        limit (int | Unset):
        include_subaccounts (bool | Unset):
        domain (str | Unset):
        before (str | Unset): A time as in `Mon, 02 Jan 2006 15:04:05 MST`: an RFC 1123 date (RFC
            822 section 5 as RFC 1123 section 5.2.14 amends it), with the zone as a name (`MST`,
            `GMT`) or as an offset (`-0700`, `+0000`; send the `+` percent-encoded, `%2B`). Day names,
            month names and zone names are case-independent; the day of the week and the seconds may
            be left out, the day may have one digit and the year two to four. A zone name with no
            known offset counts as UTC. The pattern checks the syntax; a date that does not exist (31
            Feb, 25:00) is refused by the server. Example: Mon, 02 Jan 2006 15:04:05 MST.
        after (str | Unset): A time as in `Mon, 02 Jan 2006 15:04:05 MST`: an RFC 1123 date (RFC
            822 section 5 as RFC 1123 section 5.2.14 amends it), with the zone as a name (`MST`,
            `GMT`) or as an offset (`-0700`, `+0000`; send the `+` percent-encoded, `%2B`). Day names,
            month names and zone names are case-independent; the day of the week and the seconds may
            be left out, the day may have one digit and the year two to four. A zone name with no
            known offset counts as UTC. The pattern checks the syntax; a date that does not exist (31
            Feb, 25:00) is refused by the server. Example: Mon, 02 Jan 2006 15:04:05 MST.
        moved_to (str | Unset):
        moved_from (str | Unset):
        x_mailgun_account_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | HistoryList
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            include_subaccounts=include_subaccounts,
            domain=domain,
            before=before,
            after=after,
            moved_to=moved_to,
            moved_from=moved_from,
            x_mailgun_account_id=x_mailgun_account_id,
        )
    ).parsed

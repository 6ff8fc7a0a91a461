"""IP Pools: the generated functions, and the section facades `DippsSection` and `AsyncDippsSection`."""

from typing import Any, cast

from ...client import AuthenticatedClient
from ...errors import ensure_success
from ...models.add_dipp_ips_body import AddDippIpsBody
from ...models.create_dipp_form import CreateDippForm
from ...models.created_dipp import CreatedDipp
from ...models.dipp_details_response import DippDetailsResponse
from ...models.dipp_domain_page import DippDomainPage
from ...models.dipp_list import DippList
from ...models.edit_dipp_form import EditDippForm
from ...models.error import Error
from ...models.message import Message
from ...types import UNSET, Unset
from . import (
    add_dipp_ip,
    add_dipp_ips,
    create_dipp,
    delete_dipp,
    edit_dipp,
    get_dipp,
    list_dipp_domains,
    list_dipps,
    remove_dipp_ip,
)


class DippsSection:
    """IP Pools: Dedicated IP pools (DIPPs), named groups of dedicated IPs that domains link to."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def add_ip(
        self,
        pool_id: str,
        ip: str,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Add an IP to a DIPP (PUT /v3/ip_pools/{pool_id}/ips/{ip})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = add_dipp_ip.sync_detailed(
            client=self._client,
            pool_id=pool_id,
            ip=ip,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    def add_ips(
        self,
        pool_id: str,
        *,
        body: AddDippIpsBody,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Add several IPs to a DIPP (POST /v3/ip_pools/{pool_id}/ips.json)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = add_dipp_ips.sync_detailed(
            client=self._client,
            pool_id=pool_id,
            body=body,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    def create(
        self,
        *,
        body: CreateDippForm,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> CreatedDipp:
        """Create a DIPP (POST /v3/ip_pools)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = create_dipp.sync_detailed(
            client=self._client,
            body=body,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(CreatedDipp, ensure_success(response))

    def delete(
        self,
        pool_id_path: str,
        *,
        ip: str | Unset = UNSET,
        pool_id_query: str | Unset = UNSET,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Delete a DIPP (DELETE /v3/ip_pools/{pool_id_path})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = delete_dipp.sync_detailed(
            client=self._client,
            pool_id_path=pool_id_path,
            ip=ip,
            pool_id_query=pool_id_query,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    def edit(
        self,
        pool_id: str,
        *,
        body: EditDippForm,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Edit a DIPP (PATCH /v3/ip_pools/{pool_id})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = edit_dipp.sync_detailed(
            client=self._client,
            pool_id=pool_id,
            body=body,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    def get(
        self,
        pool_id: str,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> DippDetailsResponse:
        """Get a DIPP (GET /v3/ip_pools/{pool_id})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = get_dipp.sync_detailed(
            client=self._client,
            pool_id=pool_id,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(DippDetailsResponse, ensure_success(response))

    def list_domains(
        self,
        pool_id: str,
        *,
        limit: int | Unset = 10,
        page: str | Unset = UNSET,
    ) -> DippDomainPage:
        """List the domains linked to a DIPP (GET /v3/ip_pools/{pool_id}/domains)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = list_dipp_domains.sync_detailed(
            client=self._client,
            pool_id=pool_id,
            limit=limit,
            page=page,
        )
        return cast(DippDomainPage, ensure_success(response))

    def list_all(
        self,
    ) -> DippList:
        """List the account's DIPPs (GET /v3/ip_pools)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = list_dipps.sync_detailed(
            client=self._client,
        )
        return cast(DippList, ensure_success(response))

    def remove_ip(
        self,
        pool_id: str,
        ip: str,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Remove an IP from a DIPP (DELETE /v3/ip_pools/{pool_id}/ips/{ip})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = remove_dipp_ip.sync_detailed(
            client=self._client,
            pool_id=pool_id,
            ip=ip,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))


class AsyncDippsSection:
    """IP Pools (async): Dedicated IP pools (DIPPs), named groups of dedicated IPs that domains link to."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    async def add_ip(
        self,
        pool_id: str,
        ip: str,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Add an IP to a DIPP (PUT /v3/ip_pools/{pool_id}/ips/{ip})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await add_dipp_ip.asyncio_detailed(
            client=self._client,
            pool_id=pool_id,
            ip=ip,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    async def add_ips(
        self,
        pool_id: str,
        *,
        body: AddDippIpsBody,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Add several IPs to a DIPP (POST /v3/ip_pools/{pool_id}/ips.json)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await add_dipp_ips.asyncio_detailed(
            client=self._client,
            pool_id=pool_id,
            body=body,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    async def create(
        self,
        *,
        body: CreateDippForm,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> CreatedDipp:
        """Create a DIPP (POST /v3/ip_pools)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await create_dipp.asyncio_detailed(
            client=self._client,
            body=body,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(CreatedDipp, ensure_success(response))

    async def delete(
        self,
        pool_id_path: str,
        *,
        ip: str | Unset = UNSET,
        pool_id_query: str | Unset = UNSET,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Delete a DIPP (DELETE /v3/ip_pools/{pool_id_path})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await delete_dipp.asyncio_detailed(
            client=self._client,
            pool_id_path=pool_id_path,
            ip=ip,
            pool_id_query=pool_id_query,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    async def edit(
        self,
        pool_id: str,
        *,
        body: EditDippForm,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Edit a DIPP (PATCH /v3/ip_pools/{pool_id})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await edit_dipp.asyncio_detailed(
            client=self._client,
            pool_id=pool_id,
            body=body,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    async def get(
        self,
        pool_id: str,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> DippDetailsResponse:
        """Get a DIPP (GET /v3/ip_pools/{pool_id})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await get_dipp.asyncio_detailed(
            client=self._client,
            pool_id=pool_id,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(DippDetailsResponse, ensure_success(response))

    async def list_domains(
        self,
        pool_id: str,
        *,
        limit: int | Unset = 10,
        page: str | Unset = UNSET,
    ) -> DippDomainPage:
        """List the domains linked to a DIPP (GET /v3/ip_pools/{pool_id}/domains)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await list_dipp_domains.asyncio_detailed(
            client=self._client,
            pool_id=pool_id,
            limit=limit,
            page=page,
        )
        return cast(DippDomainPage, ensure_success(response))

    async def list_all(
        self,
    ) -> DippList:
        """List the account's DIPPs (GET /v3/ip_pools)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await list_dipps.asyncio_detailed(
            client=self._client,
        )
        return cast(DippList, ensure_success(response))

    async def remove_ip(
        self,
        pool_id: str,
        ip: str,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Remove an IP from a DIPP (DELETE /v3/ip_pools/{pool_id}/ips/{ip})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await remove_dipp_ip.asyncio_detailed(
            client=self._client,
            pool_id=pool_id,
            ip=ip,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

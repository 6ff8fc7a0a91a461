"""Dynamic IP Pools: the generated functions, and the section facades `DynamicPoolsSection` and `AsyncDynamicPoolsSection`."""

from typing import Any, cast

from ...client import AuthenticatedClient
from ...errors import ensure_success
from ...models.assignable_domain_list import AssignableDomainList
from ...models.domain_preview import DomainPreview
from ...models.dynamic_pool_domain_list import DynamicPoolDomainList
from ...models.dynamic_pool_ips import DynamicPoolIps
from ...models.dynamic_pool_list import DynamicPoolList
from ...models.error import Error
from ...models.history_list import HistoryList
from ...models.history_record import HistoryRecord
from ...models.invalid_parameter import InvalidParameter
from ...models.list_dynamic_pool_domains_sort_by import ListDynamicPoolDomainsSortBy
from ...models.list_dynamic_pool_domains_sort_order import (
    ListDynamicPoolDomainsSortOrder,
)
from ...models.message import Message
from ...models.override_form import OverrideForm
from ...models.set_dynamic_pools_form import SetDynamicPoolsForm
from ...models.update_dynamic_pool_form import UpdateDynamicPoolForm
from ...types import UNSET, Unset
from . import (
    add_dynamic_pool_ip,
    enroll_all_domains,
    enroll_domain,
    list_assignable_domains,
    list_domain_history,
    list_dynamic_pool_domains,
    list_dynamic_pool_history,
    list_dynamic_pools,
    preview_domain_pool,
    remove_domain_override,
    remove_dynamic_pools,
    set_domain_override,
    set_dynamic_pools,
    unenroll_domain,
    update_dynamic_pool,
)


class DynamicPoolsSection:
    """Dynamic IP Pools: Reputation-based pools of dedicated IPs; enrolled domains are moved between them by periodic health checks."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def add_ip(
        self,
        pool_name: str,
        ip: str,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> Message:
        """Add an IP to a dynamic pool (POST /v3/dynamic_pools/{pool_name}/{ip})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = add_dynamic_pool_ip.sync_detailed(
            client=self._client,
            pool_name=pool_name,
            ip=ip,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(Message, ensure_success(response))

    def enroll_all_domains(
        self,
        *,
        include_subaccounts: bool | Unset = False,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Enroll every domain of the account in Dynamic IP Pools (POST /v3/domains/all/dynamic_pools/enroll)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = enroll_all_domains.sync_detailed(
            client=self._client,
            include_subaccounts=include_subaccounts,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    def enroll_domain(
        self,
        name: str,
        *,
        replacement_ip: str | Unset = UNSET,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Enroll a domain in Dynamic IP Pools (POST /v3/domains/{name}/dynamic_pools)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = enroll_domain.sync_detailed(
            client=self._client,
            name=name,
            replacement_ip=replacement_ip,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    def list_assignable_domains(
        self,
        *,
        subaccount_id: str | Unset = UNSET,
        domain: str | Unset = UNSET,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> AssignableDomainList:
        """List the domains not enrolled in Dynamic IP Pools (GET /v3/domains/dynamic_pools/assignable)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = list_assignable_domains.sync_detailed(
            client=self._client,
            subaccount_id=subaccount_id,
            domain=domain,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(AssignableDomainList, ensure_success(response))

    def domain_history(
        self,
        name: str,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> list[HistoryRecord]:
        """List a domain's dynamic pool history (GET /v1/dynamic_pools/domains/{name}/history)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = list_domain_history.sync_detailed(
            client=self._client,
            name=name,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(list[HistoryRecord], ensure_success(response))

    def list_domains(
        self,
        *,
        limit: int | Unset = UNSET,
        account: list[str] | Unset = UNSET,
        pool: list[str] | Unset = UNSET,
        sort_by: ListDynamicPoolDomainsSortBy
        | Unset = ListDynamicPoolDomainsSortBy.NAME,
        sort_order: ListDynamicPoolDomainsSortOrder
        | Unset = ListDynamicPoolDomainsSortOrder.ASCENDING,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> DynamicPoolDomainList:
        """List the domains enrolled in Dynamic IP Pools (GET /v1/dynamic_pools/domains)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = list_dynamic_pool_domains.sync_detailed(
            client=self._client,
            limit=limit,
            account=account,
            pool=pool,
            sort_by=sort_by,
            sort_order=sort_order,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(DynamicPoolDomainList, ensure_success(response))

    def history(
        self,
        *,
        limit: int | Unset = UNSET,
        include_subaccounts: bool | Unset = UNSET,
        domain: str | Unset = UNSET,
        before: str | Unset = UNSET,
        after: str | Unset = UNSET,
        moved_to: str | Unset = UNSET,
        moved_from: str | Unset = UNSET,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> HistoryList:
        """List the dynamic pool history of the account (GET /v1/dynamic_pools/history)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = list_dynamic_pool_history.sync_detailed(
            client=self._client,
            limit=limit,
            include_subaccounts=include_subaccounts,
            domain=domain,
            before=before,
            after=after,
            moved_to=moved_to,
            moved_from=moved_from,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(HistoryList, ensure_success(response))

    def list_all(
        self,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> DynamicPoolList:
        """List the account's dynamic pools and their IPs (GET /v3/dynamic_pools)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = list_dynamic_pools.sync_detailed(
            client=self._client,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(DynamicPoolList, ensure_success(response))

    def preview_domain(
        self,
        name: str,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> DomainPreview:
        """Preview which dynamic pool a domain would be placed in (GET /v1/dynamic_pools/domains/{name}/preview)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = preview_domain_pool.sync_detailed(
            client=self._client,
            name=name,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(DomainPreview, ensure_success(response))

    def remove_override(
        self,
        name: str,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> Message:
        """Remove a domain's dynamic pool override (DELETE /v1/dynamic_pools/domains/{name}/override)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = remove_domain_override.sync_detailed(
            client=self._client,
            name=name,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(Message, ensure_success(response))

    def remove_all(
        self,
    ) -> Message:
        """Remove every dynamic pool (DELETE /v3/dynamic_pools/all)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = remove_dynamic_pools.sync_detailed(
            client=self._client,
        )
        return cast(Message, ensure_success(response))

    def set_override(
        self,
        name: str,
        *,
        body: OverrideForm,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> Message:
        """Pin a domain to a dynamic pool (PUT /v1/dynamic_pools/domains/{name}/override)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = set_domain_override.sync_detailed(
            client=self._client,
            name=name,
            body=body,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(Message, ensure_success(response))

    def set_all(
        self,
        *,
        body: SetDynamicPoolsForm,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> DynamicPoolIps:
        """Set the IPs of every dynamic pool (POST /v3/dynamic_pools/all)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = set_dynamic_pools.sync_detailed(
            client=self._client,
            body=body,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(DynamicPoolIps, ensure_success(response))

    def unenroll_domain(
        self,
        name: str,
        *,
        replacement_ip: list[str] | Unset = UNSET,
        replacement_pool_id: str | Unset = UNSET,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Remove a domain from Dynamic IP Pools (DELETE /v3/domains/{name}/dynamic_pools)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = unenroll_domain.sync_detailed(
            client=self._client,
            name=name,
            replacement_ip=replacement_ip,
            replacement_pool_id=replacement_pool_id,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    def update(
        self,
        pool_name: str,
        *,
        body: UpdateDynamicPoolForm,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> Message:
        """Add and remove IPs of a dynamic pool (PATCH /v3/dynamic_pools/{pool_name})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = update_dynamic_pool.sync_detailed(
            client=self._client,
            pool_name=pool_name,
            body=body,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(Message, ensure_success(response))


class AsyncDynamicPoolsSection:
    """Dynamic IP Pools (async): Reputation-based pools of dedicated IPs; enrolled domains are moved between them by periodic health checks."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    async def add_ip(
        self,
        pool_name: str,
        ip: str,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> Message:
        """Add an IP to a dynamic pool (POST /v3/dynamic_pools/{pool_name}/{ip})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await add_dynamic_pool_ip.asyncio_detailed(
            client=self._client,
            pool_name=pool_name,
            ip=ip,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(Message, ensure_success(response))

    async def enroll_all_domains(
        self,
        *,
        include_subaccounts: bool | Unset = False,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Enroll every domain of the account in Dynamic IP Pools (POST /v3/domains/all/dynamic_pools/enroll)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await enroll_all_domains.asyncio_detailed(
            client=self._client,
            include_subaccounts=include_subaccounts,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    async def enroll_domain(
        self,
        name: str,
        *,
        replacement_ip: str | Unset = UNSET,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Enroll a domain in Dynamic IP Pools (POST /v3/domains/{name}/dynamic_pools)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await enroll_domain.asyncio_detailed(
            client=self._client,
            name=name,
            replacement_ip=replacement_ip,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    async def list_assignable_domains(
        self,
        *,
        subaccount_id: str | Unset = UNSET,
        domain: str | Unset = UNSET,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> AssignableDomainList:
        """List the domains not enrolled in Dynamic IP Pools (GET /v3/domains/dynamic_pools/assignable)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await list_assignable_domains.asyncio_detailed(
            client=self._client,
            subaccount_id=subaccount_id,
            domain=domain,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(AssignableDomainList, ensure_success(response))

    async def domain_history(
        self,
        name: str,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> list[HistoryRecord]:
        """List a domain's dynamic pool history (GET /v1/dynamic_pools/domains/{name}/history)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await list_domain_history.asyncio_detailed(
            client=self._client,
            name=name,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(list[HistoryRecord], ensure_success(response))

    async def list_domains(
        self,
        *,
        limit: int | Unset = UNSET,
        account: list[str] | Unset = UNSET,
        pool: list[str] | Unset = UNSET,
        sort_by: ListDynamicPoolDomainsSortBy
        | Unset = ListDynamicPoolDomainsSortBy.NAME,
        sort_order: ListDynamicPoolDomainsSortOrder
        | Unset = ListDynamicPoolDomainsSortOrder.ASCENDING,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> DynamicPoolDomainList:
        """List the domains enrolled in Dynamic IP Pools (GET /v1/dynamic_pools/domains)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await list_dynamic_pool_domains.asyncio_detailed(
            client=self._client,
            limit=limit,
            account=account,
            pool=pool,
            sort_by=sort_by,
            sort_order=sort_order,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(DynamicPoolDomainList, ensure_success(response))

    async def history(
        self,
        *,
        limit: int | Unset = UNSET,
        include_subaccounts: bool | Unset = UNSET,
        domain: str | Unset = UNSET,
        before: str | Unset = UNSET,
        after: str | Unset = UNSET,
        moved_to: str | Unset = UNSET,
        moved_from: str | Unset = UNSET,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> HistoryList:
        """List the dynamic pool history of the account (GET /v1/dynamic_pools/history)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await list_dynamic_pool_history.asyncio_detailed(
            client=self._client,
            limit=limit,
            include_subaccounts=include_subaccounts,
            domain=domain,
            before=before,
            after=after,
            moved_to=moved_to,
            moved_from=moved_from,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(HistoryList, ensure_success(response))

    async def list_all(
        self,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> DynamicPoolList:
        """List the account's dynamic pools and their IPs (GET /v3/dynamic_pools)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await list_dynamic_pools.asyncio_detailed(
            client=self._client,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(DynamicPoolList, ensure_success(response))

    async def preview_domain(
        self,
        name: str,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> DomainPreview:
        """Preview which dynamic pool a domain would be placed in (GET /v1/dynamic_pools/domains/{name}/preview)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await preview_domain_pool.asyncio_detailed(
            client=self._client,
            name=name,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(DomainPreview, ensure_success(response))

    async def remove_override(
        self,
        name: str,
        *,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> Message:
        """Remove a domain's dynamic pool override (DELETE /v1/dynamic_pools/domains/{name}/override)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await remove_domain_override.asyncio_detailed(
            client=self._client,
            name=name,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(Message, ensure_success(response))

    async def remove_all(
        self,
    ) -> Message:
        """Remove every dynamic pool (DELETE /v3/dynamic_pools/all)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await remove_dynamic_pools.asyncio_detailed(
            client=self._client,
        )
        return cast(Message, ensure_success(response))

    async def set_override(
        self,
        name: str,
        *,
        body: OverrideForm,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> Message:
        """Pin a domain to a dynamic pool (PUT /v1/dynamic_pools/domains/{name}/override)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await set_domain_override.asyncio_detailed(
            client=self._client,
            name=name,
            body=body,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(Message, ensure_success(response))

    async def set_all(
        self,
        *,
        body: SetDynamicPoolsForm,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> DynamicPoolIps:
        """Set the IPs of every dynamic pool (POST /v3/dynamic_pools/all)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await set_dynamic_pools.asyncio_detailed(
            client=self._client,
            body=body,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(DynamicPoolIps, ensure_success(response))

    async def unenroll_domain(
        self,
        name: str,
        *,
        replacement_ip: list[str] | Unset = UNSET,
        replacement_pool_id: str | Unset = UNSET,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Remove a domain from Dynamic IP Pools (DELETE /v3/domains/{name}/dynamic_pools)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await unenroll_domain.asyncio_detailed(
            client=self._client,
            name=name,
            replacement_ip=replacement_ip,
            replacement_pool_id=replacement_pool_id,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    async def update(
        self,
        pool_name: str,
        *,
        body: UpdateDynamicPoolForm,
        x_mailgun_account_id: str | Unset = UNSET,
    ) -> Message:
        """Add and remove IPs of a dynamic pool (PATCH /v3/dynamic_pools/{pool_name})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await update_dynamic_pool.asyncio_detailed(
            client=self._client,
            pool_name=pool_name,
            body=body,
            x_mailgun_account_id=x_mailgun_account_id,
        )
        return cast(Message, ensure_success(response))

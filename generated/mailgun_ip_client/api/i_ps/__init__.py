"""IPs: the generated functions, and the section facades `IpsSection` and `AsyncIpsSection`."""

from typing import Any, cast

from ...client import AuthenticatedClient
from ...errors import ensure_success
from ...models.error import Error
from ...models.ip_band_form import IpBandForm
from ...models.ip_details import IpDetails
from ...models.ip_domain_list import IpDomainList
from ...models.ip_list import IpList
from ...models.message import Message
from ...models.new_ip_allowance import NewIpAllowance
from ...models.started_job import StartedJob
from ...types import UNSET, Unset
from . import (
    assign_ip_to_all_domains,
    get_ip,
    get_new_ip_allowance,
    list_ip_domains,
    list_ips,
    remove_domain_ip,
    remove_domain_pool_ip,
    remove_ip_from_all_domains,
    request_new_ip,
    set_ip_band,
)


class IpsSection:
    """IPs: The IP addresses of the account used for outbound sending, and their assignment to domains."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def assign_to_all_domains(
        self,
        ip: str,
    ) -> StartedJob:
        """Assign an IP to every domain of the account (POST /v3/ips/{ip}/domains)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = assign_ip_to_all_domains.sync_detailed(
            client=self._client,
            ip=ip,
        )
        return cast(StartedJob, ensure_success(response))

    def get(
        self,
        ip: str,
    ) -> IpDetails:
        """Get one of the account's IPs (GET /v3/ips/{ip})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = get_ip.sync_detailed(
            client=self._client,
            ip=ip,
        )
        return cast(IpDetails, ensure_success(response))

    def get_new_ip_allowance(
        self,
    ) -> NewIpAllowance:
        """How many new IPs the billing plan allows (GET /v3/ips/request/new)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = get_new_ip_allowance.sync_detailed(
            client=self._client,
        )
        return cast(NewIpAllowance, ensure_success(response))

    def list_domains(
        self,
        ip: str,
        *,
        limit: int | Unset = UNSET,
        search: str | Unset = UNSET,
        skip: int | Unset = UNSET,
    ) -> IpDomainList:
        """List the account's domains that use an IP (GET /v3/ips/{ip}/domains)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = list_ip_domains.sync_detailed(
            client=self._client,
            ip=ip,
            limit=limit,
            search=search,
            skip=skip,
        )
        return cast(IpDomainList, ensure_success(response))

    def list_all(
        self,
        *,
        dedicated: bool | Unset = UNSET,
        enabled: bool | Unset = UNSET,
    ) -> IpList:
        """List the account's IPs (GET /v3/ips)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = list_ips.sync_detailed(
            client=self._client,
            dedicated=dedicated,
            enabled=enabled,
        )
        return cast(IpList, ensure_success(response))

    def remove_domain_ip(
        self,
        name: str,
        ip_path: str,
        *,
        ip_query: str | Unset = UNSET,
        pool_id: str | Unset = UNSET,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Remove an IP from a domain, unlink its DIPP or remove its IP pool (DELETE /v3/domains/{name}/ips/{ip_path})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = remove_domain_ip.sync_detailed(
            client=self._client,
            name=name,
            ip_path=ip_path,
            ip_query=ip_query,
            pool_id=pool_id,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    def remove_domain_pool_ip(
        self,
        name: str,
        ip_path: str,
        *,
        ip_query: str | Unset = UNSET,
        pool_id: str | Unset = UNSET,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Same as removeDomainIp, under the /pool/ path (DELETE /v3/domains/{name}/pool/{ip_path})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = remove_domain_pool_ip.sync_detailed(
            client=self._client,
            name=name,
            ip_path=ip_path,
            ip_query=ip_query,
            pool_id=pool_id,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    def remove_from_all_domains(
        self,
        ip: str,
        *,
        alternative: str | Unset = UNSET,
    ) -> StartedJob:
        """Remove an IP from every domain of the account (DELETE /v3/ips/{ip}/domains)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = remove_ip_from_all_domains.sync_detailed(
            client=self._client,
            ip=ip,
            alternative=alternative,
        )
        return cast(StartedJob, ensure_success(response))

    def request_new(
        self,
    ) -> Message:
        """Add a new dedicated IP to the account (POST /v3/ips/request/new)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = request_new_ip.sync_detailed(
            client=self._client,
        )
        return cast(Message, ensure_success(response))

    def set_band(
        self,
        addr: str,
        *,
        body: IpBandForm,
    ) -> Message:
        """Place a dedicated IP into a dedicated IP band (POST /v3/ips/{addr}/ip_band)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = set_ip_band.sync_detailed(
            client=self._client,
            addr=addr,
            body=body,
        )
        return cast(Message, ensure_success(response))


class AsyncIpsSection:
    """IPs (async): The IP addresses of the account used for outbound sending, and their assignment to domains."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    async def assign_to_all_domains(
        self,
        ip: str,
    ) -> StartedJob:
        """Assign an IP to every domain of the account (POST /v3/ips/{ip}/domains)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await assign_ip_to_all_domains.asyncio_detailed(
            client=self._client,
            ip=ip,
        )
        return cast(StartedJob, ensure_success(response))

    async def get(
        self,
        ip: str,
    ) -> IpDetails:
        """Get one of the account's IPs (GET /v3/ips/{ip})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await get_ip.asyncio_detailed(
            client=self._client,
            ip=ip,
        )
        return cast(IpDetails, ensure_success(response))

    async def get_new_ip_allowance(
        self,
    ) -> NewIpAllowance:
        """How many new IPs the billing plan allows (GET /v3/ips/request/new)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await get_new_ip_allowance.asyncio_detailed(
            client=self._client,
        )
        return cast(NewIpAllowance, ensure_success(response))

    async def list_domains(
        self,
        ip: str,
        *,
        limit: int | Unset = UNSET,
        search: str | Unset = UNSET,
        skip: int | Unset = UNSET,
    ) -> IpDomainList:
        """List the account's domains that use an IP (GET /v3/ips/{ip}/domains)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await list_ip_domains.asyncio_detailed(
            client=self._client,
            ip=ip,
            limit=limit,
            search=search,
            skip=skip,
        )
        return cast(IpDomainList, ensure_success(response))

    async def list_all(
        self,
        *,
        dedicated: bool | Unset = UNSET,
        enabled: bool | Unset = UNSET,
    ) -> IpList:
        """List the account's IPs (GET /v3/ips)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await list_ips.asyncio_detailed(
            client=self._client,
            dedicated=dedicated,
            enabled=enabled,
        )
        return cast(IpList, ensure_success(response))

    async def remove_domain_ip(
        self,
        name: str,
        ip_path: str,
        *,
        ip_query: str | Unset = UNSET,
        pool_id: str | Unset = UNSET,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Remove an IP from a domain, unlink its DIPP or remove its IP pool (DELETE /v3/domains/{name}/ips/{ip_path})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await remove_domain_ip.asyncio_detailed(
            client=self._client,
            name=name,
            ip_path=ip_path,
            ip_query=ip_query,
            pool_id=pool_id,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    async def remove_domain_pool_ip(
        self,
        name: str,
        ip_path: str,
        *,
        ip_query: str | Unset = UNSET,
        pool_id: str | Unset = UNSET,
        x_mailgun_account_id: str | Unset = UNSET,
        x_mailgun_requestor: str | Unset = UNSET,
        x_mailgun_requestor_client: str | Unset = UNSET,
    ) -> Message:
        """Same as removeDomainIp, under the /pool/ path (DELETE /v3/domains/{name}/pool/{ip_path})

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await remove_domain_pool_ip.asyncio_detailed(
            client=self._client,
            name=name,
            ip_path=ip_path,
            ip_query=ip_query,
            pool_id=pool_id,
            x_mailgun_account_id=x_mailgun_account_id,
            x_mailgun_requestor=x_mailgun_requestor,
            x_mailgun_requestor_client=x_mailgun_requestor_client,
        )
        return cast(Message, ensure_success(response))

    async def remove_from_all_domains(
        self,
        ip: str,
        *,
        alternative: str | Unset = UNSET,
    ) -> StartedJob:
        """Remove an IP from every domain of the account (DELETE /v3/ips/{ip}/domains)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await remove_ip_from_all_domains.asyncio_detailed(
            client=self._client,
            ip=ip,
            alternative=alternative,
        )
        return cast(StartedJob, ensure_success(response))

    async def request_new(
        self,
    ) -> Message:
        """Add a new dedicated IP to the account (POST /v3/ips/request/new)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await request_new_ip.asyncio_detailed(
            client=self._client,
        )
        return cast(Message, ensure_success(response))

    async def set_band(
        self,
        addr: str,
        *,
        body: IpBandForm,
    ) -> Message:
        """Place a dedicated IP into a dedicated IP band (POST /v3/ips/{addr}/ip_band)

        Raises:
            ApiError: the server answered with a non-2xx status.
            httpx.TimeoutException: the server did not answer in time.
        """
        response = await set_ip_band.asyncio_detailed(
            client=self._client,
            addr=addr,
            body=body,
        )
        return cast(Message, ensure_success(response))

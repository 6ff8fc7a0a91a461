from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DynamicPoolDomain")


@_attrs_define
class DynamicPoolDomain:
    """
    Attributes:
        id (str):
        account_id (str):
        name (str):
        pool (str):
        account_name (str | Unset):
        registered_at (datetime.datetime | Unset):
        override (bool | Unset):
        bounce_rate (float | None | Unset):
        complaint_rate (float | None | Unset):
        processed_count (int | None | Unset):
    """

    id: str
    account_id: str
    name: str
    pool: str
    account_name: str | Unset = UNSET
    registered_at: datetime.datetime | Unset = UNSET
    override: bool | Unset = UNSET
    bounce_rate: float | None | Unset = UNSET
    complaint_rate: float | None | Unset = UNSET
    processed_count: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        account_id = self.account_id

        name = self.name

        pool = self.pool

        account_name = self.account_name

        registered_at: str | Unset = UNSET
        if not isinstance(self.registered_at, Unset):
            registered_at = self.registered_at.isoformat()

        override = self.override

        bounce_rate: float | None | Unset
        if isinstance(self.bounce_rate, Unset):
            bounce_rate = UNSET
        else:
            bounce_rate = self.bounce_rate

        complaint_rate: float | None | Unset
        if isinstance(self.complaint_rate, Unset):
            complaint_rate = UNSET
        else:
            complaint_rate = self.complaint_rate

        processed_count: int | None | Unset
        if isinstance(self.processed_count, Unset):
            processed_count = UNSET
        else:
            processed_count = self.processed_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "account_id": account_id,
                "name": name,
                "pool": pool,
            }
        )
        if account_name is not UNSET:
            field_dict["account_name"] = account_name
        if registered_at is not UNSET:
            field_dict["registered_at"] = registered_at
        if override is not UNSET:
            field_dict["override"] = override
        if bounce_rate is not UNSET:
            field_dict["bounce_rate"] = bounce_rate
        if complaint_rate is not UNSET:
            field_dict["complaint_rate"] = complaint_rate
        if processed_count is not UNSET:
            field_dict["processed_count"] = processed_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        account_id = d.pop("account_id")

        name = d.pop("name")

        pool = d.pop("pool")

        account_name = d.pop("account_name", UNSET)

        _registered_at = d.pop("registered_at", UNSET)
        registered_at: datetime.datetime | Unset
        if isinstance(_registered_at, Unset):
            registered_at = UNSET
        else:
            registered_at = datetime.datetime.fromisoformat(_registered_at)

        override = d.pop("override", UNSET)

        def _parse_bounce_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        bounce_rate = _parse_bounce_rate(d.pop("bounce_rate", UNSET))

        def _parse_complaint_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        complaint_rate = _parse_complaint_rate(d.pop("complaint_rate", UNSET))

        def _parse_processed_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        processed_count = _parse_processed_count(d.pop("processed_count", UNSET))

        dynamic_pool_domain = cls(
            id=id,
            account_id=account_id,
            name=name,
            pool=pool,
            account_name=account_name,
            registered_at=registered_at,
            override=override,
            bounce_rate=bounce_rate,
            complaint_rate=complaint_rate,
            processed_count=processed_count,
        )

        dynamic_pool_domain.additional_properties = d
        return dynamic_pool_domain

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="HistoryRecord")


@_attrs_define
class HistoryRecord:
    """
    Attributes:
        id (str):
        owning_account_id (str):
        account_id (str):
        domain_id (str):
        domain_name (str):
        new_band (str):
        prev_band (str):
        reason (str):
        bounce_rate (float | None):
        timestamp (datetime.datetime):
        account_name (str | Unset): The account's name. Optional: the account history samples have it, the domain
            history sample does not.
        complaint_rate (float | None | Unset):
        processed_count (int | None | Unset):
        initiated_by (str | Unset):
    """

    id: str
    owning_account_id: str
    account_id: str
    domain_id: str
    domain_name: str
    new_band: str
    prev_band: str
    reason: str
    bounce_rate: float | None
    timestamp: datetime.datetime
    account_name: str | Unset = UNSET
    complaint_rate: float | None | Unset = UNSET
    processed_count: int | None | Unset = UNSET
    initiated_by: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        owning_account_id = self.owning_account_id

        account_id = self.account_id

        domain_id = self.domain_id

        domain_name = self.domain_name

        new_band = self.new_band

        prev_band = self.prev_band

        reason = self.reason

        bounce_rate: float | None
        bounce_rate = self.bounce_rate

        timestamp = self.timestamp.isoformat()

        account_name = self.account_name

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

        initiated_by = self.initiated_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "owning_account_id": owning_account_id,
                "account_id": account_id,
                "domain_id": domain_id,
                "domain_name": domain_name,
                "new_band": new_band,
                "prev_band": prev_band,
                "reason": reason,
                "bounce_rate": bounce_rate,
                "timestamp": timestamp,
            }
        )
        if account_name is not UNSET:
            field_dict["account_name"] = account_name
        if complaint_rate is not UNSET:
            field_dict["complaint_rate"] = complaint_rate
        if processed_count is not UNSET:
            field_dict["processed_count"] = processed_count
        if initiated_by is not UNSET:
            field_dict["initiated_by"] = initiated_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        owning_account_id = d.pop("owning_account_id")

        account_id = d.pop("account_id")

        domain_id = d.pop("domain_id")

        domain_name = d.pop("domain_name")

        new_band = d.pop("new_band")

        prev_band = d.pop("prev_band")

        reason = d.pop("reason")

        def _parse_bounce_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        bounce_rate = _parse_bounce_rate(d.pop("bounce_rate"))

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        account_name = d.pop("account_name", UNSET)

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

        initiated_by = d.pop("initiated_by", UNSET)

        history_record = cls(
            id=id,
            owning_account_id=owning_account_id,
            account_id=account_id,
            domain_id=domain_id,
            domain_name=domain_name,
            new_band=new_band,
            prev_band=prev_band,
            reason=reason,
            bounce_rate=bounce_rate,
            timestamp=timestamp,
            account_name=account_name,
            complaint_rate=complaint_rate,
            processed_count=processed_count,
            initiated_by=initiated_by,
        )

        history_record.additional_properties = d
        return history_record

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

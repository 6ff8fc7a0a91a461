from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WarmupSummary")


@_attrs_define
class WarmupSummary:
    """
    Attributes:
        ip (str):
        sent_within_stage (str | Unset): Share of the stage volume sent, such as "25%".
        throttle (int | Unset):
        stage_number (int | Unset):
        stage_start_volume (int | Unset):
        stage_start_time (datetime.datetime | Unset):
        stage_volume_limit (int | Unset):
    """

    ip: str
    sent_within_stage: str | Unset = UNSET
    throttle: int | Unset = UNSET
    stage_number: int | Unset = UNSET
    stage_start_volume: int | Unset = UNSET
    stage_start_time: datetime.datetime | Unset = UNSET
    stage_volume_limit: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ip = self.ip

        sent_within_stage = self.sent_within_stage

        throttle = self.throttle

        stage_number = self.stage_number

        stage_start_volume = self.stage_start_volume

        stage_start_time: str | Unset = UNSET
        if not isinstance(self.stage_start_time, Unset):
            stage_start_time = self.stage_start_time.isoformat()

        stage_volume_limit = self.stage_volume_limit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ip": ip,
            }
        )
        if sent_within_stage is not UNSET:
            field_dict["sent_within_stage"] = sent_within_stage
        if throttle is not UNSET:
            field_dict["throttle"] = throttle
        if stage_number is not UNSET:
            field_dict["stage_number"] = stage_number
        if stage_start_volume is not UNSET:
            field_dict["stage_start_volume"] = stage_start_volume
        if stage_start_time is not UNSET:
            field_dict["stage_start_time"] = stage_start_time
        if stage_volume_limit is not UNSET:
            field_dict["stage_volume_limit"] = stage_volume_limit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ip = d.pop("ip")

        sent_within_stage = d.pop("sent_within_stage", UNSET)

        throttle = d.pop("throttle", UNSET)

        stage_number = d.pop("stage_number", UNSET)

        stage_start_volume = d.pop("stage_start_volume", UNSET)

        _stage_start_time = d.pop("stage_start_time", UNSET)
        stage_start_time: datetime.datetime | Unset
        if isinstance(_stage_start_time, Unset):
            stage_start_time = UNSET
        else:
            stage_start_time = datetime.datetime.fromisoformat(_stage_start_time)

        stage_volume_limit = d.pop("stage_volume_limit", UNSET)

        warmup_summary = cls(
            ip=ip,
            sent_within_stage=sent_within_stage,
            throttle=throttle,
            stage_number=stage_number,
            stage_start_volume=stage_start_volume,
            stage_start_time=stage_start_time,
            stage_volume_limit=stage_volume_limit,
        )

        warmup_summary.additional_properties = d
        return warmup_summary

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

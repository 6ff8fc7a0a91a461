from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.warmup_stage import WarmupStage


T = TypeVar("T", bound="WarmupDetails")


@_attrs_define
class WarmupDetails:
    """
    Attributes:
        stage (int):
        total_stages (int):
        sent_within_stage (str | Unset):
        throttle (int | Unset):
        start_volume (int | Unset):
        stage_limit (int | Unset):
        hourly_limit (int | Unset):
        stage_started_at (datetime.datetime | Unset):
        hour_started_at (datetime.datetime | Unset):
        plan_started_at (datetime.datetime | Unset):
        plan_last_updated_at (datetime.datetime | Unset):
        stage_history (list[WarmupStage] | Unset):
    """

    stage: int
    total_stages: int
    sent_within_stage: str | Unset = UNSET
    throttle: int | Unset = UNSET
    start_volume: int | Unset = UNSET
    stage_limit: int | Unset = UNSET
    hourly_limit: int | Unset = UNSET
    stage_started_at: datetime.datetime | Unset = UNSET
    hour_started_at: datetime.datetime | Unset = UNSET
    plan_started_at: datetime.datetime | Unset = UNSET
    plan_last_updated_at: datetime.datetime | Unset = UNSET
    stage_history: list[WarmupStage] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        stage = self.stage

        total_stages = self.total_stages

        sent_within_stage = self.sent_within_stage

        throttle = self.throttle

        start_volume = self.start_volume

        stage_limit = self.stage_limit

        hourly_limit = self.hourly_limit

        stage_started_at: str | Unset = UNSET
        if not isinstance(self.stage_started_at, Unset):
            stage_started_at = self.stage_started_at.isoformat()

        hour_started_at: str | Unset = UNSET
        if not isinstance(self.hour_started_at, Unset):
            hour_started_at = self.hour_started_at.isoformat()

        plan_started_at: str | Unset = UNSET
        if not isinstance(self.plan_started_at, Unset):
            plan_started_at = self.plan_started_at.isoformat()

        plan_last_updated_at: str | Unset = UNSET
        if not isinstance(self.plan_last_updated_at, Unset):
            plan_last_updated_at = self.plan_last_updated_at.isoformat()

        stage_history: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.stage_history, Unset):
            stage_history = []
            for stage_history_item_data in self.stage_history:
                stage_history_item = stage_history_item_data.to_dict()
                stage_history.append(stage_history_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "stage": stage,
                "total_stages": total_stages,
            }
        )
        if sent_within_stage is not UNSET:
            field_dict["sent_within_stage"] = sent_within_stage
        if throttle is not UNSET:
            field_dict["throttle"] = throttle
        if start_volume is not UNSET:
            field_dict["start_volume"] = start_volume
        if stage_limit is not UNSET:
            field_dict["stage_limit"] = stage_limit
        if hourly_limit is not UNSET:
            field_dict["hourly_limit"] = hourly_limit
        if stage_started_at is not UNSET:
            field_dict["stage_started_at"] = stage_started_at
        if hour_started_at is not UNSET:
            field_dict["hour_started_at"] = hour_started_at
        if plan_started_at is not UNSET:
            field_dict["plan_started_at"] = plan_started_at
        if plan_last_updated_at is not UNSET:
            field_dict["plan_last_updated_at"] = plan_last_updated_at
        if stage_history is not UNSET:
            field_dict["stage_history"] = stage_history

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.warmup_stage import WarmupStage  # noqa: PLC0415

        d = dict(src_dict)
        stage = d.pop("stage")

        total_stages = d.pop("total_stages")

        sent_within_stage = d.pop("sent_within_stage", UNSET)

        throttle = d.pop("throttle", UNSET)

        start_volume = d.pop("start_volume", UNSET)

        stage_limit = d.pop("stage_limit", UNSET)

        hourly_limit = d.pop("hourly_limit", UNSET)

        _stage_started_at = d.pop("stage_started_at", UNSET)
        stage_started_at: datetime.datetime | Unset
        if isinstance(_stage_started_at, Unset):
            stage_started_at = UNSET
        else:
            stage_started_at = datetime.datetime.fromisoformat(_stage_started_at)

        _hour_started_at = d.pop("hour_started_at", UNSET)
        hour_started_at: datetime.datetime | Unset
        if isinstance(_hour_started_at, Unset):
            hour_started_at = UNSET
        else:
            hour_started_at = datetime.datetime.fromisoformat(_hour_started_at)

        _plan_started_at = d.pop("plan_started_at", UNSET)
        plan_started_at: datetime.datetime | Unset
        if isinstance(_plan_started_at, Unset):
            plan_started_at = UNSET
        else:
            plan_started_at = datetime.datetime.fromisoformat(_plan_started_at)

        _plan_last_updated_at = d.pop("plan_last_updated_at", UNSET)
        plan_last_updated_at: datetime.datetime | Unset
        if isinstance(_plan_last_updated_at, Unset):
            plan_last_updated_at = UNSET
        else:
            plan_last_updated_at = datetime.datetime.fromisoformat(
                _plan_last_updated_at
            )

        _stage_history = d.pop("stage_history", UNSET)
        stage_history: list[WarmupStage] | Unset = UNSET
        if _stage_history is not UNSET:
            stage_history = []
            for stage_history_item_data in _stage_history:
                stage_history_item = WarmupStage.from_dict(stage_history_item_data)

                stage_history.append(stage_history_item)

        warmup_details = cls(
            stage=stage,
            total_stages=total_stages,
            sent_within_stage=sent_within_stage,
            throttle=throttle,
            start_volume=start_volume,
            stage_limit=stage_limit,
            hourly_limit=hourly_limit,
            stage_started_at=stage_started_at,
            hour_started_at=hour_started_at,
            plan_started_at=plan_started_at,
            plan_last_updated_at=plan_last_updated_at,
            stage_history=stage_history,
        )

        warmup_details.additional_properties = d
        return warmup_details

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

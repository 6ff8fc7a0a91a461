from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WarmupStage")


@_attrs_define
class WarmupStage:
    """
    Attributes:
        first_updated_at (datetime.datetime | Unset):
        completed_at (datetime.datetime | Unset):
        limit (int | Unset):
    """

    first_updated_at: datetime.datetime | Unset = UNSET
    completed_at: datetime.datetime | Unset = UNSET
    limit: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        first_updated_at: str | Unset = UNSET
        if not isinstance(self.first_updated_at, Unset):
            first_updated_at = self.first_updated_at.isoformat()

        completed_at: str | Unset = UNSET
        if not isinstance(self.completed_at, Unset):
            completed_at = self.completed_at.isoformat()

        limit = self.limit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if first_updated_at is not UNSET:
            field_dict["first_updated_at"] = first_updated_at
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if limit is not UNSET:
            field_dict["limit"] = limit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _first_updated_at = d.pop("first_updated_at", UNSET)
        first_updated_at: datetime.datetime | Unset
        if isinstance(_first_updated_at, Unset):
            first_updated_at = UNSET
        else:
            first_updated_at = datetime.datetime.fromisoformat(_first_updated_at)

        _completed_at = d.pop("completed_at", UNSET)
        completed_at: datetime.datetime | Unset
        if isinstance(_completed_at, Unset):
            completed_at = UNSET
        else:
            completed_at = datetime.datetime.fromisoformat(_completed_at)

        limit = d.pop("limit", UNSET)

        warmup_stage = cls(
            first_updated_at=first_updated_at,
            completed_at=completed_at,
            limit=limit,
        )

        warmup_stage.additional_properties = d
        return warmup_stage

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

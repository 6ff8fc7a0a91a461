from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="IpSummary")


@_attrs_define
class IpSummary:
    """
    Attributes:
        ip (str):
        is_on_warmup (bool | Unset): True for an IP on warm-up. The documented sample leaves the key out for an IP that
            is not on warm-up; false says the same.
    """

    ip: str
    is_on_warmup: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ip = self.ip

        is_on_warmup = self.is_on_warmup

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ip": ip,
            }
        )
        if is_on_warmup is not UNSET:
            field_dict["is_on_warmup"] = is_on_warmup

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ip = d.pop("ip")

        is_on_warmup = d.pop("is_on_warmup", UNSET)

        ip_summary = cls(
            ip=ip,
            is_on_warmup=is_on_warmup,
        )

        ip_summary.additional_properties = d
        return ip_summary

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

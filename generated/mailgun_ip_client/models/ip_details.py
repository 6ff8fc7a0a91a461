from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="IpDetails")


@_attrs_define
class IpDetails:
    """
    Attributes:
        ip (str):
        dedicated (bool):
        rdns (str | Unset):
    """

    ip: str
    dedicated: bool
    rdns: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ip = self.ip

        dedicated = self.dedicated

        rdns = self.rdns

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ip": ip,
                "dedicated": dedicated,
            }
        )
        if rdns is not UNSET:
            field_dict["rdns"] = rdns

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ip = d.pop("ip")

        dedicated = d.pop("dedicated")

        rdns = d.pop("rdns", UNSET)

        ip_details = cls(
            ip=ip,
            dedicated=dedicated,
            rdns=rdns,
        )

        ip_details.additional_properties = d
        return ip_details

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

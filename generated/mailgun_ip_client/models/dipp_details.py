from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DippDetails")


@_attrs_define
class DippDetails:
    """
    Attributes:
        pool_id (str):
        name (str):
        description (str):
        ips (list[str]):
        is_linked (bool):
        linked_domains (list[str] | Unset): The domains linked to the DIPP, when is_linked is true.
    """

    pool_id: str
    name: str
    description: str
    ips: list[str]
    is_linked: bool
    linked_domains: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pool_id = self.pool_id

        name = self.name

        description = self.description

        ips = self.ips

        is_linked = self.is_linked

        linked_domains: list[str] | Unset = UNSET
        if not isinstance(self.linked_domains, Unset):
            linked_domains = self.linked_domains

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pool_id": pool_id,
                "name": name,
                "description": description,
                "ips": ips,
                "is_linked": is_linked,
            }
        )
        if linked_domains is not UNSET:
            field_dict["linked_domains"] = linked_domains

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pool_id = d.pop("pool_id")

        name = d.pop("name")

        description = d.pop("description")

        ips = cast(list[str], d.pop("ips"))

        is_linked = d.pop("is_linked")

        linked_domains = cast(list[str], d.pop("linked_domains", UNSET))

        dipp_details = cls(
            pool_id=pool_id,
            name=name,
            description=description,
            ips=ips,
            is_linked=is_linked,
            linked_domains=linked_domains,
        )

        dipp_details.additional_properties = d
        return dipp_details

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

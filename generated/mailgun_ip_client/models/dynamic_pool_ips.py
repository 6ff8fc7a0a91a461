from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DynamicPoolIps")


@_attrs_define
class DynamicPoolIps:
    """The IPs of each dynamic pool, by the form field that sets them.

    Attributes:
        good_reputation (list[str]): The IPs of dynamic_good.
        poor_reputation (list[str]): The IPs of dynamic_poor.
        new_senders (list[str]): The IPs of dynamic_new.
    """

    good_reputation: list[str]
    poor_reputation: list[str]
    new_senders: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        good_reputation = self.good_reputation

        poor_reputation = self.poor_reputation

        new_senders = self.new_senders

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "good_reputation": good_reputation,
                "poor_reputation": poor_reputation,
                "new_senders": new_senders,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        good_reputation = cast(list[str], d.pop("good_reputation"))

        poor_reputation = cast(list[str], d.pop("poor_reputation"))

        new_senders = cast(list[str], d.pop("new_senders"))

        dynamic_pool_ips = cls(
            good_reputation=good_reputation,
            poor_reputation=poor_reputation,
            new_senders=new_senders,
        )

        dynamic_pool_ips.additional_properties = d
        return dynamic_pool_ips

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

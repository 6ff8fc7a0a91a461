from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="SetDynamicPoolsForm")


@_attrs_define
class SetDynamicPoolsForm:
    """
    Attributes:
        good_reputation (list[str]): IPs for dynamic_good; repeat the key for several.
        poor_reputation (list[str]): IPs for dynamic_poor; repeat the key for several.
        new_senders (list[str]): IPs for dynamic_new; repeat the key for several.
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

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        for good_reputation_item_element in self.good_reputation:
            files.append(
                (
                    "good_reputation",
                    (None, str(good_reputation_item_element).encode(), "text/plain"),
                )
            )

        for poor_reputation_item_element in self.poor_reputation:
            files.append(
                (
                    "poor_reputation",
                    (None, str(poor_reputation_item_element).encode(), "text/plain"),
                )
            )

        for new_senders_item_element in self.new_senders:
            files.append(
                (
                    "new_senders",
                    (None, str(new_senders_item_element).encode(), "text/plain"),
                )
            )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        good_reputation = cast(list[str], d.pop("good_reputation"))

        poor_reputation = cast(list[str], d.pop("poor_reputation"))

        new_senders = cast(list[str], d.pop("new_senders"))

        set_dynamic_pools_form = cls(
            good_reputation=good_reputation,
            poor_reputation=poor_reputation,
            new_senders=new_senders,
        )

        set_dynamic_pools_form.additional_properties = d
        return set_dynamic_pools_form

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

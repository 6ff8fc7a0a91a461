from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateDynamicPoolForm")


@_attrs_define
class UpdateDynamicPoolForm:
    """
    Attributes:
        add_ip (list[str] | Unset): IPs to add; repeat the key for several.
        remove_ip (list[str] | Unset): IPs to remove; repeat the key for several.
    """

    add_ip: list[str] | Unset = UNSET
    remove_ip: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        add_ip: list[str] | Unset = UNSET
        if not isinstance(self.add_ip, Unset):
            add_ip = self.add_ip

        remove_ip: list[str] | Unset = UNSET
        if not isinstance(self.remove_ip, Unset):
            remove_ip = self.remove_ip

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if add_ip is not UNSET:
            field_dict["add_ip"] = add_ip
        if remove_ip is not UNSET:
            field_dict["remove_ip"] = remove_ip

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        if not isinstance(self.add_ip, Unset):
            for add_ip_item_element in self.add_ip:
                files.append(
                    ("add_ip", (None, str(add_ip_item_element).encode(), "text/plain"))
                )

        if not isinstance(self.remove_ip, Unset):
            for remove_ip_item_element in self.remove_ip:
                files.append(
                    (
                        "remove_ip",
                        (None, str(remove_ip_item_element).encode(), "text/plain"),
                    )
                )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        add_ip = cast(list[str], d.pop("add_ip", UNSET))

        remove_ip = cast(list[str], d.pop("remove_ip", UNSET))

        update_dynamic_pool_form = cls(
            add_ip=add_ip,
            remove_ip=remove_ip,
        )

        update_dynamic_pool_form.additional_properties = d
        return update_dynamic_pool_form

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

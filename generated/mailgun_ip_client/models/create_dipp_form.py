from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateDippForm")


@_attrs_define
class CreateDippForm:
    """
    Attributes:
        name (str): Short name of the DIPP.
        description (str): Description of the DIPP.
        ip (list[str] | Unset): IPs to put into the DIPP; repeat the key for several.
    """

    name: str
    description: str
    ip: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        ip: list[str] | Unset = UNSET
        if not isinstance(self.ip, Unset):
            ip = self.ip

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "description": description,
            }
        )
        if ip is not UNSET:
            field_dict["ip"] = ip

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("name", (None, str(self.name).encode(), "text/plain")))

        files.append(
            ("description", (None, str(self.description).encode(), "text/plain"))
        )

        if not isinstance(self.ip, Unset):
            for ip_item_element in self.ip:
                files.append(
                    ("ip", (None, str(ip_item_element).encode(), "text/plain"))
                )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description")

        ip = cast(list[str], d.pop("ip", UNSET))

        create_dipp_form = cls(
            name=name,
            description=description,
            ip=ip,
        )

        create_dipp_form.additional_properties = d
        return create_dipp_form

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

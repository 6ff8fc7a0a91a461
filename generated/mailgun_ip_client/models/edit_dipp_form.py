from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="EditDippForm")


@_attrs_define
class EditDippForm:
    """
    Attributes:
        name (str | Unset): New short name.
        description (str | Unset): New description.
        add_ip (list[str] | Unset): IPs to add; repeat the key for several.
        remove_ip (list[str] | Unset): IPs to remove; repeat the key for several.
        link_domain (list[str] | Unset): Ids of domains to link; repeat the key for several.
        unlink_domain (list[str] | Unset): Ids of domains to unlink; repeat the key for several.
    """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    add_ip: list[str] | Unset = UNSET
    remove_ip: list[str] | Unset = UNSET
    link_domain: list[str] | Unset = UNSET
    unlink_domain: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        add_ip: list[str] | Unset = UNSET
        if not isinstance(self.add_ip, Unset):
            add_ip = self.add_ip

        remove_ip: list[str] | Unset = UNSET
        if not isinstance(self.remove_ip, Unset):
            remove_ip = self.remove_ip

        link_domain: list[str] | Unset = UNSET
        if not isinstance(self.link_domain, Unset):
            link_domain = self.link_domain

        unlink_domain: list[str] | Unset = UNSET
        if not isinstance(self.unlink_domain, Unset):
            unlink_domain = self.unlink_domain

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if add_ip is not UNSET:
            field_dict["add_ip"] = add_ip
        if remove_ip is not UNSET:
            field_dict["remove_ip"] = remove_ip
        if link_domain is not UNSET:
            field_dict["link_domain"] = link_domain
        if unlink_domain is not UNSET:
            field_dict["unlink_domain"] = unlink_domain

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        if not isinstance(self.name, Unset):
            files.append(("name", (None, str(self.name).encode(), "text/plain")))

        if not isinstance(self.description, Unset):
            files.append(
                ("description", (None, str(self.description).encode(), "text/plain"))
            )

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

        if not isinstance(self.link_domain, Unset):
            for link_domain_item_element in self.link_domain:
                files.append(
                    (
                        "link_domain",
                        (None, str(link_domain_item_element).encode(), "text/plain"),
                    )
                )

        if not isinstance(self.unlink_domain, Unset):
            for unlink_domain_item_element in self.unlink_domain:
                files.append(
                    (
                        "unlink_domain",
                        (None, str(unlink_domain_item_element).encode(), "text/plain"),
                    )
                )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        add_ip = cast(list[str], d.pop("add_ip", UNSET))

        remove_ip = cast(list[str], d.pop("remove_ip", UNSET))

        link_domain = cast(list[str], d.pop("link_domain", UNSET))

        unlink_domain = cast(list[str], d.pop("unlink_domain", UNSET))

        edit_dipp_form = cls(
            name=name,
            description=description,
            add_ip=add_ip,
            remove_ip=remove_ip,
            link_domain=link_domain,
            unlink_domain=unlink_domain,
        )

        edit_dipp_form.additional_properties = d
        return edit_dipp_form

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ip_summary import IpSummary


T = TypeVar("T", bound="IpList")


@_attrs_define
class IpList:
    """
    Attributes:
        items (list[str]):
        total_count (int): The number of entries in items.
        details (list[IpSummary] | Unset):
        assignable_to_pools (list[str] | Unset): IPs that can be put into a DIPP; present only with the DIPPs feature.
    """

    items: list[str]
    total_count: int
    details: list[IpSummary] | Unset = UNSET
    assignable_to_pools: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = self.items

        total_count = self.total_count

        details: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = []
            for details_item_data in self.details:
                details_item = details_item_data.to_dict()
                details.append(details_item)

        assignable_to_pools: list[str] | Unset = UNSET
        if not isinstance(self.assignable_to_pools, Unset):
            assignable_to_pools = self.assignable_to_pools

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "total_count": total_count,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details
        if assignable_to_pools is not UNSET:
            field_dict["assignable_to_pools"] = assignable_to_pools

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ip_summary import IpSummary  # noqa: PLC0415

        d = dict(src_dict)
        items = cast(list[str], d.pop("items"))

        total_count = d.pop("total_count")

        _details = d.pop("details", UNSET)
        details: list[IpSummary] | Unset = UNSET
        if _details is not UNSET:
            details = []
            for details_item_data in _details:
                details_item = IpSummary.from_dict(details_item_data)

                details.append(details_item)

        assignable_to_pools = cast(list[str], d.pop("assignable_to_pools", UNSET))

        ip_list = cls(
            items=items,
            total_count=total_count,
            details=details,
            assignable_to_pools=assignable_to_pools,
        )

        ip_list.additional_properties = d
        return ip_list

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

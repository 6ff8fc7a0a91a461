from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.dynamic_pool_domain import DynamicPoolDomain
    from ..models.paging import Paging


T = TypeVar("T", bound="DynamicPoolDomainList")


@_attrs_define
class DynamicPoolDomainList:
    """
    Attributes:
        items (list[DynamicPoolDomain]):
        total_items (int):
        paging (Paging): URLs of other pages; a key is absent when there is no such page.
    """

    items: list[DynamicPoolDomain]
    total_items: int
    paging: Paging
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        total_items = self.total_items

        paging = self.paging.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "total_items": total_items,
                "paging": paging,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dynamic_pool_domain import DynamicPoolDomain  # noqa: PLC0415
        from ..models.paging import Paging  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = DynamicPoolDomain.from_dict(items_item_data)

            items.append(items_item)

        total_items = d.pop("total_items")

        paging = Paging.from_dict(d.pop("paging"))

        dynamic_pool_domain_list = cls(
            items=items,
            total_items=total_items,
            paging=paging,
        )

        dynamic_pool_domain_list.additional_properties = d
        return dynamic_pool_domain_list

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dipp_summary import DippSummary


T = TypeVar("T", bound="DippList")


@_attrs_define
class DippList:
    """
    Attributes:
        ip_pools (list[DippSummary]):
        message (str | Unset):
    """

    ip_pools: list[DippSummary]
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ip_pools = []
        for ip_pools_item_data in self.ip_pools:
            ip_pools_item = ip_pools_item_data.to_dict()
            ip_pools.append(ip_pools_item)

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ip_pools": ip_pools,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dipp_summary import DippSummary  # noqa: PLC0415

        d = dict(src_dict)
        ip_pools = []
        _ip_pools = d.pop("ip_pools")
        for ip_pools_item_data in _ip_pools:
            ip_pools_item = DippSummary.from_dict(ip_pools_item_data)

            ip_pools.append(ip_pools_item)

        message = d.pop("message", UNSET)

        dipp_list = cls(
            ip_pools=ip_pools,
            message=message,
        )

        dipp_list.additional_properties = d
        return dipp_list

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

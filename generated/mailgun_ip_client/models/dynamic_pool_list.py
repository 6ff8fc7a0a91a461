from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dynamic_pool import DynamicPool


T = TypeVar("T", bound="DynamicPoolList")


@_attrs_define
class DynamicPoolList:
    """
    Attributes:
        pools (list[DynamicPool]):
        good_reputation (list[str] | Unset): The IPs of dynamic_good.
        poor_reputation (list[str] | Unset): The IPs of dynamic_poor.
        new_senders (list[str] | Unset): The IPs of dynamic_new.
    """

    pools: list[DynamicPool]
    good_reputation: list[str] | Unset = UNSET
    poor_reputation: list[str] | Unset = UNSET
    new_senders: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pools = []
        for pools_item_data in self.pools:
            pools_item = pools_item_data.to_dict()
            pools.append(pools_item)

        good_reputation: list[str] | Unset = UNSET
        if not isinstance(self.good_reputation, Unset):
            good_reputation = self.good_reputation

        poor_reputation: list[str] | Unset = UNSET
        if not isinstance(self.poor_reputation, Unset):
            poor_reputation = self.poor_reputation

        new_senders: list[str] | Unset = UNSET
        if not isinstance(self.new_senders, Unset):
            new_senders = self.new_senders

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pools": pools,
            }
        )
        if good_reputation is not UNSET:
            field_dict["good_reputation"] = good_reputation
        if poor_reputation is not UNSET:
            field_dict["poor_reputation"] = poor_reputation
        if new_senders is not UNSET:
            field_dict["new_senders"] = new_senders

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dynamic_pool import DynamicPool  # noqa: PLC0415

        d = dict(src_dict)
        pools = []
        _pools = d.pop("pools")
        for pools_item_data in _pools:
            pools_item = DynamicPool.from_dict(pools_item_data)

            pools.append(pools_item)

        good_reputation = cast(list[str], d.pop("good_reputation", UNSET))

        poor_reputation = cast(list[str], d.pop("poor_reputation", UNSET))

        new_senders = cast(list[str], d.pop("new_senders", UNSET))

        dynamic_pool_list = cls(
            pools=pools,
            good_reputation=good_reputation,
            poor_reputation=poor_reputation,
            new_senders=new_senders,
        )

        dynamic_pool_list.additional_properties = d
        return dynamic_pool_list

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

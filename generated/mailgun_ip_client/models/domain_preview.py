from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metric_band import MetricBand


T = TypeVar("T", bound="DomainPreview")


@_attrs_define
class DomainPreview:
    """
    Attributes:
        pool (str): The dynamic pool the domain would be placed in.
        bounce_rate (MetricBand | Unset):
        complaint_rate (MetricBand | Unset):
        processed_count (MetricBand | Unset):
    """

    pool: str
    bounce_rate: MetricBand | Unset = UNSET
    complaint_rate: MetricBand | Unset = UNSET
    processed_count: MetricBand | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pool = self.pool

        bounce_rate: dict[str, Any] | Unset = UNSET
        if not isinstance(self.bounce_rate, Unset):
            bounce_rate = self.bounce_rate.to_dict()

        complaint_rate: dict[str, Any] | Unset = UNSET
        if not isinstance(self.complaint_rate, Unset):
            complaint_rate = self.complaint_rate.to_dict()

        processed_count: dict[str, Any] | Unset = UNSET
        if not isinstance(self.processed_count, Unset):
            processed_count = self.processed_count.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pool": pool,
            }
        )
        if bounce_rate is not UNSET:
            field_dict["bounce_rate"] = bounce_rate
        if complaint_rate is not UNSET:
            field_dict["complaint_rate"] = complaint_rate
        if processed_count is not UNSET:
            field_dict["processed_count"] = processed_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metric_band import MetricBand  # noqa: PLC0415

        d = dict(src_dict)
        pool = d.pop("pool")

        _bounce_rate = d.pop("bounce_rate", UNSET)
        bounce_rate: MetricBand | Unset
        if isinstance(_bounce_rate, Unset):
            bounce_rate = UNSET
        else:
            bounce_rate = MetricBand.from_dict(_bounce_rate)

        _complaint_rate = d.pop("complaint_rate", UNSET)
        complaint_rate: MetricBand | Unset
        if isinstance(_complaint_rate, Unset):
            complaint_rate = UNSET
        else:
            complaint_rate = MetricBand.from_dict(_complaint_rate)

        _processed_count = d.pop("processed_count", UNSET)
        processed_count: MetricBand | Unset
        if isinstance(_processed_count, Unset):
            processed_count = UNSET
        else:
            processed_count = MetricBand.from_dict(_processed_count)

        domain_preview = cls(
            pool=pool,
            bounce_rate=bounce_rate,
            complaint_rate=complaint_rate,
            processed_count=processed_count,
        )

        domain_preview.additional_properties = d
        return domain_preview

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

from enum import StrEnum


class ListDynamicPoolDomainsSortBy(StrEnum):
    BOUNCE_RATE = "bounce_rate"
    COMPLAINT_RATE = "complaint_rate"
    NAME = "name"

    def __str__(self) -> str:
        return str(self.value)

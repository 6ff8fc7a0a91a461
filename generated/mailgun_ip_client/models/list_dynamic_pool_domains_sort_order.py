from enum import StrEnum


class ListDynamicPoolDomainsSortOrder(StrEnum):
    ASCENDING = "ascending"
    DESCENDING = "descending"

    def __str__(self) -> str:
        return str(self.value)

"""multipart/form-data bodies read with python-multipart's streaming parser.

The whole body is already in memory (the server caps it), so the parser's callbacks collect text
fields directly: no temporary files, no per-request form objects. A part with a filename is a
file upload, which no operation of the spec takes.
"""

from __future__ import annotations

import logging

from python_multipart.multipart import MultipartParser, parse_options_header

MAX_FIELDS = 1000

# The parser logs each malformed part before raising; the server answers 400 with the same
# text, so the log line would only repeat a client's mistake on the server's console.
logging.getLogger("python_multipart.multipart").setLevel(logging.CRITICAL)


class MultipartError(ValueError):
    pass


class _Collector:
    """The parser's callbacks: each finished part becomes one (name, text) pair."""

    def __init__(self, charset: str) -> None:
        self.charset = charset
        self.pairs: list[tuple[str, str]] = []
        self.header_name = bytearray()
        self.header_value = bytearray()
        self.disposition = b""
        self.data = bytearray()

    def on_part_begin(self) -> None:
        self.disposition = b""
        self.data.clear()

    def on_header_field(self, chunk: bytes, start: int, end: int) -> None:
        self.header_name.extend(chunk[start:end])

    def on_header_value(self, chunk: bytes, start: int, end: int) -> None:
        self.header_value.extend(chunk[start:end])

    def on_header_end(self) -> None:
        if bytes(self.header_name).lower() == b"content-disposition":
            self.disposition = bytes(self.header_value)
        self.header_name.clear()
        self.header_value.clear()

    def on_part_data(self, chunk: bytes, start: int, end: int) -> None:
        self.data.extend(chunk[start:end])

    def on_part_end(self) -> None:
        _, options = parse_options_header(self.disposition)
        name = options.get(b"name")
        if name is None:
            raise MultipartError("a multipart part has no Content-Disposition name")
        field = name.decode(self.charset, "replace")
        if b"filename" in options:
            raise MultipartError(f"form field {field!r} is a file upload; send its text instead")
        if len(self.pairs) >= MAX_FIELDS:
            raise MultipartError(f"more than {MAX_FIELDS} form fields")
        try:
            self.pairs.append((field, bytes(self.data).decode(self.charset)))
        except (UnicodeDecodeError, LookupError):
            raise MultipartError(f"form field {field!r} is not {self.charset} text") from None


# RFC 2046 allows 70 characters; python-multipart takes up to 256 and raises past that.
MAX_BOUNDARY = 256


def multipart_pairs(content_type: str, body: bytes) -> list[tuple[str, str]]:
    """(name, value) for every part, in order; MultipartError says what is wrong."""
    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise MultipartError("the multipart Content-Type has no boundary")
    if len(boundary) > MAX_BOUNDARY:
        raise MultipartError(
            f"the multipart boundary is {len(boundary)} characters long; at most {MAX_BOUNDARY}"
        )
    collector = _Collector(params.get(b"charset", b"utf-8").decode("latin-1"))
    try:
        parser = MultipartParser(
            boundary,
            {
                "on_part_begin": collector.on_part_begin,
                "on_header_field": collector.on_header_field,
                "on_header_value": collector.on_header_value,
                "on_header_end": collector.on_header_end,
                "on_part_data": collector.on_part_data,
                "on_part_end": collector.on_part_end,
            },
        )
        parser.write(body)
        parser.finalize()
    except MultipartError:
        raise
    except Exception as exc:  # python-multipart's parse errors share no narrower base
        raise MultipartError(f"the multipart body cannot be parsed: {exc}") from None
    return collector.pairs

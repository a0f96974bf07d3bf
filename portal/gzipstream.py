"""Gzip for streamed bodies: batching into pieces, one gzip member compressed piece by piece, and back.

Used by portal.streaming (the downloads) and portal.pagecache (which stores a stream as gzip pieces).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

from django.http import HttpRequest

CHUNK_BYTES = 64 * 1024
GZIP_LEVEL = 6
_GZIP_WBITS = 31  # a gzip header and trailer around the deflate stream


def accepts_gzip(request: HttpRequest) -> bool:
    """True when Accept-Encoding names gzip (or *) with a non-zero quality."""
    for part in request.headers.get("Accept-Encoding", "").split(","):
        token, _sep, params = part.strip().partition(";")
        if token.strip().lower() not in ("gzip", "x-gzip", "*"):
            continue
        quality = params.strip().lower().removeprefix("q=")
        try:
            return not params.strip() or float(quality) > 0
        except ValueError:
            return False
    return False


def batched(chunks: Iterable[str | bytes], size: int | None = None) -> Iterator[bytes]:
    """The chunks, encoded as UTF-8 and joined into pieces of about ``size`` (CHUNK_BYTES) bytes."""
    size = size or CHUNK_BYTES
    buffer: list[bytes] = []
    length = 0
    for chunk in chunks:
        data = chunk.encode() if isinstance(chunk, str) else chunk
        buffer.append(data)
        length += len(data)
        if length >= size:
            yield b"".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield b"".join(buffer)


def gzip_chunks(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """One gzip member, compressed piece by piece; a piece is sent once the compressor gives it out."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, _GZIP_WBITS)
    for chunk in chunks:
        if data := compressor.compress(chunk):
            yield data
    yield compressor.flush()


def gunzip_chunks(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The inverse of gzip_chunks, in pieces of at most CHUNK_BYTES however well the data compressed (a stored
    gzip body for a client that does not accept gzip)."""
    inflater = zlib.decompressobj(_GZIP_WBITS)
    for chunk in chunks:
        data = chunk
        while data:
            if piece := inflater.decompress(data, CHUNK_BYTES):
                yield piece
            data = inflater.unconsumed_tail
    if tail := inflater.flush():
        yield tail

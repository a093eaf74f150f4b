"""The findings of the rules over report sets, held compressed by file
until they are written.

A run over a repository of thousands of reports can have tens of
thousands of such findings (a cell that does not roll forward is reported
in every column of every report), each with its own message of a hundred
Chinese characters and its source line: kept as objects until the output
is written, they would cost more than the profiles the rules read.  So
:class:`Store` takes each finding as a rule gives it (:meth:`Batch.add`),
encodes the findings of one file of one rule together (MessagePack, then
zlib: a file's messages differ in a few cell names and numbers), and gives
each file's findings back as :class:`StoredFindings`, a sequence decoded
each time it is read: the formats write a file at a time, so at most one
file's findings are objects at once.

A rule's findings join the store only once the rule has run to the end
(:meth:`Batch.commit`): a rule that crashes reports none.
"""

from __future__ import annotations

import zlib
from operator import attrgetter
from typing import Iterator, Sequence

import msgspec

from ..findings import Finding
from ..model import Severity

_encode = msgspec.msgpack.Encoder().encode
_decode = msgspec.msgpack.Decoder().decode
_by_position = attrgetter("sort_key")


class Store:
    """Each file's findings of the rules over report sets (module docstring), by path."""

    def __init__(self) -> None:
        #: path -> (count, blob) per rule that found something in the file, in the order the rules ran
        self._chunks: dict[str, list[tuple[int, bytes]]] = {}

    def batch(self) -> Batch:
        """Where one rule's findings go while it runs."""
        return Batch(self)

    def findings(self, path: str, own: Sequence[Finding]) -> Sequence[Finding]:
        """The findings of file ``path``: its ``own`` (sorted) and the stored
        ones, sorted together (``own`` itself when none are stored)."""
        chunks = self._chunks.get(path)
        return StoredFindings(path, tuple(own), tuple(chunks)) if chunks else own

    def __contains__(self, path: str) -> bool:
        return path in self._chunks


class Batch:
    """One rule's findings (:meth:`Store.batch`): encoded a file at a time,
    a file's findings being given one after the other; they join the store
    on :meth:`commit`."""

    def __init__(self, store: Store):
        self._store = store
        self._chunks: list[tuple[str, int, bytes]] = []
        self._path: str | None = None
        self._pending: list[tuple] = []

    def add(self, finding: Finding, source: str, severity: Severity) -> None:
        """``finding`` (on the file ``finding.path``) with its ``source`` line and ``severity`` as reported."""
        if finding.path != self._path:
            self._flush()
            self._path = finding.path
        self._pending.append((finding.line, finding.column, finding.code, finding.name, int(severity),
                              finding.message, finding.end_line, finding.end_column, source, finding.page,
                              finding.location, finding.certain))

    def _flush(self) -> None:
        if self._pending:
            self._chunks.append((self._path, len(self._pending), zlib.compress(_encode(self._pending))))
            self._pending = []

    def commit(self) -> None:
        """Add the findings to the store."""
        self._flush()
        for path, count, blob in self._chunks:
            self._store._chunks.setdefault(path, []).append((count, blob))
        self._chunks = []


class StoredFindings(Sequence[Finding]):
    """One file's findings, decoded from the store each time they are read
    (:class:`Store`); equal to the tuple of the same findings."""

    __slots__ = ("_path", "_own", "_chunks")

    def __init__(self, path: str, own: tuple[Finding, ...], chunks: tuple[tuple[int, bytes], ...]):
        self._path, self._own, self._chunks = path, own, chunks

    def _all(self) -> list[Finding]:
        """The findings, decoded (a record is a finding's fields after its path, in order)."""
        found = list(self._own)
        for _, blob in self._chunks:
            found += (Finding(self._path, *record[:4], Severity(record[4]), *record[5:])
                      for record in _decode(zlib.decompress(blob)))
        found.sort(key=_by_position)
        return found

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._own) + sum(count for count, _ in self._chunks)

    def __getitem__(self, index):
        return tuple(self._all())[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (tuple, StoredFindings)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))

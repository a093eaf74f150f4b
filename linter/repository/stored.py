"""The findings of the rules over report sets, held compressed until they
are written.

A run over a repository of thousands of reports can have tens of
thousands of such findings (a cell that does not roll forward is reported
in every column of every report), each with its own message of a hundred
Chinese characters and its source line: kept as objects until the output
is written, they would cost more than the profiles the rules read.  So
:class:`Store` takes each finding as a rule gives it (:meth:`Batch.add`)
and encodes a rule's findings :data:`BLOCK` at a time (MessagePack, then
zlib: the messages of a rule differ in a few names and numbers), and gives
each file's findings back as :class:`StoredFindings`, a sequence decoded
each time it is read.  The formats write a file at a time, in the order
of the paths, which is the order a rule reports its targets in; the last
blocks decoded are kept (:func:`_records`), so each block is decoded about
once per pass over the files and at most one file's findings are objects
at once.

A rule's findings join the store only once the rule has run to the end
(:meth:`Batch.commit`): a rule that crashes reports none.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from operator import attrgetter
from typing import Iterator, Sequence

import msgspec

from ..findings import Finding
from ..model import Severity

#: Findings encoded together.
BLOCK = 256
_encode = msgspec.msgpack.Encoder().encode
_decode = msgspec.msgpack.Decoder().decode
_by_position = attrgetter("sort_key")

#: Where a file's findings of one rule are: the block, the first record, how many.
Span = tuple[bytes, int, int]


class Store:
    """Each file's findings of the rules over report sets (module docstring), by path."""

    def __init__(self) -> None:
        #: path -> where its findings are, rule after rule in the order the rules ran
        self._spans: dict[str, list[Span]] = {}

    def batch(self) -> Batch:
        """Where one rule's findings go while it runs."""
        return Batch(self)

    def findings(self, path: str, own: Sequence[Finding]) -> Sequence[Finding]:
        """The findings of file ``path``: its ``own`` (sorted) and the stored
        ones, sorted together (``own`` itself when none are stored)."""
        spans = self._spans.get(path)
        return StoredFindings(path, tuple(own), tuple(spans)) if spans else own

    def __contains__(self, path: str) -> bool:
        return path in self._spans


class Batch:
    """One rule's findings (:meth:`Store.batch`), encoded :data:`BLOCK` at
    a time; they join the store on :meth:`commit`."""

    def __init__(self, store: Store):
        self._store = store
        self._done: list[tuple[str, Span]] = []
        self._records: list[tuple] = []
        self._paths: list[str] = []  # the path of each record

    def add(self, finding: Finding, source: str, severity: Severity) -> None:
        """``finding`` (on the file ``finding.path``) with its ``source`` line and ``severity`` as reported."""
        self._records.append((finding.line, finding.column, finding.code, finding.name, int(severity),
                              finding.message, finding.end_line, finding.end_column, source, finding.page,
                              finding.location, finding.certain))
        self._paths.append(finding.path)
        if len(self._records) == BLOCK:
            self._flush()

    def _flush(self) -> None:
        """Encode the records pending: each run of one path's records is a span of the block."""
        if not self._records:
            return
        block = zlib.compress(_encode(self._records))
        paths, start = self._paths, 0
        for i in range(1, len(paths) + 1):
            if i == len(paths) or paths[i] != paths[start]:
                self._done.append((paths[start], (block, start, i - start)))
                start = i
        self._records, self._paths = [], []

    def commit(self) -> None:
        """Add the findings to the store."""
        self._flush()
        spans = self._store._spans
        for path, span in self._done:
            spans.setdefault(path, []).append(span)
        self._done = []


@lru_cache(maxsize=16)
def _records(block: bytes) -> list[list]:
    """The records of a block (the last few are kept: the files are read in order)."""
    return _decode(zlib.decompress(block))


class StoredFindings(Sequence[Finding]):
    """One file's findings, decoded from the store each time they are read
    (:class:`Store`); equal to the tuple of the same findings."""

    __slots__ = ("_path", "_own", "_spans")

    def __init__(self, path: str, own: tuple[Finding, ...], spans: tuple[Span, ...]):
        self._path, self._own, self._spans = path, own, spans

    def _all(self) -> list[Finding]:
        """The findings, decoded (a record is a finding's fields after its path, in order)."""
        found = list(self._own)
        for block, start, count in self._spans:
            found += (Finding(self._path, *record[:4], Severity(record[4]), *record[5:])
                      for record in _records(block)[start:start + count])
        found.sort(key=_by_position)
        return found

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._own) + sum(count for _, _, count in self._spans)

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

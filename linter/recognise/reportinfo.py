"""What a batch summary says about each report besides its findings: the
organ, the report year, the template its tables follow and the file format
(``govlint report``)."""

from __future__ import annotations

import msgspec

from .report import Report


class ReportInfo(msgspec.Struct, frozen=True):
    """``template`` is the id of the national template the recognised
    tables were matched with (``"2019"``, ``"2021"``), ``"2019/2021"`` when
    they disagree, None when no table was recognised."""

    organ: str | None
    year: int | None
    template: str | None
    format: str

    @classmethod
    def of(cls, doc: Report) -> "ReportInfo":
        template = None
        if not doc.fatal:
            ids = sorted({match.template for match in doc.template.tables.values()})
            template = "/".join(ids) or None
        return cls(doc.organ, doc.year, template, doc.format)

    def as_dict(self) -> dict:
        return {"organ": self.organ, "year": self.year, "template": self.template, "format": self.format}

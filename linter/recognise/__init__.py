"""Recognition: what the blocks of a report mean.

Readers give paragraphs and tables; this stage finds the report in them:

* ``outline`` — title, organ, year, the six sections and their sub-items;
* ``templates/`` — tables 二/三/四 matched to the national templates, each
  cell under a canonical key (data in ``govlint/data``);
* ``claims/`` — the quantified statements of the prose (收到申请N件…);
* ``identities`` — the arithmetic identities (勾稽关系) over canonical keys;
* ``organs`` — what kind of organ wrote a report, and which names are the
  same organ;
* ``report`` — :class:`~govlint.recognise.report.Report`, the document with
  its tables, claims and identity outcomes computed on first use: what
  rules read;
* ``reportinfo`` — organ, year, template and format for batch summaries.
"""

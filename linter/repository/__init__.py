"""Reports against each other: the rules over a report repository.

Some errors show only across reports (this year's 上年结转 against last
year's 结转下年度, prose copied from last year or from another organ).

* ``reportset`` — :class:`~govlint.repository.reportset.ReportSetRule`,
  the base class of such rules, and the report set they read;
* ``profile`` — the few facts a rule over reports needs of one report;
* ``profilecache`` — profiles of history files, cached across runs;
* ``history`` — the phase of a run that gathers the profiles and runs
  the rules over report sets;
* ``similarity`` — how much prose two reports share (copy detection);
* ``copies`` — which reports of a year repeat another organ's prose: the
  model-text rule and the candidate index behind M010;
* ``textzip`` — the texts a profile keeps (source lines, quotes), compressed
  with a dictionary learned from the first ones;
* ``stored`` — the findings of the rules over report sets, held compressed
  until they are written.
"""

#: the configuration keys of the rules over report sets: the history
#: folders, the organs' other names, the organs a repository should hold
#: (completeness) and the copy-detection threshold (M010).  A run whose
#: files are one report and whose configuration leaves these at their
#: defaults has nothing to compare it with and imports none of this package's
#: modules (:func:`govlint.run.engine.report_sets`)
HISTORY, ALIASES, ORGANS, ORGANS_FILE, THRESHOLD = "history", "organ-aliases", "organs", "organs-file", "copy-threshold"
KEYS = (HISTORY, ALIASES, ORGANS, ORGANS_FILE, THRESHOLD)


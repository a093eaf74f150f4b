"""Running the linter: from paths on the command line to findings.

* ``engine`` — :func:`~govlint.run.engine.lint`, the entry point for
  Python callers: expands the paths, resolves each file's settings, checks
  the files (in parallel, through the cache) and collects the findings;
* ``pipeline`` — one file from bytes to a recognised report (read →
  outline → :class:`~govlint.recognise.report.Report`), never raising;
* ``paths`` — which files a run checks (directory walk);
* ``config`` — configuration files, rule selection, settings per file;
* ``plugins`` — the pluggy manager: rules and readers from entry points;
* ``localrules`` and ``declarative`` — rules that are not packages (rule
  folders, declarative TOML rules files);
* ``cache``, ``parallel`` — the results cache, worker processes (files are
  written atomically by :mod:`govlint.atomic`).

Rules do not import from here; the command line and outputs do.
"""

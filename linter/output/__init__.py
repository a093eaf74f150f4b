"""What a run prints or writes: from findings to text for people and tools.

* ``formatters/`` — the ``--format`` outputs of ``govlint check`` (text,
  JSON, SARIF, GitHub annotations, JUnit), one module each;
* ``summary`` and ``htmlreport`` — the batch summary of ``govlint report``
  and its self-contained HTML page;
* ``baseline`` — accepted findings recorded in a file and hidden;
* ``serialize`` — a report's recognised structure as JSON (``govlint parse``);
* ``texttable`` and ``progress`` — aligned tables and a progress bar for
  the terminal.
"""

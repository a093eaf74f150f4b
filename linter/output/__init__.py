"""What a run prints or writes: from findings to text for people and tools.

* ``formatters/`` — the ``--format`` outputs of ``govlint check`` (text,
  JSON, SARIF, GitHub annotations, JUnit), one module each, and the
  ``--statistics`` view;
* ``summary`` and ``htmlreport`` — the batch summary of ``govlint report``
  and its self-contained HTML page;
* ``baseline`` — accepted findings recorded in a file and hidden;
* ``serialize`` — a report's recognised structure as JSON (``govlint parse``);
* ``extract`` — the table data of reports as CSV or JSON (``govlint extract``);
* ``settingsview`` — the effective configuration of a file (``--show-settings``);
* ``console`` — colour (``NO_COLOR``/``FORCE_COLOR``, terminals) and click's
  texts in Chinese;
* ``texttable`` and ``progress`` — aligned tables and a progress bar for
  the terminal.
"""

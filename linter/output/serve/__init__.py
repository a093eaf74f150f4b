"""``govlint serve``: the author's desk, a local web page to drop reports
on and see every finding in place.

* ``server`` — starting it: configuration, the check process, the web
  server (waitress) bound to 127.0.0.1, the address with its token;
* ``guard`` — what every request must pass: the Host header, the token in
  the path (or the password of ``--host``), and the security headers of
  every response (Content-Security-Policy…);
* ``app`` — the Flask application: the page, the upload, the results and
  their exports;
* ``uploads`` — uploaded files into a private temporary folder, .zip
  archives unpacked safely, the size and count limits;
* ``worker`` — the check process: the same engine, rules and
  configuration as ``govlint check``, one batch at a time, restarted if a
  hostile file takes it down;
* ``batch`` — what the check process does with one batch (runs in it);
* ``view`` — a report as the page shows it, each finding placed on its
  heading, sentence or table cell, and the rules' explanations;
* ``exports`` — the findings as CSV for Excel/WPS;
* ``static/`` — the page itself: plain HTML, CSS and JavaScript, nothing
  loaded from the network.

Flask and waitress are the optional extra ``govlint[serve]``; they are
imported only when the server starts (see ``server`` for why these two).
"""

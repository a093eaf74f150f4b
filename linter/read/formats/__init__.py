"""One reader per file format: bytes in, located blocks out.

``text`` reads .txt and .md in every layout text extraction produces;
``docx`` (with ``wordnum`` for Word's automatic list numbering), ``html``
(with ``htmltree``, a tolerant parser) and ``pdf`` read the structured
formats.  Each module's reading function is named in
:func:`govlint.read.govlint_readers` and imported only when a file of its
type is read.  What the readers share (tables, prose, zip safety, errors)
lives one level up, in :mod:`govlint.read`.
"""

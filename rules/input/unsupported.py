"""E006 unsupported-format."""

from .base import InputRule


class UnsupportedFormat(InputRule):
    """没有能读取此类文件的读取器。

    What it does
    ------------
    命令行上明确给出的文件，其扩展名没有任何读取器支持（例如 ``.xls``、``.jpg``）时报告本问题。
    检查目录时，不支持的文件直接跳过，不报告。读取某种格式所需的 Python 包
    （``.docx`` 需要 python-docx，``.pdf`` 需要 pdfplumber）没有安装时也报告本问题，
    消息给出安装命令。

    Why
    ---
    明确要求检查却无法检查的文件，不能默默当作通过。文档列出了
    支持的格式；其他格式可以由插件通过 ``govlint_readers`` 钩子添加。

    Example
    -------
    ``govlint check 报告.xls``::

        报告.xls:1:1: E006 error 不支持的文件格式 .xls

    未安装 pdfplumber 时 ``govlint check 报告.pdf``::

        报告.pdf:1:1: E006 error 读取 PDF 文件需要 Python 包 pdfplumber，当前环境未安装：请执行 python3 -m pip install pdfplumber（……）

    References
    ----------
    无。
    """

    code = "E006"
    name = "unsupported-format"
    kind = "unsupported"

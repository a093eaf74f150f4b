"""E004 binary-file."""

from .base import InputRule


class BinaryFile(InputRule):
    """文本文件中是二进制数据。

    What it does
    ------------
    按文本读取的文件（如 ``.txt``、``.md``）前 8 KiB 中出现 NUL 字节或大量控制字符时，
    判定为二进制文件并报告，不再做其他检查。

    Why
    ---
    这类文件多半是扩展名被改错的 Word、PDF 或压缩包，按文本检查只会得到无意义的结果。
    应改用正确的扩展名，或导出为文本后再检查。

    Example
    -------
    把 ``报告.docx`` 重命名为 ``报告.txt`` 后检查::

        报告.txt:1:1: E004 error 文件是二进制数据，不是文本

    References
    ----------
    无。
    """

    code = "E004"
    name = "binary-file"
    kind = "binary"

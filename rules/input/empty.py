"""E003 empty-file."""

from .base import InputRule


class EmptyFile(InputRule):
    """文件为空或只有空白。

    What it does
    ------------
    报告长度为零或只含空白字符（包括全角空格）的文件。

    Why
    ---
    空文件通常是导出失败或上传错误的结果；作为年度报告发布时，
    公众看不到任何内容，却可能被计为“已发布”。

    Example
    -------
    ``2023年度报告.txt`` 大小为 0 字节::

        2023年度报告.txt:1:1: E003 error 文件为空

    References
    ----------
    《中华人民共和国政府信息公开条例》第四十九条、第五十条（年度报告的发布与内容）。
    """

    code = "E003"
    name = "empty-file"
    kind = "empty"

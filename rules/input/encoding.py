"""E002 encoding-error."""

from .base import InputRule


class EncodingError(InputRule):
    """文件不是任何受支持编码的有效文本。

    What it does
    ------------
    文本文件依次按 BOM、UTF-8、GB18030（兼容 GBK/GB2312）解码；都失败时报告本问题，
    指出第一处无效字节所在的行。文件仍按 UTF-8 以替换字符解码，其余检查照常进行。

    Why
    ---
    无效字节会变成乱码（�），使标题、表格标签和数字无法识别，
    也说明文件在转换或传输中已经损坏，发布前应重新导出。

    Example
    -------
    一个 UTF-8 文件中混入了几个 GBK 编码的字符::

        报告.txt:3:1: E002 error 文件无法按 UTF-8 或 GB18030 解码（第 3 行起有无效字节）

    References
    ----------
    GB 18030-2022《信息技术 中文编码字符集》。
    """

    code = "E002"
    name = "encoding-error"
    kind = "encoding"

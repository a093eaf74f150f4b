"""E008 encrypted-file."""

from .base import InputRule


class EncryptedFile(InputRule):
    """文件已加密，没有密码无法读取。

    What it does
    ------------
    PDF 设置了打开密码（用户密码）时报告本问题，不做其他检查。
    只限制打印或复制、无需密码即可打开的 PDF 照常检查。

    Why
    ---
    公开发布的年度报告应当人人可以打开；需要密码的文件公众无法阅读，
    也无法检查其内容。

    Example
    -------
    检查一份设置了打开密码的 PDF::

        报告.pdf:1:1: E008 error PDF 文件已加密，需要密码才能打开：请提供未加密的版本

    References
    ----------
    《中华人民共和国政府信息公开条例》第四十九条、第五十条（年度报告的公布）。
    """

    code = "E008"
    name = "encrypted-file"
    kind = "encrypted"

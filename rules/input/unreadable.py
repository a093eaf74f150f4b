"""E001 unreadable-file."""

from .base import InputRule


class UnreadableFile(InputRule):
    """文件无法读取。

    What it does
    ------------
    报告无法打开或读取的文件（不存在、无读取权限、是目录、读取时发生 I/O 错误等）。
    消息给出操作系统返回的原因。

    Why
    ---
    文件读不出来，其余检查都无从进行；在批量检查中静默跳过会让人误以为它已通过检查。

    Example
    -------
    ``govlint check 报告.txt``，而该文件权限为 ``000``::

        报告.txt:1:1: E001 error 无法读取文件：权限不足

    References
    ----------
    无。
    """

    code = "E001"
    name = "unreadable-file"
    kind = "unreadable"

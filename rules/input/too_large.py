"""E005 file-too-large."""

from .base import InputRule


class FileTooLarge(InputRule):
    """文件大得不像一份年度报告。

    What it does
    ------------
    文件大小超过读取上限时报告本问题，不读取其内容。上限：.txt、.md 为 2 MB，
    .html 为 16 MB，其他格式（.docx、.pdf）为 64 MB。

    Why
    ---
    一份年度报告通常只有几十 KB 的文字；过大的文件往往是误选的文件（合订本、
    扫描件、数据导出），读取它会拖慢整批检查甚至耗尽内存。

    Example
    -------
    检查一个 500 MB 的文件::

        大文件.txt:1:1: E005 error 文件过大（500 MB，text 格式上限 2 MB），未检查

    References
    ----------
    无。
    """

    code = "E005"
    name = "file-too-large"
    kind = "too-large"

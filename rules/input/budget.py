"""E009 budget-exceeded."""

from .base import InputRule


class BudgetExceeded(InputRule):
    """检查此文件所需的工作超出了上限（时间、内存或内容规模）。

    What it does
    ------------
    每个文件都在有限的时间和内存内检查，读取时也限制解压、解析和排版的工作量，
    而不只是看文件自己声明的大小。超出任一上限时报告本问题，不再检查此文件，
    其余文件照常检查：

    * 检查一个文件超过时间上限（默认 30 秒，``--time-limit`` 或配置项 ``time-limit``）
      或内存上限（默认 512 MB，``--memory-limit`` 或配置项 ``memory-limit``）；
    * 读出的文字超过 1000000 个字符；
    * Word 文档（.docx）的 XML 部分解压后超过 8 MB；
    * 表格的合并单元格展开后超过 20000 个单元格；
    * 网页（.html）超过 200000 个标签、文字段或字符实体，或一个标签有超过 2000 个属性。

    各项上限及其取值见 README 的“可靠性（Reliability）”一节和 ``govlint.limits``。
    时间、内存超限的结果不写入结果缓存（机器繁忙时可能偶然超时），下次运行会重新检查。

    Why
    ---
    年度报告只有几十页，读取它用不了这么多工作；超出上限的文件要么是
    恶意构造的“炸弹”（几 MB 的文件解压出几 GB 的内容、几百 KB 的网页展开成上亿个单元格），
    要么是误选的其他文件。在提交前检查（pre-commit）和持续集成中，
    一个这样的文件不应拖住整批检查或耗尽内存。确属正常报告的，可调高时间和内存上限后再检查。

    Example
    -------
    一个 2.8 MB 的 .docx，其 ``document.xml`` 解压后达 249 MB::

        报告.docx:1:1: E009 error Word 文档（.docx）的 XML 部分解压后超过 8 MB（上限），远大于任何一份年度报告，未读取

    一个文件检查了 30 秒仍未结束::

        报告.pdf:1:1: E009 error 检查超过时间上限（30 秒），已停止检查此文件……

    References
    ----------
    README“可靠性（Reliability）”；issue 13（对每种输入的工作量设上限）。
    """

    code = "E009"
    name = "budget-exceeded"
    kind = "budget"

"""E007 needs-ocr."""

from .base import InputRule


class NeedsOcr(InputRule):
    """PDF 没有文字层（扫描件），需要先做文字识别。

    What it does
    ------------
    PDF 中没有可提取的文字（整份文件是扫描图片）时报告本问题，不做其他检查；
    只有部分页面没有文字时（例如把表格截图贴进文档），在该页报告本问题，其余页面照常检查。

    Why
    ---
    扫描件中的文字和数字无法被复制、检索和朗读，读屏软件也无法读取；
    年度报告中的统计表尤其如此。应发布由 Word 直接导出的 PDF 或网页，
    若只有扫描件，检查前需先做文字识别（OCR）。

    Example
    -------
    检查一份由扫描仪生成的 PDF::

        报告.pdf:1:1: E007 error PDF 没有文字层（扫描件或图片）：需要先做文字识别（OCR），或提供 Word/文字版 PDF

    References
    ----------
    《中华人民共和国政府信息公开条例》第二十三条（便于公众知晓的方式）；
    DOMAIN.md §2.8（以图片发布的表格）。
    """

    code = "E007"
    name = "needs-ocr"
    kind = "needs-ocr"

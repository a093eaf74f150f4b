"""The static table of govlint's built-in rules: code, name, default
severity, group, ``module:Class`` within the group, whether the rule runs
over report sets and whether it can report on a lone report, so that loading the plugins imports no rule module
(:func:`govlint.rules.collect`).

Generated from the rule classes by :func:`entries`
(``python -m govlint.rules.table`` prints the table);
tests/rules/test_table.py checks that it matches them.
"""

from __future__ import annotations

TABLE: tuple[tuple[str, str, str, str, str, bool, bool], ...] = (
    ('E001', 'unreadable-file', 'ERROR', 'input', 'unreadable:UnreadableFile', False, False),
    ('E002', 'encoding-error', 'ERROR', 'input', 'encoding:EncodingError', False, False),
    ('E003', 'empty-file', 'ERROR', 'input', 'empty:EmptyFile', False, False),
    ('E004', 'binary-file', 'ERROR', 'input', 'binary:BinaryFile', False, False),
    ('E005', 'file-too-large', 'ERROR', 'input', 'too_large:FileTooLarge', False, False),
    ('E006', 'unsupported-format', 'ERROR', 'input', 'unsupported:UnsupportedFormat', False, False),
    ('E007', 'needs-ocr', 'ERROR', 'input', 'needs_ocr:NeedsOcr', False, False),
    ('E008', 'encrypted-file', 'ERROR', 'input', 'encrypted:EncryptedFile', False, False),
    ('E009', 'budget-exceeded', 'ERROR', 'input', 'budget:BudgetExceeded', False, False),
    ('S001', 'section-missing', 'ERROR', 'structure', 'section_missing:SectionMissing', False, False),
    ('S002', 'section-order', 'ERROR', 'structure', 'section_order:SectionOrder', False, False),
    ('S003', 'heading-numbering', 'WARNING', 'structure', 'heading_numbering:HeadingNumbering', False, False),
    ('S004', 'heading-wording', 'WARNING', 'structure', 'heading_wording:HeadingWording', False, False),
    ('S005', 'heading-typo', 'ERROR', 'structure', 'heading_typo:HeadingTypo', False, False),
    ('S006', 'subitem-numbering', 'WARNING', 'structure', 'subitem_numbering:SubitemNumbering', False, False),
    ('S007', 'section-empty', 'ERROR', 'structure', 'section_empty:SectionEmpty', False, False),
    ('S008', 'section-thin', 'WARNING', 'structure', 'section_thin:SectionThin', False, False),
    ('S009', 'rectification-not-reported', 'INFO', 'structure', 'rectification:RectificationMissing', False, False),
    ('T001', 'table-missing', 'ERROR', 'tables', 'table_missing:TableMissing', False, False),
    ('T002', 'template-year-mismatch', 'ERROR', 'tables', 'template_year_mismatch:TemplateYearMismatch', False, False),
    ('T003', 'row-cell-count', 'ERROR', 'tables', 'row_cell_count:RowCellCount', False, False),
    ('T004', 'template-row-missing', 'ERROR', 'tables', 'template_row_missing:TemplateRowMissing', False, False),
    ('T005', 'unknown-row', 'INFO', 'tables', 'unknown_row:UnknownRow', False, False),
    ('T006', 'blank-cell', 'WARNING', 'tables', 'blank_cell:BlankCell', False, False),
    ('T007', 'invalid-value', 'ERROR', 'tables', 'invalid_value:InvalidValue', False, False),
    ('T008', 'row-label-typo', 'WARNING', 'tables', 'row_label_typo:RowLabelTypo', False, False),
    ('T009', 'old-template-label', 'WARNING', 'tables', 'old_template_label:OldTemplateLabel', False, False),
    ('T010', 'table-unreadable', 'INFO', 'tables', 'table_unreadable:TableUnreadable', False, False),
    ('A000', 'identity-uncheckable', 'INFO', 'arithmetic', 'identity_uncheckable:IdentityUncheckable', False, False),
    ('A001', 't3-balance', 'ERROR', 'arithmetic', 't3_balance:T3Balance', False, False),
    ('A002', 't3-results-total', 'ERROR', 'arithmetic', 't3_results_total:T3ResultsTotal', False, False),
    ('A003', 't3-row-total', 'ERROR', 'arithmetic', 't3_row_total:T3RowTotal', False, False),
    ('A004', 't4-totals', 'ERROR', 'arithmetic', 't4_totals:T4Totals', False, False),
    ('A005', 't2-in-force-below-issued', 'INFO', 'arithmetic', 't2_in_force:T2InForceBelowIssued', False, False),
    ('A006', 't2-total-below-published', 'WARNING', 'arithmetic', 't2_published_total:T2TotalBelowPublished', False, False),
    ('A007', 't2-items-negative', 'WARNING', 'arithmetic', 't2_items_balance:T2ItemsNegative', False, False),
    ('A008', 't2-fee-unit', 'INFO', 'arithmetic', 't2_fee_unit:T2FeeUnit', False, False),
    ('A009', 't2-regulations-organ-level', 'WARNING', 'arithmetic', 't2_regulations_organ:T2RegulationsOrganLevel', False, False),
    ('A014', 'cell-to-blame', 'ERROR', 'arithmetic', 't3_cell_blame:CellToBlame', False, False),
    ('C001', 'received-mismatch', 'ERROR', 'consistency', 'received:ReceivedMismatch', False, False),
    ('C002', 'none-received-mismatch', 'ERROR', 'consistency', 'none_received:NoneReceivedMismatch', False, False),
    ('C003', 'handled-mismatch', 'ERROR', 'consistency', 'handled:HandledMismatch', False, False),
    ('C004', 'carried-over-mismatch', 'ERROR', 'consistency', 'carried_over:CarriedOverMismatch', False, False),
    ('C005', 'carried-in-mismatch', 'ERROR', 'consistency', 'carried_in:CarriedInMismatch', False, False),
    ('C006', 'outcome-mismatch', 'ERROR', 'consistency', 'outcome:OutcomeMismatch', False, False),
    ('C007', 'requester-mismatch', 'ERROR', 'consistency', 'requester:RequesterMismatch', False, False),
    ('C008', 'no-review-litigation-mismatch', 'ERROR', 'consistency', 'no_review_litigation:NoReviewLitigationMismatch', False, False),
    ('C009', 'review-litigation-mismatch', 'ERROR', 'consistency', 'review_litigation:ReviewLitigationMismatch', False, False),
    ('C010', 'review-outcome-mismatch', 'ERROR', 'consistency', 'review_outcome:ReviewOutcomeMismatch', False, False),
    ('C013', 'itemised-sum-mismatch', 'WARNING', 'consistency', 'itemised:ItemisedSumMismatch', False, False),
    ('C014', 'share-mismatch', 'WARNING', 'consistency', 'shares:ShareMismatch', False, False),
    ('C016', 'parts-mismatch', 'WARNING', 'consistency', 'parts:PartsMismatch', False, False),
    ('C017', 'year-on-year-mismatch', 'WARNING', 'consistency', 'year_on_year:YearOnYearMismatch', True, True),
    ('C018', 'prose-contradiction', 'WARNING', 'consistency', 'contradictions:ProseContradiction', False, False),
    ('M001', 'title-incomplete', 'WARNING', 'metadata', 'title:TitleIncomplete', False, False),
    ('M002', 'period-year-mismatch', 'ERROR', 'metadata', 'period_mismatch:PeriodYearMismatch', False, False),
    ('M003', 'period-missing', 'WARNING', 'metadata', 'period_missing:PeriodMissing', False, False),
    ('M004', 'signature-date-late', 'WARNING', 'metadata', 'signature_late:SignatureDateLate', False, False),
    ('M005', 'signature-date-early', 'WARNING', 'metadata', 'signature_early:SignatureDateEarly', False, False),
    ('M006', 'signature-date-missing', 'INFO', 'metadata', 'signature_missing:SignatureDateMissing', False, False),
    ('M007', 'fee-statement-missing', 'WARNING', 'metadata', 'fee_statement:FeeStatementMissing', False, False),
    ('M008', 'body-year-unexpected', 'INFO', 'metadata', 'body_years:BodyYearUnexpected', False, False),
    ('M011', 'page-date-late', 'WARNING', 'metadata', 'page_date_late:PageDateLate', False, False),
    ('M012', 'signed-after-published', 'WARNING', 'metadata', 'signed_after_published:SignedAfterPublished', False, False),
    ('A010', 't3-carried-vs-last-year', 'WARNING', 'crossreport', 'carried_in:T3CarriedVsLastYear', True, False),
    ('A011', 't2-in-force-vs-last-year', 'WARNING', 'crossreport', 'in_force_roll:T2InForceVsLastYear', True, False),
    ('A012', 't2-items-vs-last-year', 'WARNING', 'crossreport', 'items_roll:T2ItemsVsLastYear', True, False),
    ('A013', 'tables-same-as-last-year', 'INFO', 'crossreport', 'tables_repeated:TablesSameAsLastYear', True, False),
    ('M009', 'prose-same-as-last-year', 'INFO', 'crossreport', 'prose_last_year:ProseSameAsLastYear', True, False),
    ('M010', 'prose-same-as-other-organ', 'WARNING', 'crossreport', 'prose_other_organ:ProseSameAsOtherOrgan', True, False),
    ('M013', 'organ-not-listed', 'WARNING', 'crossreport', 'organ_not_listed:OrganNotListed', True, False),
)

GROUPS = ("input", "structure", "tables", "arithmetic", "consistency", "metadata", "crossreport")


def entries() -> tuple[tuple[str, str, str, str, str, bool, bool], ...]:
    """The table as the rule classes of every group's modules give it,
    in group then code order (imports every rule module)."""
    import importlib
    import inspect
    import pkgutil

    from govlint.rule import Rule

    found = []
    for group in GROUPS:
        package = importlib.import_module(f"govlint.rules.{group}")
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            found += [(obj.code, obj.name, obj.severity.name, group, f"{info.name}:{obj.__name__}",
                       obj.over_report_sets, obj.alone)
                      for obj in vars(module).values()
                      if inspect.isclass(obj) and issubclass(obj, Rule) and obj.__module__ == module.__name__
                      and obj.code]
    return tuple(sorted(found, key=lambda entry: (GROUPS.index(entry[3]), entry[0])))


if __name__ == "__main__":
    print("TABLE: tuple[tuple[str, str, str, str, str, bool, bool], ...] = (")
    for entry in entries():
        print(f"    {entry!r},")
    print(")")

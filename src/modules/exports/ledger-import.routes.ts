import { sheetImportRoutes } from '../sheet-imports/sheet-import.routes.ts';
import { LedgerImportReport, MAX_LEDGER_BYTES } from './ledger-import.schemas.ts';
import { commitLedgerImport, ledgerTarget, previewLedgerImport } from './ledger-import.service.ts';

// A problem ledger 台账 uploaded into a community: the problems XLSX the export writes, or a community's
// own in its columns.
export const ledgerImportRoutes = sheetImportRoutes({
  path: '/api/problem-imports',
  tag: 'problem ledger imports',
  maxBytes: MAX_LEDGER_BYTES,
  view: LedgerImportReport,
  summaries: {
    preview: 'What importing a problem ledger into a community would do, row by row (matter.triage)',
    commit:
      'Import a problem ledger into a community in one transaction, or nothing while a row is wrong; ' +
      'problems imported before from the same ledger are skipped (matter.triage).',
  },
  target: ledgerTarget,
  preview: previewLedgerImport,
  commit: commitLedgerImport,
});

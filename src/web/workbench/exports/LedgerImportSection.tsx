import type { LedgerImportReport } from '../../../modules/exports/ledger-import.schemas.ts';
import { PlaceSheetImport } from '../../shared/PlaceSheetImport.tsx';

/** 问题台账导入: choose the community, upload the ledger, check it row by row, import it whole. */
export function LedgerImportSection() {
  return (
    <PlaceSheetImport<LedgerImportReport['rows'][number]>
      namespace="exports"
      keyPrefix="ledger"
      path="/api/problem-imports"
      testId="ledger"
      subject={(row) => row.title}
      wholeOrNothing
    />
  );
}

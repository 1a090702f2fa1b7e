import type { HotlineImportReport } from '../../../modules/hotline-imports/hotline-imports.schemas.ts';
import { PlaceSheetImport } from '../../shared/PlaceSheetImport.tsx';

/** 12345 工单导入: choose the street, upload the sheet, check it row by row, import with progress. */
export function HotlineImportSection() {
  return (
    <PlaceSheetImport<HotlineImportReport['rows'][number]>
      namespace="intake"
      keyPrefix="hotline"
      path="/api/hotline-imports"
      testId="hotline"
      subject={(row) => row.hotlineNo}
    />
  );
}

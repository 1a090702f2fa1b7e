import { sheetImportRoutes } from '../sheet-imports/sheet-import.routes.ts';
import { HotlineImportReport, MAX_HOTLINE_BYTES } from './hotline-imports.schemas.ts';
import { commitHotlineImport, hotlineTarget, previewHotlineImport } from './hotline-imports.service.ts';

// The 12345 hotline's work orders as a street receives them, in one sheet.
export const hotlineImportRoutes = sheetImportRoutes({
  path: '/api/hotline-imports',
  tag: 'hotline imports',
  maxBytes: MAX_HOTLINE_BYTES,
  view: HotlineImportReport,
  summaries: {
    preview: 'What importing a sheet of 12345 work orders would do, row by row (matter.intake)',
    commit:
      'Import a sheet of 12345 work orders in one go: new ones become matters of the hotline channel, ' +
      'ones already imported are skipped, refused rows are reported (matter.intake).',
  },
  target: hotlineTarget,
  preview: previewHotlineImport,
  commit: commitHotlineImport,
});

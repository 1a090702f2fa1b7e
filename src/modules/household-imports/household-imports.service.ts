import crypto from 'node:crypto';
import { AppError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { can, maskName } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { formatArea } from '../places/area.ts';
import type { PlaceRecord } from '../places/places.repo.ts';
import { placeFor } from '../places/visibility.ts';
import { applyPlan } from './apply.ts';
import type { ImportField } from './columns.ts';
import { lockCompound } from './household-imports.repo.ts';
import { countPlan, type HouseholdOnRecord, type ImportCounts, planImport } from './plan.ts';
import { checkRows, type ImportIssue } from './rows.ts';
import { snapshotOf } from './snapshot.ts';
import { readUploadedSheet, type SheetRow } from './spreadsheet.ts';

/** A preview lists at most this many issues and changes; the counts always cover the whole file. */
export const REPORT_LIMIT = 1000;

/** One row as a client that parsed the sheet itself sends it: every cell as the sheet had it. */
export type JsonRow = {
  row?: number;
  compound?: string;
  building?: string;
  entrance?: string;
  room?: string;
  area?: string | number;
  owner?: string;
  phone?: string;
};

export type ImportSource = { bytes: Uint8Array; fileName: string } | { rows: JsonRow[]; fileName?: string };
export type ImportFile = { sheet: SheetRow[]; fileName: string; fileHash: string };

const jsonColumns = ['compound', 'building', 'entrance', 'room', 'area', 'owner', 'phone'] as const;

/** Reads an uploaded sheet, or rows sent as JSON, into rows of text; no database is needed for this. */
export async function readImport(source: ImportSource): Promise<ImportFile> {
  if ('rows' in source) {
    const header: SheetRow = { row: 0, cells: [...jsonColumns] };
    const rows = source.rows.map((r, i) => ({
      row: r.row ?? i + 1,
      cells: jsonColumns.map((c) => String(r[c] ?? '')),
    }));
    return {
      sheet: [header, ...rows],
      fileName: source.fileName ?? 'rows.json',
      fileHash: crypto.createHash('sha256').update(JSON.stringify(source.rows)).digest('hex'),
    };
  }
  const { rows } = await readUploadedSheet(source.bytes);
  return {
    sheet: rows,
    fileName: source.fileName,
    fileHash: crypto.createHash('sha256').update(source.bytes).digest('hex'),
  };
}

/** The compound households are imported into: visible to the actor, and theirs to manage. */
export function importTarget(tx: Tx, compoundId: string): Promise<PlaceRecord> {
  return placeFor(tx, 'place.manage', compoundId, ['compound']);
}

export type ImportChange = {
  row: number;
  building: string;
  entrance: string;
  room: string;
  area: { from: string; to: string } | null;
  owners: { from: string[]; to: string } | null;
};

export type ImportPreview = {
  fileName: string;
  fileHash: string;
  headerRow: number;
  columns: { field: ImportField; header: string }[];
  issues: ImportIssue[];
  issueCount: number;
  counts: ImportCounts;
  changes: ImportChange[];
};

async function analyse(tx: Tx, compound: PlaceRecord, file: ImportFile) {
  const checked = checkRows(file.sheet, compound.name);
  const snapshot = await snapshotOf(tx, compound, checked.rows);
  const plan = planImport(checked.rows, snapshot);
  return {
    checked,
    snapshot,
    plan,
    counts: countPlan(plan, checked.rows.length + countBadRows(checked.issues)),
  };
}

function countBadRows(issues: readonly ImportIssue[]) {
  return new Set(issues.filter((i) => i.field !== 'file').map((i) => i.row)).size;
}

/**
 * What importing the file would do, without doing it: every problem row by row, and the counts of what
 * would be created, changed or left as it is. An existing household (same building, entrance and room)
 * with another area or owner is an update shown here, not an error.
 */
export async function previewImport(tx: Tx, compoundId: string, file: ImportFile): Promise<ImportPreview> {
  const compound = await importTarget(tx, compoundId);
  const { checked, plan, counts } = await analyse(tx, compound, file);
  const seeContacts = can(tx.actor, 'person.contact', compound);
  const headerCells = file.sheet.find((r) => r.row === checked.headerRow)?.cells ?? [];
  // A developer's name is not personal; a person's is masked unless the viewer may see contacts.
  const ownerName = (o: HouseholdOnRecord['owners'][number]) =>
    (o.partyId || seeContacts ? o.name : maskName(o.name)) ?? '';
  return {
    fileName: file.fileName,
    fileHash: file.fileHash,
    headerRow: checked.headerRow,
    columns: Object.entries(checked.columns).map(([field, at]) => ({
      field: field as ImportField,
      header: headerCells[at] ?? field,
    })),
    issues: checked.issues.slice(0, REPORT_LIMIT),
    issueCount: checked.issues.length,
    counts,
    changes: plan.updates.slice(0, REPORT_LIMIT).map((u) => ({
      row: u.row.row,
      building: u.row.building,
      entrance: u.row.entrance,
      room: u.row.room,
      area:
        u.areaCentiM2 === null
          ? null
          : { from: formatArea(u.household.areaCentiM2), to: formatArea(u.areaCentiM2) },
      owners:
        u.owner === null
          ? null
          : {
              from: u.household.owners.map(ownerName),
              to: u.row.ownerName,
            },
    })),
  };
}

export type ImportProgress = { done: number; total: number };
export type ImportResult = { fileHash: string; counts: ImportCounts };

function refusal(issues: readonly ImportIssue[]) {
  return new AppError('validation_failed', {
    fields: issues.slice(0, REPORT_LIMIT).map((i) => ({
      field: i.field === 'file' ? 'file' : `rows.${i.row}.${i.field}`,
      message: i.message,
    })),
    extra: { issueCount: issues.length },
  });
}

/**
 * Imports the file in the caller's one transaction: all of it, or — when any row has a problem — nothing.
 * Matching is by building + entrance + room for households and name + phone for people, so importing the
 * same file again finds everything and writes nothing, audit included. Audit: one summary entry on the
 * compound (counts, file hash) and one entry per changed household; created households are covered by the
 * summary, which keeps a 100,000-row import one entry instead of 100,000.
 */
export async function commitImport(
  tx: Tx,
  compoundId: string,
  file: ImportFile,
  options: { expectedHash?: string; onProgress?: (progress: ImportProgress) => Promise<void> | void } = {},
): Promise<ImportResult> {
  const compound = await importTarget(tx, compoundId);
  if (options.expectedHash && options.expectedHash !== file.fileHash)
    throw new AppError('conflict', {
      fields: [
        {
          field: 'file',
          message: {
            'zh-CN': '文件与预览时的不同，请重新预览',
            en: 'The file differs from the one previewed; preview it again',
          },
        },
      ],
    });
  await lockCompound(tx.db, compound.id);
  const { checked, snapshot, plan, counts } = await analyse(tx, compound, file);
  if (checked.issues.length > 0) throw refusal(checked.issues);
  const total = plan.creates.length + plan.updates.length;
  await options.onProgress?.({ done: 0, total });
  await applyPlan(tx, compound, snapshot, plan, file.fileHash, async (done) => {
    await options.onProgress?.({ done, total });
  });
  if (total > 0)
    await recordAudit(tx, {
      action: 'household_import.committed',
      entityType: 'place',
      entityId: compound.id,
      changes: {
        fileHash: { to: file.fileHash },
        ...Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, { to: v }])),
      },
    });
  return { fileHash: file.fileHash, counts };
}

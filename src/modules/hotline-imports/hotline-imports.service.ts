import crypto from 'node:crypto';
import { idLists } from '../../db/fragments.ts';
import { AppError } from '../../server/errors.ts';
import type { Bilingual } from '../../server/i18n.ts';
import type { Tx } from '../../server/transaction.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { lockCompound } from '../household-imports/household-imports.repo.ts';
import { normalizeBuilding, remembering, tidy } from '../household-imports/names.ts';
import { readUploadedSheet } from '../household-imports/spreadsheet.ts';
import { intakeMatter } from '../matters/matters.service.ts';
import { type PlaceRecord, placesBelow } from '../places/places.repo.ts';
import { placeFor } from '../places/visibility.ts';
import type { sheetRowStatuses } from '../sheet-imports/sheet-import.schemas.ts';
import { checkHotlineRows, fill, type HotlineField, type HotlineRow, hotlineMessages } from './rows.ts';

/** A report lists at most this many rows; the counts always cover the whole file. */
export const REPORT_LIMIT = 1000;

export type HotlineFile = { bytes: Uint8Array; fileName: string };
type Status = (typeof sheetRowStatuses)[number];
export type ReportRow = {
  row: number;
  hotlineNo: string;
  status: Status;
  placeName: string | null;
  matterId: string | null;
  issues: { field: HotlineField | 'file'; value: string; message: Bilingual }[];
};
export type HotlineReport = {
  fileName: string;
  fileHash: string;
  counts: Record<'rows' | Status, number>;
  rows: ReportRow[];
};

/** The street or community the work orders came to: visible to the actor, and theirs to record matters at. */
export function hotlineTarget(tx: Tx, placeId: string): Promise<PlaceRecord> {
  return placeFor(tx, 'matter.intake', placeId, ['street', 'community']);
}

const withoutSuffix = (suffix: RegExp) => (name: string) => tidy(name).replace(suffix, '');
const communityKey = withoutSuffix(/社区(居委会|居民委员会)?$/);
const compoundKey = withoutSuffix(/小区$/);

/** Finds each row's place below the target by the names the sheet gives: community, compound, building. */
async function placeResolver(tx: Tx, target: PlaceRecord) {
  const places = await placesBelow(tx.db, target.path, ['community', 'compound', 'building']);
  const building = remembering(normalizeBuilding);
  const children = new Map<string, Map<string, PlaceRecord>>();
  for (const p of places) {
    if (!p.parent_id || p.id === target.id) continue;
    const key =
      p.kind === 'community'
        ? communityKey(p.name)
        : p.kind === 'compound'
          ? compoundKey(p.name)
          : building(p.name);
    const siblings = children.get(p.parent_id) ?? new Map<string, PlaceRecord>();
    siblings.set(`${p.kind}:${key}`, p);
    children.set(p.parent_id, siblings);
  }
  const child = (parent: PlaceRecord, kind: string, key: string) =>
    children.get(parent.id)?.get(`${kind}:${key}`);

  return (
    row: HotlineRow,
  ): { place: PlaceRecord } | { field: HotlineField; value: string; message: Bilingual } => {
    let community: PlaceRecord | undefined = target.kind === 'community' ? target : undefined;
    if (target.kind !== 'community') {
      if (!row.community) return { field: 'community', value: '', message: hotlineMessages.missingCommunity };
      community = child(target, 'community', communityKey(row.community));
      if (!community)
        return {
          field: 'community',
          value: row.community,
          message: fill(hotlineMessages.unknownCommunity, { name: row.community }),
        };
    }
    if (!community) throw new Error('unreachable');
    if (!row.compound) return { place: community };
    const compound = child(community, 'compound', compoundKey(row.compound));
    if (!compound)
      return {
        field: 'compound',
        value: row.compound,
        message: fill(hotlineMessages.unknownCompound, { name: row.compound }),
      };
    if (!row.building) return { place: compound };
    const found = child(compound, 'building', building(row.building));
    return found
      ? { place: found }
      : {
          field: 'building',
          value: row.building,
          message: fill(hotlineMessages.unknownBuilding, { name: row.building }),
        };
  };
}

async function alreadyImported(tx: Tx, numbers: readonly string[]) {
  const found = new Map<string, string>();
  for (const list of idLists(numbers)) {
    const rows = await tx.db
      .selectFrom('matters')
      .select(['id', 'hotline_no'])
      .where('hotline_no', 'in', list)
      .execute();
    for (const r of rows) if (r.hotline_no) found.set(r.hotline_no, r.id);
  }
  return found;
}

async function readFile(file: HotlineFile) {
  return (await readUploadedSheet(file.bytes)).rows;
}

type Planned = ReportRow & { source?: HotlineRow; placeId?: string };

/** Every row of the file with what would become of it: new, already imported (skipped), or refused and why. */
async function plan(tx: Tx, target: PlaceRecord, file: HotlineFile) {
  const checked = checkHotlineRows(await readFile(file));
  const fileIssues = checked.issues.filter((i) => i.field === 'file');
  if (fileIssues.length > 0) {
    throw new AppError('validation_failed', {
      fields: fileIssues.map((i) => ({ field: 'file', message: i.message })),
    });
  }
  const resolve = await placeResolver(tx, target);
  const imported = await alreadyImported(
    tx,
    checked.rows.map((r) => r.hotlineNo),
  );
  const planned: Planned[] = [];
  const byRow = new Map<number, Planned>();
  for (const issue of checked.issues) {
    const entry = byRow.get(issue.row) ?? {
      row: issue.row,
      hotlineNo: issue.hotlineNo,
      status: 'refused' as const,
      placeName: null,
      matterId: null,
      issues: [],
    };
    entry.issues.push({ field: issue.field, value: issue.value, message: issue.message });
    if (!byRow.has(issue.row)) {
      byRow.set(issue.row, entry);
      planned.push(entry);
    }
  }
  for (const row of checked.rows) {
    const existing = imported.get(row.hotlineNo);
    const base = { row: row.row, hotlineNo: row.hotlineNo, source: row };
    if (existing) {
      planned.push({
        ...base,
        status: 'duplicate',
        placeName: null,
        matterId: existing,
        issues: [{ field: 'hotlineNo', value: row.hotlineNo, message: hotlineMessages.alreadyImported }],
      });
      continue;
    }
    const found = resolve(row);
    planned.push(
      'place' in found
        ? {
            ...base,
            status: 'new',
            placeName: found.place.name,
            matterId: null,
            issues: [],
            placeId: found.place.id,
          }
        : { ...base, status: 'refused', placeName: null, matterId: null, issues: [found] },
    );
  }
  planned.sort((a, b) => a.row - b.row);
  return planned;
}

function reportOf(file: HotlineFile, rows: Planned[]): HotlineReport {
  const counts = { rows: rows.length, new: 0, imported: 0, duplicate: 0, refused: 0 };
  for (const r of rows) counts[r.status]++;
  // The refused rows are what the reader must act on: they come first when the list is cut.
  const shown = [...rows.filter((r) => r.status === 'refused'), ...rows.filter((r) => r.status !== 'refused')]
    .slice(0, REPORT_LIMIT)
    .sort((a, b) => a.row - b.row)
    .map(({ source: _source, placeId: _placeId, ...row }) => row);
  return {
    fileName: file.fileName,
    fileHash: crypto.createHash('sha256').update(file.bytes).digest('hex'),
    counts,
    rows: shown,
  };
}

/** What importing the file would do, row by row, without doing it. */
export async function previewHotlineImport(
  tx: Tx,
  placeId: string,
  file: HotlineFile,
): Promise<HotlineReport> {
  const target = await hotlineTarget(tx, placeId);
  return reportOf(file, await plan(tx, target, file));
}

/**
 * Imports the work orders in one transaction: each new one becomes a matter of the 12345 channel with its
 * number kept; one already on record is skipped, so importing the same file again — or next month's file
 * that repeats some of this month's — adds nothing twice; a refused row is reported and the rest still go
 * in (the corrected file can be imported again later). Two imports at once take turns on the target's lock.
 */
export async function commitHotlineImport(
  tx: Tx,
  placeId: string,
  file: HotlineFile,
  options: { expectedHash?: string; onProgress?: (done: number, total: number) => Promise<void> | void } = {},
): Promise<HotlineReport> {
  const target = await hotlineTarget(tx, placeId);
  const fileHash = crypto.createHash('sha256').update(file.bytes).digest('hex');
  if (options.expectedHash && options.expectedHash !== fileHash)
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
  await lockCompound(tx.db, target.id);
  const rows = await plan(tx, target, file);
  const toImport = rows.filter((r) => r.status === 'new');
  await options.onProgress?.(0, toImport.length);
  let done = 0;
  for (const entry of toImport) {
    const row = entry.source!;
    entry.matterId = await intakeMatter(tx, {
      kind: 'problem',
      title: row.title || undefined,
      text: row.text,
      category: row.category,
      placeId: entry.placeId!,
      hideName: false,
      channel: 'hotline_12345',
      hotlineNo: row.hotlineNo,
      submitterName: row.name || undefined,
      submitterPhone: row.phone ?? undefined,
    });
    entry.status = 'imported';
    done++;
    if (done % 50 === 0 || done === toImport.length) await options.onProgress?.(done, toImport.length);
  }
  const report = reportOf(file, rows);
  if (toImport.length > 0)
    await recordAudit(tx, {
      action: 'hotline_import.committed',
      entityType: 'place',
      entityId: target.id,
      changes: {
        fileHash: { to: report.fileHash },
        imported: { to: report.counts.imported },
        duplicate: { to: report.counts.duplicate },
        refused: { to: report.counts.refused },
      },
    });
  return report;
}

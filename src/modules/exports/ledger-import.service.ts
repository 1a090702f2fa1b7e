import crypto from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { idLists } from '../../db/fragments.ts';
import { priorityOf } from '../../domain/matters/priority.ts';
import { AppError } from '../../server/errors.ts';
import type { Bilingual } from '../../server/i18n.ts';
import type { Tx } from '../../server/transaction.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { countChange } from '../figures/rollup.ts';
import { findHeaderOf } from '../household-imports/columns.ts';
import { lockCompound } from '../household-imports/household-imports.repo.ts';
import { normalizeBuilding, tidy } from '../household-imports/names.ts';
import { readUploadedSheet } from '../household-imports/spreadsheet.ts';
import { insertEvent, insertMatter, insertProblem } from '../matters/matters.repo.ts';
import { type PlaceRecord, placesBelow } from '../places/places.repo.ts';
import { placeFor } from '../places/visibility.ts';
import type { sheetRowStatuses } from '../sheet-imports/sheet-import.schemas.ts';
import {
  type LedgerField,
  type LedgerRow,
  ledgerColumnNames,
  ledgerColumns,
  readLedgerRow,
  requiredLedgerFields,
} from './problem-ledger.ts';

// A problem ledger 台账 into a community: the ledger the export writes, or one a community kept by hand in
// its columns. Preview row by row, then import the same file in one transaction — all of it, or nothing
// while a row is wrong. Problems already brought in from the same ledger (by their id there) are skipped.

/** A report lists at most this many rows; the counts always cover the whole file. */
export const REPORT_LIMIT = 1000;

export type LedgerFile = { bytes: Uint8Array; fileName: string };
type Status = (typeof sheetRowStatuses)[number];
type Issue = { field: LedgerField | 'file'; column: string; value: string; message: Bilingual };
export type LedgerReportRow = {
  row: number;
  title: string;
  status: Status;
  placeName: string | null;
  problemId: string | null;
  issues: Issue[];
};
export type LedgerReport = {
  fileName: string;
  fileHash: string;
  counts: Record<'rows' | Status, number>;
  rows: LedgerReportRow[];
};

const messages = {
  noRows: { 'zh-CN': '文件中没有问题', en: 'The file holds no problems' },
  missingColumn: {
    'zh-CN': '找不到“{column}”列',
    en: 'No “{column}” column',
  },
  unknownPlace: {
    'zh-CN': '社区内找不到“{name}”（应为小区名，或小区名和楼栋）',
    en: 'No “{name}” in the community (a compound, or a compound and a building)',
  },
  repeated: { 'zh-CN': '问题编号与第 {row} 行重复', en: 'The same problem ID as row {row}' },
  repeatedRow: {
    'zh-CN': '与第 {row} 行的问题、地点和受理时间都相同',
    en: 'The same problem, place and time accepted as row {row}',
  },
  alreadyImported: {
    'zh-CN': '此问题已从同一台账导入过，跳过',
    en: 'This problem was imported from the same ledger before; skipped',
  },
  alreadyHere: {
    'zh-CN': '此问题就是本社区的问题（问题编号相同），跳过',
    en: 'This is a problem of this community already (the same problem ID); skipped',
  },
  changed: {
    'zh-CN': '文件与预览时的不同，请重新预览',
    en: 'The file differs from the one previewed; preview it again',
  },
  rowsWrong: {
    'zh-CN': '有 {count} 行需要修改，改好后重新预览再导入',
    en: '{count} rows need correcting; correct them, preview again, then import',
  },
} as const satisfies Record<string, Bilingual>;

const fill = (message: Bilingual, params: Record<string, string | number>): Bilingual => {
  const sub = (text: string) => text.replace(/\{(\w+)\}/g, (whole, k: string) => String(params[k] ?? whole));
  return { 'zh-CN': sub(message['zh-CN']), en: sub(message.en) };
};

/** The community the ledger is imported into: one where the actor accepts matters into problems. */
export function ledgerTarget(tx: Tx, placeId: string): Promise<PlaceRecord> {
  return placeFor(tx, 'matter.triage', placeId, ['community']);
}

const compoundKey = (name: string) => tidy(name).replace(/小区$/, '');

/**
 * Finds a ledger row's place in the community by the names it gives: a compound (with or without 小区),
 * then optionally a building as any of its spellings (3号楼, 3栋, 三号楼); '' is the community itself.
 */
async function placeResolver(tx: Tx, community: PlaceRecord) {
  const places = await placesBelow(tx.db, community.path, ['compound', 'building']);
  const compounds = places.filter((p) => p.kind === 'compound' && p.parent_id === community.id);
  const buildings = new Map<string, Map<string, PlaceRecord>>();
  for (const b of places.filter((p) => p.kind === 'building')) {
    const of = buildings.get(b.parent_id ?? '') ?? new Map<string, PlaceRecord>();
    of.set(normalizeBuilding(b.name), b);
    buildings.set(b.parent_id ?? '', of);
  }
  // The longest compound name first: 星河锦城 before 星河.
  const byLength = [...compounds].sort((a, b) => compoundKey(b.name).length - compoundKey(a.name).length);
  return (text: string): PlaceRecord | null => {
    const wanted = tidy(text);
    if (!wanted) return community;
    for (const compound of byLength) {
      const key = compoundKey(compound.name);
      if (!wanted.startsWith(key)) continue;
      const rest = wanted.slice(key.length).replace(/^小区/, '');
      if (!rest) return compound;
      const building = buildings.get(compound.id)?.get(normalizeBuilding(rest));
      if (building) return building;
    }
    return null;
  };
}

async function readFile(file: LedgerFile) {
  return (await readUploadedSheet(file.bytes)).rows;
}

/** `sourceId` is what the row is known by in `ledger_imports`: its 问题编号, or for a hand-kept ledger its own. */
type Planned = LedgerReportRow & { source?: LedgerRow; sourceId?: string; place?: PlaceRecord };

/** Every row of the file with what would become of it: new, already imported (skipped), or refused and why. */
async function plan(tx: Tx, community: PlaceRecord, file: LedgerFile): Promise<Planned[]> {
  const sheet = await readFile(file);
  const header = findHeaderOf(
    ledgerColumnNames,
    requiredLedgerFields,
    sheet.map((r) => r.cells),
  );
  const headerCells = sheet[header.index]?.cells ?? [];
  if (header.missing.length > 0)
    throw new AppError('validation_failed', {
      fields: header.missing.map((field) => {
        const column = ledgerColumns.find((c) => c.field === field)!.header;
        return {
          field: 'file',
          message: {
            'zh-CN': fill(messages.missingColumn, { column: column['zh-CN'] })['zh-CN'],
            en: fill(messages.missingColumn, { column: column.en }).en,
          },
        };
      }),
    });
  const body = sheet.slice(header.index + 1);
  if (body.length === 0)
    throw new AppError('validation_failed', { fields: [{ field: 'file', message: messages.noRows }] });

  const resolve = await placeResolver(tx, community);
  const columnOf = (field: LedgerField) => {
    const at = header.columns[field];
    return at === undefined ? '' : (headerCells[at] ?? '');
  };
  const rows = body.map(({ row, cells }) => {
    const cell = (field: LedgerField) => {
      const at = header.columns[field];
      return at === undefined ? '' : (cells[at] ?? '');
    };
    const read = readLedgerRow(cell);
    const givenId = read.row?.sourceId ?? cell('sourceId').trim();
    return { row, cell, read, givenId, sourceId: givenId || (read.row ? handKeptId(read.row) : '') };
  });
  const imported = new Map<string, string>();
  for (const list of idLists(rows.map((r) => r.sourceId).filter(Boolean))) {
    const found = await tx.db
      .selectFrom('ledger_imports')
      .select(['source_id', 'problem_id'])
      .where('community_id', '=', community.id)
      .where('source_id', 'in', list)
      .execute();
    for (const f of found) imported.set(f.source_id, f.problem_id);
  }
  // The community's own problem list exported and imported back: its IDs are its problems'.
  const own = new Set<string>();
  for (const list of idLists(rows.map((r) => r.givenId).filter(Boolean))) {
    const found = await tx.db
      .selectFrom('problems')
      .select('id')
      .where('community_id', '=', community.id)
      .where('id', 'in', list)
      .execute();
    for (const f of found) own.add(f.id);
  }

  const seen = new Map<string, number>();
  return rows.map(({ row, cell, read, givenId, sourceId }): Planned => {
    const issues: Issue[] = read.issues.map((i) => ({ ...i, column: columnOf(i.field) }));
    const title = cell('title').trim();
    const refused = () => ({
      row,
      title,
      status: 'refused' as const,
      placeName: null,
      problemId: null,
      issues,
    });
    if (sourceId) {
      const earlier = seen.get(sourceId);
      if (earlier !== undefined)
        issues.push({
          field: 'sourceId',
          column: columnOf('sourceId'),
          value: givenId,
          message: fill(givenId ? messages.repeated : messages.repeatedRow, { row: earlier }),
        });
      else seen.set(sourceId, row);
    }
    if (!read.row || issues.length > 0) return refused();
    const place = resolve(read.row.place);
    if (!place) {
      issues.push({
        field: 'place',
        column: columnOf('place'),
        value: read.row.place,
        message: fill(messages.unknownPlace, { name: read.row.place }),
      });
      return refused();
    }
    const already = imported.get(sourceId) ?? (own.has(givenId) ? givenId : undefined);
    if (already)
      return {
        row,
        title,
        status: 'duplicate',
        placeName: place.name,
        problemId: already,
        issues: [
          {
            field: 'sourceId',
            column: columnOf('sourceId'),
            value: givenId,
            message: own.has(givenId) ? messages.alreadyHere : messages.alreadyImported,
          },
        ],
      };
    return {
      row,
      title,
      status: 'new',
      placeName: place.name,
      problemId: null,
      issues: [],
      source: read.row,
      sourceId,
      place,
    };
  });
}

/**
 * A ledger kept by hand has no 问题编号: each of its rows is known by its problem, place and the time it was
 * accepted, so importing the same ledger again (or next month's, which repeats this month's rows) skips
 * what it brought before.
 */
function handKeptId(row: LedgerRow): string {
  const key = [row.title, row.place, row.openedAt].join('\u0000');
  return `hand-kept:${crypto.createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

function hashOf(file: LedgerFile) {
  return crypto.createHash('sha256').update(file.bytes).digest('hex');
}

function reportOf(file: LedgerFile, rows: Planned[]): LedgerReport {
  const counts = { rows: rows.length, new: 0, imported: 0, duplicate: 0, refused: 0 };
  for (const r of rows) counts[r.status]++;
  // The refused rows are what the reader must act on: they come first when the list is cut.
  const shown = [...rows.filter((r) => r.status === 'refused'), ...rows.filter((r) => r.status !== 'refused')]
    .slice(0, REPORT_LIMIT)
    .sort((a, b) => a.row - b.row)
    .map(({ source: _source, place: _place, ...row }) => row);
  return { fileName: file.fileName, fileHash: hashOf(file), counts, rows: shown };
}

/** What importing the ledger would do, row by row, without doing it. */
export async function previewLedgerImport(tx: Tx, placeId: string, file: LedgerFile): Promise<LedgerReport> {
  const community = await ledgerTarget(tx, placeId);
  return reportOf(file, await plan(tx, community, file));
}

/** The matters of an imported problem: one per voice, the answers given to the first of them. */
function mattersOf(tx: Tx, problemId: string, row: LedgerRow, place: PlaceRecord, communityId: string) {
  const answeredAt = row.closedAt ?? row.resolvedAt ?? row.firstResponseAt ?? row.openedAt;
  return Array.from({ length: row.voices }, (_, i) => {
    const solved = i < row.confirmed ? 1 : i < row.confirmed + row.dissatisfied ? 0 : null;
    const state =
      solved === 1
        ? 'confirmed'
        : solved === 0
          ? 'dissatisfied'
          : row.state === 'closed'
            ? 'closed'
            : 'accepted';
    return {
      id: uuidv7(),
      problem_id: problemId,
      kind: 'problem',
      title: null,
      text: row.title,
      category: row.category,
      community_id: communityId,
      place_id: place.id,
      place_path: place.path,
      channel: row.channel,
      hotline_no: null,
      submitter_user_id: null,
      submitter_person_id: null,
      recorded_by: tx.actor?.userId ?? null,
      state,
      decline_reason: null,
      feedback_solved: solved,
      rating: solved === null ? null : (row.ratings[i] ?? null),
      feedback_comment: null,
      feedback_at: solved === null ? null : answeredAt,
      closed_at: state === 'closed' ? row.closedAt : null,
      created_at: row.raisedAt,
      updated_at: tx.now.toISOString(),
    };
  });
}

/** Writes one ledger row: its problem as the ledger describes it, its matters, and the figures' counts. */
async function importRow(tx: Tx, community: PlaceRecord, planned: Planned, fileHash: string) {
  const row = planned.source!;
  const place = planned.place!;
  const id = uuidv7();
  const now = tx.now.toISOString();
  await insertProblem(tx.db, {
    id,
    community_id: community.id,
    place_id: place.id,
    place_path: place.path,
    category: row.category,
    title: row.title,
    state: row.state,
    level: row.level,
    urgency: row.urgency,
    severity: row.severity,
    priority: priorityOf(row.urgency, row.severity).score,
    deadline_at: row.deadlineAt,
    deadline_provisional: 0,
    reopen_count: row.reopens,
    first_taken_at: row.firstResponseAt,
    resolved_at: row.resolvedAt,
    closed_at: row.closedAt,
    public_summary: null,
    published_at: null,
    created_at: row.openedAt,
    updated_at: now,
  });
  const matters = mattersOf(tx, id, row, place, community.id);
  await insertMatter(tx.db, matters);
  // Straight into the timeline: a historic record is told to no one.
  await insertEvent(tx.db, {
    id: uuidv7(),
    problem_id: id,
    at: now,
    actor_id: tx.actor?.userId ?? null,
    kind: 'created',
    visibility: 'staff',
    text: null,
    data: JSON.stringify({ ledger: fileHash, row: planned.row, sourceId: row.sourceId || null }),
  });
  await tx.db
    .insertInto('ledger_imports')
    .values({ community_id: community.id, source_id: planned.sourceId!, problem_id: id, imported_at: now })
    .execute();
  for (const m of matters) await countChange(tx, { matterId: m.id });
  await countChange(tx, { problemId: id });
  return id;
}

/**
 * Imports the ledger in one transaction, or refuses it whole while any row is wrong; rows brought in
 * before from the same ledger are skipped, so importing it again adds nothing. Two imports into one
 * community take turns on its lock.
 */
export async function commitLedgerImport(
  tx: Tx,
  placeId: string,
  file: LedgerFile,
  options: { expectedHash?: string; onProgress?: (done: number, total: number) => Promise<void> | void } = {},
): Promise<LedgerReport> {
  const community = await ledgerTarget(tx, placeId);
  const fileHash = hashOf(file);
  if (options.expectedHash && options.expectedHash !== fileHash)
    throw new AppError('conflict', { fields: [{ field: 'file', message: messages.changed }] });
  await lockCompound(tx.db, community.id);
  const rows = await plan(tx, community, file);
  const refused = rows.filter((r) => r.status === 'refused').length;
  if (refused > 0)
    throw new AppError('validation_failed', {
      fields: [{ field: 'file', message: fill(messages.rowsWrong, { count: refused }) }],
    });
  const toImport = rows.filter((r) => r.status === 'new');
  await options.onProgress?.(0, toImport.length);
  let done = 0;
  for (const entry of toImport) {
    entry.problemId = await importRow(tx, community, entry, fileHash);
    entry.status = 'imported';
    done++;
    if (done % 50 === 0 || done === toImport.length) await options.onProgress?.(done, toImport.length);
  }
  const report = reportOf(file, rows);
  if (toImport.length > 0)
    await recordAudit(tx, {
      action: 'ledger_import.committed',
      entityType: 'place',
      entityId: community.id,
      changes: {
        fileHash: { to: report.fileHash },
        imported: { to: report.counts.imported },
        duplicate: { to: report.counts.duplicate },
      },
    });
  return report;
}

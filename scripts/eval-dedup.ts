// Scores the problem-list clustering on a labelled file (format: test/data/README-dedup.md).
//
//   npx tsx scripts/eval-dedup.ts FILE            full-file figures
//   npx tsx scripts/eval-dedup.ts FILE --cv       plus cross-validation grouped by community
//   npx tsx scripts/eval-dedup.ts FILE --compare  plus the other approaches, for the doc's table
//   npx tsx scripts/eval-dedup.ts FILE --bench    plus timings on 2,000 synthetic matters
//
// The last line printed is always one JSON object with the full-file figures (and the
// cross-validated means when --cv is given).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { clusterByBigramBaseline } from '../src/domain/dedup/baseline.ts';
import { clusterMatters } from '../src/domain/dedup/cluster.ts';
import {
  type CrossValidation,
  type CrossValidationOptions,
  communityFolds,
  crossValidate,
  DEFAULT_THRESHOLD_GRID,
  evaluateClustering,
  kindsWithWordsDropped,
  type LabelledMatter,
} from '../src/domain/dedup/evaluate.ts';
import { PROBLEM_KINDS } from '../src/domain/dedup/lexicon.ts';
import { labelsOf, type PartitionScores, scorePartition } from '../src/domain/dedup/metrics.ts';
import { indexProblems, similarProblems } from '../src/domain/dedup/similar.ts';
import type { MatterRecord } from '../src/domain/dedup/types.ts';

function readLabelled(file: string): LabelledMatter[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const r = JSON.parse(line) as Record<string, unknown>;
      const str = (k: string): string => (typeof r[k] === 'string' ? (r[k] as string) : '');
      if (!str('id') || !str('compound') || !str('cluster'))
        throw new Error(`${file}:${i + 1}: id, compound and cluster are required`);
      return {
        id: str('id'),
        community: str('community') || str('compound'),
        compound: str('compound'),
        building: str('building'),
        channel: str('channel'),
        category: str('category'),
        title: str('title'),
        text: str('text'),
        cluster: str('cluster'),
      };
    });
}

const f3 = (x: number): string => x.toFixed(3);

function describe(label: string, s: PartitionScores): string {
  return (
    `${label}  B³ P ${f3(s.bcubedPrecision)} R ${f3(s.bcubedRecall)} F1 ${f3(s.bcubedF1)}` +
    `  pairwise P ${f3(s.pairwisePrecision)} R ${f3(s.pairwiseRecall)} F1 ${f3(s.pairwiseF1)}` +
    `  clusters ${s.predictedClusters} (gold ${s.goldClusters})`
  );
}

function printCv(title: string, cv: CrossValidation): void {
  console.log(`\n${title}`);
  for (const fold of cv.folds)
    console.log(
      describe(
        `  held out ${fold.heldOut.join('+')} (threshold ${fold.threshold}, ${fold.kinds} kinds)`,
        fold.scores,
      ),
    );
  const m = cv.mean;
  console.log(
    `  mean  B³ P ${f3(m.bcubedPrecision)} R ${f3(m.bcubedRecall)} F1 ${f3(m.bcubedF1)}` +
      `  pairwise P ${f3(m.pairwisePrecision)} R ${f3(m.pairwiseRecall)} F1 ${f3(m.pairwiseF1)}`,
  );
}

function compare(records: readonly LabelledMatter[]): void {
  console.log('\nApproaches: in-sample on the full file (best threshold) and cross-validated by community:');
  const gold = new Map(records.map((r) => [r.id, r.cluster]));
  const baseline = scorePartition(gold, labelsOf(clusterByBigramBaseline(records, 0.06)));
  const folds = communityFolds(records, 4).map((held) => {
    const test = records.filter((r) => held.includes(r.community));
    return scorePartition(
      new Map(test.map((r) => [r.id, r.cluster])),
      labelsOf(clusterByBigramBaseline(test, 0.06)),
    );
  });
  const mean = (pick: (s: PartitionScores) => number): number =>
    folds.reduce((sum, s) => sum + pick(s), 0) / folds.length;
  console.log(
    `  README baseline: char-bigram TF-IDF, single link, 0.06 full F1 ${f3(baseline.bcubedF1)} (P ${f3(baseline.bcubedPrecision)})` +
      `  per-fold mean B³ P ${f3(mean((s) => s.bcubedPrecision))} R ${f3(mean((s) => s.bcubedRecall))}` +
      ` F1 ${f3(mean((s) => s.bcubedF1))} pairwise F1 ${f3(mean((s) => s.pairwiseF1))}`,
  );
  const rows: [string, CrossValidationOptions][] = [
    ['words only: char bigrams, single link    ', { kinds: [], tokens: 'bigrams', linkage: 'single' }],
    ['words only: ICU words, single link       ', { kinds: [], tokens: 'words', linkage: 'single' }],
    ['words only: chars+bigrams, single link   ', { kinds: [], tokens: 'chars', linkage: 'single' }],
    ['words only: chars+bigrams, average link  ', { kinds: [] }],
    ['lexicon + words (the product)            ', {}],
    ['lexicon cut to training kinds + words    ', { lexicon: 'kinds' }],
    ['lexicon cut to training words + words    ', { lexicon: 'words' }],
  ];
  for (const [name, o] of rows) {
    const cv = crossValidate(records, o);
    const full = DEFAULT_THRESHOLD_GRID.map((threshold) =>
      evaluateClustering(records, { ...o, threshold }),
    ).reduce((best, s) => (s.bcubedF1 > best.bcubedF1 ? s : best));
    const m = cv.mean;
    console.log(
      `  ${name}  full F1 ${f3(full.bcubedF1)} (P ${f3(full.bcubedPrecision)})` +
        `  CV B³ P ${f3(m.bcubedPrecision)} R ${f3(m.bcubedRecall)} F1 ${f3(m.bcubedF1)} pairwise F1 ${f3(m.pairwiseF1)}` +
        `  thresholds ${cv.folds.map((x) => x.threshold).join('/')}`,
    );
  }
  for (const share of [0.2, 0.4]) {
    const runs = Array.from({ length: 10 }, (_, seed) =>
      evaluateClustering(records, { kinds: kindsWithWordsDropped(PROBLEM_KINDS, share, seed + 1) }),
    );
    const avg = (pick: (s: PartitionScores) => number): number =>
      runs.reduce((t, s) => t + pick(s), 0) / runs.length;
    console.log(
      `  lexicon with ${share * 100} % of its words dropped at random (10 seeds), full file:` +
        ` B³ P ${f3(avg((s) => s.bcubedPrecision))} R ${f3(avg((s) => s.bcubedRecall))} F1 ${f3(avg((s) => s.bcubedF1))}` +
        ` (worst F1 ${f3(Math.min(...runs.map((s) => s.bcubedF1)))})`,
    );
  }
}

/** The file replicated with renamed compounds until it holds `n` matters. */
function replicate(records: readonly MatterRecord[], n: number, compounds?: number): MatterRecord[] {
  const out: MatterRecord[] = [];
  for (let copy = 0; out.length < n; copy++)
    for (const r of records) {
      if (out.length >= n) break;
      const compound = compounds === undefined ? `${r.compound}${copy}` : `小区${out.length % compounds}`;
      out.push({ ...r, id: `${r.id}-${copy}`, compound });
    }
  return out;
}

function timeIt(run: () => unknown, repeat = 3): number {
  run();
  const start = performance.now();
  for (let i = 0; i < repeat; i++) run();
  return (performance.now() - start) / repeat;
}

function bench(records: readonly MatterRecord[]): void {
  console.log('\nTimings (mean of 3 runs after one warm-up):');
  for (const [label, set] of [
    ['2,000 matters, the file copied into 200 compounds', replicate(records, 2000)],
    ['2,000 matters in 3 compounds', replicate(records, 2000, 3)],
    ['2,000 matters in 1 compound (worst case)', replicate(records, 2000, 1)],
  ] as const) {
    const ms = timeIt(() => clusterMatters(set));
    console.log(`  clusterMatters, ${label}: ${ms.toFixed(0)} ms`);
  }
  const problems = replicate(records, 100, 1);
  const drafts = records.slice(100, 150).map((r) => ({ ...r, compound: '小区0' }));
  const index = indexProblems(problems);
  const perKeystroke =
    timeIt(() => {
      for (const d of drafts) similarProblems(d, index);
    }) / drafts.length;
  const perCall =
    timeIt(() => {
      for (const d of drafts) similarProblems(d, problems);
    }) / drafts.length;
  console.log(
    `  similarProblems, one draft against 100 problems of its compound: ${perKeystroke.toFixed(2)} ms` +
      ` with an index (indexProblems ${timeIt(() => indexProblems(problems)).toFixed(1)} ms once),` +
      ` ${perCall.toFixed(2)} ms without`,
  );
}

function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: npx tsx scripts/eval-dedup.ts FILE [--cv] [--compare] [--bench]');
    process.exit(2);
  }
  const records = readLabelled(file);
  const started = performance.now();
  const scores = evaluateClustering(records);
  const elapsed = performance.now() - started;
  console.log(`${records.length} matters in ${new Set(records.map((r) => r.compound)).size} compounds`);
  console.log(describe(`full file (${elapsed.toFixed(0)} ms)`, scores));
  const summary: Record<string, number> = {
    bcubed_precision: round(scores.bcubedPrecision),
    bcubed_recall: round(scores.bcubedRecall),
    bcubed_f1: round(scores.bcubedF1),
    pairwise_precision: round(scores.pairwisePrecision),
    pairwise_recall: round(scores.pairwiseRecall),
    pairwise_f1: round(scores.pairwiseF1),
    predicted_clusters: scores.predictedClusters,
    gold_clusters: scores.goldClusters,
  };
  if (args.includes('--cv')) {
    const cv = crossValidate(records);
    printCv('Cross-validation, 4 folds of communities, threshold tuned on the other three:', cv);
    const unseen = crossValidate(records, { lexicon: 'kinds' });
    printCv('Same, the lexicon cut to the kinds the training folds are about:', unseen);
    const unworded = crossValidate(records, { lexicon: 'words' });
    printCv('Same, the lexicon cut to the words the training folds use:', unworded);
    Object.assign(summary, {
      cv_bcubed_precision: round(cv.mean.bcubedPrecision),
      cv_bcubed_recall: round(cv.mean.bcubedRecall),
      cv_bcubed_f1: round(cv.mean.bcubedF1),
      cv_pairwise_f1: round(cv.mean.pairwiseF1),
      cv_unseen_kinds_bcubed_precision: round(unseen.mean.bcubedPrecision),
      cv_unseen_kinds_bcubed_f1: round(unseen.mean.bcubedF1),
      cv_unseen_words_bcubed_precision: round(unworded.mean.bcubedPrecision),
      cv_unseen_words_bcubed_f1: round(unworded.mean.bcubedF1),
    });
  }
  if (args.includes('--compare')) compare(records);
  if (args.includes('--bench')) bench(records);
  console.log(JSON.stringify(summary));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

main();

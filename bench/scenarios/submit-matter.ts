import type { Scenario } from '../harness/types.ts';

// 下单 from phones: each request a new matter with its own Idempotency-Key, committed with its audit
// entry in one transaction, every middleware on (session, CSRF, rate limit, load shedding), SQLite at
// synchronous=FULL. A write: read against the durable single-row commit rate of the same disk.
const texts = [
  '楼道灯坏了一个多月，晚上上下楼看不见路，老人摔过一次。',
  '小区东门口的垃圾桶满了没人清，气味很大。',
  '单元门禁坏了，外人随便进出，希望尽快修好。',
  '楼下广场舞音响太响，晚上十点还没结束。',
  '地下车库顶板渗水，滴到车上全是水渍。',
];

export default {
  name: 'submit-matter',
  description:
    'POST /api/matters by 20 signed-in residents, each with a fresh Idempotency-Key: the matter and its audit entry in one transaction',
  limit: 'commit',
  connections: 20,
  idReplacement: true,
  // At 1M matters on the 2-core reference machine; 0.65 × its SQLite commit rate is the same 1,500/s.
  targets: { rps: 1_500, ratio: 0.65, p99Ms: 25 },
  requests: async (ctx) =>
    (await ctx.sessions('resident', 20)).map((s, i) => ({
      method: 'POST' as const,
      path: '/api/matters',
      headers: { ...ctx.as(s), 'idempotency-key': 'bench-[<id>]' },
      body: { kind: 'problem', category: 'environment', text: texts[i % texts.length]! },
    })),
} satisfies Scenario;

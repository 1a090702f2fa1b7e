import { ensureProblemListData } from '../harness/problem-list-fixture.ts';
import type { Scenario } from '../harness/types.ts';

// "Already reported?" while a resident types: the open problems of their compound compared with the
// draft on every pause in typing. Residents of the city's first community.
export default {
  name: 'already-reported',
  description: 'POST /api/matters/already-reported by 20 residents typing drafts',
  limit: 'healthz',
  connections: 20,
  targets: { p99Ms: 30 },
  setup: ensureProblemListData,
  requests: async (ctx) => {
    const sessions = await ctx.sessions('resident', 20);
    const drafts = ['电梯又坏了', '三号楼水压太低', '楼道灯不亮好几天了', '垃圾没人清', '广场舞太吵了睡不着'];
    return sessions.map((s, i) => ({
      method: 'POST' as const,
      path: '/api/matters/already-reported',
      headers: ctx.as(s),
      body: { text: drafts[i % drafts.length] },
    }));
  },
} satisfies Scenario;

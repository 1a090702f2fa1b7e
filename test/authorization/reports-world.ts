import { monthOf } from '../../src/domain/reports/month.ts';
import type { Entry } from './matrix.ts';

// The monthly report 月报: the community office (here the community secretary) reads its own community's;
// grid workers, property staff, deputies and residents hold no office and are refused.
const month = () => monthOf(new Date());

export const reportRoutes: Record<string, Entry> = {
  'GET /api/workbench/reports/places': {
    allow: { secretary: 200 },
    build: () => ({ method: 'GET', url: '/api/workbench/reports/places' }),
  },
  'GET /api/workbench/reports/monthly': {
    allow: { secretary: 200 },
    build: (w) => ({
      method: 'GET',
      url: `/api/workbench/reports/monthly?placeId=${w.town.community.id}&month=${month()}`,
    }),
  },
  'GET /api/workbench/reports/monthly.docx': {
    allow: { secretary: 200 },
    build: (w) => ({
      method: 'GET',
      url: `/api/workbench/reports/monthly.docx?placeId=${w.town.community.id}&month=${month()}`,
    }),
  },
};

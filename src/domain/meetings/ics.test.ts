import { describe, expect, it } from 'vitest';
import { calendarFile } from './ics.ts';

describe('calendarFile', () => {
  const ics = calendarFile({
    uid: 'meeting-1@shangliang',
    title: '秦汉人家协商议事会',
    startsAt: new Date('2026-03-10T07:00:00Z'),
    endsAt: new Date('2026-03-10T09:00:00Z'),
    venue: '富平社区党群服务中心, 二楼会议室',
    description: `议题：路灯不亮;座椅\n${'很长的说明'.repeat(30)}`,
    stamp: new Date('2026-03-01T00:00:00Z'),
  });

  it('holds the event in UTC with its place and agenda escaped', () => {
    expect(ics).toContain('DTSTART:20260310T070000Z\r\n');
    expect(ics).toContain('DTEND:20260310T090000Z\r\n');
    expect(ics).toContain('LOCATION:富平社区党群服务中心\\, 二楼会议室\r\n');
    expect(ics).toContain('DESCRIPTION:议题：路灯不亮\\;座椅\\n');
  });

  it('folds long lines at 75 octets without splitting a character, and unfolds to the text', () => {
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`\\n${'很长的说明'.repeat(30)}\r\n`);
  });
});

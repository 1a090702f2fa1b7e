import { describe, expect, it } from 'vitest';
import { leaks, redact, redactionMarks } from './redact.ts';
import { redactionSet } from './redaction-set.ts';

describe('automatic redaction of a public summary', () => {
  for (const sample of redactionSet) {
    it(`hides what must not be public in «${sample.text}»`, () => {
      const { text } = redact(sample.text, sample.names);
      for (const secret of sample.hidden) expect(text).not.toContain(secret);
      for (const plain of sample.kept) expect(text).toContain(plain);
    });
  }

  it('marks what it hid, so staff reading the draft see where', () => {
    const { text, found } = redact('3号楼2单元501室，电话13812345678，宁A12345', []);
    expect(text).toBe(`${redactionMarks.door}，电话${redactionMarks.phone}，${redactionMarks.plate}`);
    expect(found.map((f) => f.kind).sort()).toEqual(['door', 'phone', 'plate']);
  });

  it('tells an ID number from the phone number inside it', () => {
    expect(redact('640102199001011234').found).toEqual([{ kind: 'id_number', text: '640102199001011234' }]);
  });

  it('finds what leaks in a reply before it is published', () => {
    expect(leaks('已联系王文贵 13812345678', ['王文贵']).sort()).toEqual(['name', 'phone']);
    expect(leaks('已安装太阳能灯4个')).toEqual([]);
  });
});

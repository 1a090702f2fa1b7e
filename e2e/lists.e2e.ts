import { describe, expect, it } from 'vitest';
import { desk, openPage } from './browser.ts';
import { signIn } from './sign-in.ts';

// Demo accounts (README): the demo's administrator sees every party of both cities; 马佳 is 富平社区's
// secretary, who manages its staff.
const admin = '17000000001';
const maJia = '17000000004';

const poll = <T>(f: () => T | Promise<T>) => expect.poll(f, { timeout: 20_000 });

type PartyPage = { items: { name: string }[]; total: number };

describe('lists the server sorts, filters and pages', () => {
  it('the parties list sorts, filters and pages as the server answers the same query', async () => {
    const page = await openPage('parties-list', desk);
    await signIn(page, '/workbench', admin);
    await page.getByRole('menuitem', { name: '协商单位' }).click();
    const table = page.locator('.ant-table');
    const names = () => table.locator('tbody tr td:first-child').allTextContents();
    const asked = async (query: string) =>
      ((await (await page.request.get(`/api/parties?${query}`)).json()) as PartyPage).items.map(
        (p) => p.name,
      );

    const byName = await asked('sort=name&order=asc&page=1&pageSize=20');
    expect(byName.length).toBeGreaterThan(1);
    await poll(names).toEqual(byName);

    // The name column sorted, then sorted the other way round.
    const nameHeader = table.locator('th', { hasText: '名称' });
    await nameHeader.click();
    await poll(names).toEqual(byName);
    await nameHeader.click();
    await poll(names).toEqual(await asked('sort=name&order=desc&page=1&pageSize=20'));

    // A kind: only its parties, counted as the server counts them.
    await page.getByLabel('按类别筛选').click();
    await page.getByTitle('物业公司').click();
    const companies = (await (
      await page.request.get('/api/parties?kind=property_company&sort=name&order=desc&pageSize=20')
    ).json()) as PartyPage;
    expect(companies.total).toBeGreaterThan(0);
    await poll(names).toEqual(companies.items.map((p) => p.name));
    expect(await page.locator('.ant-pagination-item').count()).toBe(Math.ceil(companies.total / 20));

    // A name typed: the parties whose names hold it, within the kind still chosen.
    const word = companies.items[0]!.name.slice(0, 2);
    await page.getByLabel('按名称查找').fill(word);
    await page.getByLabel('按名称查找').press('Enter');
    const found = await asked(
      `kind=property_company&name=${encodeURIComponent(word)}&sort=name&order=desc&pageSize=20`,
    );
    await poll(names).toEqual(found);
    expect(found.every((name) => name.includes(word))).toBe(true);
  });

  it('the staff list sorts by name and by the latest role given, and filters by role', async () => {
    const page = await openPage('staff-list', desk);
    await signIn(page, '/workbench', maJia);
    await page.getByRole('menuitem', { name: '人员与角色' }).click();
    const table = page.locator('.ant-table').first();
    const names = () => table.locator('tbody tr td:first-child').allTextContents();
    const asked = async (query: string) =>
      (
        (await (await page.request.get(`/api/staff?${query}&page=1&pageSize=20`)).json()) as {
          items: { name: string; status: string }[];
        }
      ).items.map((s) => s.name);

    const byName = await asked('sort=name&order=asc');
    expect(byName.length).toBeGreaterThan(2);
    await poll(names).toEqual(byName);

    const granted = table.locator('th', { hasText: '最近授予' });
    await granted.click();
    await poll(names).toEqual(await asked('sort=grantedAt&order=asc'));
    await granted.click();
    const newestFirst = await asked('sort=grantedAt&order=desc');
    await poll(names).toEqual(newestFirst);
    expect(newestFirst).not.toEqual(byName);

    await page.getByLabel('按角色筛选').click();
    await page.getByTitle('网格员').click();
    const gridWorkers = await asked('role=grid_worker&sort=grantedAt&order=desc');
    expect(gridWorkers.length).toBeGreaterThan(0);
    await poll(names).toEqual(gridWorkers);
  });

  it('a list that cannot be read says why instead of keeping the old page', async () => {
    const page = await openPage('list-refused', desk);
    await signIn(page, '/workbench', maJia);
    await page.getByRole('menuitem', { name: '问题清单' }).click();
    await poll(() => page.locator('.ant-table tbody tr').count()).toBeGreaterThan(0);

    // Signed out in another tab: the session is gone when the list asks again.
    const { csrfToken } = await (await page.request.get('/api/auth/session')).json();
    const out = await page.request.post('/api/auth/sign-out', { headers: { 'x-csrf-token': csrfToken } });
    expect(out.status()).toBe(204);
    await page.getByLabel('排序').click();
    await page.getByTitle('最新').click();
    await poll(() => page.getByRole('alert').textContent()).toContain('请先登录');
  });
});

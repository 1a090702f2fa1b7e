import type { Locator, Page } from 'playwright-core';

/** The demo's password for every account (README, "Demo accounts"). */
export const DEMO_PASSWORD = 'shangliang-demo';

// Ant Design puts a space between the two characters of a two-character Chinese button label (登 录).
export const button = (page: Page | Locator, label: string) =>
  page.getByRole('button', { name: new RegExp(`^${[...label].join('\\s?')}$`) });

export async function signIn(page: Page, path: '/resident' | '/workbench', phone: string) {
  await page.goto(path);
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await button(page, '登录').click();
}

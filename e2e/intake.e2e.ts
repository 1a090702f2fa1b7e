import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { desk, openPage, phone, seriousAccessibilityViolations } from './browser.ts';
import { button, signIn } from './sign-in.ts';

// Demo accounts (README): 王文贵 lives in 秦汉人家 3号楼 (富平社区), in 马文华's grid; 马佳 is 富平's secretary.
const wangWengui = '17000000041';
const maWenhua = '17000000013';
const maJia = '17000000004';
const tianJun = '17000000022';

describe('intake with photos and from the 12345 hotline', () => {
  it('a resident attaches a photo on the phone; the catalogue proposes the handler; the report carries photo evidence', async () => {
    const words = `楼道里堆满纸箱，着火了跑不出去（${Date.now()}）`;
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#c07830' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'ResidentPhone' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '38/1 28/1 0/1' },
      })
      .toBuffer();

    const resident = await openPage('intake-resident-photo', phone);
    await signIn(resident, '/resident', wangWengui);
    await resident.getByRole('tab', { name: '我要反映' }).click();
    await resident.getByLabel('分类').click();
    await resident.getByTitle('消防安全').click();
    await resident.getByLabel('具体情况').fill(words);
    await resident
      .locator('input[type=file]')
      .setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => resident.locator('.ant-upload-list-item').count()).toBe(1);
    await button(resident, '提交').click();
    const card = resident.getByTestId('own-matter').filter({ hasText: words });
    await expect.poll(() => card.count()).toBe(1);
    const image = card.getByRole('img', { name: '照片 1' });
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(320);
    expect(await seriousAccessibilityViolations(resident)).toEqual([]);

    // The photo the server keeps has no location left in it.
    const src = await image.getAttribute('src');
    const served = await resident.request.get(src!);
    expect(served.status()).toBe(200);
    const metadata = await sharp(await served.body()).metadata();
    expect(metadata.exif).toBeUndefined();

    const grid = await openPage('intake-grid-photo', desk);
    await signIn(grid, '/workbench', maWenhua);
    await grid.getByRole('menuitem', { name: '待受理' }).click();
    await grid.getByLabel('排序').click();
    await grid.getByTitle('最新的在前').click();
    const row = grid.getByRole('row').filter({ hasText: words });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.getByRole('img').count()).toBe(1);

    // Accepted: the dispatch catalogue proposes 富平's property company at once, and the lead is filled in.
    await button(row, '受理').click();
    const title = `楼道杂物 ${Date.now()}`;
    await grid.getByLabel('问题标题').fill(title);
    await button(grid, '确定').click();
    await grid.getByRole('menuitem', { name: '问题清单' }).click();
    await grid.getByRole('link', { name: title }).click();
    await expect
      .poll(() => grid.getByTestId('proposed-handler').textContent())
      .toBe('派单目录建议：星河物业服务有限公司（社区）');
    await button(grid, '派单').click();
    await expect
      .poll(() => grid.getByRole('row').filter({ hasText: '星河物业服务有限公司' }).first().textContent())
      .toContain('待接单');

    // The property company reports with a photo of the cleared stairwell as evidence.
    const property = await openPage('intake-property-evidence', desk);
    await signIn(property, '/workbench', tianJun);
    await property.getByRole('menuitem', { name: '我的工单' }).click();
    const order = property.getByRole('row').filter({ hasText: title });
    await button(order, '接单').click();
    await button(order, '反馈结果').click();
    await property.getByLabel('办理结果（含证据说明）').fill('杂物已清理，见照片');
    await property
      .getByRole('dialog')
      .locator('input[type=file]')
      .setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: photo });
    await button(property, '确定').click();
    await expect.poll(() => property.getByRole('row').filter({ hasText: title }).count()).toBe(0);
    await grid.reload();
    await expect.poll(() => grid.getByRole('img', { name: '办理照片 1' }).count()).toBe(1);
  });

  it('a community secretary imports the 12345 work orders in one go, and a second import adds nothing', async () => {
    const stamp = Date.now();
    const sheet = [
      '工单号,诉求内容,诉求类别,小区,来电人,来电号码',
      `YC${stamp}01,秦汉人家3号楼门口路灯不亮,城乡建设-路灯,秦汉人家,张女士,13912345678`,
      `YC${stamp}02,小区水泵夜里噪音太大,噪音扰民,,李先生,`,
      `YC${stamp}03,没有这个小区,其他,幸福里,,`,
    ].join('\n');
    const file = { name: '12345工单.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet) };

    const secretary = await openPage('intake-hotline', desk);
    await signIn(secretary, '/workbench', maJia);
    await secretary.getByRole('menuitem', { name: '12345 工单导入' }).click();
    await secretary.getByLabel('接收工单的街道或社区').click();
    await secretary.getByTitle('富平社区').click();
    await secretary.locator('input[type=file]').setInputFiles(file);
    await expect
      .poll(() => secretary.getByTestId('hotline-counts').textContent())
      .toBe('共 3 行：新工单 2，已导入过 0，有问题 1');
    expect(await secretary.getByTestId('hotline-report').textContent()).toContain('社区内找不到小区“幸福里”');
    expect(await seriousAccessibilityViolations(secretary)).toEqual([]);
    await button(secretary, '导入 2 条新工单').click();
    await expect
      .poll(() => secretary.getByText('导入 2 条，跳过已导入 0 条，有问题未导入 1 条').count())
      .toBe(1);

    // The same file again: both numbers are on record, nothing is imported twice.
    await button(secretary, '再导入一个文件').click();
    await secretary.locator('input[type=file]').setInputFiles(file);
    await expect
      .poll(() => secretary.getByTestId('hotline-counts').textContent())
      .toBe('共 3 行：新工单 0，已导入过 2，有问题 1');

    await secretary.getByRole('menuitem', { name: '待受理' }).click();
    await secretary.getByLabel('渠道').click();
    await secretary.getByTitle('12345 热线').click();
    await expect
      .poll(() =>
        secretary
          .getByRole('row')
          .filter({ hasText: `YC${stamp}01` })
          .count(),
      )
      .toBe(1);
  });

  it('a secretary names a person in the dispatch catalogue by typing part of the name', async () => {
    const secretary = await openPage('catalogue-person', desk);
    await signIn(secretary, '/workbench', maJia);
    await secretary.getByRole('menuitem', { name: '派单目录' }).click();
    await secretary.getByRole('button', { name: '新增规则' }).click();
    const form = secretary.getByRole('dialog');
    await form.getByLabel('社区', { exact: true }).click();
    await secretary.getByTitle('富平社区', { exact: true }).click();
    await form.getByLabel('问题类别').click();
    await secretary.getByTitle('就业创业').click();
    await form.getByText('工作人员', { exact: true }).click();
    // The people are searched on the server as the name is typed, not picked from a first page.
    await form.getByTestId('rule-person').click();
    await secretary.keyboard.type('白');
    await secretary.getByTitle('白雪', { exact: true }).click();
    await button(form, '保存').click();
    const row = secretary.getByRole('row').filter({ hasText: '就业创业' });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('白雪');
    expect(await seriousAccessibilityViolations(secretary)).toEqual([]);
  });
});

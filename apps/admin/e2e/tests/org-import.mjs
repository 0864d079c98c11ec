// Organisation import (issue 7, items 5 and 8): a CSV with bad rows is refused with a row-level report (row, column,
// reason) shown as a table; the report is still there after leaving the page and coming back.
export const name = 'org: import with a row-level error report';

const BAD_CSV = ['code,name,kind,parent_code,sector,member_count', 'E2E-OK-1,CĐCS thử nghiệm,grassroots_union,LDLD-PRTC,,12', 'E2E-BAD-2,,grassroots_union,LDLD-PRTC,,', 'E2E-BAD-3,CĐCS sai cấp trên,grassroots_union,KHONG-CO,,abc'].join('\n');

export async function run({ page, baseUrl, password, env, screenshot }) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Tên đăng nhập').fill(env.E2E_ADMIN ?? 'admin');
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');

  await page.goto(`${baseUrl}/org/import`);
  await page.getByRole('heading', { level: 1, name: 'Nhập, xuất dữ liệu tổ chức' }).waitFor();
  await page.getByLabel('Tệp cần nhập').setInputFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV, 'utf8') });
  await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
  const table = page.getByRole('table', { name: /lỗi theo dòng/ });
  await table.waitFor();
  await table.getByRole('cell', { name: '3', exact: true }).first().waitFor();
  await screenshot('org-import-errors');

  // Leave and come back: the last run's report is still shown.
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Quy trình' }).click();
  await page.getByRole('heading', { level: 1, name: 'Quy trình' }).waitFor();
  await page.goBack();
  await page.getByRole('table', { name: /lỗi theo dòng/ }).waitFor();
}

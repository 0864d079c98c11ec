// Organisation import (issue 7, items 5 and 8): a CSV with bad rows is refused with a row-level report (row, column,
// reason) shown as a table; the report is still there after leaving the page and coming back. Keyboard only (issue 19,
// line 7): the file field is reached with Tab and opens the chooser with Space; the focus comes back to the import
// button with the report (line 2).
import { activate, expectFocus, navigateWithKeyboard, signInWithKeyboard, tabTo, openFileChooser } from '../support/keyboard.mjs';

export const name = 'org: import with a row-level error report (keyboard only)';

const BAD_CSV = ['code,name,kind,parent_code,sector,member_count', 'E2E-OK-1,CĐCS thử nghiệm,grassroots_union,LDLD-PRTC,,12', 'E2E-BAD-2,,grassroots_union,LDLD-PRTC,,', 'E2E-BAD-3,CĐCS sai cấp trên,grassroots_union,KHONG-CO,,abc'].join('\n');

export async function run({ page, baseUrl, password, env, screenshot }) {
  await signInWithKeyboard(page, baseUrl, env.E2E_ADMIN ?? 'admin', password);
  await navigateWithKeyboard(page, 'Tổ chức');
  await activate(page, page.getByRole('link', { name: 'Nhập, xuất danh sách đơn vị và người dùng' }));
  await page.getByRole('heading', { level: 1, name: 'Nhập, xuất dữ liệu tổ chức' }).waitFor();

  await tabTo(page, page.getByLabel('Tệp cần nhập'));
  await (await openFileChooser(page)).setFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV, 'utf8') });
  const submit = page.getByRole('button', { name: 'Nhập dữ liệu' });
  await activate(page, submit);
  const table = page.getByRole('table', { name: /lỗi theo dòng/ });
  await table.waitFor();
  await table.getByRole('cell', { name: '3', exact: true }).first().waitFor();
  await expectFocus(page, submit, 'the import button');
  await screenshot('org-import-errors');

  // Leave and come back: the last run's report is still shown.
  await navigateWithKeyboard(page, 'Quy trình');
  await page.goBack();
  await page.getByRole('table', { name: /lỗi theo dòng/ }).waitFor();
}

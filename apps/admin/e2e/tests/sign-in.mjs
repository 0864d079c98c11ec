// Sign in as the administrator, see who is signed in, switch to English and back, sign out.
import assert from 'node:assert/strict';

export const name = 'sign-in, language switch, sign-out';

export async function run({ page, baseUrl, password, env, screenshot }) {
  const username = env.E2E_USERNAME ?? 'admin';

  await page.goto(`${baseUrl}/`);
  // Not signed in: the app sends us to the sign-in page, in Vietnamese by default.
  await page.waitForURL(/\/sign-in$/);
  await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  await screenshot('sign-in-page');

  // A wrong password shows the API's error, in Vietnamese, and keeps us on the page.
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(`${password}-wrong`);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.ok((await alert.innerText()).trim().length > 0, 'the error alert has text');
  await screenshot('sign-in-error');

  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');

  // The header names the user; the home page lists the user's units and roles.
  const userName = page.getByTestId('current-user-name');
  await userName.waitFor();
  const fullName = (await userName.innerText()).trim();
  assert.ok(fullName.length > 0, 'the header shows the user name');
  await page.getByRole('heading', { level: 1, name: 'Trang đơn vị' }).waitFor();
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
  await screenshot('home-vi');

  // The account menu lists the units and roles.
  await userName.click();
  await page.getByRole('heading', { name: 'Đơn vị và vai trò' }).waitFor();
  await screenshot('account-menu-vi');
  await page.keyboard.press('Escape');

  // Switch to English: the interface follows, and the choice survives a reload.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'My unit' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.reload();
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
  await page.getByRole('link', { name: 'Inbox' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  await screenshot('inbox-en');

  // And back to Vietnamese.
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');

  // Sign out: back on the sign-in page, told so, and the protected pages are closed again.
  await userName.click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL(/\/sign-in$/);
  await page.getByText('Bạn đã đăng xuất.').waitFor();
  await screenshot('signed-out');
  await page.goto(`${baseUrl}/inbox`);
  await page.waitForURL(/\/sign-in$/);
}

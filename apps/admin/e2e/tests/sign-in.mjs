// Sign in as the administrator, see who is signed in, switch to English and back, sign out: with the keyboard only
// (issue 19, line 7), and the focus stays where the user was after each step (line 2).
import assert from 'node:assert/strict';
import { activate, expectFocus, navigateWithKeyboard, retype, tabTo } from '../support/keyboard.mjs';

export const name = 'sign-in, language switch, sign-out (keyboard only)';

export async function run({ page, baseUrl, password, env, screenshot }) {
  const username = env.E2E_USERNAME ?? 'admin';

  await page.goto(`${baseUrl}/`);
  // Not signed in: the app sends us to the sign-in page, in Vietnamese by default.
  await page.waitForURL(/\/sign-in$/);
  await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  await screenshot('sign-in-page');

  // A wrong password shows the API's error, in Vietnamese, keeps us on the page and takes the focus.
  await tabTo(page, page.getByLabel('Tên đăng nhập'));
  await page.keyboard.type(username);
  await tabTo(page, page.getByLabel('Mật khẩu', { exact: true }));
  await page.keyboard.type(`${password}-wrong`);
  await page.keyboard.press('Enter');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.ok((await alert.innerText()).trim().length > 0, 'the error alert has text');
  await expectFocus(page, alert, 'the sign-in error');
  await screenshot('sign-in-error');

  await tabTo(page, page.getByLabel('Mật khẩu', { exact: true }));
  await retype(page, password);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/');

  // The header names the user; the home page lists the user's units and roles.
  const userName = page.getByTestId('current-user-name');
  await userName.waitFor();
  const fullName = (await userName.innerText()).trim();
  assert.ok(fullName.length > 0, 'the header shows the user name');
  await page.getByRole('heading', { level: 1, name: 'Trang đơn vị' }).waitFor();
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
  await screenshot('home-vi');

  // The account menu (a disclosure) opens with Enter and lists the units and roles; Escape closes it and gives the
  // focus back to its button.
  const menuButton = page.locator('summary.user-menu__summary');
  await activate(page, menuButton);
  await page.getByRole('heading', { name: 'Đơn vị và vai trò' }).waitFor();
  await screenshot('account-menu-vi');
  await page.keyboard.press('Tab');
  await expectFocus(page, page.locator('.user-menu__panel'), 'the open account menu', { within: true });
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: 'Đơn vị và vai trò' }).waitFor({ state: 'hidden' });
  await expectFocus(page, menuButton, 'the account menu button');

  // Switch to English: the interface follows, the focus stays on the language button, and the choice survives a reload.
  await activate(page, page.getByRole('button', { name: 'English' }));
  await page.getByRole('heading', { level: 1, name: 'My unit' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await expectFocus(page, page.getByRole('button', { name: 'English' }), 'the English button');
  await page.reload();
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
  await navigateWithKeyboard(page, 'Inbox');
  // After a client-side navigation the focus is on the new page's content, not left on the link.
  await expectFocus(page, page.locator('main#main'), 'the new page');
  await screenshot('inbox-en');

  // And back to Vietnamese.
  await activate(page, page.getByRole('button', { name: 'Tiếng Việt' }));
  await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');

  // Sign out: back on the sign-in page, told so, and the protected pages are closed again.
  await activate(page, menuButton);
  await activate(page, page.getByRole('button', { name: 'Đăng xuất' }));
  await page.waitForURL(/\/sign-in$/);
  await page.getByText('Bạn đã đăng xuất.').waitFor();
  await screenshot('signed-out');
  await page.goto(`${baseUrl}/inbox`);
  await page.waitForURL(/\/sign-in$/);
}

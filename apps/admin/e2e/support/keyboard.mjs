// Keyboard-only helpers for the scenarios of issue 19 (line 7: every browser-tested flow also done with the keyboard).

/** Press Tab until `locator` has the focus (at most `limit` presses); fails when it never does. */
export async function tabTo(page, locator, limit = 250) {
  for (let n = 0; n < limit; n += 1) {
    await page.keyboard.press('Tab');
    if (await locator.evaluate((el) => el === document.activeElement).catch(() => false)) return n + 1;
  }
  throw new Error(`the keyboard never reached ${locator}`);
}

/** Sign in with the keyboard only: Tab to each field, type, Enter. */
export async function signInWithKeyboard(page, baseUrl, username, password) {
  await page.goto(`${baseUrl}/sign-in`);
  await tabTo(page, page.getByLabel('Tên đăng nhập'));
  await page.keyboard.type(username);
  await tabTo(page, page.getByLabel('Mật khẩu', { exact: true }));
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('heading', { level: 1, name: 'Trang đơn vị' }).waitFor();
}

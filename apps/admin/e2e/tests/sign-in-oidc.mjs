// Sign in with the provincial account (OpenID Connect) through a real provider, then sign out of both.
// Needs the product started with OIDC_* pointing at the test provider (apps/api/test/auth/support/oidc-test-provider.mjs)
// and E2E_OIDC_ISSUER set to that provider's issuer, as CI's e2e step does (.ci/run). Without it the scenario
// says it was skipped. Keyboard only (issue 19, line 7).
import assert from 'node:assert/strict';
import { activate } from '../support/keyboard.mjs';

export const name = 'sign-in with the provincial account (OpenID Connect), keyboard only';

export async function run({ page, baseUrl, env, screenshot, log }) {
  const issuer = env.E2E_OIDC_ISSUER;
  if (!issuer) {
    log('SKIPPED: E2E_OIDC_ISSUER is not set (start the product with OIDC_* and the test provider, see .ci/run)');
    return;
  }
  const status = await (await fetch(`${baseUrl}/api/auth/oidc/status`)).json();
  assert.deepEqual(status, { enabled: true }, 'the product runs with OIDC configured');
  // The provider's login page signs in as this account (its preferred_username is a seeded user's).
  const login = await fetch(`${issuer}/__test/login-as`, { method: 'POST', body: JSON.stringify({ accountId: env.E2E_OIDC_ACCOUNT ?? 'sub-admin' }) });
  assert.equal(login.status, 204);

  // A protected page first: after the round trip through the provider the user lands back on it.
  await page.goto(`${baseUrl}/inbox`);
  await page.waitForURL(/\/sign-in$/);
  const sso = page.getByRole('button', { name: 'Đăng nhập bằng tài khoản tỉnh' });
  await sso.waitFor();
  await screenshot('sign-in-with-provincial-account');
  await activate(page, sso);
  await page.waitForURL((url) => url.pathname === '/inbox');
  await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
  const userName = page.getByTestId('current-user-name');
  await userName.waitFor();
  assert.ok((await userName.innerText()).trim().length > 0, 'the header shows the signed-in user');
  // code and state are gone from the address bar, and the page did not keep the provider's answer.
  assert.equal(new URL(page.url()).search, '');
  await screenshot('signed-in-via-oidc');

  // Sign-out ends the product's session and then the provider's: the browser is at the provider's sign-out page.
  await activate(page, page.locator('summary.user-menu__summary'));
  await activate(page, page.getByRole('button', { name: 'Đăng xuất' }));
  await page.waitForURL((url) => url.href.startsWith(issuer));
  await screenshot('provider-sign-out');
  await page.goto(`${baseUrl}/inbox`);
  await page.waitForURL(/\/sign-in$/);
}

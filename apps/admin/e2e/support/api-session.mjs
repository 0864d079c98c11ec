// Set-up through the API for browser scenarios: a signed-in session whose `call` fails loudly on any non-2xx answer.
import assert from 'node:assert/strict';

export async function apiSession(baseUrl, username, password) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  const call = async (method, path, payload) => {
    const r = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${body.accessToken}`, 'content-type': 'application/json', 'accept-language': 'vi' },
      body: payload ? JSON.stringify(payload) : undefined,
    });
    const json = await r.json().catch(() => null);
    assert.ok(r.ok, `${method} ${path} → ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  // The access token and its lifetime: a scenario can hand them to a browser (thidua.session) and skip the sign-in form.
  return { user: body.user, call, accessToken: body.accessToken, expiresIn: body.expiresIn };
}

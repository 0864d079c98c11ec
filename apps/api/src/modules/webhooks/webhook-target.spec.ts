import { checkWebhookTarget, isPrivateAddress } from './webhook-target';

describe('webhook targets (SSRF)', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1'])('%s is private', (a) => {
    expect(isPrivateAddress(a)).toBe(true);
  });
  it.each(['8.8.8.8', '203.113.1.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('%s is public', (a) => {
    expect(isPrivateAddress(a)).toBe(false);
  });

  const resolveTo = (address: string, family = 4) => (async () => [{ address, family }]) as never;

  it('refuses other schemes, credentials, and names that resolve to private addresses', async () => {
    expect(await checkWebhookTarget('ftp://example.test/x', false, resolveTo('8.8.8.8'))).toMatchObject({ ok: false });
    expect(await checkWebhookTarget('https://u:p@example.test/x', false, resolveTo('8.8.8.8'))).toMatchObject({ ok: false });
    expect(await checkWebhookTarget('https://internal.example.test/x', false, resolveTo('10.0.0.5'))).toMatchObject({ ok: false, reason: expect.stringContaining('10.0.0.5') });
    expect(await checkWebhookTarget('http://127.0.0.1:9/x', false)).toMatchObject({ ok: false });
    expect(await checkWebhookTarget('http://[::1]:9/x', false)).toMatchObject({ ok: false });
  });

  it('accepts public targets, and private ones when allowed; the checked address is the one to connect to', async () => {
    expect(await checkWebhookTarget('https://hooks.example.test/x', false, resolveTo('203.113.1.1'))).toMatchObject({ ok: true, address: '203.113.1.1', family: 4 });
    expect(await checkWebhookTarget('http://127.0.0.1:9/x', true)).toMatchObject({ ok: true, address: '127.0.0.1' });
  });
});

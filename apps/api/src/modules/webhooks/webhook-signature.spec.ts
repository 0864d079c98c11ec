import { newWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from './webhook-signature';

describe('Standard Webhooks signature', () => {
  // The example of the Standard Webhooks specification (standard-webhooks/standard-webhooks, spec/standard-webhooks.md).
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const ts = 1614265330;
  const body = '{"test": 2432232314}';

  it('matches the specification’s example', () => {
    expect(signWebhook(secret, id, ts, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies its own headers and refuses a changed body, another secret or an old timestamp', () => {
    const s = newWebhookSecret();
    const h = webhookHeaders(s, id, ts, body);
    expect(verifyWebhook(s, h, body, ts)).toBe(true);
    expect(verifyWebhook(s, h, body + ' ', ts)).toBe(false);
    expect(verifyWebhook(newWebhookSecret(), h, body, ts)).toBe(false);
    expect(verifyWebhook(s, h, body, ts + 301)).toBe(false);
    // Several signatures (a rotation): any one matching is enough.
    expect(verifyWebhook(s, { ...h, 'webhook-signature': `v1,AAAA ${h['webhook-signature']}` }, body, ts)).toBe(true);
  });

  it('makes whsec_ secrets of 32 random bytes', () => {
    const s = newWebhookSecret();
    expect(s).toMatch(/^whsec_/);
    expect(Buffer.from(s.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(s);
  });
});

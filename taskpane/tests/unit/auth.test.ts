import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/errors';
import { decodeClaims } from '../../src/auth/claims';
import { DevTokenSource } from '../../src/auth/dev';
import type { DialogToken } from '../../src/auth/dialog';
import { EntraTokenSource } from '../../src/auth/entra';
import { ServerTokenSource } from '../../src/auth';

afterEach(() => vi.unstubAllGlobals());

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('DevTokenSource', () => {
  it('fetches once, caches until a minute before expiry, refreshes on demand', async () => {
    let now = 0;
    let issued = 0;
    const fetch = vi.fn(async () => json({ access_token: `t${++issued}`, token_type: 'Bearer', expires_in: 3600 }));
    vi.stubGlobal('fetch', fetch);
    const source = new DevTokenSource('', () => now);
    const [a, b] = await Promise.all([source.getToken(), source.getToken()]);
    expect([a, b]).toEqual(['t1', 't1']);
    expect(fetch).toHaveBeenCalledTimes(1);
    now = 3_540_001;
    expect(await source.getToken()).toBe('t2');
    expect(await source.getToken({ forceRefresh: true })).toBe('t3');
  });

  it('reports a refusal as not signed in', async () => {
    vi.stubGlobal('fetch', async () => json({ code: 'forbidden', status: 403 }, 403));
    await expect(new DevTokenSource().getToken()).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe('ServerTokenSource', () => {
  it('uses the dev token when the server runs in dev mode', async () => {
    const fetch = vi.fn(async (url: string) =>
      url.endsWith('/auth/config')
        ? json({ mode: 'dev', client_id: null, scope: null, authority: null })
        : json({ access_token: 'dev', token_type: 'Bearer', expires_in: 3600 }),
    );
    vi.stubGlobal('fetch', fetch);
    expect(await new ServerTokenSource().getToken()).toBe('dev');
  });

  it('asks again after the config could not be read', async () => {
    let calls = 0;
    vi.stubGlobal('fetch', async (url: string) => {
      calls += 1;
      if (calls === 1) throw new TypeError('down');
      return url.endsWith('/auth/config')
        ? json({ mode: 'dev', client_id: null, scope: null, authority: null })
        : json({ access_token: 'dev', token_type: 'Bearer', expires_in: 3600 });
    });
    const source = new ServerTokenSource();
    await expect(source.getToken()).rejects.toMatchObject({ code: 'network' });
    await expect(source.getToken()).resolves.toBe('dev');
  });
});

describe('EntraTokenSource', () => {
  const config = { clientId: 'c', scope: 'api://c/access_as_user', authority: 'https://login.microsoftonline.com/t' };

  it('without NAA, signs in through the Office dialog and caches the token', async () => {
    const office = { context: { requirements: { isSetSupported: () => false } } } as unknown as typeof Office;
    const dialog = vi.fn(async (): Promise<DialogToken> => ({ accessToken: 'from-dialog', expiresAt: Date.now() + 3_600_000 }));
    const source = new EntraTokenSource(config, office, dialog);
    expect(await source.getToken()).toBe('from-dialog');
    expect(await source.getToken()).toBe('from-dialog');
    expect(dialog).toHaveBeenCalledTimes(1);
  });

  it('passes a claims challenge, decoded, to the dialog', async () => {
    const office = { context: { requirements: { isSetSupported: () => false } } } as unknown as typeof Office;
    const dialog = vi.fn(async (): Promise<DialogToken> => ({ accessToken: 'x', expiresAt: Date.now() + 3_600_000 }));
    const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
    await new EntraTokenSource(config, office, dialog).getToken({ claims: btoa(claims), interactive: true });
    expect(dialog).toHaveBeenCalledWith(office, config, claims);
  });

  it('is not signed in outside Office', async () => {
    await expect(new EntraTokenSource(config, undefined).getToken()).rejects.toBeInstanceOf(ApiError);
  });
});

describe('decodeClaims', () => {
  it('accepts base64, base64url and plain JSON', () => {
    const claims = '{"access_token":{"xms_cc":{"values":["cp1"]}}}';
    expect(decodeClaims(btoa(claims))).toBe(claims);
    expect(decodeClaims(btoa(claims).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))).toBe(claims);
    expect(decodeClaims(claims)).toBe(claims);
  });
});

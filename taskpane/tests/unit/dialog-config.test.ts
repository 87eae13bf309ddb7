import { describe, expect, it, vi } from 'vitest';
import type { AuthConfig } from '../../src/api/types';
import { dialogSettings } from '../../src/auth/dialog-config';
import { dialogUrl } from '../../src/auth/dialog';

const SERVER: AuthConfig = {
  mode: 'entra',
  client_id: '11111111-2222-3333-4444-555555555555',
  scope: 'api://11111111-2222-3333-4444-555555555555/access_as_user',
  authority: 'https://login.microsoftonline.com/66666666-7777-8888-9999-000000000000',
};

describe('the sign-in dialog page', () => {
  it('is opened with no client id or authority in its URL', () => {
    const url = new URL(
      dialogUrl({ clientId: SERVER.client_id!, scope: SERVER.scope!, authority: SERVER.authority! }, 'eyJjbGFpbXMiOnt9fQ==', 'https://kollega.example.se'),
    );
    expect(url.origin).toBe('https://kollega.example.se');
    expect(url.pathname).toMatch(/\/auth-dialog\.html$/);
    expect([...url.searchParams.keys()]).toEqual(['claims']);
    expect(new URL(dialogUrl({ clientId: 'x', scope: 'y', authority: 'z' }, undefined, 'https://k.example')).search).toBe('');
  });

  it('takes client id, scope and authority from the served configuration, never from its own query', async () => {
    const fetchConfig = vi.fn(async () => SERVER);
    // A link crafted to sign the user in to another app, through another authority.
    const crafted = '?clientId=evil-app&authority=https%3A%2F%2Fevil.example%2Ftenant&scope=api%3A%2F%2Fevil%2Fx&claims=abc';
    const settings = await dialogSettings(crafted, fetchConfig);
    expect(fetchConfig).toHaveBeenCalledTimes(1);
    expect(settings).toEqual({ clientId: SERVER.client_id, scope: SERVER.scope, authority: SERVER.authority, claims: 'abc' });
  });

  it('refuses to sign in when the server is not in Entra mode or has no client', async () => {
    expect(await dialogSettings('?clientId=evil-app', async () => ({ mode: 'dev', client_id: null, scope: null, authority: null }))).toBeUndefined();
    expect(await dialogSettings('', async () => ({ ...SERVER, client_id: null }))).toBeUndefined();
  });
});

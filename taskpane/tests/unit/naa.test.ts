/** Nested app authentication with msal-browser mocked: silent first, then the host's prompt, then the dialog. */

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DialogToken } from '../../src/auth/dialog';
import { EntraTokenSource } from '../../src/auth/entra';

const pca = {
  getActiveAccount: vi.fn(() => null as unknown),
  setActiveAccount: vi.fn(),
  acquireTokenSilent: vi.fn(),
  acquireTokenPopup: vi.fn(),
};
const createNestable = vi.fn(async (_config: unknown) => pca);

vi.mock('@azure/msal-browser', () => ({ createNestablePublicClientApplication: (c: unknown) => createNestable(c) }));

const config = { clientId: 'client', scope: 'api://client/access_as_user', authority: 'https://login.microsoftonline.com/tenant' };
const office = { context: { requirements: { isSetSupported: () => true } } } as unknown as typeof Office;

beforeEach(() => {
  vi.clearAllMocks();
  pca.getActiveAccount.mockReturnValue(null);
});

describe('EntraTokenSource with NAA', () => {
  it('asks for the API scope silently first', async () => {
    pca.acquireTokenSilent.mockResolvedValue({ accessToken: 'silent' });
    const source = new EntraTokenSource(config, office, vi.fn());
    expect(await source.getToken()).toBe('silent');
    expect(pca.acquireTokenSilent).toHaveBeenCalledWith({ scopes: [config.scope], forceRefresh: false });
    expect(createNestable).toHaveBeenCalledWith({
      auth: { clientId: 'client', authority: config.authority, supportsNestedAppAuth: true },
    });
  });

  it('prompts through the host when silent fails', async () => {
    pca.acquireTokenSilent.mockRejectedValue(new Error('interaction_required'));
    pca.acquireTokenPopup.mockResolvedValue({ accessToken: 'popup', account: { homeAccountId: 'a' } });
    expect(await new EntraTokenSource(config, office, vi.fn()).getToken()).toBe('popup');
    expect(pca.setActiveAccount).toHaveBeenCalledWith({ homeAccountId: 'a' });
  });

  it('answers a claims challenge interactively, skipping the cache', async () => {
    pca.acquireTokenPopup.mockResolvedValue({ accessToken: 'stepped-up', account: {} });
    const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
    const token = await new EntraTokenSource(config, office, vi.fn()).getToken({ claims: btoa(claims), interactive: true });
    expect(token).toBe('stepped-up');
    expect(pca.acquireTokenSilent).not.toHaveBeenCalled();
    expect(pca.acquireTokenPopup).toHaveBeenCalledWith({ scopes: [config.scope], claims });
  });

  it('falls back to the Office dialog when the host cannot prompt', async () => {
    pca.acquireTokenSilent.mockRejectedValue(new Error('no token'));
    pca.acquireTokenPopup.mockRejectedValue(Object.assign(new Error('blocked'), { errorCode: 'popup_window_error' }));
    const dialog = vi.fn(async (): Promise<DialogToken> => ({ accessToken: 'dialog', expiresAt: Date.now() + 3_600_000 }));
    expect(await new EntraTokenSource(config, office, dialog).getToken()).toBe('dialog');
    expect(dialog).toHaveBeenCalledOnce();
  });

  it('never prompts for a silent request (the preview as the pane opens)', async () => {
    pca.acquireTokenSilent.mockRejectedValue(new Error('no token'));
    const dialog = vi.fn();
    await expect(new EntraTokenSource(config, office, dialog).getToken({ silent: true })).rejects.toMatchObject({
      code: 'unauthorized',
    });
    expect(pca.acquireTokenPopup).not.toHaveBeenCalled();
    expect(dialog).not.toHaveBeenCalled();
  });

  it('a user who cancels is not signed in, and no dialog follows', async () => {
    pca.acquireTokenSilent.mockRejectedValue(new Error('no token'));
    pca.acquireTokenPopup.mockRejectedValue(Object.assign(new Error('cancel'), { errorCode: 'user_cancelled' }));
    const dialog = vi.fn();
    await expect(new EntraTokenSource(config, office, dialog).getToken()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(dialog).not.toHaveBeenCalled();
  });
});

/**
 * What the sign-in dialog signs in to: the server's own configuration (GET /api/v1/auth/config), never the
 * dialog's URL. A crafted link to auth-dialog.html must not sign a user in to another app or authority
 * on this origin. Only the claims of a step-up challenge travel in the URL.
 */

import type { AuthConfig } from '../api/types';

export interface DialogSettings {
  clientId: string;
  scope: string;
  authority: string;
  claims?: string;
}

const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com/organizations';

export async function dialogSettings(
  search: string,
  fetchConfig: () => Promise<AuthConfig>,
): Promise<DialogSettings | undefined> {
  const config = await fetchConfig();
  if (config.mode !== 'entra' || !config.client_id || !config.scope) return undefined;
  const claims = new URLSearchParams(search).get('claims') ?? undefined;
  return {
    clientId: config.client_id,
    scope: config.scope,
    authority: config.authority ?? DEFAULT_AUTHORITY,
    ...(claims ? { claims } : {}),
  };
}

/**
 * auth-dialog.html: standard MSAL inside an Office dialog, for hosts without nested app authentication.
 * It redirects to Entra ID and back, then hands the access token to the pane with messageParent.
 * The page's own URL must be registered as an SPA redirect URI of the app.
 */

import { createStandardPublicClientApplication, type AuthenticationResult } from '@azure/msal-browser';
import { KollegaApi } from '../api/client';
import type { DialogMessage } from './dialog';
import { dialogSettings } from './dialog-config';

// The redirect back from Entra ID replaces the query; sessionStorage (this dialog window's own) keeps
// the claims of a step-up challenge across it.
const STORE = 'kollega.auth-dialog';
if (new URLSearchParams(location.search).has('claims')) sessionStorage.setItem(STORE, location.search);

async function post(message: DialogMessage): Promise<void> {
  await Office.onReady();
  Office.context.ui.messageParent(JSON.stringify(message));
}

function answer(result: AuthenticationResult): Promise<void> {
  return post({ accessToken: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? Date.now() + 300_000 });
}

async function signIn(): Promise<void> {
  // Client id, scope and authority come from this server, never from the URL (dialog-config.ts).
  const settings = await dialogSettings(sessionStorage.getItem(STORE) ?? '', () => KollegaApi.authConfig());
  if (!settings) return post({ error: 'missing_configuration' });
  const { clientId, scope, authority, claims } = settings;
  const redirectUri = `${location.origin}${location.pathname}`;
  const pca = await createStandardPublicClientApplication({
    auth: { clientId, authority, redirectUri },
    cache: { cacheLocation: 'localStorage' },
  });
  const returned = await pca.handleRedirectPromise();
  if (returned) {
    pca.setActiveAccount(returned.account);
    return answer(returned);
  }
  const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
  if (account && !claims) {
    try {
      return await answer(await pca.acquireTokenSilent({ scopes: [scope], account }));
    } catch {
      // Fall through to the interactive redirect.
    }
  }
  await pca.acquireTokenRedirect({ scopes: [scope], redirectUri, ...(claims ? { claims } : {}) });
}

signIn().catch((error: unknown) => {
  void post({ error: error instanceof Error ? error.name : 'sign_in_failed' });
});

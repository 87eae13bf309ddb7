/**
 * auth-dialog.html: standard MSAL inside an Office dialog, for hosts without nested app authentication.
 * It redirects to Entra ID and back, then hands the access token to the pane with messageParent.
 * The page's own URL must be registered as an SPA redirect URI of the app.
 */

import { createStandardPublicClientApplication, type AuthenticationResult } from '@azure/msal-browser';
import type { DialogMessage } from './dialog';

const params = new URLSearchParams(location.search);
// MSAL keeps the query through the redirect in its own state; sessionStorage keeps ours.
const STORE = 'kollega.auth-dialog';
if (params.has('clientId')) sessionStorage.setItem(STORE, params.toString());
const saved = new URLSearchParams(sessionStorage.getItem(STORE) ?? '');

async function post(message: DialogMessage): Promise<void> {
  await Office.onReady();
  Office.context.ui.messageParent(JSON.stringify(message));
}

function answer(result: AuthenticationResult): Promise<void> {
  return post({ accessToken: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? Date.now() + 300_000 });
}

async function signIn(): Promise<void> {
  const clientId = saved.get('clientId');
  const scope = saved.get('scope');
  if (!clientId || !scope) return post({ error: 'missing_configuration' });
  const claims = saved.get('claims') ?? undefined;
  const redirectUri = `${location.origin}${location.pathname}`;
  const pca = await createStandardPublicClientApplication({
    auth: { clientId, authority: saved.get('authority') ?? undefined, redirectUri },
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

/**
 * Sign-in with Microsoft Entra ID, the way Office add-ins should: nested app authentication (NAA)
 * first, then the Office dialog with standard MSAL where NAA is missing or fails.
 *
 * msal-browser is loaded on first use, so a dev-mode pane (and the first render) never pays for it.
 * Pinned to 4.x: 5.x breaks the dialog fallback.
 */

import type { IPublicClientApplication, PopupRequest, SilentRequest } from '@azure/msal-browser';
import type { TokenRequest, TokenSource } from '../api/client';
import { ApiError } from '../api/errors';
import { decodeClaims } from './claims';
import { openAuthDialog, type DialogToken } from './dialog';

export interface EntraConfig {
  clientId: string;
  /** The API scope, api://<client-id>/access_as_user. Never openid/profile alone: Mac and mobile crash. */
  scope: string;
  authority: string;
}

const EARLY_MS = 60_000;

export class EntraTokenSource implements TokenSource {
  private client: Promise<IPublicClientApplication> | undefined;
  private dialogToken: DialogToken | undefined;

  constructor(
    private readonly config: EntraConfig,
    private readonly office: typeof Office | undefined = globalThis.Office,
    private readonly openDialog: typeof openAuthDialog = openAuthDialog,
  ) {}

  async getToken(request: TokenRequest = {}): Promise<string> {
    if (!this.office?.context) {
      throw new ApiError('unauthorized', 'Entra sign-in needs Office: open Kollega from Outlook or Word.');
    }
    const claims = request.claims ? decodeClaims(request.claims) : undefined;
    const cached = this.dialogToken;
    if (cached && !request.forceRefresh && !claims && Date.now() < cached.expiresAt - EARLY_MS) {
      return cached.accessToken;
    }
    if (request.silent && !this.naaSupported()) {
      throw new ApiError('unauthorized', 'Not signed in yet; the dialog needs the user.');
    }
    if (!request.silent && (this.dialogToken || !this.naaSupported())) return this.viaDialog(claims);

    const pca = await this.nestedClient();
    const scopes = [this.config.scope];
    if (!claims) {
      try {
        const silent: SilentRequest = { scopes, forceRefresh: request.forceRefresh ?? false };
        const account = pca.getActiveAccount();
        if (account) silent.account = account;
        return (await pca.acquireTokenSilent(silent)).accessToken;
      } catch {
        // No cached or refreshable token: the host has to show its sign-in.
        if (request.silent) throw new ApiError('unauthorized', 'Not signed in yet; a prompt needs the user.');
      }
    }
    try {
      const popup: PopupRequest = claims ? { scopes, claims } : { scopes };
      const result = await pca.acquireTokenPopup(popup);
      pca.setActiveAccount(result.account);
      return result.accessToken;
    } catch (error) {
      if (errorCode(error) === 'user_cancelled') {
        throw new ApiError('unauthorized', 'Sign-in was cancelled.');
      }
      // The host could not show its prompt (e.g. popup_window_error): the dialog still can.
      return this.viaDialog(claims);
    }
  }

  private naaSupported(): boolean {
    return this.office?.context?.requirements?.isSetSupported('NestedAppAuth', '1.1') ?? false;
  }

  private nestedClient(): Promise<IPublicClientApplication> {
    this.client ??= import('@azure/msal-browser').then((msal) =>
      msal.createNestablePublicClientApplication({
        auth: { clientId: this.config.clientId, authority: this.config.authority, supportsNestedAppAuth: true },
      }),
    );
    return this.client;
  }

  private async viaDialog(claims: string | undefined): Promise<string> {
    try {
      this.dialogToken = await this.openDialog(this.office as typeof Office, this.config, claims);
      return this.dialogToken.accessToken;
    } catch (error) {
      this.dialogToken = undefined;
      throw error instanceof ApiError ? error : new ApiError('unauthorized', 'Sign-in did not complete.');
    }
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'errorCode' in error
    ? String((error as { errorCode: unknown }).errorCode)
    : undefined;
}

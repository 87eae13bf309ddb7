/** Picks how to sign in from what the server says about itself (GET /api/v1/auth/config). */

import { KollegaApi, type TokenRequest, type TokenSource } from '../api/client';
import { ApiError } from '../api/errors';
import type { AuthConfig } from '../api/types';
import { decodeClaims } from './claims';
import { DevTokenSource } from './dev';

export { decodeClaims };

/**
 * A token source that asks the server for its auth config on first use. The pane renders without
 * waiting for it, and the config call is retried after a failure (the server may have been down).
 */
export class ServerTokenSource implements TokenSource {
  private source: Promise<TokenSource> | undefined;

  constructor(private readonly baseUrl = '') {}

  async getToken(request?: TokenRequest): Promise<string> {
    this.source ??= this.resolve().catch((error: unknown) => {
      this.source = undefined;
      throw error;
    });
    return (await this.source).getToken(request);
  }

  private async resolve(): Promise<TokenSource> {
    const config: AuthConfig = await KollegaApi.authConfig(this.baseUrl);
    if (config.mode === 'dev') return new DevTokenSource(this.baseUrl);
    if (!config.client_id || !config.scope) {
      throw new ApiError('unauthorized', 'The server has no Entra ID client configured.');
    }
    const { EntraTokenSource } = await import('./entra');
    return new EntraTokenSource({
      clientId: config.client_id,
      scope: config.scope,
      authority: config.authority ?? 'https://login.microsoftonline.com/organizations',
    });
  }
}

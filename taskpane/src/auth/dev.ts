/** Sign-in for a server in dev mode: it hands out its own tokens on loopback. */

import type { TokenRequest, TokenSource } from '../api/client';
import { ApiError } from '../api/errors';
import { problemFrom } from '../api/client';

interface DevToken {
  access_token: string;
  expires_in: number;
}

// Renew a minute early, so a token never expires between fetching it and the server checking it.
const EARLY_MS = 60_000;

export class DevTokenSource implements TokenSource {
  private token: string | undefined;
  private expiresAt = 0;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly baseUrl = '',
    private readonly now: () => number = Date.now,
  ) {}

  async getToken(request: TokenRequest = {}): Promise<string> {
    const fresh = this.token !== undefined && this.now() < this.expiresAt - EARLY_MS;
    if (fresh && !request.forceRefresh && !request.claims) return this.token as string;
    // One request for many callers: the preview and a generation often ask at the same moment.
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/api/v1/auth/dev-token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: '{}',
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError('network', 'The server could not be reached.');
    }
    if (!response.ok) {
      const error = await problemFrom(response);
      // The dev endpoint refusing means this user cannot sign in here, whatever status it chose.
      throw error.code === 'network' || error.code === 'busy' ? error : new ApiError('unauthorized', error.message);
    }
    const body = (await response.json()) as DevToken;
    this.token = body.access_token;
    this.expiresAt = this.now() + body.expires_in * 1000;
    return body.access_token;
  }
}

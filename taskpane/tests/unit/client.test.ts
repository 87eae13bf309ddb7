import { describe, expect, it, vi } from 'vitest';
import { cleanText, KollegaApi, type TokenRequest, type TokenSource } from '../../src/api/client';
import { ApiError, parseClaimsChallenge, parseRetryAfter } from '../../src/api/errors';
import type { GenerationEvent } from '../../src/api/types';
import { chunkedStream, problem, sse, streamResponse } from './helpers';

class FakeTokens implements TokenSource {
  requests: TokenRequest[] = [];
  async getToken(request: TokenRequest = {}): Promise<string> {
    this.requests.push(request);
    return `token-${this.requests.length}`;
  }
}

async function collect(iterable: AsyncIterable<GenerationEvent>): Promise<GenerationEvent[]> {
  const events: GenerationEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

const HAPPY = sse([
  ['meta', { request_id: 'r1', redactions: { PERSON: 1 } }],
  ['progress', { part: 1, parts: 2 }],
  ['delta', { text: 'Hej ' }],
  ['delta', { text: 'Karin' }],
  ['done', { finish_reason: 'stop', usage: { prompt_tokens: 10, completion_tokens: 2 } }],
]);

describe('KollegaApi.generate', () => {
  it('posts with a bearer token and yields typed events', async () => {
    const fetch = vi.fn(async () => streamResponse(chunkedStream([HAPPY]).stream));
    const api = new KollegaApi(new FakeTokens(), { fetch });
    const events = await collect(api.summarize({ text: 'Text', kind: 'email', language: 'sv' }));
    expect(events).toEqual([
      { type: 'meta', requestId: 'r1', redactions: { PERSON: 1 } },
      { type: 'progress', part: 1, parts: 2 },
      { type: 'delta', text: 'Hej ' },
      { type: 'delta', text: 'Karin' },
      { type: 'done', finishReason: 'stop', usage: { prompt_tokens: 10, completion_tokens: 2 } },
    ]);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/summarize');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer token-1');
    expect((init.headers as Record<string, string>).Accept).toContain('text/event-stream');
    expect(JSON.parse(init.body as string)).toEqual({ text: 'Text', kind: 'email', language: 'sv' });
  });

  it('tells the server which host the pane runs in, for the audit log', async () => {
    const fetch = vi.fn(async () => streamResponse(chunkedStream([HAPPY]).stream));
    const api = new KollegaApi(new FakeTokens(), { fetch, host: 'outlook-compose' });
    await collect(api.draft({ instruction: 'x' }));
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>)['X-Kollega-Host']).toBe('outlook-compose');
  });

  it('turns an error event into an ApiError with the problem code', async () => {
    const body = sse([
      ['meta', { request_id: 'r2', redactions: {} }],
      ['delta', { text: 'Hal' }],
      ['error', { status: 503, code: 'engine_unavailable', detail: 'restarting', retry_after: 7 }],
    ]);
    const api = new KollegaApi(new FakeTokens(), { fetch: async () => streamResponse(chunkedStream([body]).stream) });
    const events: GenerationEvent[] = [];
    const run = (async () => {
      for await (const e of api.rewrite({ text: 'x', goal: 'plain' })) events.push(e);
    })();
    await expect(run).rejects.toMatchObject({ code: 'engine_unavailable', retryAfter: 7 });
    expect(events.map((e) => e.type)).toEqual(['meta', 'delta']);
  });

  it('reports a stream that ends without done as interrupted', async () => {
    const body = sse([['delta', { text: 'Hal' }]]);
    const api = new KollegaApi(new FakeTokens(), { fetch: async () => streamResponse(chunkedStream([body]).stream) });
    await expect(collect(api.draft({ instruction: 'x' }))).rejects.toMatchObject({ code: 'stream_interrupted' });
  });

  it('reports a connection lost mid-stream as interrupted', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(sse([['delta', { text: 'a' }]])));
        controller.error(new TypeError('network error'));
      },
    });
    const api = new KollegaApi(new FakeTokens(), { fetch: async () => streamResponse(stream) });
    await expect(collect(api.draft({ instruction: 'x' }))).rejects.toMatchObject({ code: 'stream_interrupted' });
  });

  it('stops: aborting cancels the response body, so the server sees the connection close', async () => {
    const { stream, state } = chunkedStream([sse([['meta', { request_id: 'r', redactions: {} }], ['delta', { text: 'a' }]])], {
      hang: true,
    });
    const api = new KollegaApi(new FakeTokens(), { fetch: async () => streamResponse(stream) });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = (async () => {
      for await (const event of api.summarize({ text: 'x', kind: 'email' }, controller.signal)) {
        seen.push(event.type);
        if (event.type === 'delta') controller.abort();
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['meta', 'delta']);
    expect(state.cancelled).toBe(true);
  });

  it('passes the signal to fetch, so a stop before the answer starts aborts the request', async () => {
    const fetch = vi.fn(
      (_: string, init: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    );
    const api = new KollegaApi(new FakeTokens(), { fetch });
    const controller = new AbortController();
    const run = collect(api.summarize({ text: 'x', kind: 'email' }, controller.signal));
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('KollegaApi errors', () => {
  it('busy: keeps the Retry-After header in seconds', async () => {
    const api = new KollegaApi(new FakeTokens(), { fetch: async () =>
      problem(503, { code: 'busy', detail: 'queue full' }, { 'Retry-After': '12' }),
     });
    const error = await collect(api.summarize({ text: 'x', kind: 'email' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'busy', status: 503, retryAfter: 12 });
  });

  it('maps status codes when the body is not a problem (a proxy page)', async () => {
    const api = new KollegaApi(new FakeTokens(), { fetch: async () => new Response('<html>', { status: 413 }) });
    await expect(api.redact('x')).rejects.toMatchObject({ code: 'too_large' });
  });

  it('validation errors carry the field messages', async () => {
    const api = new KollegaApi(new FakeTokens(), { fetch: async () =>
      problem(422, { code: 'validation', errors: { text: ['Must not be empty.'] } }),
     });
    await expect(api.redact('x')).rejects.toMatchObject({ code: 'validation', fieldErrors: { text: ['Must not be empty.'] } });
  });

  it('an unreachable server is a network error', async () => {
    const api = new KollegaApi(new FakeTokens(), { fetch: async () => {
      throw new TypeError('Failed to fetch');
    } });
    await expect(api.redact('x')).rejects.toMatchObject({ code: 'network' });
  });

  it('401: tries once more with a fresh token', async () => {
    const tokens = new FakeTokens();
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(problem(401, { code: 'unauthorized' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' }))
      .mockResolvedValueOnce(new Response('{"redacted":"","entities":[]}', { headers: { 'Content-Type': 'application/json' } }));
    const api = new KollegaApi(tokens, { fetch });
    await expect(api.redact('x')).resolves.toEqual({ redacted: '', entities: [] });
    // The preview (redact) never asks for a prompt.
    expect(tokens.requests).toEqual([{ silent: true }, { forceRefresh: true, silent: true }]);
  });

  it('401 twice: unauthorized', async () => {
    const api = new KollegaApi(new FakeTokens(), { fetch: async () => problem(401, { code: 'unauthorized' }) });
    await expect(api.redact('x')).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('a claims challenge leads to an interactive token request with the claims', async () => {
    const tokens = new FakeTokens();
    const claims = btoa('{"access_token":{"acrs":{"essential":true,"value":"c1"}}}');
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(
        problem(401, { code: 'unauthorized' }, { 'WWW-Authenticate': `Bearer error="insufficient_claims", claims="${claims}"` }),
      )
      .mockResolvedValueOnce(streamResponse(chunkedStream([sse([['done', { finish_reason: 'stop' }]])]).stream));
    const api = new KollegaApi(tokens, { fetch });
    await collect(api.summarize({ text: 'x', kind: 'email' }));
    expect(tokens.requests[1]).toEqual({ claims, interactive: true });
  });

  it('forbidden and other codes pass through', async () => {
    const api = new KollegaApi(new FakeTokens(), { fetch: async () => problem(403, { code: 'forbidden' }) });
    await expect(api.redact('x')).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('helpers', () => {
  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('5')).toBe(5);
    expect(parseRetryAfter(new Date(10_000 + 30_000).toUTCString(), 10_000)).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('reads a claims challenge only from insufficient_claims', () => {
    expect(parseClaimsChallenge('Bearer error="insufficient_claims", claims="abc="')).toBe('abc=');
    expect(parseClaimsChallenge('Bearer error="invalid_token"')).toBeUndefined();
  });

  it('cleans text the way the API accepts it', () => {
    expect(cleanText('a\r\nb\rc\u000bd\u0007e')).toBe('a\nb\nc\nde');
    expect(cleanText('half \ud83d emoji 😀')).toBe('half \ufffd emoji 😀');
  });
});

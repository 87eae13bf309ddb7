/** The Kollega API as the pane uses it: one method per endpoint, tokens and errors handled once. */

import { parseCitations } from './citations';
import { parseEasyRead, parsePlaceholders } from './easy-read';
import { ApiError, isAbortError, type Problem } from './errors';
import { readSse } from './sse';
import type {
  AskRequest,
  AuthConfig,
  CorrectionFields,
  DraftRequest,
  GenerationEvent,
  LixChange,
  ReadabilityReport,
  RedactionResult,
  RewriteRequest,
  SummarizeRequest,
  TranslateRequest,
} from './types';

export interface TokenRequest {
  /** Skip any cached token, e.g. after the API answered 401. */
  forceRefresh?: boolean;
  /** A claims challenge from the API; only an interactive sign-in can answer it. */
  claims?: string;
  /** The user asked to sign in (a button), so a prompt is expected. */
  interactive?: boolean;
  /** Never prompt: the request was not started by the user (the preview, as the pane opens). */
  silent?: boolean;
}

export interface TokenSource {
  getToken(request?: TokenRequest): Promise<string>;
}

export type GenerationTask = 'summarize' | 'draft' | 'rewrite' | 'ask' | 'translate';

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

const API = '/api/v1';

export interface ApiOptions {
  /** Where the API lives; empty for the pane's own origin, which is how the backend serves it. */
  baseUrl?: string;
  /** Where the pane runs (outlook-read, outlook-compose, word, playground): the audit log counts by it. */
  host?: string;
  fetch?: FetchLike;
}

export class KollegaApi {
  private readonly baseUrl: string;
  private readonly host: string | undefined;
  private readonly fetchImpl: FetchLike;
  private serverConfig: Promise<AuthConfig> | undefined;

  constructor(
    private readonly tokens: TokenSource,
    options: ApiOptions = {},
  ) {
    this.baseUrl = options.baseUrl ?? '';
    this.host = options.host;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** How this server signs users in. Needs no token. */
  static async authConfig(baseUrl = '', fetchImpl: FetchLike = (i, init) => fetch(i, init)): Promise<AuthConfig> {
    const response = await send(fetchImpl, `${baseUrl}${API}/auth/config`, { method: 'GET' });
    return (await response.json()) as AuthConfig;
  }

  /** What the server allows (GET /auth/config, read once; asked again after a failure). */
  config(): Promise<AuthConfig> {
    this.serverConfig ??= KollegaApi.authConfig(this.baseUrl, this.fetchImpl).catch((error: unknown) => {
      this.serverConfig = undefined;
      throw error;
    });
    return this.serverConfig;
  }

  /**
   * The redaction preview: what will be masked before the text reaches the model, with the user's
   * corrections applied. The text must be as cleanText leaves it, since the offsets index it.
   */
  async redact(text: string, signal?: AbortSignal, corrections: CorrectionFields = {}): Promise<RedactionResult> {
    // Silent: the preview runs as the pane opens, and a sign-in prompt nobody asked for is worse than
    // a missing preview. The first generation (a click) may prompt.
    const body = { text: cleanText(text), ...withCorrections(corrections) };
    const response = await this.call('/redact', body, 'application/json', signal, true);
    return (await response.json()) as RedactionResult;
  }

  /**
   * The readability check: LIX and klarspråk findings, instant and without the model. `silent` when the
   * pane runs it by itself (the selection changed), so that it never prompts for a sign-in.
   */
  async readability(text: string, options: { signal?: AbortSignal; silent?: boolean } = {}): Promise<ReadabilityReport> {
    const response = await this.call('/readability', { text: cleanText(text) }, 'application/json', options.signal, options.silent ?? false);
    return (await response.json()) as ReadabilityReport;
  }

  /** Before a public release: what may need masking, with reasons and OSL provisions (no model). */
  async releaseReview(text: string, area: string, signal?: AbortSignal): Promise<{ findings: unknown[] }> {
    const response = await this.call('/release/review', { text: cleanText(text), area }, 'application/json', signal);
    return (await response.json()) as { findings: unknown[] };
  }

  summarize(request: SummarizeRequest, signal?: AbortSignal): AsyncGenerator<GenerationEvent> {
    const body = 'text' in request ? { ...request, text: cleanText(request.text) } : request;
    return this.generate('summarize', body, signal);
  }

  draft(request: DraftRequest, signal?: AbortSignal): AsyncGenerator<GenerationEvent> {
    const body = { ...request };
    if (request.instruction !== undefined) body.instruction = cleanText(request.instruction);
    if (request.context !== undefined) body.context = cleanText(request.context);
    return this.generate('draft', body, signal);
  }

  rewrite(request: RewriteRequest, signal?: AbortSignal): AsyncGenerator<GenerationEvent> {
    return this.generate('rewrite', { ...request, text: cleanText(request.text) }, signal);
  }

  /** A question about the text or the conversation; the answer cites its sources ("citations" event). */
  ask(request: AskRequest, signal?: AbortSignal): AsyncGenerator<GenerationEvent> {
    const body = 'text' in request ? { ...request, text: cleanText(request.text) } : request;
    return this.generate('ask', { ...body, question: cleanText(request.question) }, signal);
  }

  /** A translation, or easy Swedish with target "sv-lattlast" (its done event reports the figures). */
  translate(request: TranslateRequest, signal?: AbortSignal): AsyncGenerator<GenerationEvent> {
    return this.generate('translate', { ...request, text: cleanText(request.text) }, signal);
  }

  /**
   * Streams one generation. Aborting the signal closes the connection: the server cancels the
   * generation when it notices, so a stopped answer costs no more engine time.
   */
  async *generate(task: GenerationTask, body: object, signal?: AbortSignal): AsyncGenerator<GenerationEvent> {
    const response = await this.call(`/${task}`, body, 'text/event-stream', signal);
    if (!response.body) throw new ApiError('stream_interrupted', 'The response had no body.');
    let finished = false;
    try {
      for await (const event of readSse(response.body, signal)) {
        const data = parseJson(event.data);
        switch (event.event) {
          case 'meta':
            yield {
              type: 'meta',
              requestId: String(data.request_id ?? ''),
              redactions: (data.redactions as Record<string, number> | undefined) ?? {},
            };
            break;
          case 'progress':
            yield { type: 'progress', part: Number(data.part), parts: Number(data.parts) };
            break;
          case 'delta':
            yield { type: 'delta', text: String(data.text ?? '') };
            break;
          case 'citations':
            yield { type: 'citations', citations: parseCitations(data) };
            break;
          case 'revision':
            yield { type: 'revision', findings: Number(data.findings ?? 0) };
            break;
          case 'done': {
            finished = true;
            const done: GenerationEvent = {
              type: 'done',
              finishReason: String(data.finish_reason ?? 'stop'),
              usage: data.usage as { prompt_tokens: number; completion_tokens: number } | undefined,
            };
            const lix = lixChange(data.readability);
            if (lix) done.readability = lix;
            const easyRead = parseEasyRead(data);
            if (easyRead) done.easyRead = easyRead;
            const placeholders = parsePlaceholders(data);
            if (placeholders) done.placeholders = placeholders;
            yield done;
            return;
          }
          case 'error':
            throw ApiError.fromProblem(data as Problem);
          default:
            // Unknown events are for newer panes; this one ignores them.
            break;
        }
      }
    } catch (error) {
      if (error instanceof ApiError || isAbortError(error)) throw error;
      throw new ApiError('stream_interrupted', 'The connection closed before the answer was complete.');
    }
    if (!finished) throw new ApiError('stream_interrupted', 'The stream ended without a done event.');
  }

  /** Any other JSON call (templates: GET, PUT, DELETE too), with the same token and error handling. */
  request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: object, signal?: AbortSignal): Promise<Response> {
    return this.call(path, body, 'application/json', signal, false, method);
  }

  /** POST with a bearer token. A 401 gets one more try: a fresh token, or an interactive one for claims. */
  private async call(
    path: string,
    body: object | undefined,
    accept: string,
    signal?: AbortSignal,
    silent = false,
    method = 'POST',
  ): Promise<Response> {
    const post = async (token: string): Promise<Response> =>
      this.fetchImpl(`${this.baseUrl}${API}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          Accept: `${accept}, application/problem+json`,
          ...(this.host ? { 'X-Kollega-Host': this.host } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        // The API is same-origin; no cookies are needed and none should leak into the request.
        credentials: 'omit',
        cache: 'no-store',
      });

    let response = await guard(post(await this.tokens.getToken(silent ? { silent } : {})));
    if (response.status === 401) {
      const first = await problemFrom(response);
      if (first.claims && silent) throw first;
      // A claims challenge (conditional access, MFA) needs the user: MSAL prompts for it.
      const token = first.claims
        ? await this.tokens.getToken({ claims: first.claims, interactive: true })
        : await this.tokens.getToken(silent ? { forceRefresh: true, silent } : { forceRefresh: true });
      response = await guard(post(token));
    }
    if (!response.ok) throw await problemFrom(response);
    return response;
  }
}

/** Only the lists that hold something: a request without corrections stays as it always was. */
function withCorrections(corrections: CorrectionFields): CorrectionFields {
  const out: CorrectionFields = {};
  if (corrections.mask?.length) out.mask = corrections.mask;
  if (corrections.unmask?.length) out.unmask = corrections.unmask;
  return out;
}

async function send(fetchImpl: FetchLike, url: string, init: RequestInit): Promise<Response> {
  const response = await guard(fetchImpl(url, { ...init, credentials: 'omit', cache: 'no-store' }));
  if (!response.ok) throw await problemFrom(response);
  return response;
}

/** fetch() rejects with a TypeError when the server cannot be reached at all. */
async function guard(request: Promise<Response>): Promise<Response> {
  try {
    return await request;
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError('network', 'The server could not be reached.');
  }
}

export async function problemFrom(response: Response): Promise<ApiError> {
  let problem: Problem = {};
  try {
    const type = response.headers.get('Content-Type') ?? '';
    if (type.includes('json')) problem = (await response.json()) as Problem;
  } catch {
    // A proxy's HTML error page, say: the status code alone must do.
  }
  return ApiError.fromProblem(problem, response.status, response.headers);
}

/** The plain rewrite's `readability: {lix_before, lix_after}`; anything else is ignored. */
function lixChange(value: unknown): LixChange | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { lix_before: before, lix_after: after } = value as { lix_before?: unknown; lix_after?: unknown };
  if (typeof before !== 'number' || !Number.isFinite(before)) return undefined;
  return { before, after: typeof after === 'number' && Number.isFinite(after) ? after : null };
}

function parseJson(data: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(data);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// The API rejects control characters and unpaired surrogates (they break tokenizers). Office hands
// over both: vertical tabs and form feeds from Word, and half an emoji when a selection cuts one.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as the API accepts it: Word's vertical tab (a line break) becomes "\n", other controls go. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u000b\u000c]/g, '\n')
    .replace(CONTROL, '')
    .replace(LONE_SURROGATE, '\ufffd');
}

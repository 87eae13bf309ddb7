import { describe, expect, it, vi } from 'vitest';
import { KollegaApi } from '../../src/api/client';
import { ApiError } from '../../src/api/errors';
import type { GenerationEvent } from '../../src/api/types';
import { buildRun, type TaskInput } from '../../src/ui/requests';
import { reduce, type GenerationState } from '../../src/ui/use-generation';
import { chunkedStream, problem, sse, streamResponse } from './helpers';

const idle: GenerationState = reduce(
  { status: 'idle' } as GenerationState,
  { type: 'start', origin: { task: 'summarize', source: undefined } },
);

describe('generation state', () => {
  it('streams, then finishes', () => {
    let state = idle;
    const events: GenerationEvent[] = [
      { type: 'meta', requestId: 'r', redactions: { PERSON: 2 } },
      { type: 'progress', part: 1, parts: 3 },
      { type: 'delta', text: 'Hej ' },
      { type: 'delta', text: 'då' },
      { type: 'done', finishReason: 'stop', usage: undefined },
    ];
    for (const event of events) state = reduce(state, { type: 'event', event });
    expect(state).toMatchObject({ status: 'done', text: 'Hej då', requestId: 'r', redactions: { PERSON: 2 }, progress: undefined });
  });

  it('keeps the partial text when stopped', () => {
    let state = reduce(idle, { type: 'event', event: { type: 'delta', text: 'Halv' } });
    state = reduce(state, { type: 'stopped' });
    expect(state).toMatchObject({ status: 'stopped', text: 'Halv' });
    // A late "done" after stopping does not matter; a second stop changes nothing.
    expect(reduce(state, { type: 'stopped' })).toBe(state);
  });

  it('an error can be dismissed, keeping text already streamed', () => {
    let state = reduce(idle, { type: 'event', event: { type: 'delta', text: 'Del' } });
    state = reduce(state, { type: 'error', error: new ApiError('stream_interrupted', 'x') });
    expect(state.status).toBe('error');
    expect(reduce(state, { type: 'dismiss' })).toMatchObject({ status: 'stopped', text: 'Del', error: undefined });
  });
});

const INPUT: TaskInput = {
  task: 'summarize',
  language: 'sv',
  source: { text: 'Meddelandet', scope: 'message', kind: 'email' },
  context: '',
  conversationId: 'conv-1',
  summaryScope: 'thread',
  summaryLength: 'short',
  instruction: '',
  tone: 'neutral',
  draftLength: 'medium',
  goal: 'plain',
};

describe('requests', () => {
  it('asks for the conversation, and falls back to the message when Graph is unavailable', async () => {
    const bodies: unknown[] = [];
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(init.body as string));
      if (bodies.length === 1) return problem(422, { code: 'graph_unavailable' });
      return streamResponse(chunkedStream([sse([['delta', { text: 'ok' }], ['done', { finish_reason: 'stop' }]])]).stream);
    });
    const api = new KollegaApi({ getToken: async () => 't' }, { fetch });
    const notices: string[] = [];
    const events: GenerationEvent[] = [];
    for await (const e of buildRun(api, INPUT)(new AbortController().signal, (n) => notices.push(n))) events.push(e);
    expect(bodies).toEqual([
      { conversation_id: 'conv-1', length: 'short', language: 'sv' },
      { text: 'Meddelandet', kind: 'email', length: 'short', language: 'sv' },
    ]);
    expect(notices).toEqual(['thread_fallback']);
    expect(events.map((e) => e.type)).toEqual(['delta', 'done']);
  });

  it('drafts with the context only when there is one', async () => {
    const bodies: unknown[] = [];
    const api = new KollegaApi({ getToken: async () => 't' }, { fetch: async (_url, init) => {
      bodies.push(JSON.parse(init.body as string));
      return streamResponse(chunkedStream([sse([['done', { finish_reason: 'stop' }]])]).stream);
    } });
    const draft = { ...INPUT, task: 'draft' as const, instruction: 'Tacka', tone: 'formal' as const };
    for await (const _ of buildRun(api, draft)(new AbortController().signal, () => undefined));
    for await (const _ of buildRun(api, { ...draft, context: 'Tråden' })(new AbortController().signal, () => undefined));
    expect(bodies).toEqual([
      { instruction: 'Tacka', tone: 'formal', length: 'medium', language: 'sv' },
      { instruction: 'Tacka', tone: 'formal', length: 'medium', language: 'sv', context: 'Tråden' },
    ]);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { KollegaApi, type TokenSource } from '../../src/api/client';
import { ApiError } from '../../src/api/errors';
import { fieldLabel, TemplatesApi, templatesFor, type Template } from '../../src/api/templates';
import { buildRun } from '../../src/ui/requests';
import { chunkedStream, problem, sse, streamResponse } from './helpers';

const tokens: TokenSource = { getToken: async () => 'token-1' };

function template(id: string, task: Template['task']): Template {
  return {
    id, task, name: id, description: '', instruction: 'Svara {namn}.', fields: ['namn'], tone: 'neutral',
    length: 'short', language: 'sv', scope: 'organisation', editable: false,
  };
}

describe('TemplatesApi', () => {
  it('lists with GET and no body, deletes and imports with the scope', async () => {
    const fetch = vi.fn(async (_url: string, init: RequestInit) =>
      init.method === 'DELETE' ? new Response(null, { status: 204 }) : Response.json({ templates: [], created: 1 }),
    );
    const api = new TemplatesApi(new KollegaApi(tokens, { fetch }));
    await api.list();
    await api.remove('a b');
    await api.importFile({ format: 'kollega-templates' }, 'personal');
    const calls = fetch.mock.calls.map(([url, init]) => [url, init.method, init.body]);
    expect(calls).toEqual([
      ['/api/v1/templates', 'GET', undefined],
      ['/api/v1/templates/a%20b', 'DELETE', undefined],
      ['/api/v1/templates/import?scope=personal', 'POST', '{"format":"kollega-templates"}'],
    ]);
    const headers = fetch.mock.calls[0]?.[1].headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer token-1');
    expect(headers['Content-Type']).toBeUndefined();
  });

  it("raises the server's problem, with the fields it names", async () => {
    const body = { status: 422, code: 'template_fields', detail: 'Fields missing.', errors: { 'fields.namn': ['Fill in this field.'] } };
    const api = new TemplatesApi(new KollegaApi(tokens, { fetch: async () => problem(422, body) }));
    const error = await api.create(template('x', 'draft')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors).toEqual({ 'fields.namn': ['Fill in this field.'] });
  });

  it('offers draft and ask templates on the draft tab, rewrite ones on the rewrite tab', () => {
    const all = [template('d', 'draft'), template('a', 'ask'), template('r', 'rewrite'), template('s', 'summarize')];
    expect(templatesFor('draft', all).map((t) => t.id)).toEqual(['d', 'a']);
    expect(templatesFor('rewrite', all).map((t) => t.id)).toEqual(['r']);
    expect(fieldLabel('sista_dag_förhinder')).toBe('Sista dag förhinder');
    expect(fieldLabel('ärende')).toBe('Ärende');
  });
});

describe('buildRun with a template', () => {
  it('sends template_id and fields, and the instruction only when the user wrote one', async () => {
    const bodies: unknown[] = [];
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(init.body as string));
      return streamResponse(chunkedStream([sse([['done', { finish_reason: 'stop' }]])]).stream);
    });
    const api = new KollegaApi(tokens, { fetch });
    const base = {
      language: 'sv' as const, source: { text: 'Text', kind: 'email' as const, scope: 'selection' as const },
      context: '', conversationId: undefined, summaryScope: 'message' as const, summaryLength: 'short' as const,
      tone: 'neutral' as const, draftLength: 'short' as const, goal: 'plain' as const,
      template: { template_id: 't1', fields: { namn: 'Eva' } },
    };
    for (const [task, instruction] of [['draft', ' '], ['draft', 'Och tacka.'], ['rewrite', '']] as const) {
      const run = buildRun(api, { ...base, task, instruction });
      for await (const _ of run(new AbortController().signal, () => undefined)) void _;
    }
    expect(bodies).toEqual([
      { template_id: 't1', fields: { namn: 'Eva' }, tone: 'neutral', length: 'short', language: 'sv' },
      { instruction: 'Och tacka.', template_id: 't1', fields: { namn: 'Eva' }, tone: 'neutral', length: 'short', language: 'sv' },
      { text: 'Text', goal: 'plain', language: 'sv', template_id: 't1', fields: { namn: 'Eva' } },
    ]);
  });
});

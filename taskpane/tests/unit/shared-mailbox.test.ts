import { describe, expect, it, vi } from 'vitest';

import { KollegaApi } from '../../src/api/client';
import { OutlookReadAdapter } from '../../src/hosts/outlook-read';
import { buildRun, type TaskInput } from '../../src/ui/requests';
import { chunkedStream, sse, streamResponse } from './helpers';
import { outlookMock } from './office-mocks';

describe('Outlook read mode in a shared or delegated mailbox', () => {
  it('names the mailbox owner that Office reports', async () => {
    const { office } = outlookMock('read', {
      shared: { owner: 'registrator@exempelby.se', targetMailbox: 'registrator@exempelby.se' },
    });
    await expect(new OutlookReadAdapter(office).sharedMailbox()).resolves.toBe('registrator@exempelby.se');
  });

  it('falls back to targetMailbox only when it is an address', async () => {
    const owner = outlookMock('read', { shared: { owner: '', targetMailbox: 'kundtjanst@exempelby.se' } });
    await expect(new OutlookReadAdapter(owner.office).sharedMailbox()).resolves.toBe('kundtjanst@exempelby.se');
    const opaque = outlookMock('read', { shared: { owner: '', targetMailbox: 'AAMkADAwATM0MDAAMS1i' } });
    await expect(new OutlookReadAdapter(opaque.office).sharedMailbox()).resolves.toBeUndefined();
  });

  it('is the user’s own mailbox when the item is not shared, or the host is older than Mailbox 1.8', async () => {
    const own = outlookMock('read', { shared: 'not-shared' });
    await expect(new OutlookReadAdapter(own.office).sharedMailbox()).resolves.toBeUndefined();
    await expect(new OutlookReadAdapter(outlookMock('read').office).sharedMailbox()).resolves.toBeUndefined();
    const self = outlookMock('read', {
      shared: { owner: 'Anna.Andersson@exempelby.se', targetMailbox: 'Anna.Andersson@exempelby.se' },
    });
    await expect(new OutlookReadAdapter(self.office).sharedMailbox()).resolves.toBeUndefined();
  });

  it('sends the mailbox with the conversation, and not with the message text', async () => {
    const bodies: unknown[] = [];
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(init.body as string));
      return streamResponse(chunkedStream([sse([['delta', { text: 'ok' }], ['done', { finish_reason: 'stop' }]])]).stream);
    });
    const api = new KollegaApi({ getToken: async () => 't' }, { fetch });
    const { office } = outlookMock('read', {
      shared: { owner: 'registrator@exempelby.se', targetMailbox: 'registrator@exempelby.se' },
    });
    const host = new OutlookReadAdapter(office);
    const input: TaskInput = {
      task: 'summarize',
      language: 'sv',
      source: { text: 'Meddelandet', scope: 'message', kind: 'email' },
      context: '',
      conversationId: host.conversationId(),
      mailbox: () => host.sharedMailbox(),
      summaryScope: 'thread',
      summaryLength: 'short',
      instruction: '',
      tone: 'neutral',
      draftLength: 'medium',
      goal: 'plain',
    };
    for await (const _ of buildRun(api, input)(new AbortController().signal, () => undefined));
    for await (const _ of buildRun(api, { ...input, summaryScope: 'message' })(new AbortController().signal, () => undefined));
    expect(bodies).toEqual([
      { conversation_id: 'conv-1', mailbox: 'registrator@exempelby.se', length: 'short', language: 'sv' },
      { text: 'Meddelandet', kind: 'email', length: 'short', language: 'sv' },
    ]);
  });
});

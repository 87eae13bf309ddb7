/**
 * What the release card needs from the Office application, beside the pane's HostAdapter: the whole
 * document, the officer's selection, showing a span in the document, and a new document for the copy.
 * Word and Outlook (read mode) have their own; the playground registers its simulation.
 */

import { cleanText } from '../api/client';
import { ApiError } from '../api/errors';
import { anchorFor, escapeWordSearch } from '../hosts/anchors';
import type { HostAdapter, HostKind } from '../hosts/host';
import { hostCall, officeAsync } from '../hosts/office-async';
import { OutlookReadAdapter } from '../hosts/outlook-read';
import { WordAdapter } from '../hosts/word';

export interface ReleaseHost {
  readonly kind: HostKind;
  /** The whole document (Word) or message (Outlook) as plain text, as the API reads it. */
  readDocument(): Promise<string>;
  /** The officer's selection in the document; undefined where the host cannot tell (Outlook read mode). */
  readSelection(): Promise<string | undefined>;
  /** Selects text[start, end) of the document read earlier as `text`; false when it cannot be found. */
  show(text: string, start: number, end: number): Promise<boolean>;
  /** Whether a new document can be opened for the masked copy (Word with WordApi 1.3). */
  canCreateDocument(): boolean;
  /** Opens a new document holding `text`; the document the pane runs in is not touched. */
  createDocument(text: string): Promise<void>;
}

const registered = new WeakMap<HostAdapter, ReleaseHost>();

/** The playground (and tests) hand in their own. */
export function registerReleaseHost(adapter: HostAdapter, host: ReleaseHost): void {
  registered.set(adapter, host);
}

/** The release host for the pane's adapter; undefined where release review is not offered (compose). */
export function releaseHostFor(adapter: HostAdapter): ReleaseHost | undefined {
  const own = registered.get(adapter);
  if (own) return own;
  if (adapter instanceof WordAdapter) return new WordReleaseHost();
  if (adapter instanceof OutlookReadAdapter) return new OutlookReadReleaseHost();
  return undefined;
}

export class WordReleaseHost implements ReleaseHost {
  readonly kind = 'word' as const;

  constructor(
    private readonly office: typeof Office = globalThis.Office,
    private readonly word: typeof Word = globalThis.Word,
  ) {}

  readDocument(): Promise<string> {
    return hostCall(() =>
      this.word.run(async (context) => {
        const body = context.document.body;
        body.load('text');
        await context.sync();
        return cleanText(body.text);
      }),
    );
  }

  readSelection(): Promise<string | undefined> {
    return hostCall(() =>
      this.word.run(async (context) => {
        const selection = context.document.getSelection();
        selection.load('text');
        await context.sync();
        return cleanText(selection.text);
      }),
    );
  }

  /** Word has no range by offset: the span is found by search (anchors.ts) and selected. */
  show(text: string, start: number, end: number): Promise<boolean> {
    const anchor = anchorFor(text, start, end);
    if (!anchor) return Promise.resolve(false);
    return hostCall(() =>
      this.word.run(async (context) => {
        const body = context.document.body;
        const head = body.search(escapeWordSearch(anchor.head.text), { matchCase: true });
        head.load('items');
        const tail = anchor.tail ? body.search(escapeWordSearch(anchor.tail.text), { matchCase: true }) : undefined;
        tail?.load('items');
        await context.sync();
        const first = head.items[anchor.head.occurrence];
        const last = anchor.tail ? tail?.items[anchor.tail.occurrence] : first;
        if (!first || !last) return false;
        (anchor.tail ? first.expandTo(last) : first).select();
        await context.sync();
        return true;
      }),
    );
  }

  canCreateDocument(): boolean {
    return this.office.context.requirements.isSetSupported('WordApi', '1.3');
  }

  createDocument(text: string): Promise<void> {
    if (!this.canCreateDocument()) return Promise.reject(new ApiError('host_error', 'New documents need WordApi 1.3.'));
    return hostCall(async () => {
      // Loaded when first needed: fflate stays out of the pane's first load.
      const { docxBase64 } = await import('./docx');
      const file = docxBase64(text);
      return this.word.run(async (context) => {
        context.application.createDocument(file).open();
        await context.sync();
      });
    });
  }
}

export class OutlookReadReleaseHost implements ReleaseHost {
  readonly kind = 'outlook-read' as const;

  constructor(private readonly office: typeof Office = globalThis.Office) {}

  async readDocument(): Promise<string> {
    const item = this.office.context.mailbox.item as Office.MessageRead | null;
    if (!item) throw new ApiError('empty_text', 'No message is open.');
    const text = await officeAsync<string>(this.office, (done) => item.body.getAsync(this.office.CoercionType.Text, done));
    return cleanText(text);
  }

  /** A message being read has no selection API; the officer types what to add. */
  async readSelection(): Promise<undefined> {
    return undefined;
  }

  /** Nothing can be selected in a message being read: the pane shows the passage itself. */
  async show(): Promise<boolean> {
    return false;
  }

  canCreateDocument(): boolean {
    return false;
  }

  createDocument(): Promise<void> {
    return Promise.reject(new ApiError('host_error', 'Outlook cannot open a document.'));
  }
}

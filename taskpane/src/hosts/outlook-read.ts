/** Outlook, reading a message: summarise it (or its conversation), or draft a reply to it. */

import { looksLikeThread, officeAsync } from './office-async';
import {
  TASKS_BY_HOST,
  insertActionsFor,
  textToHtml,
  type CommentSupport,
  type HostAdapter,
  type InsertAction,
  type InsertResult,
  type MarkResult,
  type SourceScope,
  type SourceText,
  type Task,
} from './host';
import { ApiError } from '../api/errors';

/** An e-mail address as the server accepts it for `mailbox` (backend/graph/mail.py MAILBOX_PATTERN, simplified). */
const MAILBOX = /^[^\s@/]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export class OutlookReadAdapter implements HostAdapter {
  readonly kind = 'outlook-read' as const;
  readonly tasks = TASKS_BY_HOST['outlook-read'];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly office: typeof Office = globalThis.Office) {}

  private get item(): Office.MessageRead {
    return this.office.context.mailbox.item as Office.MessageRead;
  }

  async readSource(): Promise<SourceText> {
    const text = await this.bodyText();
    return { text, scope: 'message', kind: looksLikeThread(text) ? 'thread' : 'email' };
  }

  async readDraftContext(): Promise<string> {
    const body = await this.bodyText();
    const subject = this.item.subject;
    return subject ? `${subject}\n\n${body}` : body;
  }

  conversationId(): string | undefined {
    return this.item.conversationId || undefined;
  }

  /**
   * The owner of a shared or delegated mailbox the item is in, so the server reads the thread there
   * (`/users/{owner}/messages`, Mail.Read.Shared). getSharedPropertiesAsync is Mailbox 1.8 (shared folders)
   * and 1.13 (shared mailboxes); it fails for an item in the user's own mailbox, and older hosts lack it.
   */
  sharedMailbox(): Promise<string | undefined> {
    const item = this.item as Partial<Office.MessageRead> | undefined;
    if (!item || typeof item.getSharedPropertiesAsync !== 'function') return Promise.resolve(undefined);
    const own = this.office.context.mailbox.userProfile?.emailAddress?.toLowerCase();
    return new Promise((resolve) => {
      item.getSharedPropertiesAsync!((result: Office.AsyncResult<Office.SharedProperties>) => {
        if (result.status !== this.office.AsyncResultStatus.Succeeded) return resolve(undefined);
        // owner is the mailbox's e-mail address; targetMailbox's form differs between clients, so it is
        // only a fallback when it too is an address.
        const address = [result.value?.owner, result.value?.targetMailbox].find((a) => a && MAILBOX.test(a));
        resolve(address && address.toLowerCase() !== own ? address : undefined);
      });
    });
  }

  insertActions(task: Task, scope: SourceScope | undefined): InsertAction[] {
    return insertActionsFor(this.kind, task, scope);
  }

  async insert(action: InsertAction, text: string): Promise<InsertResult> {
    if (action !== 'reply') throw new ApiError('host_error', 'A message being read cannot be edited.');
    // displayReplyForm opens the reply with the draft as its body; the user reviews it before sending.
    this.item.displayReplyForm({ htmlBody: textToHtml(text) });
    return { tracked: false };
  }

  /** Outlook has no comments API: the pane shows readability findings against the text itself. */
  commentSupport(): CommentSupport {
    return 'none';
  }

  addComments(): Promise<MarkResult> {
    return Promise.reject(new ApiError('host_error', 'Outlook messages have no comments.'));
  }

  subscribe(onChange: () => void): () => void {
    // ItemChanged fires when a pinned pane's user opens another message (Mailbox 1.5). The mailbox
    // removes every handler of a type at once, so one Office handler serves all the pane's listeners.
    const mailbox = this.office.context.mailbox;
    if (!this.office.context.requirements.isSetSupported('Mailbox', '1.5')) return () => undefined;
    if (this.listeners.size === 0) {
      mailbox.addHandlerAsync(this.office.EventType.ItemChanged, () => this.listeners.forEach((l) => l()));
    }
    this.listeners.add(onChange);
    return () => {
      this.listeners.delete(onChange);
      if (this.listeners.size === 0) mailbox.removeHandlerAsync(this.office.EventType.ItemChanged);
    };
  }

  private bodyText(): Promise<string> {
    const item = this.item;
    if (!item) return Promise.reject(new ApiError('empty_text', 'No message is open.'));
    return officeAsync<string>(this.office, (done) => item.body.getAsync(this.office.CoercionType.Text, done));
  }
}

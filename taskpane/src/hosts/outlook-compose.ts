/** Outlook, writing a message: draft into it at the cursor, or rewrite the selection or the body. */

import { officeAsync } from './office-async';
import {
  TASKS_BY_HOST,
  insertActionsFor,
  sameText,
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

interface SelectedData {
  data: string;
  sourceProperty: 'body' | 'subject';
}

export class OutlookComposeAdapter implements HostAdapter {
  readonly kind = 'outlook-compose' as const;
  readonly tasks = TASKS_BY_HOST['outlook-compose'];

  constructor(private readonly office: typeof Office = globalThis.Office) {}

  private get item(): Office.MessageCompose {
    return this.office.context.mailbox.item as Office.MessageCompose;
  }

  async readSource(): Promise<SourceText> {
    const selection = await this.selectedBodyText();
    if (selection.trim()) return { text: selection, scope: 'selection', kind: 'email' };
    return { text: await this.bodyText(), scope: 'body', kind: 'email' };
  }

  /** In a reply, Outlook puts the earlier messages in the body below the cursor: that is the thread. */
  readDraftContext(): Promise<string> {
    return this.bodyText();
  }

  conversationId(): string | undefined {
    return this.item.conversationId || undefined;
  }

  insertActions(task: Task, scope: SourceScope | undefined): InsertAction[] {
    return insertActionsFor(this.kind, task, scope);
  }

  async insert(action: InsertAction, text: string, source?: SourceText): Promise<InsertResult> {
    const html = (await this.bodyType()) === 'html';
    const coercionType = html ? this.office.CoercionType.Html : this.office.CoercionType.Text;
    const data = html ? textToHtml(text) : text;
    if (action === 'insert-cursor') {
      // setSelectedDataAsync writes at the cursor, replacing a selection: put the selection back in front.
      const selected = await this.selectedBodyText();
      const keep = selected && html ? textToHtml(selected) : selected;
      await this.setSelected(keep ? `${keep}${html ? '' : '\n\n'}${data}` : data, coercionType);
      return { tracked: false };
    }
    if (action === 'replace' && source) {
      if (source.scope === 'selection') {
        if (!sameText(await this.selectedBodyText(), source.text)) throw selectionChanged();
        await this.setSelected(data, coercionType);
      } else {
        if (!sameText(await this.bodyText(), source.text)) throw selectionChanged();
        await officeAsync<void>(this.office, (done) => this.item.body.setAsync(data, { coercionType }, done));
      }
      return { tracked: false };
    }
    throw new ApiError('host_error', `Outlook cannot ${action} while composing.`);
  }

  /** Outlook has no comments API: the pane shows readability findings against the text itself. */
  commentSupport(): CommentSupport {
    return 'none';
  }

  addComments(): Promise<MarkResult> {
    return Promise.reject(new ApiError('host_error', 'Outlook messages have no comments.'));
  }

  subscribe(): () => void {
    // Compose mode has no selection-changed event; the pane re-reads when the user asks.
    return () => undefined;
  }

  private setSelected(data: string, coercionType: Office.CoercionType): Promise<void> {
    return officeAsync<void>(this.office, (done) => this.item.body.setSelectedDataAsync(data, { coercionType }, done));
  }

  private bodyText(): Promise<string> {
    return officeAsync<string>(this.office, (done) => this.item.body.getAsync(this.office.CoercionType.Text, done));
  }

  private bodyType(): Promise<string> {
    return officeAsync<Office.CoercionType>(this.office, (done) => this.item.body.getTypeAsync(done)).then(String);
  }

  /** The selected text in the body; a selection in the subject line is not body text, so it is ignored. */
  private async selectedBodyText(): Promise<string> {
    const selected = await officeAsync<SelectedData>(this.office, (done) =>
      this.item.getSelectedDataAsync(this.office.CoercionType.Text, done as (r: Office.AsyncResult<unknown>) => void),
    );
    return selected && selected.sourceProperty === 'body' ? selected.data : '';
  }
}

function selectionChanged(): ApiError {
  return new ApiError('selection_changed', 'The text changed since it was read.');
}

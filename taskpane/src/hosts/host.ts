/**
 * The one seam between the pane and the Office application it runs in. Each host and mode (Outlook
 * read, Outlook compose, Word) and the playground implement it; the UI knows nothing else of Office.
 */

import type { Passage } from '../api/citations';
import type { SourceKind } from '../api/types';

export type HostKind = 'outlook-read' | 'outlook-compose' | 'word';
export type Task = 'summarize' | 'ask' | 'draft' | 'rewrite';

/** Where a text came from. It decides what "replace" means and what the UI calls the text. */
export type SourceScope = 'selection' | 'body' | 'message';

export interface SourceText {
  text: string;
  scope: SourceScope;
  kind: SourceKind;
}

/** Ways an answer can go back into the item or document. */
export type InsertAction =
  /** at the cursor, or after the selection when there is one (text is never lost) */
  | 'insert-cursor'
  /** in place of the text it was made from */
  | 'replace'
  /** as new paragraphs after the selection */
  | 'insert-after'
  /** a new reply to the message being read, with the answer as its body */
  | 'reply';

export interface InsertResult {
  /** The change went in as a tracked revision (Word, WordApi 1.4). */
  tracked: boolean;
}

/** A note on a span of a source text, such as a readability finding. */
export interface TextMark {
  /** UTF-16 offsets into cleanText(source.text): the text as the API read it. */
  start: number;
  end: number;
  /** The comment to write on the span. */
  note: string;
}

export interface MarkResult {
  /** Comments put into the document. */
  added: number;
  /** Spans that could not be found in the document again (the text changed, or search saw it differently). */
  missed: number;
}

/**
 * Whether notes can go into the document as comments: `supported`; `unsupported` where the host has
 * comments but this version lacks the API (Word without WordApi 1.4); `none` where the host has no
 * comments at all (Outlook), so the pane shows the notes itself.
 */
export type CommentSupport = 'supported' | 'unsupported' | 'none';

export interface HostAdapter {
  readonly kind: HostKind;
  /** The tasks that make sense here, in the order the UI offers them. */
  readonly tasks: readonly Task[];

  /** The text a summary or rewrite works on: the selection if there is one, else the whole item. */
  readSource(): Promise<SourceText>;
  /** Context for a draft: the message replied to, the thread of a reply, or the selection in Word. */
  readDraftContext(): Promise<string>;
  /** The Outlook conversation, so the server can read the whole thread through Graph. */
  conversationId(): string | undefined;
  /** The shared or delegated mailbox that holds the item (its owner's address); undefined for the user's own. */
  sharedMailbox?(): Promise<string | undefined>;

  /** What can be done with an answer to `task` made from a text of `scope`; the first is the main one. */
  insertActions(task: Task, scope: SourceScope | undefined): InsertAction[];
  /**
   * Puts the answer into the item. For "replace", `source` is the text it was made from: the adapter
   * refuses (selection_changed) when the selection no longer holds it, so nothing else is overwritten.
   */
  insert(action: InsertAction, text: string, source?: SourceText): Promise<InsertResult>;

  /** Whether addComments can work here. */
  commentSupport(): CommentSupport;
  /**
   * Puts each mark into the document as a comment on its span, within the text `source` was read from
   * (the selection or the body). Refuses (selection_changed) when that text is no longer the same.
   */
  addComments(source: SourceText, marks: readonly TextMark[]): Promise<MarkResult>;

  /**
   * Selects a cited passage of `source` in the document (Word), found by search; false when it is no
   * longer there. Absent where the item cannot be selected in (Outlook): the pane shows the quote instead.
   */
  selectPassage?(source: SourceText, passage: Passage): Promise<boolean>;

  /** Calls back when the item or selection changes, so the pane can refresh its preview. */
  subscribe(onChange: () => void): () => void;
}

/** Which Office surfaces each task belongs to; the adapters use it for `tasks`. */
export const TASKS_BY_HOST: Record<HostKind, readonly Task[]> = {
  'outlook-read': ['summarize', 'ask', 'draft'],
  'outlook-compose': ['draft', 'rewrite'],
  word: ['summarize', 'ask', 'draft', 'rewrite'],
};

/**
 * What can be done with an answer, per host: the first action is the main button. The real adapters
 * and the playground share this, so the playground offers exactly what Office would.
 */
export function insertActionsFor(kind: HostKind, task: Task, scope: SourceScope | undefined): InsertAction[] {
  switch (kind) {
    case 'outlook-read':
      // A message being read cannot be edited: a draft becomes a reply, a summary is copied.
      return task === 'draft' ? ['reply'] : [];
    case 'outlook-compose':
      return task === 'rewrite' && scope ? ['replace', 'insert-cursor'] : ['insert-cursor'];
    case 'word':
      if (task === 'rewrite') return scope === 'selection' ? ['replace', 'insert-after'] : ['replace', 'insert-cursor'];
      // With a selection, "at the cursor" would also land after it: one button, not two that do the same.
      if (task === 'summarize' || task === 'ask') return scope === 'selection' ? ['insert-after'] : ['insert-cursor'];
      return ['insert-cursor'];
  }
}

/** Plain text as Outlook HTML: paragraphs and line breaks kept, everything escaped. */
export function textToHtml(text: string): string {
  const escape = (s: string): string =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Compare texts the way hosts hand them back: line endings and outer whitespace vary. */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.replace(/\r\n?|\v/g, '\n').trim();
  return norm(a) === norm(b);
}

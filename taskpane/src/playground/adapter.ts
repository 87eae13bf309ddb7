/**
 * The playground's host adapter: the same interface as the Office adapters, over a simulated message
 * or document made of plain textareas. It keeps the Office semantics (what a selection is, what can be
 * replaced, that read mode opens a reply) so that the pane behaves here as it will in Office.
 */

import { cleanText } from '../api/client';
import { ApiError } from '../api/errors';
import type { Passage } from '../api/citations';
import { anchorFor, passageAnchor, rangeOf } from '../hosts/anchors';
import {
  TASKS_BY_HOST,
  insertActionsFor,
  sameText,
  type CommentSupport,
  type HostAdapter,
  type HostKind,
  type InsertAction,
  type InsertResult,
  type MarkResult,
  type SourceScope,
  type SourceText,
  type Task,
  type TextMark,
} from '../hosts/host';
import { looksLikeThread } from '../hosts/office-async';
import type { SampleMessage } from './samples';

/** A textarea standing in for a message body or a Word document; it keeps its selection when blurred. */
export interface TextSurface {
  element(): HTMLTextAreaElement | null;
}

/** A comment in the simulated Word document, on value.slice(start, end) of its textarea. */
export interface SimulatedComment {
  start: number;
  end: number;
  /** The text commented on, so the comment can follow it when the text around it is edited. */
  quote: string;
  note: string;
}

export interface TrackedChange {
  removed: string;
  inserted: string;
}

/** What the playground page provides: its simulated item and what Office would do with it. */
export interface SimulatedHost {
  message: SampleMessage;
  compose: TextSurface;
  word: TextSurface;
  /** Word's "Track changes" is on in the simulated document, as WordApi 1.4 would allow. */
  trackChanges(): boolean;
  recordChange(change: TrackedChange): void;
  /** Word's comments API (WordApi 1.4) is there; the playground can simulate an older Word without it. */
  commentsSupported(): boolean;
  addComments(comments: SimulatedComment[]): void;
  openReply(text: string): void;
}

export class PlaygroundAdapter implements HostAdapter {
  readonly tasks: readonly Task[];
  /** Word only, as in Office: a message cannot be selected in, so the pane shows the quote instead. */
  readonly selectPassage?: (source: SourceText, passage: Passage) => Promise<boolean>;

  constructor(
    readonly kind: HostKind,
    private readonly sim: SimulatedHost,
  ) {
    this.tasks = TASKS_BY_HOST[kind];
    if (kind === 'word') this.selectPassage = (source, passage) => Promise.resolve(this.selectInDocument(source, passage));
  }

  async readSource(): Promise<SourceText> {
    if (this.kind === 'outlook-read') {
      const text = this.sim.message.body;
      return { text, scope: 'message', kind: looksLikeThread(text) ? 'thread' : 'email' };
    }
    const area = this.surface();
    const kind = this.kind === 'word' ? 'document' : 'email';
    const selected = area.value.slice(area.selectionStart, area.selectionEnd);
    if (selected.trim()) return { text: selected, scope: 'selection', kind };
    return { text: area.value, scope: 'body', kind };
  }

  async readDraftContext(): Promise<string> {
    if (this.kind === 'outlook-read') return `${this.sim.message.subject}\n\n${this.sim.message.body}`;
    const area = this.surface();
    // Word drafts build on the selection; a reply builds on its whole body, where the thread is quoted.
    return this.kind === 'word' ? area.value.slice(area.selectionStart, area.selectionEnd) : area.value;
  }

  conversationId(): string | undefined {
    return this.kind === 'outlook-read' ? this.sim.message.conversationId : undefined;
  }

  insertActions(task: Task, scope: SourceScope | undefined): InsertAction[] {
    return insertActionsFor(this.kind, task, scope);
  }

  async insert(action: InsertAction, text: string, source?: SourceText): Promise<InsertResult> {
    if (action === 'reply') {
      if (this.kind !== 'outlook-read') throw new ApiError('host_error', 'Only a message being read has a reply.');
      this.sim.openReply(text);
      return { tracked: false };
    }
    if (this.kind === 'outlook-read') throw new ApiError('host_error', 'A message being read cannot be edited.');
    const area = this.surface();
    const { selectionStart: start, selectionEnd: end } = area;
    switch (action) {
      case 'insert-cursor':
        // At the cursor; a selection is kept and the text goes after it, as the Office adapters do.
        if (start === end) write(area, text, start, end);
        else write(area, `${separator(area.value, end)}${text}`, end, end);
        return { tracked: false };
      case 'insert-after':
        write(area, `${separator(area.value, end)}${text}`, end, end);
        return { tracked: false };
      case 'replace': {
        const whole = source?.scope === 'body';
        const [from, to] = whole ? [0, area.value.length] : [start, end];
        if (!source || !sameText(area.value.slice(from, to), source.text)) {
          throw new ApiError('selection_changed', 'The selection changed since it was read.');
        }
        const tracked = this.kind === 'word' && this.sim.trackChanges();
        if (tracked) this.sim.recordChange({ removed: area.value.slice(from, to), inserted: text });
        write(area, text, from, to);
        return { tracked };
      }
    }
  }

  commentSupport(): CommentSupport {
    if (this.kind !== 'word') return 'none';
    return this.sim.commentsSupported() ? 'supported' : 'unsupported';
  }

  /** As the Word adapter does it: find each span again by search within the selection or body. */
  async addComments(source: SourceText, marks: readonly TextMark[]): Promise<MarkResult> {
    if (this.commentSupport() !== 'supported') throw new ApiError('host_error', 'Comments need WordApi 1.4.');
    const area = this.surface();
    const [from, to] = source.scope === 'body' ? [0, area.value.length] : [area.selectionStart, area.selectionEnd];
    const scope = area.value.slice(from, to);
    if (!sameText(scope, source.text)) throw new ApiError('selection_changed', 'The text changed since it was checked.');
    const text = cleanText(source.text);
    const comments: SimulatedComment[] = [];
    let missed = 0;
    for (const mark of marks) {
      const anchor = anchorFor(text, mark.start, mark.end);
      const found = anchor ? rangeOf(scope, anchor) : undefined;
      if (!found) {
        missed += 1;
        continue;
      }
      comments.push({ start: from + found.start, end: from + found.end, quote: scope.slice(found.start, found.end), note: mark.note });
    }
    this.sim.addComments(comments);
    return { added: comments.length, missed };
  }

  /** As the Word adapter does it: by search in the whole document; the textarea selects what it finds. */
  private selectInDocument(source: SourceText, passage: Passage): boolean {
    const area = this.surface();
    const anchor = passageAnchor(area.value, cleanText(source.text), passage);
    const found = anchor ? rangeOf(area.value, anchor) : undefined;
    if (!found) return false;
    // Word scrolls to what it selects and the pane keeps the focus: focus the textarea just long enough
    // for it to scroll there, then give the focus back.
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    area.focus();
    area.setSelectionRange(found.start, found.end);
    back?.focus();
    area.dispatchEvent(new Event('select'));
    return true;
  }

  subscribe(onChange: () => void): () => void {
    // Word tells add-ins when the selection changes; Outlook compose does not, so neither does this.
    if (this.kind !== 'word') return () => undefined;
    const events = ['select', 'mouseup', 'keyup', 'input'] as const;
    const area = this.sim.word.element();
    events.forEach((e) => area?.addEventListener(e, onChange));
    return () => events.forEach((e) => area?.removeEventListener(e, onChange));
  }

  private surface(): HTMLTextAreaElement {
    const area = (this.kind === 'word' ? this.sim.word : this.sim.compose).element();
    if (!area) throw new ApiError('host_error', 'The simulated document is not there.');
    return area;
  }
}

/** Text inserted after a selection starts on a line of its own. */
function separator(value: string, at: number): string {
  if (at === 0 || value[at - 1] === '\n') return '';
  return '\n';
}

function write(area: HTMLTextAreaElement, text: string, start: number, end: number): void {
  area.setRangeText(text, start, end, 'select');
  // Listeners (and React) hear about programmatic edits only through an input event.
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Word: summarise, draft and rewrite; rewrites replace the selection as tracked changes where Word
 * allows, and readability findings can go into the document as comments (WordApi 1.4).
 */

import { anchorFor, escapeWordSearch, passageAnchor, type RangeAnchor } from './anchors';
import { hostCall } from './office-async';
import {
  TASKS_BY_HOST,
  insertActionsFor,
  sameText,
  type CommentSupport,
  type HostAdapter,
  type InsertAction,
  type InsertResult,
  type MarkResult,
  type SourceScope,
  type SourceText,
  type Task,
  type TextMark,
} from './host';
import type { Passage } from '../api/citations';
import { cleanText } from '../api/client';
import { ApiError } from '../api/errors';

export class WordAdapter implements HostAdapter {
  readonly kind = 'word' as const;
  readonly tasks = TASKS_BY_HOST.word;

  constructor(
    private readonly office: typeof Office = globalThis.Office,
    private readonly word: typeof Word = globalThis.Word,
  ) {}

  readSource(): Promise<SourceText> {
    return hostCall(() =>
      this.word.run(async (context) => {
        const selection = context.document.getSelection();
        selection.load('text');
        await context.sync();
        if (selection.text.trim()) return { text: selection.text, scope: 'selection' as const, kind: 'document' as const };
        // Only read the whole body when there is no selection: a long document is slow to load.
        const body = context.document.body;
        body.load('text');
        await context.sync();
        return { text: body.text, scope: 'body' as const, kind: 'document' as const };
      }),
    );
  }

  readDraftContext(): Promise<string> {
    return hostCall(() =>
      this.word.run(async (context) => {
        const selection = context.document.getSelection();
        selection.load('text');
        await context.sync();
        return selection.text;
      }),
    );
  }

  conversationId(): undefined {
    return undefined;
  }

  insertActions(task: Task, scope: SourceScope | undefined): InsertAction[] {
    return insertActionsFor(this.kind, task, scope);
  }

  insert(action: InsertAction, text: string, source?: SourceText): Promise<InsertResult> {
    return hostCall(() =>
      this.word.run(async (context) => {
        const selection = context.document.getSelection();
        switch (action) {
          case 'insert-cursor':
          case 'insert-after': {
            selection.load('isEmpty');
            await context.sync();
            if (action === 'insert-cursor' && selection.isEmpty) {
              // A collapsed selection is the cursor: the text goes right there.
              selection.insertText(text, 'Replace');
            } else {
              // A real selection is kept; the answer follows it as paragraphs of its own.
              let anchor: Word.Range | Word.Paragraph = selection;
              for (const paragraph of paragraphs(text)) anchor = anchor.insertParagraph(paragraph, 'After');
            }
            await context.sync();
            return { tracked: false };
          }
          case 'replace': {
            const target = source?.scope === 'body' ? context.document.body : selection;
            target.load('text');
            await context.sync();
            if (!source || !sameText(target.text, source.text)) {
              throw new ApiError('selection_changed', 'The selection changed since it was read.');
            }
            return this.withTrackedChanges(context, async () => {
              target.insertText(text, 'Replace');
              await context.sync();
            });
          }
          default:
            throw new ApiError('host_error', `Word cannot ${action}.`);
        }
      }),
    );
  }

  commentSupport(): CommentSupport {
    return this.office.context.requirements.isSetSupported('WordApi', '1.4') ? 'supported' : 'unsupported';
  }

  /**
   * Each mark becomes a comment on its span. Word has no ranges by offset, so each span is searched
   * for within the selection or body it was read from, and the right match taken by its occurrence
   * (anchors.ts). All searches go in one batch, and all comments in a second.
   */
  addComments(source: SourceText, marks: readonly TextMark[]): Promise<MarkResult> {
    if (this.commentSupport() !== 'supported') {
      return Promise.reject(new ApiError('host_error', 'Comments need WordApi 1.4.'));
    }
    const text = cleanText(source.text);
    const planned = marks.map((mark) => ({ mark, anchor: anchorFor(text, mark.start, mark.end) }));
    return hostCall(() =>
      this.word.run(async (context) => {
        const scope = source.scope === 'body' ? context.document.body : context.document.getSelection();
        scope.load('text');
        await context.sync();
        if (!sameText(scope.text, source.text)) {
          throw new ApiError('selection_changed', 'The text changed since it was checked.');
        }
        const searches = searchAnchors(scope, planned.map((p) => p.anchor));
        await context.sync();

        const result: MarkResult = { added: 0, missed: 0 };
        for (const { mark, anchor } of planned) {
          const range = anchor ? locate(searches, anchor) : undefined;
          if (!range) {
            result.missed += 1;
            continue;
          }
          range.insertComment(mark.note);
          result.added += 1;
        }
        await context.sync();
        return result;
      }),
    );
  }

  /**
   * Selects a cited passage. It is found by search in the body, at its place in the text it was cited
   * from, or by its quote where the document changed around it (anchors.ts: a long quote by its head
   * and tail, since Word searches at most 255 characters).
   */
  selectPassage(source: SourceText, passage: Passage): Promise<boolean> {
    return hostCall(() =>
      this.word.run(async (context) => {
        const body = context.document.body;
        body.load('text');
        await context.sync();
        const anchor = passageAnchor(cleanText(body.text), cleanText(source.text), passage);
        if (!anchor) return false;
        const searches = searchAnchors(body, [anchor]);
        await context.sync();
        const range = locate(searches, anchor);
        if (!range) return false;
        range.select();
        await context.sync();
        return true;
      }),
    );
  }

  subscribe(onChange: () => void): () => void {
    const document = this.office.context.document;
    const type = this.office.EventType.DocumentSelectionChanged;
    document.addHandlerAsync(type, onChange);
    return () => document.removeHandlerAsync(type, { handler: onChange });
  }

  /**
   * Turns track changes on for one edit, then back to what the user had, so the rewrite shows as a
   * revision to accept or reject. Needs WordApi 1.4; older Word edits directly.
   */
  private async withTrackedChanges(context: Word.RequestContext, edit: () => Promise<void>): Promise<InsertResult> {
    if (!this.office.context.requirements.isSetSupported('WordApi', '1.4')) {
      await edit();
      return { tracked: false };
    }
    const document = context.document;
    document.load('changeTrackingMode');
    await context.sync();
    const previous = document.changeTrackingMode;
    document.changeTrackingMode = 'TrackAll';
    try {
      await edit();
    } finally {
      document.changeTrackingMode = previous;
      await context.sync();
    }
    return { tracked: true };
  }
}

/** Queues one search per distinct text the anchors need (head and tail); the caller syncs once for all. */
function searchAnchors(scope: Word.Range | Word.Body, anchors: readonly (RangeAnchor | undefined)[]): Map<string, Word.RangeCollection> {
  const searches = new Map<string, Word.RangeCollection>();
  const search = (needle: string): void => {
    if (searches.has(needle)) return;
    const found = scope.search(escapeWordSearch(needle), { matchCase: true });
    found.load('items');
    searches.set(needle, found);
  };
  for (const anchor of anchors) {
    if (!anchor) continue;
    search(anchor.head.text);
    if (anchor.tail) search(anchor.tail.text);
  }
  return searches;
}

/** The range an anchor points at: its head match, expanded to its tail match when it has one. */
function locate(searches: Map<string, Word.RangeCollection>, anchor: RangeAnchor): Word.Range | undefined {
  const head = searches.get(anchor.head.text)?.items[anchor.head.occurrence];
  if (!head || !anchor.tail) return head;
  const tail = searches.get(anchor.tail.text)?.items[anchor.tail.occurrence];
  return tail ? head.expandTo(tail) : undefined;
}

/** Word paragraphs: one per line of the answer, blank lines dropped. */
function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

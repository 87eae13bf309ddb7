/** Office.js stand-ins built with office-addin-mock, the mocking library Microsoft ships for add-ins. */

import { OfficeMockObject } from 'office-addin-mock';

type Callback = (result: { status: string; value?: unknown; error?: { message: string } }) => void;

const ENUMS = {
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  CoercionType: { Text: 'text', Html: 'html' },
  EventType: {
    ItemChanged: 'olkItemSelectedChanged',
    DocumentSelectionChanged: 'documentSelectionChanged',
    DialogMessageReceived: 'dialogMessageReceived',
    DialogEventReceived: 'dialogEventReceived',
  },
  HostType: { Outlook: 'Outlook', Word: 'Word' },
};

const ok = (callback: Callback, value?: unknown): void => callback({ status: 'succeeded', value });

export interface OutlookState {
  body: string;
  bodyType: 'html' | 'text';
  selection: string;
  selectionSource: 'body' | 'subject';
  conversationId: string;
  subject: string;
  /** getSharedPropertiesAsync's answer (Mailbox 1.8); absent: the host lacks the method. */
  shared?: { owner: string; targetMailbox: string } | 'not-shared';
  calls: { method: string; args: unknown[] }[];
}

/** Outlook with one message, in read or compose mode. Calls that change the item are recorded. */
export function outlookMock(mode: 'read' | 'compose', initial: Partial<OutlookState> = {}) {
  const state: OutlookState = {
    body: 'Hej!\n\nMeddelandets text.',
    bodyType: 'html',
    selection: '',
    selectionSource: 'body',
    conversationId: 'conv-1',
    subject: 'Ämne',
    calls: [],
    ...initial,
  };
  const body: Record<string, unknown> = {
    getAsync: (_type: string, callback: Callback) => ok(callback, state.body),
  };
  const item: Record<string, unknown> = {
    subject: state.subject,
    conversationId: state.conversationId,
    body,
  };
  if (state.shared !== undefined) {
    const shared = state.shared;
    item.getSharedPropertiesAsync = (callback: Callback) =>
      shared === 'not-shared'
        ? callback({ status: 'failed', error: { message: "The current folder or mailbox isn't shared." } })
        : ok(callback, { ...shared, targetRestUrl: 'https://outlook.office.com/api', delegatePermissions: 1 });
  }
  if (mode === 'read') {
    item.displayReplyForm = (form: unknown) => state.calls.push({ method: 'displayReplyForm', args: [form] });
  } else {
    body.getTypeAsync = (callback: Callback) => ok(callback, state.bodyType);
    body.setAsync = (data: string, options: unknown, callback: Callback) => {
      state.calls.push({ method: 'body.setAsync', args: [data, options] });
      ok(callback);
    };
    body.setSelectedDataAsync = (data: string, options: unknown, callback: Callback) => {
      state.calls.push({ method: 'body.setSelectedDataAsync', args: [data, options] });
      ok(callback);
    };
    item.getSelectedDataAsync = (_type: string, callback: Callback) =>
      ok(callback, { data: state.selection, sourceProperty: state.selectionSource });
  }
  const office = new OfficeMockObject({
    host: 'outlook',
    ...ENUMS,
    context: {
      requirements: { isSetSupported: () => true },
      mailbox: {
        item,
        userProfile: { emailAddress: 'anna.andersson@exempelby.se' },
        addHandlerAsync: (type: string, handler: unknown) => state.calls.push({ method: 'addHandlerAsync', args: [type, handler] }),
        removeHandlerAsync: (type: string) => state.calls.push({ method: 'removeHandlerAsync', args: [type] }),
      },
    },
  });
  return { office: office as unknown as typeof Office, state };
}

export interface WordState {
  selection: string;
  body: string;
  trackingMode: string;
  wordApi14: boolean;
  /** insertText / insertParagraph calls, with the tracking mode Word had at that moment. */
  edits: { target: string; method: string; text: string; location: string; trackingMode: string }[];
  /** search() calls: where, for what (as Word received it), with which options. */
  searches: { target: string; text: string; options: unknown }[];
  /** insertComment calls: the commented range (offsets into its selection or body text) and the comment. */
  comments: { target: string; start: number; end: number; quote: string; comment: string }[];
  /** select() calls: the range Word would select. */
  selected: { target: string; start: number; end: number; quote: string }[];
  /** application.createDocument(base64).open() calls. */
  created: { base64: string; opened: boolean }[];
  wordApi13: boolean;
}

interface MockRange {
  start: number;
  end: number;
  insertComment(text: string): Record<string, unknown>;
  expandTo(other: MockRange): MockRange;
  select(): void;
}

/** Word with one document; a collapsed selection (the cursor) has empty text. */
export function wordMock(initial: Partial<WordState> = {}) {
  const state: WordState = {
    selection: '',
    body: 'Första stycket.\rAndra stycket.',
    trackingMode: 'Off',
    wordApi14: true,
    edits: [],
    searches: [],
    comments: [],
    selected: [],
    created: [],
    wordApi13: true,
    ...initial,
  };
  // office-addin-mock wants every property that code loads to exist in the mock up front.
  const record =
    (target: string, method: string) =>
    (text: string, location: string): Record<string, unknown> => {
      state.edits.push({ target, method, text, location, trackingMode: String(word.context.document.changeTrackingMode) });
      return paragraph;
    };
  const paragraph: Record<string, unknown> = {};
  paragraph.insertParagraph = record('paragraph', 'insertParagraph');

  // Word's search: every non-overlapping match within the selection or body, in order, as ranges.
  // The result is a collection whose items must be loaded and synced before use, as in Word.
  let collections = 0;
  const range = (target: string, text: string, start: number, end: number): MockRange => ({
    start,
    end,
    insertComment: (comment: string) => {
      state.comments.push({ target, start, end, quote: text.slice(start, end), comment });
      return {};
    },
    expandTo: (other: MockRange) => range(target, text, Math.min(start, other.start), Math.max(end, other.end)),
    select: () => {
      state.selected.push({ target, start, end, quote: text.slice(start, end) });
    },
  });
  const search = (target: string, text: () => string) =>
    function (needle: string, options: unknown): unknown {
      state.searches.push({ target, text: needle, options });
      const literal = needle.replace(/\^\^/g, '^');
      const matchCase = (options as { matchCase?: boolean } | undefined)?.matchCase === true;
      const haystack = matchCase ? text() : text().toLowerCase();
      const wanted = matchCase ? literal : literal.toLowerCase();
      const items: MockRange[] = [];
      for (let i = haystack.indexOf(wanted); wanted && i !== -1; i = haystack.indexOf(wanted, i + wanted.length)) {
        items.push(range(target, text(), i, i + wanted.length));
      }
      const context = word.context as unknown as { addMock(name: string): void } & Record<string, { populate(data: object): void }>;
      const name = `searchResult${collections++}`;
      context.addMock(name);
      context[name]!.populate({ items });
      return context[name];
    };
  const word = new OfficeMockObject({
    context: {
      document: {
        changeTrackingMode: state.trackingMode,
        selection: {
          text: state.selection,
          isEmpty: state.selection === '',
          insertText: record('selection', 'insertText'),
          insertParagraph: record('selection', 'insertParagraph'),
          search: search('selection', () => state.selection),
        },
        body: { text: state.body, insertText: record('body', 'insertText'), search: search('body', () => state.body) },
        getSelection: function (this: { selection: unknown }) {
          return this.selection;
        },
      },
      application: {
        createDocument: (base64: string) => {
          const created = { base64, opened: false };
          state.created.push(created);
          return { open: () => (created.opened = true) };
        },
      },
    },
    run: async function (this: { context: unknown }, callback: (context: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  }) as unknown as typeof Word & { context: { document: { changeTrackingMode: string } } };

  const handlers: unknown[] = [];
  const office = new OfficeMockObject({
    host: 'outlook', // plain values, no load/sync semantics, for the common Office object
    ...ENUMS,
    context: {
      requirements: {
        isSetSupported: (name: string, version: string) =>
          name === 'WordApi' && (version !== '1.4' || state.wordApi14) && (version !== '1.3' || state.wordApi13),
      },
      document: {
        addHandlerAsync: (_type: string, handler: unknown) => handlers.push(handler),
        removeHandlerAsync: () => handlers.pop(),
      },
    },
  }) as unknown as typeof Office;
  return { word, office, state, handlers };
}

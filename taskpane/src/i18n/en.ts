/** English, for staff whose Office runs in English. Same keys as sv.ts; the compiler checks it. */

import type { Strings } from './index';

export const en: Strings = {
  locale: 'en-GB',
  appName: 'Kollega',
  tagline: 'Writing assistant',

  tasks: {
    label: 'What do you want to do?',
    summarize: 'Summarise',
    draft: 'Draft',
    rewrite: 'Rewrite',
  },

  source: {
    label: 'Text',
    selection: 'Selected text',
    message: 'This message',
    bodyMessage: 'The whole message',
    bodyDocument: 'The whole document',
    words: (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'word' : 'words'}`,
    reading: 'Reading the text…',
    empty: 'There is no text to work with. Select some text or write something first.',
    refresh: 'Read the text again',
  },

  summarize: {
    scopeLabel: 'What to summarise',
    scopeMessage: 'This message',
    scopeThread: 'The whole conversation',
    threadFallback: 'The conversation could not be read. The summary covers this message only.',
    threadNoPreview: 'The server reads the conversation and masks personal details before the model sees it.',
  },

  length: {
    label: 'Length',
    short: 'Short',
    medium: 'Medium',
    long: 'Long',
  },

  draft: {
    instructionLabel: 'What should the text say?',
    instructionPlaceholder: 'For example: Thank them for the application and ask for a certificate from their employer.',
    instructionHint: 'Press Ctrl+Enter to draft.',
    instructionMissing: 'Write what the text should say.',
    toneLabel: 'Tone',
    formal: 'Formal',
    neutral: 'Neutral',
    friendly: 'Friendly',
    contextNone: 'The draft is written from what you write below.',
    contextReply: 'The draft becomes a reply to this message.',
    contextThread: 'The message, with its thread, is used as context.',
    contextSelection: 'The selected text is used as context.',
  },

  rewrite: {
    goalLabel: 'How should the text change?',
    plain: 'Plain Swedish',
    plainHint: 'Clear, simple language (klarspråk)',
    shorter: 'Shorter',
    shorterHint: 'Same content, fewer words',
    formal: 'More formal',
    formalHint: 'For decisions and official text',
    friendly: 'Friendlier',
    friendlyHint: 'Warmer and more personal',
    proofread: 'Proofread',
    proofreadHint: 'Fix spelling and grammar',
  },

  redaction: {
    checking: 'Looking for personal details…',
    none: 'No personal details were found in the text.',
    summary: (n: number, list: string) =>
      n === 1
        ? `1 personal detail will be masked before the text is sent: ${list}.`
        : `${n} personal details will be masked before the text is sent: ${list}.`,
    after: (n: number) =>
      n === 1
        ? '1 personal detail was masked for the model and put back into the answer.'
        : `${n} personal details were masked for the model and put back into the answer.`,
    show: 'Show',
    hide: 'Hide',
    showLabel: 'Show which personal details are masked',
    hideLabel: 'Hide the personal details',
    regionLabel: 'The text with personal details highlighted',
    instruction: 'Instruction',
    context: 'Context',
    failed: 'The preview could not be shown. Personal details are still masked on the server.',
    types: {
      PERSON: ['name', 'names'],
      PERSONNUMMER: ['personal identity number', 'personal identity numbers'],
      PHONE: ['phone number', 'phone numbers'],
      EMAIL: ['email address', 'email addresses'],
      ADDRESS: ['address', 'addresses'],
      BANK: ['bank detail', 'bank details'],
      PLATE: ['registration number', 'registration numbers'],
      OTHER: ['other personal detail', 'other personal details'],
    },
    otherType: (type: string) => type.toLowerCase(),
    correct: {
      heading: 'Correct the masking',
      hint: 'Was something missed? Select it in the text above or type it here.',
      phrase: 'Word or phrase to mask',
      type: 'Kind of detail',
      mask: 'Mask',
      empty: 'Type a word or select it in the text.',
      notFound: 'It is not in the text.',
      listLabel: 'Details that are masked',
      byYou: 'masked by you',
      notMasked: 'sent unmasked',
      unmask: 'Do not mask',
      unmaskLabel: (value: string, type: string) => `Do not mask ${value} (${type})`,
      remask: 'Mask again',
      remaskLabel: (value: string) => `Mask again: ${value}`,
      undo: 'Undo',
      undoLabel: (value: string) => `Undo masking ${value}`,
      masked: (value: string, places: number) =>
        places > 1 ? `${value} is now masked, in ${places} places.` : `${value} is now masked.`,
      unmasked: (value: string) => `${value} is now sent unmasked.`,
      remasked: (value: string) => `${value} is masked again.`,
      undone: (value: string) => `You no longer mask ${value}.`,
      unmaskOff: 'Your organisation does not allow detected details to be sent unmasked.',
    },
  },

  output: {
    heading: 'Answer',
    writing: 'Writing…',
    part: (part: number, parts: number) => `Reading part ${part} of ${parts}…`,
    stopped: 'You stopped the answer.',
    truncated: 'The answer reached its maximum length and ends here.',
    stop: 'Stop',
    stopLabel: 'Stop the answer (Esc)',
    copy: 'Copy',
    copied: 'Copied',
    regenerate: 'Write a new answer',
    inserted: 'The text was inserted.',
    replacedTracked: 'The text was replaced. The change shows as a tracked change.',
    replaced: 'The text was replaced.',
    replyOpened: 'A reply with the draft is open.',
    insert: {
      'insert-cursor': 'Insert',
      replace: 'Replace',
      'insert-after': 'Insert after',
      reply: 'Reply with draft',
    },
    insertLabel: {
      'insert-cursor': 'Insert at the cursor',
      replace: 'Replace the text with the answer',
      'insert-after': 'Insert after the selection',
      reply: 'Reply with draft in a new reply window',
    },
    moreActions: 'More ways to insert',
    disclaimer: 'The answer is written by an AI model and may be wrong. Read it through before you use it.',
  },

  readability: {
    heading: 'Readability',
    intro: 'See how easy the text is to read and what you can make simpler. The check is instant and uses no AI.',
    introRead: 'See how easy the message is to read.',
    open: 'Check',
    openLabel: 'Check the readability',
    close: 'Hide',
    closeLabel: 'Hide the readability',
    refresh: 'Check the text again',
    checking: 'Checking the text…',
    empty: 'There is no text to check. Select some text or write something first.',
    failed: 'The readability could not be checked.',
    retry: 'Try again',
    meterLabel: 'Readability index, LIX',
    scale: 'Under 30 is very easy, 60 or more is very difficult.',
    bands: {
      very_easy: 'Very easy',
      easy: 'Easy',
      medium: 'Medium',
      difficult: 'Difficult',
      very_difficult: 'Very difficult',
    },
    words: 'Words',
    sentences: 'Sentences',
    meanSentence: 'Words per sentence',
    longWords: 'Long words',
    statsLabel: 'Figures about the text',
    kinds: {
      long_sentence: 'Long sentences',
      officialese: 'Officialese',
      passive: 'Passive voice',
      noun_heavy: 'Many nouns',
      abbreviation: 'Abbreviations',
      no_direct_address: 'Addressing the reader',
      hard_sentence: 'Hard sentences',
      very_hard_sentence: 'Very hard sentences',
      noun_cluster: 'Noun chains',
      legal_term: 'Legal terms',
      decision_third_person: 'Decision: addressing the reader',
    } as Record<string, string>,
    measures: {
      label: 'Measures of the text',
      ovix: 'Word variation (OVIX)',
      ovixHelp: 'How many different words the text uses. High variation asks more of the reader, especially with a high LIX.',
      nominal: 'Nominal ratio',
      nominalHelp:
        'Nouns, prepositions and participles against verbs, pronouns and adverbs. Around 1 is ordinary newspaper prose; higher is noun-heavy.',
      tooShort: 'Too short to measure',
    },
    decisionHeading: 'Decision letter',
    decisionIntro: 'The text reads as a decision. Kollega checks what a decision must contain under the Administrative Procedure Act.',
    decisionOk: 'The decision has a decision line, a date and the other required parts.',
    suggestionLabel: 'Suggestion',
    checklist: {
      heading: 'Plain-language checklist',
      intro: 'Questions to ask before the text goes out, after the Swedish Language Council\'s plain-language advice. Your answers are kept on this computer only, never the text.',
      questions: {
        reader: 'Do I know who will read the text and what they already know?',
        purpose: 'Is it clear what the reader should do or know after reading?',
        first: 'Does the most important come first?',
        headings: 'Do longer texts have headings that say what each part is about?',
        address: 'Do I address the reader directly with "du" or "ni"?',
        words: 'Have I explained words and abbreviations the reader may not know?',
      } as Record<string, string>,
      progress: (done: number, total: number) => `${done} of ${total} done`,
      reset: 'Start over',
    },
    otherKind: 'Other',
    findingsHeading: (n: number) => (n === 1 ? '1 thing to look at' : `${n} things to look at`),
    none: 'Kollega found nothing to remark on.',
    listLabel: 'The findings. Choose one to see it in the text.',
    instead: (quote: string, suggestion: string) => `“${quote}” → ${suggestion}`,
    quote: (quote: string) => `“${quote}”`,
    selected: (quote: string) => `Highlighted in the text: ${quote}`,
    showText: 'Show in the text',
    hideText: 'Hide the text',
    showTextLabel: 'Show the text with the findings highlighted',
    hideTextLabel: 'Hide the text with the findings',
    regionLabel: 'The text with the findings highlighted',
    markInDocument: 'Mark in the document',
    markInDocumentLabel: 'Mark the findings as comments in the document',
    marking: 'Marking…',
    marked: (added: number, missed: number) =>
      `${added === 1 ? '1 comment was' : `${added} comments were`} added to the document.` +
      (missed ? ` ${missed === 1 ? '1 finding' : `${missed} findings`} could not be found in the document.` : ''),
    commentsUnavailable:
      'This version of Word cannot take comments from add-ins (WordApi 1.4 is missing). The findings are shown here instead.',
    noComments: 'Outlook messages have no comments. Choose a finding to see it in the text.',
    commentPrefix: 'Kollega, plain language',
    rewritePlain: 'Rewrite in plain Swedish',
    ready: (lix: string, band: string, findings: number) =>
      `Readability checked: LIX ${lix}, ${band.toLowerCase()}. ` +
      (findings === 0 ? 'Nothing to remark on.' : findings === 1 ? '1 thing to look at.' : `${findings} things to look at.`),
    change: (before: string, after: string) => `LIX ${before} → ${after}`,
    changeHeading: 'Readability',
    beforeOnly: (before: string) => `LIX before: ${before}`,
  },

  announce: {
    started: 'Writing the answer.',
    done: 'The answer is ready.',
    stopped: 'The answer was stopped.',
  },

  errors: {
    retry: 'Try again',
    retryIn: (s: number) => `Try again in ${s} s`,
    signIn: 'Sign in',
    dismiss: 'Dismiss',
    busy: {
      title: 'Kollega is busy right now.',
      body: (s: number | undefined) => (s ? `Try again in ${s} seconds.` : 'Wait a moment and try again.'),
    },
    rate_limited: {
      title: 'You have asked for many texts in a short time.',
      body: (s: number | undefined) => (s ? `Wait ${s} seconds, then try again.` : 'Wait a moment, then try again.'),
    },
    engine_unavailable: {
      title: 'The language model is restarting.',
      body: (s: number | undefined) =>
        s ? `It is usually quick. Try again in ${s} seconds.` : 'It is usually quick. Try again in a moment.',
    },
    shutting_down: {
      title: 'The server is restarting.',
      body: () => 'Try again in a moment.',
    },
    unauthorized: {
      title: 'You are not signed in.',
      body: () => 'Sign in with your work account and try again.',
    },
    forbidden: {
      title: 'You do not have permission to use Kollega.',
      body: () => 'Ask your IT department for access.',
    },
    too_long: {
      title: 'The text is too long.',
      body: () => 'Select a shorter part of the text and try again.',
    },
    validation: {
      title: 'Something in the request is not right.',
      body: () => 'Check what you entered and try again.',
    },
    network: {
      title: 'Kollega cannot be reached.',
      body: () => 'Check that you are connected to the network and try again. Contact IT support if it keeps happening.',
    },
    timeout: {
      title: 'It took too long.',
      body: () => 'Try again, perhaps with a shorter text.',
    },
    stream_interrupted: {
      title: 'The answer stopped before it was complete.',
      body: () => 'The connection was lost. Try again.',
    },
    selection_changed: {
      title: 'The text has changed since it was read.',
      body: () => 'Select the text again, or insert the answer instead of replacing.',
    },
    host_error: {
      title: 'Office could not do that.',
      body: () => 'Try again. If it keeps failing, copy the answer and paste it.',
    },
    empty_text: {
      title: 'There is no text to work with.',
      body: () => 'Select some text or open a message.',
    },
    internal: {
      title: 'Something went wrong in Kollega.',
      body: () => 'Try again. Contact IT support if it keeps happening.',
    },
    requestId: (id: string) => `Error id: ${id}`,
  },

  footer: "The text is processed on your organisation's own servers. Personal details are masked before the model reads it.",
  unsupportedHost: 'Kollega works in Outlook and Word. Open the add-in from there.',
};

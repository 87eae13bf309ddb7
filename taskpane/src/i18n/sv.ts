/**
 * Swedish, the pane's default language. Written in klarspråk (språklagen 11 §): short sentences,
 * the user addressed as "du", what happened and what to do next.
 */

export const sv = {
  locale: 'sv-SE',
  appName: 'Kollega',
  tagline: 'Skrivhjälp',

  tasks: {
    label: 'Vad vill du göra?',
    summarize: 'Sammanfatta',
    ask: 'Fråga',
    draft: 'Skriv utkast',
    rewrite: 'Skriv om',
  },

  source: {
    label: 'Text',
    selection: 'Markerad text',
    message: 'Meddelandet',
    bodyMessage: 'Hela meddelandet',
    bodyDocument: 'Hela dokumentet',
    words: (n: number) => `${n.toLocaleString('sv-SE')} ord`,
    reading: 'Läser texten…',
    empty: 'Det finns ingen text att arbeta med. Markera text eller skriv något först.',
    refresh: 'Läs texten igen',
  },

  summarize: {
    scopeLabel: 'Vad ska sammanfattas?',
    scopeMessage: 'Det här meddelandet',
    scopeThread: 'Hela konversationen',
    threadFallback: 'Konversationen kunde inte hämtas. Sammanfattningen gäller bara det här meddelandet.',
    threadNoPreview: 'Servern hämtar konversationen och maskerar personuppgifterna innan modellen läser den.',
  },


  ask: {
    questionLabel: 'Vad vill du veta?',
    questionPlaceholder: 'Till exempel: När ska beslutet vara klart?',
    questionHint: 'Svaret bygger bara på texten och visar var det står. Tryck Ctrl+Retur för att fråga.',
    questionMissing: 'Skriv din fråga.',
    scopeLabel: 'Vad ska frågan gälla?',
    scopeMessage: 'Det här meddelandet',
    scopeThread: 'Hela konversationen',
    threadFallback: 'Konversationen kunde inte hämtas. Svaret gäller bara det här meddelandet.',
    sources: 'Källor',
    quoted: (text: string) => `”${text}”`,
    sourcesLabel: 'Källor i texten',
    citationLabel: (n: number) => `Källa ${n}`,
    showInDocument: (n: number) => `Källa ${n}: markera stället i dokumentet`,
    showQuote: (n: number) => `Källa ${n}: visa citatet`,
    quoteHeading: (n: number) => `Källa ${n}`,
    selected: (n: number) => `Källa ${n} är markerad i dokumentet.`,
    notFound: (n: number) => `Källa ${n} finns inte längre i dokumentet. Citatet står här.`,
  },
  length: {
    label: 'Längd',
    short: 'Kort',
    medium: 'Mellan',
    long: 'Lång',
  },

  draft: {
    instructionLabel: 'Vad ska texten säga?',
    instructionPlaceholder: 'Till exempel: Tacka för ansökan och be om ett intyg från arbetsgivaren.',
    instructionHint: 'Tryck Ctrl+Retur för att skriva utkastet.',
    instructionMissing: 'Skriv vad texten ska säga.',
    toneLabel: 'Ton',
    formal: 'Formell',
    neutral: 'Neutral',
    friendly: 'Vänlig',
    contextNone: 'Utkastet skrivs utifrån det du skriver nedan.',
    contextReply: 'Utkastet blir ett svar på meddelandet.',
    contextThread: 'Texten i meddelandet, med tråden, används som underlag.',
    contextSelection: 'Den markerade texten används som underlag.',
  },

  rewrite: {
    goalLabel: 'Hur ska texten bli?',
    plain: 'Klarspråk',
    plainHint: 'Enkel och tydlig svenska',
    shorter: 'Kortare',
    shorterHint: 'Samma innehåll, färre ord',
    formal: 'Formellare',
    formalHint: 'För beslut och myndighetstext',
    friendly: 'Vänligare',
    friendlyHint: 'Varmare och mer personlig',
    proofread: 'Korrekturläs',
    proofreadHint: 'Rätta stavning och grammatik',
    translate: 'Översätt',
    translateHint: 'Till ett annat språk',
    easy: 'Lättläst',
    easyHint: 'Lättläst svenska för läsare med lässvårigheter',
    targetLabel: 'Till språk',
    easyReport: {
      heading: 'Lättläst',
      revising: (n: number) =>
        `Första utkastet hade ${n === 1 ? '1 sak' : `${n} saker`} att rätta. Kollega skriver om det en gång till.`,
      revised: 'Texten kontrollerades och skrevs om en gång till efter det kontrollen hittade.',
      notRevised: 'Texten kontrollerades. Kontrollen hittade inget mer att rätta.',
      skipped: 'Kontrollen hittade mer att rätta, men texten kunde inte skrivas om en gång till just nu. Läs igenom den.',
      draft: 'Första utkastet',
      tableLabel: 'Läsbarhet före och efter',
      measure: 'Mått',
      source: 'Din text',
      before: 'Första utkastet',
      after: 'Resultat',
      lix: 'LIX',
      findings: 'Saker att rätta',
      meanSentence: 'Ord per mening',
    },
    placeholdersLost: (n: number) =>
      n === 1
        ? '1 personuppgift kom inte med i översättningen. Kontrollera namn, nummer och adresser.'
        : `${n} personuppgifter kom inte med i översättningen. Kontrollera namn, nummer och adresser.`,
  },

  redaction: {
    checking: 'Letar efter personuppgifter…',
    none: 'Inga personuppgifter hittades i texten.',
    summary: (n: number, list: string) =>
      n === 1
        ? `1 personuppgift maskeras innan texten skickas: ${list}.`
        : `${n} personuppgifter maskeras innan texten skickas: ${list}.`,
    after: (n: number) =>
      n === 1
        ? '1 personuppgift maskerades för modellen och sattes tillbaka i svaret.'
        : `${n} personuppgifter maskerades för modellen och sattes tillbaka i svaret.`,
    show: 'Visa',
    hide: 'Dölj',
    showLabel: 'Visa vilka personuppgifter som maskeras',
    hideLabel: 'Dölj personuppgifterna',
    regionLabel: 'Texten med personuppgifterna markerade',
    instruction: 'Instruktionen',
    context: 'Underlaget',
    failed: 'Förhandsvisningen gick inte att visa. Personuppgifterna maskeras ändå på servern.',
    types: {
      PERSON: ['namn', 'namn'],
      PERSONNUMMER: ['personnummer', 'personnummer'],
      PHONE: ['telefonnummer', 'telefonnummer'],
      EMAIL: ['e-postadress', 'e-postadresser'],
      ADDRESS: ['adress', 'adresser'],
      BANK: ['bankuppgift', 'bankuppgifter'],
      PLATE: ['registreringsnummer', 'registreringsnummer'],
      OTHER: ['annan personuppgift', 'andra personuppgifter'],
    } as Record<string, [string, string]>,
    otherType: (type: string) => type.toLowerCase(),
    // Rätta maskeringen: the user masks what was missed, or unmasks what is not personal data.
    correct: {
      heading: 'Rätta maskeringen',
      hint: 'Har något missats? Markera det i texten ovan eller skriv det här.',
      phrase: 'Ord eller fras att maskera',
      type: 'Typ av uppgift',
      mask: 'Maskera',
      empty: 'Skriv ett ord eller markera det i texten.',
      notFound: 'Det finns inte i texten.',
      listLabel: 'Uppgifter som maskeras',
      byYou: 'maskeras av dig',
      notMasked: 'skickas omaskerad',
      unmask: 'Maskera inte',
      unmaskLabel: (value: string, type: string) => `Maskera inte ${value} (${type})`,
      remask: 'Maskera igen',
      remaskLabel: (value: string) => `Maskera igen: ${value}`,
      undo: 'Ångra',
      undoLabel: (value: string) => `Ångra maskeringen av ${value}`,
      masked: (value: string, places: number) =>
        places > 1 ? `${value} maskeras nu, på ${places} ställen.` : `${value} maskeras nu.`,
      unmasked: (value: string) => `${value} skickas nu omaskerad.`,
      remasked: (value: string) => `${value} maskeras igen.`,
      undone: (value: string) => `Du maskerar inte längre ${value}.`,
      unmaskOff: 'Din organisation tillåter inte att hittade uppgifter skickas omaskerade.',
    },
  },

  output: {
    heading: 'Svar',
    writing: 'Skriver…',
    part: (part: number, parts: number) => `Läser del ${part} av ${parts}…`,
    stopped: 'Du stoppade svaret.',
    truncated: 'Svaret blev för långt och slutar här.',
    stop: 'Stoppa',
    stopLabel: 'Stoppa svaret (Esc)',
    copy: 'Kopiera',
    copied: 'Kopierat',
    regenerate: 'Skriv ett nytt svar',
    inserted: 'Texten är infogad.',
    replacedTracked: 'Texten är ersatt. Ändringen syns som en spårad ändring.',
    replaced: 'Texten är ersatt.',
    replyOpened: 'Ett svar med utkastet är öppnat.',
    insert: {
      'insert-cursor': 'Infoga',
      replace: 'Ersätt',
      'insert-after': 'Infoga efter',
      reply: 'Svara med utkastet',
    },
    insertLabel: {
      'insert-cursor': 'Infoga vid markören',
      replace: 'Ersätt texten med svaret',
      'insert-after': 'Infoga efter markeringen',
      reply: 'Svara med utkastet i ett nytt svar',
    },
    moreActions: 'Fler sätt att infoga',
    disclaimer: 'Svaret är skrivet av en AI-modell och kan vara fel. Läs igenom det innan du använder det.',
  },

  readability: {
    heading: 'Läsbarhet',
    intro: 'Se hur lätt texten är att läsa och vad du kan göra enklare. Kontrollen går direkt och använder ingen AI.',
    introRead: 'Se hur lätt meddelandet är att läsa.',
    open: 'Kontrollera',
    openLabel: 'Kontrollera läsbarheten',
    close: 'Dölj',
    closeLabel: 'Dölj läsbarheten',
    refresh: 'Kontrollera texten igen',
    checking: 'Kontrollerar texten…',
    empty: 'Det finns ingen text att kontrollera. Markera text eller skriv något först.',
    failed: 'Läsbarheten kunde inte kontrolleras.',
    retry: 'Försök igen',
    meterLabel: 'Läsbarhetsindex, LIX',
    scale: 'Under 30 är mycket lätt, 60 eller mer är mycket svårt.',
    bands: {
      very_easy: 'Mycket lätt',
      easy: 'Lätt',
      medium: 'Medelsvår',
      difficult: 'Svår',
      very_difficult: 'Mycket svår',
    },
    words: 'Ord',
    sentences: 'Meningar',
    meanSentence: 'Ord per mening',
    longWords: 'Långa ord',
    statsLabel: 'Siffror om texten',
    kinds: {
      long_sentence: 'Långa meningar',
      officialese: 'Myndighetsspråk',
      passive: 'Passiv form',
      noun_heavy: 'Många substantiv',
      abbreviation: 'Förkortningar',
      no_direct_address: 'Tilltal',
      hard_sentence: 'Svåra meningar',
      very_hard_sentence: 'Mycket svåra meningar',
      noun_cluster: 'Substantivkedjor',
      legal_term: 'Juridiska termer',
      decision_third_person: 'Beslut: tilltal',
    } as Record<string, string>,
    measures: {
      label: 'Mått på texten',
      ovix: 'Ordvariation (OVIX)',
      ovixHelp:
        'Hur många olika ord texten använder. Hög variation kräver mer av läsaren, särskilt tillsammans med högt LIX.',
      nominal: 'Nominalkvot',
      nominalHelp:
        'Substantiv, prepositioner och particip mot verb, pronomen och adverb. Runt 1 är vanlig tidningstext; högre är substantivtungt.',
      tooShort: 'För kort text för att mäta',
    },
    decisionHeading: 'Beslutsbrev',
    decisionIntro: 'Texten ser ut som ett beslut. Kollega kontrollerar det som ett beslut ska innehålla enligt förvaltningslagen.',
    decisionOk: 'Beslutet har beslutsmening, datum och det andra som krävs.',
    suggestionLabel: 'Förslag',
    checklist: {
      heading: 'Checklista för klarspråk',
      intro: 'Frågor att ställa sig innan texten skickas, efter Språkrådets klarspråksråd. Dina svar sparas bara på den här datorn, aldrig texten.',
      questions: {
        reader: 'Vet jag vem som ska läsa texten och vad läsaren redan vet?',
        purpose: 'Är det tydligt vad läsaren ska göra eller veta efter att ha läst?',
        first: 'Står det viktigaste först?',
        headings: 'Har längre texter rubriker som säger vad varje del handlar om?',
        address: 'Tilltalar jag läsaren direkt med du eller ni?',
        words: 'Har jag förklarat ord och förkortningar som läsaren kanske inte känner till?',
      } as Record<string, string>,
      progress: (done: number, total: number) => `${done} av ${total} klara`,
      reset: 'Börja om',
    },
    otherKind: 'Övrigt',
    findingsHeading: (n: number) => (n === 1 ? '1 sak att se över' : `${n} saker att se över`),
    none: 'Kollega hittade inget att anmärka på.',
    listLabel: 'Fynden. Välj ett för att se det i texten.',
    instead: (quote: string, suggestion: string) => `”${quote}” → ${suggestion}`,
    quote: (quote: string) => `”${quote}”`,
    selected: (quote: string) => `Markerat i texten: ${quote}`,
    showText: 'Visa i texten',
    hideText: 'Dölj texten',
    showTextLabel: 'Visa texten med fynden markerade',
    hideTextLabel: 'Dölj texten med fynden',
    regionLabel: 'Texten med fynden markerade',
    markInDocument: 'Markera i dokumentet',
    markInDocumentLabel: 'Markera fynden som kommentarer i dokumentet',
    marking: 'Markerar…',
    marked: (added: number, missed: number) =>
      `${added === 1 ? '1 kommentar' : `${added} kommentarer`} har lagts till i dokumentet.` +
      (missed ? ` ${missed === 1 ? '1 fynd' : `${missed} fynd`} gick inte att hitta i dokumentet.` : ''),
    commentsUnavailable:
      'Den här versionen av Word kan inte ta emot kommentarer från tillägg (WordApi 1.4 saknas). Fynden visas här i stället.',
    noComments: 'Outlook har inga kommentarer i meddelanden. Välj ett fynd för att se det i texten.',
    commentPrefix: 'Kollega, klarspråk',
    rewritePlain: 'Skriv om till klarspråk',
    ready: (lix: string, band: string, findings: number) =>
      `Läsbarheten är kontrollerad: LIX ${lix}, ${band.toLowerCase()}. ` +
      (findings === 0 ? 'Inget att anmärka på.' : findings === 1 ? '1 sak att se över.' : `${findings} saker att se över.`),
    change: (before: string, after: string) => `LIX ${before} → ${after}`,
    changeHeading: 'Läsbarhet',
    beforeOnly: (before: string) => `LIX före: ${before}`,
  },

  announce: {
    started: 'Svaret skrivs.',
    done: 'Svaret är klart.',
    stopped: 'Svaret är stoppat.',
  },

  errors: {
    retry: 'Försök igen',
    retryIn: (s: number) => `Försök igen om ${s} s`,
    signIn: 'Logga in',
    dismiss: 'Stäng meddelandet',
    busy: {
      title: 'Kollega har mycket att göra just nu.',
      body: (s: number | undefined) =>
        s ? `Försök igen om ${s} sekunder.` : 'Vänta en stund och försök igen.',
    },
    rate_limited: {
      title: 'Du har bett om många texter på kort tid.',
      body: (s: number | undefined) =>
        s ? `Vänta ${s} sekunder och försök sedan igen.` : 'Vänta en stund och försök sedan igen.',
    },
    engine_unavailable: {
      title: 'Språkmodellen startar om.',
      body: (s: number | undefined) =>
        s ? `Det brukar gå fort. Försök igen om ${s} sekunder.` : 'Det brukar gå fort. Försök igen om en stund.',
    },
    shutting_down: {
      title: 'Servern startar om.',
      body: () => 'Försök igen om en liten stund.',
    },
    unauthorized: {
      title: 'Du är inte inloggad.',
      body: () => 'Logga in med ditt jobbkonto och försök igen.',
    },
    forbidden: {
      title: 'Du har inte behörighet att använda Kollega.',
      body: () => 'Be din IT-avdelning om behörighet.',
    },
    too_long: {
      title: 'Texten är för lång.',
      body: () => 'Markera en kortare del av texten och försök igen.',
    },
    validation: {
      title: 'Något i förfrågan stämmer inte.',
      body: () => 'Kontrollera uppgifterna och försök igen.',
    },
    network: {
      title: 'Det går inte att nå Kollega.',
      body: () => 'Kontrollera att du är ansluten till nätverket och försök igen. Kontakta IT-supporten om felet finns kvar.',
    },
    timeout: {
      title: 'Det tog för lång tid.',
      body: () => 'Försök igen, gärna med en kortare text.',
    },
    stream_interrupted: {
      title: 'Svaret avbröts innan det var klart.',
      body: () => 'Anslutningen bröts. Försök igen.',
    },
    selection_changed: {
      title: 'Texten har ändrats sedan den lästes.',
      body: () => 'Markera texten igen, eller infoga svaret i stället för att ersätta.',
    },
    host_error: {
      title: 'Office kunde inte göra det.',
      body: () => 'Försök igen. Kopiera svaret och klistra in det om felet finns kvar.',
    },
    empty_text: {
      title: 'Det finns ingen text att arbeta med.',
      body: () => 'Markera text eller öppna ett meddelande.',
    },
    internal: {
      title: 'Något gick fel hos Kollega.',
      body: () => 'Försök igen. Kontakta IT-supporten om felet finns kvar.',
    },
    requestId: (id: string) => `Fel-id: ${id}`,
  },

  footer: 'Texten behandlas på organisationens egna servrar. Personuppgifter maskeras innan modellen läser texten.',
  unsupportedHost: 'Kollega fungerar i Outlook och Word. Öppna tillägget därifrån.',
};

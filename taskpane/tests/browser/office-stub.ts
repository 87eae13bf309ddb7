/**
 * A stand-in for office.js in Word, injected in place of Microsoft's CDN script (there is no network
 * here). It is just enough for taskpane.html's real entry point to start and render.
 */
export function officeStub(options: { language: string; background: string }): string {
  return `(() => {
  const range = (text) => ({ text, isEmpty: text === '', load() { return this; }, insertText() {}, insertParagraph() { return this; } });
  const context = {
    document: {
      getSelection: () => range(''),
      body: range('Första stycket i dokumentet.\\rAndra stycket.'),
      changeTrackingMode: 'Off',
      load() { return this; },
    },
    sync: async () => {},
  };
  window.Word = { run: async (callback) => callback(context) };
  window.Office = {
    HostType: { Word: 'Word', Outlook: 'Outlook' },
    EventType: { DocumentSelectionChanged: 'documentSelectionChanged', ItemChanged: 'olkItemSelectedChanged' },
    CoercionType: { Text: 'text', Html: 'html' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    context: {
      displayLanguage: ${JSON.stringify(options.language)},
      officeTheme: { bodyBackgroundColor: ${JSON.stringify(options.background)} },
      requirements: { isSetSupported: () => true },
      document: { addHandlerAsync() {}, removeHandlerAsync() {} },
    },
    onReady: () => Promise.resolve({ host: 'Word', platform: 'OfficeOnline' }),
  };
})();`;
}

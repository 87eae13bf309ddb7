/** The fallback sign-in: an Office dialog running standard MSAL (auth-dialog.html) that posts a token back. */

import { ApiError } from '../api/errors';
import type { EntraConfig } from './entra';

export interface DialogToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** What auth-dialog.html sends with messageParent. */
export type DialogMessage = { accessToken: string; expiresOn: number } | { error: string };

// Office reports "the user closed the dialog" as event 12006.
const DIALOG_CLOSED = 12006;

/**
 * The dialog reads the client id, scope and authority from the server itself (dialog-config.ts), so the
 * URL carries only a step-up challenge's claims. `config` stays in the signature for the callers' sake.
 */
export function dialogUrl(_config: EntraConfig, claims: string | undefined, origin = location.origin): string {
  const query = claims ? `?${new URLSearchParams({ claims }).toString()}` : '';
  // The dialog must open on the pane's own domain; the backend serves both under /taskpane/.
  return `${origin}${import.meta.env.BASE_URL}auth-dialog.html${query}`;
}

export function openAuthDialog(office: typeof Office, config: EntraConfig, claims?: string): Promise<DialogToken> {
  return new Promise((resolve, reject) => {
    office.context.ui.displayDialogAsync(
      dialogUrl(config, claims),
      { height: 60, width: 30, promptBeforeOpen: false },
      (result) => {
        if (result.status !== office.AsyncResultStatus.Succeeded) {
          reject(new ApiError('unauthorized', `The sign-in dialog could not open (${result.error.code}).`));
          return;
        }
        const dialog = result.value;
        dialog.addEventHandler(office.EventType.DialogMessageReceived, (arg) => {
          dialog.close();
          const message = 'message' in arg ? parseMessage(arg.message) : undefined;
          if (message && 'accessToken' in message) {
            resolve({ accessToken: message.accessToken, expiresAt: message.expiresOn });
          } else {
            reject(new ApiError('unauthorized', 'Sign-in did not complete.'));
          }
        });
        dialog.addEventHandler(office.EventType.DialogEventReceived, (arg) => {
          const code = 'error' in arg ? arg.error : 0;
          reject(
            new ApiError('unauthorized', code === DIALOG_CLOSED ? 'Sign-in was cancelled.' : 'Sign-in failed.'),
          );
        });
      },
    );
  });
}

function parseMessage(message: string): DialogMessage | undefined {
  try {
    return JSON.parse(message) as DialogMessage;
  } catch {
    return undefined;
  }
}

/** Office's callback APIs as promises, with failures as the pane's own error type. */

import { ApiError } from '../api/errors';

export function officeAsync<T>(office: typeof Office, call: (done: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    call((result) => {
      if (result.status === office.AsyncResultStatus.Failed) {
        reject(new ApiError('host_error', result.error?.message ?? 'Office could not do that.'));
      } else {
        resolve(result.value);
      }
    });
  });
}

/** Runs a Word batch, turning Office's exceptions into host_error (keeping the pane's own errors). */
export async function hostCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('host_error', error instanceof Error ? error.message : 'Office could not do that.');
  }
}

/** Reading a message whose body is an earlier conversation quoted below the new text. */
const QUOTE_HEADER = /^(?:från|from):.*\n(?:.*\n){0,3}?(?:skickat|sent|datum|date):/im;

export function looksLikeThread(text: string): boolean {
  return QUOTE_HEADER.test(text.replace(/\r\n?/g, '\n'));
}

/** An error in plain words, with the one thing the user can do about it. */

import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { ApiError, ErrorCode } from '../api/errors';
import { useStrings, type Strings } from '../i18n';

type CopyKey = Exclude<keyof Strings['errors'], 'retry' | 'retryIn' | 'signIn' | 'dismiss' | 'requestId'>;

const COPY: Record<ErrorCode, CopyKey> = {
  busy: 'busy',
  rate_limited: 'rate_limited',
  engine_unavailable: 'engine_unavailable',
  shutting_down: 'shutting_down',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  too_large: 'too_long',
  text_too_long: 'too_long',
  validation: 'validation',
  timeout: 'timeout',
  graph_unavailable: 'internal',
  internal: 'internal',
  network: 'network',
  stream_interrupted: 'stream_interrupted',
  selection_changed: 'selection_changed',
  host_error: 'host_error',
  empty_text: 'empty_text',
  unknown: 'internal',
};

/** Errors that may pass if the same request is sent again. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'busy',
  'rate_limited',
  'engine_unavailable',
  'shutting_down',
  'network',
  'timeout',
  'stream_interrupted',
  'internal',
  'unknown',
]);

const TEMPORARY: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['busy', 'rate_limited', 'engine_unavailable', 'shutting_down']);

export interface ErrorBarProps {
  error: ApiError;
  onRetry?: () => void;
  onSignIn?: () => void;
  onDismiss: () => void;
}

export function ErrorBar({ error, onRetry, onSignIn, onDismiss }: ErrorBarProps) {
  const strings = useStrings();
  const copy = strings.errors[COPY[error.code]];
  const wait = useCountdown(error);
  const retryable = onRetry && RETRYABLE.has(error.code);
  // Validation errors carry field messages from the server; they are in English and technical, so
  // the pane shows its own words and keeps the server's for support staff in the title attribute.
  const detail = error.fieldErrors ? Object.values(error.fieldErrors).flat().join(' ') : error.message;

  return (
    <MessageBar
      intent={TEMPORARY.has(error.code) ? 'warning' : 'error'}
      politeness="assertive"
      layout="multiline"
      data-testid="error-bar"
      data-code={error.code}
      title={detail}
    >
      <MessageBarBody>
        <MessageBarTitle>{copy.title}</MessageBarTitle>
        {copy.body(wait || error.retryAfter)}
        {error.requestId ? ` ${strings.errors.requestId(error.requestId)}` : null}
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            aria-label={strings.errors.dismiss}
            icon={<DismissRegular />}
            onClick={onDismiss}
          />
        }
      >
        {error.code === 'unauthorized' && onSignIn ? <Button onClick={onSignIn}>{strings.errors.signIn}</Button> : null}
        {retryable ? (
          // Focusable while waiting, so a keyboard user can find it and hear when it may be used.
          <Button disabledFocusable={wait > 0} onClick={onRetry}>
            {wait > 0 ? strings.errors.retryIn(wait) : strings.errors.retry}
          </Button>
        ) : null}
      </MessageBarActions>
    </MessageBar>
  );
}

/** Seconds left of the server's Retry-After, counting down; 0 when the user may try again. */
function useCountdown(error: ApiError): number {
  const [left, setLeft] = useState(error.retryAfter ?? 0);
  useEffect(() => {
    const until = Date.now() + (error.retryAfter ?? 0) * 1000;
    setLeft(error.retryAfter ?? 0);
    if (!error.retryAfter) return;
    const timer = setInterval(() => {
      const seconds = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setLeft(seconds);
      if (seconds === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [error]);
  return left;
}

/*
 * Translation hook: every visible string goes through react-intl with a key from translations/en.json
 * (prefixed `email-notifications.`). Typing the id against en.json makes a missing key a compile error.
 */
import * as React from 'react';
import { useIntl } from 'react-intl';
import en from '../translations/en.json';

export type MessageId = keyof typeof en;
export type MessageValues = Record<string, string | number | boolean | null | undefined>;

export function useT() {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (id: MessageId, values?: MessageValues) => formatMessage({ id, defaultMessage: en[id] }, values),
    [formatMessage],
  );
}

export type Translate = ReturnType<typeof useT>;

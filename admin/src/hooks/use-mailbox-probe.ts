/*
 * State of the "Check" and "Send test email" tools, shared by the list and the form: asks for a
 * recipient, runs the request, keeps the result for the result modal. Rendering belongs to ProbeDialogs.
 * SMTP failures are results (shown in the modal); only a refused request (400/404) is an error here.
 */
import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { toApiProblem, type FieldProblem } from '../api/api-error';
import { useMailboxActions } from '../api/mailbox-queries';
import type { ConnectionOverrides, TestEmailResult } from '../api/mailbox-types';

export interface ProbeTarget {
  /** Saved mailbox; absent when testing a form that was never saved. */
  mailboxId?: string;
  mailboxName: string;
  /** Unsaved form values, sent over the saved mailbox's settings. */
  overrides?: ConnectionOverrides;
}

export type ProbeKind = 'check' | 'test';

/** The field of POST /test-email that the recipient dialog shows. */
const RECIPIENT = 'to';

export type ProbeState =
  | { step: 'idle' }
  | { step: 'recipient'; target: ProbeTarget; to: string; error?: string; sending: boolean }
  | { step: 'checking'; target: ProbeTarget }
  | { step: 'result'; kind: ProbeKind; target: ProbeTarget; to?: string; result: TestEmailResult };

export interface ProbeOptions {
  /**
   * The server refused the request itself (e.g. an invalid port in the overrides): its problems about
   * the form's fields. Those about the recipient stay in the recipient dialog.
   */
  onInputError?: (problems: FieldProblem[]) => void;
  onResult?: (result: TestEmailResult) => void;
}

export function useMailboxProbe(options: ProbeOptions = {}) {
  const actions = useMailboxActions();
  const { toggleNotification } = useNotification();
  const [state, setState] = React.useState<ProbeState>({ step: 'idle' });
  const optionsRef = React.useRef(options);
  optionsRef.current = options;

  const refused = React.useCallback(
    (error: unknown) => {
      const problem = toApiProblem(error);
      toggleNotification({ type: 'danger', message: problem.message });
      optionsRef.current.onInputError?.(problem.problems.filter(({ path }) => path !== RECIPIENT));
      return problem;
    },
    [toggleNotification],
  );

  const check = React.useCallback(
    async (target: ProbeTarget) => {
      if (!target.mailboxId) return;
      setState({ step: 'checking', target });
      try {
        const result = await actions.verify(target.mailboxId, target.overrides);
        setState({ step: 'result', kind: 'check', target, result });
        optionsRef.current.onResult?.(result);
      } catch (error) {
        setState({ step: 'idle' });
        refused(error);
      }
    },
    [actions, refused],
  );

  const askRecipient = React.useCallback((target: ProbeTarget, defaultTo = '') => {
    setState({ step: 'recipient', target, to: defaultTo, sending: false });
  }, []);

  const setRecipient = React.useCallback((to: string) => {
    setState((current) => (current.step === 'recipient' ? { ...current, to, error: undefined } : current));
  }, []);

  const sendTest = React.useCallback(async () => {
    if (state.step !== 'recipient') return;
    const { target, to } = state;
    setState({ ...state, sending: true, error: undefined });
    try {
      const result = await actions.sendTestEmail({ to, mailboxId: target.mailboxId, mailbox: target.overrides });
      setState({ step: 'result', kind: 'test', target, to, result });
      optionsRef.current.onResult?.(result);
    } catch (error) {
      const problem = refused(error);
      // A bad recipient stays in the dialog, next to the address, so it can be corrected.
      setState({ step: 'recipient', target, to, sending: false, error: problem.fieldErrors[RECIPIENT] ?? problem.message });
    }
  }, [actions, refused, state]);

  const close = React.useCallback(() => setState({ step: 'idle' }), []);

  return { state, check, askRecipient, setRecipient, sendTest, close };
}

export type MailboxProbe = ReturnType<typeof useMailboxProbe>;

/*
 * Renders the dialogs of a useMailboxProbe state: the recipient prompt of "Send test email" and the
 * result modal (also shown, with a loader, while a check runs). No requests of its own.
 */
import type { MailboxProbe } from '../../hooks/use-mailbox-probe';
import { ProbeResultModal } from './ProbeResultModal';
import { TestEmailModal } from './TestEmailModal';

export const ProbeDialogs = ({ probe }: { probe: MailboxProbe }) => {
  const { state } = probe;
  return (
    <>
      {state.step === 'recipient' && (
        <TestEmailModal
          mailboxName={state.target.mailboxName}
          usesUnsavedValues={!!state.target.overrides}
          to={state.to}
          error={state.error}
          isSending={state.sending}
          onChange={probe.setRecipient}
          onSend={probe.sendTest}
          onClose={probe.close}
        />
      )}
      {state.step === 'checking' && <ProbeResultModal kind="check" mailboxName={state.target.mailboxName} onClose={probe.close} />}
      {state.step === 'result' && (
        <ProbeResultModal kind={state.kind} mailboxName={state.target.mailboxName} to={state.to} result={state.result} onClose={probe.close} />
      )}
    </>
  );
};

/*
 * Holds a just-made web-hook secret above the editor's routes, so the modal that shows it survives the
 * move from "new" to the saved rule's address; dropped for good when the modal closes. Never stored
 * anywhere else (no URL, no history state, no query cache).
 */
import * as React from 'react';
import { WebhookSecretModal } from './WebhookSecretModal';

const ShowSecret = React.createContext<(secret: string) => void>(() => undefined);

export const WebhookSecretProvider = ({ children }: { children: React.ReactNode }) => {
  const [secret, setSecret] = React.useState<string | null>(null);
  return (
    <ShowSecret.Provider value={setSecret}>
      {children}
      {secret !== null && <WebhookSecretModal secret={secret} onClose={() => setSecret(null)} />}
    </ShowSecret.Provider>
  );
};

/** Opens the modal with a secret the server just answered. */
export const useShowWebhookSecret = () => React.useContext(ShowSecret);

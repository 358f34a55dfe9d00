/*
 * Calls of the deliverability routes: the DNS checks of a domain or mailbox, a mailbox's DKIM keys
 * (add, switch, retire, remove) and the routing dry run. Built on useFetchClient (admin JWT); each call
 * resolves with the server's `data` or throws a FetchError. Components call these, never fetch.
 */
import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { useQuery } from 'react-query';
import { KEYS } from './query-keys';
import type { DkimAlgorithm } from './mailbox-types';
import type { DkimKeyAnswer, DkimKeyRequest, DomainReport, DryRunAnswer, DryRunRequest, SetupGuide } from './deliverability-types';

const BASE = '/email-notifications';
const mailboxPath = (id: string, rest: string) => `${BASE}/mailboxes/${encodeURIComponent(id)}${rest}`;

export function useDeliverabilityActions() {
  const { get, post, del } = useFetchClient();
  return React.useMemo(
    () => ({
      checkDomain: async (domain: string) => (await get<{ data: DomainReport }>(`${BASE}/deliverability/check`, { params: { domain } })).data.data,
      checkMailbox: async (id: string) => (await get<{ data: DomainReport }>(mailboxPath(id, '/deliverability'))).data.data,
      addDkimKey: async (id: string, body: DkimKeyRequest) => (await post<{ data: DkimKeyAnswer }>(mailboxPath(id, '/dkim'), body)).data.data,
      switchDkimKey: async (id: string, algorithm: DkimAlgorithm, force = false) =>
        (await post<{ data: DkimKeyAnswer }>(mailboxPath(id, '/dkim/switch'), { algorithm, force })).data.data,
      retireDkimKey: async (id: string, algorithm: DkimAlgorithm) => (await post<{ data: DkimKeyAnswer }>(mailboxPath(id, '/dkim/retire'), { algorithm })).data.data,
      removeDkimKeys: async (id: string) => {
        await del(mailboxPath(id, '/dkim'));
      },
      dryRun: async (body: DryRunRequest) => (await post<{ data: DryRunAnswer }>(`${BASE}/routing/dry-run`, body)).data.data,
    }),
    [get, post, del],
  );
}

/** The setup guide with this installation's records (reloaded after a DKIM key change). */
export function useSetupGuide() {
  const { get } = useFetchClient();
  return useQuery(KEYS.deliverabilityGuide(), async () => (await get<{ data: SetupGuide }>(`${BASE}/deliverability/guide`)).data.data);
}

/*
 * DKIM signing of outgoing mail: RSA keys through nodemailer's own `dkim` option, Ed25519 keys (which
 * nodemailer's signer cannot use) through mailauth's signing stream, added to the message before
 * nodemailer's RSA signature. Both transports (pool and test email) sign through here.
 */
import type { Transporter } from 'nodemailer';
import { DkimSignStream } from 'mailauth/lib/dkim/sign';
import type { DkimSigningKey } from '../core/deliverability/dkim-keyring';

/** The message option field carrying Ed25519 keys to the stream plugin (not a nodemailer option). */
const ED25519_FIELD = 'ed25519Dkim';

/** The message options that make nodemailer sign with the mailbox's RSA keys (and mark Ed25519 ones for the plugin). */
export function dkimMessageOptions(keys: DkimSigningKey[] | undefined): Record<string, unknown> {
  const rsa = (keys ?? []).filter((k) => k.algorithm === 'rsa');
  const ed25519 = (keys ?? []).filter((k) => k.algorithm === 'ed25519');
  return {
    ...(rsa.length ? { dkim: { keys: rsa.map((k) => ({ domainName: k.domain, keySelector: k.selector, privateKey: k.privateKey })) } } : {}),
    ...(ed25519.length ? { [ED25519_FIELD]: ed25519 } : {}),
  };
}

/** Installs the Ed25519 signer on a transport: a stream plugin that signs the finished message. */
export function useEd25519Signing(transport: Transporter): void {
  transport.use('stream', (mail, done) => {
    const keys = (mail.data as Record<string, unknown>)[ED25519_FIELD] as DkimSigningKey[] | undefined;
    if (keys?.length) {
      const signatureData = keys.map((k) => ({ signingDomain: k.domain, selector: k.selector, privateKey: k.privateKey, algorithm: 'ed25519-sha256' }));
      mail.message.transform(() => new DkimSignStream({ signingDomain: keys[0]!.domain, selector: keys[0]!.selector, privateKey: keys[0]!.privateKey, signatureData }) as never);
    }
    done();
  });
}

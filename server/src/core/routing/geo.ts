/*
 * Geo routing decisions: where a recipient is (from a MaxMind record, in the GeoIP2/GeoLite2 City
 * layout or the flat layout of @ip-location-db packages), which addresses are private, and which usable
 * mailbox is nearest by great-circle distance. Pure; the database file is read in server/src/geo.
 */

export interface GeoLocation {
  latitude: number | null;
  longitude: number | null;
  countryCode: string | null;
  /** For the mail log: "GB", "London, GB". */
  label: string;
}

export interface Located {
  latitude: number | null;
  longitude: number | null;
  countryCode: string | null;
}

/** Reads a MaxMind lookup result in either layout; null when it says nothing about the place. */
export function locationFromRecord(record: unknown): GeoLocation | null {
  if (!record || typeof record !== 'object') return null;
  const r = record as Record<string, any>;
  const latitude = num(r.location?.latitude ?? r.latitude);
  const longitude = num(r.location?.longitude ?? r.longitude);
  const countryCode = str(r.country?.iso_code ?? r.country_code ?? r.registered_country?.iso_code);
  const city = str(r.city?.names?.en ?? r.city);
  if (latitude === null && countryCode === null) return null;
  return { latitude, longitude, countryCode, label: [city, countryCode].filter(Boolean).join(', ') || `${latitude}, ${longitude}` };
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** Loopback, private, link-local, CGNAT and unique-local addresses: they have no place on a map. */
export function isPrivateIp(ip: string): boolean {
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  const lower = ip.toLowerCase();
  return lower === '::1' || lower === '::' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80');
}

const EARTH_RADIUS_KM = 6371;

export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The nearest of the given mailboxes: by distance when both places have coordinates, else a mailbox in
 * the recipient's country. Null when no mailbox can be placed relative to the recipient.
 */
export function nearest<T extends Located>(mailboxes: T[], recipient: GeoLocation): { mailbox: T; how: string } | null {
  let best: { mailbox: T; km: number } | null = null;
  if (recipient.latitude !== null && recipient.longitude !== null) {
    for (const m of mailboxes) {
      if (m.latitude === null || m.longitude === null) continue;
      const km = distanceKm({ latitude: recipient.latitude, longitude: recipient.longitude }, { latitude: m.latitude, longitude: m.longitude });
      if (!best || km < best.km) best = { mailbox: m, km };
    }
  }
  if (best) return { mailbox: best.mailbox, how: `${Math.round(best.km)} km` };
  const sameCountry = recipient.countryCode ? mailboxes.find((m) => m.countryCode === recipient.countryCode) : undefined;
  return sameCountry ? { mailbox: sameCountry, how: `same country (${recipient.countryCode})` } : null;
}

/*
 * Looks up where an IP address is, in a MaxMind-format database read with the `maxmind` package
 * (GeoLite2/GeoIP2 City layout, or the flat layout of @ip-location-db). Results are cached per address.
 * The only code that reads the geo database file.
 */
import fs from 'node:fs';
import maxmind, { type Reader, type Response } from 'maxmind';
import { PluginError } from '../core/errors';
import { isPrivateIp, locationFromRecord, type GeoLocation } from '../core/routing/geo';

const CACHE_SIZE = 5000;

export type GeoAnswer = { location: GeoLocation } | { location: null; reason: string };

export interface GeoLookup {
  locate(ip: string): GeoAnswer;
}

export async function openGeoLookup(databasePath: string): Promise<GeoLookup> {
  if (!fs.existsSync(databasePath)) {
    throw new PluginError('INVALID_CONFIG', `routing.geo.databasePath: the file "${databasePath}" does not exist (download GeoLite2-City.mmdb, or turn geo routing off)`);
  }
  let reader: Reader<Response>;
  try {
    reader = await maxmind.open<Response>(databasePath, { watchForUpdates: false });
  } catch (error) {
    throw new PluginError('INVALID_CONFIG', `routing.geo.databasePath: "${databasePath}" is not a MaxMind database (${(error as Error).message})`);
  }
  const cache = new Map<string, GeoAnswer>();
  return {
    locate(ip: string): GeoAnswer {
      const cached = cache.get(ip);
      if (cached) return cached;
      let answer: GeoAnswer;
      if (!maxmind.validate(ip)) answer = { location: null, reason: `"${ip}" is not an IP address` };
      else if (isPrivateIp(ip)) answer = { location: null, reason: `${ip} is a private address` };
      else {
        const location = locationFromRecord(reader.get(ip));
        answer = location ? { location } : { location: null, reason: `${ip} is not in the geo database` };
      }
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(ip, answer);
      return answer;
    },
  };
}

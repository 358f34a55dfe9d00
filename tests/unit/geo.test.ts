import { distanceKm, isPrivateIp, locationFromRecord, nearest } from '../../server/src/core/routing/geo';

describe('geo decisions', () => {
  it.each([
    [{ city: { names: { en: 'London' } }, location: { latitude: 51.5, longitude: -0.1 }, country: { iso_code: 'GB' } }, { latitude: 51.5, longitude: -0.1, countryCode: 'GB', label: 'London, GB' }],
    [{ city: 'Berlin', country_code: 'DE', latitude: 52.5, longitude: 13.4 }, { latitude: 52.5, longitude: 13.4, countryCode: 'DE', label: 'Berlin, DE' }],
    [{ country: { iso_code: 'FR' } }, { latitude: null, longitude: null, countryCode: 'FR', label: 'FR' }],
    [{ continent: { code: 'EU' } }, null],
    [null, null],
  ])('reads %j', (record, expected) => {
    expect(locationFromRecord(record)).toEqual(expected);
  });

  it.each([
    ['10.0.0.1', true], ['172.16.5.4', true], ['172.32.0.1', false], ['192.168.1.1', true], ['127.0.0.1', true],
    ['100.64.0.1', true], ['169.254.1.1', true], ['81.2.69.142', false], ['::1', true], ['fd00::1', true], ['2001:db8::1', false],
  ])('%s is private: %s', (ip, expected) => {
    expect(isPrivateIp(ip)).toBe(expected);
  });

  it('measures great-circle distances', () => {
    expect(Math.round(distanceKm({ latitude: 51.5074, longitude: -0.1278 }, { latitude: 48.8566, longitude: 2.3522 }))).toBe(344);
  });

  it('prefers coordinates, then the same country', () => {
    const mailboxes = [
      { name: 'de', latitude: 50.1, longitude: 8.7, countryCode: 'DE' },
      { name: 'us', latitude: 40.7, longitude: -74, countryCode: 'US' },
      { name: 'fr', latitude: null, longitude: null, countryCode: 'FR' },
    ];
    expect(nearest(mailboxes, { latitude: 45.5, longitude: -73.6, countryCode: 'CA', label: 'Montreal' })?.mailbox.name).toBe('us');
    expect(nearest(mailboxes, { latitude: null, longitude: null, countryCode: 'FR', label: 'FR' })).toEqual({ mailbox: mailboxes[2], how: 'same country (FR)' });
    expect(nearest(mailboxes, { latitude: null, longitude: null, countryCode: 'JP', label: 'JP' })).toBeNull();
  });
});

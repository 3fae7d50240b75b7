import { describe, expect, it } from 'vitest';
import { checkTimeZone, nearestTimeZone } from './validate-host.js';

describe('time zones', () => {
  it.each([
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'America/Argentina/Buenos_Aires',
    'US/Eastern',
    'Etc/UTC',
  ])('accepts %s', (tz) => expect(checkTimeZone(tz)).toBeUndefined());

  it('rejects a zone that does not exist, and names the one meant', () => {
    expect(checkTimeZone('Europe/Berln')).toBe(
      '"Europe/Berln" is not a time zone; did you mean "Europe/Berlin"? (names as in the IANA database, e.g. "Europe/Berlin")',
    );
    expect(checkTimeZone('Mars/Olympus')).toMatch(/^"Mars\/Olympus" is not a time zone \(names/);
  });

  it('rejects the right name in the wrong case (tzdata file names are case-sensitive)', () => {
    expect(checkTimeZone('Europe/BERLIN')).toContain('write it as "Europe/Berlin"');
  });

  it('suggests only what is close enough to be a typo', () => {
    expect(nearestTimeZone('Amrica/Chicago')).toBe('America/Chicago');
    expect(nearestTimeZone('Nowhere/Special')).toBeUndefined();
  });
});

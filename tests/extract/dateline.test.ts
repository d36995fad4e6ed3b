// Datelines (src/extract/dateline.ts): the forms wire services and papers
// open with are read whole; a sentence that only looks like one is not.
import { describe, expect, it } from 'vitest';
import { datelineEnd } from '../../src/extract/dateline.ts';

const opening = (text: string): string => text.slice(0, datelineEnd(text));

describe('a dateline', () => {
  it.each([
    ['GOMA, Democratic Republic of Congo, Oct 13 (Reuters) - ', 'Rebels attacked the town.'],
    ['Kinshasa (AFP) - ', 'The United States on Wednesday condemned the attack.'],
    ['NAIROBI, Wednesday — ', 'The toll rose overnight.'],
    ['Tete, 14 February 2026 – ', 'The epidemic reached the province.'],
    ['KATHMANDU, March 14 (Xinhua) -- ', 'A rescue team arrived.'],
    ['Jajarkot (Nepal) (AFP) - ', 'The toll passed 500.'],
    ['Baubau, Southeast Sulawesi (ANTARA) - ', 'Divers found 13 more victims.'],
    ['MOMBASA – ', 'Three people were shot dead yesterday.'],
    ['ALMATY, Kazakhstan, Jan. 5 (AP) — ', 'Protesters stormed the mayor’s office.'],
    ['10 February 2026 — ', 'Nearly 5,000 people have fallen ill.'],
    ['April 11, 2026 – ', 'The UN High Commissioner for Human Rights called for an investigation.'],
  ])('%s is read whole', (dateline, rest) => {
    expect(opening(dateline + rest)).toBe(dateline);
  });

  it.each([
    'Russia — the Kremlin’s closest ally — said it would help.',
    'NATO – through its Secretary General – voiced alarm.',
    'Meanwhile, the US Secretary of State – in a call with his counterpart – urged restraint.',
    'Russia, China and Iran – three allies of the government – said the unrest was foreign-made.',
    'The United Nations - which has a mission there - said it was alarmed.',
    'Japan said it was deeply worried by the bloodshed.',
    '10 February 2026 — the day the outbreak was declared — was a Tuesday.',
    'Well-known activist-turned-lawmaker said so.',
  ])('is not found in "%s"', (text) => {
    expect(datelineEnd(text)).toBe(0);
  });
});

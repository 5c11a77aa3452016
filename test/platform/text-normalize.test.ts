import {
  emailList,
  foldForSearch,
  normalisePhone,
  normaliseTaxId,
  optionalText,
  searchTextOf,
  websiteSchema,
} from '../../src/platform/text/normalize';

describe('shared text normalisation', () => {
  it('phones become E.164: local numbers with the default country, others only in international form', () => {
    expect(normalisePhone(' 911 23 45 67 ', 'ES')).toEqual({ ok: true, value: '+34911234567' });
    expect(normalisePhone('+1 (202) 555-0143', 'ES')).toEqual({ ok: true, value: '+12025550143' });
    expect(normalisePhone('911 23 45 67', null)).toEqual({ ok: false, message: expect.stringContaining('international form') });
    expect(normalisePhone('12', 'ES')).toEqual({ ok: false, message: 'is not a valid phone number' });
  });

  it('tax ids are upper case without spaces, dots, dashes or slashes, and need digits', () => {
    expect(normaliseTaxId(' b-12.345/678 ')).toEqual({ ok: true, value: 'B12345678' });
    expect(normaliseTaxId('ABCDEF').ok).toBe(false);
    expect(normaliseTaxId('12').ok).toBe(false);
  });

  it('emails are trimmed, lower-cased and de-duplicated; websites get a scheme; empty text is null', () => {
    expect(emailList.parse([' Ana@Example.COM', 'ana@example.com'])).toEqual(['ana@example.com']);
    expect(emailList.safeParse(['not an email']).success).toBe(false);
    expect(websiteSchema.parse('acme.example')).toBe('https://acme.example');
    expect(websiteSchema.parse('http://acme.example/x')).toBe('http://acme.example/x');
    expect(optionalText(5).parse('   ')).toBeNull();
    expect(optionalText(5).safeParse('toolong').success).toBe(false);
  });

  it('search text is accent-folded and lower case, with phone digits', () => {
    expect(foldForSearch('María GARCÍA')).toBe('maria garcia');
    expect(searchTextOf(['Peña', null, 'Ibáñez'], ['+34911234567'])).toBe('pena ibanez 34911234567');
  });
});

import { base64Size, contentDisposition, decodeBase64, factsOf, sanitiseFileName } from '../../src/documents/file-content';
import { sha256, tinyPng } from './support';

describe('document content helpers', () => {
  it('sniffs from the bytes only', async () => {
    expect(await factsOf(tinyPng())).toMatchObject({ contentType: 'image/png', sha256: sha256(tinyPng()) });
    expect((await factsOf(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).contentType).toBe('application/pdf');
    expect((await factsOf(Buffer.from('ñandú, 東京\n'))).contentType).toBe('text/plain');
    expect((await factsOf(Buffer.from('text\u0000with NUL'))).contentType).toBe('application/octet-stream');
    expect((await factsOf(Buffer.from([0xc3, 0x28]))).contentType).toBe('application/octet-stream'); // invalid UTF-8
  });

  it('sanitises file names', () => {
    expect(sanitiseFileName('/var/tmp/../report.pdf')).toBe('report.pdf');
    expect(sanitiseFileName('C:\\fakepath\\scan 01.png')).toBe('scan 01.png');
    expect(sanitiseFileName(' tab\there\r\n.txt ')).toBe('tabhere.txt');
    expect(sanitiseFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitiseFileName('..')).toBeNull();
    expect(sanitiseFileName('dir/')).toBeNull();
    const emoji = sanitiseFileName(`${'😀'.repeat(300)}.jpeg`) as string;
    expect(Array.from(emoji)).toHaveLength(255);
    expect(emoji.endsWith('😀.jpeg')).toBe(true);
  });

  it('decodes strict base64 only, and sizes it without decoding', () => {
    expect(decodeBase64('aGVsbG8=')?.toString()).toBe('hello');
    expect(decodeBase64('aGVs\nbG8=')?.toString()).toBe('hello');
    expect(decodeBase64('aGVsbG8')).toBeNull();
    expect(decodeBase64('aGV$bG8=')).toBeNull();
    expect(base64Size('aGVsbG8=')).toBe(5);
    expect(base64Size(Buffer.alloc(2049).toString('base64'))).toBe(2049);
  });

  it('builds Content-Disposition with an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition("l'été (1).pdf")).toBe(`attachment; filename="l'_t_ (1).pdf"; filename*=UTF-8''l%27%C3%A9t%C3%A9%20%281%29.pdf`);
  });
});

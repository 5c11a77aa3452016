import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (memory-hard; 19 MiB, t=2). */
export const hashPassword = (password: string): Promise<string> => hash(password);

// A real hash of a random string: unknown emails cost the same time as wrong passwords.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hash('not-a-password-of-anyone');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

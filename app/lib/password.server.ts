import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's minimum: 19 MiB of memory, two passes, one lane.
// (`Algorithm.Argon2id` is a const enum, which isolated modules cannot inline; its value is 2.)
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export { MIN_PASSWORD_LENGTH } from './password-rules';

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

import bcrypt from 'bcryptjs';

// bcrypt (pure-JS bcryptjs: no native build step on a fresh machine). Cost 10 ≈ 70 ms per hash here.
const COST = 10;
/** Compared against when the username is unknown, so a miss costs as long as a wrong password. */
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', COST);

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string | null): Promise<boolean> {
  return bcrypt.compare(plain, hash ?? DUMMY_HASH);
}

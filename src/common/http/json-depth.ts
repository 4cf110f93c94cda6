// Bodies nested deeper than any of our shapes need are refused before JSON.parse builds them:
// class-transformer and class-validator recurse per level, so 10,000 levels would overflow the stack.
export const MAX_JSON_DEPTH = 32;

/** True when arrays/objects in `text` nest deeper than `max` (strings and escapes are skipped). */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

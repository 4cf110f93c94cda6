// Text as users send it: invisible characters that make look-alike names (zero-width spaces, joiners,
// bidirectional overrides, BOM) are removed, and control characters (NUL and other C0/C1 codes,
// except tab and line breaks in free text) are refused. Applied to every string of every body and
// query by the validation pipe, so names and narratives are stored clean.
//
// Stored text is NFC, not NFKC: NFKC would rewrite Chinese full-width punctuation (，（） → ,()) in
// narratives. Comparison keys (department names) apply NFKC on top, so look-alikes still match.

/** Zero-width characters, soft hyphen, word joiner, BOM and the bidirectional controls. */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
/** C0 controls except tab, LF and CR; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '').normalize('NFC');
}

export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/** Fields never rewritten: secrets must stay byte for byte what the user typed. */
export const VERBATIM_FIELDS = new Set(['password', 'currentPassword', 'newPassword', 'webhookSecret']);

export interface TextProblem {
  path: string;
  message: string;
}

const CONTROL_MESSAGE = '不能包含控制字符（如 NUL）';

/**
 * Cleans every string in a parsed body or query in place (objects and arrays, any depth the body
 * parser allowed) and returns the first field holding a control character, or null.
 */
export function cleanStrings(value: unknown, path = ''): { value: unknown; problem: TextProblem | null } {
  let problem: TextProblem | null = null;
  const visit = (v: unknown, p: string, verbatim: boolean): unknown => {
    if (typeof v === 'string') {
      if (hasControlCharacter(v)) problem ??= { path: p || 'body', message: CONTROL_MESSAGE };
      return verbatim ? v : stripInvisible(v);
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = visit(v[i], `${p}[${i}]`, verbatim);
      return v;
    }
    if (v !== null && typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
      const o = v as Record<string, unknown>;
      for (const key of Object.keys(o)) o[key] = visit(o[key], p ? `${p}.${key}` : key, VERBATIM_FIELDS.has(key));
      return o;
    }
    return v;
  };
  const out = visit(value, path, false);
  return { value: out, problem };
}

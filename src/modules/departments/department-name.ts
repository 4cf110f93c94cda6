// How a department name written in a document is turned into a lookup key. Documents name one unit
// in several ways (区城管局 / 城市管理局 / 城管局), with full- or half-width brackets and stray spaces.
import { stripInvisible } from '../../common/validation/text';

const FULLWIDTH: Record<string, string> = { '（': '(', '）': ')', '，': ',', '：': ':', '；': ';', '　': ' ' };

export function normaliseDepartmentName(text: string): string {
  // Invisible characters (zero-width, bidi controls) first: a name with a zero-width space or a
  // right-to-left override is the same name. NFKC folds full-width and compatibility forms.
  return stripInvisible(text)
    .normalize('NFKC')
    .replace(/[（），：；　]/g, (c) => FULLWIDTH[c] ?? c)
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** Keys to try, most specific first: the name itself, then without a level prefix (区/市/县/镇). */
export function lookupKeys(text: string): string[] {
  const key = normaliseDepartmentName(text);
  const keys = [key];
  const stripped = key.replace(/^(区|市|县|镇|乡)/, '');
  if (stripped !== key && stripped.length >= 2) keys.push(stripped);
  return keys;
}

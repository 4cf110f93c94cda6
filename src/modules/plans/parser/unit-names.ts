/**
 * Unit names as printed are kept as printed; for matching against the department directory they
 * are folded: traditional characters to simplified (opencc-js, the OpenCC tables — 市行政審批局 is
 * 市行政审批局) and layout spaces removed ("区 司法局"). Folding is for matching only.
 */
import { Converter } from 'opencc-js';

let toSimplified: ((text: string) => string) | null = null;

/** Traditional → simplified characters (OpenCC tables), for matching and for telling a document's kind. */
export function simplified(text: string): string {
  const convert = (toSimplified ??= Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

export function foldUnitName(name: string): string {
  return simplified(name.normalize('NFKC')).replace(/\s+/g, '');
}

// Shared by the parser's specs (not part of the parser).
import { parsePlanText } from './plan-parser';
import type { ParsedItem, ParsedPlan, ParsedSection } from './plan-parser.types';

/** The parsed plan, or a test failure naming the parser's message. */
export function parsed(text: string): ParsedPlan {
  const result = parsePlanText(text);
  if (!result.ok) throw new Error(`expected a parsed plan, got: ${result.error.message}`);
  return result.value;
}

/** Every item of a section tree, in document order. */
export function allItems(sections: readonly ParsedSection[]): ParsedItem[] {
  return sections.flatMap((s) => [...s.items, ...allItems(s.sections)]);
}

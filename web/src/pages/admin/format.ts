export { shanghaiTime } from '../../components/time';

/** Splits text into lines the way the plan parser numbers them (line N is element N − 1). */
export function sourceLines(text: string): string[] {
  return text.split(/\r\n|\r|\n|\u2028|\u2029/);
}

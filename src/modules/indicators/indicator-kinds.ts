// Pure rules of the indicator catalogue: name matching, the kind a new name starts with, and which
// values a figure of each kind may take (Chinese field errors naming figures[i].value).
import type { Indicator, IndicatorKind } from './indicator.entity';

/** Names compare without spaces and full-width/half-width brackets differences. */
export function normalizeName(name: string): string {
  return name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
}

/** The kind a proposed indicator starts with: a percentage unit or a name ending in 率 is a rate. */
export function initialKind(name: string, unit: string): IndicatorKind {
  return /[%％]/.test(unit) || unit.includes('率') || name.trim().endsWith('率') ? 'rate' : 'count';
}

/** Follows merges: the indicator a figure filed under `id` counts for. */
export function canonicalOf(id: string, byId: Map<string, Indicator>): Indicator | undefined {
  let current = byId.get(id);
  for (let hops = 0; current && current.status === 'merged' && current.mergedInto && hops < 20; hops++) {
    current = byId.get(current.mergedInto) ?? current;
    if (current.status !== 'merged') break;
  }
  return current;
}

/** The catalogue entry a reported name means: by name or alias (merged entries lead to their target). */
export function findByName(name: string, catalogue: Indicator[]): Indicator | undefined {
  const want = normalizeName(name);
  const byId = new Map(catalogue.map((i) => [i.id, i]));
  const hit = catalogue.find((i) => normalizeName(i.name) === want) ?? catalogue.find((i) => i.aliases.some((a) => normalizeName(a) === want));
  return hit ? canonicalOf(hit.id, byId) : undefined;
}

export interface FigureValueInput {
  value: unknown;
  numerator?: number | null;
  denominator?: number | null;
}

const KIND_ZH: Record<IndicatorKind, string> = { count: '计数', cumulative: '累计', rate: '比率', text: '文字' };

/** Null when the value fits the kind; else the Chinese message (without the field prefix). */
export function valueProblem(indicator: Pick<Indicator, 'name' | 'kind'>, f: FigureValueInput): { field: string; message: string } | null {
  const label = `「${indicator.name}」是${KIND_ZH[indicator.kind]}指标`;
  if (indicator.kind === 'text') {
    if ((typeof f.value !== 'string' && typeof f.value !== 'number') || String(f.value).trim() === '') return { field: 'value', message: `${label}，请填写文字内容` };
    if (String(f.value).length > 2000) return { field: 'value', message: `${label}，内容不超过 2000 字` };
    return null;
  }
  if (typeof f.value !== 'number' || !Number.isFinite(f.value)) return { field: 'value', message: `${label}，取值必须是数字` };
  if (f.value < 0) return { field: 'value', message: `${label}，不能为负数（收到 ${f.value}）` };
  if (f.value > 1e12) return { field: 'value', message: `${label}，数值过大` };
  if (indicator.kind === 'rate') {
    if (f.value > 100) return { field: 'value', message: `${label}，取值应在 0 到 100 之间（收到 ${f.value}）` };
    const { numerator: n, denominator: d } = f;
    if ((n === undefined || n === null) !== (d === undefined || d === null)) return { field: n === undefined || n === null ? 'numerator' : 'denominator', message: '分子和分母须同时填写' };
    if (n !== undefined && n !== null && d !== undefined && d !== null) {
      if (n < 0 || d <= 0) return { field: 'denominator', message: '分子不能为负数，分母必须大于 0' };
      if (n > d) return { field: 'numerator', message: `分子（${n}）不能大于分母（${d}）` };
    }
  } else if (f.numerator !== undefined && f.numerator !== null) {
    return { field: 'numerator', message: `${label}，只有比率指标可以填写分子和分母` };
  }
  return null;
}

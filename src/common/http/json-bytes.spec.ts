import { describe, expect, it } from '@jest/globals';
import { jsonBytes } from './json-bytes';

describe('jsonBytes', () => {
  const lines = Array.from({ length: 4501 }, (_, i) => ({ id: `t${i}`, title: `任务“${i}”\n`, done: i % 2 === 0 ? null : true, skip: undefined }));
  it.each([
    ['a small answer', { a: 1, b: '中文', c: [1, 2], d: null, e: undefined, f: { g: [] } }],
    ['long arrays at the top and one and two levels down', { byDepartment: lines, nested: { list: lines, deeper: { list: lines } }, empty: [], tail: 'x' }],
    ['a long array alone', lines],
    ['an exact multiple of the chunk', lines.slice(0, 4000)],
    ['a date and a string', { at: new Date('2026-12-01T00:00:00Z'), s: 'a"b\\c' }],
  ])('gives exactly the bytes of JSON.stringify: %s', async (_what, value) => {
    expect((await jsonBytes(value)).toString('utf8')).toBe(JSON.stringify(value));
  });
});

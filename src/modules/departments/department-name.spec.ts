import { describe, expect, it } from '@jest/globals';
import { lookupKeys, normaliseDepartmentName } from './department-name';

describe('department names', () => {
  it('ignores spaces and bracket width', () => {
    expect(normaliseDepartmentName(' 相关市（州） 人民政府 ')).toBe(normaliseDepartmentName('相关市(州)人民政府'));
  });

  it('tries the name without its district prefix as a second key', () => {
    expect(lookupKeys('区城管局')).toEqual(['区城管局', '城管局']);
    expect(lookupKeys('城管局')).toEqual(['城管局']);
  });
});

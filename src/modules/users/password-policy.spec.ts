import { describe, expect, it } from '@jest/globals';
import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it.each([
    ['12345678', '至少 10 个字符'],
    ['password', '至少 10 个字符'],
    ['1234567890', '常见密码'],
    ['qwertyuiop', '常见密码'],
    ['chengguan-1', null],
    ['Chengguan1', '与用户名相同'],
    ['\u0000'.repeat(12), '控制字符'],
    ['a'.repeat(73), '72 字节'],
    ['密码'.repeat(13), '72 字节'],
    ['admin12345', null],
  ])('%p → %p', (password, reason) => {
    const problem = passwordProblem(password, password === 'Chengguan1' ? 'chengguan1' : 'chengguan');
    if (reason === null) expect(problem).toBeNull();
    else expect(problem).toContain(reason);
  });
});

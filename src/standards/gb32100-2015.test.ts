import { describe, expect, it } from 'vitest';
import { GB32100_WEIGHTS, checkCreditCode, creditCodeCheckChar } from './gb32100-2015.js';

describe('GB 32100-2015 unified social credit codes (docs/standards/gb32100-2015.md §3, §4)', () => {
  it('weights positions 1–17 by 3^(i−1) mod 31', () => {
    expect(GB32100_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
  });

  it.each([
    ['91350100M000100Y43', 'the example code quoted in most guides to the standard'],
    ['914403001922038216', '华为技术有限公司 (published registration)'],
    ['9144030071526726XG', '深圳市腾讯计算机系统有限公司 (published registration)'],
    ['91110108551385082Q', '小米科技有限责任公司 (published registration)'],
  ])('accepts %s (%s)', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true });
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it.each([
    ['91350100M000100Y44', { ok: false, problem: 'check', expected: '3' }],
    ['914403001922038217', { ok: false, problem: 'check', expected: '6' }],
    ['91350100M000100Y4', { ok: false, problem: 'length' }],
    ['91350100M000100I43', { ok: false, problem: 'charset' }],
    ['9135010oM000100Y43', { ok: false, problem: 'charset' }],
    ['91A50100M000100Y43', { ok: false, problem: 'division' }],
    ['DEMO33050200000001', { ok: false, problem: 'charset' }],
  ])('refuses %s', (code, result) => {
    expect(checkCreditCode(code)).toEqual(result);
  });
});

import { describe, expect, it } from 'vitest';
import { isFinishedDate } from './use-date-draft';

describe('isFinishedDate', () => {
  it('waits while a year is typed digit by digit (the browser reports each step as a date)', () => {
    expect(['0002-06-14', '0020-06-14', '0201-06-14'].map(isFinishedDate)).toEqual([false, false, false]);
    expect(isFinishedDate('2019-06-14')).toBe(true);
  });
  it('is false for an empty or partial field', () => {
    expect(isFinishedDate('')).toBe(false);
    expect(isFinishedDate('2019-06')).toBe(false);
  });
});

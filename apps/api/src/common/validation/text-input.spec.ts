import { findInvalidText, isValidText } from './text-input';
import { neutraliseCell, neutraliseValue } from './formula-cells';

describe('invalid text', () => {
  it('accepts Vietnamese, emoji (surrogate pairs) and line breaks', () => {
    expect(isValidText('Công đoàn Ninh Thuận 🏅\r\n\tđạt')).toBe(true);
  });
  it('refuses NUL, lone surrogates of either half, and U+FFFE/U+FFFF', () => {
    for (const s of ['a\u0000b', '\ud800', 'x\udc00', '\udbff\u0041', '\uffff', '\ufffe']) expect(isValidText(s)).toBe(false);
  });
  it('names the first bad path in nested input, keys included', () => {
    expect(findInvalidText({ a: [{ b: 'ok' }, { c: 'x\u0000' }] }, 'body')).toBe('body.a.1.c');
    expect(findInvalidText({ ['k\ud800']: 1 }, 'body')).toBe('body.<key>');
    expect(findInvalidText({ a: 1, b: null, c: ['fine'] }, 'body')).toBeNull();
  });
});

describe('formula cells', () => {
  it.each(['=1+1', '+1', '-2', '@SUM(A1)', '\tcmd', '\rcmd', "=HYPERLINK(\"http://x\",\"y\")"])('neutralises %j', (v) => {
    expect(neutraliseCell(v)).toBe(`'${v}`);
  });
  it('leaves ordinary text and numbers alone', () => {
    expect(neutraliseCell('Công đoàn 1')).toBe('Công đoàn 1');
    expect(neutraliseValue(-5)).toBe(-5);
    expect(neutraliseValue(null)).toBeNull();
  });
});

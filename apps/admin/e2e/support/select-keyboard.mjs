// Choosing in a native <select> with the keyboard only: Tab to it, then arrow keys until the wanted option is the
// value (a focused, closed select in Chromium changes its value with ArrowDown/ArrowUp and fires `change`).
import assert from 'node:assert/strict';
import { tabTo } from './keyboard.mjs';

/** Tabs to `select` and moves to the option whose visible text is `text` (exact) or matches it (RegExp). */
export async function chooseWithKeyboard(page, select, text) {
  await tabTo(page, select);
  const { from, to } = await select.evaluate((el, wanted) => {
    const options = [...el.options];
    const matches = (o) => (typeof wanted === 'string' ? o.textContent === wanted : new RegExp(wanted.source, wanted.flags).test(o.textContent ?? ''));
    return { from: el.selectedIndex, to: options.findIndex(matches) };
  }, typeof text === 'string' ? text : { source: text.source, flags: text.flags });
  assert.ok(to >= 0, `the option "${text}" is offered`);
  for (let n = from; n < to; n += 1) await page.keyboard.press('ArrowDown');
  for (let n = from; n > to; n -= 1) await page.keyboard.press('ArrowUp');
  const chosen = await select.evaluate((el) => el.options[el.selectedIndex]?.textContent ?? '');
  assert.ok(typeof text === 'string' ? chosen === text : text.test(chosen), `chose "${text}" (got "${chosen}")`);
}

/**
 * Formatting rules from the domain brief: dates are dd/mm/yyyy in both languages, shown in Vietnam's time zone
 * (every unit is in Vietnam, and a deadline must read the same for everyone), and names sort in Vietnamese order.
 */
export const APP_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Vietnam has kept UTC+07:00 all year since 13 June 1975 (no daylight saving), so a later instant's wall-clock time
 * there is plain arithmetic. Creating an Intl.DateTimeFormat with a time zone loads ICU's data: ~0.3 s of a slow
 * phone's CPU on the first page. Older instants (none in this product, but a date is a date) go through Intl.
 */
const VIETNAM_OFFSET_MS = 7 * 3600_000;
const FIXED_OFFSET_SINCE = Date.UTC(1975, 5, 12, 17, 0);
let intlParts: Intl.DateTimeFormat | null = null;

const two = (n: number) => String(n).padStart(2, '0');

function partsOf(value: Date): Record<'day' | 'month' | 'year' | 'hour' | 'minute', string> {
  if (value.getTime() >= FIXED_OFFSET_SINCE) {
    const v = new Date(value.getTime() + VIETNAM_OFFSET_MS);
    return { day: two(v.getUTCDate()), month: two(v.getUTCMonth() + 1), year: String(v.getUTCFullYear()), hour: two(v.getUTCHours()), minute: two(v.getUTCMinutes()) };
  }
  intlParts ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: APP_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const out = { day: '', month: '', year: '', hour: '', minute: '' };
  for (const part of intlParts.formatToParts(value)) {
    if (part.type in out) out[part.type as keyof typeof out] = part.value;
  }
  return out;
}

function toDate(value: Date | string): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `2026-01-03` or any ISO instant → `03/01/2026`. A calendar date (no time) is never shifted by time zones. */
export function formatDate(value: Date | string | null | undefined): string {
  if (value == null || value === '') return '';
  if (typeof value === 'string') {
    const match = DATE_ONLY.exec(value);
    if (match) return `${match[3]}/${match[2]}/${match[1]}`;
  }
  const date = toDate(value);
  if (!date) return '';
  const p = partsOf(date);
  return `${p.day}/${p.month}/${p.year}`;
}

/** ISO instant → `03/01/2026 14:05` (24-hour clock, Vietnam time). */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (value == null || value === '') return '';
  const date = toDate(value);
  if (!date) return '';
  const p = partsOf(date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/**
 * Vietnamese collation: a < ă < â, d < đ, tones after the base letter. Used for every list of names. Made on first
 * use (loading ICU's collation data costs a slow phone's first page); equal names need no collator.
 */
let collator: Intl.Collator | null = null;
export const viCollator: Pick<Intl.Collator, 'compare'> = {
  compare: (a, b) => (a === b ? 0 : (collator ??= new Intl.Collator('vi', { sensitivity: 'base', numeric: true })).compare(a, b)),
};

export function compareVi(a: string, b: string): number {
  return viCollator.compare(a, b);
}

/**
 * Vietnamese lists of people sort by given name (the last word), then by the rest of the name from the family
 * name on: "Trần Văn An" comes before "Nguyễn Thị Bình".
 */
export function comparePersonNamesVi(a: string, b: string): number {
  const split = (name: string): [string, string] => {
    const words = name.trim().split(/\s+/);
    const given = words.pop() ?? '';
    return [given, words.join(' ')];
  };
  const [givenA, restA] = split(a);
  const [givenB, restB] = split(b);
  return viCollator.compare(givenA, givenB) || viCollator.compare(restA, restB);
}

export function sortByVi<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((x, y) => viCollator.compare(key(x), key(y)));
}

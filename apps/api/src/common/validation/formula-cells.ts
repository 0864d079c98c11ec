/**
 * A cell a spreadsheet would read as a formula (= + - @, or a leading tab / CR that some programs
 * strip first) gets a leading apostrophe, so an exported value never runs when the file is opened
 * (CSV / formula injection, OWASP). Every CSV and XLSX export passes its text cells through this.
 */
export function neutraliseCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** Text cells neutralised; numbers, null and the rest left as they are. */
export function neutraliseValue<T>(v: T): T {
  return (typeof v === 'string' ? neutraliseCell(v) : v) as T;
}

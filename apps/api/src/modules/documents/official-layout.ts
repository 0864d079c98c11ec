/**
 * What the .docx and the PDF of a document share: the body model and the text conventions of
 * decree 30/2020 (annex I). Pure; no I/O.
 *
 * A document body is a list of strings (that is how it is stored and sent):
 *  - `# text` is a heading (bold, no indent);
 *  - `^ text` is a centred bold line (the deciding body, "QUYẾT ĐỊNH:");
 *  - `| a | b | c` is a table row; consecutive rows form one table, the first row is its header;
 *  - anything else is a justified paragraph with a first-line indent.
 */
export type BodyBlock = { kind: 'heading'; text: string } | { kind: 'centred'; text: string } | { kind: 'paragraph'; text: string } | { kind: 'table'; rows: string[][] };

export function tableRow(cells: Array<string | number>): string {
  return `| ${cells.map((c) => String(c).replace(/\|/g, '/')).join(' | ')}`;
}

function parseRow(line: string): string[] {
  return line
    .replace(/^\|/, '')
    .replace(/\|\s*$/, '')
    .split('|')
    .map((c) => c.trim());
}

export function bodyBlocks(body: string[]): BodyBlock[] {
  const out: BodyBlock[] = [];
  for (const raw of body) {
    if (raw.startsWith('|')) {
      const last = out[out.length - 1];
      if (last?.kind === 'table') last.rows.push(parseRow(raw));
      else out.push({ kind: 'table', rows: [parseRow(raw)] });
    } else if (raw.startsWith('^')) {
      out.push({ kind: 'centred', text: raw.replace(/^\^\s*/, '') });
    } else if (raw.startsWith('#')) {
      out.push({ kind: 'heading', text: raw.replace(/^#+\s*/, '') });
    } else if (raw.trim()) {
      out.push({ kind: 'paragraph', text: raw });
    }
  }
  return out;
}

/** `Ninh Thuận, ngày 03 tháng 01 năm 2020`: day below 10 and months 1–2 get a leading zero. A draft prints blanks. */
export function placeAndDate(place: string, date: string | null, draftYear = new Date().getUTCFullYear()): string {
  if (!date) return `${place}, ngày     tháng     năm ${draftYear}`;
  const [y, m, d] = date.split('-').map(Number);
  const day = String(d).padStart(2, '0');
  const month = m < 3 ? String(m).padStart(2, '0') : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

/** Straight double quotes to “typographic” ones (opening after a space, bracket or start). */
export function typographicQuotes(text: string): string {
  return text.replace(/"([^"]*)"/g, '“$1”').replace(/"/g, '”');
}

/**
 * Vietnamese number formatting: `.` groups thousands, `,` separates decimals
 * (`1052508.2` → `1.052.508,2`). `digits` fixes the decimals; default: as many as the number has, at most 4.
 */
export function vietnameseNumber(value: number | string, digits?: number): string {
  const n = typeof value === 'string' ? Number(value) : value;
  if (!Number.isFinite(n)) return String(value);
  const fixed = digits === undefined ? String(Math.round(n * 10000) / 10000) : n.toFixed(digits);
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** `dd/mm/yyyy` from an ISO date. */
export function dmy(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

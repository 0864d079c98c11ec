import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../../common/lazy-modules';
import type { ImportFormat } from '@thidua/contracts';
import { AppError } from '../../common/errors/app-error';
import { inspectZip, type ZipLimits } from '../../common/validation/safe-zip';
import { isValidText } from '../../common/validation/text-input';
import { neutraliseCell } from '../../common/validation/formula-cells';

/** Limits on an uploaded table (IMPORT_MAX_* in the config; these are its defaults). */
export interface TableLimits extends ZipLimits {
  maxRows: number;
}
export const DEFAULT_TABLE_LIMITS: TableLimits = { maxBytes: 10 * 1024 * 1024, maxInflatedBytes: 50 * 1024 * 1024, maxEntries: 1000, maxRows: 200_000 };


/** A table read from a file: the header row, then data rows as strings ('' for empty cells). */
export interface Table {
  header: string[];
  /** `line`: the row's number in the file (the header is row 1), kept for error reports. */
  rows: Array<{ line: number; cells: string[] }>;
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF, UTF-8 BOM as Excel writes it). */
export function parseCsv(text: string): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 1;
        } else inQuotes = false;
      } else field += c;
    } else if (c === '"' && field.length === 0) inQuotes = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i += 1;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    out.push(row);
  }
  return out;
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV with a BOM so that Excel opens the Vietnamese text as UTF-8. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): Buffer {
  const lines = [header, ...rows].map((r) => r.map((v) => csvField(neutraliseCell(v))).join(','));
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx(sheetName: string, header: readonly string[], rows: readonly (readonly string[])[]): Promise<Buffer> {
  const { Workbook } = await loadExcelJs();
  const wb = new Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(header.map(neutraliseCell)).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(neutraliseCell));
  ws.columns.forEach((col) => {
    col.width = 20;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v);
}

/** Reads the first worksheet of an XLSX file or a CSV file into strings; trims cells, drops blank rows. */
export async function readTable(buffer: Buffer, format: ImportFormat, limits: TableLimits = DEFAULT_TABLE_LIMITS): Promise<Table> {
  let grid: string[][];
  if (buffer.length > limits.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { details: { limit: 'bytes', max: limits.maxBytes } });
  if (format === 'csv') {
    const text = buffer.toString('utf8');
    let lines = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (++lines > limits.maxRows + 1) throw tooManyRows(limits);
    grid = parseCsv(text);
  } else {
    // The container is checked (directory sizes, then a capped inflate) before ExcelJS sees it.
    const entries = inspectZip(buffer, limits);
    let rowCount = 0;
    for (const e of entries) {
      if (!/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) continue;
      const xml = e.data.toString('latin1');
      for (let i = xml.indexOf('<row'); i >= 0; i = xml.indexOf('<row', i + 4)) if (++rowCount > limits.maxRows + 1) throw tooManyRows(limits);
    }
    const { Workbook } = await loadExcelJs();
    const wb = new Workbook();
    try {
      await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    } catch {
      throw new AppError('FILE_MALFORMED', { details: { reason: 'not a readable .xlsx workbook' } });
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new AppError('FILE_MALFORMED', { details: { reason: 'the workbook has no worksheet' } });
    grid = [];
    const width = ws.columnCount;
    for (let r = 1; r <= ws.rowCount; r += 1) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= width; c += 1) cells.push(cellText(row.getCell(c).value));
      grid.push(cells);
    }
  }
  if (grid.length > limits.maxRows + 1) throw tooManyRows(limits);
  const trimmed = grid.map((r) => r.map((c) => c.trim()));
  for (let r = 0; r < trimmed.length; r += 1) {
    if (trimmed[r]!.some((c) => !isValidText(c))) {
      throw new AppError('INVALID_TEXT', { fields: [{ path: `rows.${r + 1}`, reason: 'invalid_text', message: 'NUL or broken Unicode in a cell' }] });
    }
  }
  const [header = [], ...rows] = trimmed;
  return {
    header: header.map((h) => h.toLowerCase()),
    rows: rows.map((cells, i) => ({ line: i + 2, cells })).filter((r) => r.cells.some((c) => c.length > 0)),
  };
}

function tooManyRows(limits: TableLimits): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', { details: { limit: 'rows', max: limits.maxRows } });
}

export function formatOf(filename: string | undefined, explicit?: string): ImportFormat | null {
  if (explicit === 'csv' || explicit === 'xlsx') return explicit;
  const ext = filename?.toLowerCase().split('.').pop();
  return ext === 'csv' || ext === 'xlsx' ? ext : null;
}

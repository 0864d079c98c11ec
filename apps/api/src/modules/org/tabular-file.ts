import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../../common/lazy-modules';
import type { ImportFormat } from '@thidua/contracts';

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
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx(sheetName: string, header: readonly string[], rows: readonly (readonly string[])[]): Promise<Buffer> {
  const { Workbook } = await loadExcelJs();
  const wb = new Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow([...header]).font = { bold: true };
  for (const r of rows) ws.addRow([...r]);
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
export async function readTable(buffer: Buffer, format: ImportFormat): Promise<Table> {
  let grid: string[][];
  if (format === 'csv') {
    grid = parseCsv(buffer.toString('utf8'));
  } else {
    const { Workbook } = await loadExcelJs();
    const wb = new Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    grid = [];
    if (ws) {
      const width = ws.columnCount;
      for (let r = 1; r <= ws.rowCount; r += 1) {
        const row = ws.getRow(r);
        const cells: string[] = [];
        for (let c = 1; c <= width; c += 1) cells.push(cellText(row.getCell(c).value));
        grid.push(cells);
      }
    }
  }
  const trimmed = grid.map((r) => r.map((c) => c.trim()));
  const [header = [], ...rows] = trimmed;
  return {
    header: header.map((h) => h.toLowerCase()),
    rows: rows.map((cells, i) => ({ line: i + 2, cells })).filter((r) => r.cells.some((c) => c.length > 0)),
  };
}

export function formatOf(filename: string | undefined, explicit?: string): ImportFormat | null {
  if (explicit === 'csv' || explicit === 'xlsx') return explicit;
  const ext = filename?.toLowerCase().split('.').pop();
  return ext === 'csv' || ext === 'xlsx' ? ext : null;
}

import type { RollupFigureView } from '@thidua/contracts';
import { loadExcelJs } from '../../common/lazy-modules';
import { neutraliseValue } from '../../common/validation/formula-cells';

/** Indicator tables and item lists as .xlsx (exceljs): one sheet per table, header row frozen. */
export interface XlsxSheet {
  name: string;
  columns: Array<{ header: string; key: string; width?: number }>;
  rows: Array<Record<string, string | number | null>>;
}

export async function renderXlsx(sheets: XlsxSheet[]): Promise<Buffer> {
  const { Workbook } = await loadExcelJs();
  const wb = new Workbook();
  wb.creator = 'ThiĐua Flow';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18 }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) ws.addRow(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, neutraliseValue(v)])));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function figureRows(unitName: string, figures: RollupFigureView[]): Array<Record<string, string | number | null>> {
  return figures.map((f) => ({ unit: unitName, key: f.key, name: f.name, value: f.value, display: f.display, rule: f.rule, numerator: f.numerator, denominator: f.denominator, reporting: f.reporting, expected: f.expected }));
}

export const FIGURE_COLUMNS = [
  { header: 'Đơn vị', key: 'unit', width: 40 },
  { header: 'Mã chỉ tiêu', key: 'key', width: 26 },
  { header: 'Chỉ tiêu', key: 'name', width: 50 },
  { header: 'Giá trị', key: 'value', width: 12 },
  { header: 'Hiển thị', key: 'display', width: 14 },
  { header: 'Cách tính', key: 'rule', width: 22 },
  { header: 'Tử số', key: 'numerator', width: 18 },
  { header: 'Mẫu số', key: 'denominator', width: 14 },
  { header: 'Số đơn vị báo cáo', key: 'reporting', width: 12 },
  { header: 'Số đơn vị phải báo cáo', key: 'expected', width: 12 },
];

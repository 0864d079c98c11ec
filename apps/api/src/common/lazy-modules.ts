import type ExcelJSModule from 'exceljs';

/**
 * Heavy libraries loaded on first use rather than at boot, so an idle server does not carry them
 * (exceljs alone is ≈ 27 MB resident). Node caches the module after the first call.
 */
export async function loadExcelJs(): Promise<typeof ExcelJSModule> {
  const m = await import('exceljs');
  return (m as unknown as { default?: typeof ExcelJSModule }).default ?? (m as unknown as typeof ExcelJSModule);
}

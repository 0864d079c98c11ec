import { inspectZip } from '../../common/validation/safe-zip';

/**
 * Reads one file out of a zip (a .docx or .xlsx) with the same central-directory walk that checks
 * uploads (common/validation/safe-zip), with limits wide enough for any generated document. Used by
 * tests to assert what a generated document contains, without an extra dependency.
 */
export function readZipEntry(zip: Buffer, name: string): string | null {
  const entry = inspectZip(zip, { maxBytes: zip.length, maxInflatedBytes: 512 * 1024 * 1024, maxEntries: 65535 }).find((e) => e.name === name);
  return entry ? entry.data.toString('utf8') : null;
}

/** The visible text of a WordprocessingML part, paragraph by paragraph. */
export function docxParagraphs(documentXml: string): string[] {
  return documentXml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .map((t) => t.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'))
    .filter((t) => t.length > 0);
}

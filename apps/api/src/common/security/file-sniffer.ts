import { AppError } from '../errors/app-error';
import { isValidText } from '../validation/text-input';

/**
 * What an uploaded file may be, decided from its bytes (`file-type`), never from the type the
 * client declared: each allowed extension names the content it must have and the type it is
 * stored and served as. A mismatch (an HTML page named .png, a script sent as application/pdf)
 * is 415 FILE_TYPE_MISMATCH.
 */
const TEXT = 'text';

const ALLOWED: Record<string, { detected: string[]; contentType: string }> = {
  pdf: { detected: ['pdf'], contentType: 'application/pdf' },
  doc: { detected: ['cfb'], contentType: 'application/msword' },
  xls: { detected: ['cfb'], contentType: 'application/vnd.ms-excel' },
  docx: { detected: ['docx'], contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { detected: ['xlsx'], contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  odt: { detected: ['odt'], contentType: 'application/vnd.oasis.opendocument.text' },
  ods: { detected: ['ods'], contentType: 'application/vnd.oasis.opendocument.spreadsheet' },
  jpg: { detected: ['jpg'], contentType: 'image/jpeg' },
  jpeg: { detected: ['jpg'], contentType: 'image/jpeg' },
  png: { detected: ['png'], contentType: 'image/png' },
  zip: { detected: ['zip'], contentType: 'application/zip' },
  txt: { detected: [TEXT], contentType: 'text/plain; charset=utf-8' },
  csv: { detected: [TEXT], contentType: 'text/csv; charset=utf-8' },
};

export const ALLOWED_UPLOAD_EXTENSIONS = Object.keys(ALLOWED);

async function detect(buffer: Buffer): Promise<string | undefined> {
  const { fileTypeFromBuffer } = await import('file-type');
  return (await fileTypeFromBuffer(buffer))?.ext;
}

/** Plain UTF-8 text: decodes losslessly, no NUL or other C0 controls but tab, CR, LF, FF. */
function isPlainText(buffer: Buffer): boolean {
  const text = buffer.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(buffer)) return false;
  return isValidText(text) && !/[\u0001-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

export function extensionOf(fileName: string): string {
  const i = fileName.lastIndexOf('.');
  return i < 0 ? '' : fileName.slice(i + 1).toLowerCase();
}

/** The content type to store and serve, or 415 FILE_TYPE_MISMATCH. */
export async function sniffUpload(buffer: Buffer, fileName: string): Promise<string> {
  const ext = extensionOf(fileName);
  const rule = ALLOWED[ext];
  const detected = (await detect(buffer)) ?? (isPlainText(buffer) ? TEXT : undefined);
  if (!rule || !detected || !rule.detected.includes(detected)) {
    throw new AppError('FILE_TYPE_MISMATCH', { details: { extension: ext || null, detected: detected ?? null, allowed: ALLOWED_UPLOAD_EXTENSIONS } });
  }
  return rule.contentType;
}

import type { DocumentType } from '@thidua/contracts';

/**
 * Number and symbol of an official document (decree 30/2020, annex I): `72/KH-LĐLĐ` is number / type -
 * issuer; a công văn has no type and carries the drafting department instead: `4173/TLĐ-ToC`.
 * Pure; no I/O.
 */

/** `5` → `05`: numbers below 10 take a leading zero. */
export function formatDocumentNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new Error(`document number must be a positive integer, got ${n}`);
  return n < 10 ? `0${n}` : String(n);
}

/** The symbol without the number: `KH-LĐLĐ`, or `LĐLĐ-ToC` for a công văn. */
export function symbolSuffix(docType: DocumentType | null, issuerAbbreviation: string, department?: string | null): string {
  if (docType === null) return department ? `${issuerAbbreviation}-${department}` : issuerAbbreviation;
  return `${docType}-${issuerAbbreviation}`;
}

export function documentSymbol(n: number, docType: DocumentType | null, issuerAbbreviation: string, department?: string | null): string {
  return `${formatDocumentNumber(n)}/${symbolSuffix(docType, issuerAbbreviation, department)}`;
}

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** Today's date in Vietnam (UTC+7, no daylight saving): the calendar of the number series. */
export function vietnamDate(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Default issuer abbreviation when a unit has no issuer profile yet; it must name the issuer
 * (`QĐ-CĐ` names nobody): `Công đoàn ngành Y tế tỉnh Ninh Thuận` → `CĐYT`, `Công đoàn Viên chức tỉnh` →
 * `CĐVC`, `Công đoàn các Khu công nghiệp tỉnh` → `CĐKCN`; district federations write `LĐLĐ`.
 */
export function defaultAbbreviation(kind: string, code: string, name?: string): string {
  switch (kind) {
    case 'confederation':
      return 'TLĐ';
    case 'province_federation':
      return 'LĐLĐ';
    case 'upper_union':
      if (code.startsWith('LDLD') || /^Liên đoàn Lao động/i.test(name ?? '')) return 'LĐLĐ';
      return name ? unionInitials(name) : 'CĐ';
    default:
      return 'CĐCS';
  }
}

/** `Công đoàn ngành Y tế tỉnh Ninh Thuận` → `CĐYT`: initials after "Công đoàn", without "ngành", "các" and the place. */
export function unionInitials(name: string): string {
  const rest = name
    .replace(/^Công đoàn\s+/i, '')
    .replace(/\s+(tỉnh|thành phố|huyện|thị xã|quận)\s+.*$/i, '')
    .replace(/\s+(tỉnh|thành phố)$/i, '');
  const words = rest.split(/\s+/).filter((w) => w && !/^(ngành|các|cơ quan)$/i.test(w));
  const initials = words.map((w) => (w[0] === 'đ' || w[0] === 'Đ' ? 'Đ' : w[0].toUpperCase())).join('');
  return `CĐ${initials}`;
}

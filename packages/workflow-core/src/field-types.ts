import type { JsonPrimitive } from './json';

export interface LocalizedText {
  vi: string;
  en?: string;
}

export const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'date', 'enum', 'array', 'object'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * One field of an item's data. `min`/`max` bound numbers, string length and array length;
 * `values` lists the allowed values of an enum; `items` describes array elements, `properties` object members.
 */
export interface FieldSpec {
  name: string;
  type: FieldType;
  required?: boolean;
  min?: number;
  max?: number;
  values?: JsonPrimitive[];
  items?: Omit<FieldSpec, 'name'>;
  properties?: FieldSpec[];
  label?: LocalizedText;
}

/** A problem found in item data or in a definition. */
export interface Problem {
  path: string;
  code: string;
  message: string;
}

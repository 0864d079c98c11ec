import type { Language } from '@thidua/contracts';
import { vi } from './vi';

export type MessageKey = keyof typeof vi;
export type Dictionary = Record<MessageKey, string>;

/** Placeholder names in a message, e.g. `'{role} – {unit}'` → `'role' | 'unit'`. */
type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamNames<Rest> : never;
export type MessageParams<K extends MessageKey> = Record<ParamNames<(typeof vi)[K]>, string | number>;

/** `t('nav.home')` when the message has no placeholder, `t('home.greeting', { name })` when it has. */
export type TranslateArgs<K extends MessageKey> =
  ParamNames<(typeof vi)[K]> extends never ? [] : [params: MessageParams<K>];

/** Keys whose message takes no parameter: what a data table (nav items, status labels) may hold. */
export type PlainMessageKey = {
  [K in MessageKey]: ParamNames<(typeof vi)[K]> extends never ? K : never;
}[MessageKey];

export type Translate = <K extends MessageKey>(key: K, ...args: TranslateArgs<K>) => string;

export function interpolate(template: string, params: Record<string, string | number> | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function createTranslate(dictionary: Dictionary): Translate {
  return (key, ...args) => interpolate(dictionary[key], args[0] as Record<string, string | number> | undefined);
}

/** Narrow an arbitrary string (e.g. an error code from the server) to a key, when the dictionary has it. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(vi, key);
}

export const DEFAULT_LANGUAGE: Language = 'vi';

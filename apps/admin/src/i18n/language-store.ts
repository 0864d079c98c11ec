import { LANGUAGES, type Language } from '@thidua/contracts';
import { DEFAULT_LANGUAGE } from './dictionary';

/**
 * The user's language lives outside React so the API client can send it as `Accept-Language` on every request.
 * Persisted in localStorage; Vietnamese unless the user chose otherwise.
 */
const STORAGE_KEY = 'thidua.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function readStored(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

let current: Language = readStored();
const listeners = new Set<() => void>();

export function getLanguage(): Language {
  return current;
}

export function setLanguage(language: Language): void {
  if (language === current) return;
  current = language;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage full: the choice still holds for this tab.
  }
  listeners.forEach((listener) => listener());
}

export function subscribeLanguage(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Keep tabs in step when the language is changed in another tab.
globalThis.addEventListener?.('storage', (event: StorageEvent) => {
  if (event.key === STORAGE_KEY && isLanguage(event.newValue) && event.newValue !== current) {
    current = event.newValue;
    listeners.forEach((listener) => listener());
  }
});

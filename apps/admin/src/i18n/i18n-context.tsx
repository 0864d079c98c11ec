import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { Language } from '@thidua/contracts';
import { createTranslate, type Translate } from './dictionary';
import { getLanguage, setLanguage, subscribeLanguage } from './language-store';
import { vi } from './vi';
import { en } from './en';

interface I18nValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const translators: Record<Language, Translate> = { vi: createTranslate(vi), en: createTranslate(en) };

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const language = useSyncExternalStore(subscribeLanguage, getLanguage, getLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const change = useCallback((next: Language) => setLanguage(next), []);
  const value = useMemo<I18nValue>(
    () => ({ language, setLanguage: change, t: translators[language] }),
    [language, change],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** Shorthand for components that only need to translate. */
export function useT(): Translate {
  return useI18n().t;
}

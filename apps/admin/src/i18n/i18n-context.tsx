import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Language } from '@thidua/contracts';
import { createTranslate, type Dictionary, type Translate } from './dictionary';
import { getLanguage, setLanguage, subscribeLanguage } from './language-store';
import { vi } from './vi';

interface I18nValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

/*
 * Vietnamese (the default) is in the first bundle; English is a chunk of its own, loaded before the first render
 * when it is the stored choice (main.tsx) and before the switch when the user picks it, so most users never load it.
 */
const translators: Partial<Record<Language, Translate>> = { vi: createTranslate(vi) };
const loaders: Record<Exclude<Language, 'vi'>, () => Promise<Dictionary>> = {
  en: () => import('./en').then((m) => m.en),
};

export function isCatalogueLoaded(language: Language): boolean {
  return translators[language] !== undefined;
}

/** Load a language's messages (once); resolves when `t` can speak it. */
export async function loadCatalogue(language: Language): Promise<void> {
  if (language === 'vi' || translators[language]) return;
  translators[language] = createTranslate(await loaders[language]());
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const stored = useSyncExternalStore(subscribeLanguage, getLanguage, getLanguage);
  // The language shown: the stored one once its messages are here (another tab may switch before they are).
  const [, setLoaded] = useState(0);
  const language: Language = isCatalogueLoaded(stored) ? stored : 'vi';

  useEffect(() => {
    if (isCatalogueLoaded(stored)) return;
    let isCurrent = true;
    void loadCatalogue(stored).then(() => isCurrent && setLoaded((n) => n + 1));
    return () => {
      isCurrent = false;
    };
  }, [stored]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const change = useCallback((next: Language) => {
    void loadCatalogue(next).then(() => setLanguage(next));
  }, []);
  const value = useMemo<I18nValue>(
    () => ({ language, setLanguage: change, t: translators[language] ?? translators.vi! }),
    [language, change],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

const I18nContext = createContext<I18nValue | null>(null);

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** Shorthand for components that only need to translate. */
export function useT(): Translate {
  return useI18n().t;
}

import { createContext, type ReactNode, useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from '../i18n/index.ts';

// 适老化: elderly residents read larger type; the choice stays on the phone.
const LARGE_TEXT_KEY = 'shangliang.largeText';

type Preferences = {
  language: Language;
  largeText: boolean;
  toggleLanguage(): void;
  setLargeText(on: boolean): void;
};

const PreferencesContext = createContext<Preferences | null>(null);

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [largeText, setLarge] = useState(() => localStorage.getItem(LARGE_TEXT_KEY) === '1');
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const value: Preferences = {
    language,
    largeText,
    toggleLanguage: () => setLanguage(language === 'en' ? 'zh-CN' : 'en'),
    setLargeText: (on) => {
      localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
      setLarge(on);
    },
  };
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesProvider');
  return value;
}

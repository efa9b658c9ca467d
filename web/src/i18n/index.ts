/** i18next with Chinese by default; the choice is remembered in localStorage. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';

const LANGUAGE_KEY = 'qingshan.lang';
export type Language = 'zh' | 'en';

function savedLanguage(): Language {
  return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh';
}

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { zh: { translation: zh }, en: { translation: en } },
    lng: savedLanguage(),
    fallbackLng: 'zh',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18next.language === 'en' ? 'en' : 'zh-CN';
}

export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
}

// i18next with both catalogues bundled (the app is offline); one instance per app root.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../store/uiSlice.ts';
import ar from './ar.json';
import en from './en.json';

export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, ar: { translation: ar } },
    interpolation: { escapeValue: false }, // React escapes; i18next must not double-escape
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

export const directionOf = (language: Language): 'ltr' | 'rtl' =>
  language === 'ar' ? 'rtl' : 'ltr';

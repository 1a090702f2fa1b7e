import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { echo } from '../echo/messages.ts';
import { notifications } from '../notifications/messages.ts';
import { matters } from '../resident/matters/messages.ts';
import { resident } from '../resident/messages.ts';
import { history } from '../shared/messages.ts';
import { votes } from '../votes/messages.ts';
import { exportsMessages } from '../workbench/exports/messages.ts';
import { intake } from '../workbench/intake/messages.ts';
import { ladder } from '../workbench/ladder/messages.ts';
import { meetings } from '../workbench/meetings/messages.ts';
import { parties } from '../workbench/parties/messages.ts';
import { places } from '../workbench/places/messages.ts';
import { problemList } from '../workbench/problem-list/messages.ts';
import { problems } from '../workbench/problems/messages.ts';
import { reports } from '../workbench/reports/messages.ts';
import { residents } from '../workbench/residents/messages.ts';
import { staff } from '../workbench/staff/messages.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

// One namespace per area of the app, each kept beside its pages; `translation` holds the shared words.
const areas = {
  places,
  parties,
  staff,
  residents,
  resident,
  matters,
  problems,
  history,
  notifications,
  ladder,
  votes,
  meetings,
  echo,
  problemList,
  intake,
  reports,
  exports: exportsMessages,
};
function bundle(language: 'zh-CN' | 'en') {
  return Object.fromEntries(Object.entries(areas).map(([name, messages]) => [name, messages[language]]));
}

export type Language = 'zh-CN' | 'en';
const STORAGE_KEY = 'shangliang.language';

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN, ...bundle('zh-CN') }, en: { translation: en, ...bundle('en') } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export function setLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

document.documentElement.lang = i18n.language;

export { i18n };

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { analysisEn } from './analysis.en';
import { analysisZhCN } from './analysis.zh-CN';
import { en } from './en';
import { importEn } from './import.en';
import { importZhCN } from './import.zh-CN';
import { queriesEn } from './queries.en';
import { queriesZhCN } from './queries.zh-CN';
import { cardsEn } from './cards.en';
import { cardsZhCN } from './cards.zh-CN';
import { layoutDefaultsEn, layoutDefaultsZhCN } from './layout-defaults';
import { exportWorkbookEn, exportWorkbookZhCN } from './export-workbook';
import { extrasEn } from './extras.en';
import { extrasZhCN } from './extras.zh-CN';
import { zhCN } from './zh-CN';
import { deletedEn } from './deleted.en';
import { deletedZhCN } from './deleted.zh-CN';
import { historyEn } from './history.en';
import { historyZhCN } from './history.zh-CN';
import { uxEn } from './ux.en';
import { uxZhCN } from './ux.zh-CN';
import { syncEn } from './sync.en';
import { syncZhCN } from './sync.zh-CN';
import { conflictsEn } from './conflicts.en';
import { conflictsZhCN } from './conflicts.zh-CN';
import { permissionsEn } from './permissions.en';
import { permissionsZhCN } from './permissions.zh-CN';
import { auditEn } from './audit.en';
import { auditZhCN } from './audit.zh-CN';
import { encryptionEn } from './encryption.en';
import { encryptionZhCN } from './encryption.zh-CN';
import { hostEn } from './host.en';
import { hostZhCN } from './host.zh-CN';

export type Language = 'zh-CN' | 'en';
const STORAGE_KEY = 'kecard.language';

export function storedLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

export function initI18n(): void {
  const lng = storedLanguage();
  void i18next.use(initReactI18next).init({
    resources: {
      'zh-CN': {
        translation: {
          ...zhCN,
          ...queriesZhCN,
          ...cardsZhCN,
          ...layoutDefaultsZhCN,
          ...importZhCN,
          ...analysisZhCN,
          ...exportWorkbookZhCN,
          ...extrasZhCN,
          ...deletedZhCN,
          ...historyZhCN,
          ...uxZhCN,
          ...syncZhCN,
          ...conflictsZhCN,
          ...permissionsZhCN,
          ...auditZhCN,
          ...encryptionZhCN,
          ...hostZhCN,
        },
      },
      en: {
        translation: {
          ...en,
          ...queriesEn,
          ...cardsEn,
          ...layoutDefaultsEn,
          ...importEn,
          ...analysisEn,
          ...exportWorkbookEn,
          ...extrasEn,
          ...deletedEn,
          ...historyEn,
          ...uxEn,
          ...syncEn,
          ...conflictsEn,
          ...permissionsEn,
          ...auditEn,
          ...encryptionEn,
          ...hostEn,
        },
      },
    },
    lng,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
}

export function setLanguage(lng: Language): void {
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
  void i18next.changeLanguage(lng);
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

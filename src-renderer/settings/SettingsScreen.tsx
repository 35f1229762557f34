import { useTranslation } from 'react-i18next';
import { BusinessTypesManager } from './BusinessTypesManager';
import { ExpenseCategoriesEditor } from './ExpenseCategoriesEditor';
import { FieldsManager } from './FieldsManager';
import { LayoutEditor } from './LayoutEditor';
import { useSettings, type SettingsSection } from './settings-store';
import './settings.css';

const SECTIONS: { id: SettingsSection; label: string; testId: string }[] = [
  { id: 'fields', label: 'cards.settings.fields', testId: 'settings-fields' },
  { id: 'layout', label: 'cards.settings.layout', testId: 'settings-layout' },
  { id: 'businessTypes', label: 'cards.settings.businessTypes', testId: 'settings-business-types' },
  { id: 'categories', label: 'cards.settings.categories', testId: 'settings-categories' },
];

/** 设置: the manager's screens for fields, the card layout, business types and expense categories. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const section = useSettings((s) => s.section);
  const open = useSettings((s) => s.open);
  return (
    <div className="settings-screen" data-testid="settings-screen">
      <nav className="tabs settings-tabs" role="tablist">
        {SECTIONS.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            aria-selected={section === s.id}
            className={`tab${section === s.id ? ' active' : ''}`}
            data-testid={s.testId}
            onClick={() => open(s.id)}
          >
            {t(s.label)}
          </button>
        ))}
      </nav>
      <div className="settings-body">
        {section === 'fields' ? <FieldsManager /> : null}
        {section === 'layout' ? <LayoutEditor /> : null}
        {section === 'businessTypes' ? <BusinessTypesManager /> : null}
        {section === 'categories' ? <ExpenseCategoriesEditor /> : null}
      </div>
    </div>
  );
}

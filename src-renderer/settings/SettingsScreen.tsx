import { useTranslation } from 'react-i18next';
import { BusinessTypesManager } from './BusinessTypesManager';
import { ExpenseCategoriesEditor } from './ExpenseCategoriesEditor';
import { FieldsManager } from './FieldsManager';
import { LayoutEditor } from './LayoutEditor';
import { useSettings, type SettingsSection } from './settings-store';
import { EncryptionPanel } from './EncryptionPanel';
import { useCan, useSession } from '../people/session-store';
import './settings.css';

const SECTIONS: { id: SettingsSection; label: string; testId: string }[] = [
  { id: 'fields', label: 'cards.settings.fields', testId: 'settings-fields' },
  { id: 'layout', label: 'cards.settings.layout', testId: 'settings-layout' },
  { id: 'businessTypes', label: 'cards.settings.businessTypes', testId: 'settings-business-types' },
  { id: 'categories', label: 'cards.settings.categories', testId: 'settings-categories' },
];
/** Managers only: the key and the recovery code are theirs (main refuses anyone else too). */
const ENCRYPTION = { id: 'encryption' as const, label: 'enc.tab', testId: 'settings-encryption' };

/** 设置: the manager's screens for fields, the card layout, business types, expense categories and 数据加密. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const section = useSettings((s) => s.section);
  const open = useSettings((s) => s.open);
  const role = useSession((s) => s.session?.user?.role);
  const canManage = useCan('settings', 'manage');
  const managers = canManage && (role === 'manager' || role === 'admin');
  const sections = managers ? [...SECTIONS, ENCRYPTION] : SECTIONS;
  // Shown for a manager, and never left open for someone else (another user signed in meanwhile).
  const current = section === 'encryption' && !managers ? 'fields' : section;
  return (
    <div className="settings-screen" data-testid="settings-screen">
      <nav className="tabs settings-tabs" role="tablist">
        {sections.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            aria-selected={current === s.id}
            className={`tab${current === s.id ? ' active' : ''}`}
            data-testid={s.testId}
            onClick={() => open(s.id)}
          >
            {t(s.label)}
          </button>
        ))}
      </nav>
      <div className="settings-body">
        {current === 'fields' ? <FieldsManager /> : null}
        {current === 'layout' ? <LayoutEditor /> : null}
        {current === 'businessTypes' ? <BusinessTypesManager /> : null}
        {current === 'categories' ? <ExpenseCategoriesEditor /> : null}
        {current === 'encryption' ? <EncryptionPanel /> : null}
      </div>
    </div>
  );
}

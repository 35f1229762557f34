import { useTranslation } from 'react-i18next';
import { BusinessTypesManager } from './BusinessTypesManager';
import { ExpenseCategoriesEditor } from './ExpenseCategoriesEditor';
import { FieldsManager } from './FieldsManager';
import { LayoutEditor } from './LayoutEditor';
import { ShareWorkspacePanel } from '../host/ShareWorkspacePanel';
import { useRemoteConnected } from '../host/host-store';
import { useCan } from '../people/session-store';
import '../host/host.css';
import { useSettings, type SettingsSection } from './settings-store';
import './settings.css';

const SECTIONS: { id: SettingsSection; label: string; testId: string }[] = [
  { id: 'fields', label: 'cards.settings.fields', testId: 'settings-fields' },
  { id: 'layout', label: 'cards.settings.layout', testId: 'settings-layout' },
  { id: 'businessTypes', label: 'cards.settings.businessTypes', testId: 'settings-business-types' },
  { id: 'categories', label: 'cards.settings.categories', testId: 'settings-categories' },
];

const SHARING = { id: 'sharing' as const, label: 'share.tab', testId: 'settings-sharing' };

/**
 * 设置: the manager's screens for fields, the card layout, business types and expense categories;
 * 共享给同事 for whoever manages settings on the computer that holds the file (not from a
 * colleague's workspace: sharing is the host's own).
 */
export function SettingsScreen() {
  const { t } = useTranslation();
  const section = useSettings((s) => s.section);
  const open = useSettings((s) => s.open);
  const manages = useCan('settings', 'manage');
  const remote = useRemoteConnected();
  const canShare = manages && !remote;
  const sections = canShare ? [...SECTIONS, SHARING] : SECTIONS;
  return (
    <div className="settings-screen" data-testid="settings-screen">
      <nav className="tabs settings-tabs" role="tablist">
        {sections.map((s) => (
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
        {section === 'sharing' && canShare ? <ShareWorkspacePanel /> : null}
      </div>
    </div>
  );
}

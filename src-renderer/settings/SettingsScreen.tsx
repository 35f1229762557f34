import { useTranslation } from 'react-i18next';
import { BusinessTypesManager } from './BusinessTypesManager';
import { ExpenseCategoriesEditor } from './ExpenseCategoriesEditor';
import { FieldsManager } from './FieldsManager';
import { LayoutEditor } from './LayoutEditor';
import { ShareWorkspacePanel } from '../host/ShareWorkspacePanel';
import { useRemoteConnected } from '../host/host-store';
import '../host/host.css';
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

const SHARING = { id: 'sharing' as const, label: 'share.tab', testId: 'settings-sharing' };

/**
 * 设置: the manager's screens for fields, the card layout, business types, expense categories and
 * 数据加密; 共享给同事 for whoever manages settings on the computer that holds the file (not from a
 * colleague's workspace: sharing and the file's encryption are the host's own).
 */
export function SettingsScreen() {
  const { t } = useTranslation();
  const section = useSettings((s) => s.section);
  const open = useSettings((s) => s.open);
  const role = useSession((s) => s.session?.user?.role);
  const manages = useCan('settings', 'manage');
  const remote = useRemoteConnected();
  const canShare = manages && !remote;
  const managers = canShare && (role === 'manager' || role === 'admin');
  const sections = [...SECTIONS, ...(managers ? [ENCRYPTION] : []), ...(canShare ? [SHARING] : [])];
  // Never left open for someone it is not shown to (another user signed in meanwhile, a connection made).
  const current = (section === 'encryption' && !managers) || (section === 'sharing' && !canShare) ? 'fields' : section;
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
        {current === 'sharing' ? <ShareWorkspacePanel /> : null}
      </div>
    </div>
  );
}

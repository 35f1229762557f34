import { formatPhone } from '../../src-shared/validation/phone-form';
import { useCan } from '../people/session-store';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerCard } from '../../src-shared/contract/methods';
import type { Contact, Department } from '../../src-shared/domain/organisation';
import { api } from '../api/client';
import { errorText, formFieldErrors } from '../api/errors';
import { confirmAsk } from '../components/confirm-store';
import { PromptDialog } from '../components/PromptDialog';
import { toast } from '../components/toast-store';
import { useCard } from './card-store';
import { ContactDialog } from './ContactDialog';
import { DepartmentTree, startOrgDrag, type DeptSelection } from './DepartmentTree';
import { MoveDepartmentDialog } from './MoveDepartmentDialog';
import { departmentPath } from './org-tree';

type OrgDialog =
  | { kind: 'add'; parent: Department | null }
  | { kind: 'rename'; dept: Department }
  | { kind: 'move'; dept: Department }
  | { kind: 'contact'; contact: Contact | null };

/** 组织机构与联系人: the department tree on the left, the selected department's contacts on the right. */
export function OrganisationTab({ card }: { card: CustomerCard }) {
  const { t } = useTranslation();
  const canContacts = useCan('contacts', 'write');
  const [selected, setSelected] = useState<DeptSelection>('all');
  const [dialog, setDialog] = useState<OrgDialog | null>(null);
  const reload = () => useCard.getState().reload();
  const { departments, contacts } = card;
  const customerId = card.customer.id;

  /** Runs a write; field messages come back as text for the dialog, other errors as a toast. */
  const write = async (fn: () => Promise<unknown>): Promise<string | null> => {
    try {
      await fn();
      setDialog(null);
      await reload();
      return null;
    } catch (err) {
      const fields = formFieldErrors(err);
      const code = fields ? Object.values(fields)[0] : undefined;
      if (code) return t(`fieldError.${code}`, { defaultValue: t('fieldError.invalid') });
      toast.error(errorText(t, err));
      return null;
    }
  };

  const onDrop = (kind: 'contact' | 'department', id: string, target: string | null) => {
    void write(() =>
      kind === 'contact' ? api.contacts.update({ id, patch: { departmentId: target } }) : api.departments.update({ id, patch: { parentId: target } }),
    );
  };

  const deleteDept = async (dept: Department) => {
    if (!(await confirmAsk(t('org.confirmDelete', { name: dept.name }), true))) return;
    if (selected === dept.id) setSelected('all');
    await write(() => api.departments.delete({ id: dept.id }));
  };

  const deleteContact = async (c: Contact) => {
    if (!(await confirmAsk(t('org.confirmDeleteContact', { name: c.name }), true))) return;
    await write(() => api.contacts.delete({ id: c.id }));
  };

  const shown = contacts.filter((c) =>
    selected === 'all' ? true : selected === 'unassigned' ? c.departmentId === null : c.departmentId === selected,
  );
  const selectedDept = departments.find((d) => d.id === selected) ?? null;

  return (
    <div className="org-tab" data-testid="organisation-tab">
      <div className="org-tree-pane">
        <div className="pane-head">
          <span>{t('org.departments')}</span>
          {canContacts ? (
            <button type="button" data-testid="add-department" onClick={() => setDialog({ kind: 'add', parent: null })}>
              ＋ {t('org.addRoot')}
            </button>
          ) : null}
        </div>
        <DepartmentTree
          departments={departments}
          contacts={contacts}
          selected={selected}
          onSelect={setSelected}
          onAddChild={(parent) => setDialog({ kind: 'add', parent })}
          onRename={(dept) => setDialog({ kind: 'rename', dept })}
          onMove={(dept) => setDialog({ kind: 'move', dept })}
          onDelete={(dept) => void deleteDept(dept)}
          onDrop={onDrop}
        />
        <div className="muted hint">{t('org.dragHint')}</div>
      </div>
      <div className="org-contacts-pane">
        <div className="pane-head">
          <span>
            {t('org.contacts')}
            {selectedDept ? ` · ${departmentPath(departments, selectedDept.id)}` : selected === 'unassigned' ? ` · ${t('org.unassigned')}` : ''}
          </span>
          {canContacts ? (
            <button type="button" className="primary" data-testid="add-contact" onClick={() => setDialog({ kind: 'contact', contact: null })}>
              ＋ {t('org.addContact')}
            </button>
          ) : null}
        </div>
        {shown.length === 0 ? (
          <div className="muted pad">{t('org.noContacts')}</div>
        ) : (
          <table className="data-table contacts-table">
            <thead>
              <tr>
                <th>{t('contact.name')}</th>
                <th>{t('contact.title')}</th>
                <th>{t('contact.departmentId')}</th>
                <th>{t('contact.mobile')}</th>
                <th>{t('contact.phone')}</th>
                <th>{t('contact.email')}</th>
                <th>{t('contact.birthday')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr
                  key={c.id}
                  data-testid="contact-row"
                  data-id={c.id}
                  data-name={c.name}
                  draggable
                  onDragStart={(e) => startOrgDrag(e, 'contact', c.id)}
                  onDoubleClick={() => setDialog({ kind: 'contact', contact: c })}
                >
                  <td className="strong">{c.name}</td>
                  <td>{c.title}</td>
                  <td className="muted dept-path">{c.departmentId ? departmentPath(departments, c.departmentId) : ''}</td>
                  <td>{c.mobile ? formatPhone(c.mobile) : ''}</td>
                  <td>{c.phone ? formatPhone(c.phone) : ''}</td>
                  <td>{c.email}</td>
                  <td>{c.birthday}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="icon"
                      title={t('org.editContact')}
                      data-testid="contact-edit"
                      onClick={() => setDialog({ kind: 'contact', contact: c })}
                    >
                      ✎
                    </button>
                    {canContacts ? (
                      <button
                        type="button"
                        className="icon danger-icon"
                        title={t('org.deleteContact')}
                        data-testid="contact-delete"
                        onClick={() => void deleteContact(c)}
                      >
                        ✕
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      {dialog?.kind === 'add' ? (
        <PromptDialog
          title={dialog.parent ? `${t('org.addChild')} · ${dialog.parent.name}` : t('org.addRoot')}
          label={t('org.departmentName')}
          initial=""
          testId="dept-name"
          onClose={() => setDialog(null)}
          onSubmit={(name) => write(() => api.departments.create({ customerId, parentId: dialog.parent?.id ?? null, name }))}
        />
      ) : null}
      {dialog?.kind === 'rename' ? (
        <PromptDialog
          title={t('org.rename')}
          label={t('org.departmentName')}
          initial={dialog.dept.name}
          testId="dept-name"
          onClose={() => setDialog(null)}
          onSubmit={(name) => write(() => api.departments.update({ id: dialog.dept.id, patch: { name } }))}
        />
      ) : null}
      {dialog?.kind === 'move' ? (
        <MoveDepartmentDialog
          dept={dialog.dept}
          departments={departments}
          onClose={() => setDialog(null)}
          onMove={(parentId) => write(() => api.departments.update({ id: dialog.dept.id, patch: { parentId } }))}
        />
      ) : null}
      {dialog?.kind === 'contact' ? (
        <ContactDialog
          customerId={customerId}
          contact={dialog.contact}
          departments={departments}
          defaultDepartmentId={selectedDept?.id ?? null}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            void reload();
          }}
        />
      ) : null}
    </div>
  );
}

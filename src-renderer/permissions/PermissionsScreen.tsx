import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACCESS_LEVELS,
  ADJUSTABLE_ROLES,
  AREAS,
  FIELD_ACCESS,
  RECORD_SCOPES,
  type AccessLevel,
  type AdjustableRole,
  type FieldAccess,
  type PermissionPolicy,
  type RecordScope,
} from '../../src-shared/domain/permissions';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { Dialog } from '../components/Dialog';
import { toast } from '../components/toast-store';
import { useBusinessTypes, useCustomFields } from '../card/use-meta';
import { BUILT_IN_FIELDS, builtInFieldLabels, describeChanges, setBusinessType, setField, withRole } from './permission-changes';
import './permissions.css';

const FIXED_ROLES = ['manager', 'admin'] as const;

/**
 * 权限设置 (manager): what assistants, staff and viewers may do — per area, per business type, per
 * field and over which customers. Saved through permissions.save (logged and audited in main,
 * which checks every call regardless of what this screen shows).
 */
export function PermissionsScreen() {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<PermissionPolicy | null>(null);
  const [defaults, setDefaults] = useState<PermissionPolicy | null>(null);
  const [draft, setDraft] = useState<PermissionPolicy | null>(null);
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const typesData = useBusinessTypes().data;
  const customerData = useCustomFields('customer').data;
  const contactData = useCustomFields('contact').data;
  const types = useMemo(() => typesData ?? [], [typesData]);
  const customerFields = useMemo(() => customerData ?? [], [customerData]);
  const contactFields = useMemo(() => contactData ?? [], [contactData]);

  useEffect(() => {
    api.permissions
      .get({})
      .then(({ policy, defaults: d }) => {
        setSaved(policy);
        setDraft(policy);
        setDefaults(d);
      })
      .catch((err: unknown) => toast.error(errorText(t, err)));
  }, [t]);

  const fieldLabels = useMemo(() => {
    const labels = builtInFieldLabels(t);
    for (const f of [...customerFields, ...contactFields]) labels[`custom.${f.id}`] = `${t(`perm.customEntity.${f.entity}`)} · ${f.label}`;
    return labels;
  }, [t, customerFields, contactFields]);
  const typeNames = useMemo(() => Object.fromEntries(types.map((bt) => [bt.id, bt.name])), [types]);

  if (!draft || !saved || !defaults) return <div className="permissions-screen" data-testid="permissions-screen" />;
  const changes = describeChanges(t, saved, draft, fieldLabels, typeNames);
  const update = (role: AdjustableRole, change: Parameters<typeof withRole>[2]) => setDraft(withRole(draft, role, change));

  const save = async () => {
    try {
      const policy = await api.permissions.save({ policy: draft });
      setSaved(policy);
      setDraft(policy);
      setConfirming(null);
      toast.success(t('perm.saved'));
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };

  const roleCells = (cell: (role: AdjustableRole) => React.ReactNode) =>
    ADJUSTABLE_ROLES.map((role) => (
      <td key={role} data-role={role}>
        {cell(role)}
      </td>
    ));
  const roleHeads = ADJUSTABLE_ROLES.map((role) => <th key={role}>{t(`people.roles.${role}`)}</th>);
  const fieldRow = (key: string) => (
    <tr key={key}>
      <td>{fieldLabels[key] ?? key}</td>
      {roleCells((role) => (
        <select
          data-testid="perm-field"
          data-field={key}
          value={draft[role].fields[key] ?? 'editable'}
          onChange={(e) => update(role, (r) => setField(r, key, e.target.value as FieldAccess))}
        >
          {FIELD_ACCESS.map((a) => (
            <option key={a} value={a}>
              {t(`perm.fieldAccess.${a}`)}
            </option>
          ))}
        </select>
      ))}
    </tr>
  );

  return (
    <div className="permissions-screen" data-testid="permissions-screen">
      <div className="toolbar">
        <b className="screen-title">{t('perm.title')}</b>
        {changes.length > 0 ? (
          <span className="perm-unsaved" data-testid="perm-unsaved">
            {t('perm.unsaved')}
          </span>
        ) : null}
        <span className="toolbar-spacer" />
        <button type="button" data-testid="perm-reset" onClick={() => setDraft(defaults)}>
          {t('perm.resetDefaults')}
        </button>
        <button type="button" className="primary" data-testid="perm-save" disabled={changes.length === 0} onClick={() => setConfirming(changes)}>
          {t('perm.save')}
        </button>
      </div>
      <p className="muted perm-hint">{t('perm.hint')}</p>

      <h3>{t('perm.areasTitle')}</h3>
      <div className="perm-scroll">
        <table className="data-table perm-matrix" data-testid="perm-matrix">
          <thead>
            <tr>
              <th>{t('perm.role')}</th>
              {AREAS.map((area) => (
                <th key={area}>{t(`perm.areas.${area}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {FIXED_ROLES.map((role) => (
              <tr key={role} className="perm-fixed" data-testid="perm-fixed-role" data-role={role}>
                <td>{t(`people.roles.${role}`)}</td>
                <td colSpan={AREAS.length}>{t('perm.all')}</td>
              </tr>
            ))}
            {ADJUSTABLE_ROLES.map((role) => (
              <tr key={role} data-role={role}>
                <td>{t(`people.roles.${role}`)}</td>
                {AREAS.map((area) => {
                  const value = draft[role].areas[area] ?? 'none';
                  return (
                    <td key={area}>
                      <select
                        data-testid="perm-area"
                        data-role={role}
                        data-area={area}
                        className={`level-${value}`}
                        value={value}
                        onChange={(e) => update(role, (r) => ({ ...r, areas: { ...r.areas, [area]: e.target.value as AccessLevel } }))}
                      >
                        {ACCESS_LEVELS.map((l) => (
                          <option key={l} value={l}>
                            {t(`perm.levels.${l}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>{t('perm.scopeTitle')}</h3>
      <p className="muted">{t('perm.scopeHint')}</p>
      <table className="data-table perm-roles">
        <thead>
          <tr>
            <th />
            {roleHeads}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{t('perm.scopeTitle')}</td>
            {roleCells((role) => (
              <select
                data-testid="perm-scope"
                data-role={role}
                value={draft[role].scope}
                onChange={(e) => update(role, (r) => ({ ...r, scope: e.target.value as RecordScope }))}
              >
                {RECORD_SCOPES.map((s) => (
                  <option key={s} value={s}>
                    {t(`perm.scope.${s}`)}
                  </option>
                ))}
              </select>
            ))}
          </tr>
        </tbody>
      </table>

      <h3>{t('perm.businessTitle')}</h3>
      <p className="muted">{t('perm.businessHint')}</p>
      {types.length === 0 ? (
        <p className="muted">{t('perm.noBusinessTypes')}</p>
      ) : (
        <table className="data-table perm-roles">
          <thead>
            <tr>
              <th />
              {roleHeads}
            </tr>
          </thead>
          <tbody>
            {types.map((bt) => (
              <tr key={bt.id}>
                <td>{bt.name}</td>
                {roleCells((role) => (
                  <select
                    data-testid="perm-business-type"
                    data-type={bt.id}
                    value={draft[role].businessTypes[bt.id] ?? ''}
                    onChange={(e) => update(role, (r) => setBusinessType(r, bt.id, (e.target.value || null) as AccessLevel | null))}
                  >
                    <option value="">
                      {t('perm.followBusiness')}（{t(`perm.levels.${draft[role].areas.business ?? 'none'}`)}）
                    </option>
                    {ACCESS_LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {t(`perm.levels.${l}`)}
                      </option>
                    ))}
                  </select>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('perm.fieldsTitle')}</h3>
      <p className="muted">{t('perm.fieldsHint')}</p>
      <table className="data-table perm-roles">
        <thead>
          <tr>
            <th />
            {roleHeads}
          </tr>
        </thead>
        <tbody>
          <tr className="perm-group">
            <td colSpan={4}>{t('perm.fieldGroups.customer')}</td>
          </tr>
          {BUILT_IN_FIELDS.customer.map((f) => fieldRow(`customer.${f}`))}
          <tr className="perm-group">
            <td colSpan={4}>{t('perm.fieldGroups.contact')}</td>
          </tr>
          {BUILT_IN_FIELDS.contact.map((f) => fieldRow(`contact.${f}`))}
          {customerFields.length + contactFields.length > 0 ? (
            <tr className="perm-group">
              <td colSpan={4}>{t('perm.fieldGroups.custom')}</td>
            </tr>
          ) : null}
          {[...customerFields, ...contactFields].map((f) => fieldRow(`custom.${f.id}`))}
        </tbody>
      </table>

      {confirming ? (
        <Dialog
          title={t('perm.confirmTitle')}
          testId="perm-confirm"
          onClose={() => setConfirming(null)}
          footer={
            <>
              <button type="button" onClick={() => setConfirming(null)}>
                {t('perm.cancel')}
              </button>
              <button type="button" className="primary" data-testid="perm-confirm-save" onClick={() => void save()}>
                {t('perm.save')}
              </button>
            </>
          }
        >
          <p>{t('perm.confirmIntro')}</p>
          <ul className="perm-changes" data-testid="perm-changes">
            {confirming.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </Dialog>
      ) : null}
    </div>
  );
}

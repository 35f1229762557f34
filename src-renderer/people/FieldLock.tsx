import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldAccess } from '../../src-shared/domain/permissions';

/**
 * A field the user's role may see but not change (masked or read-only): its input stays in place,
 * disabled, with a word saying why — typing into it would only be refused on save. Hidden fields are
 * not drawn at all by the forms (main sends no value for them).
 */
export function FieldLock({ access, children }: { access: FieldAccess; children: ReactNode }) {
  const { t } = useTranslation();
  if (access === 'editable' || access === 'hidden') return <>{children}</>;
  return (
    <fieldset disabled className="field-lock" data-testid="field-lock" data-access={access} title={t(`perm.fieldLocked.${access}`)}>
      {children}
      <span className="field-lock-note muted">{t(`perm.fieldLocked.${access}`)}</span>
    </fieldset>
  );
}

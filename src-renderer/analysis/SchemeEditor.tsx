import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { confirmAsk } from '../components/confirm-store';
import { toast } from '../components/toast-store';
import { ApplyPanel } from './ApplyPanel';
import { ClassesEditor } from './ClassesEditor';
import { ContributionEditor } from './ContributionEditor';
import { OverridePanel } from './OverridePanel';
import type { SchemeDto } from './report-types';
import { RulesEditor } from './RulesEditor';
import { problemOf, switchMethod, type SchemeDraft } from './scheme-draft';
import { SchemePreview } from './SchemePreview';

interface Props {
  initial: SchemeDraft;
  /** The stored scheme the draft was opened from (apply and override work on it). */
  saved: SchemeDto | null;
  onSaved(scheme: SchemeDto): void;
  onDeleted(): void;
}

/** The scheme editor: classes, window, method; the live preview; apply for a period; manual overrides. */
export function SchemeEditor({ initial, saved, onSaved, onDeleted }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const def = draft.definition;
  const problem = problemOf(def);
  const save = async () => {
    if (problem) return;
    setBusy(true);
    try {
      const s = await api.classification.save({
        ...(draft.id ? { id: draft.id } : {}),
        name: draft.name,
        definition: def,
        setsCustomerClass: draft.setsCustomerClass,
      });
      const scheme = s as SchemeDto;
      setDraft({ ...draft, id: scheme.id });
      setError(null);
      toast.success(t('classification.saved', { name: scheme.name }));
      onSaved(scheme);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!draft.id || !(await confirmAsk(t('classification.deleteConfirm', { name: draft.name }), true))) return;
    try {
      await api.classification.delete({ id: draft.id });
      onDeleted();
    } catch (err) {
      toast.error(errorText(t, err));
    }
  };
  return (
    <div className="scheme-editor" data-testid="scheme-editor" data-id={draft.id ?? ''}>
      <div className="inline-row">
        <label className="an-field grow">
          <span className="form-label">{t('classification.name')}</span>
          <input value={draft.name} maxLength={40} data-testid="scheme-name" onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <label className="an-field">
          <span className="form-label">{t('classification.window')}</span>
          <input
            type="number"
            min={1}
            max={3660}
            value={def.windowDays}
            data-testid="scheme-window"
            onChange={(e) =>
              setDraft({ ...draft, definition: { ...def, windowDays: Math.max(1, Math.min(3660, Math.round(Number(e.target.value) || 1))) } })
            }
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.setsCustomerClass}
            data-testid="scheme-sets-class"
            onChange={(e) => setDraft({ ...draft, setsCustomerClass: e.target.checked })}
          />
          {t('classification.setsCustomerClass')}
        </label>
      </div>
      <div className="section-title">{t('classification.classes')}</div>
      <ClassesEditor definition={def} onChange={(d) => setDraft({ ...draft, definition: d })} />
      <div className="section-title">{t('classification.method')}</div>
      <div className="segmented" data-testid="scheme-method">
        {(['contribution', 'rules'] as const).map((k) => (
          <button
            key={k}
            type="button"
            className={def.method.kind === k ? 'on' : ''}
            data-testid={`scheme-method-${k}`}
            onClick={() => setDraft({ ...draft, definition: switchMethod(def, k) })}
          >
            {t(k === 'rules' ? 'classification.methodRules' : 'classification.methodContribution')}
          </button>
        ))}
      </div>
      {def.method.kind === 'contribution' ? (
        <ContributionEditor definition={def} method={def.method} onChange={(m) => setDraft({ ...draft, definition: { ...def, method: m } })} />
      ) : (
        <RulesEditor definition={def} method={def.method} onChange={(m) => setDraft({ ...draft, definition: { ...def, method: m } })} />
      )}
      {problem ? (
        <div className="field-error" data-testid="scheme-problem" data-problem={problem}>
          {t('classification.invalid', { problem: t(`classification.problems.${problem}`) })}
        </div>
      ) : null}
      {error ? (
        <div className="banner banner-error" data-testid="scheme-error">
          {error}
        </div>
      ) : null}
      <div className="inline-row">
        <button
          type="button"
          className="primary"
          data-testid="scheme-save"
          disabled={busy || problem !== null || !draft.name.trim()}
          onClick={() => void save()}
        >
          {t('classification.save')}
        </button>
        {draft.id ? (
          <button type="button" data-testid="scheme-delete" onClick={() => void remove()}>
            {t('classification.delete')}
          </button>
        ) : null}
      </div>
      <SchemePreview definition={def} />
      {saved ? (
        <>
          <ApplyPanel key={saved.id} scheme={saved} />
          <OverridePanel key={`o-${saved.id}`} scheme={saved} />
        </>
      ) : (
        <p className="muted">{t('classification.saveFirst')}</p>
      )}
    </div>
  );
}

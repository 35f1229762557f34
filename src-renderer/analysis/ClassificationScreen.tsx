import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnalysis } from './analysis-store';
import { LifecyclePanel } from './LifecyclePanel';
import { ClassAsOf } from './ReportParams';
import type { SchemeDto } from './report-types';
import { newDraft, type SchemeDraft } from './scheme-draft';
import { SchemeEditor } from './SchemeEditor';
import { useSchemeList } from './use-schemes';

/** 客户分类: the manager's schemes on the left, the one being edited on the right, lifecycle rules below. */
export function ClassificationScreen() {
  const { t } = useTranslation();
  const list = useSchemeList();
  const schemes = list.schemes ?? [];
  /** The scheme as this editor last saved it: the list's re-read (on data.changed) comes a moment later. */
  const [justSaved, setJustSaved] = useState<SchemeDto | null>(null);
  const [editing, setEditing] = useState<{ key: string; draft: SchemeDraft } | null>(null);
  const setSchemeId = useAnalysis((s) => s.setSchemeId);
  const open = (s: SchemeDto) => {
    setEditing({ key: s.id, draft: { id: s.id, name: s.name, setsCustomerClass: s.setsCustomerClass, definition: s.definition } });
    setJustSaved(null);
    setSchemeId(s.id);
  };
  const savedId = editing?.draft.id;
  const saved = savedId ? (justSaved?.id === savedId ? justSaved : (schemes.find((s) => s.id === savedId) ?? null)) : null;
  return (
    <div className="classification-screen" data-testid="classification-screen">
      <aside className="scheme-list" data-testid="scheme-list">
        <div className="section-title">{t('classification.schemes')}</div>
        {list.error ? <div className="banner banner-error">{list.error}</div> : null}
        {schemes.map((s) => (
          <button
            key={s.id}
            type="button"
            className={`scheme-item${editing?.draft.id === s.id ? ' active' : ''}`}
            data-testid="scheme-item"
            data-id={s.id}
            data-name={s.name}
            onClick={() => open(s)}
          >
            {s.name}
            <span className="muted small"> · {s.definition.classes.map((c) => c.key).join('')}</span>
          </button>
        ))}
        <button
          type="button"
          data-testid="scheme-new"
          onClick={() => setEditing({ key: `new-${Date.now()}`, draft: newDraft(t('classification.newScheme')) })}
        >
          + {t('classification.newScheme')}
        </button>
      </aside>
      <div className="scheme-main">
        <div className="report-params" data-testid="classification-params">
          <ClassAsOf />
        </div>
        {editing ? (
          <SchemeEditor
            key={editing.key}
            initial={editing.draft}
            saved={saved}
            onSaved={(s) => {
              setJustSaved(s);
              setEditing((e) => (e ? { key: e.key, draft: { ...e.draft, id: s.id } } : e));
              setSchemeId(s.id);
            }}
            onDeleted={() => {
              setEditing(null);
              setJustSaved(null);
              setSchemeId(null);
            }}
          />
        ) : null}
        <LifecyclePanel />
      </div>
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { toast } from '../components/toast-store';
import { useAnalysis } from './analysis-store';
import { LifecyclePanel } from './LifecyclePanel';
import { ClassAsOf } from './ReportParams';
import type { SchemeDto } from './report-types';
import { newDraft, type SchemeDraft } from './scheme-draft';
import { SchemeEditor } from './SchemeEditor';

/** 客户分类: the manager's schemes on the left, the one being edited on the right, lifecycle rules below. */
export function ClassificationScreen() {
  const { t } = useTranslation();
  const [schemes, setSchemes] = useState<SchemeDto[]>([]);
  const [editing, setEditing] = useState<{ key: string; draft: SchemeDraft } | null>(null);
  const setSchemeId = useAnalysis((s) => s.setSchemeId);
  const load = useCallback(async () => {
    try {
      setSchemes((await api.classification.schemes({})) as SchemeDto[]);
    } catch (err) {
      toast.error(errorText(t, err));
    }
  }, [t]);
  useEffect(() => {
    let live = true;
    api.classification
      .schemes({})
      .then((list) => {
        if (live) setSchemes(list as SchemeDto[]);
      })
      .catch((err: unknown) => toast.error(errorText(t, err)));
    return () => {
      live = false;
    };
  }, [t]);
  const open = (s: SchemeDto) => {
    setEditing({ key: s.id, draft: { id: s.id, name: s.name, setsCustomerClass: s.setsCustomerClass, definition: s.definition } });
    setSchemeId(s.id);
  };
  const saved = editing?.draft.id ? (schemes.find((s) => s.id === editing.draft.id) ?? null) : null;
  return (
    <div className="classification-screen" data-testid="classification-screen">
      <aside className="scheme-list" data-testid="scheme-list">
        <div className="section-title">{t('classification.schemes')}</div>
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
              setSchemes((list) => [...list.filter((x) => x.id !== s.id), s]);
              setEditing((e) => (e ? { key: e.key, draft: { ...e.draft, id: s.id } } : e));
              void load();
              setSchemeId(s.id);
            }}
            onDeleted={() => {
              setEditing(null);
              setSchemeId(null);
              void load();
            }}
          />
        ) : null}
        <LifecyclePanel />
      </div>
    </div>
  );
}

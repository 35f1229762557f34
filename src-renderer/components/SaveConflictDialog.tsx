import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldConflict } from '../../src-shared/domain/save-conflict';
import { formatDateTime } from '../i18n/labels';
import { Dialog } from './Dialog';

/** The user's answer for one conflicting field; `merge` carries the edited text. */
export type ConflictChoice =
  { field: string; choice: 'mine' } | { field: string; choice: 'theirs' } | { field: string; choice: 'merge'; text: string };

interface Props {
  conflicts: FieldConflict[];
  /** The field's label as the form shows it. */
  labelOf(field: string): string;
  /** A stored value as the form shows it. */
  textOf(field: string, value: unknown): string;
  onResolve(choices: ConflictChoice[]): void;
  /** Decide later: the dialog closes, the user's values stay in the form, unsaved. */
  onCancel(): void;
}

const isText = (v: unknown) => v === null || v === undefined || typeof v === 'string';

/** Text fields can be merged: both values are text (or empty). */
export function canMerge(c: FieldConflict): boolean {
  return isText(c.mine) && isText(c.theirs) && c.field !== 'lines';
}

/** Their text, then mine, one per line: what 合并 starts from. */
export function mergedText(c: FieldConflict): string {
  return [c.theirs, c.mine].filter((v): v is string => typeof v === 'string' && v !== '').join('\n');
}

/**
 * 保存冲突: a save answered fields someone else changed since the record was opened (issue 20).
 * Field by field: 保留我的 / 采用对方的 / 合并 (text: an editor prefilled with both). The caller
 * saves the decisions as an ordinary change.
 */
export function SaveConflictDialog({ conflicts, labelOf, textOf, onResolve, onCancel }: Props) {
  const { t } = useTranslation();
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>(() => {
    const start: Record<string, ConflictChoice> = {};
    for (const c of conflicts) start[c.field] = { field: c.field, choice: 'mine' };
    return start;
  });
  const who = [...new Set(conflicts.map((c) => c.byUserName))].join('、') || t('saveConflict.someone');
  const shown = (field: string, v: unknown) => textOf(field, v) || t('saveConflict.empty');
  const choose = (c: FieldConflict, choice: ConflictChoice['choice']) =>
    setChoices((all) => ({ ...all, [c.field]: choice === 'merge' ? { field: c.field, choice, text: mergedText(c) } : { field: c.field, choice } }));

  return (
    <Dialog
      title={t('saveConflict.title')}
      testId="save-conflict-dialog"
      width={720}
      onClose={onCancel}
      footer={
        <>
          <button type="button" data-testid="save-conflict-later" onClick={onCancel}>
            {t('saveConflict.later')}
          </button>
          <button type="button" className="primary" data-testid="save-conflict-save" onClick={() => onResolve(Object.values(choices))}>
            {t('saveConflict.save')}
          </button>
        </>
      }
    >
      <p>{t('saveConflict.intro', { who })}</p>
      {conflicts.map((c) => {
        const chosen = choices[c.field];
        return (
          <fieldset key={c.field} className="save-conflict" data-testid={`save-conflict-${c.field}`}>
            <legend>{labelOf(c.field)}</legend>
            <dl className="save-conflict-values">
              {c.base !== null || c.field !== 'lines' ? (
                <>
                  <dt>{t('saveConflict.started')}</dt>
                  <dd data-testid="save-conflict-base">{shown(c.field, c.base)}</dd>
                </>
              ) : null}
              <dt>{t('saveConflict.theirs')}</dt>
              <dd>
                <span data-testid="save-conflict-theirs">{shown(c.field, c.theirs)}</span>{' '}
                <span className="muted" data-testid="save-conflict-by">
                  {t('saveConflict.byAt', { name: c.byUserName, at: formatDateTime(c.at) })}
                </span>
              </dd>
              <dt>{t('saveConflict.mine')}</dt>
              <dd data-testid="save-conflict-mine">{shown(c.field, c.mine)}</dd>
            </dl>
            <div className="segmented" role="radiogroup">
              {(['mine', 'theirs', ...(canMerge(c) ? ['merge' as const] : [])] as const).map((choice) => (
                <label key={choice}>
                  <input
                    type="radio"
                    name={`conflict-${c.field}`}
                    data-testid={`save-conflict-${c.field}-${choice}`}
                    checked={chosen?.choice === choice}
                    onChange={() => choose(c, choice)}
                  />{' '}
                  {t(choice === 'mine' ? 'saveConflict.keepMine' : choice === 'theirs' ? 'saveConflict.takeTheirs' : 'saveConflict.merge')}
                </label>
              ))}
            </div>
            {chosen?.choice === 'merge' ? (
              <textarea
                aria-label={t('saveConflict.mergeLabel')}
                data-testid={`save-conflict-${c.field}-text`}
                rows={4}
                value={chosen.text}
                onChange={(e) => setChoices((all) => ({ ...all, [c.field]: { field: c.field, choice: 'merge', text: e.target.value } }))}
              />
            ) : null}
          </fieldset>
        );
      })}
    </Dialog>
  );
}

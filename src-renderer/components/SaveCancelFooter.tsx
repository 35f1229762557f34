import { useTranslation } from 'react-i18next';

/** The 取消 / 保存 buttons of a form dialog; test ids are `<prefix>-cancel` and `<prefix>-save`. */
export function SaveCancelFooter({ prefix, busy, onCancel, onSave }: { prefix: string; busy: boolean; onCancel(): void; onSave(): void }) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" data-testid={`${prefix}-cancel`} onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="button" className="primary" data-testid={`${prefix}-save`} disabled={busy} onClick={onSave}>
        {t('common.save')}
      </button>
    </>
  );
}

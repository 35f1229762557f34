import { useTranslation } from 'react-i18next';
import { useConfirm } from './confirm-store';
import { Dialog } from './Dialog';

export function ConfirmDialog() {
  const { t } = useTranslation();
  const question = useConfirm((s) => s.question);
  const answer = useConfirm((s) => s.answer);
  if (!question) return null;
  return (
    <Dialog
      title={t('common.confirm')}
      testId="confirm-dialog"
      onClose={() => answer(false)}
      footer={
        <>
          <button type="button" data-testid="confirm-cancel" onClick={() => answer(false)}>
            {t('common.cancel')}
          </button>
          <button type="button" className={question.danger ? 'danger' : 'primary'} data-testid="confirm-ok" autoFocus onClick={() => answer(true)}>
            {t('common.ok')}
          </button>
        </>
      }
    >
      <p className="confirm-text">{question.text}</p>
    </Dialog>
  );
}

import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Open dialogs, innermost last: Esc closes only the top one. */
const stack: object[] = [];

interface DialogProps {
  title: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  width?: number;
  /**
   * The user's role may look but not change (a view-only area): every input is disabled, the
   * footer's buttons give way to 关闭, and a line says why — rather than a 保存 main would refuse.
   */
  readOnly?: boolean;
}

/** A modal dialog: Esc closes it, the backdrop blocks the app behind. */
export function Dialog({ title, testId, onClose, children, footer, width, readOnly = false }: DialogProps) {
  const { t } = useTranslation();
  useEffect(() => {
    const token = {};
    stack.push(token);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && stack[stack.length - 1] === token) {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      stack.splice(stack.indexOf(token), 1);
    };
  }, [onClose]);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} data-testid={testId} style={width ? { width } : undefined}>
        <div className="dialog-title">{title}</div>
        <div className="dialog-body">
          {readOnly ? (
            <fieldset disabled className="dialog-read-only" data-testid="dialog-read-only">
              {children}
            </fieldset>
          ) : (
            children
          )}
        </div>
        {readOnly ? (
          <div className="dialog-footer">
            <span className="muted dialog-read-only-note">{t('perm.viewOnly')}</span>
            <button type="button" data-testid={`${testId}-close`} onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        ) : footer ? (
          <div className="dialog-footer">{footer}</div>
        ) : null}
      </div>
    </div>
  );
}

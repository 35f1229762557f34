import { useEffect, type ReactNode } from 'react';

/** Open dialogs, innermost last: Esc closes only the top one. */
const stack: object[] = [];

interface DialogProps {
  title: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  width?: number;
}

/** A modal dialog: Esc closes it, the backdrop blocks the app behind. */
export function Dialog({ title, testId, onClose, children, footer, width }: DialogProps) {
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
        <div className="dialog-body">{children}</div>
        {footer ? <div className="dialog-footer">{footer}</div> : null}
      </div>
    </div>
  );
}

import { useToasts } from './toast-store';

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} data-testid="toast" data-kind={t.kind}>
          <span className="toast-text">{t.text}</span>
          {t.action ? (
            <button
              type="button"
              className="toast-action"
              data-testid="toast-action"
              onClick={() => {
                dismiss(t.id);
                t.action?.run();
              }}
            >
              {t.action.label}
            </button>
          ) : null}
          <button type="button" className="toast-close" data-testid="toast-close" onClick={() => dismiss(t.id)} aria-label="×">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

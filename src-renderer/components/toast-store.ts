import { create } from 'zustand';

export type ToastKind = 'info' | 'success' | 'error';
export interface ToastAction {
  label: string;
  run(): void;
}
export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
  action?: ToastAction | undefined;
}

interface ToastState {
  toasts: Toast[];
  push(kind: ToastKind, text: string, action?: ToastAction): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push(kind, text, action) {
    // The same message already showing (every start-up call refused for one reason) is shown once.
    if (!action && get().toasts.some((t) => t.kind === kind && t.text === text && !t.action)) return;
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-3), { id, kind, text, action }] });
    window.setTimeout(() => get().dismiss(id), kind === 'error' || action ? 9000 : 5000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export const toast = {
  info: (text: string) => useToasts.getState().push('info', text),
  success: (text: string, action?: ToastAction) => useToasts.getState().push('success', text, action),
  error: (text: string) => useToasts.getState().push('error', text),
};

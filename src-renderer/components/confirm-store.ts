import { create } from 'zustand';

interface ConfirmState {
  question: { text: string; danger: boolean; resolve: (ok: boolean) => void } | null;
  answer(ok: boolean): void;
}

export const useConfirm = create<ConfirmState>((set, get) => ({
  question: null,
  answer(ok) {
    const q = get().question;
    set({ question: null });
    q?.resolve(ok);
  },
}));

/** An in-app yes/no question (the native confirm() blocks and cannot be styled or translated). */
export function confirmAsk(text: string, danger = false): Promise<boolean> {
  return new Promise((resolve) => {
    useConfirm.getState().question?.resolve(false);
    useConfirm.setState({ question: { text, danger, resolve } });
  });
}

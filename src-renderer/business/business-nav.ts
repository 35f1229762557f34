import { create } from 'zustand';

/** The business type whose list is open on the `records` screen. */
export const useBusinessNav = create<{ typeId: string | null; setType(id: string): void }>((set) => ({
  typeId: null,
  setType(typeId) {
    set({ typeId });
  },
}));

import { create } from 'zustand';

/** Whether the 已删除的客户 dialog is open (opened from the 文件 menu). */
export const useDeletedCustomers = create<{ open: boolean; setOpen(open: boolean): void }>((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));

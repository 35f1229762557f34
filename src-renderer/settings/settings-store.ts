import { create } from 'zustand';

export type SettingsSection = 'fields' | 'layout' | 'businessTypes' | 'categories' | 'encryption' | 'sharing';

/** Which settings page is open, and for the field manager which entity (`customer`, `contact`, `order`, `record:<typeId>`). */
interface SettingsState {
  section: SettingsSection;
  fieldsTarget: string;
  open(section: SettingsSection, fieldsTarget?: string): void;
}

export const useSettings = create<SettingsState>((set) => ({
  section: 'fields',
  fieldsTarget: 'customer',
  open(section, fieldsTarget) {
    set(fieldsTarget ? { section, fieldsTarget } : { section });
  },
}));

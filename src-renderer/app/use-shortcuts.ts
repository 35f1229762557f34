import { useEffect } from 'react';
import { runCommand } from './commands';

/** Ctrl+K / Ctrl+F: quick search; Ctrl+N: new customer. (Electron's menu sends the same commands.) */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const key = e.key.toLowerCase();
      if (key === 'k' || key === 'f') {
        e.preventDefault();
        runCommand('search.focus');
      } else if (key === 'n') {
        e.preventDefault();
        runCommand('customer.new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

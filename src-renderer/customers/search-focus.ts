/** Lets the menu, Ctrl+K and Ctrl+F focus the quick search box wherever it lives. */
let target: HTMLInputElement | null = null;

export function registerSearchInput(el: HTMLInputElement | null): void {
  target = el;
}

export function focusQuickSearch(): void {
  target?.focus();
  target?.select();
}

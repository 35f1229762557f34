import type { ColorLabel } from '../../src-shared/domain/enums';

export function ColorDot({ color, title }: { color: ColorLabel | null; title?: string }) {
  if (!color) return <span className="color-dot color-none" />;
  return <span className={`color-dot color-${color}`} title={title} data-color={color} />;
}

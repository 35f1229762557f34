import type { MethodOutput } from '../../src-shared/contract/methods';

export type TypeChangePreview = MethodOutput<'fields.previewType'>;

// The fixed vocabularies of the customer card. Labels live in the renderer's i18n files; these are
// the stored values, so they never change once written.
export const CUSTOMER_KINDS = ['company', 'individual'] as const;
export const CUSTOMER_CLASSES = ['A', 'B', 'C', 'D'] as const;
export const LIFECYCLE_STAGES = ['prospect', 'new', 'repeat', 'dormant', 'lost'] as const;
export const RELATIONSHIP_LEVELS = [1, 2, 3, 4] as const;
export const COLOR_LABELS = ['green', 'yellow', 'red', 'blue', 'purple', 'gray'] as const;
export const ROLES = ['manager', 'assistant', 'staff', 'admin', 'viewer'] as const;

export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export type CustomerClass = (typeof CUSTOMER_CLASSES)[number];
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export type RelationshipLevel = (typeof RELATIONSHIP_LEVELS)[number];
export type ColorLabel = (typeof COLOR_LABELS)[number];
export type Role = (typeof ROLES)[number];

import { z } from 'zod';
import { customValues, entityId, optionalDate, optionalEmail, optionalPhone, optionalText, patchShape, requiredText } from './field-rules';

export const departmentCreateInput = z
  .object({
    customerId: entityId,
    parentId: entityId
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    name: requiredText(100),
  })
  .strict();
export type DepartmentCreateInput = z.input<typeof departmentCreateInput>;

export const departmentPatch = z
  .object({
    parentId: entityId.nullable(),
    name: requiredText(100),
    sortOrder: z.number().int().min(0).max(100000),
  })
  .partial()
  .strict();

export const department = z.object({
  id: z.string(),
  customerId: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  sortOrder: z.number().int(),
});
export type Department = z.infer<typeof department>;

const contactFieldShapes = {
  departmentId: entityId
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  name: requiredText(60),
  title: optionalText(60),
  mobile: optionalPhone,
  phone: optionalPhone,
  email: optionalEmail,
  birthday: optionalDate,
  notes: optionalText(2000),
};
export const CONTACT_FIELDS = Object.keys(contactFieldShapes) as ContactField[];
export type ContactField = keyof typeof contactFieldShapes;

export const contactCreateInput = z.object({ customerId: entityId, ...contactFieldShapes, custom: customValues.optional() }).strict();
export type ContactCreateInput = z.input<typeof contactCreateInput>;
export const contactPatch = z
  .object({ ...patchShape(contactFieldShapes), custom: customValues })
  .partial()
  .strict();
export type ContactPatch = z.input<typeof contactPatch>;

export const contact = z.object({
  id: z.string(),
  customerId: z.string(),
  departmentId: z.string().nullable(),
  name: z.string(),
  title: z.string().nullable(),
  mobile: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  birthday: z.string().nullable(),
  notes: z.string().nullable(),
  /** Custom field values by column (cf_…); absent where a reader does not load them. */
  custom: z.record(z.string(), z.unknown()).optional(),
});
export type Contact = z.infer<typeof contact>;

const employeeFieldShapes = {
  name: requiredText(60),
  title: optionalText(60),
  mobile: optionalPhone,
  email: optionalEmail,
  active: z.boolean().optional().default(true),
};
export const employeeCreateInput = z.object(employeeFieldShapes).strict();
export type EmployeeCreateInput = z.input<typeof employeeCreateInput>;
export const employeePatch = z.object(patchShape(employeeFieldShapes)).partial().strict();
export const employee = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
});
export type Employee = z.infer<typeof employee>;

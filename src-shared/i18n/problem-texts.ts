// What the UI says about a bad value, and how the import words a bad row, in both languages: one
// table for the renderer's i18n resources (zh-CN.ts, import.*.ts take these) and for the CLI,
// which prints the same words in a terminal (src-main/cli/cli-errors.ts).

/** A field-level message code (`fieldError.<code>` in the UI; see domain/field-rules.ts). */
export const fieldErrorZhCN = {
  required: '必填',
  tooLong: '内容过长',
  tooMany: '数量过多',
  phone: '电话号码格式不正确',
  email: '电子邮件格式不正确',
  url: '网址格式不正确',
  date: '日期无法识别，可写作 2024-03-12、2024/3/12 或 2024年3月12日',
  range: '超出允许范围',
  invalid: '值无效',
  duplicateCode: '该编号已被其他客户使用',
  unknownField: '未知字段',
  cycle: '不能移动到自身或其下级部门之下',
  dateRange: '日期超出范围（1900–2100 年）',
  passwordTooShort: '密码至少 6 个字符',
  invalidLogin: '登录名只能包含字母、数字和 . _ @ -',
  loginTaken: '该登录名已被使用',
  wrongPassword: '当前密码不正确',
  notFound: '找不到该记录',
};

export const fieldErrorEn: typeof fieldErrorZhCN = {
  required: 'Required',
  tooLong: 'Too long',
  tooMany: 'Too many entries',
  phone: 'Not a valid phone number',
  email: 'Not a valid e-mail address',
  url: 'Not a valid web address',
  date: 'Not a date: write it as 2024-03-12, 2024/3/12 or 2024年3月12日',
  range: 'Out of range',
  invalid: 'Invalid value',
  duplicateCode: 'Another customer already uses this code',
  unknownField: 'Unknown field',
  cycle: 'Cannot move under itself or one of its sub-departments',
  dateRange: 'The date is out of range (1900–2100)',
  passwordTooShort: 'At least 6 characters',
  invalidLogin: 'Letters, digits and . _ @ - only',
  loginTaken: 'This login is taken',
  wrongPassword: 'The current password is wrong',
  notFound: 'Not found',
};

/** An import row's problem (`imp.problem`, `imp.valueProblem`) and the sentence around it (`imp.sentence`). */
export const importProblemsZhCN = {
  problem: {
    notFound: '工作区中没有这个客户',
    orderNotFound: '工作区中没有这个订单号',
    orderOtherCustomer: '这个订单属于另一个客户',
    contactNotFound: '该客户下没有这个联系人',
    duplicateValue: '该值已被使用（字段要求唯一）',
    orderCustomerMismatch: '同一订单号的明细属于不同客户',
    orderDiscountMismatch: '同一订单号的明细写了不同的整单优惠',
    required: '必填项为空',
    phone: '电话号码格式不正确',
    phoneLost: '电话号码已被 Excel 转成科学计数法，无法还原',
    phoneLeadingZero: '已补回区号前的 0，请核对',
    phoneNumeric: '电话号码曾被存为数字，请核对',
    email: '电子邮件格式不正确',
    url: '网址格式不正确',
    date: '日期无法识别',
    unknownOption: '不在可选值中',
    duplicateCode: '编号已被使用',
    tooLong: '内容过长',
    tooMany: '数量过多',
    range: '超出允许范围',
    invalid: '值无效',
    amountMismatch: '金额与数量 × 单价（扣除折扣）不符',
    dateRange: '日期超出范围（1900–2100 年）',
  },
  valueProblem: {
    phone: '不是电话号码',
    mobile: '不是手机号',
    email: '不是电子邮件地址',
    url: '不是网址',
    date: '不是可识别的日期',
    dateRange: '日期超出范围（1900–2100 年）',
    unknownOption: '不在可选值中',
    notFound: '在工作区中找不到',
    invalid: '无效',
    range: '超出允许范围',
    tooLong: '过长',
  },
  sentence: {
    row: '第 {{row}} 行',
    withValue: '{{field}}：‘{{value}}’ {{problem}}',
    noValue: '{{field}}：{{problem}}',
    totalSkipped: '已跳过合计行',
  },
};

export const importProblemsEn: typeof importProblemsZhCN = {
  problem: {
    notFound: 'No such customer in the workspace',
    orderNotFound: 'No such order number in the workspace',
    orderOtherCustomer: 'This order belongs to another customer',
    contactNotFound: 'The customer has no contact of this name',
    duplicateValue: 'Value already in use (the field must be unique)',
    orderCustomerMismatch: 'Lines of one order number belong to different customers',
    orderDiscountMismatch: 'Lines of one order number give different order discounts',
    required: 'Required value is empty',
    phone: 'Not a valid phone number',
    phoneLost: 'Excel turned the phone number into scientific notation; it cannot be recovered',
    phoneLeadingZero: 'The leading 0 of the area code was restored; please check',
    phoneNumeric: 'The phone number was stored as a number; please check',
    email: 'Not a valid e-mail address',
    url: 'Not a valid web address',
    date: 'Date not recognised',
    unknownOption: 'Not one of the options',
    duplicateCode: 'Code already in use',
    tooLong: 'Too long',
    tooMany: 'Too many values',
    range: 'Out of range',
    invalid: 'Invalid value',
    amountMismatch: 'The amount does not match quantity × unit price (less the discount)',
    dateRange: 'Date out of range (1900–2100)',
  },
  valueProblem: {
    phone: 'is not a phone number',
    mobile: 'is not a mobile number',
    email: 'is not an e-mail address',
    url: 'is not a web address',
    date: 'is not a recognisable date',
    dateRange: 'is outside 1900–2100',
    unknownOption: 'is not one of the options',
    notFound: 'is not in the workspace',
    invalid: 'is not valid',
    range: 'is out of range',
    tooLong: 'is too long',
  },
  sentence: {
    row: 'Row {{row}}',
    withValue: '{{field}}: “{{value}}” {{problem}}',
    noValue: '{{field}}: {{problem}}',
    totalSkipped: 'Total row skipped',
  },
};

/** A message by dotted key (`imp.problem.notFound`, `fieldError.required`) with {{vars}} filled; '' when there is none. */
export type SayMessage = (key: string, vars?: Record<string, string | number>) => string;

/** An import row's problem as the wizard's check step, its error report and the CLI word it. */
export interface WordedProblem {
  field: string;
  code: string;
  value: string;
}

/** A problem code: the import's own words first, then the form's field errors, else the code itself. */
export function problemCodeText(say: SayMessage, code: string): string {
  return say(`imp.problem.${code}`) || say(`fieldError.${code}`) || code;
}

/**
 * The sentence without its row number: 手机：‘12ab’ 不是手机号. With a value the problem reads as
 * a predicate of it; without one (a required field left empty) as the field's problem.
 */
export function problemWords(say: SayMessage, fieldLabel: string, p: WordedProblem): string {
  if (p.value === '') return say('imp.sentence.noValue', { field: fieldLabel, problem: problemCodeText(say, p.code) });
  const code = p.code === 'phone' && (p.field === 'mobile' || p.field === 'contactMobile') ? 'mobile' : p.code;
  const problem = say(`imp.valueProblem.${code}`) || problemCodeText(say, p.code);
  return say('imp.sentence.withValue', { field: fieldLabel, value: p.value, problem });
}

/** With its row: 第 12 行 · 手机：‘12ab’ 不是手机号. */
export function rowProblemWords(say: SayMessage, fieldLabel: string, p: WordedProblem & { row: number }): string {
  return `${say('imp.sentence.row', { row: p.row })} · ${problemWords(say, fieldLabel, p)}`;
}

/** SayMessage over these tables, for a process without i18next (the CLI). */
export function sayFrom(tables: Record<string, unknown>): SayMessage {
  return (key, vars = {}) => {
    let at: unknown = tables;
    for (const part of key.split('.')) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[part] : undefined;
    if (typeof at !== 'string') return '';
    return at.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}

/** The Chinese tables as the CLI reads them. */
export const sayZhCN: SayMessage = sayFrom({ imp: importProblemsZhCN, fieldError: fieldErrorZhCN });

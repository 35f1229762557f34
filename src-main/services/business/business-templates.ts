import type { BusinessTemplate, BusinessType } from '../../../src-shared/domain/business';
import type { CustomFieldInput } from '../../../src-shared/domain/custom-fields';
import type { CallContext } from '../../changelog/call-context';
import type { Workspace } from '../../db/workspace';
import { runWrite, type WriteTx } from '../../changelog/write-tx';
import { insertField } from '../custom-fields/field-definition-service';
import { getField } from '../custom-fields/field-registry';
import { readRow, updateRow } from '../shared/entity-writes';
import { getBusinessType, insertBusinessType } from './business-type-service';

type FieldSpec = Omit<CustomFieldInput, 'entity' | 'businessTypeId'>;

interface Template {
  name: string;
  icon: string;
  linkContact: boolean;
  linkStaff: boolean;
  statuses: { key: string; label: string; color?: string; final?: boolean }[];
  transitions: Record<string, string[]>;
  fields: FieldSpec[];
}

const opt = (...labels: string[]) => labels.map((label, i) => ({ value: `o${i + 1}`, label }));

/** The ready-made types a manager starts from; everything here stays editable afterwards. */
const TEMPLATES: Record<BusinessTemplate, Template> = {
  opportunity: {
    name: '销售机会跟踪',
    icon: 'target',
    linkContact: true,
    linkStaff: true,
    statuses: [
      { key: 'lead', label: '初步接洽', color: 'gray' },
      { key: 'needs', label: '需求确认', color: 'blue' },
      { key: 'proposal', label: '方案报价', color: 'purple' },
      { key: 'negotiation', label: '商务谈判', color: 'yellow' },
      { key: 'won', label: '赢单', color: 'green', final: true },
      { key: 'lost', label: '输单', color: 'red', final: true },
    ],
    transitions: {
      lead: ['needs', 'lost'],
      needs: ['proposal', 'lost'],
      proposal: ['negotiation', 'needs', 'lost'],
      negotiation: ['won', 'lost', 'proposal'],
      won: [],
      lost: ['lead'],
    },
    fields: [
      { label: '预计金额', type: 'money', indexed: true },
      { label: '预计成交日期', type: 'date' },
      { label: '成交概率', type: 'percent' },
      { label: '竞争对手', type: 'text' },
    ],
  },
  complaint: {
    name: '客户投诉处理',
    icon: 'alert',
    linkContact: true,
    linkStaff: true,
    statuses: [
      { key: 'open', label: '已受理', color: 'red' },
      { key: 'handling', label: '处理中', color: 'yellow' },
      { key: 'resolved', label: '已解决', color: 'green', final: true },
      { key: 'closed', label: '已关闭', color: 'gray', final: true },
    ],
    transitions: { open: ['handling', 'closed'], handling: ['resolved', 'open'], resolved: ['closed', 'handling'], closed: [] },
    fields: [
      { label: '严重程度', type: 'select', options: opt('一般', '严重', '紧急'), required: true },
      { label: '处理人', type: 'staff' },
      { label: '处理结果', type: 'longText' },
      { label: '处理时长(小时)', type: 'decimal' },
    ],
  },
  visit: {
    name: '客户回访',
    icon: 'phone',
    linkContact: true,
    linkStaff: true,
    statuses: [
      { key: 'planned', label: '计划中', color: 'blue' },
      { key: 'done', label: '已完成', color: 'green', final: true },
      { key: 'cancelled', label: '已取消', color: 'gray', final: true },
    ],
    transitions: { planned: ['done', 'cancelled'], done: [], cancelled: ['planned'] },
    fields: [
      { label: '回访日期', type: 'date', indexed: true },
      { label: '回访方式', type: 'select', options: opt('电话', '上门', '微信', '邮件') },
      { label: '回访结果', type: 'longText' },
      { label: '下次回访', type: 'date' },
    ],
  },
  satisfaction: {
    name: '满意度调查',
    icon: 'star',
    linkContact: true,
    linkStaff: false,
    statuses: [
      { key: 'sent', label: '已发出', color: 'blue' },
      { key: 'answered', label: '已回收', color: 'green', final: true },
    ],
    transitions: {},
    fields: [
      { label: '产品质量评分', type: 'integer' },
      { label: '服务态度评分', type: 'integer' },
      { label: '交付及时评分', type: 'integer' },
      { label: '总体满意度', type: 'integer' },
      { label: '意见建议', type: 'longText' },
    ],
  },
};

/** Creates a business type and its fields from a template, all or nothing, as one logged write. */
export function createFromTemplate(ws: Workspace, ctx: CallContext, template: BusinessTemplate, name?: string): BusinessType {
  return getBusinessType(
    ws,
    runWrite(ws, ctx, (tx) => insertFromTemplate(tx, template, name)),
  );
}

/** createFromTemplate inside a caller's write (demo data makes its types in its own transaction). */
export function insertFromTemplate(tx: WriteTx, template: BusinessTemplate, name?: string): string {
  const t = TEMPLATES[template];
  const id = insertBusinessType(tx, {
    name: name ?? t.name,
    icon: t.icon,
    template,
    linkContact: t.linkContact,
    linkStaff: t.linkStaff,
    statuses: t.statuses,
    transitions: t.transitions,
  });
  const fields = t.fields.map((f) => insertField(tx, { ...f, entity: 'record', businessTypeId: id }));
  const columns = fields.map((fieldId) => getField(tx.ws, fieldId)?.columnName ?? '').filter((c) => c !== '');
  const before = readRow(tx, 'businessType', id);
  if (before)
    updateRow(tx, 'businessType', null, before, { listColumns: ['title', 'status', ...columns.slice(0, 3), 'employeeName', 'expenseTotalFen'] });
  return id;
}

export function templateNames(): Record<BusinessTemplate, string> {
  return Object.fromEntries(Object.entries(TEMPLATES).map(([k, v]) => [k, v.name])) as Record<BusinessTemplate, string>;
}

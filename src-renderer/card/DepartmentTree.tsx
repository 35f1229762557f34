import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, Department } from '../../src-shared/domain/organisation';
import { buildTree, type DeptNode } from './org-tree';

/** `all`, `unassigned`, or a department id (ids are UUIDs, so they never clash with the two words). */
export type DeptSelection = string;

interface Props {
  departments: Department[];
  contacts: Contact[];
  selected: DeptSelection;
  onSelect(sel: DeptSelection): void;
  onAddChild(parent: Department | null): void;
  onRename(dept: Department): void;
  onMove(dept: Department): void;
  onDelete(dept: Department): void;
  /** A contact or department dropped on a department (null: top level / unassigned). */
  onDrop(kind: 'contact' | 'department', id: string, target: string | null): void;
}

const DRAG_TYPE = 'application/x-kecard-org';

export function startOrgDrag(e: DragEvent, kind: 'contact' | 'department', id: string): void {
  e.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ kind, id }));
  e.dataTransfer.effectAllowed = 'move';
}

function readDrag(e: DragEvent): { kind: 'contact' | 'department'; id: string } | null {
  try {
    const raw = e.dataTransfer.getData(DRAG_TYPE);
    const v = JSON.parse(raw) as { kind?: unknown; id?: unknown };
    if ((v.kind === 'contact' || v.kind === 'department') && typeof v.id === 'string') return { kind: v.kind, id: v.id };
  } catch {
    // not ours
  }
  return null;
}

/** The customer's organisation as a tree; each node carries its own actions. */
export function DepartmentTree(props: Props) {
  const { t } = useTranslation();
  const { departments, contacts, selected, onSelect } = props;
  const [over, setOver] = useState<string | null>(null);
  const count = (id: string | null) => contacts.filter((c) => c.departmentId === id).length;
  const tree = buildTree(departments);

  const dropProps = (target: string | null, key: string) => ({
    onDragOver: (e: DragEvent) => {
      if (e.dataTransfer.types.includes(DRAG_TYPE)) {
        e.preventDefault();
        setOver(key);
      }
    },
    onDragLeave: () => setOver((o) => (o === key ? null : o)),
    onDrop: (e: DragEvent) => {
      setOver(null);
      const d = readDrag(e);
      if (!d) return;
      e.preventDefault();
      if (d.kind === 'department' && d.id === target) return;
      props.onDrop(d.kind, d.id, target);
    },
  });

  const nodeActions: {
    icon: string;
    title: 'org.addChild' | 'org.rename' | 'org.move' | 'org.delete';
    testId: string;
    danger?: true;
    run(d: Department): void;
  }[] = [
    { icon: '＋', title: 'org.addChild', testId: 'department-add-child', run: props.onAddChild },
    { icon: '✎', title: 'org.rename', testId: 'department-rename', run: props.onRename },
    { icon: '⇅', title: 'org.move', testId: 'department-move', run: props.onMove },
    { icon: '✕', title: 'org.delete', testId: 'department-delete', danger: true, run: props.onDelete },
  ];

  const renderNode = (n: DeptNode) => (
    <li key={n.dept.id}>
      <div
        className={`tree-node${selected === n.dept.id ? ' selected' : ''}${over === n.dept.id ? ' drop-over' : ''}`}
        style={{ paddingLeft: 8 + n.depth * 16 }}
        data-testid="department-node"
        data-id={n.dept.id}
        data-name={n.dept.name}
        draggable
        onDragStart={(e) => startOrgDrag(e, 'department', n.dept.id)}
        onClick={() => onSelect(n.dept.id)}
        {...dropProps(n.dept.id, n.dept.id)}
      >
        <span className="tree-icon">{n.children.length > 0 ? '▾' : '•'}</span>
        <span className="tree-label">{n.dept.name}</span>
        <span className="tree-count">{count(n.dept.id) || ''}</span>
        <span className="tree-actions">
          {nodeActions.map((a) => (
            <button
              key={a.testId}
              type="button"
              className={a.danger ? 'icon danger-icon' : 'icon'}
              title={t(a.title)}
              data-testid={a.testId}
              onClick={(e) => {
                // The row itself selects the department; an action must not.
                e.stopPropagation();
                a.run(n.dept);
              }}
            >
              {a.icon}
            </button>
          ))}
        </span>
      </div>
      {n.children.length > 0 ? <ul>{n.children.map(renderNode)}</ul> : null}
    </li>
  );

  return (
    <div className="dept-tree" data-testid="department-tree">
      <div className={`tree-node special${selected === 'all' ? ' selected' : ''}`} data-testid="department-all" onClick={() => onSelect('all')}>
        <span className="tree-icon">▤</span>
        <span className="tree-label">{t('org.all')}</span>
        <span className="tree-count">{contacts.length || ''}</span>
      </div>
      {tree.length === 0 ? <div className="muted tree-empty">{t('org.noDepartments')}</div> : <ul>{tree.map(renderNode)}</ul>}
      <div
        className={`tree-node special${selected === 'unassigned' ? ' selected' : ''}${over === '__none' ? ' drop-over' : ''}`}
        data-testid="department-unassigned"
        onClick={() => onSelect('unassigned')}
        {...dropProps(null, '__none')}
      >
        <span className="tree-icon">○</span>
        <span className="tree-label">{t('org.unassigned')}</span>
        <span className="tree-count">{count(null) || ''}</span>
      </div>
    </div>
  );
}

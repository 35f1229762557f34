import { useTranslation } from 'react-i18next';
import type { GroupNode } from '../../src-shared/query/query-tree';
import type { Scope } from './builder-context';
import { ConditionRow } from './ConditionRow';
import { freshCondition } from './field-meta';
import { useQuery } from './query-store';
import { RelatedEditor } from './RelatedEditor';
import { newGroup, newRelated, pathKey, type Path } from './tree-ops';

interface Props {
  group: GroupNode;
  path: Path;
  scope: Scope;
  /** The sub-group of a related condition: its AND/OR is set through its owner, which also removes it as a whole. */
  onOp?: (op: 'and' | 'or') => void;
}

/** An AND/OR group: its children, the switch between AND and OR, and the add buttons. */
export function GroupEditor({ group, path, scope, onOp }: Props) {
  const { t } = useTranslation();
  const replace = useQuery((s) => s.replace);
  const append = useQuery((s) => s.append);
  const setWhere = useQuery((s) => s.setWhere);
  const key = pathKey(path);
  const isRoot = path.length === 0;

  const setOp = (op: 'and' | 'or') => {
    if (onOp) onOp(op);
    else if (isRoot) setWhere({ ...group, op });
    else replace(path, { ...group, op });
  };
  const first = scope.fields[0];

  return (
    <div
      className={`qb-group${isRoot ? ' root' : ''}${onOp ? ' embedded' : ''} op-${group.op}`}
      data-testid="qb-group"
      data-path={key}
      data-op={group.op}
    >
      <div className="qb-group-head">
        <div className="segmented qb-op" role="group">
          {(['and', 'or'] as const).map((op) => (
            <button
              key={op}
              type="button"
              className={group.op === op ? 'on' : ''}
              aria-pressed={group.op === op}
              title={t(op === 'and' ? 'qb.andHint' : 'qb.orHint')}
              data-testid={`qb-group-op-${op}`}
              data-path={key}
              onClick={() => setOp(op)}
            >
              {t(`qb.${op}`)}
            </button>
          ))}
        </div>
        <span className="muted small">{t(group.op === 'and' ? 'qb.andHint' : 'qb.orHint')}</span>
        <span className="toolbar-spacer" />
        {!isRoot && !onOp ? (
          <button
            type="button"
            className="icon qb-remove"
            title={t('qb.remove')}
            data-testid="qb-remove-group"
            data-path={key}
            onClick={() => replace(path, null)}
          >
            ✕
          </button>
        ) : null}
      </div>
      <div className="qb-children">
        {group.children.length === 0 ? <div className="muted small qb-empty">{t('qb.emptyGroup')}</div> : null}
        {group.children.map((child, i) => {
          const childPath = [...path, i];
          if (child.kind === 'group') return <GroupEditor key={i} group={child} path={childPath} scope={scope} />;
          if (child.kind === 'related') return <RelatedEditor key={i} node={child} path={childPath} relations={scope.relations ?? []} />;
          return <ConditionRow key={i} node={child} path={childPath} scope={scope} />;
        })}
      </div>
      <div className="qb-group-actions">
        <button
          type="button"
          data-testid="qb-add-condition"
          data-path={key}
          disabled={!first}
          onClick={() => first && append(path, freshCondition(first))}
        >
          + {t('qb.addCondition')}
        </button>
        <button type="button" data-testid="qb-add-group" data-path={key} onClick={() => append(path, newGroup(group.op === 'and' ? 'or' : 'and'))}>
          + {t('qb.addGroup')}
        </button>
        {scope.relations && scope.relations.length > 0 ? (
          <button
            type="button"
            data-testid="qb-add-related"
            data-path={key}
            onClick={() => append(path, newRelated(scope.relations?.[0]?.relation ?? 'orders'))}
          >
            + {t('qb.addRelated')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

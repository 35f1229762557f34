import { create } from 'zustand';
import type { FavouriteFolderDto, SavedQueryDto } from '../../src-shared/contract/query-methods';
import { emptyQuery, type GroupNode, type QueryDefinition, type QueryNode } from '../../src-shared/query/query-tree';
import { useApp } from '../app/app-store';
import { appendAt, replaceAt, type Path } from './tree-ops';

export type QueryTab = 'simple' | 'builder' | 'forms';
export interface QueryProblem {
  path: string;
  code: 'unknownField' | 'badOperator' | 'missingValue' | 'unknownRelation' | 'fieldHidden';
  field?: string | undefined;
}

interface QueryState {
  tab: QueryTab;
  definition: QueryDefinition;
  /** The saved query being edited, if any. */
  saved: { id: string; name: string; shared: boolean; pinned: boolean; mine: boolean } | null;
  /** The favourites folder the query was opened from (shown in the title). */
  folderName: string | null;
  /** Conditions that do not fit: from the saved query, then from every live count. */
  problems: QueryProblem[];
  /** The definition the results show; null before the first run. */
  ran: QueryDefinition | null;
  /** Bumped by every run, so the same definition can be run again. */
  runSeq: number;
  setTab(tab: QueryTab): void;
  setEntity(entity: QueryDefinition['entity']): void;
  setWhere(where: GroupNode): void;
  replace(path: Path, node: QueryNode | null): void;
  append(path: Path, node: QueryNode): void;
  setProblems(problems: QueryProblem[]): void;
  setSaved(saved: QueryState['saved']): void;
  run(definition?: QueryDefinition): void;
  newQuery(): void;
  openSaved(q: SavedQueryDto): void;
  openFolder(folder: FavouriteFolderDto): void;
}

/** The query screen: the tree being built, the saved query it came from, what the results show. */
export const useQuery = create<QueryState>((set, get) => ({
  tab: 'builder',
  definition: emptyQuery('customer'),
  saved: null,
  folderName: null,
  problems: [],
  ran: null,
  runSeq: 0,
  setTab(tab) {
    set({ tab });
  },
  setEntity(entity) {
    if (entity === get().definition.entity) return;
    set({ definition: emptyQuery(entity), problems: [], ran: null, saved: null, folderName: null });
  },
  setWhere(where) {
    set({ definition: { ...get().definition, where } });
  },
  replace(path, node) {
    const d = get().definition;
    set({ definition: { ...d, where: replaceAt(d.where, path, node) } });
  },
  append(path, node) {
    const d = get().definition;
    set({ definition: { ...d, where: appendAt(d.where, path, node) } });
  },
  setProblems(problems) {
    set({ problems });
  },
  setSaved(saved) {
    set({ saved });
  },
  run(definition) {
    const d = definition ?? get().definition;
    // A definition from the simple form is a new, unsaved query.
    set({ ran: d, runSeq: get().runSeq + 1, ...(definition ? { definition, saved: null, folderName: null, problems: [] } : {}) });
  },
  newQuery() {
    set({ definition: emptyQuery(get().definition.entity), saved: null, folderName: null, problems: [], ran: null, tab: 'builder' });
  },
  openSaved(q) {
    useApp.getState().setScreen('queries');
    set({
      tab: 'builder',
      definition: q.definition,
      saved: { id: q.id, name: q.name, shared: q.shared, pinned: q.pinned, mine: q.mine },
      folderName: null,
      problems: q.problems,
      // A broken query shows what is broken instead of running.
      ran: q.problems.length === 0 ? q.definition : null,
      runSeq: get().runSeq + 1,
    });
  },
  openFolder(folder) {
    useApp.getState().setScreen('queries');
    const definition: QueryDefinition = {
      entity: folder.entity,
      where: { kind: 'group', op: 'and', children: [{ kind: 'condition', field: 'favouriteFolder', operator: 'in', values: [folder.id] }] },
    };
    set({ tab: 'builder', definition, saved: null, folderName: folder.name, problems: [], ran: definition, runSeq: get().runSeq + 1 });
  },
}));

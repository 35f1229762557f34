import { divisionTree } from '../services/regions/division-tree';
import type { Handlers } from './handlers';

export function createRegionHandlers(): Pick<Handlers, 'regions.tree'> {
  return {
    'regions.tree': () => [...divisionTree()],
  };
}

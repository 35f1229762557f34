import { useEffect, useState } from 'react';
import { onEvent } from '../api/client';

/** A counter that moves whenever main reports a change of one of these entities (saved queries, favourites …). */
export function useChangeVersion(entities: readonly string[]): number {
  const [version, setVersion] = useState(0);
  const key = entities.join(',');
  useEffect(() => {
    const names = key.split(',');
    return onEvent((e) => {
      if (e.type === 'data.changed' && e.entities.some((x) => names.includes(x))) setVersion((v) => v + 1);
    });
  }, [key]);
  return version;
}

import { useEffect } from 'react';
import type { Entity } from '../../src-shared/domain/change-log';
import { api } from '../api/client';
import { useData } from '../api/use-data';
import { useAnalysis } from './analysis-store';
import type { SchemeDto } from './report-types';

/** A scheme saved or deleted, or a period applied: the scheme list and its periods follow. */
export const SCHEME_ENTITIES: readonly Entity[] = ['classificationScheme', 'classificationRun'];

/** The saved schemes, kept current. */
export function useSchemeList(): { schemes: SchemeDto[] | null; error: string | null } {
  const { data, error } = useData(() => api.classification.schemes({}) as Promise<SchemeDto[]>, [], SCHEME_ENTITIES);
  return { schemes: data, error };
}

/** The periods a scheme has been applied for (empty without a scheme), kept current. */
export function useSchemePeriods(schemeId: string | null): string[] {
  const { data } = useData(() => (schemeId ? api.classification.periods({ schemeId }) : Promise.resolve([])), [schemeId], SCHEME_ENTITIES);
  return schemeId ? (data ?? []) : [];
}

/** The schemes, the one the class reports read (remembered in the store), and its applied periods. */
export function useSchemes(): { schemes: SchemeDto[]; scheme: SchemeDto | null; periods: string[]; loaded: boolean } {
  const schemeId = useAnalysis((s) => s.schemeId);
  const setSchemeId = useAnalysis((s) => s.setSchemeId);
  const list = useSchemeList();
  const schemes = list.schemes ?? [];
  const scheme = schemes.find((s) => s.id === schemeId) ?? schemes[0] ?? null;
  useEffect(() => {
    if (scheme && scheme.id !== schemeId) setSchemeId(scheme.id);
  }, [scheme, schemeId, setSchemeId]);
  const periods = useSchemePeriods(scheme?.id ?? null);
  return { schemes, scheme, periods, loaded: list.schemes !== null || list.error !== null };
}

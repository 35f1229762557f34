import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useChangeVersion } from '../queries/use-change-version';
import { useAnalysis } from './analysis-store';
import type { SchemeDto } from './report-types';

/** The schemes, the one the class reports read (remembered in the store), and its applied periods. */
export function useSchemes(): { schemes: SchemeDto[]; scheme: SchemeDto | null; periods: string[]; loaded: boolean } {
  const schemeId = useAnalysis((s) => s.schemeId);
  const setSchemeId = useAnalysis((s) => s.setSchemeId);
  const version = useChangeVersion(['classificationScheme', 'classificationRun']);
  const [schemes, setSchemes] = useState<SchemeDto[]>([]);
  const [periods, setPeriods] = useState<string[]>([]);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let live = true;
    api.classification
      .schemes({})
      .then((list) => {
        if (!live) return;
        setSchemes(list as SchemeDto[]);
        setLoaded(true);
      })
      .catch(() => setLoaded(true));
    return () => {
      live = false;
    };
  }, [version]);
  const scheme = schemes.find((s) => s.id === schemeId) ?? schemes[0] ?? null;
  useEffect(() => {
    if (scheme && scheme.id !== schemeId) setSchemeId(scheme.id);
  }, [scheme, schemeId, setSchemeId]);
  const id = scheme?.id ?? null;
  useEffect(() => {
    if (!id) return;
    let live = true;
    api.classification
      .periods({ schemeId: id })
      .then((p) => {
        if (live) setPeriods(p);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [id, version]);
  return { schemes, scheme, periods: id ? periods : [], loaded };
}

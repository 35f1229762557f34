import i18next from 'i18next';
import { useEffect, useState } from 'react';
import type { Employee } from '../../src-shared/domain/organisation';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useApp, useDataVersion } from '../app/app-store';
import { toast } from '../components/toast-store';

/** Our staff, re-read whenever an employee changes or another workspace opens. */
export function useEmployees(includeInactive: boolean): Employee[] | null {
  const version = useDataVersion((s) => s.employees);
  const path = useApp((s) => s.workspace?.path ?? null);
  const [list, setList] = useState<Employee[] | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    api.employees
      .list({ includeInactive })
      .then((rows) => {
        if (live) setList(rows);
      })
      .catch((err: unknown) => toast.error(errorText(i18next.t.bind(i18next), err)));
    return () => {
      live = false;
    };
  }, [version, path, includeInactive]);
  return list;
}
